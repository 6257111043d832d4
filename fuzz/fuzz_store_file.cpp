// libFuzzer: any bytes as a run store (`sovscan history|diff|report --store FILE`: a store file is
// copied between machines and may be damaged or crafted). Either the store opens and every run,
// the period and a diff read back, or StoreError says why in one escaped line — never a crash,
// hang or other exception. Seeds: a store a scan wrote (fuzz/seeds/store_file/).
//   build-hardened/fuzz/fuzz_store_file -max_total_time=60 seeds/
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/period_query.h"
#include "store/run_diff.h"
#include "store/run_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/fuzz_store_file." + std::to_string(getpid()) + ".db";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    try {
        auto store = sovscan::open_run_store(path, sovscan::StoreAccess::read_only);
        const auto runs = store->list_runs({});
        sovscan::RunRecord previous;
        for (const sovscan::RunInfo& r : runs) {
            auto run = store->load_run(r.id);
            if (!run) continue;
            sovscan::diff_runs(previous, *run, 2.0);
            previous = std::move(*run);
        }
        sovscan::build_period_report(*store, 0, INT64_MAX / 2, "", "now");
    } catch (const sovscan::StoreError& e) {
        for (const char* p = e.what(); *p; ++p)
            if (*p == '\n' || *p == '\x1b') std::abort();
    }
    return 0;
}
