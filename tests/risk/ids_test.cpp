// Stable ids (issue 15, item 7): a risk's id comes from its asset and threat, a treatment item's
// from its measure, so that another CMDB row or an applied measure renumbers nothing.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "assess/exception_applier.h"
#include "assess/policy_file.h"
#include "risk/ids.h"
#include "risk/register_builder.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister build(const Policy& policy, const std::vector<MergedAsset>& assets, std::vector<Finding> findings) {
    ExceptionApplier(policy, kToday).apply(findings);
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

std::map<std::string, std::string> ids_by_pair(const RiskRegister& r) {
    std::map<std::string, std::string> out;
    for (const RiskEntry& e : r.risks) out[e.asset_id + " " + e.threat_id] = e.id;
    return out;
}

MergedAsset huawei_router(const char* id) {
    MergedAsset router;
    router.id = id;
    router.name = "core router";
    router.category = "router";
    router.ips.push_back(*IpAddress::parse("10.0.0.1"));
    router.vendors.push_back(vendor("huawei", "Huawei", "CN", "yes", "manufacturer"));
    return router;
}

// Today: the second run's new CMDB row "inv:AAA-1" sorts first and takes R-001, so every risk of
// the first run gets another id, and applying a measure renumbers T-01, T-02, ...
TEST(RiskIds, AnotherCmdbRowAndAnAppliedMeasureRenumberNothing) {
    const std::vector<Finding> findings = {egress_cn("10.0.0.5", 50'000'000), egress_cn("10.0.0.6", 2'000),
                                           inbound_cn("10.0.0.6", "1.180.0.9", "SSH/22")};
    const RiskRegister first = build(Policy(), {camera(), camera("10.0.0.6", "inv:CAM-2"), huawei_router("inv:RT-1")}, findings);
    const Policy applied = parse_policy_file("risk:\n  measures:\n    M-EGRESS-JUR: {status: applied, note: geo-blocking}\n",
                                             "site.yaml");
    const RiskRegister second = build(
        applied, {huawei_router("inv:AAA-1"), camera(), camera("10.0.0.6", "inv:CAM-2"), huawei_router("inv:RT-1")}, findings);

    const auto before = ids_by_pair(first), after = ids_by_pair(second);
    ASSERT_EQ(before.size(), 4u);
    ASSERT_EQ(after.size(), 6u);  // the new router under two warnings
    for (const auto& [pair, id] : before) EXPECT_EQ(after.at(pair), id) << pair;
    EXPECT_EQ(before.at("inv:CAM-1 NUKIB-2025-PRC"), "R.AD5TF.PRC");
    EXPECT_EQ(before.at("inv:RT-1 NUKIB-2018-HUAWEI-ZTE"), "R.N9R0X.HUAWEIZTE");

    // Treatment items by measure: the ones in both plans keep their ids.
    std::map<std::string, std::string> plan_before, plan_after;
    for (const TreatmentItem& t : first.treatment) plan_before[t.measure_id] = t.id;
    for (const TreatmentItem& t : second.treatment) plan_after[t.measure_id] = t.id;
    EXPECT_EQ(plan_before.at("M-EGRESS-JUR"), "T.EGRESS.JUR");
    EXPECT_EQ(plan_after.count("M-EGRESS-JUR"), 0u);  // applied: no longer in the plan
    for (const auto& [measure, id] : plan_before)
        if (plan_after.count(measure)) EXPECT_EQ(plan_after.at(measure), id) << measure;
    EXPECT_EQ(plan_before.at("M-REMOTE-ACCESS-OFF"), "T.REMOTE.ACCESS.OFF");
}

// Only letters, digits and periods: nothing a printer breaks a line at (a hyphen is).
TEST(RiskIds, IdsHaveNoHyphenAndLongerHashesWhenShortOnesCollide) {
    const std::regex form(R"(R\.[0-9A-HJKMNP-TV-Z]{5}\.(PRC|DEEPSEEK|HUAWEIZTE))");
    const RiskRegister r = build(Policy(), {camera(), huawei_router("inv:RT-1")}, {egress_cn("10.0.0.5", 1'000)});
    for (const RiskEntry& e : r.risks) EXPECT_TRUE(std::regex_match(e.id, form)) << e.id;
    EXPECT_EQ(treatment_id("M-VENDOR-CLOUD-OFF"), "T.VENDOR.CLOUD.OFF");

    // inv:PC-1982 and inv:PC-7230 share their first five characters (PV70S): both get ten.
    EXPECT_EQ(asset_id_hash("inv:PC-1982"), asset_id_hash("inv:PC-7230"));
    const RiskRegister both = build(Policy(), {camera("10.0.0.5", "inv:PC-1982"), camera("10.0.0.6", "inv:PC-7230")}, {});
    const auto ids = ids_by_pair(both);
    EXPECT_EQ(ids.at("inv:PC-1982 NUKIB-2025-PRC"), "R.PV70SCGFYW.PRC");
    EXPECT_EQ(ids.at("inv:PC-7230 NUKIB-2025-PRC"), "R.PV70S7PK93.PRC");
    const RiskRegister one = build(Policy(), {camera("10.0.0.5", "inv:PC-1982")}, {});
    EXPECT_EQ(one.risks[0].id, "R.PV70S.PRC");
}

}  // namespace
}  // namespace sovscan::test
