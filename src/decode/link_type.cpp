// LINKTYPE_ value of the capture's interface -> first layer to decode.
#include "decode/decoder.h"
#include "decode/layer.h"
#include "sources/raw_packet.h"

namespace sovscan::decode {

constexpr uint16_t kLinkPpi = 192;  // not (yet) in sources/raw_packet.h

// The one table of supported link types: Layer::drop for the rest.
Layer first_layer(uint16_t link_type) {
    switch (link_type) {
    case kLinkEthernet: return Layer::ethernet;
    case kLinkNull: return Layer::null_host;
    case kLinkLoop: return Layer::loop_net;
    case kLinkRaw:
    case kLinkDltRaw12:
    case kLinkDltRaw14: return Layer::raw_ip;
    case kLinkIpv4: return Layer::ipv4;
    case kLinkIpv6: return Layer::ipv6;
    case kLinkPpp:
    case kLinkPppHdlc: return Layer::ppp;
    case kLinkCiscoHdlc: return Layer::cisco_hdlc;
    case kLinkLinuxSll: return Layer::linux_sll;
    case kLinkLinuxSll2: return Layer::linux_sll2;
    case kLinkIeee80211: return Layer::ieee80211;
    case kLinkIeee80211Radiotap: return Layer::radiotap;
    case kLinkPpi: return Layer::ppi;
    default: return Layer::drop;
    }
}

Layer link_layer(DecodeState& s, uint16_t link_type) {
    Layer l = first_layer(link_type);
    return l == Layer::drop ? weird(s, Weird::unsupported_link_type) : l;
}

}  // namespace sovscan::decode

namespace sovscan {

bool Decoder::supports_link_type(uint16_t link_type) { return decode::first_layer(link_type) != decode::Layer::drop; }

}  // namespace sovscan
