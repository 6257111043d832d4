#pragma once
// The exposure charts both HTML documents draw from a scan (the scan report and the risk
// analysis): traffic by jurisdiction, by operator or vendor, top local assets by bytes sent (named
// from the merged inventory when the report has one), and findings over time; plus the ways those documents name a finding's asset, counterpart and
// operator. One layout: the words come in ExposureChartWords (English by default; the risk page
// passes Czech or English from risk/messages).
#include <cstdint>
#include <functional>
#include <string>

#include "report/scan_report.h"
#include "risk/text.h"

namespace sovscan {

// 999 B, 1.2 kB, 3.4 MB, 1.25 GB: decimal units, as everywhere in sovscan's documents
// (number_text.h); English typography. Documents in Czech pass ExposureChartWords::bytes.
std::string human_bytes(double bytes);

bool is_traffic_finding(const Finding& f);

// The local side of a finding as one line of plain text (an address, a MAC, "policy").
std::string finding_asset_label(const Finding& f);

// The counterpart's first server name (printable), else its address; "" for non-traffic findings.
std::string finding_counterpart_label(const Finding& f);

// Who runs the counterpart (for a device: who made it): operator, else vendor, else resolver
// operator, else the AS name; with the country that controls it.
struct FindingOperator {
    std::string name, controlled_by;
    std::string label() const;  // "name (CC)"
};
FindingOperator finding_operator(const Finding& f);

// <figure> with a caption, the chart's SVG (already safe) and a note below it (plain text).
std::string chart_figure(const std::string& caption, const std::string& svg, const std::string& note);

// The words of one chart: caption above, accessible title, note below, legend of the red mark.
struct ChartWords {
    std::string caption, title, note, highlight;
};

// Every word the exposure charts print, in the document's language (report_words.cpp holds them).
// Format strings take {0}, {1} ...; they are constants of the program (never data), so
// fmt::runtime is safe on them.
struct ExposureChartWords {
    std::string sent, received, unknown_location, unknown_operator;
    std::string servers_flows;   // "{0} server(s), {1} flow(s)"
    std::string findings_count;  // "{0} finding(s)"
    std::string accepted;
    std::function<std::string(Severity)> severity;
    std::function<std::string(double)> bytes;  // "2.9 kB" / "2,9 kB"
    ChartWords jurisdiction, jurisdiction_high, operators, assets, timeline;
    std::string timeline_cut;  // " The {0} most severe of {1} findings are drawn."
    // The time axis of a short timeline: offsets from its start ("15 s", "1 min 30 s").
    std::string seconds, minutes, timeline_from;  // "s", "min", "from {0} UTC"
    std::function<std::string(uint64_t)> exact_bytes;  // "exactly 10,000,000 bytes" for a tooltip
};

ExposureChartWords exposure_chart_words(RiskLang lang);

std::string jurisdiction_chart(const ScanReport& r, const ExposureChartWords& w = exposure_chart_words(RiskLang::en));
std::string operator_chart(const ScanReport& r, const ExposureChartWords& w = exposure_chart_words(RiskLang::en));
std::string asset_chart(const ScanReport& r, const ExposureChartWords& w = exposure_chart_words(RiskLang::en));
std::string timeline_chart(const ScanReport& r, const ExposureChartWords& w = exposure_chart_words(RiskLang::en));

// Findings with a first-seen time: the timeline has something to draw.
bool has_timed_findings(const ScanReport& r);

}  // namespace sovscan
