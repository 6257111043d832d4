// The project's data/*.csv: sound on their own and against the installed ASN and IEEE data, and the
// validator itself catches each kind of bad row.
#include <gtest/gtest.h>

#include <algorithm>

#include "intel/asn_table.h"
#include "intel/catalog.h"
#include "intel/oui_registry.h"
#include "intel_fixture.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += "\n  " + x;
    return s;
}

TEST(Catalog, RepositoryDataIsValidAgainstInstalledIntel) {
    std::vector<std::string> problems;
    auto catalog = Catalog::load(test::source_dir() + "/data", problems);
    ASSERT_TRUE(problems.empty()) << joined(problems);
    IntelPaths paths = default_intel_paths();
    AsnTable asn;
    OuiRegistry oui;
    std::string error;
    ASSERT_TRUE(asn.open(paths.intel_dir + "/asn.bin", error))
        << paths.intel_dir << "/asn.bin: " << error << "; run scripts/install-intel.sh";
    ASSERT_TRUE(oui.open(paths.intel_dir + "/oui.bin", error))
        << paths.intel_dir << "/oui.bin: " << error << "; run scripts/install-intel.sh";
    auto found = validate_catalog(*catalog, &asn, &oui);
    EXPECT_TRUE(found.empty()) << found.size() << " problem(s):" << joined(found);
    EXPECT_GE(catalog->vendors().size(), 150u);
    EXPECT_GE(catalog->domains().size(), 180u);
    EXPECT_GE(catalog->asn_operators().size(), 270u);
    EXPECT_GE(catalog->oui_vendors().size(), 230u);
    EXPECT_GE(catalog->public_resolvers().size(), 30u);
}

TEST(Catalog, CounterExamplesAreNotPrcLinked) {
    SOVSCAN_REQUIRE_INTEL(intel);
    for (const char* id : {"axis", "sma", "fronius", "siemens", "samsung", "apple"}) {
        const Vendor* v = intel->vendor(id);
        ASSERT_NE(v, nullptr) << id;
        EXPECT_EQ(v->prc_linked, "no") << id;
    }
    for (const char* id : {"huawei", "hikvision", "dahua", "tuya", "deepseek", "alibaba-cloud"}) {
        const Vendor* v = intel->vendor(id);
        ASSERT_NE(v, nullptr) << id;
        EXPECT_EQ(v->prc_linked, "yes") << id;
        EXPECT_EQ(v->control_country, "CN") << id;
    }
    EXPECT_EQ(intel->vendor("no-such-vendor"), nullptr);
}

// A small, valid catalogue to break one row at a time.
CatalogTables good_tables() {
    CatalogTables t;
    std::string e;
    EXPECT_TRUE(CsvTable::parse(
        "vendor_id,name,parent,hq_country,control_country,categories,prc_linked,confidence,notes,source\n"
        "acme,\"Acme, Ltd.\",,CN,CN,ip_camera;cloud,yes,high,,https://example.org/acme\n"
        "acme-sub,Acme Sub,acme,HK,CN,ip_camera,yes,medium,,https://example.org/sub\n"
        "goodco,GoodCo,,DE,DE,pv_inverter,no,high,counter-example,https://example.org/good\n",
        t.vendors, e)) << e;
    EXPECT_TRUE(CsvTable::parse("domain,vendor_id,purpose,categories,match,confidence,notes,source\n"
                                "acme-cloud.com,acme,device cloud,ip_camera,suffix,high,,https://example.org/d\n",
                                t.vendor_domains, e)) << e;
    EXPECT_TRUE(CsvTable::parse("asn,as_org,operator,control_country,kind,confidence,notes,source\n"
                                "4134,Chinanet,China Telecom,CN,telecom,high,,ip-location-db asn csv\n",
                                t.asn_operators, e)) << e;
    EXPECT_TRUE(CsvTable::parse("vendor_id,ieee_org_name,registry,assignment_count,confidence,notes,source\n"
                                "acme,\"HUAWEI TECHNOLOGIES CO.,LTD\",MA-L,966,high,,ieee-data oui.csv\n",
                                t.oui_vendors, e)) << e;
    EXPECT_TRUE(CsvTable::parse("address,operator,service,jurisdiction,vendor_id,confidence,notes,source\n"
                                "223.5.5.5,AliDNS,public resolver,CN,acme,high,,https://example.org/dns\n",
                                t.public_resolvers, e)) << e;
    return t;
}

std::vector<std::string> problems_of(const CatalogTables& t) {
    std::vector<std::string> conversion;
    auto c = Catalog::from_tables(t, conversion);
    auto p = validate_catalog(*c, nullptr, nullptr);
    p.insert(p.end(), conversion.begin(), conversion.end());
    return p;
}

bool mentions(const std::vector<std::string>& problems, std::string_view needle) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

// Replaces the data row of `table` with `row` (same header).
void set_row(CsvTable& table, const std::string& header, const std::string& row) {
    std::string e;
    ASSERT_TRUE(CsvTable::parse(header + "\n" + row + "\n", table, e)) << e;
}

TEST(CatalogValidator, GoodTablesPass) {
    auto p = problems_of(good_tables());
    EXPECT_TRUE(p.empty()) << joined(p);
}

TEST(CatalogValidator, CatchesEachKindOfBadRow) {
    const std::string vh = "vendor_id,name,parent,hq_country,control_country,categories,prc_linked,confidence,notes,source";
    const std::string dh = "domain,vendor_id,purpose,categories,match,confidence,notes,source";
    const std::string ah = "asn,as_org,operator,control_country,kind,confidence,notes,source";
    const std::string oh = "vendor_id,ieee_org_name,registry,assignment_count,confidence,notes,source";
    const std::string rh = "address,operator,service,jurisdiction,vendor_id,confidence,notes,source";
    struct Case {
        int table;  // 0 vendors, 1 domains, 2 asns, 3 oui, 4 resolvers
        std::string row, expect;
    } cases[] = {
        {0, "acme,Acme,,CN,CN,ip_camera,yes,high,,", "empty source"},
        {0, "acme,Acme,,CN,CN,ip_camera,yes,sure,,s", "confidence"},
        {0, "acme,Acme,,China,CN,ip_camera,yes,high,,s", "hq_country"},
        {0, "acme,Acme,,CN,CN,toaster,yes,high,,s", "unknown category"},
        {0, "acme,Acme,,CN,CN,ip_camera,maybe,high,,s", "prc_linked"},
        {0, "Acme Corp,Acme,,CN,CN,ip_camera,yes,high,,s", "slug"},
        {0, "acme,Acme,nobody-known,CN,CN,ip_camera,yes,high,,s", "parent"},
        {1, "evil-.com,acme,device cloud,ip_camera,suffix,high,,s", "malformed domain"},
        {1, "Acme-Cloud.com,acme,device cloud,ip_camera,suffix,high,,s", "malformed domain"},
        {1, "acme-cloud.com,nobody,device cloud,ip_camera,suffix,high,,s", "unknown vendor_id"},
        {1, "good.com,goodco,corporate site,other,suffix,high,,s", "counter-example"},
        {1, "acme-cloud.com,acme,device cloud,ip_camera,prefix,high,,s", "match"},
        {2, "34947,Alibaba Travel Company (LTD),Alibaba,CN,cloud,high,,s", "look-alike"},
        {2, "4134,Chinanet,China Telecom,CN,isp,high,,s", "kind"},
        {2, "AS4134,Chinanet,China Telecom,CN,telecom,high,,s", "not a number"},
        {3, "acme,Polestar Corp.,MA-L,1,high,,s", "look-alike"},
        {3, "acme,Acme,MA-X,1,high,,s", "registry"},
        {3, "nobody,Acme,MA-L,1,high,,s", "unknown vendor_id"},
        {3, "acme,Acme,MA-L,many,high,,s", "not a number"},
        {4, "10.0.0.1,Corp DNS,resolver,CN,,high,,s", "not a public address"},
        {4, "223.5.5.5,AliDNS,resolver,CN,nobody,high,,s", "unknown vendor_id"},
        {4, "223.5.5.999,AliDNS,resolver,CN,,high,,s", "not an IP address"},
    };
    for (const auto& c : cases) {
        CatalogTables t = good_tables();
        CsvTable* tables[] = {&t.vendors, &t.vendor_domains, &t.asn_operators, &t.oui_vendors, &t.public_resolvers};
        const std::string* headers[] = {&vh, &dh, &ah, &oh, &rh};
        if (c.table == 0) {
            // Keep goodco and the parent chain resolvable when the first vendor row is replaced.
            std::string e;
            ASSERT_TRUE(CsvTable::parse(vh + "\n" + c.row + "\ngoodco,GoodCo,,DE,DE,pv_inverter,no,high,,s\n", t.vendors, e));
        } else {
            set_row(*tables[c.table], *headers[c.table], c.row);
        }
        auto p = problems_of(t);
        EXPECT_TRUE(mentions(p, c.expect)) << "row: " << c.row << "\nexpected a problem mentioning '" << c.expect
                                           << "', got:" << joined(p);
    }
}

TEST(CatalogValidator, Duplicates) {
    CatalogTables t = good_tables();
    std::string e;
    ASSERT_TRUE(CsvTable::parse("domain,vendor_id,purpose,categories,match,confidence,notes,source\n"
                                "acme-cloud.com,acme,device cloud,ip_camera,suffix,high,,s\n"
                                "acme-cloud.com,acme,device cloud,ip_camera,suffix,high,,s\n",
                                t.vendor_domains, e));
    ASSERT_TRUE(CsvTable::parse("vendor_id,ieee_org_name,registry,assignment_count,confidence,notes,source\n"
                                "acme,Acme Ltd,MA-L,1,high,,s\n"
                                "goodco,ACME  LTD,MA-M,1,high,,s\n",
                                t.oui_vendors, e));
    auto p = problems_of(t);
    EXPECT_TRUE(mentions(p, "duplicate domain acme-cloud.com")) << joined(p);
    EXPECT_TRUE(mentions(p, "mapped to both acme and goodco")) << joined(p);
}

TEST(CatalogValidator, ChecksAgainstInstalledData) {
    IntelPaths paths = default_intel_paths();
    AsnTable asn;
    OuiRegistry oui;
    std::string error;
    ASSERT_TRUE(asn.open(paths.intel_dir + "/asn.bin", error)) << error << "; run scripts/install-intel.sh";
    ASSERT_TRUE(oui.open(paths.intel_dir + "/oui.bin", error)) << error << "; run scripts/install-intel.sh";
    CatalogTables t = good_tables();
    std::string e;
    ASSERT_TRUE(CsvTable::parse("asn,as_org,operator,control_country,kind,confidence,notes,source\n"
                                "4134,Chinanet,China Telecom,CN,telecom,high,,s\n"
                                "4294967000,Nobody,Nobody,CN,telecom,high,,s\n",
                                t.asn_operators, e));
    ASSERT_TRUE(CsvTable::parse("vendor_id,ieee_org_name,registry,assignment_count,confidence,notes,source\n"
                                "acme,\"huawei   technologies co.,ltd\",MA-L,966,high,,s\n"
                                "acme,Acme Imaginary Devices Ltd,MA-L,1,high,,s\n"
                                "acme,Espressif Inc.,MA-S,1,high,,s\n",
                                t.oui_vendors, e));
    std::vector<std::string> conv;
    auto c = Catalog::from_tables(t, conv);
    auto p = validate_catalog(*c, &asn, &oui);
    EXPECT_TRUE(mentions(p, "AS4294967000 is not in the installed ASN data")) << joined(p);
    EXPECT_FALSE(mentions(p, "AS4134")) << joined(p);
    EXPECT_TRUE(mentions(p, "Acme Imaginary Devices Ltd")) << joined(p);
    EXPECT_TRUE(mentions(p, "\"Espressif Inc.\" (MA-S) has no assignment")) << joined(p);
    EXPECT_FALSE(mentions(p, "huawei")) << joined(p);  // folded name matches the registry
    // And the mapping works on folded names at query time.
    EXPECT_NE(c->vendor_for_org("HUAWEI TECHNOLOGIES CO.,LTD"), nullptr);
}

TEST(CatalogLoad, MissingColumnsAndFilesAreProblems) {
    CatalogTables t = good_tables();
    std::string e;
    ASSERT_TRUE(CsvTable::parse("vendor_id,name\nacme,Acme\n", t.vendors, e));
    std::vector<std::string> conv;
    Catalog::from_tables(t, conv);
    EXPECT_TRUE(mentions(conv, "vendors.csv: missing column hq_country")) << joined(conv);
    std::vector<std::string> missing;
    Catalog::load("/nonexistent-sovscan-catalog", missing);
    EXPECT_EQ(missing.size(), 5u);
    EXPECT_TRUE(mentions(missing, "/nonexistent-sovscan-catalog/vendors.csv")) << joined(missing);
}

}  // namespace
}  // namespace sovscan
