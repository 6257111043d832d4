#pragma once
// What a `sovscan lookup` argument names, read from its text alone (no intel is consulted): an IP
// address, a DNS name, a URL (its host), a MAC address or bare OUI prefix, or an ASN.
//
// Reading order, first match wins:
//  1. `scheme://...`: a URL; its host (userinfo and port stripped, IPv6 in brackets) is looked up
//     as an address or a name.
//  2. an IPv4 or IPv6 address (`[v6]` in brackets too).
//  3. `AS4134` / `as4134`: an ASN.
//  4. a MAC address `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff`, `aabbccddeeff`, or a
//     bare OUI prefix `aa:bb:cc`, `aa-bb-cc`, `aabbcc`.
//  5. a bare decimal number: an ASN (`4134`, `132203`). A six-digit string is an OUI instead only
//     when it cannot be a number as written: with a hex letter (`a4c64f`) or a leading zero
//     (`001234`); so `132203` is AS132203, and the OUI 13:22:03 is written with separators.
//  6. anything else: a DNS name, normalised (Unicode to punycode by IDNA, lower case, one trailing
//     dot dropped); it must have two or more LDH labels and a top label that is not all digits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/ip_address.h"
#include "common/mac_address.h"

namespace sovscan {

enum class QueryKind { ip, domain, url, mac, asn };
std::string_view query_kind_label(QueryKind k);  // "ip", "domain", "url", "mac", "asn"

struct LookupQuery {
    QueryKind kind = QueryKind::domain;
    std::optional<IpAddress> ip;    // ip; a url whose host is an address
    std::string name;               // domain; a url whose host is a name: lower-case ASCII, no trailing dot
    std::optional<MacAddress> mac;  // mac; a bare OUI is padded with zeros
    bool oui_only = false;          // a bare OUI prefix, not a whole address
    uint32_t asn = 0;               // asn
};

// A query, or why the text is none: one line without the text itself (callers quote it escaped).
struct ParsedQuery {
    std::optional<LookupQuery> query;
    std::string error;
};

// Surrounding blanks are ignored.
ParsedQuery parse_lookup_query(std::string_view text);

}  // namespace sovscan
