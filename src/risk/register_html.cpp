#include "risk/register_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <sstream>

#include "report/exposure_charts.h"
#include "report/html_document.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/report_words.h"
#include "risk/frame_text.h"
#include "risk/messages.h"
#include "risk/supplier_words.h"
#include "report/svg_chart.h"

namespace sovscan {

namespace {

// The nine values threat x vulnerability can take (each 1..4): the heat map's columns. Bucketing
// them into four would put risks of different levels into one cell (3x(3x4) = 36 critical next to
// 3x(3x3) = 27 high); with these, each cell is exactly one score and its colour exactly its level.
constexpr std::array<int, 9> kLikelihoods = {1, 2, 3, 4, 6, 8, 9, 12, 16};
constexpr size_t kHeatCellIds = 12;  // risk ids listed in a heat-map cell's tooltip

std::string level_class(RiskLevel l) { return fmt::format("risk-{}", static_cast<int>(l)); }

std::string joined(const std::vector<std::string>& items, std::string_view sep = ", ") {
    return fmt::format("{}", fmt::join(items, sep));
}

class RiskHtmlWriter {
public:
    RiskHtmlWriter(const RiskRegister& reg, const ScanReport& scan, RiskLang lang)
        : reg_(reg), scan_(scan), lang_(lang), frame_(frame_text(reg, lang)) {}

    void write(std::ostream& out) {
        HtmlDocument doc(m("title"), risk_lang_code(lang_));
        std::ostringstream body;
        header(body);
        frame(body);
        summary(body);
        changes(body);
        charts(body);
        report(body);
        primary_assets(body);
        applicability(body);
        treatment(body);
        suppliers(body);
        appendix(body);
        problems(body);
        body << "<footer>sovscan " << html_text(SOVSCAN_VERSION) << " &middot; " << h("html.footer") << "</footer>\n";
        doc.append(body.str());
        doc.write(out);
    }

private:
    // Words of the page (plain text; escape with html_text where written).
    std::string m(std::string_view key) const { return risk_msg(key, lang_); }
    std::string mw(std::string_view key, const std::vector<std::string>& args) const {
        return risk_msg_with(key, lang_, args);
    }
    std::string h(std::string_view key) const { return html_text(m(key)); }

    HtmlColumn col(std::string_view key, ColumnKind kind = ColumnKind::text, unsigned width = 0) const {
        return HtmlColumn(m(key), kind, {}, width);
    }
    HtmlTableText table_text() const {
        return {m("table.filter_placeholder"), m("table.filter_label"), m("table.rows_total"), m("table.rows_shown")};
    }
    std::string list_or_none(const std::vector<std::string>& items) const {
        return items.empty() ? m("none") : joined(items);
    }
    // Ids, each kept on one line in print (span.id), the list free to wrap between them.
    std::string ids_html(const std::vector<std::string>& ids) const {
        if (ids.empty()) return h("none");
        std::string html;
        for (const std::string& id : ids)
            html += (html.empty() ? "" : ", ") + fmt::format("<span class=\"id\">{}</span>", html_text(id));
        return html;
    }
    HtmlCell ids_cell(const std::vector<std::string>& ids) const { return HtmlCell::markup(ids_html(ids), list_or_none(ids), "wrap"); }
    // A column whose header is too wide for its printed width gets a narrower one on paper.
    HtmlColumn narrow_col(std::string_view key, ColumnKind kind, unsigned width) const {
        HtmlColumn c = col(key, kind, width);
        c.print_header = m(fmt::format("{}.print", key));
        return c;
    }
    std::string level_name(RiskLevel l) const { return risk_level_name(l).in(lang_); }
    std::string badge(RiskLevel l) const {
        return fmt::format("<span class=\"badge {}\">{}</span>", level_class(l), html_text(level_name(l)));
    }
    HtmlCell level_cell(RiskLevel l) const { return HtmlCell::markup(badge(l), std::to_string(static_cast<int>(l))); }
    std::string section(std::string_view id, std::string_view title_key, int depth = 2) const {
        return fmt::format("<section id=\"{}\"><h{}>{}</h{}>\n", id, depth, h(title_key), depth);
    }
    std::string caption(std::string_view key) const { return "<p class=\"caption\">" + h(key) + "</p>\n"; }

    // --- the decree's frame (issue 15): header, warnings, legal basis, primary assets, appendix ----

    // A table of the frame's words (no filter box: short tables an auditor reads whole).
    void text_table(std::ostream& out, const std::string& id, const TextTable& table) const {
        std::vector<HtmlColumn> columns;
        for (const std::string& head : table.head) columns.emplace_back(head, ColumnKind::text, std::string{}, 0);
        HtmlTable t(id, std::move(columns), table_text());
        for (const auto& row : table.rows) {
            std::vector<HtmlCell> cells;
            for (const std::string& c : row) cells.push_back(HtmlCell::text(c, "wrap"));
            t.add_row(std::move(cells));
        }
        t.write(out, false, m("none"));
    }

    void frame(std::ostream& out) const {
        out << "<section id=\"document\"><h2>" << html_text(frame_.header_title) << "</h2>\n<dl class=\"facts\">";
        for (const auto& [label, value] : frame_.header)
            out << "<dt>" << html_text(label) << "</dt><dd>" << html_text(value) << "</dd>";
        out << "</dl>\n";
        for (const std::string& w : frame_.warnings) out << "<p class=\"warning\">" << html_text(w) << "</p>\n";
        out << "<h3 id=\"legal\">" << html_text(frame_.legal_title) << "</h3>\n<ul>";
        for (const std::string& l : frame_.legal_basis) out << "<li>" << html_text(l) << "</li>";
        out << "</ul>\n</section>\n";
    }

    void primary_assets(std::ostream& out) const {
        out << "<section id=\"primary\"><h2>" << html_text(frame_.primary_title) << "</h2>\n";
        for (const std::string& p : frame_.primary_notes) out << "<p>" << html_text(p) << "</p>\n";
        if (!frame_.primary_assets.rows.empty()) text_table(out, "primary-table", frame_.primary_assets);
        out << "</section>\n";
    }

    void appendix(std::ostream& out) const {
        out << "<section id=\"appendix\"><h2>" << html_text(frame_.appendix_title) << "</h2>\n";
        for (size_t i = 0; i < frame_.appendix.size(); ++i) {
            const TextSection& s = frame_.appendix[i];
            out << "<h3>" << html_text(s.title) << "</h3>\n";
            for (const std::string& p : s.paragraphs) out << "<p>" << html_text(p) << "</p>\n";
            if (!s.table.head.empty()) text_table(out, fmt::format("appendix-table-{}", i + 1), s.table);
        }
        out << "</section>\n";
    }

    // --- header and summary --------------------------------------------------------------------

    void header(std::ostream& out) const {
        out << "<header><h1>" << h("title") << "</h1>\n<p class=\"meta\">"
            << html_text(mw("html.generated", {scan_.generated_at, SOVSCAN_VERSION})) << "</p></header>\n";
        if (scan_.partial()) out << "<p class=\"warning\">" << h("html.partial") << "</p>\n";
    }

    void summary(std::ostream& out) const {
        out << section("summary", "html.summary");
        std::array<size_t, 4> by_level{};
        size_t accepted = 0, open_high = 0, expired = 0;
        for (const RiskEntry& r : reg_.risks) {
            ++by_level[static_cast<size_t>(r.level) - 1];  // RiskLevel counts from 1
            if (r.status == RiskStatus::accepted) ++accepted;
            else if (r.level >= RiskLevel::high) ++open_high;
        }
        for (const ExceptionStatus& e : reg_.exceptions) expired += e.expired ? 1 : 0;
        out << "<div class=\"cards\">";
        auto card = [&out](const std::string& css, size_t n, const std::string& label) {
            out << fmt::format("<div class=\"card{}\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                               css.empty() ? "" : " " + css, n, html_text(label));
        };
        for (int l = 4; l >= 1; --l) card(level_class(static_cast<RiskLevel>(l)), by_level[l - 1], level_name(static_cast<RiskLevel>(l)));
        // The noun under a number agrees with it: 1 aktivum, 2 aktiva, 5 aktiv.
        card("", accepted, counted_word(accepted, "count.accepted", lang_));
        card("", reg_.assets.size(), counted_word(reg_.assets.size(), "count.assets", lang_));
        card("", reg_.treatment.size(), counted_word(reg_.treatment.size(), "count.measures_in_plan", lang_));
        card("", reg_.suppliers.size(), counted_word(reg_.suppliers.size(), "count.suppliers", lang_));
        out << "</div>\n<p>"
            << html_text(mw("html.summary_line", {std::to_string(reg_.risks.size()), std::to_string(open_high),
                                                  std::to_string(accepted), std::to_string(expired)}))
            << "</p>\n";
        for (const ExceptionStatus& e : reg_.exceptions)
            if (e.expired)
                out << "<p class=\"warning\">"
                    << html_text(mw("risk.expired", {e.ref.id, e.ref.owner, e.ref.expires.to_string()})) << "</p>\n";

        out << "<dl class=\"facts\">";
        auto fact = [&out](const std::string& name, const std::string& safe_html) {
            out << "<dt>" << html_text(name) << "</dt><dd>" << safe_html << "</dd>";
        };
        fact(m("assessed_on"), html_text(reg_.assessed_on.to_string()));
        fact(m("policy"), reg_.policy_file.empty()
                              ? h("policy.none")
                              : fmt::format("{} <span class=\"mono muted\">sha256 {}</span>", html_text(reg_.policy_file),
                                            html_text(reg_.policy_sha256)));
        fact(m("html.volume"), html_text(counted(reg_.volume_bytes, "count.bytes", lang_)));
        fact(m("html.inputs"), html_text(mw("html.inputs_value", {std::to_string(scan_.inputs.size()),
                                                                  std::to_string(reg_.assets.size()),
                                                                  std::to_string(scan_.findings.size())})));
        out << "</dl>\n<p class=\"note\">" << h("method") << "</p>\n";

        out << "<h3>" << h("cutoffs") << "</h3>\n";
        HtmlTable levels("levels", {col("col.level", ColumnKind::number, 15), col("col.scores", ColumnKind::number, 10),
                                    col("col.meaning", ColumnKind::text, 75)},
                         table_text());
        const int from[] = {1, reg_.cutoffs.medium, reg_.cutoffs.high, reg_.cutoffs.critical, 65};
        for (int l = 4; l >= 1; --l) {
            const auto level = static_cast<RiskLevel>(l);
            levels.add_row({level_cell(level), HtmlCell::number(static_cast<uint64_t>(from[l - 1]),
                                                                fmt::format("{}–{}", from[l - 1], from[l] - 1)),
                            HtmlCell::text(risk_level_wording(level).in(lang_))});
        }
        levels.write(out, false);
        out << "</section>\n";
    }

    // --- changes since the previous register (--previous) ---------------------------------------

    void changes(std::ostream& out) const {
        if (!reg_.changes) return;
        const RegisterChanges& c = *reg_.changes;
        out << section("changes", "changes.title") << "<p>"
            << html_text(mw("changes.previous", {c.previous_assessed_on, c.previous_file})) << "</p>\n";
        out << "<h3>" << h("changes.risks") << "</h3>\n";
        HtmlTable risks("changes-table",
                        {col("col.change", ColumnKind::text, 10), col("col.id", ColumnKind::text, 16),
                         col("col.asset", ColumnKind::text, 26), col("col.threat", ColumnKind::text, 18),
                         col("col.before", ColumnKind::number, 15), col("col.now", ColumnKind::number, 15)},
                        table_text());
        auto value = [&](int score, RiskLevel level) {
            if (score == 0) return HtmlCell::markup("—", "0");
            return HtmlCell::markup(fmt::format("{} {}", score, badge(level)), std::to_string(score));
        };
        for (const RiskChange& x : c.risks)
            risks.add_row({HtmlCell::text(m("change." + x.change)), HtmlCell::text(x.id, "mono"),
                           HtmlCell::text(x.asset_name.empty() ? x.asset_id : x.asset_name, "wrap"),
                           HtmlCell::text(x.threat_id, "mono"),
                           value(x.previous_score, x.previous_level), value(x.score, x.level)},
                          x.change == "closed" ? "suppressed" : "");
        risks.write(out, false, m("changes.no_risks"));
        out << "<p>" << html_text(mw("changes.unchanged", {std::to_string(c.unchanged)})) << "</p>\n";
        out << "<h3>" << h("changes.suppliers") << "</h3>\n";
        HtmlTable suppliers("supplier-changes-table",
                            {col("col.change", ColumnKind::text, 15), col("col.supplier", ColumnKind::text, 40),
                             col("col.supplier_key", ColumnKind::text, 25), col("col.kind", ColumnKind::text, 20)},
                            table_text());
        for (const SupplierChange& x : c.suppliers)
            suppliers.add_row({HtmlCell::text(m("change." + x.change)), HtmlCell::text(x.name, "wrap"),
                               HtmlCell::text(x.key, "mono"),
                               HtmlCell::text(supplier_kind_text(x.kind, lang_))});
        suppliers.write(out, false, m("changes.no_suppliers"));
        out << "</section>\n";
    }

    // --- charts --------------------------------------------------------------------------------

    std::string heat_map() const {
        HeatMapSpec spec;
        spec.title = m("html.heat.title");
        spec.x_title = m("html.heat.x");
        spec.y_title = m("html.heat.y");
        for (int v : kLikelihoods) spec.x_labels.push_back(std::to_string(v));
        for (int impact = 1; impact <= 4; ++impact) spec.y_labels.push_back(render_scale(impact, lang_));
        for (int l = 1; l <= 4; ++l) spec.legend.push_back({level_class(static_cast<RiskLevel>(l)), level_name(static_cast<RiskLevel>(l))});
        for (int impact = 1; impact <= 4; ++impact) {
            std::vector<uint64_t> counts;
            std::vector<std::string> classes, notes;
            for (int likelihood : kLikelihoods) {
                std::vector<std::string> ids;
                for (const RiskEntry& r : reg_.risks)
                    if (r.impact == impact && r.threat_level * r.vulnerability == likelihood) ids.push_back(r.id);
                const int score = impact * likelihood;
                const RiskLevel level = reg_.cutoffs.level_of(score);
                counts.push_back(ids.size());
                classes.push_back(level_class(level));
                if (ids.size() > kHeatCellIds) ids.resize(kHeatCellIds), ids.emplace_back("…");
                notes.push_back(mw("html.heat.cell", {std::to_string(score), level_name(level), list_or_none(ids)}));
            }
            spec.counts.push_back(std::move(counts));
            spec.cell_class.push_back(std::move(classes));
            spec.cell_note.push_back(std::move(notes));
        }
        return chart_figure(m("html.heat.caption"), svg_heat_map(spec), m("html.heat.note"));
    }

    ExposureChartWords chart_words() const { return exposure_chart_words(lang_); }

    void charts(std::ostream& out) const {
        out << section("charts", "html.charts") << "<div class=\"charts\">\n" << heat_map();
        const ExposureChartWords w = chart_words();
        if (!scan_.inputs.empty()) out << jurisdiction_chart(scan_, w) << operator_chart(scan_, w) << asset_chart(scan_, w);
        if (has_timed_findings(scan_)) out << timeline_chart(scan_, w);
        out << "</div>\n";
        if (scan_.inputs.empty()) out << caption("html.no_traffic");
        else if (!has_timed_findings(scan_)) out << caption("html.no_history");
        out << "</section>\n";
    }

    // --- 1. risk-assessment report -------------------------------------------------------------

    void report(std::ostream& out) const {
        out << section("report", "doc.report");
        register_table(out);
        threats(out);
        assets(out);
        exceptions(out);
        out << "</section>\n";
    }

    // Everything behind one risk's number, in a <details> the print handler opens.
    std::string derivation_html(const RiskEntry& r) const {
        std::string items = "<li>" +
                            html_text(mw("risk.level_line", {level_name(r.level), std::to_string(r.score),
                                                             risk_level_wording(r.level).in(lang_)})) +
                            "</li>";
        items += "<li>" + html_text(inherent_residual(r)) + "</li>";
        for (const ExceptionRef& x : r.accepted_by)
            items += "<li><strong>" +
                     html_text(mw("risk.accepted", {x.id, x.owner, x.expires.to_string(), x.justification,
                                                    std::to_string(r.score), level_name(r.level)})) +
                     "</strong></li>";
        for (const ExceptionRef& x : r.expired_exceptions)
            items += "<li class=\"flag\"><strong>" + html_text(mw("risk.expired", {x.id, x.owner, x.expires.to_string()})) +
                     "</strong></li>";
        items += "<li>" + h("risk.derivation") + "<ol>";
        for (const RiskReason& reason : r.derivation) items += "<li>" + html_text(render_reason(reason, lang_)) + "</li>";
        items += "</ol></li>";
        if (!r.findings.empty()) {
            items += "<li>" + h("risk.findings") + "<ul>";
            for (const RiskFindingRef& f : r.findings) {
                std::string line = f.rule + ": " + f.text.in(lang_);
                if (!f.suppressed_by.empty()) line += " (" + mw("risk.suppressed_by", {f.suppressed_by}) + ")";
                items += "<li>" + html_text(line) + "</li>";
            }
            items += "</ul></li>";
        }
        items += "<li>" + h("risk.measures") + " " + ids_html(r.measure_ids) + "</li>";
        const std::string formula = mw("risk.formula", {std::to_string(r.impact), r.impact_aspects, std::to_string(r.threat_level),
                                                        std::to_string(r.vulnerability), std::to_string(r.score)});
        return fmt::format("<details><summary class=\"formula\">{}</summary><ul>{}</ul></details>", html_text(formula), items);
    }

    std::string inherent_residual(const RiskEntry& r) const {
        return mw("risk.inherent_residual", {std::to_string(r.inherent_score), level_name(r.inherent_level),
                                             std::to_string(r.score), level_name(r.level)});
    }

    // The residual level's badge, and the inherent value under it when decisions lowered it.
    HtmlCell residual_level_cell(const RiskEntry& r) const {
        if (r.inherent_score == r.score) return level_cell(r.level);
        return HtmlCell::markup(fmt::format("{}<br><span class=\"muted\">{}: {} ({})</span>", badge(r.level), h("col.inherent"),
                                            r.inherent_score, html_text(level_name(r.inherent_level))),
                                std::to_string(static_cast<int>(r.level)));
    }

    std::string status_html(const RiskEntry& r) const {
        std::string html = html_text(render_risk_status(r.status, lang_));
        if (r.status == RiskStatus::accepted) {
            std::vector<std::string> ids;
            for (const ExceptionRef& x : r.accepted_by) ids.push_back(x.id);
            html = fmt::format("<span class=\"badge accepted\">{}</span> <span class=\"muted\">{}</span>", html,
                               html_text(joined(ids)));
        }
        if (!r.expired_exceptions.empty())
            html += fmt::format("<br><span class=\"badge expired\">{}</span>", h("html.expired_flag"));
        return html;
    }

    void register_table(std::ostream& out) const {
        out << "<h3 id=\"register\">" << h("register") << "</h3>\n" << caption("html.filter_hint");
        // Widths (percent) fit the eleven columns on portrait A4 with the derivation readable.
        HtmlTable t("risk-register",
                    {col("col.id", ColumnKind::text, 5), col("col.asset", ColumnKind::text, 14),
                     col("col.threat", ColumnKind::text, 13), col("col.impact", ColumnKind::number, 5),
                     narrow_col("col.threat_level", ColumnKind::number, 5),
                     narrow_col("col.vulnerability", ColumnKind::number, 7),
                     narrow_col("col.likelihood", ColumnKind::number, 8), col("col.score", ColumnKind::number, 5),
                     col("col.level", ColumnKind::number, 7), col("col.status", ColumnKind::text, 8),
                     col("col.derivation", ColumnKind::text, 23)},
                    table_text());
        for (const RiskEntry& r : reg_.risks) {
            const int likelihood = r.threat_level * r.vulnerability;
            const std::string asset = r.asset_name.empty() ? r.asset_id : r.asset_name;
            t.add_row({HtmlCell::text(r.id, "mono id"),
                       HtmlCell::markup(fmt::format("{}<br><span class=\"muted mono id\">{}</span>", html_text(asset),
                                                    html_text(r.asset_id)),
                                        asset, "wrap"),
                       HtmlCell::markup(fmt::format("{}<br><span class=\"muted mono id\">{}</span>",
                                                    html_text(r.threat_name.in(lang_)), html_text(r.threat_id)),
                                        r.threat_id),
                       HtmlCell::number(static_cast<uint64_t>(r.impact)),
                       HtmlCell::number(static_cast<uint64_t>(r.threat_level)),
                       HtmlCell::number(static_cast<uint64_t>(r.vulnerability)),
                       HtmlCell::number(static_cast<uint64_t>(likelihood)),
                       HtmlCell::number(static_cast<uint64_t>(r.score)),
                       residual_level_cell(r),
                       HtmlCell::markup(status_html(r), risk_status_code(r.status)),
                       HtmlCell::markup(derivation_html(r), std::to_string(r.derivation.size()), "evidence")},
                      r.status == RiskStatus::accepted ? "suppressed" : !r.expired_exceptions.empty() ? "expired" : "");
        }
        t.write(out, true, m("register.empty"));
    }

    void threats(std::ostream& out) const {
        out << "<h3 id=\"threats\">" << h("threats") << "</h3>\n";
        HtmlTable t("threats-table", {col("col.id"), col("col.threat"), col("col.threat_level", ColumnKind::number),
                                      col("col.issued", ColumnKind::date), col("col.citation"),
                                      col("col.risks", ColumnKind::number)},
                    table_text());
        for (const AppliedThreat& a : reg_.threats) {
            std::string level = html_text(render_scale(a.level, lang_));
            if (!a.level_defined_at.empty()) level += " <span class=\"muted\">(" + html_text(a.level_defined_at) + ")</span>";
            t.add_row({HtmlCell::text(a.entry.id, "mono id"), HtmlCell::text(a.entry.name.in(lang_), "wrap"),
                       HtmlCell::markup(level, std::to_string(a.level)),
                       HtmlCell::markup(html_text(a.entry.issued), a.entry.issued),
                       HtmlCell::text(a.entry.citation + " — " + cited_sources(a.entry.source, lang_), "wrap"),
                       HtmlCell::number(a.risks)});
        }
        t.write(out, false);
    }

    void assets(std::ostream& out) const {
        out << "<h3 id=\"assets\">" << h("assets") << "</h3>\n";
        HtmlTable t("assets-table",
                    {col("col.id", ColumnKind::text, 15), col("col.asset", ColumnKind::text, 14),
                     col("col.category", ColumnKind::text, 10), col("col.owner", ColumnKind::text, 12),
                     col("col.location", ColumnKind::text, 9), col("col.c", ColumnKind::number, 4),
                     col("col.i", ColumnKind::number, 4), col("col.a", ColumnKind::number, 4),
                     col("col.basis", ColumnKind::text, 14), col("col.risks", ColumnKind::text, 14)},
                    table_text());
        for (const ValuedAsset& a : reg_.assets) {
            const std::string basis = asset_value_basis(a, lang_);
            t.add_row({HtmlCell::text(a.id, "mono id"), HtmlCell::text(a.name, "wrap"), HtmlCell::text(category_name(a.category, lang_)),
                       HtmlCell::text(or_to_be_decided(a.owner, lang_), "wrap"), HtmlCell::text(a.location, "wrap"),
                       HtmlCell::number(static_cast<uint64_t>(a.c.value)), HtmlCell::number(static_cast<uint64_t>(a.i.value)),
                       HtmlCell::number(static_cast<uint64_t>(a.a.value)), HtmlCell::text(basis),
                       ids_cell(a.risk_ids)});
        }
        t.write(out, true, m("none"));
    }

    void exceptions(std::ostream& out) const {
        if (reg_.exceptions.empty()) return;
        out << "<h3 id=\"exceptions\">" << h("exceptions") << "</h3>\n";
        HtmlTable t("exceptions-table",
                    {col("col.id", ColumnKind::text, 10), col("col.status", ColumnKind::text, 9),
                     col("col.exception_owner", ColumnKind::text, 14), col("col.expires", ColumnKind::date, 9),
                     col("col.justification", ColumnKind::text, 26), col("col.defined_at", ColumnKind::text, 12),
                     col("col.risks", ColumnKind::text, 8), col("col.residual", ColumnKind::text, 12)},
                    table_text());
        for (const ExceptionStatus& e : reg_.exceptions) {
            const std::string status = m(e.expired ? "exception.expired" : "exception.valid");
            // Each risk whose findings it covers, inherent -> residual score and level: never "none"
            // while it covers something.
            std::vector<std::string> residual;
            for (const std::string& id : e.risk_ids)
                if (const RiskEntry* r = reg_.risk(id))
                    residual.push_back(fmt::format("{}: {} ({}) → {} ({})", id, r->inherent_score, level_name(r->inherent_level),
                                                   r->score, level_name(r->level)));
            t.add_row({HtmlCell::text(e.ref.id, "mono id"),
                       HtmlCell::markup(e.expired ? fmt::format("<span class=\"badge expired\">{}</span>", html_text(status))
                                                  : html_text(status),
                                        status),
                       HtmlCell::text(e.ref.owner, "wrap"),
                       HtmlCell::markup(html_text(e.ref.expires.to_string()), e.ref.expires.to_string()),
                       HtmlCell::text(e.ref.justification, "wrap"), HtmlCell::text(e.ref.defined_at, "wrap"),
                       ids_cell(e.risk_ids), HtmlCell::text(list_or_none(residual))},
                      e.expired ? "expired" : "");
        }
        t.write(out, false);
    }

    // --- 2. statement of applicability ---------------------------------------------------------

    void applicability(std::ostream& out) const {
        out << section("soa", "doc.soa");
        HtmlTable t("soa-table",
                    {col("col.id", ColumnKind::text, 15), col("col.measure", ColumnKind::text, 17),
                     narrow_col("col.decree", ColumnKind::text, 10), narrow_col("col.applicable", ColumnKind::text, 8),
                     col("col.evidence", ColumnKind::text, 16),
                     col("col.risks", ColumnKind::text, 10), col("col.status", ColumnKind::text, 14),
                     col("col.note", ColumnKind::text, 18)},
                    table_text());
        for (const ApplicabilityEntry& a : reg_.applicability) {
            std::vector<std::string> triggers;
            for (const std::string& tr : a.triggers) triggers.push_back(render_trigger(tr, lang_));
            std::string note = html_text(a.note);
            if (!a.defined_at.empty()) note += " <span class=\"muted\">(" + html_text(a.defined_at) + ")</span>";
            t.add_row({HtmlCell::text(a.measure_id, "mono id"), HtmlCell::text(a.name.in(lang_), "wrap"),
                       HtmlCell::text(a.decree, "wrap"), HtmlCell::text(m(a.applicable ? "yes" : "no")),
                       HtmlCell::text(list_or_none(triggers), "wrap"),
                       ids_cell(a.risk_ids), HtmlCell::text(render_measure_status(a.status, lang_)),
                       HtmlCell::markup(note, a.note, "wrap")},
                      a.applicable ? "" : "suppressed");
        }
        t.write(out, true, m("none"));
        out << "</section>\n";
    }

    // --- 3. risk-treatment plan: the seven items of § 8 as columns ------------------------------

    void treatment(std::ostream& out) const {
        out << section("plan", "doc.plan");
        HtmlTable t("plan-table",
                    {col("col.id", ColumnKind::text, 5), col("col.measure", ColumnKind::text, 14),
                     col("plan.description", ColumnKind::text, 15), col("plan.goal", ColumnKind::text, 14),
                     col("plan.owner", ColumnKind::text, 9), col("plan.resources", ColumnKind::text, 10),
                     col("plan.deadline", ColumnKind::date, 8), col("plan.links", ColumnKind::text, 12),
                     col("plan.implementation", ColumnKind::text, 13)},
                    table_text());
        for (const TreatmentItem& item : reg_.treatment) {
            std::vector<std::string> reduces;
            for (const std::string& id : item.risk_ids)
                if (const RiskEntry* r = reg_.risk(id)) reduces.push_back(fmt::format("{} ({}, {})", id, r->score, level_name(r->level)));
            const std::string owner =
                item.owner.empty() ? m("to_be_decided")
                                   : mw(item.owner_basis == "policy" ? "plan.owner_policy" : "plan.owner_asset", {item.owner});
            std::string deadline = m("to_be_decided"), deadline_key;
            if (item.deadline) {
                deadline_key = item.deadline->to_string();
                deadline = item.deadline_basis == "measure_days" ? mw("plan.deadline_measure", {deadline_key})
                           : item.deadline_basis == "policy"
                               ? mw("plan.deadline_policy", {deadline_key})
                               : mw("plan.deadline_days", {deadline_key, level_name(item.highest)});
            }
            const std::string resources = item.resources_note.empty() ? item.resources.in(lang_) : item.resources_note;
            t.add_row({HtmlCell::text(item.id, "mono id"),
                       HtmlCell::markup(fmt::format("{}<br><span class=\"muted mono id\">{}</span>", html_text(item.name.in(lang_)),
                                                    html_text(item.measure_id)),
                                        item.name.in(lang_), "wrap"),
                       HtmlCell::text(item.description.in(lang_), "wrap"),
                       HtmlCell::text(item.goal.in(lang_) + " " + mw("plan.reduces", {joined(reduces)}), "wrap"),
                       HtmlCell::text(owner, "wrap"), HtmlCell::text(resources, "wrap"),
                       HtmlCell::markup(html_text(deadline), deadline_key, "date"),
                       HtmlCell::markup(ids_html(item.risk_ids) + " ↔ " + fmt::format("<span class=\"id\">{}</span>", html_text(item.measure_id)),
                                        list_or_none(item.risk_ids), "wrap"),
                       HtmlCell::text(item.implementation.in(lang_), "wrap")});
        }
        t.write(out, true, m("plan.empty"));
        out << "</section>\n";
    }

    // --- 4. register of suppliers (§ 9) ---------------------------------------------------------

    void suppliers(std::ostream& out) const {
        out << section("suppliers", "doc.suppliers") << caption("suppliers.note");
        HtmlTable t("suppliers-table",
                    {col("col.supplier", ColumnKind::text, 16), col("col.roles", ColumnKind::text, 10),
                     col("col.jurisdiction", ColumnKind::text, 7), col("col.high_risk", ColumnKind::text, 7),
                     col("col.significant", ColumnKind::text, 14), col("col.asset", ColumnKind::text, 15),
                     col("col.dependency", ColumnKind::text, 12), col("col.findings", ColumnKind::number, 6),
                     col("col.designations", ColumnKind::text, 16), col("col.risks", ColumnKind::text, 14),
                     col("col.supplier_record", ColumnKind::text, 16)},
                    table_text());
        for (const SupplierEntry& s : reg_.suppliers)
            t.add_row({HtmlCell::text(s.name, "wrap"), HtmlCell::text(render_supplier_roles(s, lang_), "wrap"),
                       HtmlCell::text(s.jurisdiction),
                       HtmlCell::markup(s.high_risk ? fmt::format("<strong class=\"hl\">{}</strong>", h("yes")) : h("no"),
                                        s.high_risk ? "1" : "0"),
                       HtmlCell::text(render_significance(s, lang_), "wrap"),
                       HtmlCell::text(render_supplier_dependants(s, lang_), "wrap"),
                       HtmlCell::text(list_or_none(basis_names(s.basis, lang_)), "wrap"),
                       HtmlCell::number(s.findings), HtmlCell::text(list_or_none(s.designations_in(lang_)), "wrap"),
                       ids_cell(s.risk_ids),
                       HtmlCell::text(render_supplier_record(s, lang_), "wrap")},
                      s.high_risk ? "high-risk-vendor" : "");
        t.write(out, true, m("none"));
        counterpart_operators(out);
        out << "</section>\n";
    }

    // Beside the suppliers, apart from them: the networks the findings' counterparts belong to.
    void counterpart_operators(std::ostream& out) const {
        out << section("counterpart-operators", "doc.counterparts", 3) << caption("counterparts.note");
        HtmlTable t("counterparts-table",
                    {col("col.operator", ColumnKind::text, 16), col("col.role", ColumnKind::text, 10),
                     col("col.jurisdiction", ColumnKind::text, 7), col("col.high_risk", ColumnKind::text, 7),
                     col("col.counterparts", ColumnKind::text, 18), col("col.asset", ColumnKind::text, 15),
                     col("col.rules", ColumnKind::text, 8), col("col.findings", ColumnKind::number, 6),
                     col("col.risks", ColumnKind::text, 12)},
                    table_text());
        for (const CounterpartOperator& c : reg_.counterpart_operators)
            t.add_row({HtmlCell::text(c.name, "wrap"), HtmlCell::text(render_counterpart_roles(c, lang_), "wrap"),
                       HtmlCell::text(c.jurisdiction),
                       HtmlCell::markup(c.high_risk ? fmt::format("<strong class=\"hl\">{}</strong>", h("yes")) : h("no"),
                                        c.high_risk ? "1" : "0"),
                       HtmlCell::text(list_or_none(c.counterparts), "wrap"), HtmlCell::text(list_or_none(c.asset_ids), "wrap"),
                       HtmlCell::text(list_or_none(c.rules), "wrap"), HtmlCell::number(c.findings),
                       HtmlCell::text(list_or_none(c.risk_ids), "wrap")});
        t.write(out, true, m("none"));
        out << "</section>\n";
    }

    void problems(std::ostream& out) const {
        if (reg_.problems.empty() && scan_.problems.empty()) return;
        out << section("problems", "problems") << "<ul>";
        for (const std::string& p : reg_.problems) out << "<li>" << html_text(p) << "</li>";
        for (const InputProblem& p : scan_.problems)
            out << fmt::format("<li>{}{}{}</li>", html_wire_text(p.input), p.input.empty() ? "" : ": ", html_text(p.message));
        out << "</ul>\n</section>\n";
    }

    const RiskRegister& reg_;
    const ScanReport& scan_;
    RiskLang lang_;
    FrameText frame_;
};

}  // namespace

void write_risk_html(const RiskRegister& reg, const ScanReport& scan, RiskLang lang, std::ostream& out) {
    RiskHtmlWriter(reg, scan, lang).write(out);
}

}  // namespace sovscan
