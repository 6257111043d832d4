#include "assess/model_assessment.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <tuple>

#include "inventory/model_clue.h"

namespace sovscan {

namespace {

int confidence_rank(std::string_view c) { return c == "high" ? 3 : c == "medium" ? 2 : c == "low" ? 1 : 0; }
std::string_view confidence_label(int rank) { return rank >= 3 ? "high" : rank == 2 ? "medium" : "low"; }

// Which field an attribute is matched as, and whether it names a parent model; nullopt for
// attributes that are not matched (tokenizer_model).
struct ClueField {
    ModelField field;
    bool parent = false;
};
std::optional<ClueField> clue_field(std::string_view name) {
    if (name == model_clue::base_model_name) return ClueField{ModelField::name, true};
    if (name == model_clue::base_model_organization) return ClueField{ModelField::organization, true};
    if (auto f = parse_model_field(name)) return ClueField{*f, false};
    return std::nullopt;
}

// How much a field says about who made the model: who published it first, the code last.
int field_weight(ModelField f) {
    switch (f) {
        case ModelField::organization: return 5;
        case ModelField::name: return 4;
        case ModelField::architecture: return 3;
        case ModelField::tokenizer: return 2;
        case ModelField::special_token: return 1;
    }
    return 0;
}

struct Candidate {
    ModelOriginMatch match;
    const AssetAttribute* clue = nullptr;
    ClueField field;
    int confidence = 0;  // the weaker of the row's and the clue's

    auto rank() const { return std::tuple(confidence, !field.parent, field_weight(field.field)); }
};

// "config.json architectures[0]": the file as seen from the model's path, then the key.
std::string where_of(const ModelArtifact& m, const AssetAttribute& a) {
    std::string file = a.source.file;
    if (file == m.path) {
        const size_t slash = file.find_last_of('/');
        if (slash != std::string::npos) file = file.substr(slash + 1);
    } else if (file.size() > m.path.size() && file.compare(0, m.path.size(), m.path) == 0 && file[m.path.size()] == '/') {
        file = file.substr(m.path.size() + 1);
    }
    return fmt::format("{} {}", file, a.source.detail);
}

bool prc_controlled(const Vendor* v, const Policy& policy) {
    return v && v->prc_linked != "no" && policy.is_high_risk(v->control_country);
}

}  // namespace

ModelJudge::ModelJudge(const Catalog& catalog, const Policy& policy)
    : catalog_(catalog), policy_(policy), matcher_(catalog), judge_(policy) {}

ModelAssessment ModelJudge::assess(ModelArtifact model) const {
    ModelAssessment a;
    a.model = std::move(model);
    const ModelArtifact& m = a.model;

    std::vector<Candidate> found;
    for (const AssetAttribute& attr : m.attributes) {
        auto field = clue_field(attr.name);
        if (!field) continue;
        for (const ModelOriginMatch& match : matcher_.match(field->field, attr.value))
            found.push_back({match, &attr, *field,
                             std::min(confidence_rank(match.rule->confidence), confidence_rank(attr.confidence))});
    }
    std::stable_sort(found.begin(), found.end(), [](const Candidate& x, const Candidate& y) { return x.rank() > y.rank(); });
    for (const Candidate& c : found) {
        const ModelOriginRule& r = *c.match.rule;
        a.evidence.push_back(
            {fmt::format("{} \"{}\" matches {} pattern \"{}\": {} by {} ({} confidence{})", where_of(m, *c.clue),
                         c.clue->value, model_field_label(r.field), r.pattern, r.family,
                         r.vendor_id, confidence_label(c.confidence), c.field.parent ? ", a parent model" : ""),
             r.source,
             fmt::format("data/{}:{}", CatalogFiles::model_origins,
                         catalog_.line_of(CatalogTable::model_origins, c.match.rule_index))});
    }

    JurisdictionFacts facts;
    if (!found.empty()) {
        const Candidate& best = found.front();
        a.vendor = facts.vendor = best.match.vendor;
        a.family = best.match.rule->family;
        a.confidence = confidence_label(best.confidence);
        if (a.vendor) a.controlled_by = a.vendor->control_country;
    }
    a.judgement = judge_.judge(facts);
    a.verdict = a.judgement.verdict();

    auto& why = a.reasons;
    if (found.empty()) {
        why.push_back("no catalogued architecture, tokenizer, name or organisation of a known publisher: origin unknown");
        return a;
    }
    const Candidate& best = found.front();
    if (!a.vendor) {
        why.push_back(fmt::format("vendor {} of the matching pattern is not in the catalog", best.match.rule->vendor_id));
        return a;
    }
    const std::string made_by = fmt::format("{} ({}), by {}", a.family, a.vendor->id, a.vendor->name);
    if (a.verdict == Verdict::high_risk && best.confidence < 2) {
        // A directory name alone, or a pattern that many publishers share: worth a look, no more.
        a.verdict = Verdict::review;
        why.push_back(fmt::format("{} is controlled from {}, but only on weak evidence ({} confidence): review", made_by,
                                  a.controlled_by, a.confidence));
    } else if (a.judgement.vendor_review) {
        why.push_back(fmt::format("{} has strong PRC ties but is controlled from {} (prc_linked=partial): review", made_by,
                                  a.controlled_by));
    } else if (a.verdict == Verdict::high_risk) {
        why.push_back(fmt::format("{} is controlled from {}", made_by, a.controlled_by));
    } else {
        why.push_back(fmt::format("{}, controlled from {}{}", made_by, a.controlled_by,
                                  a.vendor->prc_linked == "no" ? " (a counter-example, prc_linked=no)" : ""));
        // Other evidence, at least as sure as medium, for a vendor under a high-risk jurisdiction.
        for (const Candidate& c : found)
            if (c.confidence >= 2 && prc_controlled(c.match.vendor, policy_)) {
                a.verdict = Verdict::review;
                why.push_back(fmt::format("but {} \"{}\" points to {} ({}), controlled from {}: review",
                                          model_field_label(c.field.field), c.clue->value,
                                          c.match.rule->family, c.match.vendor->id, c.match.vendor->control_country));
                break;
            }
    }
    if (a.verdict != Verdict::clear)
        a.note = m.local_weights
                     ? "local weights: NUKIB's DeepSeek warning exempts a model run locally that cannot reach the "
                       "vendor's servers; keep it without network access to them"
                     : "no weights here (configuration or vocabulary only): a client that uses this model through "
                       "the vendor's API sends its data to the vendor";
    return a;
}

}  // namespace sovscan
