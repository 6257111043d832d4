// BSD loopback (LINKTYPE_NULL, 0) and OpenBSD loopback (LINKTYPE_LOOP, 108): a 4-byte address
// family. For NULL it is in the byte order of the host that captured, which the file does not say,
// so both orders are accepted (a family is a small number: the order that gives one is right).
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_null(DecodeState& s, bool network_order) {
    if (s.len < 4) return weird(s, Weird::truncated_null_header);
    uint32_t af = network_order ? be32(s.p) : le32(s.p);
    if (af > 0xffff) af = __builtin_bswap32(af);
    s.skip(4);
    switch (af) {
    case 2: return Layer::ipv4;   // AF_INET everywhere
    case 24:                      // AF_INET6 on NetBSD, OpenBSD
    case 28:                      // FreeBSD, DragonFly
    case 30: return Layer::ipv6;  // macOS, iOS
    default: return non_ip(s, NonIp::non_ip_other);
    }
}

}  // namespace sovscan::decode
