#pragma once
// Bidirectional flows in an open-addressing hash table keyed by the symmetric 5-tuple (+ VLAN).
// Per packet: one hash, one probe sequence, a few counter updates, and an O(1) move to the tail of
// its expiry list; no allocation once the table has grown. Flows end by idle timeout, active
// timeout, TCP port reuse after close, or eviction when the live-flow bound is reached; each ended
// flow is handed to the FlowSink exactly once.
#include <bit>
#include <cstdint>
#include <vector>

#include "common/diagnostics.h"
#include "decode/decoded_packet.h"
#include "flows/flow.h"

namespace sovscan {

struct FlowTableConfig {
    int64_t tcp_idle_ns = 300'000'000'000LL;    // 5 min without a packet ends a TCP flow
    int64_t other_idle_ns = 120'000'000'000LL;  // 2 min for UDP, ICMP and the rest
    int64_t active_ns = 1800'000'000'000LL;     // 30 min: a longer flow is split into records
    uint32_t max_flows = 1u << 18;              // live flows; beyond it the least recent is evicted
};

enum class FlowEnd : uint8_t { idle_timeout, active_timeout, tcp_reuse, evicted, end_of_input };
const char* flow_end_label(FlowEnd e);

class FlowSink {
public:
    virtual ~FlowSink() = default;
    virtual void on_flow_end(Flow& flow, FlowEnd why) = 0;
};

// A packet's key and hash, computed ahead of update() so that the table's memory for it can be
// prefetched while earlier packets are processed (see PacketPipeline).
struct FlowLookup {
    FlowKey key;
    uint32_t hash = 0;
};

struct FlowUpdate {
    Flow* flow = nullptr;
    Direction dir = kToServer;
    bool created = false;
};

class FlowTable {
public:
    FlowTable(FlowTableConfig config, FlowSink& sink);

    // Accounts one decoded IP packet and returns its flow and direction. Expires flows whose
    // timeouts passed at this packet's time first (time only moves forward: packets out of order
    // by up to the timeouts are fine).
    FlowUpdate update(const DecodedPacket& pkt) { return update(pkt, lookup_for(pkt)); }
    FlowUpdate update(const DecodedPacket& pkt, const FlowLookup& lookup);

    FlowLookup lookup_for(const DecodedPacket& pkt) const {
        FlowLookup l;
        lookup_into(pkt, l);
        return l;
    }
    // The packet's key and hash, written where the caller keeps them; starts loading its slot of
    // the hash index into cache. Written in place, field by field, because a returned FlowLookup
    // is assembled on the stack in narrow stores and copied out in wide loads, which the store
    // buffer cannot forward (measured: the most expensive instructions of the packet loop).
    void lookup_into(const DecodedPacket& pkt, FlowLookup& out) const {
        make_key(pkt, out.key);
        out.hash = hash_key(out.key);
        __builtin_prefetch(&slots_[out.hash & mask_]);
    }
    // Once the slot is in cache: starts loading the flow it points to (the first candidate of the
    // probe sequence; a miss or a collision is only a wasted hint). Lookups may be stale: the
    // table may have changed since, which costs nothing but the hint.
    void prefetch_flow(const FlowLookup& l) const {
        const Slot& s = slots_[l.hash & mask_];
        if (s.index != kNil) {
            const char* e = reinterpret_cast<const char*>(&entries_[s.index]);
            __builtin_prefetch(e);
            __builtin_prefetch(e + 64);
        }
    }

    // Ends every live flow (end of input, or a stopped sensor flushing what it holds).
    void flush();
    // Calls `f` for every live flow, oldest activity first, ending none (a running sensor's
    // report at an interval counts what its live flows hold so far).
    template <class F>
    void for_each_live(F&& f) const {
        for (int l = 0; l < 2; ++l)
            for (uint32_t i = lists_[l].head; i != kNil; i = links_[i].next) f(static_cast<const Flow&>(entries_[i].flow));
    }

    size_t live_flows() const { return live_; }
    uint64_t flows_created() const { return created_; }
    NamedCounters counters() const;  // flows_created, flows_evicted, flows_idle_expired, ...

private:
    static constexpr uint32_t kNil = 0xffffffffu;
    struct Slot {  // hash index entry
        uint32_t hash;
        uint32_t index;  // into entries_, kNil = empty
    };
    // Cache-line aligned: a packet touches its flow's first two lines (see Flow).
    struct alignas(64) Entry {
        Flow flow;
        uint32_t hash = 0;                  // of flow.key, to find its slot again when it ends
        uint8_t list = 0;                   // which expiry list (0 = TCP, 1 = other)
        bool closed = false;                // TCP FIN both ways or RST: a new SYN starts a new flow
        bool fin_seen[2] = {false, false};
    };
    struct List {
        uint32_t head = kNil, tail = kNil;
        // The head flow's last_ns, kept here because the expiry check runs on nearly every packet
        // and the least recent flow's entry is the one least likely to be in cache.
        int64_t head_last_ns = 0;
    };

    // Inline (per packet, ahead of the table): the key stays in registers from the packet's
    // fields through the hash to its one store.
    static void make_key(const DecodedPacket& pkt, FlowKey& k) {
        // Ports are 0 when unknown (decoded_packet.h); a later fragment carries its first's.
        const uint16_t sp = pkt.src_port, dp = pkt.dst_port;
        const bool src_is_lo = pkt.src_ip < pkt.dst_ip || (pkt.src_ip == pkt.dst_ip && sp <= dp);
        if (src_is_lo) {
            k.lo_ip = pkt.src_ip, k.hi_ip = pkt.dst_ip, k.lo_port = sp, k.hi_port = dp;
        } else {
            k.lo_ip = pkt.dst_ip, k.hi_ip = pkt.src_ip, k.lo_port = dp, k.hi_port = sp;
        }
        k.proto = pkt.ip_proto;
        k.vlan = pkt.vlan_id;
    }
    static uint32_t hash_key(const FlowKey& k) {
        // One multiply-xorshift finaliser (murmur3's fmix64) over the key's words folded together:
        // the low halves carry IPv4 and most IPv6 entropy, the high halves are folded in
        // multiplied so that v6 prefixes count.
        const uint64_t ports =
            (uint64_t(k.lo_port) << 48) | (uint64_t(k.hi_port) << 32) | (uint64_t(k.proto) << 16) | k.vlan;
        uint64_t h = k.lo_ip.lo64() ^ std::rotl(k.hi_ip.lo64(), 31) ^ (k.lo_ip.hi64() * 0x9E3779B97F4A7C15ULL) ^
                     (k.hi_ip.hi64() * 0xC2B2AE3D27D4EB4FULL) ^ (ports * 0x2545F4914F6CDD1DULL);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return static_cast<uint32_t>(h ^ (h >> 32));
    }
    uint32_t find(const FlowKey& key, uint32_t hash) const;
    uint32_t insert(const FlowKey& key, uint32_t hash, const DecodedPacket& pkt);
    void erase_index(uint32_t hash, uint32_t index);
    void end_flow(uint32_t index, FlowEnd why);
    void expire(int64_t now);
    void link_tail(uint32_t index);
    void unlink(uint32_t index);
    void grow();
    // A packet's source MAC in direction `dir`: the first one becomes the flow's, others extras.
    // `outer`: of a tunnelled packet's outer link (kept apart from the packet's own frame's).
    static void note_mac(Flow& f, Direction dir, const MacAddress& src, bool outer);
    static void note_extra_mac(Flow& f, Direction dir, const MacAddress& mac, bool outer);
    void init_flow(Flow& f, const FlowKey& key, const DecodedPacket& pkt);

    FlowTableConfig config_;
    FlowSink& sink_;
    std::vector<Slot> slots_;
    uint32_t mask_ = 0;
    std::vector<Entry> entries_;
    // Expiry list links, by entry index, apart from the entries: moving a flow to its list's tail
    // rewrites its neighbours' links, and in this dense array (8 bytes a flow) they are mostly in
    // cache, where each neighbour's entry is a cache line nobody else needed.
    struct Link {
        uint32_t prev = kNil, next = kNil;
    };
    std::vector<Link> links_;
    std::vector<uint32_t> free_;
    List lists_[2];
    size_t live_ = 0;
    uint64_t created_ = 0, next_id_ = 1;
    uint64_t ended_[5] = {0, 0, 0, 0, 0};
    int64_t now_ = 0;
    // No flow can time out before this (a lower bound: a list's head may since have moved on). The
    // expiry check then costs one comparison on most packets instead of a walk of both lists.
    int64_t expiry_due_ = INT64_MAX;
    int64_t idle_ns(int list) const { return list == 0 ? config_.tcp_idle_ns : config_.other_idle_ns; }
    // When a flow last seen at `last_ns` ends for idleness. Saturates: a corrupt capture's
    // timestamps are clamped to the end of int64 nanoseconds, and adding the idle time there must
    // not wrap into the past.
    int64_t idle_deadline(int64_t last_ns, int list) const {
        const int64_t idle = idle_ns(list);
        return last_ns > INT64_MAX - idle ? INT64_MAX : last_ns + idle;
    }
};

// The server side of a conversation when no handshake says: the side using a well-known or
// registered service port.
bool is_service_port(uint16_t port, uint8_t proto);
// Whether the sender of a packet from `src_port` to `dst_port` is the client, when no handshake
// says so: the side on a port below 1024, else on a service port, is the server; else the sender
// is the client. Flows from other tools' records (flows/flow_record.h) are judged the same way.
bool sender_is_client_by_ports(uint16_t src_port, uint16_t dst_port, uint8_t proto);

}  // namespace sovscan
