// Cisco HDLC (LINKTYPE_C_HDLC, 104): address (0x0F unicast, 0x8F broadcast), control, EtherType.
// SLARP keepalives (0x8035) and CDP (0x2000) count as non-IP.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_cisco_hdlc(DecodeState& s) {
    if (s.len < 4) return weird(s, Weird::truncated_cisco_hdlc_header);
    const uint16_t type = be16(s.p + 2);
    s.skip(4);
    return dispatch_ethertype(s, type);
}

}  // namespace sovscan::decode
