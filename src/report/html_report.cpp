#include "report/html_report.h"
#include "report/run_changes_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

#include "common/escape.h"
#include "common/time_format.h"
#include "report/exposure_charts.h"
#include "report/html_document.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/report_words.h"
#include "report/svg_chart.h"

namespace sovscan {

namespace {

constexpr size_t kInputsShown = 10;  // more inputs than this are folded under a <details>

std::string severity_class(Severity s) { return std::string("sev-") + severity_label(s); }

std::string when(int64_t ns) { return ns ? rfc3339_utc(ns).substr(0, 19) + "Z" : "-"; }

// One layout for both languages: every word comes from report_words.cpp ("scan.*" keys).
class ScanHtmlWriter {
public:
    ScanHtmlWriter(const ScanReport& r, RiskLang lang) : r_(r), lang_(lang), charts_(exposure_chart_words(lang)) {}

    void write(std::ostream& out) const {
        HtmlDocument doc(m("scan.title"), risk_lang_code(lang_));
        std::ostringstream body;
        header(body);
        summary(body);
        if (r_.changes) body << changes_html_section(*r_.changes, lang_);
        charts(body);
        inputs(body);
        findings(body);
        devices(body);
        appendix(body);
        body << "<footer>sovscan " << html_text(SOVSCAN_VERSION) << " &middot; "
             << html_text(mw("scan.footer", {std::string(kReportSchemaVersion)})) << " ";
        std::set<std::string> attributions;  // several data sets share one
        for (const IntelSource& s : r_.intel)
            if (!s.attribution.empty() && attributions.insert(s.attribution).second) body << html_text(s.attribution) << ". ";
        body << "</footer>\n";
        doc.append(body.str());
        doc.write(out);
    }

private:
    std::string m(std::string_view key) const { return report_msg(key, lang_); }
    std::string mw(std::string_view key, const std::vector<std::string>& args) const {
        return report_msg_with(key, lang_, args);
    }
    std::string h(std::string_view key) const { return html_text(m(key)); }
    std::string severity_word(Severity s) const { return charts_.severity(s); }
    std::string badge(Severity s) const {
        return fmt::format("<span class=\"badge {}\">{}</span>", severity_class(s), html_text(severity_word(s)));
    }
    std::string bytes(uint64_t b) const { return bytes_text(static_cast<double>(b), lang_); }
    std::string number(uint64_t n) const { return grouped_integer(n, number_style(lang_)); }
    HtmlColumn col(std::string_view key, ColumnKind kind = ColumnKind::text, unsigned width = 0) const {
        const std::string title_key = fmt::format("{}.title", key);
        return HtmlColumn(m(key), kind, has_report_msg(title_key) ? m(title_key) : std::string(), width);
    }
    HtmlTableText table_text() const {
        return {m("scan.table.filter_placeholder"), m("scan.table.filter_label"), m("scan.table.rows_total"),
                m("scan.table.rows_shown")};
    }

    // --- summary -------------------------------------------------------------------------------

    void header(std::ostream& out) const {
        out << "<header><h1>" << h("scan.title") << "</h1>\n<p class=\"meta\">"
            << html_text(mw("scan.generated", {r_.generated_at, SOVSCAN_VERSION}));
        if (r_.first_ns) out << " &middot; " << html_text(mw("scan.traffic_span", {when(r_.first_ns), when(r_.last_ns)}));
        out << "</p></header>\n";
        if (r_.partial()) {
            out << "<div class=\"warning\"><p><strong>" << h("scan.partial") << "</strong> " << h("scan.partial_text")
                << "</p>\n<ul>";
            for (const std::string& reason : r_.partial_reasons()) out << "<li>" << html_text(reason) << "</li>";
            out << "</ul></div>\n";
        }
        if (r_.folding.happened()) {
            const FoldStats& fs = r_.folding.stats;
            out << "<p class=\"note\"><strong>" << h("scan.folded") << "</strong> "
                << html_text(mw("scan.folded_text", {std::to_string(fs.counterparts), std::to_string(fs.flows),
                                                     std::to_string(r_.folding.groups.size()),
                                                     std::to_string(r_.folding.max_counterparts)}));
            if (fs.devices_not_kept)
                out << ' ' << html_text(mw("scan.devices_not_kept", {std::to_string(fs.devices_not_kept),
                                                                    std::to_string(fs.device_frames_not_kept)}));
            out << "</p>\n";
        }
        for (const InputProblem& p : r_.problems)
            if (p.level == ProblemLevel::error)
                out << fmt::format("<p class=\"warning\"><strong>{}</strong> {}{}{}</p>\n", h("scan.error"),
                                   html_wire_text(p.input), p.input.empty() ? "" : ": ", html_text(p.message));
    }

    void summary(std::ostream& out) const {
        out << "<section id=\"summary\"><h2>" << h("scan.summary") << "</h2>\n";
        size_t open_total = 0;
        out << "<div class=\"cards\">";
        for (int s = static_cast<int>(Severity::critical); s >= 0; --s) {
            const auto sev = static_cast<Severity>(s);
            const auto n = std::count_if(r_.findings.begin(), r_.findings.end(),
                                         [sev](const Finding& f) { return !f.suppressed() && f.severity == sev; });
            open_total += n;
            out << fmt::format("<div class=\"card {}\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                               severity_class(sev), n, html_text(severity_word(sev)));
        }
        out << fmt::format("<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                           r_.suppressed_count(), h("scan.card.accepted"));
        out << fmt::format("<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                           r_.devices.size(), h("scan.card.devices"));
        out << "</div>\n";
        const std::string threshold =
            r_.policy.fail_never
                ? html_text(m("scan.fail_never")) + " (<strong>fail_on: never</strong>)"
                : html_text(mw("scan.fail_at", {std::to_string(r_.count_at_or_above(r_.policy.fail_on))})) + " <strong>" +
                      html_text(severity_word(r_.policy.fail_on)) + "</strong>";
        out << "<p>" << html_text(counted(open_total, "scan.count.open_findings", lang_)) << "; " << threshold << "; "
            << html_text(mw("scan.accepted_line", {std::to_string(r_.suppressed_count())})) << "</p>\n";

        std::vector<std::string> nets;
        for (const Cidr& c : r_.policy.home_networks) nets.push_back(c.to_string());
        out << "<dl class=\"facts\">";
        auto fact = [&out, this](std::string_view key, const std::string& safe_html) {
            out << "<dt>" << h(key) << "</dt><dd>" << safe_html << "</dd>";
        };
        fact("scan.fact.high_risk", html_text(fmt::format("{}", fmt::join(r_.policy.high_risk_jurisdictions, ", "))));
        fact("scan.fact.home_networks", html_text(nets.empty() ? m("scan.fact.home_default") : fmt::format("{}", fmt::join(nets, ", "))));
        fact("scan.fact.policy", r_.policy.file_path.empty()
                                     ? h("scan.fact.policy_none")
                                     : fmt::format("{} <span class=\"mono muted\">sha256 {}</span>",
                                                   html_wire_text(r_.policy.file_path), html_text(r_.policy.file_sha256)));
        fact("scan.fact.judged_on", html_text(r_.policy_date.to_string()));
        fact("scan.fact.traffic",
             html_text(mw("scan.fact.traffic_value",
                          {number(r_.packets), number(r_.ip_packets), number(r_.wire_bytes), number(r_.traffic.flows),
                           number(r_.traffic.local_to_remote_flows), number(r_.traffic.remote_to_local_flows),
                           number(r_.traffic.internal_flows), number(r_.traffic.transit_flows)})));
        std::vector<std::string> args;
        for (const std::string& a : r_.command_line) args.push_back(printable(a));
        fact("scan.fact.command", "<code>" + html_text(fmt::format("{}", fmt::join(args, " "))) + "</code>");
        fact("scan.fact.scan_time", html_text(fmt::format("{:.2f} s", r_.elapsed_seconds)));
        out << "</dl>\n</section>\n";
    }

    // --- charts, then what they were drawn from ---------------------------------------------------

    void charts(std::ostream& out) const {
        out << "<section id=\"charts\"><h2>" << h("scan.charts") << "</h2>\n<div class=\"charts\">\n"
            << jurisdiction_chart(r_, charts_) << operator_chart(r_, charts_) << asset_chart(r_, charts_)
            << timeline_chart(r_, charts_) << "</div></section>\n";
    }

    // A merged report's sources: who contributed, when, from what, under which policy, how complete.
    void merged_from(std::ostream& out) const {
        if (r_.merged_from.empty()) return;
        out << "<h3>" << h("scan.merged") << "</h3>\n<p class=\"caption\">" << h("scan.merged.caption") << "</p>\n";
        HtmlTable t("merged-from", {col("scan.col.sensor"), col("scan.col.report"), col("scan.col.generated"),
                                    col("scan.inputs", ColumnKind::number), col("scan.col.policy"), col("scan.col.state")},
                    table_text());
        for (const ReportSource& s : r_.merged_from) {
            const std::string policy = s.policy_file.empty() ? m("scan.fact.policy_none") : printable(s.policy_file);
            t.add_row({HtmlCell::text(s.sensor), HtmlCell::markup(html_wire_text(s.report), printable(s.report), "wrap"),
                       HtmlCell::text(s.generated_at), HtmlCell::number(s.inputs.size()), HtmlCell::text(policy, "wrap"),
                       HtmlCell::text(s.partial_reasons.empty() ? m("scan.input.complete")
                                                                : fmt::format("{}", fmt::join(s.partial_reasons, "; ")),
                                      "wrap")});
        }
        t.write(out, false);
    }

    void inputs(std::ostream& out) const {
        out << "<section id=\"input-files\"><h2>" << h("scan.inputs") << "</h2>\n";
        merged_from(out);
        HtmlTable inputs("inputs", {col("scan.col.file"), col("scan.col.size", ColumnKind::number),
                                    col("scan.col.packets", ColumnKind::number), col("scan.col.first_packet", ColumnKind::date),
                                    col("scan.col.last_packet", ColumnKind::date), col("scan.col.state")},
                         table_text());
        for (const InputSummary& i : r_.inputs)
            inputs.add_row({HtmlCell::markup(html_wire_text(i.path), printable(i.path), "wrap"),
                            HtmlCell::number(i.bytes, bytes(i.bytes)), HtmlCell::number(i.packets, number(i.packets)),
                            HtmlCell::date(i.first_ns), HtmlCell::date(i.last_ns),
                            HtmlCell::text(m(i.partial ? "scan.input.partial" : "scan.input.complete"))});
        // A long list (a folder of captures) is folded: the charts above are what a reader came for.
        if (r_.inputs.size() > kInputsShown)
            out << "<details><summary>" << html_text(counted(r_.inputs.size(), "scan.count.inputs", lang_)) << "</summary>"
                << inputs.html(true) << "</details>\n";
        else
            inputs.write(out, false);

        out << "<h3>" << h("scan.intel") << "</h3>\n<p class=\"caption\">" << h("scan.intel.caption") << "</p>\n";
        HtmlTable intel("intel", {col("scan.col.data_set"), col("scan.col.version"), col("scan.col.licence"),
                                  col("scan.col.attribution")},
                        table_text());
        for (const IntelSource& s : r_.intel)
            intel.add_row({HtmlCell::text(s.name), HtmlCell::text(s.version), HtmlCell::text(s.licence),
                           HtmlCell::text(s.attribution)});
        intel.write(out, false, m("scan.intel.none"));

        if (!r_.policy.exceptions.empty()) {
            out << "<h3>" << h("scan.exceptions") << "</h3>\n";
            HtmlTable exc("exceptions", {col("scan.col.exception"), col("scan.col.exception_owner"), col("scan.col.justification"),
                                         col("scan.col.expires", ColumnKind::date), col("scan.col.state"),
                                         col("scan.col.findings_accepted", ColumnKind::number), col("scan.col.defined_at")},
                          table_text());
            for (const PolicyException& e : r_.policy.exceptions) {
                const ExceptionRef& ref = e.ref();
                const auto n = std::count_if(r_.findings.begin(), r_.findings.end(),
                                             [&](const Finding& f) { return f.suppressed_by && f.suppressed_by->id == ref.id; });
                const bool expired = e.expired_on(r_.policy_date);
                exc.add_row({HtmlCell::text(ref.id), HtmlCell::text(ref.owner), HtmlCell::text(ref.justification, "wrap"),
                             HtmlCell::markup(html_text(ref.expires.to_string()), ref.expires.to_string()),
                             HtmlCell::markup(expired ? "<span class=\"badge sev-medium\">" + h("scan.exception.expired") + "</span>"
                                                      : h("scan.exception.valid"),
                                              expired ? "expired" : "valid"),
                             HtmlCell::number(static_cast<uint64_t>(n)), HtmlCell::text(ref.defined_at)},
                            expired ? "suppressed" : "");
            }
            exc.write(out, false);
        }
        out << "</section>\n";
    }

    // --- evidence tables -----------------------------------------------------------------------

    std::string names_html(const Finding& f) const {
        std::string html;
        for (const ObservedName& n : f.counterpart->names) {
            if (!html.empty()) html += "<br>";
            html += fmt::format("{} <span class=\"muted\">({})</span>", html_wire_text(n.name), html_text(how_learnt(n)));
        }
        for (const ProxyRef& p : f.counterpart->proxies)
            html += fmt::format("<br><span class=\"muted\">{}</span>", html_text(mw("scan.through_proxy", {p.to_string()})));
        return html;
    }

    std::string evidence_html(const Finding& f) const {
        std::string items = fmt::format("<li>{}</li>", html_text(finding_summary_text(f, lang_)));
        if (!f.server_ports.empty()) {
            std::string ports = mw("scan.server_ports", {fmt::format("{}", fmt::join(f.server_ports, ", "))});
            if (!f.services.empty()) ports += mw("scan.services", {fmt::format("{}", fmt::join(f.services, ", "))});
            items += "<li>" + html_text(ports) + "</li>";
        }
        for (const Evidence& e : f.evidence) {
            std::string from = e.version.empty() ? e.source : e.source + " " + e.version;
            items += fmt::format("<li>{} <span class=\"muted\">[{}]</span></li>", html_text(e.fact), html_text(from));
        }
        for (const FindingDesignation& d : f.designations) {
            std::string text = mw("scan.designated", {d.vendor_id, d.list_name, d.issuer, d.listed_on});
            if (!d.via_parent.empty()) text += mw("scan.designated_parent", {d.via_parent});
            items += fmt::format("<li><strong>{}</strong>: {}</li>", h("scan.designated_word"), html_text(text));
        }
        if (f.suppressed_by) {
            const ExceptionRef& e = *f.suppressed_by;
            items += fmt::format("<li><strong>{}</strong> {}</li>", h("scan.accepted_word"),
                                 html_text(mw("scan.accepted_by", {e.id, e.owner, e.expires.to_string(), e.defined_at,
                                                                   e.justification})));
        }
        if (!f.sensors.empty())  // a merged report's: who saw it
            items += fmt::format("<li><strong>{}</strong>: {}</li>", h("scan.seen_by"),
                                 html_text(fmt::format("{}", fmt::join(f.sensors, ", "))));
        for (const SampleFlow& s : f.sample_flows)  // the input's path is wire text, escaped as such
            items += fmt::format("<li class=\"mono\">{} {}:{} \u2192 {}:{} {} {}</li>", html_text(s.proto),
                                 html_text(s.client.to_string()), s.client_port, html_text(s.server.to_string()),
                                 s.server_port, html_text(mw("scan.sample_at", {when(s.first_ns)})), html_wire_text(s.input));
        const size_t facts = f.evidence.size() + 1;
        return fmt::format("<details><summary>{}&nbsp;{}</summary><ul>{}</ul></details>", facts,
                           html_text(counted_word(facts, "scan.count.facts", lang_)), items);
    }

    // Severity, and for an accepted finding the exception that accepts it: the mark sits where the
    // eye starts reading a row.
    std::string severity_html(const Finding& f) const {
        if (!f.suppressed_by) return badge(f.severity);
        const ExceptionRef& e = *f.suppressed_by;
        return fmt::format("{}<br><span class=\"badge accepted\" title=\"{}\">{}</span>", badge(f.severity),
                           html_text(mw("scan.accepted_title", {e.id, e.owner, e.expires.to_string(), e.justification})),
                           h("scan.accepted_word"));
    }

    void findings(std::ostream& out) const {
        out << "<section id=\"findings\"><h2>" << h("scan.findings") << "</h2>\n<p class=\"caption\">"
            << h("scan.findings.caption") << "</p>\n<p class=\"caption\">" << h("scan.findings.legend") << "</p>\n";
        HtmlTable t("findings-table",
                    // Widths (percent) fit the 13 columns on portrait A4 with the evidence readable.
                    {col("scan.col.severity", ColumnKind::number, 8), col("scan.col.rule", ColumnKind::text, 6),
                     col("scan.col.asset", ColumnKind::text, 9), col("scan.col.counterpart", ColumnKind::text, 8),
                     col("scan.col.names", ColumnKind::text, 10), col("scan.col.country", ColumnKind::text, 5),
                     col("scan.col.operator", ColumnKind::text, 9), col("scan.col.sent", ColumnKind::number, 6),
                     col("scan.col.received", ColumnKind::number, 7), col("scan.col.flows", ColumnKind::number, 4),
                     col("scan.col.first_seen", ColumnKind::date, 6), col("scan.col.last_seen", ColumnKind::date, 6),
                     col("scan.col.evidence", ColumnKind::text, 16)},
                    table_text());
        for (const Finding& f : r_.findings) {
            const RuleInfo& rule = rule_info(f.rule);
            const bool traffic = is_traffic_finding(f);
            std::string country;
            if (traffic) {
                country = f.counterpart->located_in.empty() ? "??" : f.counterpart->located_in;
                if (!f.counterpart->registry_country.empty() && f.counterpart->registry_country != f.counterpart->located_in)
                    country += " / " + f.counterpart->registry_country;
            }
            t.add_row({HtmlCell::markup(severity_html(f), std::to_string(static_cast<int>(f.severity))),
                       HtmlCell::markup(fmt::format("<abbr title=\"{}\">{}</abbr>", html_text(rule_title(rule, lang_)), html_text(rule.code)),
                                        std::string(rule.code)),
                       HtmlCell::text(finding_asset_label(f), "mono"),
                       HtmlCell::text(traffic && f.counterpart->has_ip() ? f.counterpart->ip.to_string() : "", "mono"),
                       HtmlCell::markup(names_html(f), finding_counterpart_label(f), "wrap"),
                       HtmlCell::text(country),
                       HtmlCell::text(finding_operator(f).label()),
                       traffic ? HtmlCell::number(f.bytes_sent, bytes(f.bytes_sent)) : HtmlCell::number(0, ""),
                       traffic ? HtmlCell::number(f.bytes_received, bytes(f.bytes_received)) : HtmlCell::number(0, ""),
                       traffic ? HtmlCell::number(f.flows) : HtmlCell::number(0, ""),
                       HtmlCell::date(f.first_ns),
                       HtmlCell::date(f.last_ns),
                       HtmlCell::markup(evidence_html(f), std::to_string(f.evidence.size()), "evidence")},
                      f.suppressed() ? "suppressed" : "");
        }
        t.write(out, true, m("scan.findings.none"));
        out << "</section>\n";
    }

    void devices(std::ostream& out) const {
        out << "<section id=\"devices\"><h2>" << h("scan.devices") << "</h2>\n<p class=\"caption\">"
            << h("scan.devices.caption") << "</p>\n";
        HtmlTable t("devices-table",
                    {col("scan.col.mac"), col("scan.col.addresses"), col("scan.col.registrant"),
                     col("scan.col.registrant_country"), col("scan.col.vendor"), col("scan.col.prc_linked"),
                     col("scan.col.frames", ColumnKind::number), col("scan.col.first_seen", ColumnKind::date),
                     col("scan.col.last_seen", ColumnKind::date)},
                    table_text());
        for (const DeviceRecord& d : r_.devices) {
            std::vector<std::string> ips;
            for (const IpAddress& ip : d.ips) ips.push_back(ip.to_string());
            std::string org = d.locally_administered ? m("scan.locally_administered") : printable(d.organisation);
            std::string vendor = d.vendor_name.empty()                ? ""
                                 : d.vendor_controlled_by.empty() ? d.vendor_name
                                                                  : fmt::format("{} ({})", d.vendor_name, d.vendor_controlled_by);
            t.add_row({HtmlCell::text(d.mac.to_string(), "mono"), HtmlCell::text(fmt::format("{}", fmt::join(ips, ", ")), "mono"),
                       HtmlCell::text(org), HtmlCell::text(d.registrant_country), HtmlCell::text(vendor),
                       HtmlCell::text(d.prc_linked), HtmlCell::number(d.frames), HtmlCell::date(d.first_ns),
                       HtmlCell::date(d.last_ns)},
                      r_.policy.is_high_risk(d.vendor_controlled_by) ? "high-risk-vendor" : "");
        }
        t.write(out, true, m("scan.devices.none"));
        out << "</section>\n";
    }

    void appendix(std::ostream& out) const {
        out << "<section id=\"appendix\"><h2>" << h("scan.appendix") << "</h2>\n";
        if (r_.problems.empty()) out << "<p>" << h("scan.no_problems") << "</p>\n";
        else {
            out << "<ul>";
            for (const InputProblem& p : r_.problems)
                out << fmt::format("<li><strong>{}</strong> {}{}{}</li>",
                                   h(p.level == ProblemLevel::error ? "scan.problem.error" : "scan.problem.warning"),
                                   html_wire_text(p.input), p.input.empty() ? "" : ": ", html_text(p.message));
            out << "</ul>\n";
        }
        auto counters = [&out, this](const char* id, std::string_view title_key, const NamedCounters& c) {
            if (c.empty()) return;
            HtmlTable t(id, {col("scan.col.counter"), col("scan.col.count", ColumnKind::number)}, table_text());
            for (const auto& [name, n] : c) t.add_row({HtmlCell::text(name, "mono"), HtmlCell::number(n)});
            out << "<details><summary>" << h(title_key) << "</summary>" << t.html(false) << "</details>\n";
        };
        counters("decode-counters", "scan.counters.decode", r_.decode_counters);
        counters("flow-counters", "scan.counters.flow", r_.flow_counters);
        counters("observe-counters", "scan.counters.observe", r_.observe_counters);
        counters("input-counters", "scan.counters.inputs", r_.input_counters);
        out << "</section>\n";
    }

    const ScanReport& r_;
    RiskLang lang_;
    ExposureChartWords charts_;
};

}  // namespace

void write_html_report(const ScanReport& r, std::ostream& out, RiskLang lang) { ScanHtmlWriter(r, lang).write(out); }

}  // namespace sovscan
