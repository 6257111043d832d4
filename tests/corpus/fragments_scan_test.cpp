// End-to-end: DNSCrypt queries padded beyond the MTU leave as IP fragments; every later fragment
// counts in its query's flow (flows/fragment_ports.h), so the flows to a resolver hold every byte
// sent to it and no per-address-pair flow with ports 0 is left.
#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

TEST(FragmentsScan, LaterFragmentsCountInTheirQuerysFlow) {
    ScanRun run = scan_capture(corpus_file("ndpi/dnscrypt-v1-and-resolver-pings.pcap"));
    ASSERT_TRUE(run.report);
    // tshark -Y 'ip.frag_offset>0' counts 120 later fragments; every first fragment was captured.
    EXPECT_EQ(run.report->flow_counters.at("fragments_attributed"), 120u);
    EXPECT_EQ(run.report->flow_counters.at("fragments_without_first"), 0u);
    for (const Flow& f : run.flows)
        EXPECT_FALSE(f.proto == kProtoUdp && f.client_port == 0 && f.server_port == 0)
            << f.client_ip.to_string() << " -> " << f.server_ip.to_string();

    // tshark -Y 'ip.src==10.0.0.1 && ip.dst==142.4.204.111': 18 packets, 12,720 bytes of ip.len,
    // 6 of them later fragments (offset 185, 80 bytes).
    uint64_t packets = 0, bytes = 0;
    for (const Flow& f : run.flows) {
        if (f.client_ip.to_string() != "10.0.0.1" || f.server_ip.to_string() != "142.4.204.111") continue;
        EXPECT_EQ(f.server_port, 443);
        packets += f.packets[kToServer];
        bytes += f.bytes[kToServer];
    }
    EXPECT_EQ(packets, 18u);
    EXPECT_EQ(bytes, 12'720u);
}

}  // namespace
}  // namespace sovscan::test
