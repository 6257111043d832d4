#pragma once
// Which transport flow a later IP fragment belongs to. Only an IP datagram's first fragment carries
// the TCP/UDP header; the others carry the datagram's identification (IPv4 ID, IPv6 fragment
// header's) and nothing else. Remembering the first fragment's ports by (addresses, protocol,
// identification, VLAN) lets the later ones count in the flow they belong to, instead of in a flow
// of their own keyed on ports 0 (what nDPI and softflowd do: drop or mis-key them). Decode does not
// reassemble: a later fragment's bytes are counted, its payload (the middle of a datagram) is not
// inspected.
//
// Bounded and exact: a direct-mapped table (a new datagram may overwrite an older one's entry)
// whose entries are compared on the whole key and trusted for kWindowNs only, so an identification
// reused later, or a later fragment whose first was overwritten or never captured, is never given
// another datagram's ports: it keeps ports 0, counted as fragments_without_first (as is one whose
// first fragment came later, or was too short for its transport header and so was not decoded).
#include <cstdint>
#include <vector>

#include "common/diagnostics.h"
#include "common/ip_address.h"
#include "decode/decoded_packet.h"

namespace sovscan {

class FragmentPorts {
public:
    // Linux keeps a datagram's fragments for 30 s (net.ipv4.ipfrag_time) before giving up on it;
    // RFC 791 suggests a 15 s timer. Fragments further apart are not one datagram.
    static constexpr int64_t kWindowNs = 30'000'000'000LL;

    explicit FragmentPorts(size_t capacity = 4096);

    // For a fragment (pkt.is_fragment): a first fragment's ports are remembered; a later fragment
    // takes them when its first was seen, and its payload is cleared (no transport header, nothing
    // a dissector can read).
    void on_fragment(DecodedPacket& pkt);

    NamedCounters counters() const;  // fragments_attributed, fragments_without_first

private:
    struct Entry {
        IpAddress src, dst;
        uint32_t id = 0;
        uint16_t vlan = 0;
        uint8_t proto = 0;
        bool used = false;
        uint16_t src_port = 0, dst_port = 0;
        int64_t ts_ns = 0;
    };
    Entry& slot_for(const DecodedPacket& pkt);

    std::vector<Entry> table_;
    uint64_t attributed_ = 0, without_first_ = 0;
};

}  // namespace sovscan
