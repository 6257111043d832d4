// UDP (RFC 768): ports and length; the well-known tunnel ports continue into the tunnel.
#include "decode/layer.h"

namespace sovscan::decode {

namespace {
constexpr uint16_t kCapwapDataPort = 5247;  // IANA, RFC 5415
}  // namespace

Layer decode_udp(DecodeState& s) {
    if (s.len < 8) [[unlikely]]
        return weird(s, Weird::truncated_udp_header);
    const uint8_t* h = s.p;
    const uint32_t udp_len = be16(h + 4);
    // 0 is legal only in an IPv6 jumbogram (RFC 2675), where the IP layer gives the length.
    if (udp_len < 8 && !(udp_len == 0 && s.out.ip_version == 6)) [[unlikely]]
        return weird(s, Weird::bad_udp_length);
    DecodedPacket& out = s.out;
    out.has_l4 = true;
    out.src_port = be16(h);
    out.dst_port = be16(h + 2);
    s.skip(8);
    // The UDP length may end the datagram before the IP packet does (trailing bytes); a longer
    // one is a short capture or a first fragment: keep what is there.
    if (udp_len >= 8 && udp_len - 8 < s.len) s.len = udp_len - 8;
    out.payload = {s.p, s.len};

    // Tunnels are recognised by destination port, and entered only when their header says so;
    // otherwise the datagram is an ordinary UDP flow. VXLAN and Geneve senders pick their source
    // port from the inner flow's hash in the dynamic range (RFC 7348 section 5, RFC 8926 section
    // 3.3): a datagram from a well-known port (a DNS or NTP answer to a client that happened to use
    // 4789 or 6081) is that service's reply, not a tunnel.
    const bool from_tunnel_endpoint = out.src_port >= 1024;
    switch (out.dst_port) {
    case 4789:  // VXLAN (IANA)
    case 8472:  // VXLAN, Linux kernel default
        return from_tunnel_endpoint ? decode_vxlan(s) : Layer::done_ip;
    case 6081: return from_tunnel_endpoint ? decode_geneve(s) : Layer::done_ip;
    case 2152: return decode_gtpu(s);
    case kCapwapDataPort: return decode_capwap_data(s);
    default: break;
    }
    // CAPWAP's data channel runs both ways between an access point's own port and the
    // controller's 5247: the controller's frames to the AP leave from it.
    if (out.src_port == kCapwapDataPort) return decode_capwap_data(s);
    return Layer::done_ip;
}

}  // namespace sovscan::decode
