// Cisco ERSPAN, mirrored Ethernet frames inside GRE (draft-foschiano-erspan). GRE has already
// counted the tunnel.
#include "decode/layer.h"

namespace sovscan::decode {

// Type II: version/VLAN, COS/encap/truncated/session id, reserved/index: 8 bytes.
Layer decode_erspan2(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_erspan_header);
    s.skip(8);
    return Layer::ethernet;
}

// Type III: 12 bytes, then an 8-byte platform-specific subheader when the O bit (the last bit
// of the 12) is set.
Layer decode_erspan3(DecodeState& s) {
    if (s.len < 12) return weird(s, Weird::truncated_erspan_header);
    const uint32_t header_len = (s.p[11] & 0x01) ? 20 : 12;
    if (header_len > s.len) return weird(s, Weird::truncated_erspan_header);
    s.skip(header_len);
    return Layer::ethernet;
}

}  // namespace sovscan::decode
