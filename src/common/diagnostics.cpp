#include "common/diagnostics.h"

#include <algorithm>

namespace sovscan {

void Diagnostics::warn(std::string input, std::string message) {
    problems_.push_back({ProblemLevel::warning, std::move(input), std::move(message)});
}

void Diagnostics::error(std::string input, std::string message) {
    problems_.push_back({ProblemLevel::error, std::move(input), std::move(message)});
}

void Diagnostics::mark_partial(const std::string& input) {
    if (std::find(partial_.begin(), partial_.end(), input) == partial_.end()) partial_.push_back(input);
}

bool Diagnostics::has_errors() const {
    return std::any_of(problems_.begin(), problems_.end(),
                       [](const InputProblem& p) { return p.level == ProblemLevel::error; });
}

}  // namespace sovscan
