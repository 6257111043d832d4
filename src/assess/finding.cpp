#include "assess/finding.h"

#include <algorithm>

namespace sovscan {

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.bytes_sent > b.bytes_sent;
    });
}

}  // namespace sovscan
