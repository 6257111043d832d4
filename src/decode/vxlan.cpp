// VXLAN (RFC 7348): flags with the I (valid VNI) bit, VNI, then an Ethernet frame.
#include "decode/layer.h"

namespace sovscan::decode {

Layer decode_vxlan(DecodeState& s) {
    if (s.len < 8) return weird(s, Weird::truncated_vxlan_header);
    if (!(s.p[0] & 0x08)) return Layer::done_ip;  // not VXLAN after all: a plain UDP datagram
    s.skip(8);
    if (!enter_tunnel(s)) return Layer::drop;
    return Layer::ethernet;
}

}  // namespace sovscan::decode
