// libFuzzer target for the model-origin word matcher (intel/model_origin.h): any pattern and value
// are compared without reading past either, and a value always matches its own pattern key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "intel/model_origin.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const size_t split = all.find('\n');
    const std::string_view pattern = all.substr(0, split);
    const std::string_view value = split == std::string_view::npos ? std::string_view() : all.substr(split + 1);
    (void)sovscan::model_pattern_matches(pattern, value);
    const std::string key = sovscan::model_pattern_key(value);
    if (!key.empty() && !sovscan::model_pattern_matches(key, value)) std::abort();
    return 0;
}
