// Linux cooked capture ("any" device): SLL v1 (LINKTYPE_LINUX_SLL, 16 bytes) and v2
// (LINKTYPE_LINUX_SLL2, 20 bytes). They carry only the sender's link address: src_mac is set
// for Ethernet devices, dst_mac stays zero (unknown).
#include "decode/layer.h"

namespace sovscan::decode {

namespace {

constexpr uint16_t kArphrdEther = 1;

void record_source(DecodeState& s, uint16_t hatype, uint16_t halen, const uint8_t* addr) {
    if (hatype == kArphrdEther && halen == 6 && s.out.tunnel_depth == 0) {
        s.out.has_macs = true;
        s.out.src_mac = MacAddress(addr);
    }
}

// The protocol field is an EtherType, except for a few Linux pseudo-types below 0x0600.
Layer dispatch_sll_protocol(DecodeState& s, uint16_t protocol) {
    if (protocol >= 0x0600) return dispatch_ethertype(s, protocol);
    if (protocol == 0x0004) return Layer::llc;  // ETH_P_802_2
    return non_ip(s, NonIp::non_ip_other);      // ETH_P_802_3 (Novell raw), CAN, netlink ...
}

}  // namespace

Layer decode_linux_sll(DecodeState& s) {
    // packet type (2), ARPHRD type (2), address length (2), address (8), protocol (2)
    if (s.len < 16) return weird(s, Weird::truncated_sll_header);
    record_source(s, be16(s.p + 2), be16(s.p + 4), s.p + 6);
    const uint16_t protocol = be16(s.p + 14);
    s.skip(16);
    return dispatch_sll_protocol(s, protocol);
}

Layer decode_linux_sll2(DecodeState& s) {
    // protocol (2), reserved (2), interface index (4), ARPHRD type (2), packet type (1),
    // address length (1), address (8)
    if (s.len < 20) return weird(s, Weird::truncated_sll2_header);
    record_source(s, be16(s.p + 8), s.p[11], s.p + 12);
    const uint16_t protocol = be16(s.p);
    s.skip(20);
    return dispatch_sll_protocol(s, protocol);
}

}  // namespace sovscan::decode
