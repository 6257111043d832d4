#pragma once
// Internal to decode: the state one packet's decoding carries from layer to layer, the byte
// readers, and one function per protocol. Each function checks its bounds, records what it learnt
// in `s.out`, consumes its header from `s.p`/`s.len` and returns the next layer; decoder.cpp
// loops over them with a switch (no virtual call per layer). Not part of decode's interface.
#include <cstdint>
#include <cstring>

#include "decode/decoded_packet.h"
#include "decode/non_ip.h"
#include "decode/weird.h"

namespace sovscan::decode {

// The layers decode knows; the last three end the loop.
enum class Layer : uint8_t {
    ethernet,
    vlan,
    llc,           // IEEE 802.2 LLC, SNAP when AA AA 03
    mpls,
    pppoe_session,
    ppp,           // PPP: optional FF 03 address/control, then the protocol (RFC 1661/1662)
    cisco_hdlc,
    linux_sll,
    linux_sll2,
    null_host,     // BSD loopback, address family in the capturing host's byte order
    loop_net,      // OpenBSD loopback, address family in network order
    ieee80211,
    radiotap,
    ppi,
    raw_ip,        // IPv4 or IPv6, told apart by the version nibble
    ipv4,
    ipv6,
    done_ip,       // an IP packet was decoded: out is complete
    non_ip,        // a frame without IP, counted in NonIpCounts
    drop,          // malformed or unsupported, counted in WeirdCounts
};

// More than this many tunnels inside each other is not traffic but an attack on the decoder.
inline constexpr uint8_t kMaxTunnelDepth = 8;

struct DecodeState {
    const uint8_t* p;    // start of the current layer
    uint32_t len;        // bytes of it that are both captured and inside the enclosing headers
    DecodedPacket& out;
    WeirdCounts& weirds;
    NonIpCounts& non_ip;
    uint32_t wire_len;   // the frame's length on the wire (radiotap: where the FCS is)
    uint32_t uncaptured = 0;  // bytes of the frame on the wire beyond what was captured
    uint8_t ip_depth = 0;    // tunnel_depth when the innermost IP header so far was decoded
    bool vlan_seen = false;  // the outermost VLAN tag has been recorded
    bool wifi_data_pad = false;  // radiotap: 802.11 header padded to a multiple of 4 bytes
    bool wifi_fc_swapped = false;  // CAPWAP from Cisco controllers: the two frame control bytes swapped
    // The link layer met since the last tunnel was entered, if any: where its destination and
    // source addresses are in the packet. The next IP header takes them as its own frame's
    // (begin_ip_header); entering a tunnel forgets them.
    const uint8_t* inner_dst = nullptr;
    const uint8_t* inner_src = nullptr;

    void skip(uint32_t n) { p += n; len -= n; }  // callers have checked n <= len

    // An IP header's stated length, bounded by what the frame can hold (captured bytes of this
    // layer plus the frame's uncaptured tail): a header claiming more is lying, and counting its
    // claim would inflate byte totals.
    uint32_t bounded_ip_length(uint32_t stated) const {
        const uint64_t room = uint64_t(len) + uncaptured;
        return stated > room ? static_cast<uint32_t>(room) : stated;
    }
};

inline uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t be32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}
inline uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t le32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;  // sovscan builds for little-endian hosts only (x86-64, arm64)
}

inline Layer weird(DecodeState& s, Weird w) {
    s.weirds.add(w);
    return Layer::drop;
}
// Inside a tunnel (an IP header was already decoded) the frame is reported as that outer IP
// packet, so its kind is not counted as non-IP, only as a tunnel payload decode cannot follow.
inline Layer non_ip(DecodeState& s, NonIp k) {
    s.non_ip.add(s.out.ip_version != 0 ? NonIp::tunnel_inner_not_ip : k);
    return Layer::non_ip;
}
// Crossing into a tunnel's payload (IP-in-IP, GRE, VXLAN, Geneve, GTP-U, ERSPAN, EoMPLS, CAPWAP).
// A link layer before it belongs to an outer packet, not to what the tunnel carries.
inline bool enter_tunnel(DecodeState& s) {
    if (s.out.tunnel_depth >= kMaxTunnelDepth) {
        s.weirds.add(Weird::tunnel_too_deep);
        return false;
    }
    ++s.out.tunnel_depth;
    s.inner_dst = s.inner_src = nullptr;
    return true;
}

// A link layer's addresses: the outermost one's are the packet's (the wire's devices); one inside
// a tunnel is remembered for the IP header it carries.
inline void link_addresses(DecodeState& s, const uint8_t* dst, const uint8_t* src) {
    if (s.out.tunnel_depth == 0) {
        if (s.out.has_macs) return;  // the outermost link layer was recorded already
        s.out.has_macs = true;
        s.out.dst_mac = MacAddress(dst);
        s.out.src_mac = MacAddress(src);
    } else {
        s.inner_dst = dst;
        s.inner_src = src;
    }
}

// The shared "what comes after this type field" dispatch, used by Ethernet, VLAN, SNAP, Linux
// cooked, Cisco HDLC, GRE, Geneve and the loopback families. Counts non-IP kinds itself.
Layer dispatch_ethertype(DecodeState& s, uint16_t ethertype);
// Ethernet and VLAN type/length field: an EtherType, or an 802.3 length followed by LLC.
Layer dispatch_type_or_length(DecodeState& s, uint16_t type_or_length);
// The same for a PPP protocol number (PPP links, PPPoE, PPTP).
Layer dispatch_ppp_protocol(DecodeState& s, uint16_t protocol);
// After an IPv4 header or the IPv6 extension headers: TCP, UDP, ICMP, tunnels, or the end.
Layer dispatch_ip_protocol(DecodeState& s, uint8_t proto);

// Link and Ethernet-layer protocols (one file each).
Layer decode_ethernet(DecodeState& s);
Layer decode_vlan(DecodeState& s);
Layer decode_llc(DecodeState& s);
Layer decode_mpls(DecodeState& s);
Layer decode_pppoe_session(DecodeState& s);
Layer decode_ppp(DecodeState& s);
Layer decode_cisco_hdlc(DecodeState& s);
Layer decode_linux_sll(DecodeState& s);
Layer decode_linux_sll2(DecodeState& s);
Layer decode_null(DecodeState& s, bool network_order);
Layer decode_ieee80211(DecodeState& s);
Layer decode_radiotap(DecodeState& s);
Layer decode_ppi(DecodeState& s);
Layer decode_raw_ip(DecodeState& s);
// Network layer.
Layer decode_ipv4(DecodeState& s);
Layer decode_ipv6(DecodeState& s);
// Transport and tunnels, reached from dispatch_ip_protocol (the UDP ones from decode_udp).
Layer decode_tcp(DecodeState& s);
Layer decode_udp(DecodeState& s);
Layer decode_icmp(DecodeState& s);
Layer decode_gre(DecodeState& s);
Layer decode_erspan2(DecodeState& s);
Layer decode_erspan3(DecodeState& s);
Layer decode_vxlan(DecodeState& s);
Layer decode_geneve(DecodeState& s);
Layer decode_gtpu(DecodeState& s);
Layer decode_capwap_data(DecodeState& s);

// The first layer for a LINKTYPE_ value, or Layer::drop (unsupported_link_type counted).
Layer link_layer(DecodeState& s, uint16_t link_type);

}  // namespace sovscan::decode
