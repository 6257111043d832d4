// Micro-benchmarks of the observe stage: the per-packet cost of each dissector on its typical
// input, and of the common path (a flow whose inspection is done).
#include <benchmark/benchmark.h>

#include <cstring>

#include "../tests/observe/observe_test_util.h"
#include "../tests/observe/quic_test_vectors.h"
#include "observe/quic_initial.h"

namespace {

using namespace sovscan;
using namespace sovscan::test;

// Resets what observe wrote so that the same flow is dissected afresh each iteration.
void reset(Flow& f) {
    f.name_source = NameSource::none;
    f.server_name.clear();
    f.inspected[0] = f.inspected[1] = 0;
    f.inspection_done = false;
    f.id++;
}

std::vector<uint8_t> dns_response() {
    // www.example.com -> CNAME e1.cdn.example.net -> A 203.0.113.5, A 203.0.113.6
    std::vector<uint8_t> m{0x12, 0x34, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0,
                           3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
    const std::vector<uint8_t> cname{0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 20, 2, 'e', '1', 3, 'c', 'd', 'n',
                                     7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'n', 'e', 't', 0};
    m.insert(m.end(), cname.begin(), cname.end());
    for (uint8_t last : {5, 6}) {
        const std::vector<uint8_t> a{0xc0, 45, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 203, 0, 113, last};
        m.insert(m.end(), a.begin(), a.end());
    }
    return m;
}

void BM_DnsResponse(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoUdp, 53);
    const auto msg = dns_response();
    const auto pkt = t.packet(kToClient, msg, 0);
    for (auto _ : state) obs.on_packet(t.flow, kToClient, pkt);
    state.SetItemsProcessed(state.iterations());
    if (obs.counters().at("dns_answers_recorded") == 0) state.SkipWithError("no answers recorded");
}
BENCHMARK(BM_DnsResponse);

void BM_TlsClientHello(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoTcp, 443);
    const auto pkt = t.packet(kToServer, tls_records(client_hello_message("www.example.com", 400)), 1000);
    for (auto _ : state) {
        reset(t.flow);
        obs.on_packet(t.flow, kToServer, pkt);
    }
    state.SetItemsProcessed(state.iterations());
    if (t.flow.server_name != "www.example.com") state.SkipWithError("no SNI");
}
BENCHMARK(BM_TlsClientHello);

// The same Initial again and again: its keys come from the cache after the first.
void BM_QuicInitialDecrypt(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    const auto pkt = t.packet(kToServer, unhex(kV1Packet), 0);
    for (auto _ : state) {
        reset(t.flow);
        obs.on_packet(t.flow, kToServer, pkt);
    }
    state.SetItemsProcessed(state.iterations());
    if (t.flow.server_name != "example.com") state.SkipWithError("no SNI");
}
BENCHMARK(BM_QuicInitialDecrypt);

// A new connection: the Initial keys from a DCID not seen before (the cache's miss path).
void BM_QuicInitialKeyDerivation(benchmark::State& state) {
    observe::quic::InitialKeyCache cache;
    const auto& v1 = *observe::quic::find_version(1);
    std::vector<uint8_t> dcid = unhex(kDcid);
    uint64_t n = 0;
    for (auto _ : state) {
        std::memcpy(dcid.data(), &++n, sizeof n);
        benchmark::DoNotOptimize(cache.find_or_derive(v1, dcid));
    }
    state.SetItemsProcessed(state.iterations());
    if (cache.derivations() != n) state.SkipWithError("a DCID was found in the cache");
}
BENCHMARK(BM_QuicInitialKeyDerivation);

void BM_InspectionDone(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoTcp, 443);
    const auto pkt = t.packet(kToServer, std::vector<uint8_t>(1400, 0x17), 1000);
    t.flow.inspection_done = true;
    for (auto _ : state) obs.on_packet(t.flow, kToServer, pkt);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InspectionDone);

void BM_UnknownTcpFirstPacket(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoTcp, 22);
    const auto pkt = t.packet(kToServer, bytes("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), 1000);
    for (auto _ : state) {
        reset(t.flow);
        obs.on_packet(t.flow, kToServer, pkt);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UnknownTcpFirstPacket);

// Device announcements: an mDNS response (PTR, TXT, SRV, A) and an SSDP NOTIFY repeated by the
// same device, as on a LAN where they come every few seconds: each repeat only counts up.
void BM_MdnsAnnouncement(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoUdp, 5353);
    t.flow.client_port = 5353;
    const std::vector<uint8_t> txt{9, 'm', 'd', '=', 'B', 'S', 'B', '0', '0', '2', 4, 'c', 'i', '=', '2'};
    std::vector<uint8_t> srv{0, 0, 0, 0, 0x1f, 0x90};
    const auto target = dns_wire_name("Philips-hue.local");
    srv.insert(srv.end(), target.begin(), target.end());
    const auto msg = DnsMessageBuilder(0x8400)
                         .record(1, "_hap._tcp.local", 12, dns_wire_name("Philips hue - 2476FF._hap._tcp.local"))
                         .record(1, "Philips hue - 2476FF._hap._tcp.local", 16, txt, 0x8001)
                         .record(1, "Philips hue - 2476FF._hap._tcp.local", 33, srv, 0x8001)
                         .record(3, "Philips-hue.local", 1, {10, 10, 10, 6}, 0x8001)
                         .build();
    auto pkt = t.packet(kToServer, msg, 0);
    pkt.has_macs = true;
    pkt.src_mac = *MacAddress::parse("00:17:88:24:76:ff");
    for (auto _ : state) obs.on_packet(t.flow, kToServer, pkt);
    state.SetItemsProcessed(state.iterations());
    if (obs.device_records().empty()) state.SkipWithError("no device");
}
BENCHMARK(BM_MdnsAnnouncement);

void BM_SsdpNotify(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoUdp, 1900);
    auto pkt = t.packet(kToServer,
                        bytes("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=100\r\n"
                              "LOCATION: http://10.10.10.6:80/description.xml\r\nSERVER: Linux/3.14.0 UPnP/1.0 "
                              "IpBridge/1.9.0\r\nNTS: ssdp:alive\r\nNT: upnp:rootdevice\r\nUSN: "
                              "uuid:2f402f80-da50-11e1-9b23-0017882476ff::upnp:rootdevice\r\n\r\n"),
                        0);
    pkt.has_macs = true;
    pkt.src_mac = *MacAddress::parse("00:17:88:24:76:ff");
    for (auto _ : state) obs.on_packet(t.flow, kToServer, pkt);
    state.SetItemsProcessed(state.iterations());
    if (obs.device_records().empty()) state.SkipWithError("no device");
}
BENCHMARK(BM_SsdpNotify);

// What the M-SEARCH answer detection costs every other UDP flow: its first packet.
void BM_UnknownUdpFirstPacket(benchmark::State& state) {
    Observer obs;
    TestFlow t(kProtoUdp, 27015);
    const auto pkt = t.packet(kToServer, std::vector<uint8_t>(120, 0x42), 0);
    for (auto _ : state) {
        reset(t.flow);
        obs.on_packet(t.flow, kToServer, pkt);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UnknownUdpFirstPacket);

}  // namespace
