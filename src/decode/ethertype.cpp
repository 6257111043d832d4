// The one "type field -> next layer" table, shared by every header that carries an EtherType.
#include "decode/layer.h"

namespace sovscan::decode {

Layer dispatch_ethertype(DecodeState& s, uint16_t ethertype) {
    switch (ethertype) {
    case 0x0800: return Layer::ipv4;
    case 0x86dd: return Layer::ipv6;
    case 0x8100:                          // 802.1Q
    case 0x88a8:                          // 802.1ad service tag (QinQ)
    case 0x9100: return Layer::vlan;      // pre-standard QinQ
    case 0x8847:                          // MPLS unicast
    case 0x8848: return Layer::mpls;      // MPLS multicast
    case 0x8864: return Layer::pppoe_session;
    case 0x8863: return non_ip(s, NonIp::non_ip_pppoe_discovery);
    case 0x0806: return non_ip(s, NonIp::non_ip_arp);
    case 0x88cc: return non_ip(s, NonIp::non_ip_lldp);
    case 0x888e: return non_ip(s, NonIp::non_ip_eapol);
    default: return non_ip(s, NonIp::non_ip_other);
    }
}

Layer dispatch_type_or_length(DecodeState& s, uint16_t type_or_length) {
    if (type_or_length >= 0x0600) [[likely]]
        return dispatch_ethertype(s, type_or_length);
    if (type_or_length > 1500) return non_ip(s, NonIp::non_ip_other);  // neither a length nor a type
    // IEEE 802.3: a length, LLC follows. The length excludes the padding to 64 bytes: cut it.
    if (type_or_length < s.len) s.len = type_or_length;
    return Layer::llc;
}

}  // namespace sovscan::decode
