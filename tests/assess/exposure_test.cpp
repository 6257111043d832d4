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

const MacAddress kStation = *MacAddress::parse("54:f2:01:e1:b2:99");  // a Samsung OUI

// The station's flow seen on its own segment (`tunnelled` false: the router's MAC kRouter in front
// of it), or tunnelled: the outer link's MACs kRouter/kGateway, and (`inner`) the inner frame's:
// the station's own and its gateway's.
Flow station_flow(bool tunnelled, bool inner = false) {
    Flow f;
    f.client_ip = *IpAddress::parse("10.1.3.68");
    f.server_ip = *IpAddress::parse("74.125.130.188");
    f.client_port = 47025;
    f.server_port = 443;
    f.proto = kProtoTcp;
    f.first_ns = f.last_ns = 1'000'000'000;
    f.packets[kToServer] = 8, f.bytes[kToServer] = 1200;
    f.packets[kToClient] = 6, f.bytes[kToClient] = 1400;
    f.tunnelled = tunnelled;
    if (!tunnelled) {
        f.has_macs = true;
        f.client_mac = kRouter;
        f.server_mac = kGateway;
        return f;
    }
    f.has_outer_macs = true;
    f.outer_client_mac = kRouter;
    f.outer_server_mac = kGateway;
    if (inner) {
        f.has_macs = true;
        f.client_mac = kStation;
        f.server_mac = *MacAddress::parse("e4:c7:22:aa:b9:4f");
    }
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

// Inside CAPWAP (VXLAN, GRE/TEB ...) the inner frame carries the station's own MAC: it is tied to
// the station's address; the outer link's still are not.
TEST(ExposureMacs, AStationInsideATunnelGetsItsOwnMac) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(station_flow(true, true));
    EXPECT_EQ(device(agg, kStation).local_ips, (std::set<IpAddress>{*IpAddress::parse("10.1.3.68")}));
    EXPECT_EQ(device(agg, kStation).frames, 8u);
    EXPECT_TRUE(device(agg, kRouter).local_ips.empty());
    EXPECT_EQ(device(agg, kRouter).frames, 8u);
    EXPECT_TRUE(device(agg, kGateway).local_ips.empty());
    ASSERT_EQ(agg.exposures().size(), 1u);
    EXPECT_EQ(agg.exposures()[0].asset_macs, (std::set<MacAddress>{kStation}));
}

// A flow's extra MACs: its own frames' tied to local addresses, the outer link's never.
TEST(ExposureMacs, ExtraMacsOfTheOuterLinkAreTiedToNothing) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    Flow f = station_flow(true, true);
    const MacAddress other_outer = *MacAddress::parse("00:10:00:1f:6b:63"), other_station = *MacAddress::parse("54:f2:01:e1:b2:9a");
    f.extra_macs.push_back({other_outer, kToServer, 3, true});
    f.extra_macs.push_back({other_station, kToServer, 2, false});
    agg.add(f);
    EXPECT_TRUE(device(agg, other_outer).local_ips.empty());
    EXPECT_EQ(device(agg, other_outer).frames, 3u);
    EXPECT_EQ(device(agg, other_station).local_ips, (std::set<IpAddress>{*IpAddress::parse("10.1.3.68")}));
    EXPECT_EQ(device(agg, kStation).frames, 6u);  // 8 to the server, 2 of them from the other station
    EXPECT_EQ(device(agg, kRouter).frames, 5u);   // 8, 3 of them behind the other outer MAC
}

}  // namespace
}  // namespace sovscan

// A flow through an explicit HTTP proxy: its client also reaches the server it asked the proxy for.
namespace sovscan {
namespace {

Flow proxied_flow(const char* proxy, uint16_t proxy_port, const char* name, const char* target, uint16_t port = 443) {
    Flow f;
    f.client_ip = *IpAddress::parse("10.0.0.50");
    f.server_ip = *IpAddress::parse(proxy);
    f.client_port = 50001;
    f.server_port = proxy_port;
    f.proto = kProtoTcp;
    f.first_ns = f.last_ns = 2'000'000'000;
    f.packets[kToServer] = 9, f.bytes[kToServer] = 1500;
    f.packets[kToClient] = 7, f.bytes[kToClient] = 6000;
    f.server_name = name;
    f.name_source = NameSource::sni;
    f.proxy_target_port = port;
    if (*target) f.proxy_target_ip = *IpAddress::parse(target);
    return f;
}

TEST(ExposureProxy, ALocalProxysClientIsExposedToTheServerBehindIt) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(proxied_flow("10.0.0.3", 3128, "api.hik-connect.com", "47.96.1.10"));
    agg.add(proxied_flow("10.0.0.3", 3128, "api.hik-connect.com", "47.96.1.10"));
    EXPECT_EQ(agg.totals().internal_flows, 2u);  // on the wire, client and proxy are both local
    ASSERT_EQ(agg.exposures().size(), 1u);
    const Exposure& e = agg.exposures()[0];
    EXPECT_EQ(e.kind, ExposureKind::egress);
    EXPECT_EQ(e.asset, *IpAddress::parse("10.0.0.50"));
    EXPECT_EQ(e.counterpart, *IpAddress::parse("47.96.1.10"));
    EXPECT_EQ(e.server_ports, (std::set<uint16_t>{443}));  // the server's port, not the proxy's
    EXPECT_EQ(e.bytes_sent, 3000u);
    EXPECT_EQ(e.flows, 2u);
    ASSERT_EQ(e.names.count("api.hik-connect.com"), 1u);
    EXPECT_EQ(e.names.at("api.hik-connect.com").best, NameSource::sni);
    ASSERT_EQ(e.proxies.size(), 1u);
    EXPECT_EQ(e.proxies[0].ip, *IpAddress::parse("10.0.0.3"));
    EXPECT_EQ(e.proxies[0].port, 3128);
    EXPECT_EQ(e.proxies[0].flows, 2u);
    ASSERT_EQ(e.samples.size(), 2u);
    EXPECT_EQ(e.samples[0].server_port, 3128);  // samples are the flows as on the wire
}

TEST(ExposureProxy, AServerOfUnknownAddressIsKeptByName) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(proxied_flow("10.0.0.3", 3128, "cloud.hik-connect.com", "", 80));
    agg.add(proxied_flow("10.0.0.4", 8080, "cloud.hik-connect.com", "", 80));
    agg.add(proxied_flow("10.0.0.3", 3128, "other.example", "", 80));
    ASSERT_EQ(agg.exposures().size(), 2u);
    const Exposure& e = agg.exposures()[0];
    EXPECT_TRUE(e.counterpart.is_unspecified());
    EXPECT_EQ(e.flows, 2u);
    EXPECT_EQ(e.names.size(), 1u);
    EXPECT_EQ(e.names.count("cloud.hik-connect.com"), 1u);
    EXPECT_EQ(e.proxies.size(), 2u);  // two proxies led there
    EXPECT_EQ(agg.exposures()[1].names.count("other.example"), 1u);
}

TEST(ExposureProxy, ARemoteProxyKeepsItsOwnExposureWithoutTheName) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(proxied_flow("203.0.113.8", 8080, "api.hik-connect.com", "47.96.1.10"));
    ASSERT_EQ(agg.exposures().size(), 2u);
    const Exposure& target = agg.exposures()[0];
    const Exposure& proxy = agg.exposures()[1];
    EXPECT_EQ(target.counterpart, *IpAddress::parse("47.96.1.10"));
    EXPECT_EQ(proxy.counterpart, *IpAddress::parse("203.0.113.8"));
    EXPECT_TRUE(proxy.names.empty());  // the name is the server's behind it, not the proxy's
    EXPECT_TRUE(proxy.proxies.empty());
    EXPECT_EQ(proxy.server_ports, (std::set<uint16_t>{8080}));
    EXPECT_EQ(agg.totals().local_to_remote_flows, 1u);
}

TEST(ExposureProxy, ALocalServerBehindTheProxyIsInternal) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(proxied_flow("10.0.0.3", 3128, "intranet.example", "10.0.9.9"));
    EXPECT_TRUE(agg.exposures().empty());
}

}  // namespace
}  // namespace sovscan
