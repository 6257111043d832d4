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
    std::string defined_at;  // "<policy file>:<line>"
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
};

}  // namespace sovscan
