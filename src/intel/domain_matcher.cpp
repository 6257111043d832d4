#include "intel/domain_matcher.h"

namespace sovscan {

std::string normalise_dns_name(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::string out(name);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_well_formed_domain(std::string_view d) {
    if (d.empty() || d.size() > 253) return false;
    int labels = 0;
    size_t start = 0;
    while (start <= d.size()) {
        size_t dot = d.find('.', start);
        size_t end = dot == std::string_view::npos ? d.size() : dot;
        std::string_view label = d.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return labels >= 2;
}

bool DomainSuffixMatcher::add(std::string_view domain, uint32_t value, bool exact) {
    if (!is_well_formed_domain(domain)) return false;
    return map_.try_emplace(std::string(domain), Entry{value, exact}).second;
}

std::optional<uint32_t> DomainSuffixMatcher::match(std::string_view name) const {
    if (map_.empty()) return std::nullopt;
    std::string n = normalise_dns_name(name);
    std::string_view rest(n);
    // Left to right: the first hit is the longest matching entry.
    for (bool whole = true;; whole = false) {
        if (auto it = map_.find(rest); it != map_.end() && (whole || !it->second.exact)) return it->second.value;
        size_t dot = rest.find('.');
        if (dot == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(dot + 1);
    }
}

}  // namespace sovscan
