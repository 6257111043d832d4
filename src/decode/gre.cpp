// GRE (RFC 2784/2890) version 0 with optional checksum, key and sequence number, and the
// enhanced GRE of PPTP (RFC 2637, version 1) that carries PPP.
#include "decode/layer.h"

namespace sovscan::decode {

namespace {

constexpr uint16_t kChecksum = 0x8000, kRouting = 0x4000, kKey = 0x2000, kSequence = 0x1000,
                   kAck = 0x0080;

Layer gre_v0(DecodeState& s, uint16_t flags, uint16_t protocol) {
    // RFC 1701 source routing is obsolete (RFC 2784) and nothing sends it.
    if (flags & kRouting) return weird(s, Weird::bad_gre_header);
    const uint32_t header_len =
        4 + ((flags & kChecksum) ? 4 : 0) + ((flags & kKey) ? 4 : 0) + ((flags & kSequence) ? 4 : 0);
    if (header_len > s.len) return weird(s, Weird::truncated_gre_header);
    s.skip(header_len);
    if (!enter_tunnel(s)) return Layer::drop;
    switch (protocol) {
    case 0x6558: return Layer::ethernet;  // transparent Ethernet bridging (NVGRE, gretap)
    // ERSPAN type II carries an 8-byte header and sets the sequence bit; type I has neither.
    case 0x88be: return (flags & kSequence) ? decode_erspan2(s) : Layer::ethernet;
    case 0x22eb: return decode_erspan3(s);
    default: return dispatch_ethertype(s, protocol);
    }
}

Layer gre_v1_pptp(DecodeState& s, uint16_t flags, uint16_t protocol) {
    // Key is mandatory (payload length + call id), checksum and routing are not allowed.
    if (protocol != 0x880b || !(flags & kKey) || (flags & (kChecksum | kRouting)))
        return weird(s, Weird::bad_gre_header);
    const uint32_t header_len = 8 + ((flags & kSequence) ? 4 : 0) + ((flags & kAck) ? 4 : 0);
    if (header_len > s.len) return weird(s, Weird::truncated_gre_header);
    const uint16_t payload_len = be16(s.p + 4);
    s.skip(header_len);
    // An acknowledgement without payload: the GRE packet of the PPTP endpoints is the flow.
    if (payload_len == 0 || s.len == 0) return Layer::done_ip;
    if (payload_len < s.len) s.len = payload_len;
    if (!enter_tunnel(s)) return Layer::drop;
    return Layer::ppp;
}

}  // namespace

Layer decode_gre(DecodeState& s) {
    if (s.len < 4) return weird(s, Weird::truncated_gre_header);
    const uint16_t flags = be16(s.p);
    const uint16_t protocol = be16(s.p + 2);
    switch (flags & 0x0007) {
    case 0: return gre_v0(s, flags, protocol);
    case 1: return gre_v1_pptp(s, flags, protocol);
    default: return weird(s, Weird::bad_gre_header);
    }
}

}  // namespace sovscan::decode
