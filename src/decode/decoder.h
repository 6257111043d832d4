#pragma once
// Link layer to transport, one file per protocol (decode/<proto>.cpp); this class only dispatches.
// Malformed input is an expected outcome: a named counter ("truncated_ipv4_header") and a skipped
// packet, never an exception or a read out of bounds.
#include <array>
#include <cstdint>

#include "common/diagnostics.h"
#include "decode/decoded_packet.h"
#include "decode/non_ip.h"
#include "decode/weird.h"
#include "sources/raw_packet.h"

namespace sovscan {

class Decoder {
public:
    // Fills `out` and returns true when an IP packet was found (out.ip_version != 0). Non-IP frames
    // (ARP, LLDP, STP, 802.11 management) return false and count as "non_ip_<kind>", not weird.
    bool decode(const RawPacket& raw, DecodedPacket& out);

    const WeirdCounts& weirds() const { return weirds_; }
    // Whether frames of this link type (LINKTYPE_ value) can be decoded at all.
    static bool supports_link_type(uint16_t link_type);
    const NonIpCounts& non_ip() const { return non_ip_; }
    // Every non-zero counter by name, for the report.
    NamedCounters counters() const;

private:
    WeirdCounts weirds_;
    NonIpCounts non_ip_;  // frames without IP (ARP, LLDP, 802.11 management ...): not weird
    // The first layer of the last supported link type seen (a decode::Layer): a capture's packets
    // nearly all share one link type, so its lookup is done once, not once a packet.
    uint32_t last_link_type_ = 0x10000;  // no 16-bit link type: nothing cached yet
    uint8_t last_first_layer_ = 0;
};

}  // namespace sovscan
