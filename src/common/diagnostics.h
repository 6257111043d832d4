#pragma once
// What went wrong with the inputs, said once per file and kept for the report. Nothing below cli
// prints: stages record here, the cli decides how to show it.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sovscan {

enum class ProblemLevel { warning, error };

struct InputProblem {
    ProblemLevel level;
    std::string input;    // file or directory the problem is about ("" for none)
    std::string message;  // one line, no trailing period, e.g. "truncated capture: results up to packet 412"
};

class Diagnostics {
public:
    void warn(std::string input, std::string message);
    void error(std::string input, std::string message);
    // An input that was only partly read (truncated, corrupt tail): its results stand but are partial.
    void mark_partial(const std::string& input);

    const std::vector<InputProblem>& problems() const { return problems_; }
    const std::vector<std::string>& partial_inputs() const { return partial_; }
    bool has_errors() const;

private:
    std::vector<InputProblem> problems_;
    std::vector<std::string> partial_;
};

// Counters with names, e.g. "truncated_ipv4_header" -> 3. Used for the rare events every stage
// reports; the hot path keeps its own arrays and folds them in here once at the end.
using NamedCounters = std::map<std::string, uint64_t>;

}  // namespace sovscan
