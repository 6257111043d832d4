// HTTP/1.x request lines read by shape (RFC 9112 3), and the targets that ask a forward proxy for
// another server (authority-form of CONNECT, absolute-form).
#include "observe/http_request_line.h"

#include <array>
#include <charconv>

#include "observe/http_text.h"

namespace sovscan::observe {

namespace {

constexpr size_t kMaxMethod = 32;  // registered methods have at most 17 characters (UPDATEREDIRECTREF)

// tchar (RFC 9110 5.6.2): the characters of a method.
constexpr std::array<bool, 256> kTokenChar = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = t[c + 32] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[uint8_t(c)] = true;
    return t;
}();

bool is_token_char(char c) { return kTokenChar[uint8_t(c)]; }
bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
// A byte of a request line's text: no control byte but the separators (bytes above 0x7f are
// allowed: careless clients send UTF-8 raw).
bool is_line_char(char c) { return (uint8_t(c) >= 0x20 && uint8_t(c) != 0x7f) || is_separator(c); }

// Skips the run of separators at `pos`; false when there is none.
bool skip_separators(std::string_view s, size_t& pos) {
    const size_t start = pos;
    while (pos < s.size() && is_separator(s[pos])) ++pos;
    return pos > start;
}

// "host:port" with the port required (`default_port` 0) or optional; brackets around an IPv6
// literal removed. The host must be non-empty and hold no character that ends an authority.
std::optional<ProxyTarget> parse_authority(std::string_view authority, uint16_t default_port) {
    ProxyTarget t;
    std::string_view port_text;
    bool has_port = false;
    const bool bracketed = !authority.empty() && authority.front() == '[';
    if (bracketed) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        t.host = authority.substr(1, close - 1);
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port_text = rest.substr(1);
            has_port = true;
        }
    } else {
        const size_t colon = authority.rfind(':');
        t.host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            has_port = true;
        }
    }
    // A ':' belongs in the host only inside the brackets of an IPv6 literal.
    if (t.host.empty() || t.host.find_first_of(bracketed ? "/?#@[]" : "/?#@[]:") != std::string_view::npos)
        return std::nullopt;
    if (has_port && !port_text.empty()) {
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
            return std::nullopt;
        t.port = uint16_t(port);
    } else {
        t.port = default_port;  // "host:" takes the scheme's port (RFC 3986 3.2.3)
    }
    if (t.port == 0) return std::nullopt;
    return t;
}

}  // namespace

RequestLineShape read_request_line(std::string_view text, RequestLine& out) {
    // Most first payloads are not HTTP (a TLS record starts 0x16): the first byte rules them out.
    size_t pos = 0;
    while (pos < text.size() && is_token_char(text[pos])) ++pos;
    if (pos == text.size()) return pos <= kMaxMethod ? RequestLineShape::incomplete : RequestLineShape::not_request;
    if (pos == 0 || pos > kMaxMethod || !is_separator(text[pos])) return RequestLineShape::not_request;
    const std::string_view method = text.substr(0, pos);
    skip_separators(text, pos);

    // The rest of the line is the target and then the version, its last word: a target may hold
    // spaces (attack requests and careless clients send them raw, and servers take them), so the
    // version is found from the line's end. The line's end is looked for with memchr (request
    // lines run to hundreds of bytes); a line that is all there is checked by its version and for
    // NUL only, one that is not yet must be text so far, so that binary payloads are not kept.
    const size_t lf = text.find('\n', pos);
    if (lf == std::string_view::npos) {
        for (size_t i = pos; i < text.size(); ++i)
            if (!is_line_char(text[i]) && !(text[i] == '\r' && i + 1 == text.size())) return RequestLineShape::not_request;
        return RequestLineShape::incomplete;
    }
    const size_t line_end = lf;
    const size_t end = lf > pos && text[lf - 1] == '\r' ? lf - 1 : lf;
    if (text.substr(pos, end - pos).find('\0') != std::string_view::npos) return RequestLineShape::not_request;

    std::string_view rest = text.substr(pos, end - pos);
    while (!rest.empty() && is_separator(rest.back())) rest.remove_suffix(1);
    constexpr std::string_view kVersion = "HTTP/1.";  // then one digit
    if (rest.size() < kVersion.size() + 1) return RequestLineShape::not_request;
    const std::string_view version = rest.substr(rest.size() - kVersion.size() - 1);
    if (version.substr(0, kVersion.size()) != kVersion || version.back() < '0' || version.back() > '9')
        return RequestLineShape::not_request;
    rest.remove_suffix(version.size());
    if (rest.empty() || !is_separator(rest.back())) return RequestLineShape::not_request;
    while (!rest.empty() && is_separator(rest.back())) rest.remove_suffix(1);
    if (rest.empty()) return RequestLineShape::not_request;  // no target
    // A bare CR or another line end inside the line: not one line of text.
    if (rest.find('\r') != std::string_view::npos) return RequestLineShape::not_request;
    out.method = method;
    out.target = rest;
    out.length = line_end + 1;
    return RequestLineShape::request;
}

std::optional<ProxyTarget> connect_target(std::string_view target) { return parse_authority(target, 0); }

std::optional<ProxyTarget> absolute_uri_target(std::string_view target) {
    // The scheme is a few letters: most targets ("/path") are ruled out by their first byte,
    // without a search through a long URL.
    const size_t sep = target.substr(0, 8).find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    const std::string_view scheme = target.substr(0, sep);
    uint16_t default_port;
    if (iequals(scheme, "http") || iequals(scheme, "ws")) {
        default_port = 80;
    } else if (iequals(scheme, "https") || iequals(scheme, "wss")) {
        default_port = 443;
    } else if (iequals(scheme, "ftp")) {
        default_port = 21;
    } else {
        return std::nullopt;
    }
    std::string_view authority = target.substr(sep + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    return parse_authority(authority, default_port);
}

}  // namespace sovscan::observe
