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
// beats what a resolver answered (the client may have reached the address for another name).
enum class NameSource : uint8_t { none = 0, dns, tls_certificate, http_host, quic_sni, sni };
// "none", "dns", "tls_certificate", "http_host", "quic_sni", "sni"
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
    bool has_macs = false;
    MacAddress client_mac, server_mac;  // link addresses of the first packet in each direction
    uint16_t vlan = 0;

    // --- the rest: set once, or read when the flow ends
    IpAddress server_ip;
    uint64_t id = 0;  // unique within a run, in order of creation
    int64_t first_ns = 0;
    uint16_t input_index = 0;  // file of the first packet
    DnsNameBasis dns_basis = DnsNameBasis::none;  // set with a name of NameSource::dns
    // Keyed on a tunnel's inner packet (CAPWAP, VXLAN, GRE, ...): the link addresses are the outer
    // link's, i.e. the tunnel's endpoints' or a router's, never those of the addresses keyed.
    bool tunnelled = false;
};

struct Flow : FlowValues {
    // Other source MACs seen in a direction (a capture on both sides of a router or firewall sees
    // one flow behind two MACs). Empty for almost every flow: no allocation on the common path.
    struct ExtraMac {
        MacAddress mac;
        Direction dir;
        uint64_t frames;
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
