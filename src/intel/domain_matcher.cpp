#include "intel/domain_matcher.h"

#include <idn2.h>

#include <memory>

namespace sovscan {

std::string normalise_dns_name(std::string_view name) {
    const bool root_dot = !name.empty() && name.back() == '.';
    if (root_dot) name.remove_suffix(1);
    // idna_to_ascii copies an ASCII name unchanged (the fast path: names from the wire); only a
    // Unicode name goes through libidn2. One that is not valid IDNA keeps its bytes and so matches
    // no catalogue entry (those are LDH).
    std::optional<std::string> ascii = idna_to_ascii(name);
    std::string out = ascii ? std::move(*ascii) : std::string(name);
    // A Unicode full stop (U+3002, U+FF0E) maps to '.', so the root dot may only appear now.
    if (!root_dot && !out.empty() && out.back() == '.') out.pop_back();
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<std::string> idna_to_ascii(std::string_view name) {
    bool ascii = true;
    for (char c : name) {
        if (c == '\0') return std::nullopt;  // would silently cut the C string libidn2 reads
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    }
    if (ascii) return std::string(name);
    const std::string input(name);  // libidn2 wants a NUL-terminated string
    for (int flags : {IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT, IDN2_TRANSITIONAL | IDN2_NFC_INPUT}) {
        char* out = nullptr;
        if (idn2_to_ascii_8z(input.c_str(), &out, flags) == IDN2_OK && out) {
            std::unique_ptr<char, decltype(&idn2_free)> owned(out, &idn2_free);
            return std::string(owned.get());
        }
        idn2_free(out);
    }
    return std::nullopt;
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

DomainSuffixMatcher::DomainSuffixMatcher(const DomainSuffixMatcher& other) { *this = other; }

DomainSuffixMatcher& DomainSuffixMatcher::operator=(const DomainSuffixMatcher& other) {
    if (this == &other) return *this;
    map_.clear();
    owned_.clear();
    map_.reserve(other.map_.size());
    for (const auto& [key, entry] : other.map_)
        insert(entry.owned ? std::string_view(owned_.emplace_back(key)) : key, entry);
    return *this;
}

bool DomainSuffixMatcher::insert(std::string_view key, Entry entry) {
    return map_.try_emplace(key, entry).second;
}

bool DomainSuffixMatcher::add(std::string_view domain, uint32_t value, bool exact) {
    // Stored as queries are looked up, so a Unicode entry matches its punycode form and back.
    std::string key = normalise_dns_name(domain);
    if (!is_well_formed_domain(key) || map_.count(key)) return false;
    return insert(owned_.emplace_back(std::move(key)), Entry{value, exact, true});
}

bool DomainSuffixMatcher::add_stable(std::string_view domain, uint32_t value, bool exact) {
    // A well-formed domain (lower-case LDH labels, no trailing dot) is its own normal form.
    if (is_well_formed_domain(domain)) return insert(domain, Entry{value, exact, false});
    return add(domain, value, exact);
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
