// libFuzzer: one sFlow v5 datagram (its version forced to 5); sampled headers are read to the end.
//   build-fuzz/fuzz/fuzz_sflow -max_total_time=60 fuzz/seeds/fuzz_sflow
#include "fuzz_flow_export_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::FlowExportDecoder decoder(1);
    sovscan::fuzz::CheckingSink sink;
    std::vector<uint8_t> d(data, data + size);
    if (d.size() >= 4) d[0] = 0, d[1] = 0, d[2] = 0, d[3] = 5;
    decoder.decode(d, *sovscan::IpAddress::parse("192.0.2.1"), 1'700'000'000'000'000'000LL, sink);
    return 0;
}
