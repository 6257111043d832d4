// libFuzzer: NetFlow v9 and IPFIX datagram sequences (fuzz_flow_export_driver.h frames them). One
// decoder lives for the whole run, as in a collector: templates, options and sampling rates one
// input's datagrams define persist into later inputs, so data meets templates it never saw built.
// Each datagram's version is forced to 9 or 10 by its second octet's low bit; the exporter
// address by the third's, so two exporters' scopes interleave.
//   build-fuzz/fuzz/fuzz_netflow_v9_ipfix -max_total_time=60 fuzz/seeds/fuzz_netflow_v9_ipfix
#include "fuzz_flow_export_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static sovscan::FlowExportDecoder decoder(1);
    static const sovscan::IpAddress exporters[2] = {*sovscan::IpAddress::parse("192.0.2.1"),
                                                    *sovscan::IpAddress::parse("2001:db8::1")};
    sovscan::fuzz::CheckingSink sink;
    for (auto& d : sovscan::fuzz::split_datagrams(data, size)) {
        const int which = d.size() > 2 ? d[2] & 1 : 0;
        if (d.size() >= 2) d[0] = 0, d[1] = (d[1] & 1) ? 10 : 9;
        decoder.decode(d, exporters[which], 1'700'000'000'000'000'000LL, sink);
    }
    return 0;
}
