#pragma once
// The summary a person reads in the terminal: totals, an aligned findings table, devices, problems.
#include <ostream>

#include "report/scan_report.h"

namespace sovscan {

struct TerminalStyle {
    bool colour = false;   // ANSI colours, only when writing to a TTY
    size_t max_rows = 40;  // findings shown; the rest are counted
};

void write_terminal_report(const ScanReport& report, std::ostream& out, const TerminalStyle& style);

}  // namespace sovscan
