#pragma once
// ndpiReader's flow lines (corpus/ndpi-expected/NAME.out), read once for every test that compares
// sovscan with nDPI: flow counts and server names per protocol family (tests/corpus), TLS/QUIC SNIs
// seen by the observe stage alone (tests/observe).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sovscan::test {

// One flow line, e.g.
//   "\t1\tTCP 192.168.2.126:45380 <-> 161.117.13.29:80 [VLAN: 4][proto: GTP:7.295/HTTP.1kxun]...
//    [Hostname/SNI: mangaweb.1kxun.mobi]..."
// Addresses as printed, without the brackets nDPI puts around IPv6 ones.
struct NdpiFlow {
    std::string transport;  // "TCP", "UDP", "ICMP", ...
    uint8_t ip_proto = 0;   // 6 or 17; 0 for any other transport
    std::string a, b;
    uint16_t pa = 0, pb = 0;
    bool one_way = false;    // "->": nDPI saw packets from a to b only
    uint16_t vlan = 0;       // [VLAN: n], nDPI's innermost tag
    std::string tunnel;      // "CAPWAP", "GTP", "VXLAN" ... when nDPI looked inside one
    std::string master;      // "HTTP" of "HTTP.1kxun": the protocol nDPI dissected
    std::string app;         // "1kxun" of "HTTP.1kxun"; empty when nDPI names no application
    std::string hostname;    // [Hostname/SNI: ...] as printed; empty when nDPI has none
};

// Every flow line of an ndpiReader output, in order. A missing file gives no flows (callers check
// that the corpus is there with corpus_file()).
std::vector<NdpiFlow> read_ndpi_flows(const std::string& out_file);

// What the name nDPI shows in [Hostname/SNI: ...] is, by the protocol it came from. nDPI puts
// very different things in that one field; only the first three are the name of the server a
// client chose to reach, which is what sovscan's Flow::server_name holds.
enum class NdpiNameFamily {
    tls,      // TLS, DTLS and the STARTTLS upgrades (SMTPS, IMAPS, POPS, FTPS): the SNI, else the
              // server certificate's subject CN
    quic,     // QUIC, IETF and Google: the SNI of the ClientHello or CHLO
    http,     // HTTP, HTTP_Proxy, HTTP_Connect: the Host header
    dns,      // the query name; the flow's server is the resolver
    mdns,     // the first question or answer name, multicast
    llmnr,    // the query name, multicast
    netbios,  // the NetBIOS name queried or announced, broadcast
    dhcp,     // the client's own host name (option 12)
    ssdp,     // the HOST header: the multicast group and port
    other,    // whatever else nDPI reads a name from (STUN, SSH and FTP banners, MGCP, Munin, ...)
};
inline constexpr NdpiNameFamily kNdpiNameFamilies[] = {
    NdpiNameFamily::tls,   NdpiNameFamily::quic,    NdpiNameFamily::http, NdpiNameFamily::dns,
    NdpiNameFamily::mdns,  NdpiNameFamily::llmnr,   NdpiNameFamily::netbios, NdpiNameFamily::dhcp,
    NdpiNameFamily::ssdp,  NdpiNameFamily::other,
};

NdpiNameFamily ndpi_name_family(std::string_view master);
// "TLS", "QUIC", "HTTP", "DNS", "mDNS", "LLMNR", "NetBIOS", "DHCP", "SSDP", "other"
const char* ndpi_name_family_label(NdpiNameFamily f);

// A name as both tools can be compared on it: ASCII lower case, no trailing dot.
std::string comparable_name(std::string_view name);

}  // namespace sovscan::test
