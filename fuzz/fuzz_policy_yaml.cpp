// libFuzzer: any bytes as a policy file (docs/policy.md). parse_policy_file() either returns a
// policy or throws std::runtime_error with one printable-ASCII line naming the file — any other
// exception, a crash or a hang is a defect.
//   build-hardened/fuzz/fuzz_policy_yaml -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "assess/policy_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)sovscan::parse_policy_file(text, "fuzz.yaml");
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        if (message.rfind("fuzz.yaml", 0) != 0) std::abort();  // every message names the file
        for (const char c : message)
            if (c < 0x20 || c > 0x7e) std::abort();  // values are escaped: one printable line
    }
    return 0;
}
