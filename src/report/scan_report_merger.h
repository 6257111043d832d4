#pragma once
// Merges the scan reports of several sensors (or of several runs of one) into one report, as
// `sovscan merge` does (docs/merge.md): the sensors kept apart in `merged_from` and in each
// finding's `sensors`, every count summed, findings united by their stable id.
#include <map>
#include <string>
#include <vector>

#include "report/json_report_reader.h"
#include "report/scan_report.h"

namespace sovscan {

class ScanReportMerger {
public:
    // Adds one report as read from `file` (a merged report adds every source it was made from).
    // Throws ReportReadError when it holds a source already added (the same sensor's report of the
    // same time, given twice or inside two merged reports): merging it again would count it twice.
    void add(ReadScanReport read, const std::string& file);

    // The merged report: `merged_from` the sources in the order added, findings sorted as a scan
    // sorts them. The policy is the first report's, with the union of every report's high-risk
    // jurisdictions, home networks and exceptions; fail_on the strictest of theirs. Where the
    // reports' policies or intel versions differ, a warning in `problems` says so.
    ScanReport finish();

private:
    void add_finding(Finding f);
    void note_differences();

    ScanReport merged_;
    bool first_ = true;
    std::map<std::string, size_t> finding_index_;  // stable id -> position in merged_.findings
    std::map<std::string, size_t> device_index_;   // MAC -> position in merged_.devices
    std::map<std::string, size_t> country_index_;  // located_in -> position in egress_by_country
    // Whether every sensor that saw a finding accepted it: a site that did not keeps it open.
    std::map<std::string, bool> suppressed_everywhere_;
};

}  // namespace sovscan
