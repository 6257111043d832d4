// DNS over UDP and TCP (port 53 on either side): which name a client asked its resolver for, and
// the addresses (through the CNAME chain) the resolver answered. The answers name the servers the
// client then talks to; the DNS flow's own server is the resolver, so its name is left to intel.
// mDNS (5353) is not selected here: multicast announcements say nothing about which server a client
// chose to reach; they describe the announcing device and go to mdns.cpp, which shares the wire
// parser (DnsMessageReader) below.
#include "observe/dns.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace sovscan::observe {

namespace {
constexpr uint16_t kTypeA = 1, kTypeCname = 5, kTypeAaaa = 28;
constexpr uint16_t kClassIn = 1;
constexpr int kMaxPointerJumps = 32;   // far more than any real name needs; stops loops
constexpr size_t kMaxNameWire = 255;   // RFC 1035 2.3.4
constexpr size_t kMaxRecords = 256;    // answers kept per message
constexpr size_t kMaxChain = 16;       // CNAME links followed
constexpr uint16_t kDnsPort = 53;
}  // namespace

bool read_dns_name(Bytes msg, size_t& pos, std::string& out, NameCase name_case) {
    // Built in a local buffer and assigned once: a name of at most 255 wire bytes has at most 254
    // presentation bytes, and appending label by label to the string cost more than the parse.
    char name[kMaxNameWire];
    size_t n = 0, p = pos, wire = 0;
    bool jumped = false;
    int jumps = 0;
    for (;;) {
        if (p >= msg.size()) return false;
        const uint8_t len = msg[p];
        if ((len & 0xc0) == 0xc0) {
            if (p + 1 >= msg.size()) return false;
            const size_t target = (size_t(len & 0x3f) << 8) | msg[p + 1];
            if (!jumped) pos = p + 2;
            jumped = true;
            if (++jumps > kMaxPointerJumps || target >= msg.size()) return false;
            p = target;
            continue;
        }
        if (len & 0xc0) return false;  // extended label types (RFC 6891 obsoleted them)
        wire += size_t(len) + 1;
        if (wire > kMaxNameWire) return false;
        if (len == 0) break;
        if (p + 1 + len > msg.size()) return false;
        if (n) name[n++] = '.';
        std::memcpy(name + n, msg.data() + p + 1, len);
        n += len;
        p += 1 + size_t(len);
    }
    if (!jumped) pos = p + 1;
    if (name_case == NameCase::lower) ascii_lower(name, n);
    out.assign(name, n);
    return true;
}

bool DnsMessageReader::header(DnsHeader& out) {
    ByteReader r(msg_);
    if (!r.u16(out.id) || !r.u16(out.flags) || !r.u16(out.qdcount) || !r.u16(out.ancount) || !r.u16(out.nscount) ||
        !r.u16(out.arcount))
        return fail();
    pos_ = r.pos();
    questions_left_ = out.qdcount;
    records_left_[size_t(DnsSection::answer)] = out.ancount;
    records_left_[size_t(DnsSection::authority)] = out.nscount;
    records_left_[size_t(DnsSection::additional)] = out.arcount;
    return true;
}

bool DnsMessageReader::next_question(std::string& name, uint16_t& qtype, uint16_t& qclass) {
    if (malformed_ || questions_left_ == 0) return false;
    if (!read_dns_name(msg_, pos_, name)) return fail();
    ByteReader q(msg_, pos_);
    if (!q.u16(qtype) || !q.u16(qclass)) return fail();
    pos_ = q.pos();
    --questions_left_;
    return true;
}

bool DnsMessageReader::next_record(DnsResourceRecord& out) {
    std::string skipped;
    uint16_t qtype, qclass;
    while (next_question(skipped, qtype, qclass)) {
    }
    if (malformed_) return false;
    size_t section = 0;
    while (section < 3 && records_left_[section] == 0) ++section;
    if (section == 3) return false;
    if (!read_dns_name(msg_, pos_, out.name)) return fail();
    ByteReader a(msg_, pos_);
    uint16_t rdlen;
    if (!a.u16(out.type) || !a.u16(out.rclass) || !a.u32(out.ttl) || !a.u16(rdlen)) return fail();
    out.rdata_pos = a.pos();
    if (!a.take(rdlen, out.rdata)) return fail();
    pos_ = a.pos();
    out.section = DnsSection(section);
    --records_left_[section];
    return true;
}

ParseStatus parse_dns_message(Bytes msg, DnsMessage& out) {
    out.question.clear();
    while (!out.answers.empty()) {
        out.spare_records.push_back(std::move(out.answers.back()));
        out.answers.pop_back();
    }
    out.qtype = 0;
    DnsMessageReader reader(msg);
    DnsHeader h;
    if (!reader.header(h)) return ParseStatus::malformed;
    out.id = h.id;
    out.response = h.response();
    out.opcode = h.opcode();
    out.rcode = h.rcode();
    uint16_t qtype, qclass;
    if (h.qdcount > 0 && reader.next_question(out.question, qtype, qclass)) {
        out.qtype = qtype;
        while (reader.next_question(out.scratch_name, qtype, qclass)) {
        }
    }
    if (reader.malformed()) return ParseStatus::malformed;
    DnsResourceRecord& rr = out.scratch_record;
    for (uint32_t i = 0; i < h.ancount; ++i) {
        if (!reader.next_record(rr)) return ParseStatus::malformed;
        if ((rr.rclass & 0x7fff) != kClassIn || out.answers.size() >= kMaxRecords) continue;
        const bool cname = rr.type == kTypeCname;
        if (!cname && !(rr.type == kTypeA && rr.rdata.size() == 4) && !(rr.type == kTypeAaaa && rr.rdata.size() == 16))
            continue;
        if (out.spare_records.empty()) {
            out.answers.emplace_back();
        } else {
            out.answers.push_back(std::move(out.spare_records.back()));
            out.spare_records.pop_back();
        }
        DnsRecord& rec = out.answers.back();
        rec.type = rr.type;
        rec.address = IpAddress();
        rec.target.clear();
        if (cname) {
            size_t tpos = rr.rdata_pos;
            if (!read_dns_name(msg, tpos, rec.target) || tpos > rr.rdata_pos + rr.rdata.size()) {
                out.answers.pop_back();
                return ParseStatus::malformed;
            }
        } else {
            rec.address = rr.type == kTypeA ? IpAddress::v4_bytes(rr.rdata.data()) : IpAddress::v6_bytes(rr.rdata.data());
        }
        rec.name = rr.name;
    }
    return ParseStatus::ok;
}

std::vector<DnsResolution> resolve_answers(const DnsMessage& msg) {
    std::vector<DnsResolution> out;
    if (msg.question.empty()) return out;
    std::vector<std::string> chain;
    const std::string* current = &msg.question;
    for (size_t depth = 0; depth <= kMaxChain; ++depth) {
        const DnsRecord* next = nullptr;
        for (const auto& rec : msg.answers) {
            if (rec.name != *current) continue;
            if (rec.type == kTypeCname) {
                if (!next) next = &rec;
            } else {
                out.push_back({rec.address, chain});
            }
        }
        if (!next) break;
        // A chain that comes back to a name already on it is a loop: stop there.
        if (next->target == msg.question || std::find(chain.begin(), chain.end(), next->target) != chain.end()) break;
        chain.push_back(next->target);
        current = &chain.back();
    }
    return out;
}

template <typename Key, typename KeyHash>
DnsAnswerRuns<Key, KeyHash>::DnsAnswerRuns(size_t max_runs, size_t runs_per_key)
    : max_runs_(max_runs ? max_runs : 1), runs_per_key_(std::clamp<size_t>(runs_per_key, 1, max_runs_)) {}

namespace {
// The name a flow takes from an answer is its question: answers that differ only in the CNAME chain
// (a CDN rotating its edge names) or the resolver name the same thing and extend one run.
bool same_name(const DnsAnswerRun& a, const DnsAnswerRun& b) { return a.name->query == b.name->query; }
}  // namespace

template <typename Key, typename KeyHash>
void DnsAnswerRuns<Key, KeyHash>::record(const Key& key, DnsAnswerRun run) {
    if (typename Order::iterator* known = by_key_.find(key)) {
        const typename Order::iterator node = *known;
        order_.splice(order_.end(), order_, node);  // now the most recently answered
        add_run(*node, std::move(run));
    } else {
        order_.push_back(Node{key, std::move(run), {}});
        *by_key_.try_emplace(key).first = std::prev(order_.end());
        ++runs_;
    }
    // runs_per_key_ <= max_runs_, so the key just answered is never the one dropped.
    while (runs_ > max_runs_) {
        const Node& oldest = order_.front();
        runs_ -= 1 + oldest.earlier.size();
        by_key_.erase(oldest.key);
        order_.pop_front();
    }
}

template <typename Key, typename KeyHash>
void DnsAnswerRuns<Key, KeyHash>::add_run(Node& node, DnsAnswerRun run) {
    if (run.since_ns >= node.latest.since_ns) {
        // In time order, the usual case: the answer extends the latest run or starts the next.
        if (same_name(node.latest, run)) return;
        node.earlier.push_back(std::move(node.latest));
        node.latest = std::move(run);
    } else {
        // Older than the latest run (captures merged slightly out of order): placed by its time.
        auto pos = std::upper_bound(node.earlier.begin(), node.earlier.end(), run.since_ns,
                                    [](int64_t t, const DnsAnswerRun& r) { return t < r.since_ns; });
        if (pos != node.earlier.begin() && same_name(*std::prev(pos), run)) return;
        DnsAnswerRun& after = pos == node.earlier.end() ? node.latest : *pos;
        if (same_name(after, run)) {
            after = std::move(run);  // the run it belongs to began with this answer
            return;
        }
        node.earlier.insert(pos, std::move(run));
    }
    ++runs_;
    if (1 + node.earlier.size() > runs_per_key_) {
        node.earlier.erase(node.earlier.begin());
        --runs_;
    }
}

template <typename Key, typename KeyHash>
DnsRunsAt DnsAnswerRuns<Key, KeyHash>::at(const Key& key, int64_t ts_ns) const {
    const typename Order::iterator* found = by_key_.find(key);
    if (!found) return {};
    const Node& node = **found;
    if (node.latest.since_ns <= ts_ns) return {&node.latest, nullptr};
    const std::vector<DnsAnswerRun>& e = node.earlier;
    for (size_t i = e.size(); i-- > 0;)
        if (e[i].since_ns <= ts_ns) return {&e[i], i + 1 < e.size() ? &e[i + 1] : &node.latest};
    return {nullptr, e.empty() ? &node.latest : &e.front()};
}

template class DnsAnswerRuns<ClientAddress, ClientAddressHash>;
template class DnsAnswerRuns<IpAddress, IpAddressHash>;

DnsTable::DnsTable(size_t max_answers) : by_client_(max_answers, kRunsPerKey), by_address_(max_answers, kRunsPerKey) {}

void DnsTable::record(const IpAddress& client, const IpAddress& address, DnsName name) {
    const int64_t ts = name.ts_ns;
    auto shared = std::make_shared<const DnsName>(std::move(name));
    if (by_name_.empty()) by_name_.resize(kNameSlots);
    NameSlot& slot = by_name_[std::hash<std::string_view>{}(shared->query) % kNameSlots];
    if (!slot.name || slot.name->ts_ns <= ts) slot = NameSlot{shared, address};
    by_client_.record({client, address}, {ts, client, shared});
    by_address_.record(address, {ts, client, std::move(shared)});
}

const IpAddress* DnsTable::find_address(std::string_view name) const {
    if (by_name_.empty()) return nullptr;
    const NameSlot& slot = by_name_[std::hash<std::string_view>{}(name) % kNameSlots];
    return slot.name && slot.name->query == name ? &slot.address : nullptr;
}

DnsNameMatch DnsTable::find(const IpAddress& client, const IpAddress& address, int64_t began_ns) const {
    const int64_t t = began_ns > INT64_MAX - kDnsAnswerSkewNs ? INT64_MAX : began_ns + kDnsAnswerSkewNs;
    const DnsRunsAt own = by_client_.at({client, address}, t);
    // The common case: the client's own answer before the flow, one lookup.
    if (own.in_force) return {own.in_force->name.get(), DnsNameBasis::own_before};
    const DnsRunsAt any = by_address_.at(address, t);
    // A run of every client's answers is the client's own when it began it (its own table may
    // have dropped the run since).
    const auto basis = [&](const DnsAnswerRun& r, DnsNameBasis own_basis, DnsNameBasis other_basis) {
        return DnsNameMatch{r.name.get(), r.client == client ? own_basis : other_basis};
    };
    if (any.in_force) return basis(*any.in_force, DnsNameBasis::own_before, DnsNameBasis::other_client_before);
    if (own.next) return {own.next->name.get(), DnsNameBasis::own_after};
    if (any.next) return basis(*any.next, DnsNameBasis::own_after, DnsNameBasis::other_client_after);
    return {};
}

namespace {

class Dns final : public Dissector {
public:
    explicit Dns(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) override {
        if (flow.proto == kProtoUdp) {
            on_message(pkt.payload, pkt);
            return Verdict::more;
        }
        on_tcp_segment(flow, dir, pkt);
        return Verdict::more;
    }

    void forget(uint64_t flow_id) override {
        if (!tcp_.empty()) tcp_.erase(flow_id);
    }

private:
    // DNS over TCP (RFC 1035 4.2.2): each message behind a 2-byte length, several per segment or
    // one over several segments.
    void on_tcp_segment(Flow& flow, Direction dir, const DecodedPacket& pkt) {
        auto it = tcp_.find(flow.id);
        if (it == tcp_.end() || !it->second[dir]) {
            // Fast path: whole messages in this segment, nothing kept.
            size_t used = consume_messages(pkt.payload, pkt);
            if (used == pkt.payload.size()) return;
            if (it == tcp_.end()) it = tcp_.try_emplace(flow.id).first;
            it->second[dir] = std::make_unique<TcpStream>(pkt.tcp_seq + uint32_t(used), stream_bound());
            it->second[dir]->add(pkt.tcp_seq + uint32_t(used), pkt.payload.subspan(used));
            return;
        }
        TcpStream& s = *it->second[dir];
        if (!s.add(pkt.tcp_seq, pkt.payload)) {
            // A message larger than the bound (zone transfer, or garbage): this direction cannot be
            // followed any further.
            shared_.count(Counter::reassembly_overflow);
            shared_.count(Counter::dns_malformed);
            it->second[dir].reset();
            return;
        }
        s.consume(consume_messages(s.contiguous(), pkt));
    }

    // Dissects the complete length-prefixed messages at the start of `stream`; returns the bytes used.
    size_t consume_messages(Bytes stream, const DecodedPacket& pkt) {
        size_t used = 0;
        while (stream.size() - used >= 2) {
            const size_t len = (size_t(stream[used]) << 8) | stream[used + 1];
            if (stream.size() - used - 2 < len) break;
            shared_.count(Counter::dns_tcp_messages);
            on_message(stream.subspan(used + 2, len), pkt);
            used += 2 + len;
        }
        return used;
    }

    uint32_t stream_bound() const { return std::max<uint32_t>(shared_.limits.max_reassembly_bytes, 514); }

    void on_message(Bytes msg, const DecodedPacket& pkt) {
        shared_.count(Counter::dns_messages);
        if (parse_dns_message(msg, msg_) != ParseStatus::ok) {
            shared_.count(Counter::dns_malformed);
            // Complete records before the damage are still answers the client received.
        }
        if (!msg_.response) {
            shared_.count(Counter::dns_queries);
            return;
        }
        shared_.count(Counter::dns_responses);
        if (msg_.opcode != 0 || msg_.answers.empty() || !shared_.dns) return;
        // The querier is the response's destination, the resolver its source: taken from the packet,
        // not from the flow's guess of who is client.
        for (auto& res : resolve_answers(msg_)) {
            shared_.dns->record(pkt.dst_ip, res.address,
                                DnsName{msg_.question, std::move(res.cnames), pkt.src_ip, pkt.ts_ns});
            shared_.count(Counter::dns_answers_recorded);
        }
    }

    Shared& shared_;
    DnsMessage msg_;  // reused between messages
    std::unordered_map<uint64_t, std::array<std::unique_ptr<TcpStream>, 2>> tcp_;
};

bool selects(const Flow& flow) {
    return (flow.proto == kProtoUdp || flow.proto == kProtoTcp) &&
           (flow.server_port == kDnsPort || flow.client_port == kDnsPort);
}
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Dns>(shared); }

}  // namespace

const DissectorSpec kDnsDissector{"dns", selects, true, make};

}  // namespace sovscan::observe
