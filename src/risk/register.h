#pragma once
// The risk analysis as values: what decree 409/2025 § 8-9 asks an entity to produce, built from
// findings and merged assets by build_risk_register() (risk/register_builder.h) and written
// by risk/register_markdown, register_csv and register_json. Nothing here is text in one language only:
// catalogue texts are Bilingual, derivation lines are codes with arguments that the writers'
// message table (risk/messages.h) renders in Czech or English.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar_date.h"
#include "assess/finding.h"
#include "risk/catalog.h"
#include "risk/scale.h"
#include "risk/settings.h"

namespace sovscan {

// One line of a derivation: what was found (code, arguments as raw strings that the outputs
// escape) and what it did to the level (`delta`), and the level after it (`running`).
struct RiskReason {
    std::string code;
    std::vector<std::string> args;
    int delta = 0;
    int running = 0;
};

// One of C, I, A for one asset: the value and where it came from.
struct AspectValue {
    int value = 0;
    bool from_inventory = false;  // the CMDB gave it; else the category default
    // The primary asset whose higher value this one inherited (decree 409/2025 § 7 g): "" when
    // its own value stands.
    std::string inherited_from;
};

struct ValuedAsset {
    std::string id, name, category, owner, location;
    AspectValue c, i, a;
    // The defaults row used for aspects the inventory did not give ("default" for an unknown
    // category), and whether the policy file replaced it; "" when the inventory gave all three.
    std::string default_row;
    bool default_from_policy = false;
    std::vector<std::string> risk_ids;
    std::vector<std::string> primary_ids;  // the primary assets it serves
};

// A primary asset (a service or process, § 7) with its C/I/A and the supporting assets that serve
// it. From the policy's `primary_assets:` or named only by the inventory's `primary_asset` column
// (then `valued` is false: the operator has yet to value it).
struct PrimaryAssetEntry {
    std::string id, name;
    int c = 0, i = 0, a = 0;
    bool valued = false;
    std::vector<std::string> supporting_ids;  // ValuedAsset ids
    std::string basis;       // "policy", "inventory" or "policy;inventory": where the links come from
    std::string defined_at;  // "<policy file>:<line>", "" when only the inventory names it
};

// One version of the knowledge the register rests on: an intel source or a catalog file.
struct KnowledgeVersion {
    std::string name, version;
};

// The frame an auditor reads first (issue 15): the header from the policy's `document:`, the period
// the evidence covers, the knowledge's versions, and whether the evidence is short or old.
struct RegisterFrame {
    DocumentInfo document;
    CalendarDate document_date;     // document.date, else the assessment date
    bool has_traffic = false;       // captures were read and had packets
    int64_t first_ns = 0, last_ns = 0;  // first and last packet (Unix ns) when has_traffic
    std::vector<std::string> inputs;    // the files the evidence came from (raw)
    std::vector<KnowledgeVersion> knowledge;
    EvidenceThresholds thresholds;
    bool evidence_short = false;  // traffic covers less than thresholds.min_hours (or there is none)
    bool evidence_old = false;    // the last packet is older than thresholds.max_age_days
    double hours = 0;             // hours the traffic covers
    int age_days = 0;             // whole days from the last packet to the assessment date
    std::map<RiskLevel, int> deadline_days;  // the policy's per-level time limits (method appendix)
};

// A finding a risk rests on, as the register cites it.
struct RiskFindingRef {
    std::string rule;     // SOV-001 ...
    std::string summary;  // the finding's, readable already (outputs: readable_again, never readable_text)
    uint64_t bytes_sent = 0;
    std::string suppressed_by;  // exception id, "" when not suppressed
    // The summary in the document's language (report_words.h: Czech rendered from the finding's
    // fields, English the summary itself); readable already, like `summary`.
    Bilingual text = {};
};

enum class RiskStatus : uint8_t { open, accepted };
const char* risk_status_code(RiskStatus s);  // "open", "accepted"

// One risk: one asset under one threat. See docs/risk-method.md for why risks are per
// (asset, threat): the asset carries the impact, the threat its level, the evidence between
// them the vulnerability.
struct RiskEntry {
    std::string id;  // R.7K3QF.PRC: from the asset id and the threat (risk/ids.h), stable across inputs
    std::string asset_id, asset_name;
    std::string threat_id;
    Bilingual threat_name;
    int impact = 0;
    std::string impact_aspects;  // the aspects the threat harms and whose highest value is the impact, e.g. "C;I;A"
    int threat_level = 0;
    // vulnerability, score and level are the residual risk: what is left after accepted findings
    // and applied measures (docs/risk-method.md, "Residual risk"); the SoA, the plan and the order
    // of the register follow it. The inherent_ ones are the same before any exception or measure.
    int vulnerability = 0;
    // How both vulnerabilities were reached, line by line: the inherent lines, `inherent`, the
    // lines that lower it, `residual`.
    std::vector<RiskReason> derivation;
    int score = 0;                       // impact x threat x vulnerability, 1..64
    RiskLevel level = RiskLevel::low;
    int inherent_vulnerability = 0;
    int inherent_score = 0;
    RiskLevel inherent_level = RiskLevel::low;
    RiskStatus status = RiskStatus::open;
    // Accepted: the exceptions that cover every finding.
    std::vector<ExceptionRef> accepted_by;
    std::vector<ExceptionRef> expired_exceptions;  // expired exceptions that match its findings
    std::vector<RiskFindingRef> findings;
    std::vector<std::string> vendors;   // vendor names involved (raw)
    std::vector<std::string> triggers;  // evidence kinds (measures' triggers) present
    std::vector<std::string> measure_ids;  // applicable measures that answer it
};

// A threat of the catalog as this register used it.
struct AppliedThreat {
    ThreatEntry entry;
    int level = 0;
    std::string level_defined_at;  // "<policy file>:<line>" when the policy replaced the catalog's level
    size_t risks = 0;
};

// Statement of applicability: one row per catalogued measure.
enum class MeasureStatus : uint8_t { applied, planned, not_applied, in_plan, not_required, not_applicable };
const char* measure_status_code(MeasureStatus s);  // "applied", "planned", ...

struct ApplicabilityEntry {
    std::string measure_id;
    Bilingual name, description;
    bool applicable = false;             // some risk has evidence the measure answers
    std::vector<std::string> triggers;   // the measure's triggers that some risk has
    std::vector<std::string> risk_ids;   // those risks
    MeasureStatus status = MeasureStatus::not_applicable;
    std::string decree;      // the decree 409/2025 sections the measure carries out (measures.csv)
    std::string note;        // the operator's words (policy), raw
    std::string defined_at;  // where the operator's decision is written, "" when none
};

// Risk-treatment plan, one item per measure to carry out, with the seven items of § 8: description,
// goals and benefits, responsible person, resources, deadline, risk<->measure links, implementation.
struct TreatmentItem {
    std::string id;  // T.EGRESS.JUR: from the measure id (risk/ids.h)
    std::string measure_id;
    Bilingual name, description, goal, resources, implementation;
    std::string resources_note;  // the policy's resources, raw ("" = the catalog's)
    std::string owner;           // "" = to be decided (never invented)
    std::string owner_basis;     // "policy" or "asset_owner"
    std::optional<CalendarDate> deadline;
    std::string deadline_basis;  // "policy", "measure_days" (policy deadline_days of the measure), "deadline_days"
    std::vector<std::string> risk_ids;
    RiskLevel highest = RiskLevel::low;
    int highest_score = 0;
};

// How one asset depends on a supplier (issue 15): a cloud the asset uses makes its operator the
// asset's service provider, not its maker, whatever the supplier is to other assets.
struct SupplierDependency {
    std::string asset_id;
    std::vector<std::string> roles;  // manufacturer, software, model, service
    std::vector<std::string> basis;  // mac_oui, manufacturer, vendor_cloud, SOV-002, ...
};

// Register of suppliers (§ 9): each vendor or network operator, its jurisdiction, who depends on it.
struct SupplierEntry {
    std::string kind;  // "vendor" or "operator"
    std::string id;    // catalog vendor id, or the operator's name
    std::string name;  // raw
    std::string jurisdiction;  // control country
    bool high_risk = false;    // controlled from a jurisdiction the policy names
    std::vector<std::string> asset_ids;
    std::vector<std::string> basis;  // how assets depend on it: mac_oui, manufacturer, vendor_cloud, SOV-002, ...
    size_t findings = 0;
    // Official designations of the vendor in force ("US FCC Covered List, since 2021-03-12"), from
    // its findings (DesignationTagger).
    std::vector<std::string> designations;
    std::vector<std::string> designations_cs;  // the same with the lists' Czech names
    // The designations in the document's language.
    const std::vector<std::string>& designations_in(RiskLang lang) const {
        return lang == RiskLang::cs ? designations_cs : designations;
    }
    std::vector<std::string> risk_ids;

    // Issue 15 (defect 2, item 8). `kind` is "vendor" for every supplier now: the network operators
    // a finding's counterpart belongs to are counterparts, not suppliers (CounterpartOperator).
    bool catalogued = false;         // `id` is the catalog's vendor id; else the normalised name
    std::vector<std::string> roles;  // manufacturer, software, model, service
    std::vector<std::string> aliases;  // every name the inputs gave it (raw), each once
    std::vector<SupplierDependency> dependencies;  // one per asset in asset_ids, same order
    // Significant supplier (decree 409/2025 § 9): the criteria met (high_risk_jurisdiction,
    // remote_access, data, important_asset), and the operator's word from the suppliers file.
    bool significant = false;
    std::vector<std::string> significance;
    std::string significance_override;  // "yes", "no" or "" (suppliers file)
    // From the operator's suppliers file (--suppliers), raw; empty when it does not list it.
    std::string contract, contact;
    std::optional<CalendarDate> last_assessment;
    std::string listed_at;  // "<file>:<line>"
};

// A network a finding's counterpart belongs to: the operator of the servers the assets sent data
// to, of the resolver they asked, or of the address a session to them came from. Shown apart from
// the suppliers (issue 15 item 8): the operator buys nothing from a transit network, an attacker's
// network or a public NTP pool.
struct CounterpartOperator {
    std::string name;          // raw
    std::string jurisdiction;  // control country ("" unknown)
    bool high_risk = false;
    std::vector<std::string> roles;         // destination, resolver, remote_party
    std::vector<std::string> counterparts;  // names or addresses, raw, each once
    std::vector<std::string> asset_ids;
    std::vector<std::string> rules;  // SOV-001 ...
    size_t findings = 0;
    std::vector<std::string> risk_ids;
};

// Every exception of the policy, as the register sees it.
struct ExceptionStatus {
    ExceptionRef ref;
    bool expired = false;
    std::vector<std::string> risk_ids;  // risks whose findings it covers (or covered, when expired)
};

// Changes since the last assessment (`sovscan risk --previous LAST.json`, risk/register_diff.h).
struct RiskChange {
    std::string change;       // "new", "closed", "raised", "lowered"
    std::string id;           // the id now; the previous one for a closed risk
    std::string previous_id;  // the id in the previous register ("" for a new risk)
    std::string asset_id, asset_name, threat_id;  // raw
    int previous_score = 0, score = 0;            // 0 where the risk did not exist
    RiskLevel previous_level = RiskLevel::low, level = RiskLevel::low;
};

struct SupplierChange {
    std::string change;  // "added", "removed"
    std::string key;     // catalog vendor id, else the name
    std::string name, kind;
};

struct RegisterChanges {
    std::string previous_file;         // as given, raw
    std::string previous_assessed_on;  // YYYY-MM-DD, raw from the file
    std::vector<RiskChange> risks;     // new, raised, lowered (highest score first), then closed
    std::vector<SupplierChange> suppliers;
    size_t unchanged = 0;  // risks in both with the same level and score
};

struct RiskRegister {
    static constexpr int kSchemaVersion = 2;  // 2: issue 15 (ids, residual values, suppliers and counterpart operators)
    CalendarDate assessed_on;
    std::string policy_file, policy_sha256;
    RiskCutoffs cutoffs;
    uint64_t volume_bytes = 0;
    std::vector<AppliedThreat> threats;
    std::vector<ValuedAsset> assets;
    std::vector<RiskEntry> risks;  // highest score first, then by id
    std::vector<ApplicabilityEntry> applicability;
    std::vector<TreatmentItem> treatment;
    std::vector<SupplierEntry> suppliers;
    std::vector<CounterpartOperator> counterpart_operators;  // issue 15 item 8
    std::vector<ExceptionStatus> exceptions;
    RegisterFrame frame;
    std::vector<PrimaryAssetEntry> primary_assets;
    // Problems with the inputs (a policy naming an unknown threat or measure, ...): reported, the
    // rest of the register still built.
    std::vector<std::string> problems;
    // Set when a previous register was given.
    std::optional<RegisterChanges> changes;

    const RiskEntry* risk(std::string_view id) const {
        for (const RiskEntry& r : risks)
            if (r.id == id) return &r;
        return nullptr;
    }
};

}  // namespace sovscan
