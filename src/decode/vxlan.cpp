// VXLAN (RFC 7348): flags with the I (valid VNI) bit, VNI, then an Ethernet frame.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_vxlan(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_vxlan_header);
    // The I flag set and the reserved bytes zero (RFC 7348 section 5); anything else is a plain UDP
    // datagram that happens to use the port.
    if (!(s.p[0] & 0x08) || s.p[1] || s.p[2] || s.p[3] || s.p[7]) return Layer::done_ip;
    s.skip(8);
    if (!enter_tunnel(s)) return Layer::drop;
    return Layer::ethernet;
}

}  // namespace sovscan::decode
