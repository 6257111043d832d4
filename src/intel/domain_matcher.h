#pragma once
// Name -> catalogue entry by DNS suffix on label boundaries: "a.hik-connect.com" and
// "hik-connect.com." match "hik-connect.com", "evil-hik-connect.com" does not. The longest entry
// wins. One hash probe per label of the query, so it stays cheap on attacker-chosen names.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sovscan {

// The form names are matched in: one trailing dot removed, a Unicode name converted to its ASCII
// (punycode) form by idna_to_ascii, ASCII lower case. An ASCII name takes a fast path (one copy, no
// libidn2): names on the wire are ASCII, IDNs arrive as xn-- labels and are matched as ordinary
// labels. A name that is not valid IDNA keeps its bytes (and so matches no catalogue entry).
std::string normalise_dns_name(std::string_view name);

// A name typed or catalogued in Unicode ("bücher.example") as the ASCII form DNS carries
// ("xn--bcher-kva.example"), by IDNA 2008 / UTS #46 (libidn2, non-transitional, falling back to
// transitional). An all-ASCII name is returned unchanged without validation (names from the wire
// may hold '_' and other bytes IDNA refuses; callers normalise them). nullopt when the name is not
// valid IDNA (e.g. disallowed code points, invalid UTF-8, an embedded NUL).
std::optional<std::string> idna_to_ascii(std::string_view name);

// A catalogue domain: 2+ labels of [a-z0-9-], 1-63 characters each, not starting or ending with
// '-', at most 253 characters, lower case, no trailing dot.
bool is_well_formed_domain(std::string_view domain);

class DomainSuffixMatcher {
public:
    DomainSuffixMatcher() = default;
    // A copy keys its own copies of the domains it owns (the keys are views: a member-wise copy
    // would view the original's strings and dangle once it is gone — ASan found it with a copied
    // policy exception); add_stable's domains stay views of their stable bytes. A move keeps the
    // strings where they are (a deque's move hands over its blocks).
    DomainSuffixMatcher(const DomainSuffixMatcher& other);
    DomainSuffixMatcher& operator=(const DomainSuffixMatcher& other);
    DomainSuffixMatcher(DomainSuffixMatcher&&) noexcept = default;
    DomainSuffixMatcher& operator=(DomainSuffixMatcher&&) noexcept = default;

    // Adds a domain (normalised first, so "Bücher.example" is stored as "xn--bcher-kva.example");
    // `exact` entries match only the whole name. Returns false when the normalised domain is not
    // well formed or already present.
    bool add(std::string_view domain, uint32_t value, bool exact = false);
    // The same for a domain whose bytes outlive the matcher (the catalog's retained CSV text): one
    // already in normal form is keyed in place, not copied (ten thousand catalogue entries, no
    // allocation each).
    bool add_stable(std::string_view domain, uint32_t value, bool exact = false);
    // The value of the longest entry that is the name itself or a suffix of it starting at a label.
    std::optional<uint32_t> match(std::string_view name) const;
    size_t size() const { return map_.size(); }

private:
    struct Entry {
        uint32_t value;
        bool exact;
        bool owned;  // the key views a string in owned_ (else add_stable's caller's bytes)
    };
    bool insert(std::string_view key, Entry entry);
    // Keys view add_stable's domains or owned_: a deque never moves the strings it holds.
    std::unordered_map<std::string_view, Entry> map_;
    std::deque<std::string> owned_;
};

}  // namespace sovscan
