// PPPoE session stage (RFC 2516): version/type 0x11, code 0, session id, payload length, then
// a PPP protocol field. Discovery (0x8863) never reaches here: dispatch_ethertype counts it.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_pppoe_session(DecodeState& s) {
    if (s.len < 6) return weird(s, Weird::truncated_pppoe_header);
    if (s.p[0] != 0x11 || s.p[1] != 0x00) return weird(s, Weird::bad_pppoe_header);
    const uint16_t length = be16(s.p + 4);
    s.skip(6);
    if (length < s.len) s.len = length;  // Ethernet padding is not PPP payload
    return Layer::ppp;
}

}  // namespace sovscan::decode
