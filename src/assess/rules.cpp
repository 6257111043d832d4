#include "assess/rules.h"

namespace sovscan {

static const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)> kRules = {{
    {RuleId::egress_located_high_risk, "SOV-001", "egress-located-high-risk",
     "Data sent to a server located in a high-risk jurisdiction", Severity::high},
    {RuleId::egress_operator_high_risk, "SOV-002", "egress-operator-high-risk",
     "Data sent to a server operated by a company controlled from a high-risk jurisdiction", Severity::medium},
    {RuleId::inbound_from_high_risk, "SOV-003", "inbound-from-high-risk",
     "Session to a local host initiated from a high-risk jurisdiction (remote access)", Severity::high},
    {RuleId::resolver_high_risk, "SOV-004", "resolver-high-risk",
     "DNS resolver in a high-risk jurisdiction or run by a company controlled from one", Severity::high},
    {RuleId::device_high_risk_vendor, "SOV-005", "device-high-risk-vendor",
     "Local device with a network interface from a high-risk vendor", Severity::medium},
}};

const RuleInfo& rule_info(RuleId id) { return kRules[static_cast<size_t>(id)]; }
const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)>& all_rules() { return kRules; }

}  // namespace sovscan
