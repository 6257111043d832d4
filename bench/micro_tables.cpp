// Per-flow lookup tables: FlatHashMap (common/flat_hash_map.h) against std::unordered_map with the
// key shape observe's DnsTable and assess's exposure index use, (IpAddress, IpAddress), over a
// table larger than the caches, half the lookups missing (flows without a DNS answer).
//   build-*/bench/micro_tables
#include <benchmark/benchmark.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "common/flat_hash_map.h"
#include "common/ip_address.h"

namespace {

using sovscan::IpAddress;

struct Pair {
    IpAddress a, b;
    friend bool operator==(const Pair&, const Pair&) = default;
};
struct PairHash {
    size_t operator()(const Pair& k) const noexcept {
        return sovscan::IpAddressHash{}(k.a) * 31 ^ sovscan::IpAddressHash{}(k.b);
    }
};

constexpr size_t kEntries = 1 << 19;

std::vector<Pair> keys(uint64_t seed, size_t n) {
    std::mt19937_64 rng(seed);
    std::vector<Pair> out(n);
    for (auto& k : out) k = {IpAddress::v4(0x0a000000u | (rng() & 0xffff)), IpAddress::v4(uint32_t(rng()))};
    return out;
}

// Present and absent keys interleaved, in an order unrelated to insertion.
std::vector<Pair> lookups(const std::vector<Pair>& present) {
    std::vector<Pair> absent = keys(7, present.size());
    std::vector<Pair> out;
    for (size_t i = 0; i < present.size(); ++i) out.push_back(i % 2 ? absent[i] : present[(i * 7919) % present.size()]);
    return out;
}

template <typename Map, typename Find>
void run(benchmark::State& state, Map& map, Find find) {
    const std::vector<Pair> present = keys(1, kEntries);
    for (size_t i = 0; i < present.size(); ++i) map[present[i]] = i;
    const std::vector<Pair> queries = lookups(present);
    size_t i = 0, found = 0;
    for (auto _ : state) {
        found += find(map, queries[i]);
        if (++i == queries.size()) i = 0;
    }
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
}

void BM_FlatHashMapLookup(benchmark::State& state) {
    sovscan::FlatHashMap<Pair, size_t, PairHash> map;
    run(state, map, [](const auto& m, const Pair& k) { return m.find(k) != nullptr; });
}
BENCHMARK(BM_FlatHashMapLookup);

void BM_UnorderedMapLookup(benchmark::State& state) {
    std::unordered_map<Pair, size_t, PairHash> map;
    run(state, map, [](const auto& m, const Pair& k) { return m.find(k) != m.end(); });
}
BENCHMARK(BM_UnorderedMapLookup);

}  // namespace
