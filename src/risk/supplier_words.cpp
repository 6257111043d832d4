#include "risk/supplier_words.h"

#include <fmt/format.h>

#include "risk/messages.h"

namespace sovscan {

namespace {

std::string joined_words(const std::vector<std::string>& codes, std::string_view prefix, RiskLang lang) {
    std::vector<std::string> words;
    for (const std::string& c : codes) words.push_back(risk_msg(fmt::format("{}.{}", prefix, c), lang));
    return fmt::format("{}", fmt::join(words, "; "));
}

}  // namespace

std::string render_supplier_roles(const SupplierEntry& s, RiskLang lang) { return joined_words(s.roles, "role", lang); }

std::string render_significance(const SupplierEntry& s, RiskLang lang) {
    const std::string verdict = risk_msg(s.significant ? "yes" : "no", lang);
    if (!s.significance_override.empty()) return risk_msg_with("significance.override", lang, {verdict, s.listed_at});
    if (!s.significant) return verdict;
    return risk_msg_with("significance.criteria", lang, {joined_words(s.significance, "significance", lang)});
}

std::string render_supplier_record(const SupplierEntry& s, RiskLang lang) {
    if (s.listed_at.empty()) return risk_msg("supplier.not_listed", lang);
    std::vector<std::string> parts;
    if (!s.contract.empty()) parts.push_back(risk_msg_with("supplier.contract", lang, {s.contract}));
    if (!s.contact.empty()) parts.push_back(risk_msg_with("supplier.contact", lang, {s.contact}));
    if (s.last_assessment) parts.push_back(risk_msg_with("supplier.assessed", lang, {s.last_assessment->to_string()}));
    parts.push_back(s.listed_at);
    return fmt::format("{}", fmt::join(parts, "; "));
}

std::string render_supplier_dependants(const SupplierEntry& s, RiskLang lang) {
    if (s.dependencies.empty()) return risk_msg("none", lang);
    std::vector<std::string> items;
    for (const SupplierDependency& d : s.dependencies)
        items.push_back(fmt::format("{} ({})", d.asset_id, joined_words(d.roles, "role", lang)));
    return fmt::format("{}", fmt::join(items, ", "));
}

std::string render_counterpart_roles(const CounterpartOperator& c, RiskLang lang) {
    return joined_words(c.roles, "cp_role", lang);
}

}  // namespace sovscan
