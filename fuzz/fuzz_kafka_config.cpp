// libFuzzer: any bytes as a librdkafka properties file (`--kafka-config FILE`). Properties come
// back with non-empty keys, errors as one escaped "<file>:<line>: ..." line — never a crash, hang
// or exception.
//   build-hardened/fuzz/fuzz_kafka_config -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "export/kafka_config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> errors;
    const sovscan::KafkaProperties props = sovscan::parse_kafka_properties(text, "fuzz.properties", errors);
    for (const std::string& e : errors) {
        if (e.rfind("fuzz.properties:", 0) != 0) std::abort();
        for (const char c : e)
            if (c == '\n' || c == '\x1b' || c == '\0') std::abort();  // one line, escaped
    }
    for (const auto& [key, value, origin] : props) {
        if (origin.rfind("fuzz.properties:", 0) != 0) std::abort();
        if (key.empty() || key.find('=') != std::string::npos || key.find('\n') != std::string::npos) std::abort();
        if (value.find('\n') != std::string::npos) std::abort();
        (void)sovscan::is_secret_kafka_property(key);
    }
    return 0;
}
