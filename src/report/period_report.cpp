#include "report/period_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/escape.h"
#include "common/time_format.h"
#include "report/html_document.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/json_stream.h"
#include "report/report_words.h"

namespace sovscan {

namespace {

std::string when(int64_t ns) { return ns ? rfc3339_utc(ns) : ""; }

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

// Streamed (report/json_stream.h): 90 days of a large site hold hundreds of thousands of exposures,
// and a DOM of them took 1.6 GB.
void write_period_json(const PeriodReport& r, std::ostream& out) {
    using nlohmann::ordered_json;
    JsonStreamWriter w(out);
    w.begin_object();
    w.member("generated_at", r.generated_at);
    w.member("store", printable(r.store));
    w.member("from", when(r.from_ns));
    w.member("to", when(r.to_ns));
    w.member("sensor", printable(r.sensor));
    w.member("runs", r.runs);
    ordered_json sensors = ordered_json::array();
    for (const std::string& s : r.sensors) sensors.push_back(printable(s));
    w.member("sensors", sensors);
    w.begin_array("timeline");
    for (const PeriodDay& d : r.timeline)
        w.element({{"day", d.day}, {"runs", d.runs}, {"exposures", d.exposures}, {"new_exposures", d.new_exposures}});
    w.end();
    w.begin_array("findings");
    for (const PeriodFinding& f : r.findings) {
        ordered_json fs = ordered_json::array();
        for (const std::string& s : f.sensors) fs.push_back(printable(s));
        w.element({{"id", f.id},
                   {"rule_id", f.rule},
                   {"severity", severity_label(f.severity)},
                   {"suppressed", f.suppressed},
                   {"asset", printable(f.asset)},
                   {"counterpart", printable(f.counterpart)},
                   {"country", printable(f.country)},
                   {"vendor", printable(f.vendor)},
                   {"summary", printable(f.summary)},
                   {"bytes_sent", f.bytes_sent},
                   {"bytes_received", f.bytes_received},
                   {"flows", f.flows},
                   {"first_seen", when(f.first_seen_ns)},
                   {"last_seen", when(f.last_seen_ns)},
                   {"first_seen_ever", when(f.ever_first_seen_ns)},
                   {"new_in_period", f.new_in_period},
                   {"sensors", fs}});
    }
    w.end();
    w.end();
}

void write_period_csv(const PeriodReport& r, std::ostream& out) {
    out << "id,rule_id,severity,suppressed,asset,counterpart,country,vendor,bytes_sent,bytes_received,flows,"
           "first_seen,last_seen,first_seen_ever,new_in_period,sensors,summary\n";
    for (const PeriodFinding& f : r.findings)
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", f.id, csv_cell(f.rule),
                           severity_label(f.severity), f.suppressed ? "yes" : "no", csv_cell(printable(f.asset)),
                           csv_cell(printable(f.counterpart)), csv_cell(printable(f.country)), csv_cell(printable(f.vendor)), f.bytes_sent,
                           f.bytes_received, f.flows, when(f.first_seen_ns), when(f.last_seen_ns),
                           when(f.ever_first_seen_ns), f.new_in_period ? "yes" : "no", csv_cell(printable(joined(f.sensors))),
                           csv_cell(printable(f.summary)));
}

void write_period_html(const PeriodReport& r, std::ostream& out) {
    const RiskLang en = RiskLang::en;
    HtmlDocument doc("sovscan period report");
    std::ostringstream body;
    body << "<header><h1>Exposure over a period</h1>\n<p class=\"meta\">"
         << html_text(fmt::format("{} to {} · {} run(s) from {} · sensors: {} · store {} · made {}", when(r.from_ns),
                                  when(r.to_ns), r.runs, r.sensor.empty() ? "every sensor" : "sensor " + r.sensor,
                                  r.sensors.empty() ? "none" : joined(r.sensors), r.store, r.generated_at))
         << "</p></header>\n";
    size_t fresh = 0;
    for (const PeriodFinding& f : r.findings) fresh += f.new_in_period;
    body << "<section id=\"summary\"><h2>Summary</h2>\n<p>"
         << html_text(fmt::format("{} exposure(s) seen in the period, {} of them new (never seen before it).",
                                  r.findings.size(), fresh))
         << "</p></section>\n";

    body << "<section id=\"timeline\"><h2>Timeline by day</h2>\n";
    HtmlTable days("timeline-table", {HtmlColumn("Day", ColumnKind::date), HtmlColumn("Runs", ColumnKind::number),
                                      HtmlColumn("Exposures seen", ColumnKind::number),
                                      HtmlColumn("New exposures", ColumnKind::number)});
    for (const PeriodDay& d : r.timeline)
        days.add_row({HtmlCell::text(d.day), HtmlCell::number(d.runs), HtmlCell::number(d.exposures),
                      HtmlCell::number(d.new_exposures)});
    days.write(body, false, "No day in the period.");
    body << "</section>\n";

    body << "<section id=\"findings\"><h2>Findings</h2>\n<p class=\"caption\">Every exposure seen in the period, as its "
            "latest run judged it; first and last seen within the period.</p>\n";
    HtmlTable t("findings-table",
                {HtmlColumn("Severity", ColumnKind::number), HtmlColumn("Rule"), HtmlColumn("Asset"),
                 HtmlColumn("Counterpart"), HtmlColumn("Country"), HtmlColumn("Vendor"),
                 HtmlColumn("Sent", ColumnKind::number), HtmlColumn("Received", ColumnKind::number),
                 HtmlColumn("First seen", ColumnKind::date), HtmlColumn("Last seen", ColumnKind::date),
                 HtmlColumn("New"), HtmlColumn("Sensors"), HtmlColumn("Summary"), HtmlColumn("Id")});
    for (const PeriodFinding& f : r.findings)
        t.add_row({HtmlCell::markup(fmt::format("<span class=\"badge sev-{0}\">{0}</span>", severity_label(f.severity)),
                                    std::to_string(static_cast<int>(f.severity))),
                   HtmlCell::text(f.rule), HtmlCell::markup(html_wire_text(f.asset), f.asset, "mono"),
                   HtmlCell::markup(html_wire_text(f.counterpart), f.counterpart, "mono"), HtmlCell::text(f.country),
                   HtmlCell::text(f.vendor),
                   HtmlCell::number(f.bytes_sent, bytes_text(static_cast<double>(f.bytes_sent), en)),
                   HtmlCell::number(f.bytes_received, bytes_text(static_cast<double>(f.bytes_received), en)),
                   HtmlCell::date(f.first_seen_ns), HtmlCell::date(f.last_seen_ns),
                   HtmlCell::text(f.new_in_period ? "new" : ""), HtmlCell::text(joined(f.sensors)),
                   HtmlCell::text(f.summary, "wrap"), HtmlCell::text(f.id, "mono")},
                  f.suppressed ? "suppressed" : "");
    t.write(body, true, "No exposure in the period.");
    body << "</section>\n<footer>sovscan " << html_text(SOVSCAN_VERSION) << "</footer>\n";
    doc.append(body.str());
    doc.write(out);
}

}  // namespace sovscan
