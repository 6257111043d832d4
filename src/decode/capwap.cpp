// CAPWAP data channel (RFC 5415 section 4.3; IEEE 802.11 binding, RFC 5416): controller-based
// Wi-Fi (Cisco, Aruba, Huawei, H3C, Ruijie ... access points) tunnels its stations' frames between
// each access point and the controller over UDP 5247. The flows worth keying are the stations'
// inside it, as with VXLAN.
//
// Header: preamble (version 0, type 0; type 1 is a DTLS-encrypted data channel, which stays a UDP
// flow), HLEN (5 bits, the header's length in 4-byte words, optional fields included), RID, WBID
// (wireless binding: 1 = IEEE 802.11), flags T (the frame is in the binding's native format, else
// 802.3), F (a fragment of a larger frame), L, W, M (optional fields, inside HLEN), K (a
// keep-alive with no frame); fragment id and offset. A keep-alive or a fragment of a frame stays
// a UDP datagram of the tunnel endpoints (decode does not reassemble).
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_capwap_data(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_capwap_header);
    const uint8_t* h = s.p;
    if (h[0] != 0) return Layer::done_ip;  // DTLS, or not CAPWAP: a plain UDP datagram
    const uint32_t header_len = (h[1] >> 3) * 4u;
    const uint8_t wbid = (h[2] >> 1) & 0x1f;
    const bool native = h[2] & 0x01;
    const uint8_t flags = h[3];
    const bool fragment = flags & 0x80, keep_alive = flags & 0x08;
    // The three reserved flag bits are zero, and HLEN covers at least the 8 fixed bytes: what a
    // datagram that merely uses port 5247 is unlikely to look like.
    if (header_len < 8 || (flags & 0x07) != 0) return Layer::done_ip;
    if (header_len > s.len) return weird(s, Weird::truncated_capwap_header);
    if (fragment || keep_alive) return Layer::done_ip;
    if (native && wbid != 1) return Layer::done_ip;  // a binding other than IEEE 802.11
    s.skip(header_len);
    if (!enter_tunnel(s)) return Layer::drop;
    if (!native) return Layer::ethernet;
    // Cisco controllers send the 802.11 frame control field byte-swapped (Wireshark's CAPWAP
    // "swap frame control" preference). The first byte of a data frame is version 0 and type 2
    // (low nibble 1000); when only the second byte looks like that, the two were swapped.
    if (s.len >= 2 && (s.p[0] & 0x0f) != 0x08 && (s.p[1] & 0x0f) == 0x08) s.wifi_fc_swapped = true;
    return Layer::ieee80211;
}

}  // namespace sovscan::decode
