#include "flows/flow_table.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace sovscan {

const char* flow_end_label(FlowEnd e) {
    switch (e) {
        case FlowEnd::idle_timeout: return "idle_timeout";
        case FlowEnd::active_timeout: return "active_timeout";
        case FlowEnd::tcp_reuse: return "tcp_reuse";
        case FlowEnd::evicted: return "evicted";
        case FlowEnd::end_of_input: return "end_of_input";
    }
    return "unknown";
}

const char* name_source_label(NameSource s) {
    switch (s) {
        case NameSource::none: return "none";
        case NameSource::dns: return "dns";
        case NameSource::tls_certificate: return "tls_certificate";
        case NameSource::http_host: return "http_host";
        case NameSource::http_absolute_uri: return "http_absolute_uri";
        case NameSource::proxy_connect: return "proxy_connect";
        case NameSource::quic_sni: return "quic_sni";
        case NameSource::sni: return "sni";
    }
    return "none";
}

const char* dns_name_basis_label(DnsNameBasis b) {
    switch (b) {
        case DnsNameBasis::none: return "";
        case DnsNameBasis::other_client_after: return "other_client_after";
        case DnsNameBasis::own_after: return "own_after";
        case DnsNameBasis::other_client_before: return "other_client_before";
        case DnsNameBasis::own_before: return "own_before";
    }
    return "";
}

bool is_service_port(uint16_t port, uint8_t proto) {
    if (port == 0) return false;
    if (port < 1024) return true;
    // Registered ports that servers commonly listen on (management, ICS, IoT, proxies, VPN).
    switch (port) {
        case 1080: case 1194: case 1433: case 1521: case 1701: case 1723: case 1812: case 1883:
        case 2049: case 2152: case 2404: case 3128: case 3306: case 3389: case 3478: case 4433:
        case 4789: case 5060: case 5061: case 5222: case 5223: case 5228: case 5353: case 5432:
        case 5683: case 5900: case 5901: case 6379: case 6443: case 6653: case 8000: case 8008:
        case 8080: case 8081: case 8088: case 8443: case 8883: case 8888: case 9000: case 9092:
        case 9200: case 11211: case 20000: case 27017: case 44818: case 47808:
            return true;
        default:
            return false;
    }
}

FlowTable::FlowTable(FlowTableConfig config, FlowSink& sink) : config_(config), sink_(sink) {
    if (config_.max_flows == 0) config_.max_flows = 1;
    slots_.assign(4096, Slot{0, kNil});
    mask_ = static_cast<uint32_t>(slots_.size() - 1);
}

uint32_t FlowTable::find(const FlowKey& key, uint32_t hash) const {
    for (uint32_t pos = hash & mask_;; pos = (pos + 1) & mask_) {
        const Slot& s = slots_[pos];
        if (s.index == kNil) return kNil;
        if (s.hash == hash && entries_[s.index].flow.key == key) return s.index;
    }
}

void FlowTable::grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{0, kNil});
    mask_ = static_cast<uint32_t>(slots_.size() - 1);
    for (const Slot& s : old) {
        if (s.index == kNil) continue;
        uint32_t pos = s.hash & mask_;
        while (slots_[pos].index != kNil) pos = (pos + 1) & mask_;
        slots_[pos] = s;
    }
}

void FlowTable::erase_index(uint32_t hash, uint32_t index) {
    uint32_t pos = hash & mask_;
    while (slots_[pos].index != index) pos = (pos + 1) & mask_;
    // Backward-shift deletion keeps linear probing correct without tombstones.
    uint32_t hole = pos;
    for (uint32_t next = (hole + 1) & mask_;; next = (next + 1) & mask_) {
        const Slot& s = slots_[next];
        if (s.index == kNil) break;
        uint32_t home = s.hash & mask_;
        // Move s into the hole if its home position does not lie cyclically in (hole, next].
        bool between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
        if (!between) {
            slots_[hole] = s;
            hole = next;
        }
    }
    slots_[hole] = Slot{0, kNil};
}

void FlowTable::link_tail(uint32_t index) {
    Entry& e = entries_[index];
    Link& k = links_[index];
    List& l = lists_[e.list];
    k.prev = l.tail;
    k.next = kNil;
    if (l.tail != kNil) {
        links_[l.tail].next = index;
    } else {
        l.head = index;
        l.head_last_ns = e.flow.last_ns;
        expiry_due_ = std::min(expiry_due_, idle_deadline(l.head_last_ns, e.list));
    }
    l.tail = index;
}

void FlowTable::unlink(uint32_t index) {
    Link& k = links_[index];
    List& l = lists_[entries_[index].list];
    if (k.prev != kNil) {
        links_[k.prev].next = k.next;
    } else {
        l.head = k.next;
        if (k.next != kNil) {
            l.head_last_ns = entries_[k.next].flow.last_ns;
            // Out-of-order timestamps can leave an older flow behind the head.
            expiry_due_ = std::min(expiry_due_, idle_deadline(l.head_last_ns, entries_[index].list));
        }
    }
    if (k.next != kNil) links_[k.next].prev = k.prev;
    else l.tail = k.prev;
    k.prev = k.next = kNil;
}

void FlowTable::end_flow(uint32_t index, FlowEnd why) {
    Entry& e = entries_[index];
    ++ended_[static_cast<int>(why)];
    sink_.on_flow_end(e.flow, why);
    unlink(index);
    erase_index(e.hash, index);
    e.flow.reset();  // for reuse, keeping its buffers
    e.closed = false;
    e.fin_seen[0] = e.fin_seen[1] = false;
    free_.push_back(index);
    --live_;
}

void FlowTable::expire(int64_t now) {
    int64_t due = INT64_MAX;
    for (int l = 0; l < 2; ++l) {
        while (lists_[l].head != kNil) {
            const int64_t deadline = idle_deadline(lists_[l].head_last_ns, l);
            if (deadline >= now) {
                due = std::min(due, deadline);
                break;
            }
            end_flow(lists_[l].head, FlowEnd::idle_timeout);
        }
    }
    expiry_due_ = due;
}

void FlowTable::init_flow(Flow& f, const FlowKey& key, const DecodedPacket& pkt) {
    f.id = next_id_++;
    f.key = key;
    f.proto = pkt.ip_proto;
    f.vlan = pkt.vlan_id;
    f.input_index = pkt.input_index;
    f.tunnelled = pkt.tunnel_depth > 0;
    f.first_ns = f.last_ns = pkt.ts_ns;
    const uint16_t sp = pkt.src_port, dp = pkt.dst_port;

    // Who is the client: a SYN says so; otherwise the side on a service port is the server (the
    // rule FACTS.md and most flow tools use), else the first packet's sender is the client.
    bool src_is_client = true;
    if (pkt.ip_proto == kProtoTcp && pkt.has_l4 && (pkt.tcp_flags & kSyn)) {
        src_is_client = !(pkt.tcp_flags & kAck);
        f.client_by_handshake = true;
    } else if ((pkt.ip_proto == kProtoIcmp && (pkt.icmp_type == 0 || pkt.icmp_type == 14 || pkt.icmp_type == 16)) ||
               (pkt.ip_proto == kProtoIcmpv6 && pkt.icmp_type == 129)) {
        src_is_client = false;  // a reply came first
    } else {
        src_is_client = sender_is_client_by_ports(sp, dp, pkt.ip_proto);
    }
    if (src_is_client) {
        f.client_ip = pkt.src_ip, f.server_ip = pkt.dst_ip, f.client_port = sp, f.server_port = dp;
    } else {
        f.client_ip = pkt.dst_ip, f.server_ip = pkt.src_ip, f.client_port = dp, f.server_port = sp;
    }
}

uint32_t FlowTable::insert(const FlowKey& key, uint32_t hash, const DecodedPacket& pkt) {
    if (live_ >= config_.max_flows) {
        // Evict the least recently seen flow of either list.
        uint32_t a = lists_[0].head, b = lists_[1].head;
        uint32_t victim = a == kNil ? b : b == kNil ? a : (lists_[0].head_last_ns <= lists_[1].head_last_ns ? a : b);
        if (victim != kNil) end_flow(victim, FlowEnd::evicted);
    }
    if ((live_ + 1) * 2 > slots_.size()) grow();
    uint32_t index;
    if (!free_.empty()) {
        index = free_.back();
        free_.pop_back();
    } else {
        index = static_cast<uint32_t>(entries_.size());
        entries_.emplace_back();
        links_.emplace_back();
    }
    Entry& e = entries_[index];
    init_flow(e.flow, key, pkt);
    e.hash = hash;
    e.list = pkt.ip_proto == kProtoTcp ? 0 : 1;
    link_tail(index);
    uint32_t pos = hash & mask_;
    while (slots_[pos].index != kNil) pos = (pos + 1) & mask_;
    slots_[pos] = Slot{hash, index};
    ++live_;
    ++created_;
    return index;
}

FlowUpdate FlowTable::update(const DecodedPacket& pkt, const FlowLookup& lookup) {
    if (pkt.ts_ns > now_) {
        now_ = pkt.ts_ns;
        if (now_ > expiry_due_) expire(now_);
    }
    const FlowKey& key = lookup.key;
    const uint32_t hash = lookup.hash;
    uint32_t index = find(key, hash);
    FlowUpdate up;
    const bool pure_syn = pkt.ip_proto == kProtoTcp && pkt.has_l4 && (pkt.tcp_flags & (kSyn | kAck)) == kSyn;

    if (index != kNil) {
        Entry& e = entries_[index];
        if (pure_syn && e.closed) {
            end_flow(index, FlowEnd::tcp_reuse);
            index = kNil;
        } else if (pkt.ts_ns - e.flow.first_ns >= config_.active_ns) {
            // Split a long flow into records, keeping who is client and server.
            Flow old_orientation;
            old_orientation.client_ip = e.flow.client_ip, old_orientation.server_ip = e.flow.server_ip;
            old_orientation.client_port = e.flow.client_port, old_orientation.server_port = e.flow.server_port;
            bool by_handshake = e.flow.client_by_handshake;
            end_flow(index, FlowEnd::active_timeout);
            index = insert(key, hash, pkt);
            Flow& f = entries_[index].flow;
            f.client_ip = old_orientation.client_ip, f.server_ip = old_orientation.server_ip;
            f.client_port = old_orientation.client_port, f.server_port = old_orientation.server_port;
            f.client_by_handshake = by_handshake;
            up.created = true;
        }
    }
    if (index == kNil) {
        index = insert(key, hash, pkt);
        up.created = true;
    } else if (!up.created && lists_[entries_[index].list].tail != index) {
        // Packets come in bursts per flow: when the flow is already the most recent, its neighbours
        // (cold entries) need not be touched.
        unlink(index);
        link_tail(index);
    }

    Entry& e = entries_[index];
    Flow& f = e.flow;
    const uint16_t sp = pkt.src_port;
    Direction dir = (pkt.src_ip == f.client_ip && sp == f.client_port) ? kToServer : kToClient;

    // A SYN from the side we took for the server: the capture started mid-conversation the other
    // way round, so swap the roles (and what each direction has counted).
    if (pure_syn && dir == kToClient && !f.client_by_handshake) {
        std::swap(f.client_ip, f.server_ip);
        std::swap(f.client_port, f.server_port);
        std::swap(f.packets[0], f.packets[1]);
        std::swap(f.bytes[0], f.bytes[1]);
        std::swap(f.tcp_flags[0], f.tcp_flags[1]);
        std::swap(f.client_mac, f.server_mac);
        std::swap(f.outer_client_mac, f.outer_server_mac);
        for (Flow::ExtraMac& m : f.extra_macs) m.dir = m.dir == kToServer ? kToClient : kToServer;
        std::swap(e.fin_seen[0], e.fin_seen[1]);
        f.client_by_handshake = true;
        dir = kToServer;
    }

    // The MACs of the frame that carried the packet belong to its addresses; a tunnelled packet's
    // outer link (the tunnel's endpoints, or a router in front of them) is kept apart.
    if (pkt.tunnel_depth == 0) [[likely]] {
        // Inline, as every packet outside a tunnel passes here: the direction's first MAC, else
        // the same one again, rarely another.
        if (pkt.has_macs) {
            MacAddress& mac = dir == kToServer ? f.client_mac : f.server_mac;
            if (f.packets[dir] == 0) {
                f.has_macs = true;
                mac = pkt.src_mac;
            } else if (pkt.src_mac != mac) [[unlikely]] {
                note_mac(f, dir, pkt.src_mac, false);
            }
        }
    } else {
        // The same MACs again is the common case here too: compared inline.
        if (pkt.has_inner_macs && pkt.inner_src_mac != (dir == kToServer ? f.client_mac : f.server_mac))
            note_mac(f, dir, pkt.inner_src_mac, false);
        if (pkt.has_macs && pkt.src_mac != (dir == kToServer ? f.outer_client_mac : f.outer_server_mac))
            note_mac(f, dir, pkt.src_mac, true);
    }
    f.packets[dir] += pkt.weight;
    f.bytes[dir] += uint64_t{pkt.ip_len} * pkt.weight;
    if (pkt.ts_ns > f.last_ns) {
        f.last_ns = pkt.ts_ns;
        // The flow was just moved to its list's tail; it is also the head when it is alone there.
        if (lists_[e.list].head == index) lists_[e.list].head_last_ns = f.last_ns;
    }
    if (pkt.ip_proto == kProtoTcp && pkt.has_l4) {
        f.tcp_flags[dir] |= pkt.tcp_flags;
        if (pkt.tcp_flags & kRst) e.closed = true;
        if (pkt.tcp_flags & kFin) {
            e.fin_seen[dir] = true;
            if (e.fin_seen[0] && e.fin_seen[1]) e.closed = true;
        }
    }
    up.flow = &f;
    up.dir = dir;
    return up;
}

void FlowTable::note_mac(Flow& f, Direction dir, const MacAddress& src, bool outer) {
    MacAddress& mac = outer ? (dir == kToServer ? f.outer_client_mac : f.outer_server_mac)
                            : (dir == kToServer ? f.client_mac : f.server_mac);
    if (src == mac) return;  // the direction's MAC again
    if (mac.is_zero()) {     // the first in this direction (an all-zero source is no device either)
        mac = src;
        (outer ? f.has_outer_macs : f.has_macs) = true;
        return;
    }
    note_extra_mac(f, dir, src, outer);
}

void FlowTable::note_extra_mac(Flow& f, Direction dir, const MacAddress& mac, bool outer) {
    for (Flow::ExtraMac& e : f.extra_macs)
        if (e.dir == dir && e.mac == mac && e.outer == outer) {
            ++e.frames;
            return;
        }
    if (f.extra_macs.size() < 8) f.extra_macs.push_back({mac, dir, 1, outer});
}

void FlowTable::flush() {
    for (int l = 0; l < 2; ++l)
        while (lists_[l].head != kNil) end_flow(lists_[l].head, FlowEnd::end_of_input);
}

NamedCounters FlowTable::counters() const {
    NamedCounters c;
    c["flows_created"] = created_;
    c["flows_ended_idle_timeout"] = ended_[0];
    c["flows_ended_active_timeout"] = ended_[1];
    c["flows_ended_tcp_port_reuse"] = ended_[2];
    c["flows_evicted_memory_bound"] = ended_[3];
    c["flows_ended_end_of_input"] = ended_[4];
    return c;
}

bool sender_is_client_by_ports(uint16_t sp, uint16_t dp, uint8_t proto) {
    bool s_low = sp != 0 && sp < 1024, d_low = dp != 0 && dp < 1024;
    if (s_low != d_low) return d_low;
    bool s_svc = is_service_port(sp, proto), d_svc = is_service_port(dp, proto);
    if (s_svc != d_svc) return d_svc;
    return true;
}

}  // namespace sovscan
