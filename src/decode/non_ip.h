#pragma once
// Counters for frames that are well formed but carry no IP packet (ARP, LLDP, 802.11 management,
// PPP control ...). They are not weirds: nothing is wrong with them, sovscan just has no flow to
// make of them. Same X-macro scheme as weird.h.
#include <array>
#include <cstddef>
#include <cstdint>

namespace sovscan {

#define SOVSCAN_NON_IP(X)           \
    X(non_ip_arp)                   \
    X(non_ip_lldp)                  \
    X(non_ip_eapol)                 \
    X(non_ip_stp)                   \
    X(non_ip_llc)                   \
    X(non_ip_pppoe_discovery)       \
    X(non_ip_ppp_control)           \
    X(non_ip_80211_management)      \
    X(non_ip_80211_control)         \
    X(non_ip_80211_null_data)       \
    X(encrypted_80211)              \
    X(non_ip_other)                 \
    X(tunnel_inner_not_ip)

enum class NonIp : uint16_t {
#define SOVSCAN_NON_IP_ENUM(name) name,
    SOVSCAN_NON_IP(SOVSCAN_NON_IP_ENUM)
#undef SOVSCAN_NON_IP_ENUM
    count_
};

const char* non_ip_name(NonIp k);

struct NonIpCounts {
    std::array<uint64_t, static_cast<size_t>(NonIp::count_)> n{};
    void add(NonIp k) { ++n[static_cast<size_t>(k)]; }
    uint64_t get(NonIp k) const { return n[static_cast<size_t>(k)]; }
};

}  // namespace sovscan
