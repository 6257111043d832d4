// Packets per second of the capture readers alone: CaptureSet::next over a synthetic capture in
// /tmp (built once per run), for one pcap, one pcapng, a merge of four pcaps (1 M packets of mixed
// sizes each, ~490 MB) and a small cache-resident pcap (the reader's own cost per packet).
// Rates are per CPU second except where marked real_time; on a loaded machine trust CPU time.
//   build-*/bench/micro_sources --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "sources/capture_set.h"

namespace {

using Bytes = std::vector<uint8_t>;

constexpr uint32_t kPackets = 1'000'000;

void put32(Bytes& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// Sizes cycle like real traffic: mostly small ACKs, some full frames.
uint32_t packet_size(uint32_t i) {
    static constexpr uint32_t kSizes[] = {60, 66, 1514, 74, 60, 590, 66, 1514};
    return kSizes[i % 8];
}

std::string write_file(const std::string& name, const Bytes& bytes) {
    const std::string path = "/tmp/sovscan-bench-" + std::to_string(::getpid()) + "-" + name;
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
    return path;
}

// Packets start `first_us` apart from file to file and step by `step_us`; `fixed_len` > 0 gives
// every packet that size (small files that stay in cache measure the reader's own cost).
Bytes make_pcap(uint32_t packets, uint64_t first_us, uint64_t step_us, uint32_t fixed_len = 0) {
    Bytes b;
    put32(b, 0xa1b2c3d4);
    b.insert(b.end(), {2, 0, 4, 0});
    put32(b, 0);
    put32(b, 0);
    put32(b, 65535);
    put32(b, 1);
    Bytes frame(1514, 0x5a);
    for (uint32_t i = 0; i < packets; ++i) {
        const uint64_t us = 1'700'000'000'000'000ull + first_us + i * step_us;
        const uint32_t len = fixed_len ? fixed_len : packet_size(i);
        put32(b, static_cast<uint32_t>(us / 1'000'000));
        put32(b, static_cast<uint32_t>(us % 1'000'000));
        put32(b, len);
        put32(b, len);
        b.insert(b.end(), frame.begin(), frame.begin() + len);
    }
    return b;
}

Bytes make_pcapng(uint32_t packets) {
    Bytes b;
    put32(b, 0x0a0d0d0a);
    put32(b, 28);
    put32(b, 0x1a2b3c4d);
    b.insert(b.end(), {1, 0, 0, 0});
    put32(b, 0xffffffff);
    put32(b, 0xffffffff);
    put32(b, 28);
    put32(b, 1);  // IDB, Ethernet, ns
    put32(b, 28);
    put32(b, 1);
    put32(b, 0);
    b.insert(b.end(), {9, 0, 1, 0, 9, 0, 0, 0});
    put32(b, 28);
    Bytes frame(1516, 0x5a);
    for (uint32_t i = 0; i < packets; ++i) {
        const uint64_t ns = 1'700'000'000'000'000'000ull + i * 1000ull;
        const uint32_t len = packet_size(i);
        const uint32_t padded = (len + 3) & ~3u;
        put32(b, 6);
        put32(b, 32 + padded);
        put32(b, 0);
        put32(b, static_cast<uint32_t>(ns >> 32));
        put32(b, static_cast<uint32_t>(ns));
        put32(b, len);
        put32(b, len);
        b.insert(b.end(), frame.begin(), frame.begin() + padded);
        put32(b, 32 + padded);
    }
    return b;
}

// Files live for the whole run and are removed at exit.
struct Inputs {
    std::string pcap, pcapng, small;
    std::vector<std::string> four;
    Inputs() {
        pcap = write_file("one.pcap", make_pcap(kPackets, 0, 10));
        pcapng = write_file("one.pcapng", make_pcapng(kPackets));
        small = write_file("small.pcap", make_pcap(20'000, 0, 10, 64));
        for (int f = 0; f < 4; ++f) {
            four.push_back(write_file("four-" + std::to_string(f) + ".pcap", make_pcap(kPackets / 4, f * 3, 10)));
        }
    }
    ~Inputs() {
        std::remove(pcap.c_str());
        std::remove(pcapng.c_str());
        std::remove(small.c_str());
        for (const auto& p : four) std::remove(p.c_str());
    }
};

const Inputs& inputs() {
    static const Inputs in;
    return in;
}

void read_all(benchmark::State& state, const std::vector<std::string>& files) {
    uint64_t packets = 0, bytes = 0;
    for (auto _ : state) {
        sovscan::Diagnostics diag;
        sovscan::CaptureSet set(files, diag);
        sovscan::RawPacket p;
        uint64_t sum = 0;
        while (set.next(p)) {
            sum += p.caplen + p.data[0];  // touch the packet, as decode would
            ++packets;
        }
        bytes += set.total_bytes();
        benchmark::DoNotOptimize(sum);
    }
    state.counters["packets/s"] = benchmark::Counter(static_cast<double>(packets), benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_SinglePcap(benchmark::State& state) { read_all(state, {inputs().pcap}); }
void BM_SinglePcapng(benchmark::State& state) { read_all(state, {inputs().pcapng}); }
void BM_SmallPcapInCache(benchmark::State& state) { read_all(state, {inputs().small}); }
void BM_MergeFourPcaps(benchmark::State& state) { read_all(state, inputs().four); }

BENCHMARK(BM_SinglePcap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SinglePcapng)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmallPcapInCache)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MergeFourPcaps)->Unit(benchmark::kMillisecond);

}  // namespace
