// Micro-benchmarks of the observe stage: the per-packet cost of each dissector on its typical
// input, and of the common path (a flow whose inspection is done).
#include <benchmark/benchmark.h>

#include "../tests/observe/observe_test_util.h"
#include "../tests/observe/quic_test_vectors.h"

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

}  // namespace
