#pragma once
// The one interface every observe dissector implements, the counters they share, and the helpers
// they all need (offering a name to a flow, reassembling a byte stream). Internal to observe/: the
// rest of the program sees only observer.h.
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "decode/decoded_packet.h"
#include "flows/flow.h"
#include "observe/byte_reader.h"
#include "observe/observer.h"

namespace sovscan::observe {

// Every way a dissector's input can be counted. Labels in observer.cpp (counter_label); all of them
// are reported, zeros included, so a report always has the same keys.
enum class Counter : uint8_t {
    dns_messages,
    dns_queries,
    dns_responses,
    dns_malformed,
    dns_tcp_messages,
    dns_answers_recorded,
    tls_client_hellos,
    tls_reassembled,
    tls_malformed,
    tls_certificates,
    tls_certificate_unparsed,
    starttls_upgrades,
    quic_initials,
    quic_initials_decrypted,
    quic_decrypt_failed,
    quic_unsupported_version,
    quic_client_hellos,
    gquic_chlos,
    gquic_malformed,
    http_requests,
    http_responses,
    http_proxy_requests,
    reassembly_overflow,
    dhcp_messages,
    dhcp_malformed,
    mdns_messages,
    mdns_malformed,
    ssdp_messages,
    ssdp_malformed,
    upnp_descriptions,
    kCount
};
const char* counter_label(Counter c);

class DnsTable;
class DeviceObservations;

// What all dissectors of one Observer share: the limits, the counters, the DNS answer table, what
// was learnt about devices (DHCP, mDNS, SSDP, HTTP banners).
struct Shared {
    ObserverLimits limits;
    std::array<uint64_t, size_t(Counter::kCount)> counters{};
    DnsTable* dns = nullptr;
    DeviceObservations* devices = nullptr;
    void count(Counter c, uint64_t n = 1) { counters[size_t(c)] += n; }
};

// Payload packets per direction the handshake dissectors see of `flow`: max_inspected_packets, and
// max_upgrade_packets more once its client asked to upgrade to TLS in band (STARTTLS).
inline uint8_t inspection_budget(const Flow& flow, const ObserverLimits& limits) {
    const unsigned n = unsigned(limits.max_inspected_packets) + (flow.upgrading_to_tls ? limits.max_upgrade_packets : 0u);
    return uint8_t(n < 255u ? n : 255u);
}

// Keep-alive padding: a few zero bytes some clients (IoT devices, keep-alive probes) send before
// their first message, alone in a segment or in front of it. At most kMaxZeroPadding bytes.
inline constexpr size_t kMaxZeroPadding = 16;
// The number of zero bytes `b` starts with when it is 1 to kMaxZeroPadding (and `b` has them),
// else 0: a longer run of zeros is data, not padding.
inline size_t zero_padding(Bytes b) {
    size_t n = 0;
    while (n < b.size() && n <= kMaxZeroPadding && b[n] == 0) ++n;
    return n <= kMaxZeroPadding ? n : 0;
}

// A dissector's answer after a packet: does it still want packets of this flow?
enum class Verdict : uint8_t { done, more };

class Dissector {
public:
    virtual ~Dissector() = default;
    // One payload packet of a flow the dissector's selector accepted. `flow.inspected[dir]` already
    // counts this packet (1 = the first payload packet in that direction). Must say `done` once it
    // holds no state for the flow and wants nothing more, so that the common path stays cheap.
    virtual Verdict inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) = 0;
    // Drop whatever is kept for the flow (it ended, or inspection is over).
    virtual void forget(uint64_t flow_id) = 0;
};

// One row of the dissector table (observer.cpp). `exclusive` dissectors (DNS, DHCP, mDNS, SSDP) see
// every packet of the flows they select and no other dissector runs on those flows; the others see
// the first inspection_budget() payload packets per direction. A dissector that
// keeps nothing per flow (`keeps_flow_state` false) needs no bit in Flow::observed_by and is never
// asked to forget a flow.
struct DissectorSpec {
    const char* name;
    bool (*selects)(const Flow& flow);
    bool exclusive;
    std::unique_ptr<Dissector> (*make)(Shared& shared);
    bool keeps_flow_state = true;
};

// One per dissector file; the table in observer.cpp lists them.
extern const DissectorSpec kDnsDissector;             // dns.cpp
extern const DissectorSpec kDhcpDissector;            // dhcp.cpp
extern const DissectorSpec kMdnsDissector;            // mdns.cpp
extern const DissectorSpec kSsdpDissector;            // ssdp.cpp (udp/1900)
extern const DissectorSpec kSsdpReplyDissector;       // ssdp.cpp (M-SEARCH replies from other ports)
extern const DissectorSpec kTlsClientHelloDissector;  // tls_client_hello.cpp
extern const DissectorSpec kQuicInitialDissector;     // quic_initial.cpp
extern const DissectorSpec kHttpDissector;            // http.cpp

// Offers a server name learnt from `source`: stored lower-cased (ASCII only; other bytes are kept
// as they are, outputs escape them) without a trailing dot, when `source` beats the flow's current
// one (NameSource order). Never downgrades; an equal source keeps the first name. Returns whether
// the name was taken.
bool offer_server_name(Flow& flow, NameSource source, std::string_view raw);

// Records the user agent a client states about itself in its handshake (QUIC's google_user_agent
// transport parameter, gQUIC's UAID) as a device attribute of the client's address, confidence
// medium as HTTP's User-Agent: never of a MAC, which may be a router's. Nothing when empty.
void record_client_user_agent(Shared& shared, const Flow& flow, std::string_view agent, std::string_view detail,
                              int64_t ts_ns);

// ASCII lower-casing that leaves every other byte alone (names are bytes, not text).
void ascii_lower(std::string& s);
void ascii_lower(char* p, size_t n);

// Bytes of one stream placed by offset, in any order, with overlaps (retransmissions) allowed;
// bounded to `max_bytes` from offset 0. Used for TCP segments (offset = seq - base) and QUIC CRYPTO
// frames (offset as sent).
class StreamAssembler {
public:
    explicit StreamAssembler(uint32_t max_bytes) : max_(max_bytes) {}
    // Places `data` at `offset`. Returns false when some of it lay beyond the bound and was dropped.
    bool add(uint64_t offset, Bytes data);
    // The bytes known without a gap from offset 0.
    Bytes contiguous() const { return contiguous_from(0); }
    // The bytes known without a gap from `offset` (empty when the byte at `offset` is not known).
    Bytes contiguous_from(uint64_t offset) const;
    // Shifts everything up by `n` (an earlier TCP segment turned up); false if it would not fit.
    bool shift_up(uint32_t n);
    // Drops the first `n` contiguous bytes (consumed by the parser); offsets move down by `n`.
    void drop_front(size_t n);
    size_t buffered() const { return buf_.size(); }

private:
    std::vector<uint8_t> buf_;
    std::vector<std::pair<uint32_t, uint32_t>> have_;  // sorted, disjoint [begin, end)
    uint32_t max_;
};

// A TCP byte stream in one direction: segments placed by sequence number relative to the first
// segment kept, so that out-of-order segments and retransmissions fall into place.
class TcpStream {
public:
    TcpStream(uint32_t first_seq, uint32_t max_bytes) : base_(first_seq), asm_(max_bytes) {}
    // false when bytes were dropped (beyond the bound, or too far before the start).
    bool add(uint32_t seq, Bytes payload);
    Bytes contiguous() const { return asm_.contiguous(); }
    void consume(size_t n) {
        asm_.drop_front(n);
        base_ += uint32_t(n);
        consumed_ = true;
    }

private:
    uint32_t base_;
    bool consumed_ = false;  // once bytes were consumed, earlier segments are retransmissions
    StreamAssembler asm_;
};

// The ClientHello parser shared by TLS over TCP and QUIC (client_hello.cpp).
enum class ParseStatus : uint8_t { ok, need_more, malformed };
struct ClientHelloInfo {
    std::string_view server_name;  // host_name entry of server_name, empty when absent
    std::string_view alpn;         // first ALPN protocol, empty when absent
    std::string_view quic_user_agent;  // Chromium's google_user_agent transport parameter, empty when absent
};
// `msg` starts at the handshake header (type 1, 3-byte length). need_more when shorter than the
// length it states; the views in `out` point into `msg`.
ParseStatus parse_client_hello(Bytes msg, ClientHelloInfo& out);
// Handshake message length (header included) once the 4-byte header is there, else 0.
size_t handshake_message_length(Bytes msg);

}  // namespace sovscan::observe
