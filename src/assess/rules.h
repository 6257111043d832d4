#pragma once
// The rules sovscan applies, with ids that never change meaning (reports, exceptions and SIEM
// searches refer to them). A new rule gets a new id; a retired id is never reused.
#include <array>
#include <optional>
#include <string_view>

#include "assess/severity.h"

namespace sovscan {

enum class RuleId : uint8_t {
    egress_located_high_risk,   // SOV-001
    egress_operator_high_risk,  // SOV-002
    inbound_from_high_risk,     // SOV-003
    resolver_high_risk,         // SOV-004
    device_high_risk_vendor,    // SOV-005
    policy_exception_expired,   // SOV-006
    asset_high_risk_vendor,     // SOV-007
    software_high_risk_vendor,  // SOV-008
    model_high_risk_api,        // SOV-009
    model_high_risk_local,      // SOV-010
    count_
};

// What a finding is about, which decides what the outputs show for it: traffic has a counterpart,
// a device has only the local side, a policy finding is about the operator's own policy file.
enum class RuleSubject : uint8_t { traffic, device, policy };

struct RuleInfo {
    RuleId id;
    std::string_view code;   // stable id, e.g. "SOV-001"
    std::string_view slug;   // e.g. "egress-located-high-risk"
    std::string_view title;  // one line for people
    Severity default_severity;
    RuleSubject subject;
};

const RuleInfo& rule_info(RuleId id);
const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)>& all_rules();
// The rule with that stable id ("SOV-003", case-insensitive), nullopt for an unknown id.
std::optional<RuleId> parse_rule_code(std::string_view code);

}  // namespace sovscan
