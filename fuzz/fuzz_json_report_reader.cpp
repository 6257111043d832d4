// libFuzzer: any bytes as a JSON scan report (`sovscan merge`'s input). Either a report comes back
// or one ReportReadError line, escaped -- never a crash, hang or other exception. What is read is
// written again and must read back (a merged report merges again), and merges with itself as
// another sensor's report.
//   build-hardened/fuzz/fuzz_json_report_reader -max_total_time=60 seeds/
// scripts/fuzz.sh seeds it with reports sovscan writes of corpus captures (scan and merge).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "report/csv_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/json_report_reader.h"
#include "report/scan_report_merger.h"

namespace {

void check_error(const std::string& message) {
    for (const char c : message)
        if (c == '\n' || c == '\x1b' || c == '\0') std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    sovscan::ReadScanReport read;
    try {
        read = sovscan::read_json_report(text, "fuzz\x1b[0m.json");
    } catch (const sovscan::ReportReadError& e) {
        check_error(e.what());
        return 0;
    }
    if (read.sources.empty()) std::abort();

    std::ostringstream json;
    sovscan::write_json_report(read.report, json);
    sovscan::ReadScanReport again;
    try {
        again = sovscan::read_json_report(json.str(), "again.json");
    } catch (const sovscan::ReportReadError&) {
        std::abort();  // what the reader accepted, the writer must write readably
    }
    if (again.report.findings.size() != read.report.findings.size()) std::abort();

    // The same report as another sensor's: merges, and every finding is one of both.
    for (sovscan::ReportSource& s : again.sources) s.generated_at += "-again";
    sovscan::ScanReportMerger merger;
    try {
        merger.add(std::move(read), "first.json");
        merger.add(std::move(again), "second.json");
    } catch (const sovscan::ReportReadError& e) {  // a source named twice among its own sources
        check_error(e.what());
        return 0;
    }
    const sovscan::ScanReport merged = merger.finish();
    std::ostringstream out;
    sovscan::write_json_report(merged, out);
    sovscan::write_html_report(merged, out, sovscan::RiskLang::en);
    sovscan::write_csv_findings(merged, out);
    return 0;
}
