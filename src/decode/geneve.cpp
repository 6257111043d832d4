// Geneve (RFC 8926): version, option length (4-byte units), protocol type, VNI, options.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_geneve(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_geneve_header);
    if ((s.p[0] >> 6) != 0) return Layer::done_ip;  // unknown version: leave it a UDP datagram
    const uint32_t header_len = 8 + (s.p[0] & 0x3f) * 4u;
    const uint16_t protocol = be16(s.p + 2);
    if (header_len > s.len) return weird(s, Weird::truncated_geneve_header);
    s.skip(header_len);
    if (!enter_tunnel(s)) return Layer::drop;
    if (protocol == 0x6558) return Layer::ethernet;  // transparent Ethernet bridging
    return dispatch_ethertype(s, protocol);
}

}  // namespace sovscan::decode
