#pragma once
// What decode learnt about one packet: the outer link addresses, those of the frame that carried
// the innermost IP packet inside a tunnel, and the innermost IP/L4 headers (flows are keyed on the
// inner packet of a tunnel). Views point into the RawPacket's bytes.
#include <cstdint>
#include <span>

#include "common/ip_address.h"
#include "common/mac_address.h"

namespace sovscan {

enum TcpFlag : uint8_t { kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20, kEce = 0x40, kCwr = 0x80 };

enum IpProto : uint8_t { kProtoIcmp = 1, kProtoTcp = 6, kProtoUdp = 17, kProtoIcmpv6 = 58 };

struct DecodedPacket {
    int64_t ts_ns = 0;
    uint32_t wire_len = 0;
    uint16_t input_index = 0;
    uint32_t weight = 1;  // packets it stands for (RawPacket::weight)

    // Outermost link layer (Ethernet, 802.11, Linux cooked): the devices on the wire where the
    // capture was taken. has_macs=false for raw IP, loopback, PPP.
    bool has_macs = false;
    MacAddress src_mac, dst_mac;
    uint16_t vlan_id = 0;       // outermost 802.1Q/802.1ad VLAN id, 0 when untagged
    uint8_t tunnel_depth = 0;   // IP-in-IP, GRE, VXLAN layers crossed to reach the inner packet
    // Inside a tunnel, the link layer that carried the innermost IP packet: the Ethernet frame of
    // VXLAN, GRE/TEB, ERSPAN, Geneve, EoMPLS or CAPWAP 802.3, the 802.11 frame of native CAPWAP
    // (source and destination by the DS bits, as outside). These are the stations' own MACs.
    // false outside tunnels and when the tunnel carries IP without a link layer (IP-in-IP, GRE
    // with IP, GTP-U, PPTP).
    bool has_inner_macs = false;
    MacAddress inner_src_mac, inner_dst_mac;

    // Innermost IP header. ip_version = 0 when the packet carries no (decodable) IP packet.
    uint8_t ip_version = 0;
    IpAddress src_ip, dst_ip;
    uint8_t ip_proto = 0;       // transport protocol after IPv6 extension headers
    uint32_t ip_len = 0;        // L3 bytes of the inner packet as its header states it
    bool is_fragment = false;   // an IPv4/IPv6 fragment; only the first has an L4 header
    uint32_t frag_id = 0;       // a fragment's datagram identification (IPv4 ID, IPv6 fragment header)
    bool has_l4 = false;        // this packet's transport header was decoded: tcp/icmp fields are valid

    // Transport. 0 when not known: ICMP/ICMPv6 (flows are keyed per address pair and protocol), a
    // protocol decode does not read, a later fragment whose first was not seen. A later fragment
    // whose first was seen carries that fragment's ports (flows/fragment_ports.h) with has_l4 false.
    uint16_t src_port = 0, dst_port = 0;
    uint8_t tcp_flags = 0;
    uint32_t tcp_seq = 0, tcp_ack = 0;
    uint8_t icmp_type = 0, icmp_code = 0;
    std::span<const uint8_t> payload;  // captured L4 payload (may be shorter than on the wire)

    // The link addresses that belong to src_ip/dst_ip, i.e. those of the frame that carried this
    // IP packet: the outermost link's outside a tunnel, the inner frame's inside one (none when the
    // tunnel carries IP directly: the outer link's are then the tunnel endpoints').
    bool has_own_macs() const { return tunnel_depth == 0 ? has_macs : has_inner_macs; }
    const MacAddress& own_src_mac() const { return tunnel_depth == 0 ? src_mac : inner_src_mac; }
    const MacAddress& own_dst_mac() const { return tunnel_depth == 0 ? dst_mac : inner_dst_mac; }
};

}  // namespace sovscan
