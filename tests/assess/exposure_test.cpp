// Which addresses a flow's link addresses are tied to: a local address on its own segment gets its
// MAC; the inner addresses of a tunnel never get the outer link's (the tunnel endpoints' or a
// router's), though those MACs still count as devices seen.
#include "assess/exposure.h"

#include <gtest/gtest.h>

#include "decode/decoded_packet.h"

namespace sovscan {
namespace {

const MacAddress kRouter = *MacAddress::parse("a4:c6:4f:3b:b3:ab");  // a Huawei OUI
const MacAddress kGateway = *MacAddress::parse("00:10:00:1f:6b:62");

Flow station_flow(bool tunnelled) {
    Flow f;
    f.client_ip = *IpAddress::parse("10.1.3.68");
    f.server_ip = *IpAddress::parse("74.125.130.188");
    f.client_port = 47025;
    f.server_port = 443;
    f.proto = kProtoTcp;
    f.first_ns = f.last_ns = 1'000'000'000;
    f.packets[kToServer] = 8, f.bytes[kToServer] = 1200;
    f.packets[kToClient] = 6, f.bytes[kToClient] = 1400;
    f.has_macs = true;
    f.client_mac = kRouter;
    f.server_mac = kGateway;
    f.tunnelled = tunnelled;
    return f;
}

const DeviceSighting& device(const ExposureAggregator& agg, const MacAddress& mac) {
    const DeviceSighting* d = agg.devices().find(mac.as_u64());
    if (!d) throw std::runtime_error("no device " + mac.to_string());
    return *d;
}

TEST(ExposureMacs, ALocalAddressOnItsSegmentGetsItsMac) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(station_flow(false));
    EXPECT_EQ(device(agg, kRouter).local_ips, (std::set<IpAddress>{*IpAddress::parse("10.1.3.68")}));
    EXPECT_TRUE(device(agg, kGateway).local_ips.empty());  // the remote side's MAC is the router's
    ASSERT_EQ(agg.exposures().size(), 1u);
    EXPECT_EQ(agg.exposures()[0].asset_macs.size(), 1u);
}

TEST(ExposureMacs, ATunnelsInnerAddressesNeverGetTheOuterLinksMacs) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(station_flow(true));
    EXPECT_TRUE(device(agg, kRouter).local_ips.empty());
    EXPECT_EQ(device(agg, kRouter).frames, 8u);  // still a device seen on the wire
    EXPECT_EQ(device(agg, kGateway).frames, 6u);
    ASSERT_EQ(agg.exposures().size(), 1u);
    EXPECT_TRUE(agg.exposures()[0].asset_macs.empty());
    EXPECT_EQ(agg.exposures()[0].bytes_sent, 1200u);  // the traffic itself is counted as before
}

}  // namespace
}  // namespace sovscan
