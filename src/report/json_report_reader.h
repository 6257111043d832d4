#pragma once
// Reads a JSON scan report (docs/report-schema.md, what `sovscan scan -o x.json` writes) back into
// a ScanReport: the input of `sovscan merge`. Strict: the first thing that is not as sovscan writes
// it ends the reading with an error naming the file and the JSON pointer of the place
// ("a.json: /findings/3/traffic/bytes_sent: expected a non-negative integer, found a string").
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/scan_report.h"

namespace sovscan {

// Bounds on what the reader parses: nlohmann's parser recurses once per level (a report nests six
// deep; common/json_nesting.h), and its DOM takes several times the text's size in memory.
inline constexpr int kMaxScanReportJsonDepth = 32;
inline constexpr size_t kMaxScanReportBytes = size_t{1} << 30;  // 1 GiB: about 300,000 findings
// The oldest schema the reader accepts: 1.8 gave every report its `sensor`, by which a merged
// report keeps sites apart. Newer minor versions are refused too: what they add would be lost.
inline constexpr int kOldestReadableSchemaMinor = 8;

// Thrown with "FILE: /pointer: what" (printable: the file's name and text are escaped).
class ReportReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ReadScanReport {
    ScanReport report;  // as the file says; merged_from and Finding::sensors only when it is merged
    // Who contributed to it: its merged_from, or for one sensor's report that sensor, its inputs,
    // intel, policy and partial reasons (as the file gives them: an interruption's among them).
    std::vector<ReportSource> sources;
};

// `text` is the content of `file` (named in errors). Throws ReportReadError.
ReadScanReport read_json_report(std::string_view text, const std::string& file);
// Reads `path` whole (at most kMaxScanReportBytes) and parses it. Throws ReportReadError.
ReadScanReport read_json_report_file(const std::string& path);

}  // namespace sovscan
