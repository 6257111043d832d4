// libFuzzer target for the GGUF header reader: any bytes give a header whose KVs were all read
// inside the input, or a reason for stopping; the model built from it never crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "inventory/gguf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::MemoryByteSource source({data, size});
    sovscan::GgufHeader h = sovscan::parse_gguf_header(source);
    if (h.kvs.size() > h.kv_count) std::abort();
    if (h.magic && h.kvs.size() < h.kv_count && h.error.empty()) std::abort();  // stopping must say why
    for (const auto& kv : h.kvs)
        if (kv.offset >= size) std::abort();
    (void)sovscan::gguf_model_artifact(h, "fuzz.gguf");
    return 0;
}
