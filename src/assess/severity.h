#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace sovscan {

enum class Severity : uint8_t { info = 0, low, medium, high, critical };

const char* severity_label(Severity s);  // "info" ... "critical"
std::optional<Severity> parse_severity(std::string_view text);
Severity raise(Severity s, int steps = 1);
Severity lower(Severity s, int steps = 1);

}  // namespace sovscan
