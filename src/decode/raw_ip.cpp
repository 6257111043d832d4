// LINKTYPE_RAW (101) and DLT_RAW (12, 14): an IP packet with no link header; the version nibble
// says which.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_raw_ip(DecodeState& s) {
    if (s.len < 1) return weird(s, Weird::truncated_ipv4_header);
    switch (s.p[0] >> 4) {
    case 4: return Layer::ipv4;
    case 6: return Layer::ipv6;
    default: return weird(s, Weird::bad_ip_version);
    }
}

}  // namespace sovscan::decode
