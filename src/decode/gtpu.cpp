// GTP-U v1 (3GPP TS 29.281), the mobile core's user-plane tunnel: flags (version 1, PT 1, E, S,
// PN), message type, length, TEID, optional sequence/N-PDU/next-extension fields and extension
// headers, then the subscriber's IP packet. Only G-PDUs (type 255) carry one; echo, error
// indication and end marker stay ordinary UDP datagrams of the tunnel endpoints.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_gtpu(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_gtp_header);
    const uint8_t flags = s.p[0];
    if ((flags >> 5) != 1 || !(flags & 0x10) || s.p[1] != 0xff) return Layer::done_ip;
    uint32_t header_len = 8;
    uint8_t next_ext = 0;
    if (flags & 0x07) {  // any of E, S, PN: all three optional fields are present
        if (s.len < 12) return weird(s, Weird::truncated_gtp_header);
        header_len = 12;
        if (flags & 0x04) next_ext = s.p[11];
    }
    s.skip(header_len);
    while (next_ext != 0) {  // each: length (4-byte units, whole header), content, next type
        if (s.len < 1) return weird(s, Weird::truncated_gtp_header);
        const uint32_t n = s.p[0] * 4u;
        if (n == 0) return weird(s, Weird::bad_gtp_header);
        if (n > s.len) return weird(s, Weird::truncated_gtp_header);
        next_ext = s.p[n - 1];
        s.skip(n);
    }
    if (s.len < 1) return weird(s, Weird::truncated_gtp_header);
    if (!enter_tunnel(s)) return Layer::drop;
    switch (s.p[0] >> 4) {
    case 4: return Layer::ipv4;
    case 6: return Layer::ipv6;
    default: return non_ip(s, NonIp::non_ip_other);  // Ethernet or unstructured PDU sessions
    }
}

}  // namespace sovscan::decode
