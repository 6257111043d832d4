#pragma once
// The rules sovscan applies, with ids that never change meaning (reports, exceptions and SIEM
// searches refer to them). A new rule gets a new id; a retired id is never reused.
#include <array>
#include <string_view>

#include "assess/severity.h"

namespace sovscan {

enum class RuleId : uint8_t {
    egress_located_high_risk,   // SOV-001
    egress_operator_high_risk,  // SOV-002
    inbound_from_high_risk,     // SOV-003
    resolver_high_risk,         // SOV-004
    device_high_risk_vendor,    // SOV-005
    count_
};

struct RuleInfo {
    RuleId id;
    std::string_view code;   // stable id, e.g. "SOV-001"
    std::string_view slug;   // e.g. "egress-located-high-risk"
    std::string_view title;  // one line for people
    Severity default_severity;
};

const RuleInfo& rule_info(RuleId id);
const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)>& all_rules();

}  // namespace sovscan
