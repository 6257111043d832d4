#pragma once
// Shared by ipv4.cpp and ipv6.cpp.
#include "decode/layer.h"

namespace sovscan::decode {

// A new IP header: it becomes the innermost one. Clears what an outer IP/L4 header left behind
// (only when there was one: the common, untunnelled packet starts from a zeroed DecodedPacket).
inline void begin_ip_header(DecodeState& s, uint8_t version) {
    DecodedPacket& out = s.out;
    if (out.ip_version != 0) [[unlikely]] {
        out.is_fragment = false;
        out.has_l4 = false;
        out.src_port = out.dst_port = 0;
        out.tcp_flags = 0;
        out.tcp_seq = out.tcp_ack = 0;
        out.icmp_type = out.icmp_code = 0;
        out.payload = {};
        out.has_inner_macs = false;
    }
    out.ip_version = version;
    s.ip_depth = out.tunnel_depth;
    // The frame this packet rode in inside a tunnel (its stations' addresses), or none. Kept per IP
    // header so that a tunnel whose payload is not IP reports the IP packet with its own frame.
    if (s.inner_src) [[unlikely]] {
        out.has_inner_macs = true;
        out.inner_dst_mac = MacAddress(s.inner_dst);
        out.inner_src_mac = MacAddress(s.inner_src);
    }
}

}  // namespace sovscan::decode

namespace sovscan::decode {

// IPsec AH (RFC 4302) authenticates but does not hide what follows, so decode looks through it.
// Its length is in 4-byte units minus 2 (unlike the other IPv6 extension headers).
inline bool skip_ah(DecodeState& s, uint8_t& next) {
    if (s.len < 8) {
        s.weirds.add(Weird::truncated_ah_header);
        return false;
    }
    const uint32_t n = (s.p[1] + 2u) * 4u;
    if (n > s.len) {
        s.weirds.add(Weird::truncated_ah_header);
        return false;
    }
    next = s.p[0];
    s.skip(n);
    return true;
}

}  // namespace sovscan::decode
