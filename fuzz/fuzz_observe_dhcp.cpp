// Fuzzes the observe stage on a Udp flow to port 67 (see fuzz_observe_driver.h).
#include "fuzz_observe_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoUdp, 67);
    return 0;
}
