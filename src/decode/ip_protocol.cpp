// What follows an IP header: transport, a tunnel, or nothing decode looks into (ESP, OSPF ...).
#include "decode/ip_common.h"
#include "decode/layer.h"

namespace sovscan::decode {

Layer dispatch_ip_protocol(DecodeState& s, uint8_t proto) {
    while (proto == 51) [[unlikely]] {  // AH over IPv4 (IPv6 skips it in its extension chain)
        if (!skip_ah(s, proto)) return Layer::drop;
    }
    s.out.ip_proto = proto;
    s.out.payload = {s.p, s.len};
    switch (proto) {
    case 6: return decode_tcp(s);
    case 17: return decode_udp(s);
    case 1:
    case 58: return decode_icmp(s);
    case 4:  // IP-in-IP: 4in4, 4in6
        if (!enter_tunnel(s)) return Layer::drop;
        return Layer::ipv4;
    case 41:  // 6in4, 6in6
        if (!enter_tunnel(s)) return Layer::drop;
        return Layer::ipv6;
    case 47: return decode_gre(s);
    default: return Layer::done_ip;  // ESP (50), no next header (59), SCTP, OSPF ...: no ports
    }
}

}  // namespace sovscan::decode
