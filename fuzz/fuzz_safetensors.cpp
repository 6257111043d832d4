// libFuzzer target for the safetensors header reader: any bytes give a header or a reason; every
// tensor counted lies inside the input's data.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "inventory/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::MemoryByteSource source({data, size});
    sovscan::SafetensorsHeader h = sovscan::parse_safetensors_header(source);
    if (!h.error.empty() && (h.tensor_count || !h.metadata.empty())) std::abort();
    if (h.error.empty() && h.header_size > size - 8) std::abort();
    (void)sovscan::safetensors_model_artifact(h, "fuzz.safetensors");
    return 0;
}
