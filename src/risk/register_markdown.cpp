#include "risk/register_markdown.h"

#include <fmt/format.h>

#include <map>

#include "report/report_words.h"
#include "risk/frame_text.h"
#include "common/escape.h"
#include "risk/messages.h"
#include "risk/supplier_words.h"
#include "report/utf8_text.h"

namespace sovscan {

namespace {

std::string md(std::string_view raw) { return markdown_text(raw); }

std::string md_list(const std::vector<std::string>& items, RiskLang lang) {
    if (items.empty()) return md(risk_msg("none", lang));
    std::vector<std::string> escaped;
    for (const std::string& s : items) escaped.push_back(md(s));
    return fmt::format("{}", fmt::join(escaped, ", "));
}

class MarkdownWriter {
public:
    MarkdownWriter(const RiskRegister& reg, RiskLang lang, std::ostream& out)
        : reg_(reg), lang_(lang), out_(out), frame_(frame_text(reg, lang)) {}

    void write() {
        header();
        frame();
        changes();
        report();
        primary_assets();
        applicability();
        treatment();
        suppliers();
        appendix();
        problems();
    }

private:
    std::string m(std::string_view key) const { return md(risk_msg(key, lang_)); }
    std::string mw(std::string_view key, const std::vector<std::string>& args) const {
        return md(risk_msg_with(key, lang_, args));
    }
    void row(const std::vector<std::string>& cells) { out_ << "| " << fmt::format("{}", fmt::join(cells, " | ")) << " |\n"; }
    void table_head(const std::vector<std::string>& keys) {
        std::vector<std::string> cells, rule;
        for (const std::string& k : keys) {
            cells.push_back(m(k));
            rule.emplace_back("---");
        }
        row(cells);
        row(rule);
    }
    std::string level_text(RiskLevel l) const { return md(risk_level_name(l).in(lang_)); }
    std::string inherent_residual(const RiskEntry& r) const {
        return mw("risk.inherent_residual", {std::to_string(r.inherent_score), risk_level_name(r.inherent_level).in(lang_),
                                             std::to_string(r.score), risk_level_name(r.level).in(lang_)});
    }

    void header() {
        out_ << "# " << m("title") << "\n\n";
        out_ << "- " << m("assessed_on") << ": " << reg_.assessed_on.to_string() << "\n";
        out_ << "- " << m("policy") << ": "
             << (reg_.policy_file.empty() ? m("policy.none")
                                          : fmt::format("{} (sha256 {})", md(reg_.policy_file), md(reg_.policy_sha256)))
             << "\n\n";
        out_ << m("method") << "\n\n";
        out_ << "### " << m("cutoffs") << "\n\n";
        table_head({"col.level", "col.scores", "col.meaning"});
        const int from[] = {1, reg_.cutoffs.medium, reg_.cutoffs.high, reg_.cutoffs.critical, 65};
        for (int l = 1; l <= 4; ++l) {
            const auto level = static_cast<RiskLevel>(l);
            row({level_text(level), fmt::format("{}–{}", from[l - 1], from[l] - 1), md(risk_level_wording(level).in(lang_))});
        }
        out_ << "\n";
    }

    // --- the decree's frame (issue 15) ---
    void text_table(const TextTable& table) {
        std::vector<std::string> cells, rule;
        for (const std::string& head : table.head) {
            cells.push_back(md(head));
            rule.emplace_back("---");
        }
        row(cells);
        row(rule);
        for (const auto& r : table.rows) {
            std::vector<std::string> escaped;
            for (const std::string& c : r) escaped.push_back(md(c));
            row(escaped);
        }
        out_ << "\n";
    }

    void frame() {
        out_ << "## " << md(frame_.header_title) << "\n\n";
        for (const auto& [label, value] : frame_.header) out_ << "- " << md(label) << ": " << md(value) << "\n";
        out_ << "\n";
        for (const std::string& w : frame_.warnings) out_ << "**" << md(w) << "**\n\n";
        out_ << "### " << md(frame_.legal_title) << "\n\n";
        for (const std::string& l : frame_.legal_basis) out_ << "- " << md(l) << "\n";
        out_ << "\n";
    }

    void primary_assets() {
        out_ << "### " << md(frame_.primary_title) << "\n\n";
        for (const std::string& p : frame_.primary_notes) out_ << md(p) << "\n\n";
        if (!frame_.primary_assets.rows.empty()) text_table(frame_.primary_assets);
    }

    void appendix() {
        out_ << "## " << md(frame_.appendix_title) << "\n\n";
        for (const TextSection& s : frame_.appendix) {
            out_ << "### " << md(s.title) << "\n\n";
            for (const std::string& p : s.paragraphs) out_ << md(p) << "\n\n";
            if (!s.table.head.empty()) text_table(s.table);
        }
    }

    void report() {
        out_ << "## " << m("doc.report") << "\n\n### " << m("threats") << "\n\n";
        table_head({"col.id", "col.threat", "col.threat_level", "col.issued", "col.citation", "col.risks"});
        for (const AppliedThreat& t : reg_.threats) {
            std::string level = md(render_scale(t.level, lang_));
            if (!t.level_defined_at.empty()) level += fmt::format(" ({})", markdown_readable(t.level_defined_at));
            row({md(t.entry.id), md(t.entry.name.in(lang_)), level, md(t.entry.issued),
                 md(t.entry.citation) + " — " + md(cited_sources(t.entry.source, lang_)), std::to_string(t.risks)});
        }
        out_ << "\n### " << m("assets") << "\n\n";
        table_head({"col.id", "col.asset", "col.category", "col.owner", "col.c", "col.i", "col.a", "col.basis", "col.risks"});
        for (const ValuedAsset& a : reg_.assets) {
            std::string basis = md(asset_value_basis(a, lang_));
            row({md(a.id), md(a.name), md(category_name(a.category, lang_)), md(or_to_be_decided(a.owner, lang_)), std::to_string(a.c.value),
                 std::to_string(a.i.value), std::to_string(a.a.value), basis, md_list(a.risk_ids, lang_)});
        }
        out_ << "\n### " << m("register") << "\n\n";
        if (reg_.risks.empty()) out_ << m("register.empty") << "\n\n";
        else {
            table_head({"col.id", "col.asset", "col.threat", "col.impact", "col.threat_level", "col.vulnerability", "col.score",
                        "col.level", "col.status", "col.inherent"});
            for (const RiskEntry& r : reg_.risks)
                row({r.id, md(r.asset_name.empty() ? r.asset_id : r.asset_name), md(r.threat_id), std::to_string(r.impact),
                     std::to_string(r.threat_level), std::to_string(r.vulnerability), std::to_string(r.score),
                     level_text(r.level), md(render_risk_status(r.status, lang_)),
                     fmt::format("{} ({})", r.inherent_score, level_text(r.inherent_level))});
            out_ << "\n### " << m("details") << "\n\n";
            for (const RiskEntry& r : reg_.risks) risk_detail(r);
        }
        exceptions();
    }

    void risk_detail(const RiskEntry& r) {
        out_ << "#### " << r.id << ": " << md(r.asset_name.empty() ? r.asset_id : r.asset_name) << " — "
             << md(r.threat_name.in(lang_)) << "\n\n";
        out_ << "- " << mw("risk.formula", {std::to_string(r.impact), r.impact_aspects, std::to_string(r.threat_level),
                                            std::to_string(r.vulnerability), std::to_string(r.score)})
             << "\n";
        out_ << "- " << mw("risk.level_line", {risk_level_name(r.level).in(lang_), std::to_string(r.score),
                                               risk_level_wording(r.level).in(lang_)})
             << "\n";
        out_ << "- " << inherent_residual(r) << "\n";
        for (const ExceptionRef& x : r.accepted_by)
            out_ << "- " << mw("risk.accepted", {x.id, x.owner, x.expires.to_string(), x.justification, std::to_string(r.score),
                                                 risk_level_name(r.level).in(lang_)})
                 << "\n";
        for (const ExceptionRef& x : r.expired_exceptions)
            out_ << "- **" << mw("risk.expired", {x.id, x.owner, x.expires.to_string()}) << "**\n";
        out_ << "- " << m("risk.derivation") << "\n";
        for (const RiskReason& reason : r.derivation) out_ << "  - " << md(render_reason(reason, lang_)) << "\n";
        if (!r.findings.empty()) {
            out_ << "- " << m("risk.findings") << "\n";
            for (const RiskFindingRef& f : r.findings) {
                out_ << "  - " << md(f.rule) << ": " << markdown_readable(f.text.in(lang_));  // readable when the finding was made
                if (!f.suppressed_by.empty()) out_ << " (" << mw("risk.suppressed_by", {f.suppressed_by}) << ")";
                out_ << "\n";
            }
        }
        out_ << "- " << m("risk.measures") << " " << md_list(r.measure_ids, lang_) << "\n\n";
    }

    // Changes since the previous register (`--previous`); its strings were escaped when written.
    void changes() {
        if (!reg_.changes) return;
        const RegisterChanges& c = *reg_.changes;
        out_ << "## " << m("changes.title") << "\n\n"
             << md(risk_msg_with("changes.previous", lang_, {readable_again(c.previous_assessed_on), c.previous_file}))
             << "\n\n### " << m("changes.risks") << "\n\n";
        auto value = [&](int score, RiskLevel level) {
            return score == 0 ? std::string("—") : fmt::format("{} ({})", score, level_text(level));
        };
        if (c.risks.empty()) out_ << m("changes.no_risks") << "\n\n";
        else {
            table_head({"col.change", "col.id", "col.asset", "col.threat", "col.before", "col.now"});
            for (const RiskChange& x : c.risks)
                row({m("change." + x.change), markdown_readable(x.id),
                     markdown_readable(x.asset_name.empty() ? x.asset_id : x.asset_name), markdown_readable(x.threat_id),
                     value(x.previous_score, x.previous_level), value(x.score, x.level)});
            out_ << "\n";
        }
        out_ << mw("changes.unchanged", {std::to_string(c.unchanged)}) << "\n\n### " << m("changes.suppliers") << "\n\n";
        if (c.suppliers.empty()) out_ << m("changes.no_suppliers") << "\n\n";
        else {
            table_head({"col.change", "col.supplier", "col.supplier_key", "col.kind"});
            for (const SupplierChange& x : c.suppliers)
                row({m("change." + x.change), markdown_readable(x.name), markdown_readable(x.key),
                     md(supplier_kind_text(x.kind, lang_))});
            out_ << "\n";
        }
    }

    void exceptions() {
        if (reg_.exceptions.empty()) return;
        out_ << "### " << m("exceptions") << "\n\n";
        table_head({"col.id", "col.status", "col.owner", "col.expires", "col.justification", "col.defined_at", "col.risks"});
        for (const ExceptionStatus& e : reg_.exceptions) {
            std::string status = m(e.expired ? "exception.expired" : "exception.valid");
            if (e.expired) status = "**" + status + "**";
            row({md(e.ref.id), status, md(e.ref.owner), e.ref.expires.to_string(), md(e.ref.justification),
                 markdown_readable(e.ref.defined_at), md_list(e.risk_ids, lang_)});
        }
        out_ << "\n";
    }

    void applicability() {
        out_ << "## " << m("doc.soa") << "\n\n";
        table_head({"col.id", "col.measure", "col.decree", "col.applicable", "col.evidence", "col.risks", "col.status",
                    "col.note"});
        for (const ApplicabilityEntry& a : reg_.applicability) {
            std::vector<std::string> triggers;
            for (const std::string& t : a.triggers) triggers.push_back(render_trigger(t, lang_));
            std::string note = md(a.note);
            if (!a.defined_at.empty()) note += fmt::format(" ({})", markdown_readable(a.defined_at));
            row({md(a.measure_id), md(a.name.in(lang_)), md(a.decree), m(a.applicable ? "yes" : "no"), md_list(triggers, lang_),
                 md_list(a.risk_ids, lang_), md(render_measure_status(a.status, lang_)), note});
        }
        out_ << "\n";
    }

    void treatment() {
        out_ << "## " << m("doc.plan") << "\n\n";
        if (reg_.treatment.empty()) out_ << m("plan.empty") << "\n\n";
        for (const TreatmentItem& t : reg_.treatment) {
            out_ << "### " << t.id << ": " << md(t.name.in(lang_)) << " (" << md(t.measure_id) << ")\n\n";
            std::vector<std::string> reduces;
            for (const std::string& id : t.risk_ids)
                if (const RiskEntry* r = reg_.risk(id))
                    reduces.push_back(fmt::format("{} ({}, {})", id, r->score, risk_level_name(r->level).in(lang_)));
            std::string owner = t.owner.empty() ? m("to_be_decided")
                                                : mw(t.owner_basis == "policy" ? "plan.owner_policy" : "plan.owner_asset", {t.owner});
            std::string deadline = m("to_be_decided");
            if (t.deadline)
                deadline = t.deadline_basis == "measure_days" ? mw("plan.deadline_measure", {t.deadline->to_string()})
                           : t.deadline_basis == "policy"
                               ? mw("plan.deadline_policy", {t.deadline->to_string()})
                               : mw("plan.deadline_days", {t.deadline->to_string(), risk_level_name(t.highest).in(lang_)});
            std::string resources = md(t.resources.in(lang_));
            if (!t.resources_note.empty()) resources = md(t.resources_note);
            out_ << "1. **" << m("plan.description") << "**: " << md(t.description.in(lang_)) << "\n";
            out_ << "2. **" << m("plan.goal") << "**: " << md(t.goal.in(lang_)) << " "
                 << mw("plan.reduces", {fmt::format("{}", fmt::join(reduces, ", "))}) << "\n";
            out_ << "3. **" << m("plan.owner") << "**: " << owner << "\n";
            out_ << "4. **" << m("plan.resources") << "**: " << resources << "\n";
            out_ << "5. **" << m("plan.deadline") << "**: " << deadline << "\n";
            out_ << "6. **" << m("plan.links") << "**: " << md_list(t.risk_ids, lang_) << " ↔ " << md(t.measure_id) << "\n";
            out_ << "7. **" << m("plan.implementation") << "**: " << md(t.implementation.in(lang_)) << "\n\n";
        }
    }

    void suppliers() {
        out_ << "## " << m("doc.suppliers") << "\n\n" << m("suppliers.note") << "\n\n";
        if (reg_.suppliers.empty()) {
            out_ << m("none") << "\n\n";
        } else {
            table_head({"col.supplier", "col.roles", "col.jurisdiction", "col.high_risk", "col.significant", "col.asset",
                        "col.dependency", "col.findings", "col.designations", "col.risks", "col.supplier_record"});
            for (const SupplierEntry& s : reg_.suppliers)
                row({md(s.name), md(render_supplier_roles(s, lang_)), md(s.jurisdiction), m(s.high_risk ? "yes" : "no"),
                     md(render_significance(s, lang_)), md(render_supplier_dependants(s, lang_)), md_list(s.basis, lang_),
                     std::to_string(s.findings), md_list(s.designations_in(lang_), lang_), md_list(s.risk_ids, lang_),
                     md(render_supplier_record(s, lang_))});
            out_ << "\n";
        }
        counterpart_operators();
    }

    // Beside the suppliers, apart from them: the networks the findings' counterparts belong to.
    void counterpart_operators() {
        out_ << "### " << m("doc.counterparts") << "\n\n" << m("counterparts.note") << "\n\n";
        if (reg_.counterpart_operators.empty()) {
            out_ << m("none") << "\n\n";
            return;
        }
        table_head({"col.operator", "col.role", "col.jurisdiction", "col.high_risk", "col.counterparts", "col.asset",
                    "col.rules", "col.findings", "col.risks"});
        for (const CounterpartOperator& c : reg_.counterpart_operators)
            row({md(c.name), md(render_counterpart_roles(c, lang_)), md(c.jurisdiction), m(c.high_risk ? "yes" : "no"),
                 md_list(c.counterparts, lang_), md_list(c.asset_ids, lang_), md_list(c.rules, lang_),
                 std::to_string(c.findings), md_list(c.risk_ids, lang_)});
        out_ << "\n";
    }

    void problems() {
        if (reg_.problems.empty()) return;
        out_ << "## " << m("problems") << "\n\n";
        for (const std::string& p : reg_.problems) out_ << "- " << markdown_readable(p) << "\n";  // built readable
        out_ << "\n";
    }

    const RiskRegister& reg_;
    RiskLang lang_;
    std::ostream& out_;
    FrameText frame_;
};

}  // namespace

void write_risk_markdown(const RiskRegister& reg, RiskLang lang, std::ostream& out) { MarkdownWriter(reg, lang, out).write(); }

}  // namespace sovscan
