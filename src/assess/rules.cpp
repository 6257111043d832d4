#include "assess/rules.h"

#include <cctype>

namespace sovscan {

static const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)> kRules = {{
    {RuleId::egress_located_high_risk, "SOV-001", "egress-located-high-risk",
     "Data sent to a server located in a high-risk jurisdiction", Severity::high, RuleSubject::traffic},
    {RuleId::egress_operator_high_risk, "SOV-002", "egress-operator-high-risk",
     "Data sent to a server operated by a company controlled from a high-risk jurisdiction", Severity::medium,
     RuleSubject::traffic},
    {RuleId::inbound_from_high_risk, "SOV-003", "inbound-from-high-risk",
     "Session to a local host initiated from a high-risk jurisdiction (remote access)", Severity::high, RuleSubject::traffic},
    {RuleId::resolver_high_risk, "SOV-004", "resolver-high-risk",
     "DNS resolver in a high-risk jurisdiction or run by a company controlled from one", Severity::high, RuleSubject::traffic},
    {RuleId::device_high_risk_vendor, "SOV-005", "device-high-risk-vendor",
     "Local device with a network interface from a high-risk vendor", Severity::medium, RuleSubject::device},
    {RuleId::policy_exception_expired, "SOV-006", "policy-exception-expired",
     "Policy exception past its expiry date: it no longer suppresses anything", Severity::medium,
     RuleSubject::policy},
    // Asset rules (assess/asset_assessor.h): about what an asset is, from the merged inventory.
    {RuleId::asset_high_risk_vendor, "SOV-007", "asset-high-risk-vendor",
     "Asset made by a high-risk vendor (manufacturer, banner, vendor cloud or inventory evidence)", Severity::medium,
     RuleSubject::device},
    {RuleId::software_high_risk_vendor, "SOV-008", "software-high-risk-vendor",
     "System contains software components from a high-risk vendor (SBOM)", Severity::low, RuleSubject::device},
    {RuleId::model_high_risk_api, "SOV-009", "model-high-risk-api",
     "AI model of high-risk origin used without local weights (client of a vendor API)", Severity::high,
     RuleSubject::device},
    {RuleId::model_high_risk_local, "SOV-010", "model-high-risk-local",
     "AI model of high-risk origin run from local weights", Severity::low, RuleSubject::device},
}};

const RuleInfo& rule_info(RuleId id) { return kRules[static_cast<size_t>(id)]; }
const std::array<RuleInfo, static_cast<size_t>(RuleId::count_)>& all_rules() { return kRules; }

std::optional<RuleId> parse_rule_code(std::string_view code) {
    for (const RuleInfo& r : kRules) {
        if (code.size() != r.code.size()) continue;
        bool same = true;
        for (size_t i = 0; i < code.size() && same; ++i)
            same = std::toupper(static_cast<unsigned char>(code[i])) == r.code[i];
        if (same) return r.id;
    }
    return std::nullopt;
}

}  // namespace sovscan
