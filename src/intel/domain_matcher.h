#pragma once
// Name -> catalogue entry by DNS suffix on label boundaries: "a.hik-connect.com" and
// "hik-connect.com." match "hik-connect.com", "evil-hik-connect.com" does not. The longest entry
// wins. One hash probe per label of the query, so it stays cheap on attacker-chosen names.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sovscan {

// ASCII lower case, one trailing dot removed. Non-ASCII bytes are kept as they are (names on the
// wire are ASCII; IDNs arrive as xn-- labels and are matched as ordinary labels).
std::string normalise_dns_name(std::string_view name);

// A catalogue domain: 2+ labels of [a-z0-9-], 1-63 characters each, not starting or ending with
// '-', at most 253 characters, lower case, no trailing dot.
bool is_well_formed_domain(std::string_view domain);

class DomainSuffixMatcher {
public:
    // Adds a normalised, well-formed domain; `exact` entries match only the whole name. Returns false
    // when the domain is malformed or already present.
    bool add(std::string_view domain, uint32_t value, bool exact = false);
    // The value of the longest entry that is the name itself or a suffix of it starting at a label.
    std::optional<uint32_t> match(std::string_view name) const;
    size_t size() const { return map_.size(); }

private:
    struct Entry {
        uint32_t value;
        bool exact;
    };
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> map_;
};

}  // namespace sovscan
