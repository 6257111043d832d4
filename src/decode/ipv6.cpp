// IPv6 (RFC 8200): fixed header, then the extension header chain up to the transport protocol.
#include "decode/ip_common.h"
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_ipv6(DecodeState& s) {
    if (s.len < 40) [[unlikely]]
        return weird(s, Weird::truncated_ipv6_header);
    const uint8_t* h = s.p;
    if ((h[0] >> 4) != 6) [[unlikely]]
        return weird(s, Weird::bad_ip_version);
    const uint32_t payload_len = be16(h + 4);
    uint8_t next = h[6];

    begin_ip_header(s, 6);
    DecodedPacket& out = s.out;
    out.src_ip = IpAddress::v6_bytes(h + 8);
    out.dst_ip = IpAddress::v6_bytes(h + 24);
    out.ip_proto = next;
    if (payload_len == 0 && next != 59) [[unlikely]] {
        // A jumbogram (RFC 2675, length in a hop-by-hop option) or a TSO super-segment: the
        // header does not state the length, the capture is the packet.
        out.ip_len = s.len;
    } else {
        out.ip_len = 40 + payload_len;
        if (out.ip_len < s.len) s.len = out.ip_len;  // cut link-layer padding
        out.ip_len = s.bounded_ip_length(out.ip_len);
    }
    s.skip(40);

    for (bool first = true;; first = false) {
        switch (next) {
        case 0:  // hop-by-hop options: only directly after the IPv6 header
            if (!first) return weird(s, Weird::bad_ipv6_extension_header);
            [[fallthrough]];
        case 43:   // routing
        case 60:   // destination options
        case 135:  // mobility
        case 139:  // HIP
        case 140: {  // shim6
            if (s.len < 8) return weird(s, Weird::truncated_ipv6_extension_header);
            const uint32_t n = (s.p[1] + 1u) * 8u;
            if (n > s.len) return weird(s, Weird::truncated_ipv6_extension_header);
            next = s.p[0];
            s.skip(n);
            break;
        }
        case 44: {  // fragment: next header, reserved, offset (13 bits) + M, identification
            if (s.len < 8) return weird(s, Weird::truncated_ipv6_extension_header);
            const uint16_t offset_flags = be16(s.p + 2);
            const uint32_t id = be32(s.p + 4);
            next = s.p[0];
            s.skip(8);
            // Offset 0 without M is an atomic fragment (RFC 6946): a whole packet.
            if (offset_flags & 0xfff9) {
                out.is_fragment = true;
                out.frag_id = id;
            }
            if (offset_flags & 0xfff8) {  // not the first fragment: no transport header here
                out.ip_proto = next;
                out.payload = {s.p, s.len};
                return Layer::done_ip;
            }
            break;
        }
        case 51:  // AH
            if (!skip_ah(s, next)) return Layer::drop;
            break;
        default:
            return dispatch_ip_protocol(s, next);
        }
    }
}

}  // namespace sovscan::decode
