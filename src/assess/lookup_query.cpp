#include "assess/lookup_query.h"

#include <algorithm>
#include <charconv>

#include "intel/domain_matcher.h"

namespace sovscan {

std::string_view query_kind_label(QueryKind k) {
    switch (k) {
        case QueryKind::ip: return "ip";
        case QueryKind::url: return "url";
        case QueryKind::mac: return "mac";
        case QueryKind::asn: return "asn";
        case QueryKind::domain: break;
    }
    return "domain";
}

namespace {

constexpr const char* kNotAQuery = "not an IP address, MAC address or OUI, ASN, URL or domain name";

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_of(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// `groups` groups of `width` hex digits joined by `sep` ('\0': no separator).
bool hex_groups(std::string_view s, int groups, size_t width, char sep) {
    const size_t expected = groups * width + (sep ? groups - 1 : 0);
    if (s.size() != expected) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool at_sep = sep && (i + 1) % (width + 1) == 0;
        if (at_sep ? s[i] != sep : !is_hex(s[i])) return false;
    }
    return true;
}

bool is_mac_text(std::string_view s) {
    return hex_groups(s, 6, 2, ':') || hex_groups(s, 6, 2, '-') || hex_groups(s, 3, 4, '.') || hex_groups(s, 1, 12, '\0');
}

// A bare OUI; six digits without separators only when they cannot be read as a number (step 5).
bool is_oui_text(std::string_view s) {
    if (hex_groups(s, 3, 2, ':') || hex_groups(s, 3, 2, '-')) return true;
    return hex_groups(s, 1, 6, '\0') && (!all_of(s, is_digit) || s.front() == '0');
}

std::optional<uint32_t> parse_u32(std::string_view digits) {
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
    return v;
}

ParsedQuery fail(std::string why) { return ParsedQuery{std::nullopt, std::move(why)}; }

ParsedQuery parse_asn(std::string_view digits) {
    if (digits.empty() || !all_of(digits, is_digit)) return fail(kNotAQuery);
    auto v = parse_u32(digits);
    if (!v) return fail("ASN out of range (1 to 4294967295)");
    if (*v == 0) return fail("AS0 is reserved and names no network");
    LookupQuery q;
    q.kind = QueryKind::asn;
    q.asn = *v;
    return ParsedQuery{q, ""};
}

// Steps 2-6, shared by a whole argument and a URL's host (`in_url`: only addresses and names).
ParsedQuery parse_plain(std::string_view s, bool in_url) {
    LookupQuery q;
    std::string_view bracketed = s;
    if (bracketed.size() > 2 && bracketed.front() == '[' && bracketed.back() == ']')
        bracketed = bracketed.substr(1, bracketed.size() - 2);
    if (auto ip = IpAddress::parse(bracketed)) {
        q.kind = QueryKind::ip;
        q.ip = *ip;
        return ParsedQuery{q, ""};
    }
    if (!in_url) {
        if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's') && all_of(s.substr(2), is_digit))
            return parse_asn(s.substr(2));
        if (is_mac_text(s) || is_oui_text(s)) {
            q.kind = QueryKind::mac;
            q.oui_only = is_oui_text(s);
            std::string padded(s);
            if (q.oui_only) padded += "000000";
            q.mac = MacAddress::parse(padded);
            return ParsedQuery{q, ""};
        }
        if (all_of(s, is_digit) && s.front() != '0') return parse_asn(s);
    }
    auto ascii = idna_to_ascii(s);
    if (!ascii) return fail("not a valid internationalised domain name (IDNA)");
    std::string name = normalise_dns_name(*ascii);
    // A top label of digits only is no host name (RFC 3696): "1.2.3" is a mistyped address.
    const size_t dot = name.rfind('.');
    if (!is_well_formed_domain(name) || all_of(std::string_view(name).substr(dot + 1), is_digit))
        return fail(in_url ? "the URL's host is not an IP address or domain name" : kNotAQuery);
    q.kind = QueryKind::domain;
    q.name = std::move(name);
    return ParsedQuery{q, ""};
}

// scheme://[userinfo@]host[:port][/path][?query][#fragment]
ParsedQuery parse_url(std::string_view s, size_t scheme_end) {
    std::string_view scheme = s.substr(0, scheme_end);
    auto scheme_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '+' || c == '-' || c == '.';
    };
    if (scheme.empty() || is_digit(scheme[0]) || !std::all_of(scheme.begin(), scheme.end(), scheme_char))
        return fail("not a URL (the scheme before :// is malformed)");
    std::string_view authority = s.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    std::string_view host = authority, port;
    if (!authority.empty() && authority.front() == '[') {
        size_t close = authority.find(']');
        if (close == std::string_view::npos) return fail("the URL's IPv6 host has no closing ]");
        host = authority.substr(0, close + 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return fail("the URL's host is followed by something other than a port");
        if (!rest.empty()) port = rest.substr(1);
    } else if (size_t colon = authority.find(':'); colon != std::string_view::npos) {
        if (authority.find(':', colon + 1) != std::string_view::npos)
            return fail("an IPv6 address in a URL must be in brackets: http://[2001:db8::1]/");
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (!port.empty() && (!all_of(port, is_digit) || port.size() > 5 || *parse_u32(port) > 65535))
        return fail("the URL's port is not a number from 0 to 65535");
    if (host.empty()) return fail("the URL has no host");
    ParsedQuery p = parse_plain(host, true);
    if (p.query) p.query->kind = QueryKind::url;
    return p;
}

}  // namespace

ParsedQuery parse_lookup_query(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty()) return fail("empty query");
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return fail("control characters in the query");
    if (size_t sep = s.find("://"); sep != std::string_view::npos) return parse_url(s, sep);
    return parse_plain(s, false);
}

}  // namespace sovscan
