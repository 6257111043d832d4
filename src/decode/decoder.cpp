// The decode loop: every layer function returns the next layer, this switch calls it. Adding a
// protocol is one file, one Layer value and one case here.
#include "decode/decoder.h"

#include "common/reset.h"
#include "decode/layer.h"

namespace sovscan {

using decode::Layer;

bool Decoder::decode(const RawPacket& raw, DecodedPacket& out) {
    reset_to_default(out);
    out.ts_ns = raw.ts_ns;
    out.wire_len = raw.wire_len;
    out.input_index = raw.input_index;
    out.weight = raw.weight;

    decode::DecodeState s{raw.data, raw.data ? raw.caplen : 0, out, weirds_, non_ip_, raw.wire_len};
    s.uncaptured = raw.wire_len > raw.caplen ? raw.wire_len - raw.caplen : 0;
    Layer next;
    if (raw.link_type == last_link_type_) [[likely]] {
        next = static_cast<Layer>(last_first_layer_);
    } else {
        next = decode::link_layer(s, raw.link_type);
        if (next != Layer::drop) {  // an unsupported type is counted on each of its packets
            last_link_type_ = raw.link_type;
            last_first_layer_ = static_cast<uint8_t>(next);
        }
    }
    for (;;) {
        switch (next) {
        case Layer::ethernet: next = decode::decode_ethernet(s); break;
        case Layer::vlan: next = decode::decode_vlan(s); break;
        case Layer::llc: next = decode::decode_llc(s); break;
        case Layer::mpls: next = decode::decode_mpls(s); break;
        case Layer::pppoe_session: next = decode::decode_pppoe_session(s); break;
        case Layer::ppp: next = decode::decode_ppp(s); break;
        case Layer::cisco_hdlc: next = decode::decode_cisco_hdlc(s); break;
        case Layer::linux_sll: next = decode::decode_linux_sll(s); break;
        case Layer::linux_sll2: next = decode::decode_linux_sll2(s); break;
        case Layer::null_host: next = decode::decode_null(s, false); break;
        case Layer::loop_net: next = decode::decode_null(s, true); break;
        case Layer::ieee80211: next = decode::decode_ieee80211(s); break;
        case Layer::radiotap: next = decode::decode_radiotap(s); break;
        case Layer::ppi: next = decode::decode_ppi(s); break;
        case Layer::raw_ip: next = decode::decode_raw_ip(s); break;
        case Layer::ipv4: next = decode::decode_ipv4(s); break;
        case Layer::ipv6: next = decode::decode_ipv6(s); break;
        case Layer::done_ip: return true;
        case Layer::non_ip:
            // A tunnel whose payload is not IP (ARP inside VXLAN, encrypted PPP inside PPTP): the
            // tunnel packet itself is the flow worth keeping, so report the innermost IP header
            // that was decoded, as it was at that depth.
            if (out.ip_version != 0) {
                out.tunnel_depth = s.ip_depth;
                return true;
            }
            return false;
        case Layer::drop: out.ip_version = 0; return false;
        }
    }
}

NamedCounters Decoder::counters() const {
    NamedCounters c;
    for (size_t i = 0; i < weirds_.n.size(); ++i)
        if (weirds_.n[i]) c[weird_name(static_cast<Weird>(i))] += weirds_.n[i];
    for (size_t i = 0; i < non_ip_.n.size(); ++i)
        if (non_ip_.n[i]) c[non_ip_name(static_cast<NonIp>(i))] += non_ip_.n[i];
    return c;
}

}  // namespace sovscan
