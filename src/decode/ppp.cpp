// PPP (RFC 1661) as it appears on PPP links (LINKTYPE_PPP, LINKTYPE_PPP_HDLC), inside PPPoE and
// inside PPTP's GRE: an optional FF 03 address/control pair (RFC 1662 HDLC-like framing), then a
// 2-byte protocol, or 1 byte when protocol field compression is on (an odd first byte).
#include "decode/layer.h"

namespace sovscan::decode {

Layer dispatch_ppp_protocol(DecodeState& s, uint16_t protocol) {
    switch (protocol) {
    case 0x0021: return Layer::ipv4;
    case 0x0057: return Layer::ipv6;
    case 0x0281:                       // MPLS unicast
    case 0x0283: return Layer::mpls;   // MPLS multicast
    default:
        // 0x8000-0xbfff: network control (IPCP, IPv6CP, CCP); 0xc000-: link control (LCP, PAP,
        // CHAP). Below: other network protocols, compressed or encrypted (MPPE) datagrams.
        return non_ip(s, protocol >= 0x8000 ? NonIp::non_ip_ppp_control : NonIp::non_ip_other);
    }
}

Layer decode_ppp(DecodeState& s) {
    if (s.len < 2) return weird(s, Weird::truncated_ppp_header);
    // LINKTYPE_PPP_HDLC also carries Cisco HDLC frames ("Cisco PPP", RFC 1547 4.3.1), recognisable
    // by their 0x0F/0x8F address byte; captures labelled LINKTYPE_PPP do the same in practice.
    if ((s.p[0] == 0x0f || s.p[0] == 0x8f) && s.p[1] == 0x00) return Layer::cisco_hdlc;
    if (s.p[0] == 0xff && s.p[1] == 0x03) s.skip(2);
    if (s.len < 1) return weird(s, Weird::truncated_ppp_header);
    if (s.p[0] & 0x01) {  // compressed 1-byte protocol
        const uint16_t protocol = s.p[0];
        s.skip(1);
        return dispatch_ppp_protocol(s, protocol);
    }
    if (s.len < 2) return weird(s, Weird::truncated_ppp_header);
    const uint16_t protocol = be16(s.p);
    s.skip(2);
    return dispatch_ppp_protocol(s, protocol);
}

}  // namespace sovscan::decode
