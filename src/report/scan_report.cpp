#include "report/scan_report.h"

#include <algorithm>

namespace sovscan {

bool ScanReport::partial() const {
    return std::any_of(inputs.begin(), inputs.end(), [](const InputSummary& i) { return i.partial; });
}

size_t ScanReport::count_at_or_above(Severity s) const {
    return std::count_if(findings.begin(), findings.end(),
                         [s](const Finding& f) { return !f.suppressed() && f.severity >= s; });
}

size_t ScanReport::suppressed_count() const {
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.suppressed(); });
}

}  // namespace sovscan
