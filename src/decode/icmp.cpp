// ICMP (RFC 792) and ICMPv6 (RFC 4443): type and code. Every message has at least 8 bytes (the
// common 4 and 4 type-specific ones); the payload is what follows them. Ports stay 0, so flows
// key ICMP on the address pair and protocol.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_icmp(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_icmp_header);
    DecodedPacket& out = s.out;
    out.has_l4 = true;  // the header was decoded: icmp_type/icmp_code are valid, ports are 0
    out.icmp_type = s.p[0];
    out.icmp_code = s.p[1];
    out.payload = {s.p + 8, s.len - 8};
    return Layer::done_ip;
}

}  // namespace sovscan::decode
