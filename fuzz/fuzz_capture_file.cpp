// libFuzzer: any bytes as a capture file (pcap or pcapng), read to the end. The reader must never
// read outside the input, crash or hang, whatever the bytes say. Reads from memory
// (CaptureFile::open_memory), so no file system work per input.
//   build-fuzz/fuzz/fuzz_capture_file -max_total_time=120 /tmp/seeds
#include <cstddef>
#include <cstdint>
#include <span>

#include "common/diagnostics.h"
#include "sources/capture_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::Diagnostics diag;
    auto reader = sovscan::CaptureFile::open_memory(std::span<const uint8_t>(data, size), "fuzz", 0, diag);
    if (!reader) return 0;
    // Packets one at a time and in batches, as the scan takes them (the batch size from the input's
    // length, so both ways are explored).
    sovscan::RawPacket batch[8];
    const size_t per_call = 1 + size % 8;
    uint64_t sum = 0;
    while (const size_t n = reader->next_batch(batch, per_call)) {
        for (size_t i = 0; i < n; ++i) {
            // Touch the first and last byte: ASan catches a view that leaves the input.
            const sovscan::RawPacket& p = batch[i];
            if (p.caplen) sum += p.data[0] + p.data[p.caplen - 1];
        }
    }
    sovscan::RawPacket p;
    if (reader->next(p)) __builtin_trap();  // the end stays the end
    // Progress can never pass the end of the input.
    if (reader->offset() > size) __builtin_trap();
    volatile uint64_t sink = sum;
    (void)sink;
    return 0;
}
