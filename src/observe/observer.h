#pragma once
// Extracts names and identities from flows: DNS answers (which name a client's resolver gave for a
// server address), TLS ClientHello SNI (also after a STARTTLS upgrade), QUIC Initial SNI, HTTP
// Host/User-Agent/Server; and what devices say about themselves: DHCP options, mDNS/DNS-SD and
// SSDP/UPnP announcements, HTTP banners. One file per dissector (observe/dns.cpp, dhcp.cpp,
// mdns.cpp, ssdp.cpp, tls_client_hello.cpp with starttls.cpp, quic_initial.cpp, http.cpp),
// registered here.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/ip_address.h"
#include "decode/decoded_packet.h"
#include "flows/flow.h"
#include "inventory/asset_record.h"

namespace sovscan {

// What a client's resolver answered for an address: the name the client asked for, and the CNAME
// chain that led from it to the address.
struct DnsName {
    std::string query;                 // the question name, lower case, no trailing dot
    std::vector<std::string> cnames;   // chain from query to the record holding the address
    IpAddress resolver;
    int64_t ts_ns = 0;                 // time of the answer (the first of a run naming the same: observe/dns.h)
};

// The DNS name for a flow and which answer it was taken from (DnsNameBasis, flows/flow.h).
struct DnsNameMatch {
    const DnsName* name = nullptr;  // null: no client's answer named the address
    DnsNameBasis basis = DnsNameBasis::none;
};

// A DNS question seen from a client to a resolver (for the resolver inventory).
struct ObserverLimits {
    // Payload packets per direction handed to the handshake dissectors (TLS, QUIC, HTTP) before the
    // flow is left alone; DNS is dissected on every packet of a DNS flow.
    uint8_t max_inspected_packets = 8;
    // Further payload packets per direction for a flow whose client asked to upgrade to TLS in band
    // (STARTTLS, observe/starttls.h): its ClientHello follows the clear-text exchange, which may
    // have used most of max_inspected_packets (a multi-line banner, capabilities, a retransmission).
    uint8_t max_upgrade_packets = 8;
    // Bytes buffered per flow to reassemble a ClientHello split over TCP segments or QUIC packets.
    uint32_t max_reassembly_bytes = 16384;
    // DNS answers remembered, as runs (observe/dns.h: a repeat of the name in force for a (client,
    // address) only extends its run; a different name starts a new one, at most 8 per key), in
    // each of the two tables (by client and address; by address for every client); the least
    // recently answered keys are dropped beyond it. Measured: 560 bytes an answer when every
    // answer names a new address, 390 when 64 clients share each (with 37-byte names), so 2^18
    // bounds the tables near 150 MB while holding far more answers than a site's clients look up
    // within the flow timeouts.
    size_t max_dns_answers = 1u << 18;
    // Devices described by traffic, and their distinct attributes, each bound applying separately to
    // devices keyed by MAC and by IP address (observe/device_observations.h); the first ones are
    // kept. Near 90 MB at most together, under hostile input.
    size_t max_devices = 1u << 14;
    size_t max_device_attributes = 1u << 16;
};

class Observer {
public:
    explicit Observer(ObserverLimits limits = {});
    ~Observer();
    Observer(const Observer&) = delete;
    Observer& operator=(const Observer&) = delete;

    // Called for every packet of a flow after the flow table has accounted it. `dir` is relative to
    // the flow's client. Sets flow.server_name/name_source when a better name is seen, fills the
    // HTTP fields, records DNS answers and device observations. Cheap when flow.inspection_done and
    // the flow is not owned by an exclusive dissector (DNS, DHCP, mDNS, SSDP).
    void on_packet(Flow& flow, Direction dir, const DecodedPacket& pkt) {
        // Inline for what most packets are: a payload-less segment, or a packet of a flow whose
        // handshake was already read. Neither needs the dissectors (no call, no pointer chase).
        if (flow.observe_route != kRouteUndecided &&
            (pkt.payload.empty() || (flow.observe_route == kRouteHandshake && flow.inspection_done)))
            return;
        inspect(flow, dir, pkt);
    }

    // The flow has ended: drop any reassembly state kept for it.
    void on_flow_end(Flow& flow);

    // The name `client`'s resolver had given for `server` when a flow that began at `began_ns`
    // began: its latest answer received before then (up to 1 ms later still counts: captures merged
    // from several interfaces, observe/dns.h kDnsAnswerSkewNs). When
    // the client has none, and flagged in `basis`: another client's latest answer before then;
    // else the client's own first answer after then; else any client's. No name when no client's
    // answer named `server` (or the bounded table dropped them).
    DnsNameMatch dns_name(const IpAddress& client, const IpAddress& server, int64_t began_ns) const;
    // The address of the latest DNS answer (any client's) to a question for `name` (lower case, no
    // trailing dot), or null: where a server reached by name through an explicit proxy is.
    const IpAddress* dns_address(std::string_view name) const;

    // A DNS answer another tool recorded (a Zeek dns.log or Suricata EVE dns record): `client`'s
    // resolver named `address` so. It names flows exactly as an answer the DNS dissector read.
    void record_dns_answer(const IpAddress& client, const IpAddress& address, DnsName name);

    // What traffic said about each device (DHCP, mDNS, SSDP/UPnP, HTTP User-Agent and Server), one
    // record per device keyed by MAC when the observation had one, else by IP address; attributes
    // with source kind traffic, the protocol field as detail, first-seen time and repeat count.
    // Every address is included: which are local is decided by the merge.
    std::vector<AssetRecord> device_records() const;

    // e.g. dns_messages, dns_malformed, tls_client_hellos, tls_reassembled, quic_initials_decrypted,
    // quic_decrypt_failed, http_requests, dhcp_messages, mdns_messages, ssdp_messages.
    NamedCounters counters() const;

private:
    // Flow::observe_route: decided once, on the flow's first packet, so that the selectors run once
    // per flow instead of once per packet; an exclusive dissector's route is kRouteExclusiveBase + i.
    static constexpr uint8_t kRouteUndecided = 0, kRouteHandshake = 1, kRouteExclusiveBase = 2;
    void inspect(Flow& flow, Direction dir, const DecodedPacket& pkt);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sovscan
