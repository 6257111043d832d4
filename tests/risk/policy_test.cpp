// The policy file's `risk:` section: every key changes what it says, and every mistake is one
// "path:line: what" error.
#include <gtest/gtest.h>

#include <stdexcept>

#include "assess/policy_file.h"
#include "risk/register_builder.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

Policy parse(const std::string& yaml) { return parse_policy_file(yaml, "site.yaml"); }

std::string error_of(const std::string& yaml) {
    try {
        parse(yaml);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "loaded without error:\n" << yaml;
    return "";
}

RiskRegister build(const Policy& policy, const std::vector<MergedAsset>& assets, const std::vector<Finding>& findings) {
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

TEST(RiskPolicy, DefaultsWithoutARiskSection) {
    Policy p = parse("fail_on: high\n");
    EXPECT_EQ(p.risk.cutoffs.medium, 8);
    EXPECT_EQ(p.risk.cutoffs.high, 18);
    EXPECT_EQ(p.risk.cutoffs.critical, 36);
    EXPECT_EQ(p.risk.volume_bytes, 10'000'000u);
    EXPECT_TRUE(p.risk.asset_values.empty());
    EXPECT_TRUE(p.risk.deadline_days.empty());
}

TEST(RiskPolicy, EveryKeyIsReadAndChangesTheRegister) {
    Policy p = parse(
        "risk:\n"
        "  cutoffs: {medium: 4, high: 10, critical: 40}\n"
        "  asset_values:\n"
        "    Camera: {c: 4, i: 1, a: 1}\n"
        "  threat_levels:\n"
        "    NUKIB-2025-PRC: 4\n"
        "  volume_bytes: 100000000\n"
        "  deadline_days: {critical: 30, high: 90}\n"
        "  measures:\n"
        "    M-EGRESS-JUR:\n"
        "      status: applied\n"
        "      note: geo-blocking on the edge firewall since 2026-01\n"
        "    M-SEGMENTATION:\n"
        "      status: planned\n"
        "      owner: network team\n"
        "      deadline: 2027-03-31\n"
        "      resources: two VLAN-capable switches\n");
    EXPECT_EQ(p.risk.cutoffs.medium, 4);
    EXPECT_EQ(p.risk.cutoffs.critical, 40);
    ASSERT_EQ(p.risk.asset_values.count("camera"), 1u);  // keys are lower-cased
    EXPECT_EQ(p.risk.asset_values["camera"].c, 4);
    EXPECT_EQ(p.risk.threat_levels["NUKIB-2025-PRC"], 4);
    EXPECT_EQ(p.risk.threat_levels_at["NUKIB-2025-PRC"], "site.yaml:6");
    EXPECT_EQ(p.risk.volume_bytes, 100'000'000u);
    EXPECT_EQ(p.risk.deadline_days[RiskLevel::critical], 30);
    EXPECT_EQ(p.risk.measures["M-EGRESS-JUR"].status, "applied");
    EXPECT_EQ(p.risk.measures["M-EGRESS-JUR"].defined_at, "site.yaml:10");
    EXPECT_EQ(p.risk.measures["M-SEGMENTATION"].deadline, CalendarDate(2027, 3, 31));

    MergedAsset cam = camera();
    cam.category = "camera";
    RiskRegister r = build(p, {cam}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(e.impact, 4);        // the policy's camera values
    EXPECT_EQ(e.threat_level, 4);  // the policy's threat level
    EXPECT_EQ(e.inherent_vulnerability, 3);  // 50 MB is below the policy's 100 MB
    EXPECT_EQ(e.inherent_score, 48);
    EXPECT_EQ(e.inherent_level, RiskLevel::critical);
    EXPECT_EQ(e.vulnerability, 2);  // the applied M-EGRESS-JUR closes the connection to CN
    EXPECT_EQ(e.score, 32);
    EXPECT_EQ(e.level, RiskLevel::high);
    EXPECT_TRUE(r.assets[0].default_from_policy);
    EXPECT_EQ(r.assets[0].default_row, "camera");
    EXPECT_EQ(r.threats[0].level_defined_at, "site.yaml:6");
    EXPECT_EQ(r.threats[0].entry.level, 3);
    EXPECT_TRUE(r.problems.empty());
}

TEST(RiskPolicy, CatalogIdsAreCheckedWhenTheRegisterIsBuilt) {
    Policy p = parse(
        "risk:\n"
        "  threat_levels: {NUKIB-2099-X: 2}\n"
        "  measures:\n"
        "    M-NOPE: {status: applied}\n");
    RiskRegister r = build(p, {}, {});
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0], "site.yaml:2: risk: threat_levels: unknown threat 'NUKIB-2099-X' (not in threats.csv)");
    EXPECT_EQ(r.problems[1], "site.yaml:4: risk: measures: unknown measure 'M-NOPE' (not in measures.csv)");
}

TEST(RiskPolicy, TheExamplePolicyNamesOnlyCatalogThreatsAndMeasures) {
    Policy p = load_policy_file(source_dir() + "/docs/examples/policy.yaml");
    EXPECT_EQ(p.risk.asset_values.at("pv_inverter").i, 4);
    EXPECT_EQ(p.risk.deadline_days.at(RiskLevel::high), 180);
    EXPECT_EQ(p.risk.measures.at("M-REPLACEMENT").deadline, CalendarDate(2027, 6, 30));
    EXPECT_EQ(check_risk_settings(p.risk, project_risk_catalog()), std::vector<std::string>{});
}

TEST(RiskPolicy, MistakesArePathLineErrors) {
    EXPECT_EQ(error_of("risk: 3\n"),
              "site.yaml:1: risk: expected a map of risk keys (cutoffs, asset_values, threat_levels, volume_bytes, "
              "deadline_days, measures, evidence), found a single value");
    EXPECT_EQ(error_of("risk:\n  cutof: {}\n"),
              "site.yaml:2: risk: unknown key 'cutof'; allowed keys: cutoffs, asset_values, threat_levels, volume_bytes, "
              "deadline_days, measures, evidence");
    EXPECT_EQ(error_of("risk:\n  cutoffs: {medium: 20, high: 18}\n"),
              "site.yaml:2: risk: cutoffs: the levels must rise: medium (20) < high (18) < critical (36) <= 64");
    EXPECT_EQ(error_of("risk:\n  cutoffs:\n    extreme: 50\n"),
              "site.yaml:3: risk: cutoffs: unknown level 'extreme'; allowed: medium, high, critical");
    EXPECT_EQ(error_of("risk:\n  cutoffs: {high: 65}\n"),
              "site.yaml:2: risk: cutoffs: high: '65' is not a whole number from 2 to 64");
    EXPECT_EQ(error_of("risk:\n  asset_values:\n    camera: {c: 5, i: 1, a: 1}\n"),
              "site.yaml:3: risk: asset_values: camera: c: '5' is not a whole number from 1 to 4");
    EXPECT_EQ(error_of("risk:\n  asset_values:\n    camera: {c: 2, i: 1}\n"),
              "site.yaml:3: risk: asset_values: camera: give all three of c, i, a");
    EXPECT_EQ(error_of("risk:\n  asset_values:\n    camera: {c: 2, i: 1, a: 1, x: 1}\n"),
              "site.yaml:3: risk: asset_values: camera: unknown key 'x'; allowed keys: c, i, a");
    EXPECT_EQ(error_of("risk:\n  threat_levels:\n    NUKIB-2025-PRC: high\n"),
              "site.yaml:3: risk: threat_levels: NUKIB-2025-PRC: 'high' is not a whole number from 1 to 4");
    EXPECT_EQ(error_of("risk:\n  volume_bytes: lots\n"),
              "site.yaml:2: risk: volume_bytes: 'lots' is not a whole number from 1 to 1152921504606846976");
    EXPECT_EQ(error_of("risk:\n  deadline_days: {urgent: 3}\n"),
              "site.yaml:2: risk: deadline_days: 'urgent' is not one of low, medium, high, critical");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT: {status: done}\n"),
              "site.yaml:3: risk: measures: M-CONTRACT: status: 'done' is not one of applied, planned, not_applied");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT: {status: not_applied}\n"),
              "site.yaml:3: risk: measures: M-CONTRACT: missing 'note' (why it is not applied)");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT: {note: x}\n"),
              "site.yaml:3: risk: measures: M-CONTRACT: missing 'status' (applied, planned or not_applied)");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT:\n      status: planned\n      deadline: 2027-02-30\n"),
              "site.yaml:5: risk: measures: M-CONTRACT: deadline: '2027-02-30' is not a date YYYY-MM-DD");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT:\n      status: planned\n      owner: \"a\\x1b[31m\"\n"),
              "site.yaml:5: risk: measures: M-CONTRACT: owner: 'a\\x1b[31m' contains a control character");
}

}  // namespace
}  // namespace sovscan::test
