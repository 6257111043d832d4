// Per-Packet Information (LINKTYPE_PPI, 192), an older metadata wrapper (CACE/AirPcap): version,
// flags, header length, and the link type of the frame that follows the header.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_ppi(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_ppi_header);
    const uint32_t header_len = le16(s.p + 2);
    const uint32_t link_type = le32(s.p + 4);
    if (s.p[0] != 0 || header_len < 8) return weird(s, Weird::bad_ppi_header);
    if (header_len > s.len) return weird(s, Weird::truncated_ppi_header);
    s.skip(header_len);
    if (link_type > 0xffff) return weird(s, Weird::unsupported_link_type);
    return link_layer(s, static_cast<uint16_t>(link_type));
}

}  // namespace sovscan::decode
