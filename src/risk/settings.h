#pragma once
// The operator's choices for the risk register, from the policy file's `risk:` section
// (docs/policy.md, docs/risk-method.md): level cut-offs, asset values per category, threat levels,
// the volume that counts as "much data sent", deadlines per risk level and decisions on measures.
// Ids of threats and measures are checked against the catalog when the register is built
// (check_risk_settings in risk/register_builder.h), where the catalog is known.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/calendar_date.h"
#include "risk/scale.h"
#include "inventory/asset_record.h"

namespace sovscan {

// What the operator decided about one measure of data/measures.csv.
struct MeasureDecision {
    std::string status;     // applied, planned, not_applied
    std::string note;       // how it is applied, or why not
    std::string owner, resources;
    std::optional<CalendarDate> deadline;
    // Days from the assessment date, when no fixed deadline is given: this measure's own
    // urgency before the per-level `deadline_days`.
    std::optional<int> deadline_days;
    std::string defined_at;  // "<policy file>:<line>"
};

// The document's header (policy `document:`): who the register is for and who answers for it.
// Every field is the operator's words, raw; empty = not given ("to be decided" in the documents).
struct DocumentInfo {
    std::string organisation, scope, author, approver, version, classification;
    std::optional<CalendarDate> date;  // the document's date; the assessment date when not given
    std::string defined_at;            // "<policy file>:<line>" of the section, "" when none
};

// When the evidence is too thin or too old to carry the register on its own (policy
// `risk: evidence:`): a plain warning, never a refusal. Defaults: a day of traffic, 90 days of age.
struct EvidenceThresholds {
    int min_hours = 24;      // traffic covering less than this many hours is "short"
    int max_age_days = 90;   // traffic whose last packet is older than this before the assessment date is "old"
};

// A primary asset (decree 409/2025 § 7: a service or process) valued on C/I/A by the operator
// (policy `primary_assets:`); the supporting assets that serve it inherit at least its values.
struct PrimaryAssetSpec {
    std::string id, name;
    CiaValues cia;
    // Supporting assets that serve it: inventory ids, merged asset ids (inv:..., ip:..., mac:...),
    // IP or MAC addresses, as the operator writes them. The inventory's `primary_asset` column adds more.
    std::vector<std::string> supporting;
    std::string defined_at;
};

struct RiskSettings {
    RiskCutoffs cutoffs;
    // C/I/A per category (lower case), replacing data/risk_asset_values.csv's row; "default" for
    // assets of unknown category. Values 1-4.
    std::map<std::string, CiaValues> asset_values;
    // Threat id -> level 1-4, replacing the catalog's level.
    std::map<std::string, int> threat_levels;
    std::map<std::string, std::string> threat_levels_at;  // id -> "<file>:<line>" (error context)
    // Bytes sent to high-risk counterparts from which "volume sent" raises the vulnerability.
    uint64_t volume_bytes = 10ull * 1000 * 1000;
    // Days from the assessment date to a treatment deadline, per risk level; a level without an
    // entry gets "to be decided".
    std::map<RiskLevel, int> deadline_days;
    std::map<std::string, MeasureDecision> measures;  // by measure id
    // Issue 15 (the decree's frame): the document header, the evidence thresholds and the primary
    // assets. `document:` and `primary_assets:` are top-level keys of the policy file.
    DocumentInfo document;
    EvidenceThresholds evidence;
    std::vector<PrimaryAssetSpec> primary_assets;
};

}  // namespace sovscan
