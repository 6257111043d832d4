// Fuzzes the observe stage on a Tcp flow to port 80 (see fuzz_observe_driver.h).
#include "fuzz_observe_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoTcp, 80);
    return 0;
}
