// Ethernet II and IEEE 802.3: destination, source, type or length.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_ethernet(DecodeState& s) {
    if (s.len < 14) [[unlikely]]
        return weird(s, Weird::truncated_ethernet_header);
    link_addresses(s, s.p, s.p + 6);
    const uint16_t type = be16(s.p + 12);
    s.skip(14);
    return dispatch_type_or_length(s, type);
}

}  // namespace sovscan::decode
