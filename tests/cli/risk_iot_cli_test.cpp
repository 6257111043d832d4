// `sovscan risk` on real IoT captures (iot-sentinel: devices that DHCP from 0.0.0.0) with a Czech
// CMDB the test writes: devices with and without addresses, uncatalogued manufacturers, a PRC
// module maker known by its OUI (Espressif). Issue 15: every finding on the right asset (defect 1),
// every supplier a real supplier, each in its own row (defect 2), the significant-supplier flag, the
// operator's suppliers file and the counterpart operators apart (item 8).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RiskIotCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("risk-iot");
        // The kettle, the coffee machine and the Edimax plug have no address in the CMDB (they
        // take one by DHCP); the TP-Link plug has its lease. Manufacturers as an operator writes
        // them: Smarter and ELV are in no catalog, Edimax's OUI registrant is not mapped to the
        // catalog's Edimax, TP-Link is catalogued, the Siemens gateway and the Hama clock are known
        // to the CMDB only.
        write("cmdb.csv",
              "id,name,ip,mac,manufacturer,category,owner,c,i,a\r\n"
              "P-1,Chytrá zásuvka kuchyň,,74:da:38:4a:76:49,Edimax Technology,smart_plug,Správa budov,2,2,2\r\n"
              "K-1,Konvice,,5c:cf:7f:06:d9:02,Smarter Applications Ltd.,appliance,Správa budov,1,1,1\r\n"
              "K-2,Kávovar,,5c:cf:7f:07:ae:fb,\"SMARTER APPLICATIONS, LTD\",appliance,Správa budov,1,1,1\r\n"
              "T-1,Zásuvka TP-Link,10.10.10.228,50:c7:bf:00:fc:a3,TP-Link,smart_plug,IT,3,2,2\r\n"
              "S-1,Brána Siemens,10.10.10.50,,Siemens,network_equipment,IT,2,2,2\r\n"
              "E-1,Termostat,,,ELV Elektronik AG,other,IT,1,1,1\r\n");
    }

    static std::string captures() {
        std::string s;
        for (const char* c : {"EdimaxPlug1101W/Setup-A-3-STA.pcap", "iKettle2/Setup-A-1-STA.pcap",
                              "SmarterCoffee/Setup-A-1-STA.pcap", "TP-LinkPlugHS100/Setup-C-13-STA.pcap"})
            s += corpus_file(std::string("iot-sentinel/") + c) + " ";
        return s;
    }
    static std::string inputs() {
        return captures() + "--home-net 10.10.10.0/24 --inventory " + path("cmdb.csv") + " --no-progress --fail-on never";
    }
    static json risk_json(const std::string& extra = "") {
        CliResult r = run_sovscan("risk " + inputs() + " " + extra + " --format json --lang en");
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out);
    }
    static const json* risk_of(const json& j, const std::string& asset_id) {
        for (const json& r : j["risks"])
            if (r["asset"] == asset_id && r["threat"] == "NUKIB-2025-PRC") return &r;
        return nullptr;
    }
    static std::vector<std::string> finding_summaries(const json& risk) {
        std::vector<std::string> v;
        for (const json& f : risk["findings"]) v.push_back(f["rule"].get<std::string>() + " " + f["summary"].get<std::string>());
        return v;
    }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Defect 1: the kettle, the coffee machine and the TP-Link plug DHCP from 0.0.0.0; their SOV-005
// findings were all tied to the Edimax plug (the first asset holding 0.0.0.0), which is no PRC
// device at all, while the kettle and the coffee machine read "no traffic seen".
TEST_F(RiskIotCli, EachFindingOnItsOwnAsset) {
    const json j = risk_json();
    EXPECT_EQ(risk_of(j, "inv:P-1"), nullptr) << risk_of(j, "inv:P-1")->dump();
    const json* kettle = risk_of(j, "inv:K-1");
    const json* coffee = risk_of(j, "inv:K-2");
    const json* plug = risk_of(j, "inv:T-1");
    ASSERT_NE(kettle, nullptr);
    ASSERT_NE(coffee, nullptr);
    ASSERT_NE(plug, nullptr);
    // Its lease address in the summary, not the 0.0.0.0 it asked for the lease from.
    EXPECT_EQ(finding_summaries(*kettle).size(), 1u) << kettle->dump();
    EXPECT_TRUE(has(finding_summaries(*kettle).at(0), "SOV-005 5c:cf:7f:06:d9:02 (10.10.10.245)")) << kettle->dump();
    EXPECT_EQ(finding_summaries(*coffee).size(), 1u) << coffee->dump();
    EXPECT_TRUE(has(finding_summaries(*coffee).at(0), "SOV-005 5c:cf:7f:07:ae:fb (10.10.10.146)"));
    // The plug's own: three NTP servers in CN, its TP-Link interface, its TP-Link make.
    std::map<std::string, int> rules;
    for (const json& f : (*plug)["findings"]) ++rules[f["rule"]];
    EXPECT_EQ(rules, (std::map<std::string, int>{{"SOV-001", 3}, {"SOV-005", 1}, {"SOV-007", 1}})) << plug->dump();
    // One finding, one asset: no summary appears under two assets.
    std::map<std::string, int> seen;
    for (const json& r : j["risks"])
        for (const std::string& s : finding_summaries(r)) ++seen[s];
    for (const auto& [s, n] : seen) EXPECT_EQ(n, 1) << s;
    // No asset is known by an address that names no host.
    CliResult assets = run_sovscan("assets " + inputs() + " --format json");
    ASSERT_EQ(assets.exit_code, 0) << assets.err;
    const json listed = json::parse(assets.out);  // a range-for would not keep a temporary alive
    for (const json& a : listed["assets"])
        for (const json& ip : a["ips"]) EXPECT_NE(ip, "0.0.0.0") << a.dump();
}

// Defect 1, the timeline: its rows are named after the asset the finding is about.
TEST_F(RiskIotCli, TimelineRowsNameTheRightAsset) {
    CliResult r = run_sovscan("risk " + inputs() + " -q -o " + path("timeline.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read("timeline.html");
    EXPECT_TRUE(has(html, ">SOV-005 Konvice<"));
    EXPECT_TRUE(has(html, ">SOV-005 Kávovar<"));
    EXPECT_TRUE(has(html, ">SOV-005 Zásuvka TP-Link<"));
    EXPECT_FALSE(has(html, "SOV-005 Chytrá zásuvka"));
}

const json* supplier(const json& j, const std::string& id) {
    for (const json& s : j["suppliers"])
        if (s["id"] == id) return &s;
    return nullptr;
}

std::vector<std::string> strings(const json& a) { return a.get<std::vector<std::string>>(); }

// Defect 2: every manufacturer in its own row (uncatalogued ones keyed by normalised name, the PRC
// module maker by its OUI), SOV-007 counted, a cloud operator a service provider and never the
// maker, the networks of the NTP servers counterparts and not suppliers.
TEST_F(RiskIotCli, SuppliersAreRealSuppliersEachInItsOwnRow) {
    const json j = risk_json();
    std::vector<std::string> ids;
    for (const json& s : j["suppliers"]) ids.push_back(s["id"]);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"david electronics", "edimax technology", "elv elektronik", "espressif",
                                              "siemens", "smarter applications", "tp-link", "tp-link-systems"}));
    const json* espressif = supplier(j, "espressif");
    ASSERT_NE(espressif, nullptr);
    EXPECT_EQ(strings((*espressif)["assets"]), (std::vector<std::string>{"inv:K-1", "inv:K-2"}));
    EXPECT_EQ((*espressif)["catalogued"], true);
    EXPECT_EQ((*espressif)["high_risk"], true);
    EXPECT_EQ((*espressif)["findings"], 2);
    EXPECT_EQ(strings((*espressif)["roles"]), std::vector<std::string>{"manufacturer"});
    // Two spellings of one uncatalogued maker: one row, both names kept.
    const json* smarter = supplier(j, "smarter applications");
    ASSERT_NE(smarter, nullptr);
    EXPECT_EQ((*smarter)["catalogued"], false);
    EXPECT_EQ(strings((*smarter)["assets"]), (std::vector<std::string>{"inv:K-1", "inv:K-2"}));
    EXPECT_EQ(strings((*smarter)["names"]),
              (std::vector<std::string>{"Smarter Applications Ltd.", "SMARTER APPLICATIONS, LTD"}));
    // Known to the CMDB only.
    EXPECT_EQ(strings((*supplier(j, "elv elektronik"))["assets"]), std::vector<std::string>{"inv:E-1"});
    EXPECT_EQ(strings((*supplier(j, "siemens"))["assets"]), std::vector<std::string>{"inv:S-1"});
    EXPECT_EQ(strings((*supplier(j, "edimax technology"))["assets"]), std::vector<std::string>{"inv:P-1"});
    // TP-Link: the interface (SOV-005) and the make (SOV-007), both counted.
    const json* tplink = supplier(j, "tp-link");
    ASSERT_NE(tplink, nullptr);
    EXPECT_EQ((*tplink)["findings"], 2);
    EXPECT_EQ(strings((*tplink)["basis"]), (std::vector<std::string>{"manufacturer", "mac_oui", "SOV-005", "SOV-007"}));
    // The plug's cloud: a service it depends on, not its maker.
    EXPECT_EQ(strings((*supplier(j, "tp-link-systems"))["roles"]), std::vector<std::string>{"service"});
    // The NTP servers' networks are counterparts.
    for (const json& s : j["suppliers"]) EXPECT_FALSE(has(s["name"], "CERNET")) << s.dump();
    ASSERT_FALSE(j["counterpart_operators"].empty());
    const json& cernet = j["counterpart_operators"][0];
    EXPECT_EQ(cernet["name"], "CERNET (China Education and Research Network)");
    EXPECT_EQ(strings(cernet["roles"]), std::vector<std::string>{"destination"});
    EXPECT_EQ(strings(cernet["counterparts"]), (std::vector<std::string>{"s1b.time.edu.cn", "0.cn.pool.ntp.org"}));
    EXPECT_EQ(cernet["high_risk"], true);
}

// Item 8: the significant-supplier flag and its criteria.
TEST_F(RiskIotCli, SignificantSuppliersByTheCriteria) {
    const json j = risk_json();
    EXPECT_EQ(strings((*supplier(j, "espressif"))["significance"]), std::vector<std::string>{"high_risk_jurisdiction"});
    // T-1 is valued C 3: its maker supplies an important asset.
    EXPECT_EQ(strings((*supplier(j, "tp-link"))["significance"]),
              (std::vector<std::string>{"high_risk_jurisdiction", "important_asset"}));
    // The cloud the plug keeps a channel to, and sends data to.
    EXPECT_EQ(strings((*supplier(j, "tp-link-systems"))["significance"]),
              (std::vector<std::string>{"remote_access", "data"}));
    EXPECT_EQ((*supplier(j, "tp-link-systems"))["significant"], true);
    EXPECT_EQ((*supplier(j, "siemens"))["significant"], false);
    EXPECT_TRUE((*supplier(j, "siemens"))["significance"].empty());
}

// Item 8: the operator's list as Czech Excel writes it (BOM, semicolons, Czech headers, D.M.YYYY),
// with a hostile contract cell, merged into the rows.
TEST_F(RiskIotCli, SuppliersFileMergedIntoTheRegister) {
    write("dodavatele.csv",
          "\xEF\xBB\xBF"
          "Dodavatel;Smlouva;Kontakt;Poslední hodnocení;Významný\r\n"
          "espressif;SML-2024-17;nakup@example.cz;15.3.2025;\r\n"
          "Smarter Applications;\"Rámcová; 2023\";servis@smarter.example;2024-11-30;ano\r\n"
          "Údržba Novák s.r.o.;SML-9;novak@example.cz;;ne\r\n"
          "TP-Link;\"=HYPERLINK(\"\"http://x.example\"\")\";<script>alert(1)</script>;;\r\n");
    const json j = risk_json("--suppliers " + path("dodavatele.csv"));
    const json* espressif = supplier(j, "espressif");
    ASSERT_NE(espressif, nullptr);
    EXPECT_EQ((*espressif)["contract"], "SML-2024-17");
    EXPECT_EQ((*espressif)["contact"], "nakup@example.cz");
    EXPECT_EQ((*espressif)["last_assessment"], "2025-03-15");
    EXPECT_EQ((*espressif)["listed_at"], path("dodavatele.csv") + ":2");
    EXPECT_TRUE((*espressif)["significance_override"].is_null());
    const json* smarter = supplier(j, "smarter applications");
    ASSERT_NE(smarter, nullptr);
    EXPECT_EQ((*smarter)["contract"], "Rámcová; 2023");
    EXPECT_EQ((*smarter)["significant"], true);  // the operator's word: no criterion holds
    EXPECT_EQ((*smarter)["significance_override"], "yes");
    const json* novak = supplier(j, "údržba novák");
    ASSERT_NE(novak, nullptr) << j["suppliers"].dump();
    EXPECT_EQ((*novak)["name"], "Údržba Novák s.r.o.");
    EXPECT_EQ(strings((*novak)["basis"]), std::vector<std::string>{"suppliers_file"});
    EXPECT_EQ((*novak)["significant"], false);
    EXPECT_TRUE((*novak)["assets"].empty());
    // "TP-Link" is the catalog's tp-link, not a new supplier.
    EXPECT_EQ((*supplier(j, "tp-link"))["contract"], "=HYPERLINK(\"http://x.example\")");
    EXPECT_EQ(supplier(j, "tp link"), nullptr);

    CliResult html = run_sovscan("risk " + inputs() + " --suppliers " + path("dodavatele.csv") + " -q -o " + path("s.html"));
    ASSERT_EQ(html.exit_code, 0) << html.err;
    const std::string page = read("s.html");
    EXPECT_TRUE(has(page, "ano – určil provozovatel (" + path("dodavatele.csv") + ":3)"));
    EXPECT_TRUE(has(page, "smlouva: SML-2024-17; kontakt: nakup@example.cz; poslední hodnocení: 2025-03-15"));
    EXPECT_TRUE(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(has(page, "<script>alert"));
    CliResult csv = run_sovscan("risk " + inputs() + " --suppliers " + path("dodavatele.csv") + " -o " + path("reg.csv"));
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_TRUE(has(csv.out, "written to " + path("reg-suppliers.csv"))) << csv.out;
    const std::string suppliers_csv = read("reg-suppliers.csv");
    EXPECT_EQ(suppliers_csv.rfind("supplier_id,catalogued,name,roles,", 0), 0u);
    EXPECT_FALSE(has(suppliers_csv, ",=HYPERLINK"));
    EXPECT_FALSE(has(suppliers_csv, ",\"=HYPERLINK"));
    EXPECT_TRUE(has(suppliers_csv, "\r\nespressif,yes,\"Espressif Systems (Shanghai) Co., Ltd.\",výrobce,CN,yes,yes,"));
}

// Item 8: a bad list is refused with every problem on its own line, before any capture is read.
TEST_F(RiskIotCli, SuppliersFileErrorsPerLine) {
    write("bad-header.csv", "supplier,contract,colour\nespressif,X,red\n");
    CliResult header = run_sovscan("risk " + inputs() + " --suppliers " + path("bad-header.csv") + " -o " + path("bad.html"));
    EXPECT_EQ(header.exit_code, 2);
    EXPECT_TRUE(has(header.err, path("bad-header.csv") + ":1: unknown column 'colour' (columns: supplier, contract, "
                                                          "contact, last_assessment, significant)"))
        << header.err;
    write("bad-rows.csv",
          "supplier,significant,last_assessment\n"
          "espressif,maybe,2025-01-01\n"
          ",yes,\n"
          "tp-link,,2025-02-30\n"
          "Espressif,no,\n"
          "siemens,no\n");
    CliResult rows = run_sovscan("risk " + inputs() + " --suppliers " + path("bad-rows.csv") + " -o " + path("bad.html"));
    EXPECT_EQ(rows.exit_code, 2);
    const std::string f = path("bad-rows.csv");
    for (const std::string& e :
         {f + ":2: significant 'maybe' is neither yes nor no", f + ":3: no supplier named",
          f + ":4: last_assessment '2025-02-30' is not a date (YYYY-MM-DD or D.M.YYYY)",
          f + ":5: supplier 'Espressif' is listed already at " + f + ":2", f + ":6: 2 fields, the header has 3"})
        EXPECT_TRUE(has(rows.err, e)) << e << "\n" << rows.err;
    EXPECT_FALSE(fs::exists(path("bad.html")));
    CliResult missing = run_sovscan("risk " + inputs() + " --suppliers " + path("none.csv") + " -o " + path("bad.html"));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(has(missing.err, path("none.csv") + ": cannot open")) << missing.err;
}

// Item 8: the counterpart operators apart from the suppliers, in every writer.
TEST_F(RiskIotCli, CounterpartOperatorsInEveryWriter) {
    CliResult md = run_sovscan("risk " + inputs() + " --format md --lang en");
    ASSERT_EQ(md.exit_code, 0) << md.err;
    const size_t suppliers = md.out.find("## 4. Register of suppliers");
    const size_t counterparts = md.out.find("### Counterpart operators");
    ASSERT_NE(suppliers, std::string::npos);
    ASSERT_NE(counterparts, std::string::npos);
    EXPECT_LT(suppliers, counterparts);
    EXPECT_EQ(md.out.find("CERNET"), md.out.find("CERNET", counterparts)) << "CERNET before the counterparts section";
    CliResult html = run_sovscan("risk " + inputs() + " --format html");
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_TRUE(has(html.out, "<section id=\"counterpart-operators\"><h3>Provozovatelé protistran</h3>"));
    EXPECT_TRUE(has(html.out, "cíl odesílaných dat"));
    ASSERT_EQ(run_sovscan("risk " + inputs() + " --lang en -q -o " + path("cp.csv")).exit_code, 0);
    const std::string cp = read("cp-counterparts.csv");
    EXPECT_EQ(cp.rfind("operator,roles,jurisdiction,high_risk,counterparts,assets,rules,findings,risks\r\n"
                       "CERNET (China Education and Research Network),destination of data sent,CN,yes,"
                       "s1b.time.edu.cn; 0.cn.pool.ntp.org,inv:T-1,SOV-001,2,",
                       0),
              0u)
        << cp;
    EXPECT_FALSE(has(read("cp-suppliers.csv"), "CERNET"));
}

// Defect 2, "a cloud operator listed as the maker of a Siemens gateway": on the project's sample,
// Siemens makes the gateway (its OUI) and runs a cloud a workstation uses; each asset says which.
TEST_F(RiskIotCli, EachAssetSaysWhatTheSupplierIsToIt) {
    const std::string tool = fs::path(sovscan_binary()).parent_path().string() + "/sovscan-sample-capture";
    ASSERT_EQ(std::system((tool + " " + path("sample.pcapng") + " >/dev/null").c_str()), 0);
    CliResult r = run_sovscan("risk " + path("sample.pcapng") +
                              " --home-net 10.20.0.0/16 --no-progress --fail-on never --format json --lang en");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    const json* siemens = supplier(j, "siemens");
    ASSERT_NE(siemens, nullptr);
    EXPECT_EQ((*siemens)["dependencies"],
              json::parse(R"([{"asset": "mac:98:e7:43:01:02:03", "roles": ["service"], "basis": ["vendor_cloud"]},
                              {"asset": "mac:ec:1c:5d:00:00:01", "roles": ["manufacturer"], "basis": ["mac_oui"]}])"));
    CliResult md = run_sovscan("risk " + path("sample.pcapng") +
                               " --home-net 10.20.0.0/16 --no-progress --fail-on never --format md");
    EXPECT_TRUE(has(md.out, "mac:98:e7:43:01:02:03 (poskytovatel služby (cloud, API)), mac:ec:1c:5d:00:00:01 (výrobce)"))
        << md.out.substr(md.out.find("## 4."), 3000);
    // The remote party of the inbound session and the resolver's operator are counterparts.
    std::vector<std::string> counterparts;
    for (const json& c : j["counterpart_operators"])
        counterparts.push_back(c["name"].get<std::string>() + ": " + c["roles"][0].get<std::string>());
    EXPECT_EQ(counterparts, (std::vector<std::string>{"Alibaba Cloud: destination",
                                                       "114DNS (Nanjing Xinfeng Network Technology): resolver",
                                                       "China Telecom: remote_party", "Tencent Cloud: destination"}));
}

}  // namespace
}  // namespace sovscan::test
