#include "report/exposure_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "assess/asset_address.h"
#include "common/escape.h"
#include "common/number_text.h"
#include "report/html_text.h"
#include "report/report_words.h"
#include "report/svg_chart.h"

namespace sovscan {

namespace {

constexpr size_t kChartBars = 12;     // bars per ranking chart: more would not be read at a glance
constexpr size_t kTimelineRows = 25;  // most severe findings drawn on the timeline

std::string severity_class(Severity s) { return std::string("sev-") + severity_label(s); }

std::vector<ChartSegment> sent_received(uint64_t sent, uint64_t received, const ExposureChartWords& w) {
    return {{static_cast<double>(sent), "seg-sent", w.sent}, {static_cast<double>(received), "seg-received", w.received}};
}

std::vector<ChartLegendEntry> sent_received_legend(const ExposureChartWords& w) {
    return {{"seg-sent", w.sent}, {"seg-received", w.received}};
}

std::vector<ChartLegendEntry> severity_legend(const ExposureChartWords& w) {
    std::vector<ChartLegendEntry> legend;
    for (int s = static_cast<int>(Severity::critical); s >= 0; --s)
        legend.push_back({severity_class(static_cast<Severity>(s)), w.severity(static_cast<Severity>(s))});
    return legend;
}

// Operators know their hosts by name: a bar of the asset chart reads "cam-lobby (10.20.1.10)" when
// the merged inventory has an asset at that address (or MAC) with a name of its own; the bare
// address otherwise. Names stay plain text: the chart escapes every label.
class AssetNames {
public:
    AssetNames(const std::optional<AssetInventory>& inventory, const Policy& policy) : addresses_(policy.home_networks) {
        if (!inventory) return;
        for (const MergedAsset& a : inventory->assets) {
            for (const IpAddress& ip : a.ips)
                if (addresses_.identifies(ip)) add(ip.to_string(), a.name);
            for (const MacAddress& mac : a.macs) add(mac.to_string(), a.name);
        }
    }
    // A bar labelled with an address the inventory names becomes "name (address)"; cut to fit, it
    // loses the end of the name, never the address.
    void label(ChartBar& bar) const {
        auto it = names_.find(bar.label);
        if (it == names_.end()) return;
        bar.keep_tail = bar.label.size() + 3;  // " (" address ")": ASCII, one character a byte
        bar.label = fmt::format("{} ({})", it->second, bar.label);
    }
    // The inventory's name for a finding's asset: the asset it was linked to (AssetAssessor::link),
    // else by its MAC, else by its address when that names one host (0.0.0.0 names none); null
    // when none.
    const std::string* name_of(const Finding& f) const {
        if (!f.asset.id.empty()) return names_an_asset(f) ? &f.asset.name : nullptr;
        auto it = names_.end();
        if (!f.asset.macs.empty()) it = names_.find(f.asset.macs[0].to_string());
        if (it == names_.end() && f.asset.has_ip && addresses_.identifies(f.asset.ip))
            it = names_.find(f.asset.ip.to_string());
        return it == names_.end() ? nullptr : &it->second;
    }

private:
    // A linked asset's name, unless it is only its address (the merge names an unnamed asset so).
    static bool names_an_asset(const Finding& f) {
        const std::string& n = f.asset.name;
        if (n.empty() || (f.asset.has_ip && n == f.asset.ip.to_string())) return false;
        return std::none_of(f.asset.macs.begin(), f.asset.macs.end(), [&](const MacAddress& m) { return n == m.to_string(); });
    }
    void add(const std::string& address, const std::string& name) {
        if (!name.empty() && name != address) names_.emplace(address, name);  // the first asset to claim it
    }
    AssetAddressRule addresses_;
    std::map<std::string, std::string> names_;
};

}  // namespace

std::string human_bytes(double b) { return decimal_bytes(b); }

ExposureChartWords exposure_chart_words(RiskLang lang) {
    ExposureChartWords w;
    auto m = [lang](std::string_view key) { return report_msg(key, lang); };
    w.sent = m("chart.sent");
    w.received = m("chart.received");
    w.unknown_location = m("chart.unknown_location");
    w.unknown_operator = m("chart.unknown_operator");
    w.servers_flows = m("chart.servers_flows");
    w.findings_count = m("chart.findings_count");
    w.accepted = m("chart.accepted");
    w.severity = [lang](Severity s) { return report_msg(fmt::format("severity.{}", severity_label(s)), lang); };
    w.bytes = [lang](double b) { return bytes_text(b, lang); };
    auto words = [&m](std::string_view chart, bool highlight) {
        return ChartWords{m(fmt::format("chart.{}.caption", chart)), m(fmt::format("chart.{}.title", chart)),
                          m(fmt::format("chart.{}.note", chart)),
                          highlight ? m(fmt::format("chart.{}.highlight", chart)) : std::string()};
    };
    w.jurisdiction = words("jurisdiction", true);
    w.jurisdiction_high = words("jurisdiction_high", true);
    w.operators = words("operators", true);
    w.assets = words("assets", false);
    w.timeline = words("timeline", false);
    w.timeline_cut = m("chart.timeline.cut");
    w.seconds = m("chart.seconds");
    w.minutes = m("chart.minutes");
    w.timeline_from = m("chart.timeline_from");
    w.exact_bytes = [lang](uint64_t b) { return report_msg_with("chart.exact_bytes", lang, {counted(b, "count.bytes", lang)}); };
    return w;
}

bool is_traffic_finding(const Finding& f) { return rule_info(f.rule).subject == RuleSubject::traffic; }

std::string finding_asset_label(const Finding& f) {
    if (rule_info(f.rule).subject == RuleSubject::policy)
        return f.about_exception ? "exception " + f.about_exception->id : "policy";
    std::string s = f.asset.has_ip ? f.asset.ip.to_string() : "";
    if (!f.asset.macs.empty() && (!f.asset.has_ip || !is_traffic_finding(f)))
        s += (s.empty() ? "" : " ") + f.asset.macs[0].to_string();
    return s;
}

std::string finding_counterpart_label(const Finding& f) {
    if (!is_traffic_finding(f)) return "";
    if (!f.counterpart->names.empty()) return printable(f.counterpart->names[0].name);
    return f.counterpart->ip.to_string();
}

std::string FindingOperator::label() const {
    return controlled_by.empty() ? name : fmt::format("{} ({})", name, controlled_by);
}

FindingOperator finding_operator(const Finding& f) {
    if (rule_info(f.rule).subject == RuleSubject::device)
        return {f.asset.mac_vendor_name.empty() ? f.asset.mac_organisation : f.asset.mac_vendor_name,
                f.asset.mac_vendor_controlled_by};
    const Counterpart& c = f.counterpart;
    if (!c.operator_name.empty()) return {c.operator_name, c.operator_controlled_by};
    if (!c.vendor_name.empty()) return {c.vendor_name, c.vendor_controlled_by};
    if (!c.resolver_operator.empty()) return {c.resolver_operator, c.resolver_controlled_by};
    if (!c.as_org.empty()) return {printable(c.as_org), ""};
    if (c.asn) return {fmt::format("AS{}", c.asn), ""};
    return {};
}

std::string chart_figure(const std::string& caption, const std::string& svg, const std::string& note) {
    return fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption>{}<p class=\"caption\">{}</p></figure>\n",
                       html_text(caption), svg, html_text(note));
}

std::string jurisdiction_chart(const ScanReport& r, const ExposureChartWords& w) {
    BarChartSpec all, high;
    for (BarChartSpec* spec : {&all, &high}) {
        spec->legend = sent_received_legend(w);
        spec->format_value = w.bytes;
    }
    all.title = w.jurisdiction.title;
    all.highlight_legend = w.jurisdiction.highlight;
    high.title = w.jurisdiction_high.title;
    high.highlight_legend = w.jurisdiction_high.highlight;
    uint64_t largest = 0, largest_high = 0;
    size_t others = 0;
    // The largest by bytes sent, and every high-risk country however small.
    for (const CountryTotal& c : r.egress_by_country) {
        const bool is_high = r.policy.is_high_risk(c.country);
        const uint64_t total = c.bytes_sent + c.bytes_received;
        largest = std::max(largest, total);
        if (is_high) largest_high = std::max(largest_high, total);
        else ++others;
        if (all.bars.size() >= kChartBars && !is_high) continue;
        ChartBar bar;
        bar.label = c.country.empty() ? w.unknown_location : c.country;
        bar.segments = sent_received(c.bytes_sent, c.bytes_received, w);
        bar.highlight = is_high;
        bar.note = fmt::format(fmt::runtime(w.servers_flows), c.counterparts, c.flows) + "\n" + w.exact_bytes(total);
        if (is_high) high.bars.push_back(bar);
        all.bars.push_back(std::move(bar));
    }
    std::string out = chart_figure(w.jurisdiction.caption, svg_bar_chart(all), w.jurisdiction.note);
    // Beside a large total elsewhere a high-risk bar is a sliver (608 B next to 3.3 MB): the
    // high-risk countries again, alone, on their own scale.
    if (!high.bars.empty() && others > 0 && largest_high * 4 < largest)
        out += chart_figure(w.jurisdiction_high.caption, svg_bar_chart(high), w.jurisdiction_high.note);
    return out;
}

std::string operator_chart(const ScanReport& r, const ExposureChartWords& w) {
    struct Tally {
        uint64_t sent = 0, received = 0;
        size_t findings = 0;
        bool high_risk = false;
    };
    std::map<std::string, Tally> by;
    for (const Finding& f : r.findings) {
        if (!is_traffic_finding(f)) continue;
        const FindingOperator who = finding_operator(f);
        Tally& t = by[who.name.empty() ? w.unknown_operator : who.label()];
        t.sent += f.bytes_sent, t.received += f.bytes_received, ++t.findings;
        t.high_risk = t.high_risk || r.policy.is_high_risk(who.controlled_by);
    }
    std::vector<std::pair<std::string, Tally>> rows(by.begin(), by.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.sent > b.second.sent; });
    BarChartSpec spec;
    spec.title = w.operators.title;
    spec.legend = sent_received_legend(w);
    spec.highlight_legend = w.operators.highlight;
    spec.format_value = w.bytes;
    for (const auto& [who, t] : rows) {
        if (spec.bars.size() >= kChartBars) break;
        spec.bars.push_back(ChartBar{who, sent_received(t.sent, t.received, w), t.high_risk,
                                     fmt::format(fmt::runtime(w.findings_count), t.findings)});
    }
    return chart_figure(w.operators.caption, svg_bar_chart(spec), w.operators.note);
}

std::string asset_chart(const ScanReport& r, const ExposureChartWords& w) {
    struct AssetTally {
        std::array<uint64_t, 5> sent_by_severity{};
        uint64_t total = 0;
        size_t findings = 0;
    };
    std::map<std::string, AssetTally> by;
    for (const Finding& f : r.findings) {
        if (!is_traffic_finding(f)) continue;
        AssetTally& t = by[finding_asset_label(f)];
        t.sent_by_severity[static_cast<size_t>(f.severity)] += f.bytes_sent;
        t.total += f.bytes_sent;
        ++t.findings;
    }
    std::vector<std::pair<std::string, AssetTally>> rows(by.begin(), by.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.total > b.second.total; });
    BarChartSpec spec;
    spec.title = w.assets.title;
    spec.format_value = w.bytes;
    spec.legend = severity_legend(w);
    const AssetNames names(r.inventory, r.policy);
    for (const auto& [asset, t] : rows) {
        if (spec.bars.size() >= kChartBars) break;
        ChartBar bar{asset, {}, false, fmt::format(fmt::runtime(w.findings_count), t.findings)};
        names.label(bar);
        for (int s = static_cast<int>(Severity::critical); s >= 0; --s) {
            const auto sev = static_cast<Severity>(s);
            if (t.sent_by_severity[s])
                bar.segments.push_back({static_cast<double>(t.sent_by_severity[s]), severity_class(sev), w.severity(sev)});
        }
        spec.bars.push_back(std::move(bar));
    }
    return chart_figure(w.assets.caption, svg_bar_chart(spec), w.assets.note);
}

std::string timeline_chart(const ScanReport& r, const ExposureChartWords& w) {
    TimelineSpec spec;
    spec.title = w.timeline.title;
    spec.legend = severity_legend(w);
    spec.seconds = w.seconds, spec.minutes = w.minutes, spec.from = w.timeline_from;
    const AssetNames names(r.inventory, r.policy);
    size_t timed = 0;
    for (const Finding& f : r.findings) {  // most severe first (sort_findings)
        if (!f.first_ns) continue;
        if (++timed > kTimelineRows) continue;
        TimelineSpan span;
        // A row is cut to 30 characters: the inventory's name for the asset stands for it there,
        // and its address moves to the tooltip.
        const std::string* name = names.name_of(f);
        span.label = fmt::format("{} {}", rule_info(f.rule).code, name ? *name : finding_asset_label(f));
        if (std::string c = finding_counterpart_label(f); !c.empty()) span.label += " \u2192 " + c;
        span.start_ns = f.first_ns;
        span.end_ns = f.last_ns ? f.last_ns : f.first_ns;
        span.css_class = severity_class(f.severity) + (f.suppressed() ? " suppressed" : "");
        span.note = f.suppressed() ? fmt::format("{}, {}", w.severity(f.severity), w.accepted) : w.severity(f.severity);
        if (name) span.note = fmt::format("{} ({}): {}", *name, finding_asset_label(f), span.note);
        spec.spans.push_back(std::move(span));
    }
    std::stable_sort(spec.spans.begin(), spec.spans.end(),
                     [](const TimelineSpan& a, const TimelineSpan& b) { return a.start_ns < b.start_ns; });
    std::string note = w.timeline.note;
    if (timed > kTimelineRows) note += fmt::format(fmt::runtime(w.timeline_cut), kTimelineRows, timed);
    return chart_figure(w.timeline.caption, svg_timeline(spec), note);
}

bool has_timed_findings(const ScanReport& r) {
    return std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.first_ns != 0; });
}

}  // namespace sovscan
