// The documents of decree 409/2025 § 8-9 built from the risks: accepted and expired exceptions,
// statement of applicability, treatment plan with its seven items, supplier register.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/exception_applier.h"
#include "assess/policy_file.h"
#include "risk/register_builder.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister build(const Policy& policy, const std::vector<MergedAsset>& assets, std::vector<Finding> findings) {
    ExceptionApplier(policy, kToday).apply(findings);  // as a scan does before the register
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

// The derivation's decision line (decided, decided_asset, undecided_findings, undecided_asset).
const RiskReason& decision(const RiskEntry& r) {
    for (const RiskReason& x : r.derivation)
        if (x.code.starts_with("decided") || x.code.starts_with("undecided_")) return x;
    throw std::runtime_error("no decision line");
}

const ApplicabilityEntry& soa(const RiskRegister& r, const std::string& id) {
    for (const ApplicabilityEntry& a : r.applicability)
        if (a.measure_id == id) return a;
    throw std::runtime_error("no measure " + id);
}

const TreatmentItem* plan(const RiskRegister& r, const std::string& measure) {
    for (const TreatmentItem& t : r.treatment)
        if (t.measure_id == measure) return &t;
    return nullptr;
}

const char* kException =
    "exceptions:\n"
    "  - id: CHG-7\n"
    "    counterpart: 47.96.1.10\n"
    "    justification: camera cloud until the 2027 replacement\n"
    "    owner: security@example.cz\n"
    "    expires: ";

TEST(RiskExceptions, CoveredFindingsMakeAnAcceptedRiskWithItsResidualScore) {
    Policy p = parse_policy_file(std::string(kException) + "2027-06-30\n", "site.yaml");
    RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 1u);
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(e.status, RiskStatus::accepted);
    ASSERT_EQ(e.accepted_by.size(), 1u);
    EXPECT_EQ(e.accepted_by[0].id, "CHG-7");
    EXPECT_EQ(e.accepted_by[0].owner, "security@example.cz");
    EXPECT_EQ(e.accepted_by[0].justification, "camera cloud until the 2027 replacement");
    EXPECT_EQ(e.accepted_by[0].expires, CalendarDate(2027, 6, 30));
    EXPECT_EQ(decision(e).code, "decided");
    EXPECT_EQ(decision(e).args, (std::vector<std::string>{"CHG-7"}));
    EXPECT_EQ(e.inherent_vulnerability, 4);
    EXPECT_EQ(e.inherent_score, 36);
    // The accepted finding takes back the connection and the volume it raised, the documented
    // decision the +1 for none (tests/risk/residual_test.cpp has the lines).
    EXPECT_EQ(e.vulnerability, 1);
    EXPECT_EQ(e.score, 9);
    EXPECT_EQ(e.level, RiskLevel::medium);
    EXPECT_TRUE(e.expired_exceptions.empty());
    ASSERT_EQ(e.findings.size(), 1u);
    EXPECT_EQ(e.findings[0].suppressed_by, "CHG-7");
    ASSERT_EQ(r.exceptions.size(), 1u);
    EXPECT_FALSE(r.exceptions[0].expired);
    EXPECT_EQ(r.exceptions[0].risk_ids, (std::vector<std::string>{e.id}));
    // An accepted risk needs no treatment.
    EXPECT_TRUE(r.treatment.empty());
    EXPECT_EQ(soa(r, "M-EGRESS-JUR").status, MeasureStatus::not_required);
}

TEST(RiskExceptions, ExpiredExceptionIsFlaggedAndCoversNothing) {
    Policy p = parse_policy_file(std::string(kException) + "2026-10-31\n", "site.yaml");
    RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.risks.size(), 1u);  // SOV-006 is about the policy, not an asset: no risk of its own
    const RiskEntry& e = r.risks[0];
    EXPECT_EQ(e.status, RiskStatus::open);
    EXPECT_TRUE(e.accepted_by.empty());
    ASSERT_EQ(e.expired_exceptions.size(), 1u);
    EXPECT_EQ(e.expired_exceptions[0].id, "CHG-7");
    EXPECT_EQ(e.expired_exceptions[0].defined_at, "site.yaml:2");
    EXPECT_EQ(e.vulnerability, 4);
    EXPECT_EQ(e.score, 36);
    ASSERT_EQ(r.exceptions.size(), 1u);
    EXPECT_TRUE(r.exceptions[0].expired);
    EXPECT_EQ(r.exceptions[0].risk_ids, (std::vector<std::string>{e.id}));
}

TEST(RiskExceptions, PartlyCoveredRiskStaysOpen) {
    Policy p = parse_policy_file(std::string(kException) + "2027-06-30\n", "site.yaml");
    RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 5'000), egress_cn("10.0.0.5", 5'000, "47.96.1.11")});
    ASSERT_EQ(r.risks.size(), 1u);
    EXPECT_EQ(r.risks[0].status, RiskStatus::open);
    EXPECT_EQ(decision(r.risks[0]).code, "undecided_findings");
    EXPECT_EQ(decision(r.risks[0]).args, (std::vector<std::string>{"1", "2"}));
}

// A risk from the inventory alone (the CMDB's Hikvision camera, no finding): an exception naming
// only the asset's side accepts it; one naming a counterpart, a domain or a traffic rule does not
// (it is about traffic the camera did not send); an expired one is listed under the risk.
TEST(RiskExceptions, InventoryOnlyRiskIsAcceptedByAnExceptionNamingTheAsset) {
    auto policy = [](const std::string& match, const char* expires) {
        return parse_policy_file("exceptions:\n  - id: CHG-9\n    " + match +
                                     "\n    justification: isolated VLAN, replacement ordered\n"
                                     "    owner: ciso@example.cz\n    expires: " + expires + "\n",
                                 "site.yaml");
    };
    const RiskRegister open = build(Policy(), {camera()}, {});
    ASSERT_EQ(open.risks.size(), 1u);
    EXPECT_EQ(open.risks[0].status, RiskStatus::open);
    EXPECT_EQ(decision(open.risks[0]).code, "undecided_asset");
    const int open_vulnerability = open.risks[0].vulnerability;

    for (const std::string& match : {std::string("asset: 10.0.0.5"), std::string("vendor: hikvision"),
                                     std::string("asset: 10.0.0.0/24\n    vendor: hikvision"),
                                     std::string("asset: 10.0.0.5\n    rule: SOV-005")}) {
        const RiskRegister r = build(policy(match, "2027-06-30"), {camera()}, {});
        ASSERT_EQ(r.risks.size(), 1u) << match;
        const RiskEntry& e = r.risks[0];
        EXPECT_EQ(e.status, RiskStatus::accepted) << match;
        ASSERT_EQ(e.accepted_by.size(), 1u) << match;
        EXPECT_EQ(e.accepted_by[0].id, "CHG-9");
        EXPECT_EQ(e.accepted_by[0].defined_at, "site.yaml:2");
        EXPECT_EQ(decision(e).code, "decided_asset") << match;
        EXPECT_EQ(decision(e).args, (std::vector<std::string>{"CHG-9"}));
        EXPECT_EQ(e.vulnerability, open_vulnerability - 1) << match;  // the +1 for no decision is gone
        ASSERT_EQ(r.exceptions.size(), 1u);
        EXPECT_EQ(r.exceptions[0].risk_ids, (std::vector<std::string>{e.id})) << match;
    }
    for (const std::string& match :
         {std::string("asset: 10.0.0.6"), std::string("vendor: dahua"), std::string("asset: 10.0.0.5\n    rule: SOV-001"),
          std::string("asset: 10.0.0.5\n    counterpart: 47.96.1.10"),
          std::string("asset: 10.0.0.5\n    domain: hik-connect.com"), std::string("asset: aa:bb:cc:dd:ee:ff")}) {
        const RiskRegister r = build(policy(match, "2027-06-30"), {camera()}, {});
        ASSERT_EQ(r.risks.size(), 1u) << match;
        EXPECT_EQ(r.risks[0].status, RiskStatus::open) << match;
        EXPECT_EQ(decision(r.risks[0]).code, "undecided_asset") << match;
        EXPECT_TRUE(r.risks[0].accepted_by.empty()) << match;
    }
    const RiskRegister expired = build(policy("asset: 10.0.0.5", "2026-10-31"), {camera()}, {});
    ASSERT_EQ(expired.risks.size(), 1u);
    EXPECT_EQ(expired.risks[0].status, RiskStatus::open);
    EXPECT_EQ(decision(expired.risks[0]).code, "undecided_asset");
    ASSERT_EQ(expired.risks[0].expired_exceptions.size(), 1u);
    EXPECT_EQ(expired.risks[0].expired_exceptions[0].id, "CHG-9");
    ASSERT_EQ(expired.exceptions.size(), 1u);
    EXPECT_TRUE(expired.exceptions[0].expired);
    EXPECT_EQ(expired.exceptions[0].risk_ids, (std::vector<std::string>{expired.risks[0].id}));
}

TEST(RiskDocuments, ApplicabilityFollowsTheEvidence) {
    RiskRegister r = build(Policy(), {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    EXPECT_EQ(r.applicability.size(), project_risk_catalog().measures().size());
    const ApplicabilityEntry& egress = soa(r, "M-EGRESS-JUR");
    EXPECT_TRUE(egress.applicable);
    EXPECT_EQ(egress.triggers, (std::vector<std::string>{"located"}));
    EXPECT_EQ(egress.risk_ids, (std::vector<std::string>{"R.AD5TF.PRC"}));
    EXPECT_EQ(egress.status, MeasureStatus::in_plan);
    const ApplicabilityEntry& dns = soa(r, "M-DNS-RESOLVER");
    EXPECT_FALSE(dns.applicable);
    EXPECT_EQ(dns.status, MeasureStatus::not_applicable);
    EXPECT_FALSE(soa(r, "M-REMOTE-ACCESS-OFF").applicable);
    EXPECT_TRUE(soa(r, "M-REPLACEMENT").applicable);  // a high-risk vendor's device at critical risk
    EXPECT_TRUE(soa(r, "M-MONITORING").applicable);
    EXPECT_EQ(r.risks[0].measure_ids,
              (std::vector<std::string>{"M-EGRESS-JUR", "M-EGRESS-OPERATOR", "M-VENDOR-CLOUD-OFF", "M-SEGMENTATION",
                                        "M-LOCAL-ONLY", "M-REPLACEMENT", "M-CONTRACT", "M-MONITORING"}));
}

TEST(RiskDocuments, OperatorDecisionsOnMeasuresAreKept) {
    Policy p = parse_policy_file(
        "risk:\n"
        "  measures:\n"
        "    M-EGRESS-JUR: {status: applied, note: geo-blocking since 2026-01}\n"
        "    M-REPLACEMENT: {status: not_applied, note: cameras are under a 2029 contract}\n"
        "    M-DNS-RESOLVER: {status: applied, note: internal resolvers only}\n",
        "site.yaml");
    RiskRegister r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    EXPECT_EQ(soa(r, "M-EGRESS-JUR").status, MeasureStatus::applied);
    EXPECT_EQ(soa(r, "M-EGRESS-JUR").note, "geo-blocking since 2026-01");
    EXPECT_EQ(soa(r, "M-EGRESS-JUR").defined_at, "site.yaml:3");
    EXPECT_EQ(soa(r, "M-REPLACEMENT").status, MeasureStatus::not_applied);
    EXPECT_EQ(soa(r, "M-DNS-RESOLVER").status, MeasureStatus::applied);  // applied though nothing needs it
    EXPECT_FALSE(soa(r, "M-DNS-RESOLVER").applicable);
    EXPECT_FALSE(plan(r, "M-EGRESS-JUR"));   // already applied
    EXPECT_FALSE(plan(r, "M-REPLACEMENT"));  // refused, with its reason in the SoA
    EXPECT_TRUE(plan(r, "M-SEGMENTATION"));
}

TEST(RiskDocuments, TreatmentPlanHasTheSevenItemsAndNeverInventsAnOwner) {
    MergedAsset other = camera("10.0.0.6", "inv:CAM-2");
    other.owner = "";  // unknown owner: the plan must not make one up
    RiskRegister r = build(Policy(), {camera(), other},
                           {egress_cn("10.0.0.5", 50'000'000), egress_cn("10.0.0.6", 50'000'000)});
    const TreatmentItem* t = plan(r, "M-EGRESS-JUR");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->id, "T.EGRESS.JUR");
    EXPECT_FALSE(t->description.cs.empty());                                 // 1 description
    EXPECT_EQ(t->goal.en, "Data of the affected assets no longer reach servers in a high-risk jurisdiction.");  // 2 goals
    EXPECT_EQ(t->owner, "");                                                 // 3 owner: to be decided
    EXPECT_FALSE(t->resources.cs.empty());                                   // 4 resources
    EXPECT_FALSE(t->deadline.has_value());                                   // 5 deadline: to be decided
    EXPECT_EQ(t->risk_ids, (std::vector<std::string>{"R.AD5TF.PRC", "R.YSMC1.PRC"}));    // 6 links
    EXPECT_FALSE(t->implementation.en.empty());                              // 7 implementation
    EXPECT_EQ(t->highest, RiskLevel::critical);
    EXPECT_EQ(t->highest_score, 36);

    // One owner for every asset concerned, and deadlines by level from the policy.
    Policy p = parse_policy_file("risk:\n  deadline_days: {critical: 30}\n", "site.yaml");
    r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    t = plan(r, "M-EGRESS-JUR");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->owner, "security@example.cz");
    EXPECT_EQ(t->owner_basis, "asset_owner");
    EXPECT_EQ(t->deadline, CalendarDate(2026, 12, 23));
    EXPECT_EQ(t->deadline_basis, "deadline_days");

    // The policy's own owner and date win.
    p = parse_policy_file(
        "risk:\n  deadline_days: {critical: 30}\n  measures:\n"
        "    M-EGRESS-JUR: {status: planned, owner: firewall team, deadline: 2027-01-15, resources: 2 days of work}\n",
        "site.yaml");
    r = build(p, {camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    t = plan(r, "M-EGRESS-JUR");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->owner, "firewall team");
    EXPECT_EQ(t->owner_basis, "policy");
    EXPECT_EQ(t->deadline, CalendarDate(2027, 1, 15));
    EXPECT_EQ(t->resources_note, "2 days of work");
}

TEST(RiskDocuments, LowRisksNeedNoTreatment) {
    MergedAsset cam = camera();
    cam.cia = CiaValues{1, 1, 1};
    RiskRegister r = build(Policy(), {cam}, {});
    ASSERT_EQ(r.risks.size(), 1u);
    EXPECT_EQ(r.risks[0].level, RiskLevel::low);
    EXPECT_TRUE(r.treatment.empty());
    EXPECT_EQ(soa(r, "M-MONITORING").status, MeasureStatus::not_required);
}

TEST(RiskDocuments, SupplierRegisterNamesJurisdictionAndDependants) {
    MergedAsset axis = camera("10.0.0.7", "inv:CAM-AXIS");
    axis.vendors = {vendor("axis", "Axis Communications", "SE", "no", "manufacturer")};
    RiskRegister r = build(Policy(), {camera(), axis}, {egress_cn("10.0.0.5", 50'000'000)});
    ASSERT_EQ(r.suppliers.size(), 2u);  // the network of the server is a counterpart, not a supplier
    const SupplierEntry& hik = r.suppliers[0];
    EXPECT_EQ(hik.kind, "vendor");
    EXPECT_EQ(hik.id, "hikvision");
    EXPECT_EQ(hik.jurisdiction, "CN");
    EXPECT_TRUE(hik.high_risk);
    EXPECT_EQ(hik.asset_ids, (std::vector<std::string>{"inv:CAM-1"}));
    EXPECT_EQ(hik.basis, (std::vector<std::string>{"manufacturer", "SOV-001"}));
    EXPECT_EQ(hik.findings, 1u);
    EXPECT_EQ(hik.risk_ids, (std::vector<std::string>{"R.AD5TF.PRC"}));
    // The camera's own cloud makes Hikvision a service provider as well as the maker.
    EXPECT_EQ(hik.roles, (std::vector<std::string>{"manufacturer", "service"}));
    ASSERT_EQ(r.counterpart_operators.size(), 1u);
    EXPECT_EQ(r.counterpart_operators[0].name, "Alibaba Cloud");
    EXPECT_TRUE(r.counterpart_operators[0].high_risk);
    EXPECT_EQ(r.counterpart_operators[0].roles, std::vector<std::string>{"destination"});
    EXPECT_EQ(r.counterpart_operators[0].risk_ids, (std::vector<std::string>{"R.AD5TF.PRC"}));
    auto it = std::find_if(r.suppliers.begin(), r.suppliers.end(), [](const SupplierEntry& s) { return s.id == "axis"; });
    ASSERT_NE(it, r.suppliers.end());
    EXPECT_FALSE(it->high_risk);
    EXPECT_EQ(it->jurisdiction, "SE");
    EXPECT_EQ(it->asset_ids, (std::vector<std::string>{"inv:CAM-AXIS"}));
    EXPECT_TRUE(it->designations.empty());
}

// The register lists the official designations the vendor's findings carry (DesignationTagger), once
// each, as "list (date)"; a vendor without any lists none.
TEST(RiskDocuments, SupplierRegisterListsDesignations) {
    Finding f = egress_cn("10.0.0.5", 50'000'000);
    FindingDesignation fcc;
    fcc.list_id = "us-fcc-covered-list";
    fcc.list_name = "FCC Covered List";
    fcc.list_name_cs = "Seznam FCC Covered List";
    fcc.vendor_id = "hikvision";
    fcc.listed_on = "2021-03-12";
    FindingDesignation other = fcc;
    other.vendor_id = "alibaba-cloud";  // another vendor's: not Hikvision's row
    f.designations = {fcc, fcc, other};
    RiskRegister r = build(Policy(), {camera()}, {f});
    const auto hik = std::find_if(r.suppliers.begin(), r.suppliers.end(), [](const SupplierEntry& s) { return s.id == "hikvision"; });
    ASSERT_NE(hik, r.suppliers.end());
    EXPECT_EQ(hik->designations, (std::vector<std::string>{"FCC Covered List (2021-03-12)"}));
    // A Czech document names the list in Czech (data/designation_lists.csv name_cs).
    EXPECT_EQ(hik->designations_in(RiskLang::cs), (std::vector<std::string>{"Seznam FCC Covered List (2021-03-12)"}));
    // Alibaba Cloud, the network of the server, is a counterpart operator: no designations column.
    EXPECT_TRUE(std::none_of(r.suppliers.begin(), r.suppliers.end(), [](const SupplierEntry& s) { return s.id == "alibaba-cloud"; }));
}

}  // namespace
}  // namespace sovscan::test
