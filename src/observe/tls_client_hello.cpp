// TLS ClientHello over TCP: the server_name the client asked for (SNI). Detected by content on any
// port (record type 22, version 3.x, handshake type 1), client to server only. A ClientHello split
// over several TCP segments and TLS records is reassembled by sequence number within
// ObserverLimits::max_reassembly_bytes; retransmissions and out-of-order segments fall into place.
// A flow that starts in clear text and upgrades in band (STARTTLS, observe/starttls.h) is followed
// until its client asked to upgrade; its first bytes after that are read as the start of a flow.
// A ClientHello without server_name has the server's flight followed for its certificate
// (tls_server_certificate.h); one with server_name ends the dissector's interest in the flow.
// The ClientHello is looked for in each client payload the Observer hands over: after a server
// that spoke first (a capture begun late, a ServerHello that overtook the ClientHello), after a
// CONNECT to an explicit proxy (http.cpp keeps the flow open until the tunnel's first bytes), and
// after a few zero bytes of keep-alive padding (dissector.h, zero_padding); any other byte before
// the record means it is not a ClientHello's start.
#include <unordered_map>

#include "observe/dissector.h"
#include "observe/starttls.h"
#include "observe/tls_records.h"
#include "observe/tls_server_certificate.h"

namespace sovscan::observe {

namespace {

// Could `b` be the start of a TLS record carrying a ClientHello? Undecided bytes count as yes.
bool may_start_client_hello(Bytes b) {
    if (b.empty() || b[0] != kTlsHandshakeRecord) return false;
    if (b.size() > 1 && b[1] != 3) return false;
    if (b.size() > 5 && b[5] != 1) return false;
    return true;
}

// The first handshake message of the TLS records at the start of `stream`: a view into `stream`
// when it lies in one record (the common case), else gathered into `scratch`. need_more gives the
// part there is, for a best-effort parse when no more will come.
ParseStatus first_handshake_message(Bytes stream, std::vector<uint8_t>& scratch, Bytes& msg) {
    switch (TlsHandshakeWalker(stream, scratch).next(msg)) {
        case TlsHandshakeWalker::Step::message: return ParseStatus::ok;
        case TlsHandshakeWalker::Step::partial: return ParseStatus::need_more;
        case TlsHandshakeWalker::Step::end:
        case TlsHandshakeWalker::Step::malformed: break;
    }
    return ParseStatus::malformed;
}

class TlsClientHello final : public Dissector {
public:
    explicit TlsClientHello(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) override {
        if (!certificates_.empty())
            if (auto c = certificates_.find(flow.id); c != certificates_.end()) return follow_server(flow, dir, pkt, c);
        if (!upgrades_.empty())
            if (auto up = upgrades_.find(flow.id); up != upgrades_.end()) return follow_upgrade(flow, dir, pkt, up);
        auto it = streams_.find(flow.id);
        if (dir != kToServer) {
            if (it != streams_.end() || may_upgrade(flow, pkt.payload)) return Verdict::more;
            // The server spoke first (the capture began late, or its answer overtook the
            // ClientHello): the client's ClientHello may still come.
            return flow.inspected[kToServer] == 0 ? Verdict::more : Verdict::done;
        }
        if (it != streams_.end()) return add_segment(flow, pkt.payload, pkt.tcp_seq, it);
        // Zero bytes of padding before the record are passed over; no other byte is.
        const size_t pad = zero_padding(pkt.payload);
        if (pad && may_start_client_hello(pkt.payload.subspan(pad)))
            return first_segment(flow, pkt.payload.subspan(pad), pkt.tcp_seq + uint32_t(pad));
        if (!may_start_client_hello(pkt.payload) && !could_be_a_later_segment(flow, pkt.payload)) return Verdict::done;
        return first_segment(flow, pkt.payload, pkt.tcp_seq);
    }

    void forget(uint64_t flow_id) override {
        if (!streams_.empty()) streams_.erase(flow_id);
        if (!upgrades_.empty()) upgrades_.erase(flow_id);
        if (!certificates_.empty())
            if (auto c = certificates_.find(flow_id); c != certificates_.end()) {
                // The flow ended, or its packet budget did, inside the server's Certificate message.
                if (c->second.cut_in_certificate()) shared_.count(Counter::tls_certificate_unparsed);
                certificates_.erase(c);
            }
    }

private:
    using Streams = std::unordered_map<uint64_t, TcpStream>;
    using Upgrades = std::unordered_map<uint64_t, StartTls>;
    using Certificates = std::unordered_map<uint64_t, TlsServerCertificate>;

    // The first client segment that may carry (the start or, reordered, a later part of) a
    // ClientHello: `payload` at sequence number `seq`.
    Verdict first_segment(Flow& flow, Bytes payload, uint32_t seq) {
        if (may_start_client_hello(payload)) {
            // Fast path: the whole ClientHello in this segment, parsed in place.
            Bytes msg;
            const ParseStatus st = first_handshake_message(payload, scratch_, msg);
            if (st == ParseStatus::ok) return on_client_hello(flow, msg);
            if (st == ParseStatus::malformed) {
                shared_.count(Counter::tls_malformed);
                return Verdict::done;
            }
        }
        const auto it = streams_.try_emplace(flow.id, seq, shared_.limits.max_reassembly_bytes).first;
        return add_segment(flow, payload, seq, it);
    }

    Verdict add_segment(Flow& flow, Bytes payload, uint32_t seq, Streams::iterator it) {
        if (!it->second.add(seq, payload)) shared_.count(Counter::reassembly_overflow);
        return reassembled(flow, it);
    }

    // The server spoke first: is it the greeting of a protocol that can upgrade to TLS in band?
    // Then the flow is followed (a few bytes of state) until its client asks, or the budget ends.
    bool may_upgrade(const Flow& flow, Bytes payload) {
        if (flow.inspected[kToServer] != 0 || flow.inspected[kToClient] != 1) return false;
        auto watch = StartTls::from_greeting(payload);
        if (!watch) return false;
        upgrades_.emplace(flow.id, *watch);
        return true;
    }

    // A packet of a flow in clear text that may upgrade: the client's command, the server's answer,
    // then the client's first bytes after it, which are read as the start of a flow.
    Verdict follow_upgrade(Flow& flow, Direction dir, const DecodedPacket& pkt, Upgrades::iterator up) {
        StartTls& watch = up->second;
        if (dir == kToClient) {
            watch.on_server(pkt.payload);
            if (watch.state() != StartTls::State::refused) return Verdict::more;
            upgrades_.erase(up);
            return Verdict::done;
        }
        if (!watch.upgrading()) {
            watch.on_client(pkt.payload);
            // The clear-text exchange may have used most of the packet budget: the handshake
            // after it gets ObserverLimits::max_upgrade_packets more.
            if (watch.upgrading()) flow.upgrading_to_tls = true;
            return Verdict::more;
        }
        upgrades_.erase(up);
        if (!may_start_client_hello(pkt.payload)) return Verdict::done;  // clear text went on: no upgrade
        shared_.count(Counter::starttls_upgrades);
        return first_segment(flow, pkt.payload, pkt.tcp_seq);
    }

    // The first client segment seen does not start a TLS record. If it is binary it may be the
    // second part of a ClientHello whose first segment arrives later (reordered): keep it until
    // the next client segment says. Text protocols (HTTP, SMTP, SSH...) start with a letter.
    static bool could_be_a_later_segment(const Flow& flow, Bytes payload) {
        if (flow.inspected[kToServer] != 1 || payload.empty()) return false;
        const uint8_t c = payload[0];
        return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    Verdict reassembled(Flow& flow, Streams::iterator it) {
        const Bytes stream = it->second.contiguous();
        if (stream.empty()) return Verdict::more;  // a gap before the first byte kept
        if (!may_start_client_hello(stream)) {
            // A segment kept in case it follows a reordered first one: the next client segment decides.
            if (flow.inspected[kToServer] == 1) return Verdict::more;
            streams_.erase(it);  // it was not part of a ClientHello after all
            return Verdict::done;
        }
        Bytes msg;
        const ParseStatus st = first_handshake_message(stream, scratch_, msg);
        // Wait for more unless the bound or the last inspected client packet was reached: then
        // read what there is (the server_name extension usually comes early).
        if (st == ParseStatus::need_more && stream.size() < shared_.limits.max_reassembly_bytes &&
            flow.inspected[kToServer] < inspection_budget(flow, shared_.limits))
            return Verdict::more;
        if (st == ParseStatus::malformed) {
            shared_.count(Counter::tls_malformed);
            streams_.erase(it);
            return Verdict::done;
        }
        shared_.count(Counter::tls_reassembled);
        // `msg` may point into the stream's buffer: parsed before the stream is dropped.
        const Verdict v = on_client_hello(flow, msg);
        streams_.erase(it);
        return v;
    }

    // `msg` is the whole ClientHello, or as much of it as came before the reassembly bound or the
    // last inspected client packet: what the part says is taken. Without a server_name, the
    // server's certificate may name the server: its flight is followed (`more`).
    Verdict on_client_hello(Flow& flow, Bytes msg) {
        ClientHelloInfo info;
        const ParseStatus parsed = parse_client_hello(msg, info);
        if (parsed == ParseStatus::malformed) {
            shared_.count(Counter::tls_malformed);
            return Verdict::done;
        }
        shared_.count(Counter::tls_client_hellos);
        if (!info.server_name.empty()) {
            offer_server_name(flow, NameSource::sni, info.server_name);
            return Verdict::done;
        }
        certificates_.try_emplace(flow.id);
        return Verdict::more;
    }

    // A packet of a flow whose ClientHello had no server_name: the server's bytes are read for its
    // certificate; the client's (its key exchange, a retransmitted ClientHello) are passed over.
    Verdict follow_server(Flow& flow, Direction dir, const DecodedPacket& pkt, Certificates::iterator c) {
        if (dir == kToServer) return Verdict::more;
        if (c->second.add(flow, pkt, shared_, namer_, scratch_) == Verdict::more) return Verdict::more;
        certificates_.erase(c);
        return Verdict::done;
    }

    Shared& shared_;
    Streams streams_;    // flows with a ClientHello in progress
    Upgrades upgrades_;  // flows in clear text that may upgrade (STARTTLS), until the client's TLS starts
    Certificates certificates_;  // flows whose ClientHello had no server_name, until the server's certificate
    CertificateNamer namer_;
    std::vector<uint8_t> scratch_;  // a handshake message spread over records
};

bool selects(const Flow& flow) { return flow.proto == kProtoTcp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<TlsClientHello>(shared); }

}  // namespace

const DissectorSpec kTlsClientHelloDissector{"tls_client_hello", selects, false, make};

}  // namespace sovscan::observe
