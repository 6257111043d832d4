// libFuzzer: any bytes as a Suricata EVE file (JSON lines, plain or gzip): the reader must count
// and skip what is malformed and keep fuzz_log_checks.h. Seeds: fuzz/seeds/fuzz_suricata_eve and
// the corpus's suricata/ files (scripts/fuzz.sh).
// Seeds in fuzz/seeds/fuzz_suricata_eve: lines of elastic/beats' Filebeat Suricata test inputs
// (Apache-2.0; ../shared/corpus/FORMATS.md), cut short.
#include <cstddef>
#include <cstdint>

#include "fuzz_log_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::fuzz::read_and_check_log(data, size);
    return 0;
}
