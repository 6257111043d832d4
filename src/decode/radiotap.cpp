// Radiotap (radiotap.org), the capture metadata before 802.11 frames on monitor interfaces.
// Decode needs one field from it: Flags, which says whether the frame ends with its 4-byte FCS
// (so it can be cut), whether the FCS was bad, and whether the 802.11 header is padded.
#include "decode/layer.h"

namespace sovscan::decode {

namespace {
constexpr uint32_t kPresentTsft = 1u << 0, kPresentFlags = 1u << 1, kPresentExt = 1u << 31;
constexpr uint8_t kFlagDataPad = 0x20, kFlagFcsAtEnd = 0x10, kFlagBadFcs = 0x40;
}  // namespace

Layer decode_radiotap(DecodeState& s) {
    // version (1), pad (1), it_len (2, little-endian like every radiotap field), present (4)
    if (s.len < 8) return weird(s, Weird::truncated_radiotap_header);
    const uint8_t* h = s.p;
    const uint32_t it_len = le16(h + 2);
    if (h[0] != 0 || it_len < 8) return weird(s, Weird::bad_radiotap_header);
    if (it_len > s.len) return weird(s, Weird::truncated_radiotap_header);

    const uint32_t present = le32(h + 4);
    uint32_t off = 8;
    for (uint32_t word = present; word & kPresentExt;) {  // extended present bitmaps
        if (off + 4 > it_len) return weird(s, Weird::bad_radiotap_header);
        word = le32(h + off);
        off += 4;
    }
    uint8_t flags = 0;
    if (present & kPresentFlags) {
        // Fields follow in bit order, each aligned to its size from the start of the header.
        if (present & kPresentTsft) off = ((off + 7) & ~7u) + 8;  // u64 TSF timer
        if (off >= it_len) return weird(s, Weird::bad_radiotap_header);
        flags = h[off];
    }
    if (flags & kFlagBadFcs) return weird(s, Weird::bad_80211_fcs);

    // What was on the air after the radiotap header; the FCS is its last 4 bytes, which a short
    // snapshot may not have captured at all.
    const uint32_t wire_total = s.wire_len > s.len ? s.wire_len : s.len;
    s.skip(it_len);
    if (flags & kFlagFcsAtEnd) {
        const uint32_t wire_frame = wire_total - it_len;
        const uint32_t end = wire_frame >= 4 ? wire_frame - 4 : 0;
        if (end < s.len) s.len = end;
    }
    s.wifi_data_pad = flags & kFlagDataPad;
    return Layer::ieee80211;
}

}  // namespace sovscan::decode
