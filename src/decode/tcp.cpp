// TCP (RFC 9293): ports, sequence and acknowledgement numbers, flags; options skipped.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_tcp(DecodeState& s) {
    if (s.len < 20) [[unlikely]]
        return weird(s, Weird::truncated_tcp_header);
    const uint8_t* h = s.p;
    const uint32_t header_len = (h[12] >> 4) * 4u;
    if (header_len < 20) [[unlikely]]
        return weird(s, Weird::bad_tcp_header_length);
    if (header_len > s.len) [[unlikely]]
        return weird(s, Weird::truncated_tcp_options);
    DecodedPacket& out = s.out;
    out.has_l4 = true;
    out.src_port = be16(h);
    out.dst_port = be16(h + 2);
    out.tcp_seq = be32(h + 4);
    out.tcp_ack = be32(h + 8);
    out.tcp_flags = h[13];
    out.payload = {h + header_len, s.len - header_len};
    return Layer::done_ip;
}

}  // namespace sovscan::decode
