#include "inventory/purl.h"

#include <algorithm>

namespace sovscan {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// %XX sequences decoded; a malformed one is kept as written.
std::string percent_decoded(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

bool valid_type(std::string_view type) {
    if (type.empty() || (type[0] >= '0' && type[0] <= '9')) return false;
    return std::all_of(type.begin(), type.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
    });
}

void lower_case(std::string& s) { std::transform(s.begin(), s.end(), s.begin(), lower); }

// The spec's per-type rules that matter for matching publishers.
void normalise(PackageUrl& p) {
    if (p.type == "npm" || p.type == "pypi" || p.type == "github" || p.type == "bitbucket") {
        lower_case(p.namespace_);
        lower_case(p.name);
    }
    if (p.type == "pypi") std::replace(p.name.begin(), p.name.end(), '_', '-');
}

}  // namespace

std::optional<PackageUrl> parse_purl(std::string_view purl) {
    constexpr std::string_view kScheme = "pkg:";
    if (purl.size() < kScheme.size() ||
        !std::equal(kScheme.begin(), kScheme.end(), purl.begin(), [](char a, char b) { return a == lower(b); }))
        return std::nullopt;
    std::string_view rest = purl.substr(kScheme.size());
    while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);  // "pkg://" is tolerated
    if (size_t hash = rest.rfind('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    if (size_t query = rest.rfind('?'); query != std::string_view::npos) rest = rest.substr(0, query);

    PackageUrl p;
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    p.type = std::string(rest.substr(0, slash));
    lower_case(p.type);
    if (!valid_type(p.type)) return std::nullopt;
    rest.remove_prefix(slash + 1);

    size_t last_slash = rest.rfind('/');
    size_t at = rest.rfind('@');
    if (at != std::string_view::npos && (last_slash == std::string_view::npos || at > last_slash)) {
        p.version = percent_decoded(rest.substr(at + 1));
        rest = rest.substr(0, at);
    }
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    // Segments: the last is the name, the others the namespace; empty ones ("a//b") are dropped.
    std::string joined;
    while (!rest.empty()) {
        size_t end = rest.find('/');
        std::string_view segment = rest.substr(0, end);
        if (!segment.empty()) {
            if (!p.name.empty()) {
                if (!joined.empty()) joined.push_back('/');
                joined += p.name;
            }
            p.name = percent_decoded(segment);
        }
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    if (p.name.empty()) return std::nullopt;
    p.namespace_ = std::move(joined);
    normalise(p);
    return p;
}

std::string purl_namespace(std::string_view purl) {
    std::optional<PackageUrl> p = parse_purl(purl);
    if (!p) return {};
    return p->type + "/" + (p->namespace_.empty() ? p->name : p->namespace_);
}

}  // namespace sovscan
