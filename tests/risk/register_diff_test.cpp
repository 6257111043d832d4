// Changes since the last assessment (issue 15, item 7): a previous register read back from its
// JSON — also one written before ids came from the asset and the threat (R-001, residual_score
// null) — compared with the current one: new, closed, raised and lowered risks, added and removed
// suppliers; and what is not a register refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "assess/exception_applier.h"
#include "assess/policy_file.h"
#include "risk/register_builder.h"
#include "risk/register_diff.h"
#include "risk/register_json.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister build(const std::vector<MergedAsset>& assets, std::vector<Finding> findings, const Policy& policy = Policy()) {
    ExceptionApplier(policy, kToday).apply(findings);
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

std::optional<PreviousRegister> read(const std::string& text, std::string& error) {
    std::istringstream in(text);
    return read_previous_register(in, error);
}

PreviousRegister read_ok(const std::string& text) {
    std::string error;
    auto p = read(text, error);
    EXPECT_TRUE(p) << error;
    return p ? *p : PreviousRegister();
}

std::string json_of(const RiskRegister& r) {
    std::ostringstream out;
    write_risk_json(r, RiskLang::cs, out);
    return out.str();
}

// A register as the code before issue 15 wrote it (schema 1, ids by position), abridged to the
// keys it had: R-001 is the camera's, R-002 a workstation's that is gone now.
const char* kOldRegister = R"({
  "schema": "sovscan-risk", "schema_version": 1, "lang": "cs", "assessed_on": "2026-08-31",
  "risks": [
    {"id": "R-001", "asset": "inv:CAM-1", "asset_name": "Kamera vrátnice", "threat": "NUKIB-2025-PRC",
     "impact": 3, "threat_level": 3, "vulnerability": 3, "score": 27, "level": "high", "status": "open",
     "residual_score": null},
    {"id": "R-002", "asset": "inv:PC-9", "asset_name": "Účetní PC", "threat": "NUKIB-2025-DEEPSEEK",
     "impact": 3, "threat_level": 3, "vulnerability": 3, "score": 27, "level": "high", "status": "open",
     "residual_score": null}
  ],
  "suppliers": [
    {"kind": "vendor", "id": "hikvision", "name": "Hikvision"},
    {"kind": "vendor", "id": "deepseek", "name": "DeepSeek"},
    {"kind": "operator", "id": "Alibaba Cloud", "name": "Alibaba Cloud"}
  ]
})";

TEST(RiskDiff, AnOldRegisterIsMatchedByAssetAndThreat) {
    const PreviousRegister old = read_ok(kOldRegister);
    EXPECT_EQ(old.schema_version, 1);
    ASSERT_EQ(old.risks.size(), 2u);
    // Now the camera sends 50 MB (36, critical) and a second camera appears.
    const RiskRegister now = build({camera(), camera("10.0.0.6", "inv:CAM-2")}, {egress_cn("10.0.0.5", 50'000'000)});
    const RegisterChanges c = diff_registers(old, "q3.json", now);
    EXPECT_EQ(c.previous_file, "q3.json");
    EXPECT_EQ(c.previous_assessed_on, "2026-08-31");
    ASSERT_EQ(c.risks.size(), 3u);
    EXPECT_EQ(c.risks[0].change, "raised");
    EXPECT_EQ(c.risks[0].id, "R.AD5TF.PRC");  // today's id ...
    EXPECT_EQ(c.risks[0].previous_id, "R-001");  // ... for the old one
    EXPECT_EQ(c.risks[0].previous_score, 27);
    EXPECT_EQ(c.risks[0].previous_level, RiskLevel::high);
    EXPECT_EQ(c.risks[0].score, 36);
    EXPECT_EQ(c.risks[0].level, RiskLevel::critical);
    EXPECT_EQ(c.risks[1].change, "new");
    EXPECT_EQ(c.risks[1].asset_id, "inv:CAM-2");
    EXPECT_EQ(c.risks[1].previous_score, 0);
    EXPECT_EQ(c.risks[1].score, 18);
    EXPECT_EQ(c.risks[2].change, "closed");
    EXPECT_EQ(c.risks[2].id, "R-002");
    EXPECT_EQ(c.risks[2].asset_name, "Účetní PC");
    EXPECT_EQ(c.risks[2].score, 0);
    EXPECT_EQ(c.unchanged, 0u);
    // Suppliers by key: DeepSeek gone; Hikvision and Alibaba Cloud (the operator) still there.
    ASSERT_EQ(c.suppliers.size(), 1u);
    EXPECT_EQ(c.suppliers[0].change, "removed");
    EXPECT_EQ(c.suppliers[0].key, "deepseek");
    EXPECT_EQ(c.suppliers[0].kind, "vendor");
}

TEST(RiskDiff, ARegisterReadBackAgainstItselfChangesNothingAndAnExceptionLowers) {
    const std::vector<Finding> findings = {egress_cn("10.0.0.5", 50'000'000)};
    const RiskRegister q3 = build({camera()}, findings);
    const PreviousRegister previous = read_ok(json_of(q3));
    EXPECT_EQ(previous.schema_version, RiskRegister::kSchemaVersion);
    const RegisterChanges same = diff_registers(previous, "q3.json", q3);
    EXPECT_TRUE(same.risks.empty());
    EXPECT_TRUE(same.suppliers.empty());
    EXPECT_EQ(same.unchanged, 1u);

    const Policy p = parse_policy_file(
        "exceptions:\n  - id: CHG-7\n    counterpart: 47.96.1.10\n    justification: camera cloud until 2027\n"
        "    owner: security@example.cz\n    expires: 2027-06-30\n",
        "site.yaml");
    const RiskRegister q4 = build({camera()}, findings, p);
    const RegisterChanges c = diff_registers(previous, "q3.json", q4);
    ASSERT_EQ(c.risks.size(), 1u);
    EXPECT_EQ(c.risks[0].change, "lowered");
    EXPECT_EQ(c.risks[0].previous_score, 36);
    EXPECT_EQ(c.risks[0].score, 9);

    // The JSON of the new register carries them.
    RiskRegister written = q4;
    written.changes = c;
    const auto j = nlohmann::json::parse(json_of(written));
    EXPECT_EQ(j["changes"]["previous"], nlohmann::json::parse(R"({"path": "q3.json", "assessed_on": "2026-11-23"})"));
    EXPECT_EQ(j["changes"]["risks"][0]["change"], "lowered");
    EXPECT_EQ(j["changes"]["risks"][0]["previous"], nlohmann::json::parse(R"({"score": 36, "level": "critical"})"));
    EXPECT_EQ(j["changes"]["risks"][0]["current"], nlohmann::json::parse(R"({"score": 9, "level": "medium"})"));
    EXPECT_EQ(nlohmann::json::parse(json_of(q4))["changes"], nullptr);  // no --previous
}

TEST(RiskDiff, WhatIsNotARegisterIsRefused) {
    std::string error;
    EXPECT_FALSE(read("[1, 2]", error));
    EXPECT_EQ(error, "not a risk register written by sovscan risk -o FILE.json (no \"schema\": \"sovscan-risk\")");
    EXPECT_FALSE(read(R"({"schema": "sovscan-report", "schema_version": 1})", error));
    EXPECT_EQ(error, "not a risk register written by sovscan risk -o FILE.json (no \"schema\": \"sovscan-risk\")");
    EXPECT_FALSE(read(R"({"schema": "sovscan-risk", "schema_version": 0, "risks": []})", error));
    EXPECT_EQ(error, "schema_version 0 is not one this sovscan reads (1-" + std::to_string(RiskRegister::kSchemaVersion) + ")");
    EXPECT_FALSE(read(R"({"schema": "sovscan-risk", "schema_version": "1", "risks": []})", error));
    EXPECT_EQ(error, "schema_version \"1\" is not one this sovscan reads (1-" + std::to_string(RiskRegister::kSchemaVersion) + ")");
    EXPECT_FALSE(read(R"({"schema": "sovscan-risk", "schema_version": 1})", error));
    EXPECT_EQ(error, "no \"risks\" list");
    EXPECT_FALSE(read(R"({"schema": "sovscan-risk", "schema_version": 1, "risks": [{"asset": "a", "threat": "t", "score": 3, "level": "extreme"}]})", error));
    EXPECT_EQ(error, "risks[0]: needs \"asset\", \"threat\", an integer \"score\" and a \"level\"");
    EXPECT_FALSE(read("{\"schema\": \x1b[31m", error));
    EXPECT_EQ(error.rfind("not JSON (", 0), 0u);
    EXPECT_EQ(error.find('\x1b'), std::string::npos);  // the parser's message quotes the input: escaped
}

}  // namespace
}  // namespace sovscan::test
