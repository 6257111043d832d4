// libFuzzer: any bytes as the previous register (`sovscan risk --previous LAST.json`). Either a
// register comes back or an error saying why, escaped — never a crash, hang or exception.
//   build-hardened/fuzz/fuzz_previous_register -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "risk/register_diff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::string error;
    const auto previous = sovscan::read_previous_register(in, error);
    if (previous.has_value() == !error.empty()) std::abort();  // one or the other
    for (const char c : error)
        if (c == '\n' || c == '\x1b' || c == '\0') std::abort();
    return 0;
}
