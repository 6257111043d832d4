// End-to-end: a Wi-Fi station's connection tunnelled in CAPWAP from a Cisco controller
// (ndpi/capwap_data.pcapng). The station's own flow is found and named; the router in front of the
// tunnel (a Huawei MAC, FACTS.md's one PRC MAC of the capture) is a device seen, but its MAC is not
// the station's: the station is not attributed to Huawei.
#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

TEST(TunnelScan, CapwapStationIsFoundAndNotGivenTheRoutersMac) {
    ScanRun run = scan_capture(corpus_file("ndpi/capwap_data.pcapng"));
    ASSERT_TRUE(run.report);
    // tshark: 10.1.3.68:47025 -> 74.125.130.188:443 inside the tunnel, SNI alt2-mtalk.google.com,
    // mirrored under two outer VLANs (94 and 93).
    ASSERT_EQ(run.flows.size(), 2u);
    for (const Flow& f : run.flows) {
        EXPECT_EQ(f.client_ip.to_string(), "10.1.3.68");
        EXPECT_EQ(f.server_ip.to_string(), "74.125.130.188");
        EXPECT_EQ(f.server_port, 443);
        EXPECT_TRUE(f.tunnelled);
        EXPECT_EQ(f.server_name, "alt2-mtalk.google.com");
        EXPECT_EQ(f.name_source, NameSource::sni);
    }
    // The Huawei MAC is a device of the network (SOV-005), with no address of the station.
    bool huawei_seen = false;
    for (const DeviceRecord& d : run.report->devices) {
        if (d.mac.to_string() != "a4:c6:4f:3b:b3:ab") continue;
        huawei_seen = true;
        for (const IpAddress& ip : d.ips) EXPECT_NE(ip.to_string(), "10.1.3.68");
    }
    EXPECT_TRUE(huawei_seen);
    for (const Finding& f : run.report->findings)
        if (f.asset.has_ip) EXPECT_NE(f.asset.ip.to_string(), "10.1.3.68") << rule_info(f.rule).code;
}

}  // namespace
}  // namespace sovscan::test
