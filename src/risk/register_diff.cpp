#include "risk/register_diff.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "common/escape.h"

namespace sovscan {

namespace {

using nlohmann::json;

const json* member(const json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string text_of(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

// Raised or lowered: by level first (what the decree's wording follows), then by score.
int compare(RiskLevel a_level, int a_score, RiskLevel b_level, int b_score) {
    if (a_level != b_level) return a_level < b_level ? -1 : 1;
    return a_score == b_score ? 0 : (a_score < b_score ? -1 : 1);
}

}  // namespace

std::optional<PreviousRegister> read_previous_register(std::istream& in, std::string& error) {
    json j;
    try {
        j = json::parse(in);
    } catch (const json::parse_error& e) {
        error = fmt::format("not JSON ({})", printable(e.what()));
        return std::nullopt;
    }
    if (!j.is_object() || text_of(j, "schema") != "sovscan-risk") {
        error = "not a risk register written by sovscan risk -o FILE.json (no \"schema\": \"sovscan-risk\")";
        return std::nullopt;
    }
    const json* version = member(j, "schema_version");
    if (!version || !version->is_number_integer() || version->get<int>() < 1 ||
        version->get<int>() > RiskRegister::kSchemaVersion) {
        error = fmt::format("schema_version {} is not one this sovscan reads (1-{})",
                            version ? printable(version->dump()) : std::string("(none)"), RiskRegister::kSchemaVersion);
        return std::nullopt;
    }
    PreviousRegister p;
    p.schema_version = version->get<int>();
    p.assessed_on = text_of(j, "assessed_on");
    const json* risks = member(j, "risks");
    if (!risks || !risks->is_array()) {
        error = "no \"risks\" list";
        return std::nullopt;
    }
    for (size_t i = 0; i < risks->size(); ++i) {
        const json& r = (*risks)[i];
        const json* score = r.is_object() ? member(r, "score") : nullptr;
        std::optional<RiskLevel> level = r.is_object() ? parse_risk_level(text_of(r, "level")) : std::nullopt;
        PreviousRegister::Risk risk;
        if (r.is_object()) risk = {text_of(r, "id"), text_of(r, "asset"), text_of(r, "asset_name"), text_of(r, "threat"), 0, {}};
        if (risk.asset_id.empty() || risk.threat_id.empty() || !score || !score->is_number_integer() || !level) {
            error = fmt::format("risks[{}]: needs \"asset\", \"threat\", an integer \"score\" and a \"level\"", i);
            return std::nullopt;
        }
        risk.score = score->get<int>();
        risk.level = *level;
        p.risks.push_back(std::move(risk));
    }
    if (const json* suppliers = member(j, "suppliers"); suppliers && suppliers->is_array())
        for (const json& s : *suppliers) {
            if (!s.is_object()) continue;
            PreviousRegister::Supplier x{text_of(s, "id"), text_of(s, "name"), text_of(s, "kind")};
            // Schema 1 listed counterpart networks as suppliers of kind "operator"; they are
            // counterpart operators now, not suppliers that went away.
            if (x.kind == "operator") continue;
            if (x.key.empty()) x.key = x.name;
            if (!x.key.empty()) p.suppliers.push_back(std::move(x));
        }
    return p;
}

std::string supplier_key(const SupplierEntry& s) { return s.id.empty() ? s.name : s.id; }

RegisterChanges diff_registers(const PreviousRegister& previous, const std::string& previous_file, const RiskRegister& now) {
    RegisterChanges c;
    c.previous_file = previous_file;
    c.previous_assessed_on = previous.assessed_on;

    // Each previous risk finds its current one by id, else by (asset, threat).
    std::map<std::string, const RiskEntry*> by_id, by_pair;
    for (const RiskEntry& r : now.risks) {
        by_id[r.id] = &r;
        by_pair[readable_text(r.asset_id) + '\n' + readable_text(r.threat_id)] = &r;  // as the JSON wrote them
    }
    std::set<const RiskEntry*> matched;
    std::vector<RiskChange> closed;
    for (const PreviousRegister::Risk& p : previous.risks) {
        const RiskEntry* r = nullptr;
        if (auto it = by_id.find(p.id); it != by_id.end() && !matched.count(it->second)) r = it->second;
        else if (auto pit = by_pair.find(p.asset_id + '\n' + p.threat_id); pit != by_pair.end() && !matched.count(pit->second))
            r = pit->second;
        RiskChange x{"", r ? r->id : p.id, p.id, p.asset_id, p.asset_name, p.threat_id, p.score, 0, p.level, RiskLevel::low};
        if (!r) {
            x.change = "closed";
            closed.push_back(std::move(x));
            continue;
        }
        matched.insert(r);
        x.asset_name = r->asset_name;
        x.score = r->score;
        x.level = r->level;
        const int order = compare(r->level, r->score, p.level, p.score);
        if (order == 0) {
            ++c.unchanged;
            continue;
        }
        x.change = order > 0 ? "raised" : "lowered";
        c.risks.push_back(std::move(x));
    }
    for (const RiskEntry& r : now.risks)
        if (!matched.count(&r))
            c.risks.push_back(RiskChange{"new", r.id, "", r.asset_id, r.asset_name, r.threat_id, 0, r.score, RiskLevel::low, r.level});
    // The register's order: highest score now first; then what closed, highest score it had first.
    std::stable_sort(c.risks.begin(), c.risks.end(), [](const RiskChange& a, const RiskChange& b) { return a.score > b.score; });
    std::stable_sort(closed.begin(), closed.end(),
                     [](const RiskChange& a, const RiskChange& b) { return a.previous_score > b.previous_score; });
    c.risks.insert(c.risks.end(), closed.begin(), closed.end());

    std::set<std::string> before, after;
    for (const PreviousRegister::Supplier& s : previous.suppliers) before.insert(s.key);
    for (const SupplierEntry& s : now.suppliers) after.insert(supplier_key(s));
    for (const SupplierEntry& s : now.suppliers)
        if (!before.count(supplier_key(s)) &&
            std::none_of(c.suppliers.begin(), c.suppliers.end(), [&](const SupplierChange& x) { return x.key == supplier_key(s); }))
            c.suppliers.push_back(SupplierChange{"added", supplier_key(s), s.name, s.kind});
    for (const PreviousRegister::Supplier& s : previous.suppliers)
        if (!after.count(s.key) &&
            std::none_of(c.suppliers.begin(), c.suppliers.end(), [&](const SupplierChange& x) { return x.key == s.key; }))
            c.suppliers.push_back(SupplierChange{"removed", s.key, s.name, s.kind});
    return c;
}

}  // namespace sovscan
