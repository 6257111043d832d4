#pragma once
// What every inventory reader returns, and the few words its problems share.
#include <string>
#include <string_view>
#include <vector>

#include "inventory/asset_record.h"

namespace sovscan {

// The records one input yielded and what was wrong with it. A problem never discards the records
// read before or after it: a bad row, host or component is skipped, the rest stands.
struct InventoryReadResult {
    std::vector<AssetRecord> records;
    std::vector<InventoryProblem> problems;
};

// One line for a person: "assets.csv:12: column ip: '10.0.0.300' is not an IP address".
std::string problem_line(const InventoryProblem& problem);

// A value from an input, quoted for a problem message: escaped with printable() (the input is
// hostile) and cut to a readable length, e.g. '10.0.0.300' or 'aaaa...' (300 bytes).
std::string quoted_value(std::string_view raw);

}  // namespace sovscan
