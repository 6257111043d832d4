#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/time_format.h"
#include "report/html_text.h"

namespace sovscan {

namespace {

// The drawing is laid out in these units; the SVG scales to its column (and to A4 in print).
constexpr double kWidth = 720;
constexpr double kLabelWidth = 200;  // left column for row labels
constexpr double kPlotLeft = 210;
constexpr double kPlotRight = 640;   // leaves room for the value after the longest bar
constexpr double kRow = 22, kBar = 14;

// At most `max` characters (UTF-8 code points), with an ellipsis where it is cut: before the last
// `keep_tail` characters, which stay, or else at the end. Never splits a code point.
std::string fit_label(const std::string& s, size_t max, size_t keep_tail = 0) {
    std::vector<size_t> starts;  // where each code point begins
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) starts.push_back(i);
    if (starts.size() <= max) return s;
    if (keep_tail + 2 > max) keep_tail = 0;  // the head keeps one character at least
    const size_t head = max - 1 - keep_tail;
    return s.substr(0, starts[head]) + "\u2026" + (keep_tail ? s.substr(starts[starts.size() - keep_tail]) : "");
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

std::string open_svg(double height, const std::string& title) {
    // Inline in HTML, the parser puts <svg> in the SVG namespace itself: no xmlns (and no URL) needed.
    return fmt::format("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
                       "aria-label=\"{}\"><title>{}</title>\n",
                       num(kWidth), num(height), html_text(title), html_text(title));
}

// Legend entries in one row at the top, `y` the baseline.
std::string legend_row(const std::vector<ChartLegendEntry>& legend, double y) {
    std::string out;
    double x = kPlotLeft;
    for (const ChartLegendEntry& e : legend) {
        out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/>"
                           "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>",
                           html_text(e.css_class), num(x), num(y - 9), num(x + 14), num(y), html_text(e.label));
        x += 24 + 6.5 * static_cast<double>(e.label.size());
    }
    return out;
}

std::string no_data(const std::string& title) {
    return open_svg(40, title) + "<text class=\"axis\" x=\"10\" y=\"24\">No data.</text></svg>\n";
}

// A time as the axis shows it: the coarsest form that still tells ticks `range_ns` apart.
std::string tick_label(int64_t ns, int64_t range_ns) {
    const std::string t = rfc3339_utc(ns);
    if (range_ns >= 3LL * 86400 * 1'000'000'000) return t.substr(0, 10);
    if (range_ns >= 5LL * 60 * 1'000'000'000) return t.substr(5, 5) + " " + t.substr(11, 5);
    if (range_ns >= 10LL * 1'000'000'000) return t.substr(11, 8);
    return t.substr(11, 12);  // milliseconds: a capture of a few seconds
}

constexpr int64_t kSecond = 1'000'000'000;

// "45 s", "2 min", "1 min 30 s": an offset on a short timeline's axis.
std::string offset_label(int64_t seconds, const TimelineSpec& spec) {
    if (seconds < 60) return fmt::format("{} {}", seconds, spec.seconds);
    if (seconds % 60 == 0) return fmt::format("{} {}", seconds / 60, spec.minutes);
    return fmt::format("{} {} {} {}", seconds / 60, spec.minutes, seconds % 60, spec.seconds);
}

// The round step (seconds) that puts at most six ticks on `range_ns`.
int64_t offset_step(int64_t range_ns) {
    static constexpr int64_t kSteps[] = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800};
    for (int64_t step : kSteps)
        if (range_ns / (step * kSecond) <= 6) return step;
    return 3600;
}

std::string when(int64_t ns) { return ns ? rfc3339_utc(ns).substr(0, 19) + "Z" : "?"; }

}  // namespace

std::string svg_bar_chart(const BarChartSpec& spec) {
    if (spec.bars.empty()) return no_data(spec.title);
    auto format = spec.format_value ? spec.format_value : [](double v) { return fmt::format("{:.0f}", v); };
    double max_total = 0;
    for (const ChartBar& b : spec.bars) {
        double total = 0;
        for (const ChartSegment& s : b.segments) total += std::max(0.0, s.value);
        max_total = std::max(max_total, total);
    }
    if (max_total <= 0) max_total = 1;

    std::vector<ChartLegendEntry> legend = spec.legend;
    if (!spec.highlight_legend.empty()) legend.push_back({"hl-mark", spec.highlight_legend});
    const double top = legend.empty() ? 6 : 26;
    const double height = top + kRow * static_cast<double>(spec.bars.size()) + 6;
    std::string out = open_svg(height, spec.title);
    if (!legend.empty()) out += legend_row(legend, 14) + "\n";

    const double scale = (kPlotRight - kPlotLeft) / max_total;
    double y = top;
    for (const ChartBar& b : spec.bars) {
        double total = 0;
        std::string detail;
        for (const ChartSegment& s : b.segments) {
            total += std::max(0.0, s.value);
            if (b.segments.size() > 1) detail += fmt::format("\n{}: {}", s.label, format(s.value));
        }
        std::string tooltip = fmt::format("{}: {}{}", b.label, format(total), detail);
        if (!b.note.empty()) tooltip += "\n" + b.note;
        out += fmt::format("<g class=\"bar\"><title>{}</title>", html_text(tooltip));
        if (b.highlight)
            out += fmt::format("<rect class=\"hl-mark\" x=\"0\" y=\"{}\" width=\"4\" height=\"{}\"/>", num(y + 2), num(kBar));
        out += fmt::format("<text x=\"{}\" y=\"{}\"{}>{}</text>", b.highlight ? 8 : 0, num(y + 13),
                           b.highlight ? " class=\"hl\"" : "", html_text(fit_label(b.label, b.highlight ? 29 : 30, b.keep_tail)));
        out += fmt::format("<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", num(kPlotLeft), num(y + 2),
                           num(kPlotRight - kPlotLeft), num(kBar));
        double x = kPlotLeft;
        for (const ChartSegment& s : b.segments) {
            const double w = std::max(0.0, s.value) * scale;
            if (w <= 0) continue;
            // A non-zero value stays visible however small it is next to the largest.
            const double drawn = std::max(w, 1.5);
            out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", html_text(s.css_class),
                               num(x), num(y + 2), num(drawn), num(kBar));
            x += drawn;
        }
        out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>\n", num(std::max(x, kPlotLeft) + 5),
                           num(y + 13), html_text(format(total)));
        y += kRow;
    }
    return out + "</svg>\n";
}

std::string svg_timeline(const TimelineSpec& spec) {
    if (spec.spans.empty()) return no_data(spec.title);
    int64_t lo = spec.spans.front().start_ns, hi = spec.spans.front().end_ns;
    for (const TimelineSpan& s : spec.spans) {
        lo = std::min({lo, s.start_ns, s.end_ns});
        hi = std::max({hi, s.start_ns, s.end_ns});
    }
    const int64_t range = std::max<int64_t>(hi - lo, 1'000'000'000);  // at least a second wide
    const double plot_right = kWidth - 10;
    const double scale = (plot_right - kPlotLeft) / static_cast<double>(range);

    const double legend_h = spec.legend.empty() ? 0 : 20;
    const double axis_y = legend_h + 16;  // tick labels' baseline
    const double top = axis_y + 8;
    const double height = top + kRow * static_cast<double>(spec.spans.size()) + 6;
    std::string out = open_svg(height, spec.title);
    if (!spec.legend.empty()) out += legend_row(spec.legend, 14) + "\n";

    auto tick = [&](double x, const char* anchor, const std::string& label) {
        out += fmt::format("<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
                           "<text class=\"axis\" x=\"{0}\" y=\"{3}\" text-anchor=\"{4}\">{5}</text>",
                           num(x), num(top - 4), num(height - 4), num(axis_y), anchor, html_text(label));
    };
    if (range >= 2 * kSecond && range < 3600 * kSecond) {
        // Short: seconds and minutes from the first packet, at round steps.
        const int64_t step = offset_step(range);
        for (int64_t s = 0; s * kSecond <= range; s += step) {
            const double x = kPlotLeft + static_cast<double>(s * kSecond) * scale;
            tick(x, s == 0 ? "start" : x > plot_right - 20 ? "end" : "middle", offset_label(s, spec));
        }
        const std::string start = rfc3339_utc(lo).substr(11, 8);
        out += fmt::format("<text class=\"axis\" x=\"0\" y=\"{}\">{}</text>", num(axis_y),
                           html_text(fmt::format(fmt::runtime(spec.from), start)));
    } else {
        constexpr int kTicks = 4;
        for (int i = 0; i <= kTicks; ++i)
            tick(kPlotLeft + (plot_right - kPlotLeft) * i / kTicks, i == 0 ? "start" : i == kTicks ? "end" : "middle",
                 tick_label(lo + range / kTicks * i, range));
    }
    out += "\n";

    double y = top;
    for (const TimelineSpan& s : spec.spans) {
        const int64_t a = std::min(s.start_ns, s.end_ns), b = std::max(s.start_ns, s.end_ns);
        const double x = kPlotLeft + static_cast<double>(a - lo) * scale;
        const double w = std::max(3.0, static_cast<double>(b - a) * scale);  // a single moment stays visible
        std::string tooltip = fmt::format("{}\n{} .. {}", s.label, when(a), when(b));
        if (!s.note.empty()) tooltip += "\n" + s.note;
        out += fmt::format("<g class=\"span\"><title>{}</title><text x=\"0\" y=\"{}\">{}</text>"
                           "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></g>\n",
                           html_text(tooltip), num(y + 13), html_text(fit_label(s.label, 30)), html_text(s.css_class),
                           num(std::min(x, plot_right - w)), num(y + 2), num(w), num(kBar));
        y += kRow;
    }
    return out + "</svg>\n";
}

std::string svg_heat_map(const HeatMapSpec& spec) {
    const size_t cols = spec.x_labels.size(), rows = spec.y_labels.size();
    if (cols == 0 || rows == 0) return no_data(spec.title);
    constexpr double kCellH = 46, kLeft = 150;
    // Up to 6 columns at full width; more share the drawing's width so the map never overflows it.
    const double cell_w = std::min(84.0, (kWidth - kLeft - 10) / static_cast<double>(cols));
    const double legend_h = spec.legend.empty() ? 0 : 24;
    const double top = legend_h + 6;
    const double height = top + kCellH * static_cast<double>(rows) + 48;
    std::string out = open_svg(height, spec.title);
    if (!spec.legend.empty()) out += legend_row(spec.legend, 14) + "\n";

    auto at = [](const auto& grid, size_t y, size_t x) -> decltype(grid[0][0]) {
        static const std::remove_cvref_t<decltype(grid[0][0])> none{};
        return y < grid.size() && x < grid[y].size() ? grid[y][x] : none;
    };
    // Rows are given bottom to top; the highest impact is drawn first, at the top.
    for (size_t r = 0; r < rows; ++r) {
        const size_t yi = rows - 1 - r;
        const double y = top + kCellH * static_cast<double>(r);
        out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", num(kLeft - 8),
                           num(y + kCellH / 2 + 4), html_text(fit_label(spec.y_labels[yi], 22)));
        for (size_t xi = 0; xi < cols; ++xi) {
            const double x = kLeft + cell_w * static_cast<double>(xi);
            const uint64_t n = at(spec.counts, yi, xi);
            std::string tooltip = fmt::format("{} {} \u00d7 {} {}: {}", spec.y_title, spec.y_labels[yi], spec.x_title,
                                              spec.x_labels[xi], n);
            if (const std::string& note = at(spec.cell_note, yi, xi); !note.empty()) tooltip += "\n" + note;
            const std::string& cls = at(spec.cell_class, yi, xi);
            out += fmt::format("<g class=\"cell\"><title>{}</title><rect class=\"cell {}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                               "height=\"{}\"/><text class=\"count{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
                               html_text(tooltip), html_text(cls.empty() ? "risk-0" : cls), num(x), num(y), num(cell_w),
                               num(kCellH), n ? "" : " zero", num(x + cell_w / 2), num(y + kCellH / 2 + 5), n);
        }
        out += "\n";
    }
    const double base = top + kCellH * static_cast<double>(rows);
    for (size_t xi = 0; xi < cols; ++xi)
        out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                           num(kLeft + cell_w * (static_cast<double>(xi) + 0.5)), num(base + 16),
                           html_text(fit_label(spec.x_labels[xi], 14)));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                       num(kLeft + cell_w * static_cast<double>(cols) / 2), num(base + 36), html_text(spec.x_title));
    out += fmt::format("<text x=\"12\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {0})\">{1}</text>",
                       num(top + kCellH * static_cast<double>(rows) / 2), html_text(spec.y_title));
    return out + "</svg>\n";
}

}  // namespace sovscan
