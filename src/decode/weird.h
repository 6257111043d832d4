#pragma once
// Named counters for the ways a packet can be malformed or unsupported (Zeek calls them "weirds").
// Add a name to the list; the enum, the counter array and the names follow. A packet that raises a
// weird is skipped by decode (Decoder::decode returns false); docs/decode.md explains each name.
#include <array>
#include <cstddef>
#include <cstdint>

namespace sovscan {

#define SOVSCAN_WEIRDS(X)                  \
    X(truncated_link_header)               \
    X(truncated_ethernet_header)           \
    X(truncated_vlan_header)               \
    X(truncated_llc_header)                \
    X(truncated_mpls_header)               \
    X(truncated_pppoe_header)              \
    X(bad_pppoe_header)                    \
    X(truncated_ppp_header)                \
    X(truncated_cisco_hdlc_header)         \
    X(truncated_null_header)               \
    X(truncated_sll_header)                \
    X(truncated_sll2_header)               \
    X(truncated_radiotap_header)           \
    X(bad_radiotap_header)                 \
    X(bad_80211_fcs)                       \
    X(truncated_ppi_header)                \
    X(bad_ppi_header)                      \
    X(truncated_80211_header)              \
    X(truncated_ipv4_header)               \
    X(ipv4_options_truncated)              \
    X(bad_ipv4_header_length)              \
    X(bad_ipv4_total_length)               \
    X(truncated_ipv6_header)               \
    X(truncated_ipv6_extension_header)     \
    X(bad_ipv6_extension_header)           \
    X(truncated_ah_header)                 \
    X(bad_ip_version)                      \
    X(truncated_tcp_header)                \
    X(bad_tcp_header_length)               \
    X(truncated_tcp_options)               \
    X(truncated_udp_header)                \
    X(bad_udp_length)                      \
    X(truncated_icmp_header)               \
    X(truncated_gre_header)                \
    X(bad_gre_header)                      \
    X(truncated_erspan_header)             \
    X(truncated_vxlan_header)              \
    X(truncated_geneve_header)             \
    X(truncated_gtp_header)                \
    X(bad_gtp_header)                      \
    X(truncated_capwap_header)             \
    X(tunnel_too_deep)                     \
    X(unsupported_link_type)

enum class Weird : uint16_t {
#define SOVSCAN_WEIRD_ENUM(name) name,
    SOVSCAN_WEIRDS(SOVSCAN_WEIRD_ENUM)
#undef SOVSCAN_WEIRD_ENUM
    count_
};

const char* weird_name(Weird w);

struct WeirdCounts {
    std::array<uint64_t, static_cast<size_t>(Weird::count_)> n{};
    void add(Weird w) { ++n[static_cast<size_t>(w)]; }
    uint64_t get(Weird w) const { return n[static_cast<size_t>(w)]; }
};

}  // namespace sovscan
