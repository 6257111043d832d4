#include "sources/log_values.h"

#include <charconv>

#include "common/host_name.h"
#include "common/time_format.h"

namespace sovscan {

namespace {
constexpr size_t kMaxNameBytes = 255;  // as observe: no host name is longer
}

std::string log_server_name(std::string_view raw) {
    while (!raw.empty() && raw.back() == '.') raw.remove_suffix(1);
    std::string out(raw.substr(0, kMaxNameBytes));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

std::string log_http_host(std::string_view raw) {
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
    return log_server_name(host_without_port(raw));
}

std::string subject_common_name(std::string_view subject) {
    for (size_t at = 0; (at = subject.find("CN=", at)) != std::string_view::npos; at += 3) {
        if (at != 0 && subject[at - 1] != ',' && subject[at - 1] != '/' && subject[at - 1] != ' ') continue;
        std::string_view cn = subject.substr(at + 3);
        const size_t end = cn.find_first_of(",/");
        if (end != std::string_view::npos) cn = cn.substr(0, end);
        if (looks_like_host_name(cn)) return log_server_name(cn);
        return "";
    }
    return "";
}

std::optional<uint64_t> parse_count(std::string_view s) {
    uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<uint16_t> parse_port(std::string_view s) {
    const auto v = parse_count(s);
    if (!v || *v > 65535) return std::nullopt;
    return uint16_t(*v);
}

std::optional<uint8_t> parse_transport(std::string_view s) {
    auto is = [&](std::string_view name) {
        if (s.size() != name.size()) return false;
        for (size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
            if (c != name[i]) return false;
        }
        return true;
    };
    if (is("tcp")) return 6;
    if (is("udp")) return 17;
    if (is("icmp")) return 1;
    if (is("ipv6-icmp") || is("icmpv6") || is("icmp6")) return 58;
    if (is("sctp")) return 132;
    const auto n = parse_count(s);
    if (n && *n <= 255) return uint8_t(*n);
    return std::nullopt;
}

std::optional<int64_t> parse_interval(std::string_view s) {
    if (s.starts_with('-')) return std::nullopt;
    return parse_epoch_seconds(s);  // the same shape: seconds with a fraction
}

std::optional<int64_t> parse_log_time(std::string_view s) {
    if (auto t = parse_epoch_seconds(s)) return t;
    return parse_iso8601(s);
}

}  // namespace sovscan
