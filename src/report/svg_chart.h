#pragma once
// Charts as inline SVG for the HTML documents: no script, no library, no external file. Each mark
// has a <title> (the browser's tooltip) with the exact numbers; colours are CSS classes of the
// document's one stylesheet (html_assets.cpp), so charts print and follow the page's policy. Every
// label is plain text and escaped here.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sovscan {

struct ChartLegendEntry {
    std::string css_class;  // e.g. "seg-sent", "sev-high"
    std::string label;      // plain text
};

// Horizontal bars, one per row, each made of stacked segments (one segment: a plain bar).
struct ChartSegment {
    double value = 0;
    std::string css_class;  // a constant class from the stylesheet
    std::string label;      // plain text for the tooltip, e.g. "sent"
};

struct ChartBar {
    std::string label;                  // plain text, cut to fit; the tooltip has it whole
    std::vector<ChartSegment> segments;
    bool highlight = false;             // drawn with a red mark and a bold red label
    std::string note;                   // plain text added to the tooltip
    // Characters at the end of `label` that a cut leaves in place (it falls before them), e.g.
    // " (10.20.1.10)" after an asset's name: the address is what tells two bars apart.
    size_t keep_tail = 0;
};

struct BarChartSpec {
    std::string title;  // the chart's accessible name (plain text)
    std::vector<ChartBar> bars;
    std::vector<ChartLegendEntry> legend;
    std::string highlight_legend;  // legend text for highlighted bars, "" = none
    std::function<std::string(double)> format_value;  // value labels and tooltips; default: integer
};

std::string svg_bar_chart(const BarChartSpec& spec);

// Spans on a time axis, one row each (e.g. a finding from first to last seen).
struct TimelineSpan {
    std::string label;  // plain text
    int64_t start_ns = 0, end_ns = 0;
    std::string css_class;
    std::string note;   // plain text added to the tooltip
};

struct TimelineSpec {
    std::string title;
    std::vector<TimelineSpan> spans;
    std::vector<ChartLegendEntry> legend;
    // A span shorter than an hour (a one-minute capture) gets an axis of offsets from its start at
    // round steps ("0 s", "15 s", "1 min 30 s"), its start written once ("from 10:02:07 UTC").
    std::string seconds = "s", minutes = "min", from = "from {0} UTC";
};

std::string svg_timeline(const TimelineSpec& spec);

// A grid of counts, e.g. risks by impact (rows) x likelihood (columns), each cell coloured by the
// level the pair gives.
struct HeatMapSpec {
    std::string title;
    std::string x_title, y_title;          // axis names, plain text
    std::vector<std::string> x_labels;     // left to right
    std::vector<std::string> y_labels;     // bottom to top
    std::vector<std::vector<uint64_t>> counts;          // [y][x]
    std::vector<std::vector<std::string>> cell_class;   // [y][x], e.g. "risk-3"
    std::vector<std::vector<std::string>> cell_note;    // [y][x], plain text for the tooltip (optional)
    std::vector<ChartLegendEntry> legend;
};

std::string svg_heat_map(const HeatMapSpec& spec);

}  // namespace sovscan
