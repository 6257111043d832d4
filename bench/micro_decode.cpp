// Decode cost per packet for typical frames. The decoder runs ~5 million times a second per
// thread in a full scan, so this is a budget of a few tens of nanoseconds.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "decode/decoder.h"

namespace {

using Bytes = std::vector<uint8_t>;

void put16(Bytes& b, uint16_t v) {
    b.push_back(uint8_t(v >> 8));
    b.push_back(uint8_t(v));
}
void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }

Bytes ethernet(uint16_t type) {
    Bytes b = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0xa4, 0xc6, 0x4f, 0x3b, 0xb3, 0x9a};
    put16(b, type);
    return b;
}
Bytes ipv4(uint8_t proto, size_t payload) {
    Bytes b = {0x45, 0};
    put16(b, uint16_t(20 + payload));
    append(b, {0x12, 0x34, 0x40, 0x00, 64, proto, 0, 0, 192, 168, 1, 10, 47, 245, 159, 156});
    return b;
}
Bytes ipv6(uint8_t next, size_t payload) {
    Bytes b = {0x60, 0, 0, 0};
    put16(b, uint16_t(payload));
    append(b, {next, 64});
    for (int i = 0; i < 32; ++i) b.push_back(uint8_t(i));
    return b;
}
Bytes tcp(size_t payload) {
    Bytes b = {0xc7, 0x38, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 2, 0x80, 0x18, 0xff, 0xff, 0, 0, 0, 0};
    b.resize(32, 0x01);  // 12 bytes of options (timestamps)
    b.resize(32 + payload, 0xab);
    return b;
}
Bytes udp(uint16_t dport, size_t payload) {
    Bytes b = {0xd4, 0x31};
    put16(b, dport);
    put16(b, uint16_t(8 + payload));
    put16(b, 0);
    b.resize(8 + payload, 0xcd);
    return b;
}

Bytes eth_ipv4_tcp() {
    Bytes f = ethernet(0x0800);
    append(f, ipv4(6, 32 + 100));
    append(f, tcp(100));
    return f;
}
Bytes vlan_ipv6_udp() {
    Bytes f = ethernet(0x8100);
    append(f, {0x00, 0x64, 0x86, 0xdd});
    append(f, ipv6(17, 8 + 60));
    append(f, udp(53, 60));
    return f;
}
Bytes vxlan_ipv4_tcp() {
    const Bytes inner = eth_ipv4_tcp();
    Bytes f = ethernet(0x0800);
    append(f, ipv4(17, 8 + 8 + inner.size()));
    Bytes u = udp(4789, 0);
    u[4] = uint8_t((16 + inner.size()) >> 8);
    u[5] = uint8_t(16 + inner.size());
    append(f, u);
    append(f, {0x08, 0, 0, 0, 0, 0, 42, 0});
    append(f, inner);
    return f;
}

void run(benchmark::State& state, const Bytes& frame) {
    sovscan::Decoder decoder;
    sovscan::DecodedPacket out;
    sovscan::RawPacket raw;
    raw.data = frame.data();
    raw.caplen = raw.wire_len = uint32_t(frame.size());
    raw.link_type = sovscan::kLinkEthernet;
    for (auto _ : state) {
        benchmark::DoNotOptimize(decoder.decode(raw, out));
        benchmark::DoNotOptimize(out);
    }
    if (!decoder.decode(raw, out)) state.SkipWithError("frame did not decode to IP");
    state.SetItemsProcessed(state.iterations());
}

void BM_decode_eth_ipv4_tcp(benchmark::State& s) { run(s, eth_ipv4_tcp()); }
void BM_decode_vlan_ipv6_udp(benchmark::State& s) { run(s, vlan_ipv6_udp()); }
void BM_decode_vxlan_ipv4_tcp(benchmark::State& s) { run(s, vxlan_ipv4_tcp()); }

BENCHMARK(BM_decode_eth_ipv4_tcp);
BENCHMARK(BM_decode_vlan_ipv6_udp);
BENCHMARK(BM_decode_vxlan_ipv4_tcp);

}  // namespace
