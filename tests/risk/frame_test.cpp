// The decree's frame around the register (issue 15): the policy's `document:`, `primary_assets:`,
// `risk: evidence:` and per-measure `deadline_days`, the primary assets passing their values on to
// the supporting assets, the evidence period with its warnings, the decree's sections in the
// statement of applicability, and the CSV for Czech Excel.
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "assess/policy_file.h"
#include "risk/frame_text.h"
#include "risk/register_builder.h"
#include "risk/register_csv.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);
// 2026-08-15 00:00:00 UTC: 100 days before kToday.
constexpr int64_t kAugust15 = 1786752000LL * 1000000000LL;

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

RiskRegister build(const Policy& policy, const std::vector<MergedAsset>& assets, const std::vector<Finding>& findings,
                   RiskProvenance provenance = {}) {
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday, std::move(provenance)});
}

const RiskEntry* risk_of(const RiskRegister& r, const std::string& asset, const std::string& threat = "NUKIB-2025-PRC") {
    for (const RiskEntry& e : r.risks)
        if (e.asset_id == asset && e.threat_id == threat) return &e;
    return nullptr;
}

TEST(RiskFrame, DocumentSectionFillsTheHeader) {
    Policy p = parse(
        "document:\n"
        "  organisation: Teplárna Příklad, a.s.\n"
        "  scope: |\n    Řídicí systém teplárny\n    a kamery\n"
        "  author: Jana Dvořáková\n"
        "  approver: Petr Svoboda\n"
        "  version: \"1.2\"\n"
        "  date: 2026-12-01\n"
        "  classification: Interní\n");
    const DocumentInfo& d = p.risk.document;
    EXPECT_EQ(d.organisation, "Teplárna Příklad, a.s.");
    EXPECT_EQ(d.scope, "Řídicí systém teplárny\na kamery");
    EXPECT_EQ(d.author, "Jana Dvořáková");
    EXPECT_EQ(d.approver, "Petr Svoboda");
    EXPECT_EQ(d.version, "1.2");
    EXPECT_EQ(d.date, CalendarDate(2026, 12, 1));
    EXPECT_EQ(d.classification, "Interní");
    EXPECT_EQ(d.defined_at, "site.yaml:2");

    const RiskRegister r = build(p, {}, {});
    EXPECT_EQ(r.frame.document_date, CalendarDate(2026, 12, 1));
    const FrameText t = frame_text(r, RiskLang::cs);
    ASSERT_GE(t.header.size(), 8u);
    EXPECT_EQ(t.header[0], (std::pair<std::string, std::string>{"Organizace", "Teplárna Příklad, a.s."}));
    EXPECT_EQ(t.header[3], (std::pair<std::string, std::string>{"Schválil", "Petr Svoboda"}));
    EXPECT_EQ(t.header[5], (std::pair<std::string, std::string>{"Datum dokumentu", "2026-12-01"}));
    // Without a document section every field is "to be decided", never invented.
    const FrameText empty = frame_text(build(parse("fail_on: high\n"), {}, {}), RiskLang::en);
    EXPECT_EQ(empty.header[0], (std::pair<std::string, std::string>{"Organisation", "to be decided"}));
    EXPECT_EQ(empty.header[5], (std::pair<std::string, std::string>{"Document date", "2026-11-23"}));
}

TEST(RiskFrame, MistakesArePathLineErrors) {
    EXPECT_EQ(error_of("document: x\n"),
              "site.yaml:1: document: expected a map of the document's header (organisation, scope, author, approver, "
              "version, date, classification), found a single value");
    EXPECT_EQ(error_of("document:\n  autor: Jana\n"),
              "site.yaml:2: document: unknown key 'autor'; allowed keys: organisation, scope, author, approver, version, "
              "date, classification");
    EXPECT_EQ(error_of("document:\n  date: 1. 12. 2026\n"),
              "site.yaml:2: document: date: '1. 12. 2026' is not a date YYYY-MM-DD");
    EXPECT_EQ(error_of("primary_assets:\n  - id: P-1\n    name: Teplo\n"),
              "site.yaml:2: primary_assets 'P-1': missing 'cia' ({c: 1-4, i: 1-4, a: 1-4})");
    EXPECT_EQ(error_of("primary_assets:\n  - id: P-1\n    cia: {c: 5, i: 1, a: 1}\n"),
              "site.yaml:3: primary_assets [1]: cia: c: '5' is not a whole number from 1 to 4");
    EXPECT_EQ(error_of("primary_assets:\n  - id: P-1\n    cia: {c: 1, i: 1, a: 1}\n  - id: P-1\n    cia: {c: 1, i: 1, a: 1}\n"),
              "site.yaml:4: primary_assets: id 'P-1' already used on line 2");
    EXPECT_EQ(error_of("primary_assets:\n  - id: P-1\n    cia: {c: 1, i: 1, a: 1}\n    supporting: A-1\n"),
              "site.yaml:4: primary_assets [1]: supporting: expected a list of asset ids, IP or MAC addresses, found a "
              "single value");
    EXPECT_EQ(error_of("risk:\n  evidence:\n    min_hour: 24\n"),
              "site.yaml:3: risk: evidence: unknown key 'min_hour'; allowed keys: min_hours, max_age_days");
    EXPECT_EQ(error_of("risk:\n  measures:\n    M-CONTRACT: {status: planned, deadline_days: -3}\n"),
              "site.yaml:3: risk: measures: M-CONTRACT: deadline_days: '-3' is not a whole number from 0 to 3650");
}

TEST(RiskFrame, PrimaryAssetRaisesTheSupportingAssetsImpact) {
    // Without primary assets: the camera's defaults C3 I2 A2, impact 3, vulnerability 1 + outbound +
    // no exception = 3, risk 3 x 3 x 3 = 27.
    const std::vector<MergedAsset> assets = {camera()};
    const std::vector<Finding> findings = {egress_cn("10.0.0.5", 1000)};
    const RiskRegister before = build(parse("fail_on: high\n"), assets, findings);
    ASSERT_TRUE(risk_of(before, "inv:CAM-1"));
    EXPECT_EQ(risk_of(before, "inv:CAM-1")->impact, 3);
    EXPECT_EQ(risk_of(before, "inv:CAM-1")->score, 27);

    // The camera serves the heat supply (I4, A4): it inherits I and A, its impact is 4, the risk 36.
    const Policy p = parse(
        "primary_assets:\n"
        "  - id: P-HEAT\n    name: Dodávka tepla\n    cia: {c: 2, i: 4, a: 4}\n    supporting: [CAM-1]\n"
        "  - id: P-OFFICE\n    name: Kancelář\n    cia: {c: 4, i: 4, a: 4}\n    supporting: [10.9.9.9]\n");
    const RiskRegister r = build(p, assets, findings);
    ASSERT_EQ(r.assets.size(), 1u);
    const ValuedAsset& cam = r.assets[0];
    EXPECT_EQ(cam.c.value, 3);
    EXPECT_EQ(cam.c.inherited_from, "");
    EXPECT_EQ(cam.i.value, 4);
    EXPECT_EQ(cam.i.inherited_from, "P-HEAT");
    EXPECT_EQ(cam.a.value, 4);
    EXPECT_EQ(cam.primary_ids, std::vector<std::string>{"P-HEAT"});
    EXPECT_EQ(risk_of(r, "inv:CAM-1")->impact, 4);
    EXPECT_EQ(risk_of(r, "inv:CAM-1")->score, 36);
    EXPECT_EQ(risk_of(r, "inv:CAM-1")->level, RiskLevel::critical);
    ASSERT_EQ(r.primary_assets.size(), 2u);
    EXPECT_EQ(r.primary_assets[0].supporting_ids, std::vector<std::string>{"inv:CAM-1"});
    EXPECT_TRUE(r.primary_assets[1].supporting_ids.empty());  // 10.9.9.9 is no asset here
    EXPECT_EQ(asset_value_basis(cam, RiskLang::cs),
              "výchozí hodnoty kategorie IP kamera; zvýšeno podle primárního aktiva: I 4 (P-HEAT), A 4 (P-HEAT)");
}

TEST(RiskFrame, InventoryColumnLinksPrimaryAssets) {
    MergedAsset cam = camera();
    AssetAttribute column;
    column.name = "Primary asset";  // as a CMDB header spells it
    column.value = "P-HEAT; Ostraha";
    cam.attributes.push_back(column);
    const Policy p = parse("primary_assets:\n  - id: P-HEAT\n    name: Dodávka tepla\n    cia: {c: 4, i: 1, a: 1}\n");
    const RiskRegister r = build(p, {cam}, {egress_cn("10.0.0.5", 1000)});
    EXPECT_EQ(r.assets[0].c.value, 4);
    EXPECT_EQ(r.assets[0].c.inherited_from, "P-HEAT");
    EXPECT_EQ(r.assets[0].primary_ids, (std::vector<std::string>{"P-HEAT", "Ostraha"}));
    ASSERT_EQ(r.primary_assets.size(), 2u);
    EXPECT_EQ(r.primary_assets[0].basis, "policy;inventory");
    EXPECT_EQ(r.primary_assets[1].id, "Ostraha");
    EXPECT_FALSE(r.primary_assets[1].valued);
    EXPECT_EQ(r.problems, std::vector<std::string>{
                              "primary asset 'Ostraha' is named by the inventory's primary_asset column but not valued in "
                              "the policy's primary_assets: its supporting assets keep their own values"});
}

TEST(RiskFrame, ShortAndOldEvidenceIsSaidPlainly) {
    RiskProvenance one_hour{true, kAugust15, kAugust15 + 3600LL * 1000000000LL, {"site.pcapng"}, {{"catalog", "0.1.0"}}};
    const RiskRegister r = build(parse("fail_on: high\n"), {}, {}, one_hour);
    EXPECT_TRUE(r.frame.has_traffic);
    EXPECT_DOUBLE_EQ(r.frame.hours, 1.0);
    EXPECT_EQ(r.frame.age_days, 100);
    EXPECT_TRUE(r.frame.evidence_short);
    EXPECT_TRUE(r.frame.evidence_old);
    const FrameText cs = frame_text(r, RiskLang::cs);
    EXPECT_EQ(cs.warnings,
              (std::vector<std::string>{
                  "POZOR: záznamy provozu pokrývají jen 1,00 h, méně než 24 h. Zařízení, která se za tu dobu neozvala, a "
                  "občasné přenosy (aktualizace, zálohy) mohou v registru chybět.",
                  "POZOR: poslední paket je 100 dní starý, starší než 90 dní před datem hodnocení; stav sítě se mohl "
                  "změnit."}));
    EXPECT_EQ(cs.header[8].second, "2026-08-15 00:00:00 až 2026-08-15 01:00:00 (UTC), 1,00 h");

    // The thresholds are the policy's: an hour is enough and 120 days is not old.
    const RiskRegister lenient =
        build(parse("risk:\n  evidence: {min_hours: 1, max_age_days: 120}\n"), {}, {}, one_hour);
    EXPECT_FALSE(lenient.frame.evidence_short);
    EXPECT_FALSE(lenient.frame.evidence_old);
    EXPECT_TRUE(frame_text(lenient, RiskLang::en).warnings.empty());

    // No captures at all: a register from inventories only says so.
    const FrameText none = frame_text(build(parse("fail_on: high\n"), {}, {}), RiskLang::en);
    ASSERT_EQ(none.warnings.size(), 1u);
    EXPECT_EQ(none.warnings[0].rfind("WARNING: no captures.", 0), 0u);
}

TEST(RiskFrame, LegalBasisCitesTheCatalogsWarnings) {
    const FrameText t = frame_text(build(parse("fail_on: high\n"), {}, {}), RiskLang::cs);
    ASSERT_EQ(t.legal_basis.size(), 5u);  // the Act, the decree, the three warnings of data/threats.csv
    EXPECT_EQ(t.legal_basis[0], "Zákon č. 264/2025 Sb., o kybernetické bezpečnosti (účinný od 1. 11. 2025)");
    EXPECT_NE(t.legal_basis[2].find("NÚKIB, varování ze dne 3. 9. 2025"), std::string::npos);
    EXPECT_NE(t.legal_basis[2].find("https://nukib.gov.cz/en/infoservis-en/news/2295-"), std::string::npos);
}

TEST(RiskFrame, RemoteAccessFromChinaBringsIncidentHandlingAndReporting) {
    const RiskRegister r = build(parse("fail_on: high\n"), {camera()}, {inbound_cn("10.0.0.5", "47.96.1.10", "SSH")});
    for (const char* id : {"M-INCIDENT-HANDLING", "M-INCIDENT-REPORTING"}) {
        const ApplicabilityEntry* a = nullptr;
        for (const ApplicabilityEntry& e : r.applicability)
            if (e.measure_id == id) a = &e;
        ASSERT_TRUE(a) << id;
        EXPECT_TRUE(a->applicable) << id;
        EXPECT_EQ(a->status, MeasureStatus::in_plan) << id;
        EXPECT_EQ(a->triggers, std::vector<std::string>{"inbound"}) << id;
    }
    // Egress alone does not call for incident reporting.
    const RiskRegister egress = build(parse("fail_on: high\n"), {camera()}, {egress_cn("10.0.0.5", 1000)});
    for (const ApplicabilityEntry& e : egress.applicability)
        if (e.measure_id == "M-INCIDENT-REPORTING") EXPECT_FALSE(e.applicable);
}

TEST(RiskFrame, DeadlinesPerMeasureBeforeThePerLevelLimit) {
    const Policy p = parse(
        "risk:\n"
        "  deadline_days: {critical: 30, high: 90}\n"
        "  measures:\n"
        "    M-REMOTE-ACCESS-OFF: {status: planned, deadline_days: 7}\n"
        "    M-SEGMENTATION: {status: planned, deadline: 2027-03-31}\n");
    const RiskRegister r = build(p, {camera()}, {inbound_cn("10.0.0.5", "47.96.1.10", "SSH")});
    std::map<std::string, std::pair<std::string, std::string>> got;
    for (const TreatmentItem& t : r.treatment)
        got[t.measure_id] = {t.deadline ? t.deadline->to_string() : "", t.deadline_basis};
    EXPECT_EQ(got["M-REMOTE-ACCESS-OFF"], (std::pair<std::string, std::string>{"2026-11-30", "measure_days"}));
    EXPECT_EQ(got["M-SEGMENTATION"], (std::pair<std::string, std::string>{"2027-03-31", "policy"}));
    EXPECT_EQ(got["M-INCIDENT-HANDLING"], (std::pair<std::string, std::string>{"2026-12-23", "deadline_days"}));
}

TEST(RiskFrame, CzechExcelCsvHasBomSemicolonsAndCzechWords) {
    MergedAsset cam = camera();
    cam.name = "=HYPERLINK(\"http://x\";\"y\")";
    const RiskRegister r = build(parse("fail_on: high\n"), {cam}, {egress_cn("10.0.0.5", 1000)});
    std::ostringstream out;
    write_risk_csv_excel(r, RiskLang::cs, out);
    const std::string csv = out.str();
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFID rizika;ID aktiva;Aktivum;ID hrozby;Hrozba;Dopad;", 0), 0u) << csv.substr(0, 200);
    const std::string row = csv.substr(csv.find("\r\n") + 2);
    EXPECT_EQ(row.rfind("R.AD5TF.PRC;inv:CAM-1;\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";NUKIB-2025-PRC;", 0), 0u) << row;
    EXPECT_NE(row.find(";27;Vysoké;Vysoké;"), std::string::npos) << row;
    EXPECT_NE(row.find(";otevřené;"), std::string::npos) << row;
}

}  // namespace
}  // namespace sovscan::test
