// IPv4 (RFC 791): version and header length, total length, fragments, addresses.
#include "decode/ip_common.h"
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_ipv4(DecodeState& s) {
    if (s.len < 20) [[unlikely]]
        return weird(s, Weird::truncated_ipv4_header);
    const uint8_t* h = s.p;
    if ((h[0] >> 4) != 4) [[unlikely]]
        return weird(s, Weird::bad_ip_version);
    const uint32_t header_len = (h[0] & 0x0f) * 4u;
    if (header_len < 20) [[unlikely]]
        return weird(s, Weird::bad_ipv4_header_length);
    if (header_len > s.len) [[unlikely]]
        return weird(s, Weird::ipv4_options_truncated);  // options are skipped, but must be there
    uint32_t total_len = be16(h + 2);
    if (total_len == 0) {
        // TCP segmentation offload: Linux captures outgoing super-segments before the NIC fills
        // in the length (Zeek and Wireshark accept this too). What was captured is the packet.
        total_len = s.len;
    } else if (total_len < header_len) [[unlikely]] {
        return weird(s, Weird::bad_ipv4_total_length);
    }

    begin_ip_header(s, 4);
    DecodedPacket& out = s.out;
    out.src_ip = IpAddress::v4_bytes(h + 12);
    out.dst_ip = IpAddress::v4_bytes(h + 16);
    out.ip_len = s.bounded_ip_length(total_len);
    const uint8_t proto = h[9];
    out.ip_proto = proto;  // dispatch_ip_protocol replaces it when an AH header comes first

    // Ethernet pads short frames to 60 bytes: the IP total length, not the capture, ends the
    // packet. A capture shorter than the total length is just a short snapshot.
    if (total_len < s.len) s.len = total_len;
    s.skip(header_len);
    out.payload = {s.p, s.len};  // the fragment's bytes when it has no transport header

    const uint16_t frag = be16(h + 6);
    if (frag & 0x3fff) [[unlikely]] {  // MF set or a non-zero offset
        out.is_fragment = true;
        out.frag_id = be16(h + 4);
        // Only the first fragment carries the transport header; the others get its ports from
        // flows/fragment_ports.h when it was seen (docs/decode.md).
        if (frag & 0x1fff) return Layer::done_ip;
    }
    return dispatch_ip_protocol(s, proto);
}

}  // namespace sovscan::decode
