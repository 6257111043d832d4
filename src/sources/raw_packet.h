#pragma once
#include <cstdint>

namespace sovscan {

// Link-layer header types (tcpdump.org LINKTYPE_ values) that sovscan decodes.
enum LinkType : uint16_t {
    kLinkNull = 0,            // BSD loopback, host-order 4-byte address family
    kLinkEthernet = 1,
    kLinkPpp = 9,
    kLinkRaw = 101,           // raw IPv4/IPv6 (LINKTYPE_RAW)
    kLinkLoop = 108,          // OpenBSD loopback, network-order address family
    kLinkLinuxSll = 113,
    kLinkIeee80211 = 105,
    kLinkIeee80211Radiotap = 127,
    kLinkIpv4 = 228,
    kLinkIpv6 = 229,
    kLinkLinuxSll2 = 276,
    kLinkDltRaw12 = 12,       // DLT_RAW on some BSDs/OpenBSD (value 12 or 14 in files)
    kLinkDltRaw14 = 14,
    kLinkPppHdlc = 50,        // PPP in HDLC-like framing
    kLinkCiscoHdlc = 104,
};

// One captured packet as read from a file: a view into the reader's buffer, never a copy. It stays
// valid while the reader hands out CaptureBytes::kKeepPackets (16) more packets.
struct RawPacket {
    const uint8_t* data = nullptr;
    uint32_t caplen = 0;      // bytes captured (what `data` holds)
    uint32_t wire_len = 0;    // bytes on the wire
    int64_t ts_ns = 0;        // nanoseconds since the Unix epoch
    uint16_t link_type = 0;   // LinkType of the interface it was captured on
    uint16_t input_index = 0; // which input file (index into CaptureSet::inputs())
    // How many packets this one stands for: 1 for a captured packet; an sFlow sample's rate (one
    // packet in N sampled), so that flows count what the exporter estimates went by.
    uint32_t weight = 1;
};

}  // namespace sovscan
