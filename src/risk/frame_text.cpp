#include "risk/frame_text.h"

#include "report/report_words.h"

#include <fmt/format.h>

#include <ctime>

#include "risk/messages.h"
#include "risk/scale.h"
#include "risk/vulnerability.h"

namespace sovscan {

namespace {

// Hours with the decimal mark of the language; two decimals below ten hours, so that a one-minute
// capture reads 0,02 h and not 0,0 h.
std::string decimal(double v, RiskLang lang) {
    std::string s = v < 10 ? fmt::format("{:.2f}", v) : fmt::format("{:.1f}", v);
    if (lang == RiskLang::cs)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

class FrameTextBuilder {
public:
    FrameTextBuilder(const RiskRegister& reg, RiskLang lang) : reg_(reg), f_(reg.frame), lang_(lang) {}

    FrameText build() {
        FrameText t;
        header(t);
        legal(t);
        warnings(t);
        primary(t);
        appendix(t);
        return t;
    }

private:
    std::string m(std::string_view key) const { return risk_msg(key, lang_); }
    std::string mw(std::string_view key, const std::vector<std::string>& args) const {
        return risk_msg_with(key, lang_, args);
    }

    void header(FrameText& t) const {
        const DocumentInfo& d = f_.document;
        t.header_title = m("frame.header");
        auto add = [&](std::string_view key, const std::string& value) {
            t.header.emplace_back(m(key), or_to_be_decided(value, lang_));
        };
        add("frame.organisation", d.organisation);
        add("frame.scope", d.scope);
        add("frame.author", d.author);
        add("frame.approver", d.approver);
        add("frame.version", d.version);
        t.header.emplace_back(m("frame.date"), f_.document_date.to_string());
        add("frame.classification", d.classification);
        t.header.emplace_back(m("assessed_on"), reg_.assessed_on.to_string());
        t.header.emplace_back(m("frame.period"), f_.has_traffic ? mw("frame.period_value", {frame_time(f_.first_ns),
                                                                                            frame_time(f_.last_ns),
                                                                                            decimal(f_.hours, lang_)})
                                                                 : m("frame.period_none"));
        if (!f_.inputs.empty()) t.header.emplace_back(m("frame.inputs"), fmt::format("{}", fmt::join(f_.inputs, "; ")));
        std::vector<std::string> versions;
        for (const KnowledgeVersion& k : f_.knowledge) versions.push_back(fmt::format("{} {}", k.name, k.version));
        t.header.emplace_back(m("frame.knowledge"), versions.empty() ? m("none") : fmt::format("{}", fmt::join(versions, "; ")));
    }

    void legal(FrameText& t) const {
        t.legal_title = m("frame.legal");
        t.legal_basis.push_back(m("legal.act"));
        t.legal_basis.push_back(m("legal.decree"));
        // The warnings cited as the catalog cites them (data/threats.csv): never a reference the
        // catalog does not carry.
        for (const AppliedThreat& a : reg_.threats)
            t.legal_basis.push_back(mw("legal.threat", {a.entry.citation, a.entry.issued, cited_sources(a.entry.source, lang_)}));
    }

    void warnings(FrameText& t) const {
        if (!f_.has_traffic) t.warnings.push_back(mw("frame.warn_none", {std::to_string(f_.thresholds.min_hours)}));
        else if (f_.evidence_short)
            t.warnings.push_back(mw("frame.warn_short", {decimal(f_.hours, lang_), std::to_string(f_.thresholds.min_hours)}));
        if (f_.evidence_old)
            t.warnings.push_back(mw("frame.warn_old", {std::to_string(f_.age_days), std::to_string(f_.thresholds.max_age_days)}));
    }

    void primary(FrameText& t) const {
        t.primary_title = m("primary.title");
        t.primary_notes.push_back(m("primary.rule"));
        if (reg_.primary_assets.empty()) t.primary_notes.push_back(m("primary.none"));
        t.primary_assets.head = {m("col.id"), m("col.asset"), m("col.c"), m("col.i"), m("col.a"), m("col.supporting"),
                                 m("col.basis")};
        for (const PrimaryAssetEntry& p : reg_.primary_assets) {
            auto value = [&](int v) { return p.valued ? std::to_string(v) : m("primary.not_valued"); };
            t.primary_assets.rows.push_back(
                {p.id, p.name, value(p.c), value(p.i), value(p.a),
                 p.supporting_ids.empty() ? m("none") : fmt::format("{}", fmt::join(p.supporting_ids, ", ")),
                 // Where in the policy: the JSON's defined_at (locations are stored readable already and
                 // would be escaped twice here, where every string is raw).
                 m(p.basis == "policy" ? "primary.basis_policy" : p.basis == "inventory" ? "primary.basis_inventory"
                                                                                           : "primary.basis_both")});
        }
    }

    void appendix(FrameText& t) const {
        t.appendix_title = m("appendix.title");
        TextSection formula{m("appendix.formula"), {m("appendix.formula_text"), m("appendix.impact_text")}, {}};
        t.appendix.push_back(std::move(formula));

        TextSection scales{m("appendix.scales"), {m("appendix.scales_text")}, {}};
        scales.table.head = {m("col.level"), m("appendix.col.asset"), m("appendix.col.threat"), m("appendix.col.vulnerability")};
        for (int l = 1; l <= 4; ++l)
            scales.table.rows.push_back({render_scale(l, lang_), m(fmt::format("scale.asset.{}", l)),
                                         m(fmt::format("scale.threat.{}", l)), m(fmt::format("scale.vulnerability.{}", l))});
        t.appendix.push_back(std::move(scales));

        TextSection cutoffs{m("cutoffs"), {m("appendix.cutoffs_text")}, {}};
        cutoffs.table.head = {m("col.level"), m("col.scores"), m("col.meaning")};
        const int from[] = {1, reg_.cutoffs.medium, reg_.cutoffs.high, reg_.cutoffs.critical, 65};
        for (int l = 1; l <= 4; ++l) {
            const auto level = static_cast<RiskLevel>(l);
            cutoffs.table.rows.push_back({risk_level_name(level).in(lang_), fmt::format("{}–{}", from[l - 1], from[l] - 1),
                                          risk_level_wording(level).in(lang_)});
        }
        t.appendix.push_back(std::move(cutoffs));

        TextSection threats{m("appendix.threats"), {m("appendix.threats_text")}, {}};
        threats.table.head = {m("col.id"), m("appendix.col.aspects"), m("col.threat_level"), m("appendix.col.level_source")};
        for (const AppliedThreat& a : reg_.threats) {
            std::string aspects = std::string(a.entry.c ? "C" : "") + (a.entry.i ? "I" : "") + (a.entry.a ? "A" : "");
            threats.table.rows.push_back({a.entry.id, aspects, render_scale(a.level, lang_),
                                          m(a.level_defined_at.empty() ? "appendix.level_catalog" : "appendix.level_policy")});
        }
        t.appendix.push_back(std::move(threats));

        TextSection vulnerability{m("appendix.vulnerability"), {}, {}};
        for (const char* key : {"appendix.vuln.base", "appendix.vuln.outbound", "appendix.vuln.volume", "appendix.vuln.inbound",
                                "appendix.vuln.admin_port", "appendix.vuln.no_exception", "appendix.vuln.cap",
                                "appendix.vuln.device_only", "appendix.vuln.local_model"})
            vulnerability.paragraphs.push_back(
                mw(key, {risk_bytes_text(reg_.volume_bytes), std::to_string(reg_.volume_bytes)}));
        t.appendix.push_back(std::move(vulnerability));

        t.appendix.push_back(TextSection{m("appendix.values"), {m("appendix.values_text"), m("primary.rule")}, {}});

        TextSection deadlines{m("appendix.deadlines"), {m("appendix.deadlines_text")}, {}};
        deadlines.table.head = {m("col.level"), m("appendix.col.days")};
        for (int l = 4; l >= 1; --l) {
            const auto level = static_cast<RiskLevel>(l);
            auto it = f_.deadline_days.find(level);
            deadlines.table.rows.push_back({risk_level_name(level).in(lang_),
                                            it == f_.deadline_days.end() ? m("to_be_decided") : std::to_string(it->second)});
        }
        t.appendix.push_back(std::move(deadlines));

        t.appendix.push_back(TextSection{
            m("appendix.evidence"),
            {mw("appendix.evidence_text", {std::to_string(f_.thresholds.min_hours), std::to_string(f_.thresholds.max_age_days)})},
            {}});
    }

    const RiskRegister& reg_;
    const RegisterFrame& f_;
    RiskLang lang_;
};

}  // namespace

std::string frame_time(int64_t ns) {
    const std::time_t secs = static_cast<std::time_t>(ns / 1000000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec);
}

std::string asset_value_basis(const ValuedAsset& a, RiskLang lang) {
    const bool all = a.c.from_inventory && a.i.from_inventory && a.a.from_inventory;
    const bool none = !a.c.from_inventory && !a.i.from_inventory && !a.a.from_inventory;
    std::string basis = all ? risk_msg("basis.inventory", lang)
                            : risk_msg_with(none ? (a.default_from_policy ? "basis.policy" : "basis.default") : "basis.mixed",
                                            lang, {category_name(a.default_row, lang)});
    std::vector<std::string> raised;
    for (const auto& [name, v] : {std::pair{"C", &a.c}, std::pair{"I", &a.i}, std::pair{"A", &a.a}})
        if (!v->inherited_from.empty()) raised.push_back(fmt::format("{} {} ({})", name, v->value, v->inherited_from));
    if (!raised.empty()) basis += "; " + risk_msg_with("basis.inherited", lang, {fmt::format("{}", fmt::join(raised, ", "))});
    return basis;
}

FrameText frame_text(const RiskRegister& reg, RiskLang lang) { return FrameTextBuilder(reg, lang).build(); }

}  // namespace sovscan
