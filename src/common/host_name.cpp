#include "common/host_name.h"

#include <unistd.h>

#include <climits>
#include <cstddef>
#include <cstdint>

namespace sovscan {

namespace {
bool is_letter(uint8_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
}  // namespace

bool looks_like_host_name(std::string_view s) {
    if (s.starts_with("*.")) s.remove_prefix(2);
    if (s.ends_with('.')) s.remove_suffix(1);
    if (s.empty() || s.size() > 253) return false;
    size_t labels = 0, label_len = 0;
    bool all_digits = true;
    for (const char c : s) {
        if (c == '.') {
            if (label_len == 0) return false;
            ++labels, label_len = 0, all_digits = true;
            continue;
        }
        const bool digit = c >= '0' && c <= '9';
        if (!digit && !is_letter(uint8_t(c)) && c != '-') return false;
        if (++label_len > 63) return false;
        all_digits = all_digits && digit;
    }
    return label_len != 0 && labels + 1 >= 2 && !all_digits;
}

std::string_view host_without_port(std::string_view host) {
    if (!host.empty() && host.front() == '[') {
        const size_t close = host.find(']');
        return close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
    }
    const size_t colon = host.find(':');
    if (colon != std::string_view::npos && host.find(':', colon + 1) == std::string_view::npos)
        return host.substr(0, colon);
    return host;
}

std::string local_host_name() {
    char buf[HOST_NAME_MAX + 1] = {0};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "";
    return buf;
}

}  // namespace sovscan
