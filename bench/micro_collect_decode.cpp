// Flow records per second the collector's decoders turn into FlowRecords: NetFlow v9 and IPFIX
// datagrams of 30 records each (a template of the IPv4 5-tuple, counters, times, TCP flags and
// interfaces, as routers commonly export), decoded into a sink that only counts. The issue asks
// collect to decode at least twice what nfcapd stores (bench/collect-vs-nfcapd.sh measures that).
//   build-*/bench/micro_collect_decode --benchmark_counters_tabular=true
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../tests/sources/flow_export_builders.h"
#include "sources/flow_export_decoder.h"
#include "sources/flow_export_listener.h"

namespace {

using sovscan::test::Datagram;

struct CountingSink : sovscan::RecordSink {
    uint64_t records = 0, octets = 0;
    void on_flow_record(sovscan::FlowRecord& r) override { ++records, octets += r.bytes[0]; }
    void on_dns_answer(sovscan::DnsAnswerRecord&) override {}
    void on_device_record(sovscan::AssetRecord) override {}
    void on_sampled_packet(const sovscan::RawPacket&, uint32_t) override {}
};

constexpr int kRecords = 30;

// Fields: src, dst, srcport, dstport, proto, tcpflags, packets, octets, start, end, in/out ifindex.
void template_fields(Datagram& d, bool ipfix) {
    d.u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(6).u16(1);
    d.u16(2).u16(4).u16(1).u16(4);
    if (ipfix) d.u16(152).u16(8).u16(153).u16(8);
    else d.u16(22).u16(4).u16(21).u16(4);
    d.u16(10).u16(4).u16(14).u16(4);
}
void records(Datagram& d, bool ipfix) {
    for (int i = 0; i < kRecords; ++i) {
        d.u32(0x0a000000 + i).u32(0xcb007100 + i * 7).u16(40000 + i).u16(443).u8(6).u8(0x1b);
        d.u32(10 + i).u32(1500 * (10 + i));
        if (ipfix) d.u64(1'700'000'000'000ULL + i).u64(1'700'000'001'000ULL + i);
        else d.u32(100'000 + i).u32(101'000 + i);
        d.u32(1).u32(2);
    }
}

Datagram template_datagram(bool ipfix) {
    Datagram t = ipfix ? sovscan::test::ipfix_header(1'700'000'002, 0, 1)
                       : sovscan::test::v9_header(200'000, 1'700'000'002, 0, 1);
    t.set(ipfix ? 2 : 0).u16(256).u16(12);
    template_fields(t, ipfix);
    t.end_set();
    if (ipfix) t.finish_ipfix();
    return t;
}

Datagram data_datagram(bool ipfix, uint32_t sequence = 0) {
    Datagram d = ipfix ? sovscan::test::ipfix_header(1'700'000'002, sequence, 1)
                       : sovscan::test::v9_header(200'000, 1'700'000'002, sequence, 1);
    d.set(256);
    records(d, ipfix);
    d.end_set();
    if (ipfix) d.finish_ipfix();
    return d;
}

void decode(benchmark::State& state, bool ipfix) {
    const Datagram t = template_datagram(ipfix), d = data_datagram(ipfix);
    sovscan::FlowExportDecoder decoder;
    CountingSink sink;
    const auto exporter = *sovscan::IpAddress::parse("192.0.2.1");
    decoder.decode(t.bytes, exporter, 0, sink);
    for (auto _ : state) decoder.decode(d.bytes, exporter, 0, sink);
    if (sink.records != uint64_t(state.iterations()) * kRecords) state.SkipWithError("records lost");
    state.counters["records/s"] = benchmark::Counter(double(sink.records), benchmark::Counter::kIsRate);
    state.counters["datagram_bytes"] = double(d.bytes.size());
}

void BM_NetflowV9_30Records(benchmark::State& s) { decode(s, false); }
void BM_Ipfix_30Records(benchmark::State& s) { decode(s, true); }
BENCHMARK(BM_NetflowV9_30Records);
BENCHMARK(BM_Ipfix_30Records);

// The listener on loopback at a fixed rate: 100,000 records/s (3,334 IPFIX datagrams of 30
// records per second, paced in 1 ms steps) for 3 s from another thread. Reports what arrived and
// every loss counter; the issue asks for none at this rate.
void BM_Listener_Loopback_100kRecordsPerSecond(benchmark::State& state) {
    constexpr int kSeconds = 3, kPerSecond = 100'000 / kRecords + 1;
    for (auto _ : state) {
        sovscan::FlowExportListener listener;
        listener.listen("127.0.0.1:0");
        CountingSink sink;
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(listener.sockets()[0].port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const Datagram t = template_datagram(true);
        sendto(fd, t.bytes.data(), t.bytes.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
        std::atomic<bool> done{false};
        std::thread sender([&] {
            const auto start = std::chrono::steady_clock::now();
            uint32_t sequence = 0;
            for (int ms = 0; ms < kSeconds * 1000; ++ms) {
                const int due = (ms + 1) * kPerSecond / 1000;
                while (int(sequence / kRecords) < due) {
                    const Datagram d = data_datagram(true, sequence);
                    sendto(fd, d.bytes.data(), d.bytes.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
                    sequence += kRecords;
                }
                std::this_thread::sleep_until(start + std::chrono::milliseconds(ms + 1));
            }
            done = true;
        });
        while (!done) listener.poll(10, sink);
        while (listener.poll(200, sink) > 0) {
        }
        sender.join();
        close(fd);
        auto counters = listener.counters();
        state.counters["records"] = double(sink.records);
        state.counters["expected"] = double(kSeconds * kPerSecond * kRecords);
        state.counters["socket_drops"] = double(counters["socket_drops"]);
        state.counters["sequence_lost"] = double(counters["exporter_sequence_lost"]);
        state.counters["rcvbuf"] = double(listener.sockets()[0].receive_buffer);
        if (sink.records != uint64_t(kSeconds * kPerSecond * kRecords)) state.SkipWithError("records lost");
    }
}
BENCHMARK(BM_Listener_Loopback_100kRecordsPerSecond)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
