#pragma once
// Named counters for the ways a packet can be malformed or unsupported (Zeek calls them "weirds").
// Add a name to the list; the enum, the counter array and the names follow.
#include <array>
#include <cstdint>

namespace sovscan {

#define SOVSCAN_WEIRDS(X)            \
    X(truncated_link_header)         \
    X(truncated_ethernet_header)     \
    X(truncated_ipv4_header)         \
    X(truncated_ipv6_header)         \
    X(truncated_tcp_header)          \
    X(truncated_udp_header)          \
    X(bad_ipv4_header_length)        \
    X(bad_ip_version)                \
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
