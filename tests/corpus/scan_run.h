#pragma once
// Runs the real engine on one corpus capture and keeps every flow, for the end-to-end tests.
#include <optional>
#include <string>
#include <vector>

#include "engine/scan_engine.h"

namespace sovscan::test {

struct ScanRun {
    std::optional<ScanReport> report;
    std::vector<Flow> flows;
    Diagnostics diag;
};

// Scans `path` with the default policy (and `home_nets`), the installed intel, default timeouts.
ScanRun scan_capture(const std::string& path, const std::vector<std::string>& home_nets = {});

}  // namespace sovscan::test
