// Fuzzes the observe stage on a Udp flow to port 53 (see fuzz_observe_driver.h), and the DNS answer
// table's lookup by time (fuzz_observe_dns_names.h).
#include "fuzz_observe_dns_names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoUdp, 53, sovscan::fuzz::KeepPayload{}, "198.51.100.7", sovscan::fuzz::look_up_answers);
    return 0;
}
