// Writes a synthetic run store through the store's own code (store/sqlite_store.h), for the
// answer-time benchmarks of `sovscan diff` and `sovscan report` (bench/store.sh, issue 17): RUNS
// runs of one sensor, one every HOURS hours, each with FINDINGS findings. Between consecutive runs
// CHURN of the exposures are replaced by new ones, a few change severity, and traffic grows.
// Deterministic: the same arguments give the same rows (but for recording times).
//
//   sovscan-store-synth OUT.db RUNS FINDINGS [HOURS=1] [CHURN=0.001]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/sqlite_store.h"

using namespace sovscan;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: sovscan-store-synth OUT.db RUNS FINDINGS [HOURS=1] [CHURN=0.001]\n");
        return 2;
    }
    const std::string out = argv[1];
    const long runs = std::atol(argv[2]), findings = std::atol(argv[3]);
    const double hours = argc > 4 ? std::atof(argv[4]) : 1.0;
    const double churn = argc > 5 ? std::atof(argv[5]) : 0.001;
    constexpr int64_t kStart = 1'767'225'600'000'000'000;  // 2026-01-01T00:00:00Z
    const int64_t step = static_cast<int64_t>(hours * 3600e9);
    const long replaced_per_run = static_cast<long>(churn * static_cast<double>(findings));
    try {
        SqliteRunStore store(out, StoreAccess::read_write);
        const auto start = std::chrono::steady_clock::now();
        for (long r = 0; r < runs; ++r) {
            RunRecord run;
            RunInfo& i = run.info;
            i.sensor = "synthetic";
            i.command_line = "sovscan-store-synth";
            i.first_ns = kStart + r * step;
            i.last_ns = i.first_ns + step - 1;
            i.recorded_ns = i.last_ns;
            i.generated_at = fmt::format("run {}", r);
            i.intel_versions = "catalog=synthetic";
            i.catalog_version = "synthetic";
            i.policy_digest = std::string(64, '0');
            i.inputs.push_back({fmt::format("/captures/hour-{}.pcap", r), "capture", 1u << 30, std::string(64, 'a')});
            run.findings.reserve(static_cast<size_t>(findings));
            // Exposure n of this run is the (n + r * replaced)-th ever: the oldest ones drop out.
            const long first = r * replaced_per_run;
            for (long n = first; n < first + findings; ++n) {
                StoredFinding f;
                f.id = fmt::format("{:016x}", static_cast<uint64_t>(n) * 0x9E3779B97F4A7C15ULL);
                f.rule = n % 7 == 0 ? "SOV-002" : "SOV-001";
                f.severity = (n + r / 24) % 50 == 0 ? Severity::critical : n % 7 == 0 ? Severity::medium : Severity::high;
                f.asset = fmt::format("10.{}.{}.{}", n / 65536 % 256, n / 256 % 256, n % 256);
                f.counterpart = fmt::format("47.{}.{}.{}", n / 4096 % 256, n / 16 % 256, n % 16);
                f.country = "CN";
                f.vendor = "Alibaba Cloud";
                f.summary = fmt::format("{} sent data to {}", f.asset, f.counterpart);
                f.bytes_sent = static_cast<uint64_t>(1000 + n % 5000) * static_cast<uint64_t>(1 + (n % 3 == 0 ? r : 0));
                f.bytes_received = 500 + static_cast<uint64_t>(n % 700);
                f.packets_sent = f.bytes_sent / 500 + 1;
                f.packets_received = f.bytes_received / 500 + 1;
                f.flows = 1 + static_cast<uint64_t>(n % 9);
                f.first_ns = i.first_ns + (n % 3600) * 1'000'000'000LL;
                f.last_ns = f.first_ns + 1'000'000'000LL;
                run.findings.push_back(std::move(f));
            }
            i.findings = run.findings.size();
            store.write_run(run);
            if ((r + 1) % 24 == 0 || r + 1 == runs) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                std::fprintf(stderr, "\r%ld/%ld runs, %.1f s (%.2f s a run)", r + 1, runs, s, s / static_cast<double>(r + 1));
            }
        }
        std::fprintf(stderr, "\n");
    } catch (const StoreError& e) {
        std::fprintf(stderr, "sovscan-store-synth: %s\n", e.what());
        return 1;
    }
    return 0;
}
