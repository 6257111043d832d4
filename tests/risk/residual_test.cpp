// Inherent and residual risk (issue 15, defect 3): accepted findings take back the vulnerability
// lines they raised, a risk whose every finding is accepted is accepted, applied measures take back
// what they close, each with its line and delta, and every writer shows both values.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "assess/exception_applier.h"
#include "assess/policy_file.h"
#include "report/scan_report.h"
#include "risk/messages.h"
#include "risk/register_builder.h"
#include "risk/register_csv.h"
#include "risk/register_html.h"
#include "risk/register_json.h"
#include "risk/register_markdown.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister build(const Policy& policy, const std::vector<MergedAsset>& assets, std::vector<Finding> findings) {
    ExceptionApplier(policy, kToday).apply(findings);  // as a scan does before the register
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

std::vector<std::string> codes(const RiskEntry& r) {
    std::vector<std::string> out;
    for (const RiskReason& x : r.derivation) out.push_back(x.code);
    return out;
}

const RiskReason& line(const RiskEntry& r, const std::string& code) {
    for (const RiskReason& x : r.derivation)
        if (x.code == code) return x;
    throw std::runtime_error("no line " + code);
}

// One exception for the session opened from 1.180.0.9 (an admin port), none for two small uploads.
const char* kInboundException =
    "exceptions:\n"
    "  - id: CHG-8\n"
    "    counterpart: 1.180.0.9\n"
    "    justification: vendor support session, contract 2026/14\n"
    "    owner: ciso@example.cz\n"
    "    expires: 2027-06-30\n";

std::vector<Finding> three_findings() {
    return {egress_cn("10.0.0.5", 5'000), egress_cn("10.0.0.5", 5'000, "47.96.1.11"),
            inbound_cn("10.0.0.5", "1.180.0.9", "SSH/22")};
}

// Today: an exception covering one of three findings changed nothing ("Vysoké"/36, open).
TEST(RiskResidual, AnAcceptedFindingTakesBackTheLinesItRaised) {
    const RiskRegister r = build(parse_policy_file(kInboundException, "site.yaml"), {camera()}, three_findings());
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(codes(e), (std::vector<std::string>{"base", "outbound", "volume_low", "inbound", "admin_port", "undecided",
                                                  "cap", "inherent_capped", "accepted_inbound", "accepted_admin_port",
                                                  "undecided_findings", "residual"}));
    EXPECT_EQ(e.inherent_vulnerability, 4);
    EXPECT_EQ(e.inherent_score, 36);
    EXPECT_EQ(e.inherent_level, RiskLevel::critical);
    EXPECT_EQ(line(e, "inherent_capped").args, (std::vector<std::string>{"5"}));
    const RiskReason& inbound = line(e, "accepted_inbound");
    EXPECT_EQ(inbound.delta, -1);
    EXPECT_EQ(inbound.running, 4);  // counted down from the sum 5
    EXPECT_EQ(inbound.args, (std::vector<std::string>{"CHG-8"}));
    EXPECT_EQ(line(e, "accepted_admin_port").running, 3);
    EXPECT_EQ(line(e, "undecided_findings").args, (std::vector<std::string>{"2", "3"}));
    EXPECT_EQ(line(e, "undecided_findings").delta, 0);
    EXPECT_EQ(e.vulnerability, 3);
    EXPECT_EQ(e.score, 27);
    EXPECT_EQ(e.level, RiskLevel::high);
    EXPECT_EQ(e.status, RiskStatus::open);  // two findings have no decision
    EXPECT_EQ(render_reason(inbound, RiskLang::cs),
              "-1 → 4: relaci z rizikové jurisdikce ukazují jen nálezy přijaté výjimkou CHG-8");
    EXPECT_EQ(render_reason(line(e, "residual"), RiskLang::en),
              "= 3: residual vulnerability (after accepted findings and applied measures)");
}

// Today: accepted, but at 27 (Vysoké) with "residual 27" and no inherent value anywhere.
TEST(RiskResidual, EveryFindingAcceptedMakesAnAcceptedRiskWithItsResidual) {
    const Policy p = parse_policy_file(
        "exceptions:\n  - id: CHG-7\n    counterpart: 47.96.1.10\n    justification: camera cloud until 2027\n"
        "    owner: security@example.cz\n    expires: 2027-06-30\n",
        "site.yaml");
    const RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(e.status, RiskStatus::accepted);
    EXPECT_EQ(codes(e), (std::vector<std::string>{"base", "outbound", "volume", "undecided", "inherent", "accepted_outbound",
                                                  "accepted_volume", "decided", "residual"}));
    EXPECT_EQ(e.inherent_vulnerability, 4);
    EXPECT_EQ(e.inherent_score, 36);
    EXPECT_EQ(e.vulnerability, 1);
    EXPECT_EQ(e.score, 9);
    EXPECT_EQ(e.level, RiskLevel::medium);
    EXPECT_EQ(line(e, "decided").args, (std::vector<std::string>{"CHG-7"}));
    EXPECT_EQ(line(e, "decided").delta, -1);
}

// Today: `status: applied` only changed the statement of applicability.
TEST(RiskResidual, AnAppliedMeasureTakesBackTheChannelItCloses) {
    const Policy p = parse_policy_file(
        "risk:\n  measures:\n    M-EGRESS-JUR: {status: applied, note: \"geo-blocking of CN, HK, MO since 2026-01\"}\n",
        "site.yaml");
    const RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(codes(e), (std::vector<std::string>{"base", "outbound", "volume", "undecided", "inherent",
                                                  "undecided_findings", "measure_outbound", "measure_volume", "residual"}));
    EXPECT_EQ(line(e, "measure_outbound").args, (std::vector<std::string>{"M-EGRESS-JUR"}));
    EXPECT_EQ(line(e, "measure_outbound").delta, -1);
    EXPECT_EQ(line(e, "measure_volume").running, 2);
    EXPECT_EQ(e.inherent_score, 36);
    EXPECT_EQ(e.vulnerability, 2);  // the Hikvision camera is still there, with no decision about it
    EXPECT_EQ(e.score, 18);
    EXPECT_EQ(e.status, RiskStatus::open);
    // Monitoring detects, it closes nothing: the risk is as high as without it.
    const RiskRegister monitored = build(
        parse_policy_file("risk:\n  measures:\n    M-MONITORING: {status: applied, note: SIEM}\n", "site.yaml"), {camera()},
        {egress_cn("10.0.0.5", 50'000'000)});
    EXPECT_EQ(monitored.risks[0].score, 36);
    EXPECT_EQ(monitored.risks[0].inherent_score, 36);
}

TEST(RiskResidual, MeasuresAnsweringEveryFactAreADocumentedDecision) {
    const Policy p = parse_policy_file(
        "risk:\n  measures:\n    M-SEGMENTATION: {status: applied, note: camera VLAN without internet}\n", "site.yaml");
    const RiskRegister r = build(p, {camera()}, {});  // the CMDB's Hikvision camera, no traffic
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(codes(e), (std::vector<std::string>{"base", "device_only", "undecided", "inherent", "undecided_asset",
                                                  "measure_decided", "residual"}));
    EXPECT_EQ(line(e, "measure_decided").args, (std::vector<std::string>{"M-SEGMENTATION"}));
    EXPECT_EQ(e.inherent_score, 18);
    EXPECT_EQ(e.score, 9);
    EXPECT_EQ(e.level, RiskLevel::medium);
}

TEST(RiskResidual, EveryWriterShowsInherentAndResidual) {
    const RiskRegister r = build(parse_policy_file(kInboundException, "site.yaml"), {camera()}, three_findings());
    std::ostringstream json, csv, md, html;
    write_risk_json(r, RiskLang::cs, json);
    write_risk_csv(r, RiskLang::cs, csv);
    write_risk_markdown(r, RiskLang::cs, md);
    ScanReport scan;
    write_risk_html(r, scan, RiskLang::cs, html);

    const auto j = nlohmann::json::parse(json.str())["risks"][0];
    EXPECT_EQ(j["inherent"], nlohmann::json::parse(R"({"vulnerability":4,"score":36,"level":"critical","level_name":"Kritické"})"));
    EXPECT_EQ(j["residual"], nlohmann::json::parse(R"({"vulnerability":3,"score":27,"level":"high","level_name":"Vysoké"})"));
    EXPECT_EQ(j["residual_score"], 27);
    EXPECT_EQ(j["score"], 27);

    std::istringstream lines(csv.str());
    std::string header, row;
    std::getline(lines, header);
    std::getline(lines, row);
    EXPECT_NE(header.find(",inherent_vulnerability,inherent_score,inherent_level,residual_vulnerability,residual_score,"
                          "residual_level,change,previous_score,previous_level\r"),
              std::string::npos);
    EXPECT_NE(row.find(",4,36,critical,3,27,high,,,\r"), std::string::npos) << row;

    EXPECT_NE(md.str().find("- Inherentní riziko: 36 (Kritické); zbytkové riziko: 27 (Vysoké)."), std::string::npos);
    EXPECT_NE(html.str().find("Inherentní riziko: 36 (Kritické); zbytkové riziko: 27 (Vysoké)."), std::string::npos);
    // The exception's row names each risk it covers with both values, never "žádné".
    EXPECT_NE(html.str().find(r.risks[0].id + ": 36 (Kritické) → 27 (Vysoké)"), std::string::npos);
}

}  // namespace
}  // namespace sovscan::test
