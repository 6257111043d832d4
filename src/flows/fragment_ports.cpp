#include "flows/fragment_ports.h"

#include <bit>

namespace sovscan {

FragmentPorts::FragmentPorts(size_t capacity) : table_(std::bit_ceil(capacity < 1 ? size_t{1} : capacity)) {}

FragmentPorts::Entry& FragmentPorts::slot_for(const DecodedPacket& pkt) {
    // Fragments are rare: a plain multiplicative hash of the identifying fields is enough.
    uint64_t h = pkt.src_ip.lo64() ^ (pkt.dst_ip.lo64() * 0x9E3779B97F4A7C15ULL) ^ pkt.src_ip.hi64() ^
                 (pkt.dst_ip.hi64() * 0xC2B2AE3D27D4EB4FULL);
    h ^= (uint64_t(pkt.frag_id) << 24) ^ (uint64_t(pkt.ip_proto) << 8) ^ (uint64_t(pkt.vlan_id) << 56);
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
    return table_[h & (table_.size() - 1)];
}

void FragmentPorts::on_fragment(DecodedPacket& pkt) {
    Entry& e = slot_for(pkt);
    if (pkt.has_l4) {  // the first fragment: it has the transport header
        e = Entry{pkt.src_ip, pkt.dst_ip, pkt.frag_id, pkt.vlan_id, pkt.ip_proto, true, pkt.src_port, pkt.dst_port, pkt.ts_ns};
        return;
    }
    const bool same = e.used && e.id == pkt.frag_id && e.proto == pkt.ip_proto && e.vlan == pkt.vlan_id &&
                      e.src == pkt.src_ip && e.dst == pkt.dst_ip;
    const int64_t age = pkt.ts_ns - e.ts_ns;
    if (!same || age > kWindowNs || age < -kWindowNs) {
        ++without_first_;
        return;
    }
    pkt.src_port = e.src_port;
    pkt.dst_port = e.dst_port;
    pkt.payload = {};
    ++attributed_;
}

NamedCounters FragmentPorts::counters() const {
    return {{"fragments_attributed", attributed_}, {"fragments_without_first", without_first_}};
}

}  // namespace sovscan
