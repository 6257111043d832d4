// The risk model: asset values (CMDB vs category defaults), which threats apply, the vulnerability
// derivation line by line, and exact scores and levels for constructed cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "assess/policy.h"
#include "risk/register_builder.h"
#include "risk/scale.h"
#include "common/csv_reader.h"
#include "intel/catalog.h"
#include "intel/category.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister build(const std::vector<MergedAsset>& assets, const std::vector<Finding>& findings,
                   const Policy& policy = Policy()) {
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

const RiskEntry* find(const RiskRegister& r, const std::string& asset, const std::string& threat) {
    for (const RiskEntry& e : r.risks)
        if (e.asset_id == asset && e.threat_id == threat) return &e;
    return nullptr;
}

std::vector<std::string> codes(const RiskEntry& r) {
    std::vector<std::string> out;
    for (const RiskReason& x : r.derivation) out.push_back(x.code);
    return out;
}

TEST(RiskScale, LevelsCutOffsAndFixedCzechWording) {
    RiskCutoffs c;
    EXPECT_EQ(c.level_of(1), RiskLevel::low);
    EXPECT_EQ(c.level_of(7), RiskLevel::low);
    EXPECT_EQ(c.level_of(8), RiskLevel::medium);
    EXPECT_EQ(c.level_of(17), RiskLevel::medium);
    EXPECT_EQ(c.level_of(18), RiskLevel::high);
    EXPECT_EQ(c.level_of(35), RiskLevel::high);
    EXPECT_EQ(c.level_of(36), RiskLevel::critical);
    EXPECT_EQ(c.level_of(64), RiskLevel::critical);
    EXPECT_EQ(risk_level_name(RiskLevel::low).cs, "Nízké");
    EXPECT_EQ(risk_level_name(RiskLevel::critical).cs, "Kritické");
    EXPECT_EQ(risk_level_wording(RiskLevel::low).cs, "Riziko je považováno za přijatelné.");
    EXPECT_EQ(risk_level_wording(RiskLevel::medium).cs,
              "Riziko může být sníženo méně náročnými opatřeními nebo v případě vyšší náročnosti opatření je riziko "
              "přijatelné.");
    EXPECT_EQ(risk_level_wording(RiskLevel::high).cs,
              "Riziko je dlouhodobě nepřípustné a musí být zahájeny systematické kroky k jeho odstranění.");
    EXPECT_EQ(risk_level_wording(RiskLevel::critical).cs,
              "Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho odstranění.");
    EXPECT_EQ(risk_level_wording(RiskLevel::critical).en,
              "The risk is not acceptable and steps to remove it must be started without delay.");
    EXPECT_EQ(scale_level_name(3).cs, "Vysoká");
    EXPECT_EQ(scale_level_name(3).en, "High");
}

TEST(RiskCatalog, ProjectThreatsCarryTheWarningsWithTheirLevels) {
    const RiskCatalog& c = project_risk_catalog();
    const ThreatEntry* prc = c.threat("NUKIB-2025-PRC");
    ASSERT_TRUE(prc);
    EXPECT_EQ(prc->level, 3);
    EXPECT_EQ(prc->issued, "2025-09-03");
    EXPECT_EQ(prc->jurisdictions, (std::vector<std::string>{"CN", "HK", "MO"}));
    EXPECT_NE(prc->citation.find("úroveň hrozby Vysoká"), std::string::npos);
    EXPECT_NE(prc->source.find("nukib.gov.cz"), std::string::npos);
    const ThreatEntry* deepseek = c.threat("NUKIB-2025-DEEPSEEK");
    ASSERT_TRUE(deepseek);
    EXPECT_EQ(deepseek->issued, "2025-07-10");
    EXPECT_TRUE(deepseek->excludes_local_models);
    const ThreatEntry* huawei = c.threat("NUKIB-2018-HUAWEI-ZTE");
    ASSERT_TRUE(huawei);
    EXPECT_EQ(huawei->issued, "2018-12-17");
    EXPECT_NE(std::find(huawei->vendor_ids.begin(), huawei->vendor_ids.end(), "zte"), huawei->vendor_ids.end());
    // Ten measures, plus incident handling and reporting for remote access from a high-risk
    // jurisdiction (issue 15); each names the decree's sections it carries out.
    EXPECT_EQ(c.measures().size(), 12u);
    for (const MeasureEntry& m : c.measures()) EXPECT_EQ(m.decree.rfind("§ ", 0), 0u) << m.id << ": " << m.decree;
    ASSERT_TRUE(c.measure("M-INCIDENT-REPORTING"));
    EXPECT_EQ(c.measure("M-INCIDENT-REPORTING")->decree, "§ 14 odst. 1 písm. j) a m)");
    EXPECT_EQ(c.measure("M-INCIDENT-REPORTING")->triggers, std::vector<std::string>{"inbound"});
    ASSERT_TRUE(c.asset_value("camera"));
    EXPECT_EQ(c.asset_value("Camera")->category, "ip_camera");
    EXPECT_EQ(c.asset_value("no-such-category")->category, "default");
}

TEST(RiskCatalog, ThreatsNameOnlyCatalogVendorsAndCountryCodes) {
    std::vector<std::string> problems;
    auto vendors = Catalog::load(source_dir() + "/data", problems);
    ASSERT_TRUE(vendors);
    for (const ThreatEntry& t : project_risk_catalog().threats()) {
        for (const std::string& id : t.vendor_ids) EXPECT_TRUE(vendors->vendor(id)) << t.id << ": " << id;
        for (const std::string& cc : t.jurisdictions) EXPECT_EQ(cc.size(), 2u) << t.id << ": " << cc;
        EXPECT_FALSE(t.source.empty()) << t.id;
        EXPECT_FALSE(t.citation.empty()) << t.id;
    }
    for (const MeasureEntry& m : project_risk_catalog().measures()) {
        EXPECT_FALSE(m.source.empty()) << m.id;
        EXPECT_FALSE(m.name.cs.empty() || m.name.en.empty()) << m.id;
    }
}

TEST(RiskCatalog, BadRowsAreReportedWithFileLineAndColumn) {
    RiskCatalogTables t;
    std::string error;
    ASSERT_TRUE(CsvTable::parse(
        "threat_id,name_cs,name_en,level,aspects,jurisdictions,vendor_ids,excludes,issued,issuer,citation,confidence,source\n"
        "T1,a,b,5,C,CN,,,2025-01-01,X,c,high,s\n"
        "T2,a,b,3,Q,,,,2025-01-01,X,c,high,s\n",
        t.threats, error));
    std::vector<std::string> problems;
    auto c = RiskCatalog::from_tables(t, problems);
    EXPECT_TRUE(c->threats().empty());
    auto has = [&](const std::string& s) {
        return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p == s; });
    };
    EXPECT_TRUE(has("threats.csv:2: level: '5' is not 1-4"));
    EXPECT_TRUE(has("threats.csv:3: aspects: 'Q' is not C, I or A"));
    EXPECT_TRUE(has("threats.csv:3: jurisdictions: neither jurisdictions nor vendor_ids: the threat would apply to nothing"));
    EXPECT_TRUE(has("measures.csv: missing column measure_id"));
}

// Every category word the asset merge can produce finds a row of data/risk_asset_values.csv:
// data/vendors.csv's device categories, "ai_model" (a host with model files), nmap's device types
// (https://nmap.org/book/osdetect-device-types.html), SBOM component types, and CMDB free text.
// Words that say what a thing is built as, not what it is for, are the "default" row on purpose.
TEST(RiskCatalog, EveryCategoryTheMergeProducesHasARow) {
    const RiskCatalog& c = project_risk_catalog();
    auto row = [&](std::string_view word) {
        const AssetValueDefault* d = c.asset_value(word);
        return d ? d->category : std::string("(none)");
    };
    CsvTable vendors;
    std::string error;
    std::stringstream text;
    text << std::ifstream(source_dir() + "/data/vendors.csv").rdbuf();
    ASSERT_FALSE(text.str().empty());
    ASSERT_TRUE(CsvTable::parse(text.str(), vendors, error)) << error;
    for (size_t r = 0; r < vendors.size(); ++r) {
        std::string list(vendors.get(r, "categories"));
        for (size_t start = 0; start <= list.size();) {
            size_t end = std::min(list.find(';', start), list.size());
            const std::string word = list.substr(start, end - start);
            // What a device is (a vendor cloud's or a single-category vendor's category, AssetProfiler);
            // service categories (a marketplace, a CDN) never become an asset's category.
            if (is_device_category(word)) EXPECT_NE(row(word), "default") << word;
            start = end + 1;
        }
    }
    const std::pair<const char*, const char*> expected[] = {
        {"ai_model", "llm_ai"}, {"router", "network_equipment"}, {"WAP", "network_equipment"},
        {"webcam", "ip_camera"}, {"broadband router", "network_equipment"}, {"firewall", "network_equipment"},
        {"switch", "network_equipment"}, {"general purpose", "server"}, {"phone", "smartphone"},
        {"VoIP phone", "telephony"}, {"PBX", "telephony"}, {"printer", "consumer_iot"}, {"media device", "consumer_iot"},
        {"power-device", "power"}, {"storage-misc", "server"}, {"remote management", "server"},
        {"security-misc", "network_equipment"}, {"terminal", "workstation"}, {"game console", "consumer_iot"},
        {"specialized", "default"}, {"application", "default"}, {"firmware", "default"}, {"device", "default"},
        {"library", "default"}, {"operating-system", "server"}, {"machine-learning-model", "llm_ai"},
        {"IP Camera", "ip_camera"}, {"Kamera", "ip_camera"}, {"Střídač", "pv_inverter"}, {"Elektroměr", "smart_meter"},
        {"Notebook", "workstation"}, {"Tiskárna", "consumer_iot"}, {"UPS", "power"}, {"PLC", "ics"},
        {"  Access  Point ", "network_equipment"}, {"no such thing", "default"}};
    for (const auto& [word, category] : expected) EXPECT_EQ(row(word), category) << word;
    EXPECT_EQ(category_key(" VoIP - phone/adapter "), "voip_phone_adapter");
}

TEST(RiskModel, CameraSendingMuchToChinaWithoutExceptionIsCritical) {
    RiskRegister r = build({camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    const RiskEntry* e = find(r, "inv:CAM-1", "NUKIB-2025-PRC");
    ASSERT_TRUE(e);
    // ip_camera defaults C3 I2 A2 (the CMDB gave none); the PRC threat harms all three.
    EXPECT_EQ(e->impact, 3);
    EXPECT_EQ(e->impact_aspects, "C;I;A");
    EXPECT_EQ(e->threat_level, 3);
    // Without exception or measure the residual lines change nothing: residual = inherent.
    EXPECT_EQ(codes(*e), (std::vector<std::string>{"base", "outbound", "volume", "undecided", "inherent",
                                                   "undecided_findings", "residual"}));
    EXPECT_EQ(e->derivation[1].args, (std::vector<std::string>{"api.hik-connect.com", "SOV-001"}));
    EXPECT_EQ(e->derivation[2].args, (std::vector<std::string>{"50.0 MB", "10.0 MB"}));
    EXPECT_EQ(e->derivation[3].delta, 1);
    EXPECT_EQ(e->derivation[4].running, 4);
    EXPECT_EQ(e->derivation[5].args, (std::vector<std::string>{"1", "1"}));
    EXPECT_EQ(e->derivation.back().running, 4);
    EXPECT_EQ(e->inherent_score, 36);
    EXPECT_EQ(e->vulnerability, 4);
    EXPECT_EQ(e->score, 36);
    EXPECT_EQ(e->level, RiskLevel::critical);
    EXPECT_EQ(e->status, RiskStatus::open);
    // Hikvision is not a Huawei/ZTE company, and DeepSeek is not involved.
    EXPECT_FALSE(find(r, "inv:CAM-1", "NUKIB-2018-HUAWEI-ZTE"));
    EXPECT_FALSE(find(r, "inv:CAM-1", "NUKIB-2025-DEEPSEEK"));
    EXPECT_EQ(r.risks.size(), 1u);
}

TEST(RiskModel, LittleVolumeAddsNothingAndSaysSo) {
    RiskRegister r = build({camera()}, {egress_cn("10.0.0.5", 1'200'000)});
    const RiskEntry* e = find(r, "inv:CAM-1", "NUKIB-2025-PRC");
    ASSERT_TRUE(e);
    EXPECT_EQ(codes(*e), (std::vector<std::string>{"base", "outbound", "volume_low", "undecided", "inherent",
                                                   "undecided_findings", "residual"}));
    EXPECT_EQ(e->derivation[2].delta, 0);
    EXPECT_EQ(e->vulnerability, 3);
    EXPECT_EQ(e->score, 27);
    EXPECT_EQ(e->level, RiskLevel::high);
}

TEST(RiskModel, InventoryValuesWinOverCategoryDefaults) {
    MergedAsset cam = camera();
    cam.cia = CiaValues{1, 0, 4};  // C and A from the CMDB, I left to the default
    RiskRegister r = build({cam}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.assets.size(), 1u);
    const ValuedAsset& v = r.assets[0];
    EXPECT_EQ(v.c.value, 1);
    EXPECT_TRUE(v.c.from_inventory);
    EXPECT_EQ(v.i.value, 2);
    EXPECT_FALSE(v.i.from_inventory);
    EXPECT_EQ(v.a.value, 4);
    EXPECT_EQ(v.default_row, "ip_camera");
    EXPECT_EQ(find(r, "inv:CAM-1", "NUKIB-2025-PRC")->impact, 4);
    EXPECT_EQ(find(r, "inv:CAM-1", "NUKIB-2025-PRC")->score, 48);
    EXPECT_EQ(v.risk_ids, (std::vector<std::string>{"R.AD5TF.PRC"}));
}

TEST(RiskModel, UnknownCategoryGetsTheDefaultRow) {
    MergedAsset a = camera();
    a.category = "";
    RiskRegister r = build({a}, {egress_cn("10.0.0.5", 50'000'000)});
    EXPECT_EQ(r.assets[0].default_row, "default");
    EXPECT_EQ(r.assets[0].c.value, 2);
    EXPECT_EQ(find(r, "inv:CAM-1", "NUKIB-2025-PRC")->score, 2 * 3 * 4);
}

TEST(RiskModel, DeviceWithoutTrafficIsValuedOnTheMissingDecisionOnly) {
    RiskRegister r = build({camera()}, {});
    const RiskEntry* e = find(r, "inv:CAM-1", "NUKIB-2025-PRC");
    ASSERT_TRUE(e);
    EXPECT_EQ(codes(*e), (std::vector<std::string>{"base", "device_only", "undecided", "inherent", "undecided_asset",
                                                   "residual"}));
    EXPECT_EQ(e->derivation[1].args, (std::vector<std::string>{"Hikvision", "manufacturer"}));
    EXPECT_EQ(e->vulnerability, 2);
    EXPECT_EQ(e->score, 18);
    EXPECT_EQ(e->level, RiskLevel::high);
}

TEST(RiskModel, CounterExampleAndPartialVendorsRaiseNoRisk) {
    MergedAsset a = camera();
    a.vendors = {vendor("axis", "Axis", "SE", "no", "manufacturer"), vendor("tp-link-systems", "TP-Link", "US", "partial", "mac_oui")};
    RiskRegister r = build({a}, {});
    EXPECT_TRUE(r.risks.empty());
    ASSERT_EQ(r.assets.size(), 1u);  // still valued and listed
}

TEST(RiskModel, RemoteAdministrationToAnAdminPortIsCapped) {
    RiskRegister r = build({camera()}, {egress_cn("10.0.0.5", 50'000'000), inbound_cn("10.0.0.5", "1.2.3.4", "SSH/22")});
    const RiskEntry* e = find(r, "inv:CAM-1", "NUKIB-2025-PRC");
    ASSERT_TRUE(e);
    EXPECT_EQ(codes(*e), (std::vector<std::string>{"base", "outbound", "volume", "inbound", "admin_port", "undecided", "cap",
                                                   "inherent_capped", "undecided_findings", "cap", "residual"}));
    EXPECT_EQ(e->derivation[3].args, (std::vector<std::string>{"1.2.3.4"}));
    EXPECT_EQ(e->derivation[4].args, (std::vector<std::string>{"SSH/22"}));
    EXPECT_EQ(e->derivation[5].running, 6);
    EXPECT_EQ(e->derivation[6].args, (std::vector<std::string>{"6"}));
    EXPECT_EQ(e->derivation[6].delta, -2);
    EXPECT_EQ(e->derivation[7].args, (std::vector<std::string>{"6"}));  // the residual counts down from 6
    EXPECT_EQ(e->derivation[8].running, 6);
    EXPECT_EQ(e->vulnerability, 4);
    EXPECT_EQ(e->score, 36);
    EXPECT_EQ(e->triggers, (std::vector<std::string>{"located", "vendor_cloud", "vendor_device", "inbound", "admin_port",
                                                     "vendor_device_high", "any"}));
}

TEST(RiskModel, LocalDeepSeekWeightsAreExcludedButListed) {
    MergedAsset gpu;
    gpu.id = "host:gpu1";
    gpu.name = "gpu1";
    gpu.category = "llm_ai";
    ModelArtifact m;
    m.name = "DeepSeek-R1-Distill-Qwen-7B";
    m.local_weights = true;
    gpu.models.push_back(m);
    gpu.vendors.push_back(vendor("deepseek", "DeepSeek", "CN", "yes", "model_origin"));
    RiskRegister r = build({gpu}, {});
    const RiskEntry* d = find(r, "host:gpu1", "NUKIB-2025-DEEPSEEK");
    ASSERT_TRUE(d);
    EXPECT_EQ(codes(*d), (std::vector<std::string>{"base", "local_model", "inherent", "residual"}));
    EXPECT_EQ(d->derivation[1].args, (std::vector<std::string>{"DeepSeek-R1-Distill-Qwen-7B"}));
    EXPECT_EQ(d->vulnerability, 1);
    EXPECT_EQ(d->impact_aspects, "C;I");
    EXPECT_EQ(d->score, 3 * 3 * 1);  // llm_ai: C3 I3 A2 -> impact over C, I = 3
    EXPECT_EQ(d->level, RiskLevel::medium);
    ASSERT_TRUE(find(r, "host:gpu1", "NUKIB-2025-PRC"));
    EXPECT_EQ(find(r, "host:gpu1", "NUKIB-2025-PRC")->vulnerability, 1);

    // The same host calling DeepSeek's API is no longer local-only.
    Finding api = egress_cn("10.0.0.9", 2'000'000, "1.2.3.9", "api.deepseek.com");
    api.counterpart.edit().vendor_id = "deepseek";
    api.counterpart.edit().vendor_name = "DeepSeek";
    gpu.ips.push_back(*IpAddress::parse("10.0.0.9"));
    r = build({gpu}, {api});
    d = find(r, "host:gpu1", "NUKIB-2025-DEEPSEEK");
    ASSERT_TRUE(d);
    EXPECT_EQ(codes(*d), (std::vector<std::string>{"base", "outbound", "volume_low", "undecided", "inherent",
                                                   "undecided_findings", "residual"}));
    EXPECT_EQ(d->vulnerability, 3);
}

TEST(RiskModel, HuaweiRouterFallsUnderBothWarnings) {
    MergedAsset router;
    router.id = "inv:RT-1";
    router.name = "core router";
    router.category = "Router";  // an alias of network_equipment, any case
    router.ips.push_back(*IpAddress::parse("10.0.0.1"));
    router.vendors.push_back(vendor("huawei", "Huawei", "CN", "yes", "manufacturer"));
    RiskRegister r = build({router}, {});
    ASSERT_EQ(r.risks.size(), 2u);
    const RiskEntry* h = find(r, "inv:RT-1", "NUKIB-2018-HUAWEI-ZTE");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->impact, 3);  // network_equipment C3 I3 A3
    EXPECT_EQ(h->score, 3 * 3 * 2);
    EXPECT_EQ(r.assets[0].default_row, "network_equipment");
    // Ids from the asset and the threat: one asset, two threats.
    EXPECT_EQ(find(r, "inv:RT-1", "NUKIB-2025-PRC")->id, "R.N9R0X.PRC");
    EXPECT_EQ(h->id, "R.N9R0X.HUAWEIZTE");
}

TEST(RiskModel, FindingsOfAnUnlistedAssetGetAnAssetOfTheirOwn) {
    RiskRegister r = build({}, {egress_cn("10.9.9.9", 10)});
    ASSERT_EQ(r.assets.size(), 1u);
    EXPECT_EQ(r.assets[0].id, "ip:10.9.9.9");
    ASSERT_EQ(r.risks.size(), 1u);
    EXPECT_EQ(r.risks[0].asset_id, "ip:10.9.9.9");
    EXPECT_EQ(r.risks[0].score, 2 * 3 * 3);  // default C/I/A 2; outbound +1, no exception +1
}

TEST(RiskModel, SortedByScoreWithStableIds) {
    MergedAsset low = camera("10.0.0.6", "inv:A-LOW");
    low.cia = CiaValues{1, 1, 1};
    RiskRegister r = build({camera(), low}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 2u);
    EXPECT_EQ(r.risks[0].asset_id, "inv:CAM-1");  // 36 first
    EXPECT_EQ(r.risks[0].id, "R.AD5TF.PRC");  // ids from the asset and the threat
    EXPECT_EQ(r.risks[1].id, "R.67Z44.PRC");
    EXPECT_EQ(r.risks[1].score, 1 * 3 * 2);
    EXPECT_EQ(r.risks[1].level, RiskLevel::low);
}

}  // namespace
}  // namespace sovscan::test
