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
    sovscan::RawPacket p;
    uint64_t sum = 0;
    while (reader->next(p)) {
        // Touch the first and last byte: ASan catches a view that leaves the input.
        if (p.caplen) sum += p.data[0] + p.data[p.caplen - 1];
    }
    // Progress can never pass the end of the input.
    if (reader->offset() > size) __builtin_trap();
    volatile uint64_t sink = sum;
    (void)sink;
    return 0;
}
