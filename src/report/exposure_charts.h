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

namespace sovscan {

// 1023 B, 1.2 KiB, 3.4 MiB, 1.25 GiB.
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

// Every word the exposure charts print. Format strings take {0}, {1} ...; they are constants of
// the program (never data), so fmt::runtime is safe on them.
struct ExposureChartWords {
    std::string sent = "sent", received = "received";
    std::string unknown_location = "unknown location", unknown_operator = "unknown operator";
    std::string servers_flows = "{0} server(s), {1} flow(s)";
    std::string findings_count = "{0} finding(s)";
    std::string accepted = "accepted";
    std::function<std::string(Severity)> severity = [](Severity s) { return std::string(severity_label(s)); };
    ChartWords jurisdiction{
        "Exposure by jurisdiction", "Traffic to remote servers by the country they are located in",
        "Bytes local hosts exchanged with remote servers (and DNS resolvers), by where each server is located "
        "(geolocation). High-risk jurisdictions are marked red; all of them are shown, the rest only the largest.",
        "high-risk jurisdiction"};
    ChartWords operators{
        "Exposure by operator or vendor", "Traffic in findings by the operator or vendor behind the counterpart",
        "Bytes in findings (accepted ones included), by the company that operates the server or whose service it is, "
        "with the country that controls it; otherwise the network's AS name.",
        "controlled from a high-risk jurisdiction"};
    ChartWords assets{
        "Top local assets", "Local assets by bytes sent to high-risk counterparts",
        "Bytes each local host sent in findings (to servers located in, or operated from, a high-risk jurisdiction, "
        "to resolvers there, and answers to sessions opened from there), coloured by the finding's severity.",
        ""};
    ChartWords timeline{"Findings over time", "Findings from first to last seen",
                        "Each bar runs from the first to the last packet of a finding in the captures (UTC); faded bars "
                        "are accepted by an exception.",
                        ""};
    std::string timeline_cut = " The {0} most severe of {1} findings are drawn.";
};

std::string jurisdiction_chart(const ScanReport& r, const ExposureChartWords& w = {});
std::string operator_chart(const ScanReport& r, const ExposureChartWords& w = {});
std::string asset_chart(const ScanReport& r, const ExposureChartWords& w = {});
std::string timeline_chart(const ScanReport& r, const ExposureChartWords& w = {});

// Findings with a first-seen time: the timeline has something to draw.
bool has_timed_findings(const ScanReport& r);

}  // namespace sovscan
