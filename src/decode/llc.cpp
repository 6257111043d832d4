// IEEE 802.2 LLC, and SNAP (AA AA 03 + OUI + EtherType) which is how IP rides on 802.3 and 802.11.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_llc(DecodeState& s) {
    if (s.len < 3) return weird(s, Weird::truncated_llc_header);
    const uint8_t dsap = s.p[0], ssap = s.p[1], control = s.p[2];
    if (dsap == 0xaa && ssap == 0xaa && control == 0x03) {
        if (s.len < 8) return weird(s, Weird::truncated_llc_header);
        const uint32_t oui = (uint32_t(s.p[3]) << 16) | (uint32_t(s.p[4]) << 8) | s.p[5];
        const uint16_t type = be16(s.p + 6);
        s.skip(8);
        // OUI 0: RFC 1042 encapsulation; 00-00-F8: 802.1H bridge tunnel. Other OUIs carry the
        // vendor's own protocols (Cisco CDP, VTP ...), never IP.
        if (oui == 0x000000 || oui == 0x0000f8) return dispatch_ethertype(s, type);
        return non_ip(s, NonIp::non_ip_other);
    }
    if (dsap == 0x42 && ssap == 0x42) return non_ip(s, NonIp::non_ip_stp);
    return non_ip(s, NonIp::non_ip_llc);
}

}  // namespace sovscan::decode
