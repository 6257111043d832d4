#include "common/mac_address.h"

#include <fmt/format.h>

namespace sovscan {

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
    uint8_t out[6];
    int nibbles = 0;
    for (char c : text) {
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else if (c == ':' || c == '-' || c == '.') continue;
        else return std::nullopt;
        if (nibbles >= 12) return std::nullopt;
        if (nibbles % 2 == 0) out[nibbles / 2] = static_cast<uint8_t>(v << 4);
        else out[nibbles / 2] |= static_cast<uint8_t>(v);
        ++nibbles;
    }
    if (nibbles != 12) return std::nullopt;
    return MacAddress(out);
}

std::string MacAddress::to_string() const {
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b_[0], b_[1], b_[2], b_[3], b_[4], b_[5]);
}

}  // namespace sovscan
