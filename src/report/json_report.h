#pragma once
// The machine-readable report (schema in docs/report-schema.md, versioned by kReportSchemaVersion).
#include <ostream>

#include "report/scan_report.h"

namespace sovscan {

void write_json_report(const ScanReport& report, std::ostream& out);

}  // namespace sovscan
