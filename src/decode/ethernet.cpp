// Ethernet II and IEEE 802.3: destination, source, type or length.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_ethernet(DecodeState& s) {
    if (s.len < 14) [[unlikely]]
        return weird(s, Weird::truncated_ethernet_header);
    // Only the outermost frame names devices on the monitored network; an Ethernet frame inside a
    // tunnel belongs to the overlay.
    if (s.out.tunnel_depth == 0 && !s.out.has_macs) {
        s.out.has_macs = true;
        s.out.dst_mac = MacAddress(s.p);
        s.out.src_mac = MacAddress(s.p + 6);
    }
    const uint16_t type = be16(s.p + 12);
    s.skip(14);
    return dispatch_type_or_length(s, type);
}

}  // namespace sovscan::decode
