// AssetProfiler and AssetAssessor on merged assets, against the installed intel and the project's
// catalog: which statements name which vendor, how sure, how the asset is judged, and which
// findings (SOV-007..010) follow.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/asset_assessor.h"
#include "assess/asset_merger.h"
#include "assess/asset_profiler.h"
#include "assess/vendor_attributor.h"
#include "intel/intel_fixture.h"
#include "inventory/model_clue.h"

namespace sovscan {
namespace {

MacAddress mac(const char* s) { return *MacAddress::parse(s); }
IpAddress ip(const char* s) { return *IpAddress::parse(s); }

AssetRecord cmdb_row(std::string id, std::string manufacturer, std::vector<MacAddress> macs = {}) {
    AssetRecord r;
    r.source = AssetSource{AssetSourceKind::cmdb, "cmdb.csv", "line 2", "column manufacturer"};
    r.inventory_id = std::move(id);
    r.macs = std::move(macs);
    r.add_attribute("manufacturer", std::move(manufacturer), "high", r.source);
    return r;
}

struct Profiled {
    std::vector<MergedAsset> assets;
    std::vector<Finding> findings;
};

Profiled profile(const Intel& intel, const Policy& policy, std::vector<AssetRecord> records,
                 std::vector<Finding> traffic_findings = {}) {
    Profiled p;
    p.assets = AssetMerger().merge(records);
    AssetProfiler(intel, policy).profile(p.assets, ExposuresAndFindings{nullptr, &traffic_findings});
    p.findings = AssetAssessor(intel, policy).assess(p.assets, traffic_findings);
    return p;
}

std::vector<std::string> bases(const MergedAsset& a) {
    std::vector<std::string> out;
    for (const VendorAttribution& v : a.vendors) out.push_back(v.basis + ":" + v.vendor_id + ":" + v.confidence);
    return out;
}

TEST(AssetProfiler, CmdbManufacturerNamesAHighRiskVendor) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    auto p = profile(*intel, policy, {cmdb_row("A-1", "HIKVISION DIGITAL TECHNOLOGY CO.,LTD.")});
    ASSERT_EQ(p.assets.size(), 1u);
    const MergedAsset& a = p.assets[0];
    EXPECT_EQ(bases(a), std::vector<std::string>{"manufacturer:hikvision:high"});
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    EXPECT_EQ(a.judgement.jurisdictions, std::vector<std::string>{"CN"});
    EXPECT_EQ(a.category, "");  // Hikvision makes cameras, recorders and more: no single category
    ASSERT_EQ(p.findings.size(), 1u);
    const Finding& f = p.findings[0];
    EXPECT_EQ(f.rule, RuleId::asset_high_risk_vendor);
    EXPECT_EQ(f.severity, Severity::medium);
    EXPECT_EQ(f.confidence, "high");
    EXPECT_EQ(f.asset.id, "inv:A-1");
    EXPECT_EQ(f.asset.mac_vendor_id, "hikvision");
    EXPECT_EQ(f.asset.mac_vendor_controlled_by, "CN");
    ASSERT_EQ(f.evidence.size(), 1u);
    EXPECT_NE(f.evidence[0].fact.find("manufacturer: \"HIKVISION DIGITAL TECHNOLOGY CO.,LTD.\" names"), std::string::npos)
        << f.evidence[0].fact;
    EXPECT_NE(f.evidence[0].fact.find("data/vendor_names.csv:"), std::string::npos) << f.evidence[0].fact;
    EXPECT_EQ(f.evidence[0].source, "cmdb.csv line 2");
}

TEST(AssetProfiler, CounterExampleManufacturerIsClear) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    auto p = profile(*intel, policy, {cmdb_row("A-2", "Axis Communications AB")});
    EXPECT_EQ(bases(p.assets[0]), std::vector<std::string>{"manufacturer:axis:high"});
    EXPECT_EQ(p.assets[0].verdict, Verdict::clear);
    EXPECT_TRUE(p.findings.empty());
}

TEST(AssetProfiler, MacOuiAttributesUnlessRandomised) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    auto p = profile(*intel, policy,
                     {cmdb_row("A-1", "", {mac("44:47:cc:12:34:56")}), cmdb_row("A-2", "", {mac("46:47:cc:12:34:56")})});
    ASSERT_EQ(p.assets.size(), 2u);
    EXPECT_EQ(bases(p.assets[0]), std::vector<std::string>{"mac_oui:hikvision:medium"});
    EXPECT_EQ(p.assets[0].verdict, Verdict::high_risk);
    // The same OUI with the locally administered bit: a randomised address, no maker.
    EXPECT_TRUE(p.assets[1].randomised_mac);
    EXPECT_TRUE(p.assets[1].vendors.empty());
    EXPECT_EQ(p.assets[1].verdict, Verdict::clear);
    // Not seen in traffic: SOV-007 reports the OUI; with SOV-005 already reporting it, nothing more.
    ASSERT_EQ(p.findings.size(), 1u);
    Finding sov005;
    sov005.rule = RuleId::device_high_risk_vendor;
    sov005.asset.macs = {mac("44:47:cc:12:34:56")};
    auto again = profile(*intel, policy, {cmdb_row("A-1", "", {mac("44:47:cc:12:34:56")})}, {sov005});
    EXPECT_TRUE(again.findings.empty());
}

TEST(AssetProfiler, ModuleMakerOuiAloneIsForReview) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    // An Espressif Wi-Fi module: its OUI says which chip, not who made the device.
    auto p = profile(*intel, policy, {cmdb_row("A-1", "", {mac("24:6f:28:ab:cd:ef")})});
    EXPECT_EQ(bases(p.assets[0]), std::vector<std::string>{"mac_oui:espressif:low"});
    EXPECT_EQ(p.assets[0].verdict, Verdict::review);
    ASSERT_EQ(p.findings.size(), 1u);
    EXPECT_EQ(p.findings[0].severity, Severity::low);  // medium, one step lower
}

TEST(AssetProfiler, SbomComponentsBySupplierAndPackageNamespace) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    AssetRecord sbom;
    sbom.source = AssetSource{AssetSourceKind::sbom, "hmi.cdx.json", "metadata.component", "CycloneDX 1.6"};
    sbom.add_attribute("name", "scada-hmi", "high", sbom.source);
    auto component = [&](std::string name, std::string purl, std::string supplier) {
        SoftwareComponent c;
        c.name = std::move(name);
        c.version = "1.0";
        c.purl = std::move(purl);
        c.supplier = std::move(supplier);
        c.source = AssetSource{AssetSourceKind::sbom, "hmi.cdx.json", "components[0]", "CycloneDX 1.6"};
        return c;
    };
    sbom.software = {component("fastjson", "pkg:maven/com.alibaba/fastjson@1.0", ""),
                     component("dashscope", "pkg:pypi/dashscope@1.0", ""),
                     component("pop-core", "pkg:npm/%40alicloud/pop-core@1.0", "Alibaba Cloud"),
                     component("jackson-core", "pkg:maven/com.fasterxml.jackson.core/jackson-core@1.0", "FasterXML")};
    auto p = profile(*intel, policy, {sbom});
    ASSERT_EQ(p.assets.size(), 1u);
    const MergedAsset& a = p.assets[0];
    EXPECT_EQ(bases(a), (std::vector<std::string>{"sbom_supplier:alibaba-cloud:high", "purl_namespace:alibaba:high",
                                                 "purl_namespace:alibaba-cloud:high",
                                                 "purl_namespace:alibaba-cloud:high"}));
    EXPECT_TRUE(std::all_of(a.vendors.begin(), a.vendors.end(), [](const VendorAttribution& v) { return v.software; }));
    // A library is not what the system is: review, not high-risk.
    EXPECT_EQ(a.verdict, Verdict::review);
    // One SOV-008 per vendor, listing its components.
    ASSERT_EQ(p.findings.size(), 2u);
    EXPECT_EQ(p.findings[0].rule, RuleId::software_high_risk_vendor);
    EXPECT_EQ(p.findings[0].asset.mac_vendor_id, "alibaba-cloud");
    EXPECT_EQ(p.findings[0].summary,
              "scada-hmi contains 2 component(s) from Alibaba Cloud (Aliyun) (CN): pop-core 1.0, dashscope 1.0");
    EXPECT_EQ(p.findings[0].severity, Severity::low);
    EXPECT_EQ(p.findings[1].asset.mac_vendor_id, "alibaba");
}

TEST(AssetProfiler, ModelsOfHighRiskOriginByWhereTheWeightsAre) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    auto model_record = [](std::string path, bool weights) {
        ModelArtifact m;
        m.path = path;
        m.format = weights ? "gguf" : "hf-config";
        m.name = "Qwen2.5 7B Instruct";
        m.local_weights = weights;
        m.source = AssetSource{AssetSourceKind::model, path, "", m.format};
        add_model_clue(m, "architecture", "qwen2", path, "general.architecture", "high");
        AssetRecord r;
        r.source = m.source;
        r.models.push_back(std::move(m));
        return r;
    };
    auto p = profile(*intel, policy, {model_record("/m/qwen.gguf", true), model_record("/m/qwen-api", false)});
    ASSERT_EQ(p.assets.size(), 2u);
    EXPECT_EQ(p.assets[0].category, "ai_model");
    EXPECT_EQ(bases(p.assets[0]), std::vector<std::string>{"model_origin:alibaba:high"});
    ASSERT_EQ(p.findings.size(), 2u);
    EXPECT_EQ(p.findings[0].rule, RuleId::model_high_risk_local);
    EXPECT_EQ(p.findings[0].severity, Severity::low);
    EXPECT_EQ(p.findings[1].rule, RuleId::model_high_risk_api);
    EXPECT_EQ(p.findings[1].severity, Severity::high);
}

TEST(AssetProfiler, WeakEvidenceAloneAsksForReview) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    AssetRecord nmap;
    nmap.source = AssetSource{AssetSourceKind::nmap, "scan.xml", "host 10.0.0.1", ""};
    nmap.ips = {ip("10.0.0.1")};
    // One of nmap's many OS guesses names a PRC vendor.
    nmap.add_attribute("os_vendor", "TP-Link", "medium", AssetSource{AssetSourceKind::nmap, "scan.xml", "host 10.0.0.1", "nmap osclass, accuracy 86%"});
    auto p = profile(*intel, policy, {nmap});
    EXPECT_EQ(bases(p.assets[0]), std::vector<std::string>{"manufacturer:tp-link:low"});
    EXPECT_EQ(p.assets[0].verdict, Verdict::review);
}

TEST(AssetProfiler, PolicyJurisdictionsDecide) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    policy.high_risk_jurisdictions = {"RU"};
    auto p = profile(*intel, policy, {cmdb_row("A-1", "Hikvision")});
    EXPECT_EQ(p.assets[0].verdict, Verdict::clear);
    EXPECT_TRUE(p.findings.empty());
}

TEST(VendorAttributor, VendorCloudsThatNameADeviceMaker) {
    SOVSCAN_REQUIRE_INTEL(intel);
    VendorAttributor attributor(*intel);
    std::vector<VendorAttribution> out;
    attributor.from_cloud("www.hik-connect.com", 12, out);  // Hikvision's device cloud
    attributor.from_cloud("www.alibaba.com", 3, out);       // a web site anyone visits
    attributor.from_cloud("api.deepseek.com", 3, out);      // an LLM API: a service, not a device
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].vendor_id, "hikvision");
    EXPECT_EQ(out[0].basis, "vendor_cloud");
    EXPECT_EQ(out[0].source.detail, "12 flow(s) to www.hik-connect.com (hik-connect.com: device cloud;P2P relay;app backend)");
}

TEST(VendorAttributor, CpeVendorOfAnNmapServiceNamesTheHost) {
    SOVSCAN_REQUIRE_INTEL(intel);
    VendorAttributor attributor(*intel);
    std::vector<VendorAttribution> out;
    SoftwareComponent c;
    c.name = "Hikvision IP camera httpd";
    c.cpe = "cpe:/h:hikvision:ds-2cd2032-i";
    c.source = AssetSource{AssetSourceKind::nmap, "scan.xml", "host 10.0.0.64", "nmap service tcp/80"};
    attributor.from_component(c, out);
    c.cpe = "cpe:2.3:a:tp-link:archer_c7_firmware:*:*:*:*:*:*:*:*";
    attributor.from_component(c, out);
    c.cpe = "cpe:/a:igor_sysoev:nginx:1.2";
    attributor.from_component(c, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].vendor_id, "hikvision");
    EXPECT_FALSE(out[0].software);  // nmap describes the host itself
    EXPECT_EQ(out[0].component, "");
    EXPECT_EQ(out[1].vendor_id, "tp-link");
}

}  // namespace
}  // namespace sovscan
