#pragma once
// A bidirectional flow: who is client and server, what each side sent, and what observe learnt.
#include <cstdint>
#include <string>
#include <vector>

#include "common/ip_address.h"
#include "common/mac_address.h"
#include "common/reset.h"

namespace sovscan {

// Symmetric key: both directions of a conversation map to the same key (lower endpoint first).
struct FlowKey {
    IpAddress lo_ip, hi_ip;
    uint16_t lo_port = 0, hi_port = 0;
    uint8_t proto = 0;
    uint16_t vlan = 0;
    friend bool operator==(const FlowKey& a, const FlowKey& b) {
        return a.lo_ip == b.lo_ip && a.hi_ip == b.hi_ip && a.lo_port == b.lo_port && a.hi_port == b.hi_port &&
               a.proto == b.proto && a.vlan == b.vlan;
    }
};

// How the server's name was learnt, weakest first: what the client itself said in the handshake beats
// what the server's certificate says (the server may hold names the client did not ask for), which
// beats what a resolver answered (the client may have reached the address for another name). Of
// what a client says to an explicit HTTP proxy, the absolute URI's host beats the Host header (the
// proxy connects to the URI's, RFC 9112 3.2.2) and a CONNECT's host beats both; the ClientHello
// sent through a CONNECT tunnel beats the CONNECT, as it does the Host header (observe.md).
enum class NameSource : uint8_t { none = 0, dns, tls_certificate, http_host, http_absolute_uri, proxy_connect, quic_sni, sni };
// "none", "dns", "tls_certificate", "http_host", "http_absolute_uri", "proxy_connect", "quic_sni", "sni"
const char* name_source_label(NameSource s);

// Which DNS answer a name of NameSource::dns was taken from, weakest first like NameSource. The
// name is the one in force when the flow began: the client's own latest answer for the server's
// address received before the flow's first packet. Only when the client has none do the fallbacks
// apply, in order of strength: another client's answer before the flow began, then an answer
// received after it began (the client's own first, then any client's), which may name what the
// address served later rather than what this flow reached. See docs/observe.md.
enum class DnsNameBasis : uint8_t { none = 0, other_client_after, own_after, other_client_before, own_before };
// "", "other_client_after", "own_after", "other_client_before", "own_before"
const char* dns_name_basis_label(DnsNameBasis b);

// Directions are relative to the client: 0 = client to server, 1 = server to client.
enum Direction : uint8_t { kToServer = 0, kToClient = 1 };

// A flow's plain values: everything but its buffers (Flow below). Field order is deliberate: what
// every packet reads or writes sits in the first two cache lines (key and direction; counters,
// flags and observe state), the rest after them. A packet of a flow then touches two lines of it
// instead of five.
struct FlowValues {
    // --- line 1: finding the flow and the packet's direction
    FlowKey key;
    IpAddress client_ip;
    uint16_t client_port = 0, server_port = 0;
    uint8_t proto = 0;
    // How the server's name was learnt (observe fills it and server_name, below).
    NameSource name_source = NameSource::none;
    // Observer bookkeeping: which dissector owns the flow (0 = not decided yet) and a bit per
    // dissector that was handed a packet of it (only those can hold state to forget at its end).
    uint8_t observe_route = 0;
    uint8_t observed_by = 0;

    // --- line 2: what each packet adds
    int64_t last_ns = 0;
    uint64_t packets[2] = {0, 0};
    uint64_t bytes[2] = {0, 0};      // L3 bytes per direction
    uint8_t tcp_flags[2] = {0, 0};   // OR of flags per direction
    uint8_t inspected[2] = {0, 0};   // payload packets handed to dissectors per direction
    bool inspection_done = false;    // dissectors have all they want from this flow
    bool upgrading_to_tls = false;   // the client asked to upgrade to TLS in band (STARTTLS): inspected longer
    bool client_by_handshake = false;  // client chosen by a SYN rather than by heuristics
    // Source MAC of the first packet in each direction that had one, from the frame that carried
    // it (DecodedPacket::own_src_mac): inside a tunnel the inner frame's, i.e. the station's own.
    // These belong to client_ip/server_ip (when on the capture's segment).
    bool has_macs = false;
    MacAddress client_mac, server_mac;
    uint16_t vlan = 0;

    // --- the rest: set once, or read when the flow ends
    IpAddress server_ip;
    uint64_t id = 0;  // unique within a run, in order of creation
    int64_t first_ns = 0;
    uint16_t input_index = 0;  // file of the first packet
    DnsNameBasis dns_basis = DnsNameBasis::none;  // set with a name of NameSource::dns
    // Through an explicit HTTP proxy (observe/http.cpp): the client asked this flow's server, a
    // forward proxy, for another server (`CONNECT host:port`, or a request for `http://host/...`),
    // which server_name then names. proxy_target_port is that server's port (0: the flow reached
    // its server directly), proxy_target_ip its address when known (an address literal in the
    // request, or the DNS answer for server_name attached when the flow ends), else unspecified.
    uint16_t proxy_target_port = 0;
    IpAddress proxy_target_ip;
    // Keyed on a tunnel's inner packet (CAPWAP, VXLAN, GRE, ...). Its outer link's source MACs
    // (first in each direction) are the tunnel endpoints' or a router's in front of them: devices
    // seen on the wire, never tied to the addresses keyed. client_mac/server_mac are the inner
    // frame's; a tunnel that carries IP directly (IP-in-IP, GRE with IP, GTP-U) has none.
    bool tunnelled = false;
    bool has_outer_macs = false;
    MacAddress outer_client_mac, outer_server_mac;
};

struct Flow : FlowValues {
    // Other source MACs seen in a direction (a capture on both sides of a router or firewall sees
    // one flow behind two MACs), of the packets' own frames or (`outer`) of a tunnel's outer link.
    // Empty for almost every flow: no allocation on the common path.
    struct ExtraMac {
        MacAddress mac;
        Direction dir;
        uint64_t frames;
        bool outer = false;
    };
    std::vector<ExtraMac> extra_macs;

    // Observation (filled by observe; the flow table never touches these).
    std::string server_name;     // lower-case, no trailing dot
    std::string http_user_agent;
    std::string http_server;

    // Back to a default flow, keeping the buffers' capacity: a flow table reuses its slots, and a
    // name longer than the small-string buffer would otherwise cost a malloc/free per flow.
    void reset() {
        reset_to_default(static_cast<FlowValues&>(*this));
        extra_macs.clear();
        server_name.clear();
        http_user_agent.clear();
        http_server.clear();
    }
};

}  // namespace sovscan
