#include "assess/severity.h"

#include <algorithm>
#include <cstdint>

namespace sovscan {

static constexpr const char* kLabels[] = {"info", "low", "medium", "high", "critical"};

const char* severity_label(Severity s) { return kLabels[static_cast<int>(s)]; }

std::optional<Severity> parse_severity(std::string_view text) {
    for (int i = 0; i < 5; ++i)
        if (text == kLabels[i]) return static_cast<Severity>(i);
    return std::nullopt;
}

Severity raise(Severity s, int steps) { return static_cast<Severity>(std::min(4, static_cast<int>(s) + steps)); }
Severity lower(Severity s, int steps) { return static_cast<Severity>(std::max(0, static_cast<int>(s) - steps)); }

}  // namespace sovscan
