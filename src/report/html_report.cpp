#include "report/html_report.h"

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
#include "report/svg_chart.h"

namespace sovscan {

namespace {

std::string severity_class(Severity s) { return std::string("sev-") + severity_label(s); }

std::string badge(Severity s) {
    return fmt::format("<span class=\"badge {}\">{}</span>", severity_class(s), severity_label(s));
}

std::string when(int64_t ns) { return ns ? rfc3339_utc(ns).substr(0, 19) + "Z" : "-"; }

// --- summary -----------------------------------------------------------------------------------

void write_header(const ScanReport& r, std::ostream& out) {
    out << "<header><h1>sovscan scan report</h1>\n<p class=\"meta\">"
        << fmt::format("Generated {} by sovscan {}", html_text(r.generated_at), html_text(SOVSCAN_VERSION));
    if (r.first_ns) out << fmt::format(" &middot; traffic from {} to {}", when(r.first_ns), when(r.last_ns));
    out << "</p></header>\n";
    if (r.partial()) {
        out << "<div class=\"warning\"><p><strong>Partial results:</strong> not every input was read whole; "
               "what was read is counted (see Inputs and Problems).</p>\n<ul>";
        for (const std::string& reason : r.partial_reasons()) out << "<li>" << html_text(reason) << "</li>";
        out << "</ul></div>\n";
    }
}

void write_summary(const ScanReport& r, std::ostream& out) {
    out << "<section id=\"summary\"><h2>Summary</h2>\n";
    size_t open_total = 0;
    out << "<div class=\"cards\">";
    for (int s = static_cast<int>(Severity::critical); s >= 0; --s) {
        const auto sev = static_cast<Severity>(s);
        const auto n = std::count_if(r.findings.begin(), r.findings.end(),
                                     [sev](const Finding& f) { return !f.suppressed() && f.severity == sev; });
        open_total += n;
        out << fmt::format("<div class=\"card {}\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                           severity_class(sev), n, severity_label(sev));
    }
    out << fmt::format("<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">accepted (exceptions)</span></div>",
                       r.suppressed_count());
    out << fmt::format("<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">devices seen</span></div>",
                       r.devices.size());
    out << "</div>\n";
    const std::string threshold =
        r.policy.fail_never ? std::string("none fail the run (<strong>fail_on: never</strong>)")
                            : fmt::format("{} at or above the policy's threshold <strong>{}</strong>",
                                          r.count_at_or_above(r.policy.fail_on), severity_label(r.policy.fail_on));
    out << fmt::format("<p>{} open finding(s); {}; {} accepted by policy exceptions (kept below, marked).</p>\n",
                       open_total, threshold, r.suppressed_count());

    std::vector<std::string> nets;
    for (const Cidr& c : r.policy.home_networks) nets.push_back(c.to_string());
    out << "<dl class=\"facts\">";
    auto fact = [&out](std::string_view name, const std::string& safe_html) {
        out << "<dt>" << html_text(name) << "</dt><dd>" << safe_html << "</dd>";
    };
    fact("High-risk jurisdictions", html_text(fmt::format("{}", fmt::join(r.policy.high_risk_jurisdictions, ", "))));
    fact("Home networks", html_text(nets.empty() ? "RFC 1918, ULA and link-local only" : fmt::format("{}", fmt::join(nets, ", "))));
    fact("Policy file", r.policy.file_path.empty()
                            ? std::string("none (defaults)")
                            : fmt::format("{} <span class=\"mono muted\">sha256 {}</span>", html_wire_text(r.policy.file_path),
                                          html_text(r.policy.file_sha256)));
    fact("Exceptions judged on", html_text(r.policy_date.to_string()));
    fact("Traffic", html_text(fmt::format("{} packets ({} IP), {} bytes on the wire, {} flows ({} outbound, {} inbound, "
                                            "{} internal, {} neither side local)",
                                            r.packets, r.ip_packets, r.wire_bytes, r.traffic.flows,
                                            r.traffic.local_to_remote_flows, r.traffic.remote_to_local_flows,
                                            r.traffic.internal_flows, r.traffic.transit_flows)));
    std::vector<std::string> args;
    for (const std::string& a : r.command_line) args.push_back(printable(a));
    fact("Command", "<code>" + html_text(fmt::format("{}", fmt::join(args, " "))) + "</code>");
    fact("Scan time", html_text(fmt::format("{:.2f} s", r.elapsed_seconds)));
    out << "</dl>\n";

    out << "<h3>Inputs</h3>\n";
    HtmlTable inputs("inputs", {{"File"}, {"Size", ColumnKind::number}, {"Packets", ColumnKind::number},
                                {"First packet", ColumnKind::date}, {"Last packet", ColumnKind::date}, {"State"}});
    for (const InputSummary& i : r.inputs)
        inputs.add_row({HtmlCell::markup(html_wire_text(i.path), printable(i.path), "wrap"),
                        HtmlCell::number(i.bytes, human_bytes(static_cast<double>(i.bytes))), HtmlCell::number(i.packets),
                        HtmlCell::date(i.first_ns), HtmlCell::date(i.last_ns),
                        HtmlCell::text(i.partial ? "partial (truncated or corrupt)" : "complete")});
    inputs.write(out, false);

    out << "<h3>Intel data</h3>\n<p class=\"caption\">Every fact in the evidence names the data set it came from; these "
           "are the versions this run used.</p>\n";
    HtmlTable intel("intel", {{"Data set"}, {"Version"}, {"Licence"}, {"Attribution"}});
    for (const IntelSource& s : r.intel)
        intel.add_row({HtmlCell::text(s.name), HtmlCell::text(s.version), HtmlCell::text(s.licence),
                       HtmlCell::text(s.attribution)});
    intel.write(out, false, "No intel loaded.");

    if (!r.policy.exceptions.empty()) {
        out << "<h3>Policy exceptions</h3>\n";
        HtmlTable exc("exceptions", {{"Exception"}, {"Owner"}, {"Justification"}, {"Expires", ColumnKind::date},
                                     {"State"}, {"Findings accepted", ColumnKind::number}, {"Defined at"}});
        for (const PolicyException& e : r.policy.exceptions) {
            const ExceptionRef& ref = e.ref();
            const auto n = std::count_if(r.findings.begin(), r.findings.end(),
                                         [&](const Finding& f) { return f.suppressed_by && f.suppressed_by->id == ref.id; });
            const bool expired = e.expired_on(r.policy_date);
            exc.add_row({HtmlCell::text(ref.id), HtmlCell::text(ref.owner), HtmlCell::text(ref.justification, "wrap"),
                         HtmlCell::markup(html_text(ref.expires.to_string()), ref.expires.to_string()),
                         HtmlCell::markup(expired ? "<span class=\"badge sev-medium\">expired</span>" : "valid",
                                          expired ? "expired" : "valid"),
                         HtmlCell::number(static_cast<uint64_t>(n)), HtmlCell::text(ref.defined_at)},
                        expired ? "suppressed" : "");
        }
        exc.write(out, false);
    }
    out << "</section>\n";
}

// --- charts ------------------------------------------------------------------------------------

void write_charts(const ScanReport& r, std::ostream& out) {
    out << "<section id=\"charts\"><h2>Exposure at a glance</h2>\n<div class=\"charts\">\n"
        << jurisdiction_chart(r) << operator_chart(r) << asset_chart(r) << timeline_chart(r) << "</div></section>\n";
}

// --- evidence tables ---------------------------------------------------------------------------

std::string names_html(const Finding& f) {
    std::string html;
    for (const ObservedName& n : f.counterpart.names) {
        if (!html.empty()) html += "<br>";
        html += fmt::format("{} <span class=\"muted\">({})</span>", html_wire_text(n.name), html_text(how_learnt(n)));
    }
    for (const ProxyRef& p : f.counterpart.proxies)
        html += fmt::format("<br><span class=\"muted\">through proxy {}</span>", html_text(p.to_string()));
    return html;
}

std::string evidence_html(const Finding& f) {
    std::string items = fmt::format("<li>{}</li>", html_text(f.summary));
    if (!f.server_ports.empty())
        items += fmt::format("<li>server port(s) {}{}</li>", fmt::join(f.server_ports, ", "),
                             f.services.empty() ? "" : html_text(fmt::format("; services {}", fmt::join(f.services, ", "))));
    for (const Evidence& e : f.evidence) {
        std::string from = e.version.empty() ? e.source : e.source + " " + e.version;
        items += fmt::format("<li>{} <span class=\"muted\">[{}]</span></li>", html_text(e.fact), html_text(from));
    }
    for (const FindingDesignation& d : f.designations)
        items += fmt::format("<li><strong>designated</strong>: {} is on the {} ({}) since {}{}</li>", html_text(d.vendor_id),
                             html_text(d.list_name), html_text(d.issuer), html_text(d.listed_on),
                             d.via_parent.empty() ? "" : html_text(fmt::format(" (as its parent {})", d.via_parent)));
    if (f.suppressed_by) {
        const ExceptionRef& e = *f.suppressed_by;
        items += fmt::format("<li><strong>accepted</strong> by exception {} ({}, valid until {}; {}): {}</li>", html_text(e.id),
                             html_text(e.owner), html_text(e.expires.to_string()), html_text(e.defined_at),
                             html_text(e.justification));
    }
    for (const SampleFlow& s : f.sample_flows)
        items += fmt::format("<li class=\"mono\">{} {}:{} \u2192 {}:{} at {} in {}</li>", html_text(s.proto),
                             html_text(s.client.to_string()), s.client_port, html_text(s.server.to_string()),
                             s.server_port, when(s.first_ns), html_wire_text(s.input));
    return fmt::format("<details><summary>{}&nbsp;facts</summary><ul>{}</ul></details>", f.evidence.size() + 1, items);
}

// Severity, and for an accepted finding the exception that accepts it: the mark sits where the
// eye starts reading a row.
std::string severity_html(const Finding& f) {
    if (!f.suppressed_by) return badge(f.severity);
    const ExceptionRef& e = *f.suppressed_by;
    return fmt::format("{}<br><span class=\"badge accepted\" title=\"{}\">accepted</span>", badge(f.severity),
                       html_text(fmt::format("exception {} ({}, until {}): {}", e.id, e.owner, e.expires.to_string(),
                                             e.justification)));
}

void write_findings(const ScanReport& r, std::ostream& out) {
    out << "<section id=\"findings\"><h2>Findings</h2>\n<p class=\"caption\">Click a column header to sort; type in the "
           "box to keep only rows containing every word. Accepted findings (a valid policy exception covers them) are "
           "greyed and marked under their severity. Bytes are from the local asset's point of view.</p>\n";
    HtmlTable t("findings-table",
                // Widths (percent) fit the 13 columns on portrait A4 with the evidence readable.
                {{"Severity", ColumnKind::number, "critical > high > medium > low > info", 8},
                 {"Rule", ColumnKind::text, "", 6},
                 {"Asset", ColumnKind::text, "the local host or device", 9},
                 {"Counterpart", ColumnKind::text, "the remote address", 8},
                 {"Names", ColumnKind::text, "server names seen for the counterpart, and how they were learnt", 10},
                 {"Country", ColumnKind::text, "located in (geolocation) / registry country", 5},
                 {"Operator / vendor", ColumnKind::text, "who runs the server, and the country that controls it", 9},
                 {"Sent", ColumnKind::number, "bytes the local asset sent", 6},
                 {"Received", ColumnKind::number, "bytes the local asset received", 7},
                 {"Flows", ColumnKind::number, "", 4},
                 {"First seen", ColumnKind::date, "", 6},
                 {"Last seen", ColumnKind::date, "", 6},
                 {"Evidence", ColumnKind::text, "", 16}});
    for (const Finding& f : r.findings) {
        const RuleInfo& rule = rule_info(f.rule);
        const bool traffic = is_traffic_finding(f);
        std::string country;
        if (traffic) {
            country = f.counterpart.located_in.empty() ? "??" : f.counterpart.located_in;
            if (!f.counterpart.registry_country.empty() && f.counterpart.registry_country != f.counterpart.located_in)
                country += " / " + f.counterpart.registry_country;
        }
        t.add_row({HtmlCell::markup(severity_html(f), std::to_string(static_cast<int>(f.severity))),
                   HtmlCell::markup(fmt::format("<abbr title=\"{}\">{}</abbr>", html_text(rule.title), html_text(rule.code)),
                                    std::string(rule.code)),
                   HtmlCell::text(finding_asset_label(f), "mono"),
                   HtmlCell::text(traffic && f.counterpart.has_ip() ? f.counterpart.ip.to_string() : "", "mono"),
                   HtmlCell::markup(names_html(f), finding_counterpart_label(f), "wrap"),
                   HtmlCell::text(country),
                   HtmlCell::text(finding_operator(f).label()),
                   traffic ? HtmlCell::number(f.bytes_sent, human_bytes(static_cast<double>(f.bytes_sent))) : HtmlCell::number(0, ""),
                   traffic ? HtmlCell::number(f.bytes_received, human_bytes(static_cast<double>(f.bytes_received)))
                           : HtmlCell::number(0, ""),
                   traffic ? HtmlCell::number(f.flows) : HtmlCell::number(0, ""),
                   HtmlCell::date(f.first_ns),
                   HtmlCell::date(f.last_ns),
                   HtmlCell::markup(evidence_html(f), std::to_string(f.evidence.size()), "evidence")},
                  f.suppressed() ? "suppressed" : "");
    }
    t.write(out, true, "No findings: no traffic to or from high-risk jurisdictions or operators, no high-risk vendor devices.");
    out << "</section>\n";
}

void write_devices(const ScanReport& r, std::ostream& out) {
    out << "<section id=\"devices\"><h2>Devices</h2>\n<p class=\"caption\">Every local MAC address seen, with the IEEE "
           "registrant of its prefix and the catalogued vendor it maps to.</p>\n";
    HtmlTable t("devices-table", {{"MAC"},
                                  {"Addresses"},
                                  {"Registrant (IEEE)"},
                                  {"Registrant country"},
                                  {"Vendor"},
                                  {"PRC-linked", ColumnKind::text, "catalogue: yes, partial, no"},
                                  {"Frames", ColumnKind::number},
                                  {"First seen", ColumnKind::date},
                                  {"Last seen", ColumnKind::date}});
    for (const DeviceRecord& d : r.devices) {
        std::vector<std::string> ips;
        for (const IpAddress& ip : d.ips) ips.push_back(ip.to_string());
        std::string org = d.locally_administered ? "locally administered (random or assigned)" : printable(d.organisation);
        std::string vendor = d.vendor_name.empty() ? ""
                             : d.vendor_controlled_by.empty()
                                 ? d.vendor_name
                                 : fmt::format("{} ({})", d.vendor_name, d.vendor_controlled_by);
        t.add_row({HtmlCell::text(d.mac.to_string(), "mono"), HtmlCell::text(fmt::format("{}", fmt::join(ips, ", ")), "mono"),
                   HtmlCell::text(org), HtmlCell::text(d.registrant_country), HtmlCell::text(vendor), HtmlCell::text(d.prc_linked),
                   HtmlCell::number(d.frames), HtmlCell::date(d.first_ns), HtmlCell::date(d.last_ns)},
                  r.policy.is_high_risk(d.vendor_controlled_by) ? "high-risk-vendor" : "");
    }
    t.write(out, true, "No devices seen (no link-layer addresses in the captures).");
    out << "</section>\n";
}

void write_appendix(const ScanReport& r, std::ostream& out) {
    out << "<section id=\"appendix\"><h2>Problems and counters</h2>\n";
    if (r.problems.empty()) out << "<p>No input problems.</p>\n";
    else {
        out << "<ul>";
        for (const InputProblem& p : r.problems)
            out << fmt::format("<li><strong>{}</strong> {}{}{}</li>", p.level == ProblemLevel::error ? "error" : "warning",
                               html_wire_text(p.input), p.input.empty() ? "" : ": ", html_text(p.message));
        out << "</ul>\n";
    }
    auto counters = [&out](const char* id, const char* title, const NamedCounters& c) {
        if (c.empty()) return;
        HtmlTable t(id, {{"Counter"}, {"Count", ColumnKind::number}});
        for (const auto& [name, n] : c) t.add_row({HtmlCell::text(name, "mono"), HtmlCell::number(n)});
        out << "<details><summary>" << title << "</summary>" << t.html(false) << "</details>\n";
    };
    counters("decode-counters", "Decoder counters (malformed and unsupported input, by kind)", r.decode_counters);
    counters("flow-counters", "Flow table counters", r.flow_counters);
    counters("observe-counters", "Dissector counters", r.observe_counters);
    out << "</section>\n";
}

}  // namespace

void write_html_report(const ScanReport& r, std::ostream& out) {
    HtmlDocument doc("sovscan scan report");
    std::ostringstream body;
    write_header(r, body);
    write_summary(r, body);
    write_charts(r, body);
    write_findings(r, body);
    write_devices(r, body);
    write_appendix(r, body);
    body << "<footer>sovscan " << html_text(SOVSCAN_VERSION) << " &middot; schema " << html_text(kReportSchemaVersion)
         << " &middot; self-contained: this page loads nothing and runs only its own script. ";
    std::set<std::string> attributions;  // several data sets share one
    for (const IntelSource& s : r.intel)
        if (!s.attribution.empty() && attributions.insert(s.attribution).second) body << html_text(s.attribution) << ". ";
    body << "</footer>\n";
    doc.append(body.str());
    doc.write(out);
}

}  // namespace sovscan
