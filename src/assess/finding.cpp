#include "assess/finding.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "common/stable_id.h"

namespace sovscan {

std::string stable_finding_id(const Finding& f) {
    std::string key = std::string(rule_info(f.rule).code) + "|" + (f.asset.has_ip ? f.asset.ip.to_string() : "") + "|" +
                      (f.asset.macs.empty() ? "" : f.asset.macs[0].to_string()) + "|";
    if (rule_info(f.rule).subject == RuleSubject::traffic) {
        // The counterpart's address; its name when it has none (a server reached through a proxy by name).
        const Counterpart& c = f.counterpart;
        key += c.has_ip() || c.names.empty() ? c.ip.to_string() : "name:" + c.names[0].name;
    }
    if (f.about_exception) key += "|" + f.about_exception->id;
    return stable_hex_id(key);
}

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
    // Sorted as indices, then put in place by following the permutation's cycles: a Finding is over
    // a kilobyte, and std::stable_sort's buffer of them for an inventory of a million assets held
    // another 600 MB (issue 19).
    std::vector<size_t> order(findings.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&findings](size_t x, size_t y) {
        const Finding& a = findings[x];
        const Finding& b = findings[y];
        if (a.severity != b.severity) return a.severity > b.severity;
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.bytes_sent > b.bytes_sent;
    });
    // Position p receives findings[order[p]]; a visited position is marked order[p] == p.
    for (size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) continue;
        Finding held = std::move(findings[start]);
        size_t p = start;
        while (order[p] != start) {
            const size_t next = order[p];
            findings[p] = std::move(findings[next]);
            order[p] = p;
            p = next;
        }
        findings[p] = std::move(held);
        order[p] = p;
    }
}

}  // namespace sovscan
