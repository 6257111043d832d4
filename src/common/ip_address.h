#pragma once
// IPv4/IPv6 addresses and prefixes as small values that hash and compare cheaply.
#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

// An IPv4 or IPv6 address. IPv4 is stored as an IPv4-mapped IPv6 address (::ffff:a.b.c.d) so that
// both families share one 16-byte key; `is_v4()` tells them apart.
class IpAddress {
public:
    IpAddress() = default;
    static IpAddress v4(uint32_t host_order);
    // Inline: decode builds two addresses per packet.
    // Built as two words, not byte by byte: an address is read back as whole words (hashing,
    // comparing, copying) right after it is written, and a read spanning several narrower stores
    // cannot be forwarded from the store buffer (a stall of a dozen cycles, twice per packet).
    static IpAddress v4_bytes(const uint8_t* network_order4) {
        uint32_t v4;
        std::memcpy(&v4, network_order4, 4);
        const uint64_t lo = std::endian::native == std::endian::little ? (uint64_t(v4) << 32) | kMappedWord
                                                                       : (uint64_t(kMappedWord) << 32) | v4;
        return from_words(0, lo);
    }
    static IpAddress v6_bytes(const uint8_t* network_order16) {
        IpAddress ip;
        std::memcpy(ip.bytes_.data(), network_order16, 16);
        return ip;
    }
    static std::optional<IpAddress> parse(std::string_view text);

    bool is_v4() const {
        uint32_t w;
        std::memcpy(&w, bytes_.data() + 8, 4);
        return hi64() == 0 && w == kMappedWord;
    }
    uint32_t v4_host_order() const {  // only meaningful when is_v4()
        uint32_t w;
        std::memcpy(&w, bytes_.data() + 12, 4);
        return __builtin_bswap32(w);
    }
    const std::array<uint8_t, 16>& bytes() const { return bytes_; }
    std::string to_string() const;
    bool is_unspecified() const;

    // Private, loopback, link-local, ULA, CGNAT, multicast, broadcast: not a server on the Internet.
    bool is_private_or_local() const;
    bool is_multicast_or_broadcast() const;

    // Two 64-bit loads instead of memcmp: addresses are compared on every packet.
    uint64_t hi64() const {
        uint64_t v;
        std::memcpy(&v, bytes_.data(), 8);
        return v;
    }
    uint64_t lo64() const {
        uint64_t v;
        std::memcpy(&v, bytes_.data() + 8, 8);
        return v;
    }
    friend bool operator==(const IpAddress& a, const IpAddress& b) { return a.hi64() == b.hi64() && a.lo64() == b.lo64(); }
    // Byte order (network order), so sorted addresses read naturally.
    friend std::strong_ordering operator<=>(const IpAddress& a, const IpAddress& b) {
        uint64_t ah = __builtin_bswap64(a.hi64()), bh = __builtin_bswap64(b.hi64());
        if (ah != bh) return ah <=> bh;
        return __builtin_bswap64(a.lo64()) <=> __builtin_bswap64(b.lo64());
    }

private:
    static IpAddress from_words(uint64_t hi, uint64_t lo) {
        IpAddress ip;
        const uint64_t w[2] = {hi, lo};
        std::memcpy(ip.bytes_.data(), w, 16);
        return ip;
    }
    // Bytes 8-11 of an IPv4-mapped address (00 00 ff ff) as they load into a uint32_t.
    static constexpr uint32_t kMappedWord = std::endian::native == std::endian::little ? 0xffff0000u : 0x0000ffffu;
    std::array<uint8_t, 16> bytes_{};
};

// A prefix such as 10.20.0.0/16 or 2001:db8::/32.
class Cidr {
public:
    static std::optional<Cidr> parse(std::string_view text);
    bool contains(const IpAddress& ip) const;
    std::string to_string() const;
    const IpAddress& network() const { return network_; }
    int prefix_length() const;  // in the address's own family (0-32 or 0-128)

private:
    IpAddress network_;
    int bits_ = 0;  // on the 128-bit mapped address
};

struct IpAddressHash {
    size_t operator()(const IpAddress& ip) const noexcept {
        uint64_t a, b;
        std::memcpy(&a, ip.bytes().data(), 8);
        std::memcpy(&b, ip.bytes().data() + 8, 8);
        uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ (b + 0x632BE59BD9B4E019ULL + (a << 6));
        return static_cast<size_t>(h ^ (h >> 29));
    }
};

}  // namespace sovscan

template <>
struct std::hash<sovscan::IpAddress> : sovscan::IpAddressHash {};
