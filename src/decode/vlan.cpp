// IEEE 802.1Q / 802.1ad tag: priority, DEI and VLAN id, then the next type. Stacked tags (QinQ)
// come back here through dispatch_ethertype; each consumes 4 bytes, so the loop ends.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_vlan(DecodeState& s) {
    if (s.len < 4) return weird(s, Weird::truncated_vlan_header);
    // The outermost tag is the one the monitored network assigns (the service tag in QinQ).
    if (!s.vlan_seen && s.out.tunnel_depth == 0) {
        s.vlan_seen = true;
        s.out.vlan_id = be16(s.p) & 0x0fff;
    }
    const uint16_t type = be16(s.p + 2);
    s.skip(4);
    return dispatch_type_or_length(s, type);
}

}  // namespace sovscan::decode
