#pragma once
// Findings as CSV, one row each (RFC 4180; cells neutralised against formula injection).
#include <ostream>

#include "report/scan_report.h"

namespace sovscan {

void write_csv_findings(const ScanReport& report, std::ostream& out);

}  // namespace sovscan
