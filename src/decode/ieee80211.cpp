// IEEE 802.11 MAC header. Only data frames carry IP (through LLC/SNAP); management and control
// frames are counted as non-IP, protected (encrypted) data frames as encrypted_80211.
#include "decode/layer.h"

namespace sovscan::decode {

namespace {
constexpr uint8_t kToDs = 0x01, kFromDs = 0x02, kProtected = 0x40, kOrder = 0x80;
}  // namespace

Layer decode_ieee80211(DecodeState& s) {
    if (s.len < 2) return weird(s, Weird::truncated_80211_header);
    const uint8_t fc0 = s.p[s.wifi_fc_swapped ? 1 : 0], fc1 = s.p[s.wifi_fc_swapped ? 0 : 1];
    const uint8_t type = (fc0 >> 2) & 0x03, subtype = fc0 >> 4;
    switch (type) {
    case 0: return non_ip(s, NonIp::non_ip_80211_management);
    case 1: return non_ip(s, NonIp::non_ip_80211_control);
    case 2: break;
    default: return non_ip(s, NonIp::non_ip_other);  // extension frames (DMG beacons)
    }
    if ((fc0 & 0x03) != 0) return non_ip(s, NonIp::non_ip_other);  // protocol version 1 (802.11ah)

    const uint8_t ds = fc1 & (kToDs | kFromDs);
    const bool qos = subtype & 0x08;
    uint32_t header_len = ds == (kToDs | kFromDs) ? 30 : 24;  // a 4th address in WDS/mesh
    const uint32_t qos_off = header_len;
    if (qos) header_len += (fc1 & kOrder) ? 6 : 2;  // QoS control, + HT control with Order
    if (s.len < header_len) return weird(s, Weird::truncated_80211_header);

    // Addresses by the DS bits: addr1 is the receiver, addr2 the transmitter, and the frame's own
    // destination (DA) and source (SA) are addr1 and addr2 unless the frame goes to the
    // distribution system (ToDS: addr1 is the AP's BSSID, DA is addr3) or comes from it (FromDS:
    // addr2 is the BSSID, SA is addr3; addr4 when it goes both ways, WDS/mesh). So a station's own
    // MAC is SA of what it sends (addr2 with ToDS) and DA of what it receives (addr1 with FromDS),
    // and the other end is the router behind the AP, never the AP itself.
    const uint8_t* a = s.p + 4;  // addr1 at 4, addr2 at 10, addr3 at 16, addr4 at 24
    static constexpr uint8_t kDstOff[4] = {0, 12, 0, 12};
    static constexpr uint8_t kSrcOff[4] = {6, 6, 12, 20};
    link_addresses(s, a + kDstOff[ds], a + kSrcOff[ds]);
    if (subtype & 0x04) return non_ip(s, NonIp::non_ip_80211_null_data);  // (QoS) null: no body
    if (fc1 & kProtected) return non_ip(s, NonIp::encrypted_80211);
    const bool amsdu = qos && (s.p[qos_off] & 0x80);

    if (s.wifi_data_pad) {
        header_len = (header_len + 3) & ~3u;
        if (s.len < header_len) return weird(s, Weird::truncated_80211_header);
    }
    s.skip(header_len);
    if (amsdu) {
        // An aggregate of subframes (DA, SA, length, LLC ...); decode follows the first one. The
        // header's addr3 (and addr4) hold the BSSID where DA or SA would be (IEEE 802.11-2016
        // table 9-26): the subframe names the packet's own.
        if (s.len < 14) return weird(s, Weird::truncated_80211_header);
        if (s.out.tunnel_depth == 0) {
            s.out.dst_mac = MacAddress(s.p);
            s.out.src_mac = MacAddress(s.p + 6);
        } else {
            link_addresses(s, s.p, s.p + 6);
        }
        const uint16_t sub_len = be16(s.p + 12);
        s.skip(14);
        if (sub_len < s.len) s.len = sub_len;
    }
    return Layer::llc;
}

}  // namespace sovscan::decode
