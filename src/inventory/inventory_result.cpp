#include "inventory/inventory_result.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

namespace {
// Long enough for any address, id or name a person would type; a longer value is noise in a message.
constexpr size_t kQuotedMax = 80;
}  // namespace

std::string problem_line(const InventoryProblem& problem) {
    if (problem.where.empty()) return problem.message;
    return fmt::format("{}: {}", problem.where, problem.message);
}

std::string quoted_value(std::string_view raw) {
    if (raw.size() <= kQuotedMax) return fmt::format("'{}'", printable(raw));
    return fmt::format("'{}...' ({} bytes)", printable(raw.substr(0, kQuotedMax)), raw.size());
}

}  // namespace sovscan
