#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

class MacAddress {
public:
    MacAddress() = default;
    explicit MacAddress(const uint8_t* p) { std::memcpy(b_.data(), p, 6); }
    static std::optional<MacAddress> parse(std::string_view text);  // aa:bb:cc:dd:ee:ff, aa-bb-.., aabb.ccdd.eeff

    const std::array<uint8_t, 6>& bytes() const { return b_; }
    uint64_t as_u64() const {
        return (uint64_t(b_[0]) << 40) | (uint64_t(b_[1]) << 32) | (uint64_t(b_[2]) << 24) | (uint64_t(b_[3]) << 16) |
               (uint64_t(b_[4]) << 8) | b_[5];
    }
    // Group (multicast/broadcast) bit: not a device's own address.
    bool is_group() const { return b_[0] & 0x01; }
    // Locally administered bit: randomised or virtual, its first three bytes are no OUI.
    bool is_locally_administered() const { return b_[0] & 0x02; }
    bool is_zero() const { return as_u64() == 0; }
    std::string to_string() const;  // lower-case aa:bb:cc:dd:ee:ff

    // A 4-byte and a 2-byte load instead of memcmp: compared on every Ethernet packet.
    friend bool operator==(const MacAddress& a, const MacAddress& b) {
        uint32_t a4, b4;
        uint16_t a2, b2;
        std::memcpy(&a4, a.b_.data(), 4), std::memcpy(&b4, b.b_.data(), 4);
        std::memcpy(&a2, a.b_.data() + 4, 2), std::memcpy(&b2, b.b_.data() + 4, 2);
        return a4 == b4 && a2 == b2;
    }
    friend auto operator<=>(const MacAddress& a, const MacAddress& b) { return a.as_u64() <=> b.as_u64(); }

private:
    std::array<uint8_t, 6> b_{};
};

}  // namespace sovscan
