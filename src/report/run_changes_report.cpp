#include "report/run_changes_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <sstream>

#include "common/escape.h"
#include "common/time_format.h"
#include "report/html_document.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/report_words.h"

namespace sovscan {

namespace {

std::string factor_text(double f) { return fmt::format("{:g}", f); }

std::string run_label(const RunRef& r) { return fmt::format("#{} ({}, {})", r.id, r.sensor, r.generated_at); }

std::vector<std::string> count_args(const RunChanges& c) {
    using K = ExposureChange::Kind;
    return {std::to_string(c.count(K::added)),         std::to_string(c.count(K::severity_up)),
            std::to_string(c.count(K::severity_down)), std::to_string(c.count(K::traffic_grown)),
            factor_text(c.growth_factor),              std::to_string(c.count(K::gone))};
}

std::vector<std::string> asset_count_args(const RunChanges& c) {
    using K = AssetChange::Kind;
    return {std::to_string(c.count(K::added)), std::to_string(c.count(K::verdict_changed)),
            std::to_string(c.count(K::traffic_grown)), factor_text(c.growth_factor), std::to_string(c.count(K::gone))};
}

std::string kind_word(const char* label, RiskLang lang) {
    return report_msg(fmt::format("changes.kind.{}", label), lang);
}

}  // namespace

size_t RunChanges::count(ExposureChange::Kind k) const {
    return static_cast<size_t>(std::count_if(exposures.begin(), exposures.end(), [k](const auto& c) { return c.kind == k; }));
}

size_t RunChanges::count(AssetChange::Kind k) const {
    return static_cast<size_t>(std::count_if(assets.begin(), assets.end(), [k](const auto& c) { return c.kind == k; }));
}

const char* change_kind_label(ExposureChange::Kind k) {
    switch (k) {
        case ExposureChange::Kind::added: return "new";
        case ExposureChange::Kind::severity_up: return "severity_up";
        case ExposureChange::Kind::severity_down: return "severity_down";
        case ExposureChange::Kind::traffic_grown: return "traffic_grown";
        case ExposureChange::Kind::gone: return "gone";
    }
    return "?";
}

const char* change_kind_label(AssetChange::Kind k) {
    switch (k) {
        case AssetChange::Kind::added: return "new";
        case AssetChange::Kind::verdict_changed: return "verdict_changed";
        case AssetChange::Kind::traffic_grown: return "traffic_grown";
        case AssetChange::Kind::gone: return "gone";
    }
    return "?";
}

void write_changes_table(const RunChanges& c, std::ostream& out) {
    out << fmt::format("run {} -> run {}\n", terminal_safe(run_label(c.from)), terminal_safe(run_label(c.to)));
    out << report_msg_with("changes.counts", RiskLang::en, count_args(c)) << "\n";
    if (!c.assets.empty()) out << report_msg_with("changes.asset_counts", RiskLang::en, asset_count_args(c)) << "\n";
    if (!c.exposures.empty()) {
        out << fmt::format("\n{:<14} {:<16} {:<8} {:<9} {:<18} {:<24} {:>12} {:>12}  {}\n", "CHANGE", "ID", "RULE",
                           "SEVERITY", "ASSET", "COUNTERPART", "BYTES", "BEFORE", "SUMMARY");
        for (const ExposureChange& e : c.exposures) {
            const std::string severity =
                e.kind == ExposureChange::Kind::severity_up || e.kind == ExposureChange::Kind::severity_down
                    ? fmt::format("{}<-{}", severity_label(e.severity), severity_label(e.previous_severity))
                    : severity_label(e.severity);
            out << fmt::format("{:<14} {:<16} {:<8} {:<9} {:<18} {:<24} {:>12} {:>12}  {}\n", change_kind_label(e.kind),
                               e.finding_id, terminal_safe(e.rule), severity, terminal_safe(e.asset),
                               terminal_safe(e.counterpart), e.bytes, e.previous_bytes, terminal_safe(e.summary));
        }
    }
    if (!c.assets.empty()) {
        out << fmt::format("\n{:<16} {:<28} {:<24} {:<20} {:>12} {:>12}\n", "ASSET CHANGE", "ASSET", "NAME", "VERDICT",
                           "BYTES", "BEFORE");
        for (const AssetChange& a : c.assets) {
            const std::string verdict =
                a.kind == AssetChange::Kind::verdict_changed ? a.verdict + "<-" + a.previous_verdict : a.verdict;
            out << fmt::format("{:<16} {:<28} {:<24} {:<20} {:>12} {:>12}\n", change_kind_label(a.kind),
                               terminal_safe(a.asset_id), terminal_safe(a.name), terminal_safe(verdict), a.bytes,
                               a.previous_bytes);
        }
    }
}

void write_changes_json(const RunChanges& c, std::ostream& out) {
    auto run = [](const RunRef& r) {
        return nlohmann::json{{"id", r.id},
                              {"sensor", printable(r.sensor)},
                              {"generated_at", r.generated_at},
                              {"first_seen", r.first_ns ? rfc3339_utc(r.first_ns) : ""},
                              {"last_seen", r.last_ns ? rfc3339_utc(r.last_ns) : ""}};
    };
    nlohmann::json j{{"from", run(c.from)}, {"to", run(c.to)}, {"growth_factor", c.growth_factor}};
    nlohmann::json counts = nlohmann::json::object();
    for (auto k : {ExposureChange::Kind::added, ExposureChange::Kind::severity_up, ExposureChange::Kind::severity_down,
                   ExposureChange::Kind::traffic_grown, ExposureChange::Kind::gone})
        counts[change_kind_label(k)] = c.count(k);
    j["counts"] = counts;
    nlohmann::json exposures = nlohmann::json::array();
    for (const ExposureChange& e : c.exposures)
        exposures.push_back({{"change", change_kind_label(e.kind)},
                             {"id", e.finding_id},
                             {"rule_id", e.rule},
                             {"severity", severity_label(e.severity)},
                             {"previous_severity", severity_label(e.previous_severity)},
                             {"asset", printable(e.asset)},
                             {"counterpart", printable(e.counterpart)},
                             {"country", printable(e.country)},
                             {"vendor", printable(e.vendor)},
                             {"bytes", e.bytes},
                             {"previous_bytes", e.previous_bytes},
                             {"summary", printable(e.summary)}});
    j["exposures"] = exposures;
    nlohmann::json assets = nlohmann::json::array();
    for (const AssetChange& a : c.assets)
        assets.push_back({{"change", change_kind_label(a.kind)},
                          {"id", printable(a.asset_id)},
                          {"name", printable(a.name)},
                          {"vendor", printable(a.vendor)},
                          {"verdict", a.verdict},
                          {"previous_verdict", a.previous_verdict},
                          {"bytes", a.bytes},
                          {"previous_bytes", a.previous_bytes}});
    j["assets"] = assets;
    out << j.dump(2) << "\n";
}

std::string changes_html_section(const RunChanges& c, RiskLang lang) {
    auto m = [lang](std::string_view key) { return html_text(report_msg(key, lang)); };
    auto col = [lang](std::string_view key, ColumnKind kind = ColumnKind::text) {
        return HtmlColumn(report_msg(key, lang), kind);
    };
    std::ostringstream out;
    out << "<section id=\"changes\"><h2>" << m("changes.title") << "</h2>\n";
    if (c.from.id == 0) {
        out << "<p class=\"caption\">" << m("changes.first_run") << "</p>\n</section>\n";
        return out.str();
    }
    out << "<p class=\"caption\">"
        << html_text(report_msg_with("changes.caption", lang,
                                     {fmt::format("#{}", c.to.id), fmt::format("#{}", c.from.id), c.from.sensor,
                                      c.from.generated_at}))
        << "</p>\n<p>" << html_text(report_msg_with("changes.counts", lang, count_args(c))) << "</p>\n";
    HtmlTable t("changes-table",
                {col("changes.col.change"), col("changes.col.severity", ColumnKind::number),
                 col("changes.col.before", ColumnKind::number), col("changes.col.rule"), col("changes.col.asset"),
                 col("changes.col.counterpart"), col("changes.col.country"), col("changes.col.vendor"),
                 col("changes.col.traffic", ColumnKind::number), col("changes.col.traffic_before", ColumnKind::number),
                 col("changes.col.summary"), col("changes.col.id")});
    for (const ExposureChange& e : c.exposures) {
        auto sev = [](Severity s) { return HtmlCell::markup(fmt::format("<span class=\"badge sev-{0}\">{0}</span>", severity_label(s)), std::to_string(static_cast<int>(s))); };
        t.add_row({HtmlCell::text(kind_word(change_kind_label(e.kind), lang)), sev(e.severity), sev(e.previous_severity),
                   HtmlCell::text(e.rule), HtmlCell::markup(html_wire_text(e.asset), e.asset, "mono"),
                   HtmlCell::markup(html_wire_text(e.counterpart), e.counterpart, "mono"), HtmlCell::text(e.country),
                   HtmlCell::text(e.vendor), HtmlCell::number(e.bytes, bytes_text(static_cast<double>(e.bytes), lang)),
                   HtmlCell::number(e.previous_bytes, bytes_text(static_cast<double>(e.previous_bytes), lang)),
                   HtmlCell::text(e.summary, "wrap"), HtmlCell::text(e.finding_id, "mono")});
    }
    t.write(out, true, report_msg("changes.none", lang));
    if (!c.assets.empty()) {
        out << "<h3>" << m("changes.assets") << "</h3>\n<p>"
            << html_text(report_msg_with("changes.asset_counts", lang, asset_count_args(c))) << "</p>\n";
        HtmlTable a("asset-changes-table",
                    {col("changes.col.change"), col("changes.col.asset"), col("changes.col.vendor"),
                     col("changes.col.verdict"), col("changes.col.before"), col("changes.col.traffic", ColumnKind::number),
                     col("changes.col.traffic_before", ColumnKind::number)});
        for (const AssetChange& x : c.assets)
            a.add_row({HtmlCell::text(kind_word(change_kind_label(x.kind), lang)),
                       HtmlCell::markup(html_wire_text(x.name.empty() ? x.asset_id : x.name + " (" + x.asset_id + ")"),
                                        x.asset_id, "mono"),
                       HtmlCell::text(x.vendor), HtmlCell::text(x.verdict), HtmlCell::text(x.previous_verdict),
                       HtmlCell::number(x.bytes, bytes_text(static_cast<double>(x.bytes), lang)),
                       HtmlCell::number(x.previous_bytes, bytes_text(static_cast<double>(x.previous_bytes), lang))});
        a.write(out);
    }
    out << "</section>\n";
    return out.str();
}

void write_changes_html(const RunChanges& c, std::ostream& out) {
    HtmlDocument doc(report_msg("changes.diff_title", RiskLang::en));
    std::string body = "<header><h1>" + html_text(report_msg("changes.diff_title", RiskLang::en)) +
                       "</h1>\n<p class=\"meta\">" + html_text(run_label(c.from) + " -> " + run_label(c.to)) +
                       "</p></header>\n";
    body += changes_html_section(c, RiskLang::en);
    doc.append(body);
    doc.write(out);
}

}  // namespace sovscan
