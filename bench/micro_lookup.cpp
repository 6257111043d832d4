// What one `sovscan lookup` call costs inside the process: loading the intel (every call pays it;
// the catalog CSVs are the only part parsed, so they are timed on their own too) and one answer of
// each kind on a fresh Lookup (no cache, as in a call), against the installed intel
// (scripts/install-intel.sh). The whole call, process start included: bench/lookup-latency.sh.
//   build-*/bench/micro_lookup
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>

#include "assess/lookup.h"
#include "intel/catalog.h"
#include "intel/domain_matcher.h"

namespace {

using namespace sovscan;

// Loaded once for the answer benchmarks; null (and every benchmark skipped) when not installed.
const Intel* installed_intel() {
    static const std::unique_ptr<Intel> intel = [] {
        Diagnostics diag;
        return Intel::load(default_intel_paths(), diag);
    }();
    return intel.get();
}

constexpr const char* kNotInstalled = "intel not installed: run scripts/install-intel.sh or set SOVSCAN_INTEL_DIR";

void BM_IntelLoad(benchmark::State& state) {
    const IntelPaths paths = default_intel_paths();
    for (auto _ : state) {
        Diagnostics diag;
        auto intel = Intel::load(paths, diag);
        if (!intel) {
            state.SkipWithError(kNotInstalled);
            break;
        }
        benchmark::DoNotOptimize(intel.get());
    }
}
BENCHMARK(BM_IntelLoad)->Unit(benchmark::kMillisecond);

void BM_CatalogLoad(benchmark::State& state) {
    const std::string dir = default_intel_paths().catalog_dir;
    for (auto _ : state) {
        std::vector<std::string> problems;
        auto catalog = Catalog::load(dir, problems);
        benchmark::DoNotOptimize(catalog.get());
    }
}
BENCHMARK(BM_CatalogLoad)->Unit(benchmark::kMillisecond);

void BM_Answer(benchmark::State& state, const char* query) {
    const Intel* intel = installed_intel();
    if (!intel) {
        state.SkipWithError(kNotInstalled);
        return;
    }
    const Policy policy;
    for (auto _ : state) {
        Lookup lookup(*intel, policy);
        LookupAnswer a = lookup.answer(query);
        benchmark::DoNotOptimize(a.verdict);
    }
}
// Matching a server name against the catalogue's domains (what enrich does once per distinct name):
// a probe per label of the name, whatever the number of entries. Arg 0 = the first 313 catalogued
// domains (the catalogue's size before issue 14), arg 1 = all of them; the same queries in both,
// half of them under a catalogued domain and half not, 3-6 labels each.
void BM_DomainMatch(benchmark::State& state) {
    const Intel* intel = installed_intel();
    if (!intel) {
        state.SkipWithError(kNotInstalled);
        return;
    }
    const std::vector<DomainEntry>& domains = intel->catalog().domains();
    const size_t n = state.range(0) == 0 ? std::min<size_t>(313, domains.size()) : domains.size();
    DomainSuffixMatcher matcher;
    for (size_t i = 0; i < n; ++i) matcher.add(domains[i].domain, uint32_t(i), domains[i].match == "exact");
    std::vector<std::string> queries;
    for (size_t i = 0; i < 256; ++i) {
        const std::string d(domains[(i * 7919) % n].domain);  // spread over the entries both sizes share
        queries.push_back(i % 2 ? "api.eu-1." + d : "cdn-" + std::to_string(i) + ".static.example-" + std::to_string(i) + ".net");
    }
    size_t hits = 0, q = 0;
    for (auto _ : state) {
        hits += matcher.match(queries[q]).has_value();
        q = (q + 1) & 255;
    }
    benchmark::DoNotOptimize(hits);
    state.counters["entries"] = double(matcher.size());
}
BENCHMARK(BM_DomainMatch)->Arg(0)->Arg(1)->Unit(benchmark::kNanosecond);

BENCHMARK_CAPTURE(BM_Answer, ip, "47.96.1.10")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, ipv6, "2400:3200::1")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, domain, "cam.eu.hik-connect.com")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, idn_domain, "bücher.example")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, url, "https://user@a.tuyaeu.com:8883/x")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, mac, "44:47:cc:12:34:56")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Answer, asn, "AS4134")->Unit(benchmark::kMicrosecond);

}  // namespace
