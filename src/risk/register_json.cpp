#include "risk/register_json.h"

#include <nlohmann/json.hpp>

#include "risk/frame_text.h"
#include "risk/messages.h"
#include "common/escape.h"
#include "report/utf8_text.h"

namespace sovscan {

namespace {

using nlohmann::ordered_json;

std::string s(std::string_view raw) { return readable_text(raw); }

ordered_json strings(const std::vector<std::string>& v) {
    ordered_json a = ordered_json::array();
    for (const std::string& x : v) a.push_back(s(x));
    return a;
}

ordered_json exception_json(const ExceptionRef& x) {
    return {{"id", s(x.id)},
            {"owner", s(x.owner)},
            {"expires", x.expires.to_string()},
            {"justification", s(x.justification)},
            {"defined_at", readable_again(x.defined_at)}};  // readable when the policy was read
}

ordered_json exceptions_json(const std::vector<ExceptionRef>& v) {
    ordered_json a = ordered_json::array();
    for (const ExceptionRef& x : v) a.push_back(exception_json(x));
    return a;
}

ordered_json optional_text(const std::string& v) { return v.empty() ? ordered_json(nullptr) : ordered_json(s(v)); }
// A "<policy file>:<line>", made readable when the policy was read.
ordered_json optional_location(const std::string& v) {
    return v.empty() ? ordered_json(nullptr) : ordered_json(readable_again(v));
}

class JsonBuilder {
public:
    JsonBuilder(const RiskRegister& reg, RiskLang lang) : reg_(reg), lang_(lang) {}

    ordered_json build() const {
        ordered_json j;
        j["schema"] = "sovscan-risk";
        j["schema_version"] = RiskRegister::kSchemaVersion;
        j["lang"] = risk_lang_code(lang_);
        j["assessed_on"] = reg_.assessed_on.to_string();
        j["policy"] = reg_.policy_file.empty() ? ordered_json(nullptr)
                                               : ordered_json{{"path", s(reg_.policy_file)}, {"sha256", reg_.policy_sha256}};
        j["method"] = method();
        j["threats"] = threats();
        j["assets"] = assets();
        j["risks"] = risks();
        j["exceptions"] = exceptions();
        j["statement_of_applicability"] = applicability();
        j["treatment_plan"] = treatment();
        j["suppliers"] = suppliers();
        j["document"] = document();
        j["primary_assets"] = primary_assets();
        j["method_appendix"] = appendix();
        j["changes"] = changes();
        j["counterpart_operators"] = counterpart_operators();
        j["problems"] = ordered_json::array();
        for (const std::string& p : reg_.problems) j["problems"].push_back(readable_again(p));  // built readable
        return j;
    }

private:
    ordered_json method() const {
        ordered_json levels = ordered_json::array();
        const int from[] = {1, reg_.cutoffs.medium, reg_.cutoffs.high, reg_.cutoffs.critical, 65};
        for (int l = 1; l <= 4; ++l) {
            const auto level = static_cast<RiskLevel>(l);
            levels.push_back({{"level", risk_level_code(level)},
                              {"name", risk_level_name(level).in(lang_)},
                              {"min_score", from[l - 1]},
                              {"max_score", from[l] - 1},
                              {"meaning", risk_level_wording(level).in(lang_)}});
        }
        return {{"formula", "impact * threat * vulnerability"},
                {"impact", "max of the C, I, A values the threat harms"},
                {"volume_bytes", reg_.volume_bytes},
                {"levels", levels},
                {"text", risk_msg("method", lang_)}};
    }

    // --- the decree's frame (issue 15): docs/risk-schema.md, "schema 2 (issue 15)" ---
    ordered_json document() const {
        const RegisterFrame& f = reg_.frame;
        const DocumentInfo& d = f.document;
        const FrameText text = frame_text(reg_, lang_);
        ordered_json knowledge = ordered_json::array();
        for (const KnowledgeVersion& k : f.knowledge) knowledge.push_back({{"name", s(k.name)}, {"version", s(k.version)}});
        ordered_json evidence = {{"has_traffic", f.has_traffic},
                                 {"first_packet", f.has_traffic ? ordered_json(frame_time(f.first_ns) + "Z") : ordered_json(nullptr)},
                                 {"last_packet", f.has_traffic ? ordered_json(frame_time(f.last_ns) + "Z") : ordered_json(nullptr)},
                                 {"hours", f.hours},
                                 {"age_days", f.has_traffic ? ordered_json(f.age_days) : ordered_json(nullptr)},
                                 {"min_hours", f.thresholds.min_hours},
                                 {"max_age_days", f.thresholds.max_age_days},
                                 {"short", f.evidence_short},
                                 {"old", f.evidence_old},
                                 {"inputs", strings(f.inputs)},
                                 {"warnings", ordered_json::array()}};
        for (const std::string& w : text.warnings) evidence["warnings"].push_back(s(w));
        ordered_json legal = ordered_json::array();
        for (const std::string& l : text.legal_basis) legal.push_back(s(l));
        return {{"organisation", optional_text(d.organisation)},
                {"scope", optional_text(d.scope)},
                {"author", optional_text(d.author)},
                {"approver", optional_text(d.approver)},
                {"version", optional_text(d.version)},
                {"date", f.document_date.to_string()},
                {"classification", optional_text(d.classification)},
                {"defined_at", optional_location(d.defined_at)},
                {"legal_basis", legal},
                {"evidence", evidence},
                {"knowledge", knowledge}};
    }

    ordered_json primary_assets() const {
        ordered_json a = ordered_json::array();
        for (const PrimaryAssetEntry& p : reg_.primary_assets)
            a.push_back({{"id", s(p.id)},
                         {"name", s(p.name)},
                         {"c", p.valued ? ordered_json(p.c) : ordered_json(nullptr)},
                         {"i", p.valued ? ordered_json(p.i) : ordered_json(nullptr)},
                         {"a", p.valued ? ordered_json(p.a) : ordered_json(nullptr)},
                         {"supporting", strings(p.supporting_ids)},
                         {"basis", p.basis},
                         {"defined_at", optional_location(p.defined_at)}});
        return a;
    }

    ordered_json appendix() const {
        const FrameText text = frame_text(reg_, lang_);
        ordered_json sections = ordered_json::array();
        for (const TextSection& section : text.appendix) {
            ordered_json paragraphs = ordered_json::array();
            for (const std::string& p : section.paragraphs) paragraphs.push_back(s(p));
            ordered_json rows = ordered_json::array();
            for (const auto& r : section.table.rows) rows.push_back(strings(r));
            sections.push_back({{"title", s(section.title)},
                                {"paragraphs", paragraphs},
                                {"table", section.table.head.empty() ? ordered_json(nullptr)
                                                                     : ordered_json{{"head", strings(section.table.head)},
                                                                                    {"rows", rows}}}});
        }
        return {{"title", s(text.appendix_title)}, {"sections", sections}};
    }

    ordered_json threats() const {
        ordered_json a = ordered_json::array();
        for (const AppliedThreat& t : reg_.threats) {
            std::string aspects = std::string(t.entry.c ? "C" : "") + (t.entry.i ? "I" : "") + (t.entry.a ? "A" : "");
            a.push_back({{"id", s(t.entry.id)},
                         {"name", s(t.entry.name.in(lang_))},
                         {"level", t.level},
                         {"level_name", scale_level_name(t.level).in(lang_)},
                         {"catalog_level", t.entry.level},
                         {"level_defined_at", optional_location(t.level_defined_at)},
                         {"aspects", aspects},
                         {"jurisdictions", strings(t.entry.jurisdictions)},
                         {"vendor_ids", strings(t.entry.vendor_ids)},
                         {"issued", s(t.entry.issued)},
                         {"issuer", s(t.entry.issuer)},
                         {"citation", s(t.entry.citation)},
                         {"source", s(t.entry.source)},
                         {"risks", t.risks}});
        }
        return a;
    }

    static ordered_json aspect(const AspectValue& v) {
        return {{"value", v.value},
                {"from", v.from_inventory ? "inventory" : "default"},
                {"inherited_from", optional_text(v.inherited_from)}};
    }

    ordered_json assets() const {
        ordered_json a = ordered_json::array();
        for (const ValuedAsset& v : reg_.assets)
            a.push_back({{"id", s(v.id)},
                         {"name", s(v.name)},
                         {"category", s(v.category)},
                         {"owner", optional_text(v.owner)},
                         {"location", optional_text(v.location)},
                         {"c", aspect(v.c)},
                         {"i", aspect(v.i)},
                         {"a", aspect(v.a)},
                         {"default_row", optional_text(v.default_row)},
                         {"default_from_policy", v.default_from_policy},
                         {"risks", strings(v.risk_ids)},
                         {"primary_assets", strings(v.primary_ids)}});
        return a;
    }

    ordered_json risks() const {
        ordered_json a = ordered_json::array();
        for (const RiskEntry& r : reg_.risks) {
            ordered_json derivation = ordered_json::array();
            for (const RiskReason& reason : r.derivation)
                derivation.push_back({{"code", reason.code},
                                      {"args", strings(reason.args)},
                                      {"delta", reason.delta},
                                      {"level_after", reason.running},
                                      {"text", s(render_reason(reason, lang_))}});
            ordered_json findings = ordered_json::array();
            for (const RiskFindingRef& f : r.findings)
                findings.push_back({{"rule", f.rule},
                                    {"summary", readable_again(f.summary)},  // readable when the finding was made
                                    {"bytes_sent", f.bytes_sent},
                                    {"suppressed_by", optional_text(f.suppressed_by)},
                                    {"text", readable_again(f.text.in(lang_))}});  // the summary in "lang"
            a.push_back({{"id", r.id},
                         {"asset", s(r.asset_id)},
                         {"asset_name", s(r.asset_name)},
                         {"threat", s(r.threat_id)},
                         {"threat_name", s(r.threat_name.in(lang_))},
                         {"impact", r.impact},
                         {"impact_aspects", r.impact_aspects},
                         {"threat_level", r.threat_level},
                         {"vulnerability", r.vulnerability},
                         {"score", r.score},
                         {"level", risk_level_code(r.level)},
                         {"level_name", risk_level_name(r.level).in(lang_)},
                         {"level_meaning", risk_level_wording(r.level).in(lang_)},
                         {"status", risk_status_code(r.status)},
                         {"accepted_by", exceptions_json(r.accepted_by)},
                         {"residual_score", r.score},
                         {"inherent", risk_value(r.inherent_vulnerability, r.inherent_score, r.inherent_level)},
                         {"residual", risk_value(r.vulnerability, r.score, r.level)},
                         {"expired_exceptions", exceptions_json(r.expired_exceptions)},
                         {"derivation", derivation},
                         {"findings", findings},
                         {"vendors", strings(r.vendors)},
                         {"triggers", strings(r.triggers)},
                         {"measures", strings(r.measure_ids)}});
        }
        return a;
    }

    // One of a risk's two values (inherent, residual).
    ordered_json risk_value(int vulnerability, int score, RiskLevel level) const {
        return {{"vulnerability", vulnerability},
                {"score", score},
                {"level", risk_level_code(level)},
                {"level_name", risk_level_name(level).in(lang_)}};
    }

    // Changes since the previous register (null without --previous). Its strings were escaped
    // when it was written: readable_again keeps their \xNN.
    ordered_json changes() const {
        if (!reg_.changes) return nullptr;
        const RegisterChanges& c = *reg_.changes;
        auto value = [](int score, RiskLevel level) -> ordered_json {
            if (score == 0) return nullptr;
            return {{"score", score}, {"level", risk_level_code(level)}};
        };
        ordered_json risks = ordered_json::array();
        for (const RiskChange& x : c.risks)
            risks.push_back({{"change", x.change},
                             {"id", readable_again(x.id)},
                             {"previous_id", optional_text(x.previous_id)},
                             {"asset", readable_again(x.asset_id)},
                             {"asset_name", readable_again(x.asset_name)},
                             {"threat", readable_again(x.threat_id)},
                             {"previous", value(x.previous_score, x.previous_level)},
                             {"current", value(x.score, x.level)}});
        ordered_json suppliers = ordered_json::array();
        for (const SupplierChange& x : c.suppliers)
            suppliers.push_back({{"change", x.change},
                                 {"key", readable_again(x.key)},
                                 {"name", readable_again(x.name)},
                                 {"kind", readable_again(x.kind)}});
        return {{"previous", {{"path", s(c.previous_file)}, {"assessed_on", readable_again(c.previous_assessed_on)}}},
                {"risks", risks},
                {"unchanged_risks", c.unchanged},
                {"suppliers", suppliers}};
    }

    ordered_json exceptions() const {
        ordered_json a = ordered_json::array();
        for (const ExceptionStatus& e : reg_.exceptions) {
            ordered_json x = exception_json(e.ref);
            x["expired"] = e.expired;
            x["risks"] = strings(e.risk_ids);
            a.push_back(x);
        }
        return a;
    }

    ordered_json applicability() const {
        ordered_json a = ordered_json::array();
        for (const ApplicabilityEntry& m : reg_.applicability)
            a.push_back({{"measure", s(m.measure_id)},
                         {"name", s(m.name.in(lang_))},
                         {"description", s(m.description.in(lang_))},
                         {"applicable", m.applicable},
                         {"triggers", strings(m.triggers)},
                         {"risks", strings(m.risk_ids)},
                         {"status", measure_status_code(m.status)},
                         {"status_text", render_measure_status(m.status, lang_)},
                         {"decree", optional_text(m.decree)},
                         {"note", optional_text(m.note)},
                         {"defined_at", optional_location(m.defined_at)}});
        return a;
    }

    ordered_json treatment() const {
        ordered_json a = ordered_json::array();
        for (const TreatmentItem& t : reg_.treatment)
            a.push_back({{"id", t.id},
                         {"measure", s(t.measure_id)},
                         {"name", s(t.name.in(lang_))},
                         {"description", s(t.description.in(lang_))},
                         {"goals", s(t.goal.in(lang_))},
                         {"owner", optional_text(t.owner)},
                         {"owner_basis", optional_text(t.owner_basis)},
                         {"resources", s(t.resources_note.empty() ? t.resources.in(lang_) : t.resources_note)},
                         {"deadline", t.deadline ? ordered_json(t.deadline->to_string()) : ordered_json(nullptr)},
                         {"deadline_basis", optional_text(t.deadline_basis)},
                         {"risks", strings(t.risk_ids)},
                         {"highest_level", risk_level_code(t.highest)},
                         {"implementation", s(t.implementation.in(lang_))}});
        return a;
    }

    ordered_json suppliers() const {
        ordered_json a = ordered_json::array();
        for (const SupplierEntry& x : reg_.suppliers)
            a.push_back({{"kind", x.kind},
                         {"id", s(x.id)},
                         {"name", s(x.name)},
                         {"jurisdiction", s(x.jurisdiction)},
                         {"high_risk", x.high_risk},
                         {"assets", strings(x.asset_ids)},
                         {"basis", strings(x.basis)},
                         {"findings", x.findings},
                         {"designations", strings(x.designations_in(lang_))},
                         {"risks", strings(x.risk_ids)},
                         // schema 2 (issue 15)
                         {"catalogued", x.catalogued},
                         {"roles", strings(x.roles)},
                         {"names", strings(x.aliases)},
                         {"dependencies", dependencies(x)},
                         {"significant", x.significant},
                         {"significance", strings(x.significance)},
                         {"significance_override", optional_text(x.significance_override)},
                         {"contract", optional_text(x.contract)},
                         {"contact", optional_text(x.contact)},
                         {"last_assessment", x.last_assessment ? ordered_json(x.last_assessment->to_string())
                                                               : ordered_json(nullptr)},
                         {"listed_at", optional_text(x.listed_at)}});
        return a;
    }

    static ordered_json dependencies(const SupplierEntry& x) {
        ordered_json a = ordered_json::array();
        for (const SupplierDependency& d : x.dependencies)
            a.push_back({{"asset", s(d.asset_id)}, {"roles", strings(d.roles)}, {"basis", strings(d.basis)}});
        return a;
    }

    ordered_json counterpart_operators() const {
        ordered_json a = ordered_json::array();
        for (const CounterpartOperator& x : reg_.counterpart_operators)
            a.push_back({{"name", s(x.name)},
                         {"roles", strings(x.roles)},
                         {"jurisdiction", s(x.jurisdiction)},
                         {"high_risk", x.high_risk},
                         {"counterparts", strings(x.counterparts)},
                         {"assets", strings(x.asset_ids)},
                         {"rules", strings(x.rules)},
                         {"findings", x.findings},
                         {"risks", strings(x.risk_ids)}});
        return a;
    }

    const RiskRegister& reg_;
    RiskLang lang_;
};

}  // namespace

void write_risk_json(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    // Every string is valid UTF-8 by now (readable_text); `replace` is a second guard.
    out << JsonBuilder(reg, lang).build().dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace sovscan
