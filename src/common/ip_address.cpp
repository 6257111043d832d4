#include "common/ip_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace sovscan {

static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

IpAddress IpAddress::v4(uint32_t host_order) {
    IpAddress ip;
    std::memcpy(ip.bytes_.data(), kMappedPrefix, 12);
    ip.bytes_[12] = static_cast<uint8_t>(host_order >> 24);
    ip.bytes_[13] = static_cast<uint8_t>(host_order >> 16);
    ip.bytes_[14] = static_cast<uint8_t>(host_order >> 8);
    ip.bytes_[15] = static_cast<uint8_t>(host_order);
    return ip;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    if (text.empty() || text.size() > 64) return std::nullopt;
    char buf[65];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    uint8_t out[16];
    if (inet_pton(AF_INET, buf, out) == 1) return v4_bytes(out);
    if (inet_pton(AF_INET6, buf, out) == 1) return v6_bytes(out);
    return std::nullopt;
}


std::string IpAddress::to_string() const {
    char buf[INET6_ADDRSTRLEN];
    if (is_v4()) {
        inet_ntop(AF_INET, bytes_.data() + 12, buf, sizeof buf);
    } else {
        inet_ntop(AF_INET6, bytes_.data(), buf, sizeof buf);
    }
    return buf;
}

bool IpAddress::is_unspecified() const {
    if (is_v4()) return v4_host_order() == 0;
    for (auto b : bytes_)
        if (b) return false;
    return true;
}

bool IpAddress::is_multicast_or_broadcast() const {
    if (is_v4()) {
        uint32_t a = v4_host_order();
        return (a >> 28) == 0xE || a == 0xFFFFFFFFu;
    }
    return bytes_[0] == 0xff;
}

bool IpAddress::is_private_or_local() const {
    if (is_v4()) {
        uint32_t a = v4_host_order();
        auto in = [a](uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
        return in(0x0A000000, 8)       // 10/8
               || in(0xAC100000, 12)   // 172.16/12
               || in(0xC0A80000, 16)   // 192.168/16
               || in(0x7F000000, 8)    // loopback
               || in(0xA9FE0000, 16)   // link-local
               || in(0x64400000, 10)   // CGNAT 100.64/10
               || in(0x00000000, 8)    // "this network"
               || (a >> 28) == 0xE     // multicast 224/4
               || a == 0xFFFFFFFFu;    // broadcast (as is_multicast_or_broadcast)
    }
    if ((bytes_[0] & 0xfe) == 0xfc) return true;                          // ULA fc00::/7
    if (bytes_[0] == 0xfe && (bytes_[1] & 0xc0) == 0x80) return true;     // link-local fe80::/10
    if (bytes_[0] == 0xff) return true;                                   // multicast
    static constexpr uint8_t loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return std::memcmp(bytes_.data(), loopback, 16) == 0 || is_unspecified();
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
    auto slash = text.find('/');
    auto ip = IpAddress::parse(text.substr(0, slash));
    if (!ip) return std::nullopt;
    int max_bits = ip->is_v4() ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string_view::npos) {
        auto rest = text.substr(slash + 1);
        auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), bits);
        if (ec != std::errc() || p != rest.data() + rest.size() || bits < 0 || bits > max_bits) return std::nullopt;
    }
    Cidr c;
    c.bits_ = ip->is_v4() ? bits + 96 : bits;
    // Normalise the network address so that 10.20.1.1/16 means 10.20.0.0/16.
    auto bytes = ip->bytes();
    for (int i = 0; i < 16; ++i) {
        int keep = std::clamp(c.bits_ - i * 8, 0, 8);
        bytes[i] &= static_cast<uint8_t>(keep == 8 ? 0xff : (0xff << (8 - keep)) & 0xff);
    }
    c.network_ = IpAddress::v6_bytes(bytes.data());
    return c;
}

bool Cidr::contains(const IpAddress& ip) const {
    const auto& a = ip.bytes();
    const auto& n = network_.bytes();
    int full = bits_ / 8, rem = bits_ % 8;
    if (std::memcmp(a.data(), n.data(), full) != 0) return false;
    if (rem == 0) return true;
    uint8_t mask = static_cast<uint8_t>(0xff << (8 - rem));
    return (a[full] & mask) == n[full];
}

int Cidr::prefix_length() const { return network_.is_v4() ? bits_ - 96 : bits_; }

std::string Cidr::to_string() const { return network_.to_string() + "/" + std::to_string(prefix_length()); }

}  // namespace sovscan
