// MPLS label stack (RFC 3032): 4-byte entries until the bottom-of-stack bit. The payload type is
// not in the header; like Wireshark and Zeek we read the first nibble: 4 IPv4, 6 IPv6, 0 the
// pseudowire control word (RFC 4385) before an Ethernet frame (Ethernet over MPLS, RFC 4448).
// An Ethernet pseudowire without control word whose destination MAC starts with 4 or 6 is
// misread as IP; the control word exists precisely to avoid that.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_mpls(DecodeState& s) {
    for (;;) {
        if (s.len < 4) return weird(s, Weird::truncated_mpls_header);
        const bool bottom = s.p[2] & 0x01;
        s.skip(4);
        if (bottom) break;
    }
    if (s.len < 1) return weird(s, Weird::truncated_mpls_header);
    switch (s.p[0] >> 4) {
    case 4: return Layer::ipv4;
    case 6: return Layer::ipv6;
    case 0:
        if (s.len < 4) return weird(s, Weird::truncated_mpls_header);
        s.skip(4);
        if (!enter_tunnel(s)) return Layer::drop;
        return Layer::ethernet;
    default: return non_ip(s, NonIp::non_ip_other);  // e.g. 1: associated channel (BFD, OAM)
    }
}

}  // namespace sovscan::decode
