#include "assess/finding.h"

#include <algorithm>

namespace sovscan {

std::string ProxyRef::to_string() const {
    const std::string address = ip.to_string();
    return (ip.is_v4() ? address : "[" + address + "]") + ":" + std::to_string(port);
}

std::string how_learnt(const ObservedName& n) {
    if (n.dns_basis == "other_client_before") return n.how + ", learnt from another client's answer";
    if (n.dns_basis == "own_after") return n.how + ", answered after the flow began";
    if (n.dns_basis == "other_client_after")
        return n.how + ", learnt from another client's answer, answered after the flow began";
    return n.how;
}

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.bytes_sent > b.bytes_sent;
    });
}

}  // namespace sovscan
