// The table of what traffic said about devices: keys, de-duplication, conflicting values, bounds.
#include "observe/device_observations.h"

#include <gtest/gtest.h>

#include "observe/device_test_util.h"

namespace sovscan::test {
namespace {

using observe::Confidence;
using observe::DeviceLimits;
using observe::DeviceObservations;
using observe::DeviceRef;

DeviceRef by_mac(std::string_view m, std::string_view a = "0.0.0.0") { return DeviceRef{mac(m), ip(a)}; }

TEST(DeviceObservations, SameEvidenceCountsConflictsAreKept) {
    DeviceObservations t;
    const auto d = by_mac("5c:cf:7f:07:ae:fb");
    EXPECT_TRUE(t.record(d, "hostname", "ESP_07AEFB", "DHCP option 12", Confidence::high, 3'000));
    EXPECT_TRUE(t.record(d, "hostname", "ESP_07AEFB", "DHCP option 12", Confidence::high, 1'000));
    EXPECT_TRUE(t.record(d, "hostname", "ESP_07AEFB", "mDNS A", Confidence::high, 2'000));      // other evidence
    EXPECT_TRUE(t.record(d, "hostname", "coffee", "DHCP option 12", Confidence::high, 4'000));  // a conflict
    const auto records = t.records();
    ASSERT_EQ(records.size(), 1u);
    const AssetRecord& r = records[0];
    ASSERT_EQ(r.attributes.size(), 3u);
    EXPECT_EQ(r.attributes[0].count, 2u);
    EXPECT_EQ(r.attributes[0].source.location, "first seen 1970-01-01T00:00:00.000001Z");  // the earliest
    EXPECT_EQ(r.attributes[1].source.detail, "mDNS A");
    EXPECT_EQ(r.attributes[2].value, "coffee");
    EXPECT_EQ(r.source.location, "first seen 1970-01-01T00:00:00.000001Z");
    EXPECT_EQ(r.source.detail, "DHCP, mDNS");
    EXPECT_EQ(r.hostnames, (std::vector<std::string>{"esp_07aefb", "coffee"}));
    EXPECT_TRUE(r.ips.empty());  // 0.0.0.0 is no address
}

TEST(DeviceObservations, KeyedByMacElseAddress) {
    DeviceObservations t;
    t.record(by_mac("00:17:88:24:76:ff", "10.10.10.6"), "model", "BSB002", "mDNS TXT md", Confidence::high, 1);
    t.record(by_mac("00:17:88:24:76:ff", "fe80::217:88ff:fe24:76ff"), "model", "BSB002", "mDNS TXT md",
             Confidence::high, 2);
    t.record(DeviceRef::address(ip("10.10.10.6")), "server_banner", "hue", "HTTP Server", Confidence::medium, 3);
    // A group MAC (a multicast source) names no device: the address does.
    t.record(by_mac("01:00:5e:00:00:fb", "10.10.10.7"), "hostname", "x.local", "mDNS A", Confidence::high, 4);
    // Nothing to key on.
    EXPECT_FALSE(t.record(DeviceRef::address(ip("0.0.0.0")), "hostname", "x", "mDNS A", Confidence::high, 5));
    EXPECT_FALSE(t.record(DeviceRef::address(ip("224.0.0.251")), "hostname", "x", "mDNS A", Confidence::high, 5));
    EXPECT_FALSE(t.record(by_mac("00:17:88:24:76:ff"), "hostname", "", "mDNS A", Confidence::high, 5));  // empty value
    const auto records = t.records();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].ips, (std::vector<IpAddress>{ip("10.10.10.6"), ip("fe80::217:88ff:fe24:76ff")}));
    EXPECT_EQ(records[0].attributes.size(), 1u);
    EXPECT_NE(record_for_ip(records, "10.10.10.6"), nullptr);  // the HTTP banner's own record
    EXPECT_NE(record_for_ip(records, "10.10.10.7"), nullptr);
    EXPECT_EQ(records[1].attributes[0].confidence, "medium");
    EXPECT_EQ(records[2].hostnames, std::vector<std::string>{"x"});
}

TEST(DeviceObservations, BoundsKeepTheFirstAndSeparateTheKinds) {
    DeviceLimits limits;
    limits.max_devices = 4;
    limits.max_attributes = 6;
    limits.max_attributes_per_device = 3;
    limits.max_addresses_per_device = 2;
    DeviceObservations t(limits);
    // A flood of HTTP servers fills the address-keyed devices...
    for (int i = 0; i < 10; ++i)
        t.record(DeviceRef::address(ip("203.0.113." + std::to_string(i + 1))), "server_banner", "nginx", "HTTP Server",
                 Confidence::medium, i);
    EXPECT_EQ(t.size(), 4u);
    EXPECT_EQ(t.dropped(), 6u);
    // ...and cannot crowd out the devices DHCP names by MAC.
    EXPECT_TRUE(
        t.record(by_mac("5c:cf:7f:07:ae:fb"), "hostname", "ESP_07AEFB", "DHCP option 12", Confidence::high, 20));
    // Per device: three attributes, two addresses; the first ones stay.
    for (int i = 0; i < 5; ++i)
        t.record(by_mac("5c:cf:7f:07:ae:fb", "10.0.0." + std::to_string(i + 1)), "mdns_txt", "k=" + std::to_string(i),
                 "mDNS TXT", Confidence::high, 30 + i);
    const auto records = t.records();
    ASSERT_EQ(records.size(), 5u);
    const AssetRecord* esp = record_for_mac(records, "5c:cf:7f:07:ae:fb");
    ASSERT_NE(esp, nullptr);
    EXPECT_EQ(values(*esp, "hostname"), std::vector<std::string>{"ESP_07AEFB"});
    EXPECT_EQ(values(*esp, "mdns_txt"), (std::vector<std::string>{"k=0", "k=1"}));
    EXPECT_EQ(esp->ips, (std::vector<IpAddress>{ip("10.0.0.1"), ip("10.0.0.2")}));
    // The total bound per kind: 4 address-keyed devices with one attribute each, 2 more fit.
    for (int i = 0; i < 4; ++i)
        t.record(DeviceRef::address(ip("203.0.113." + std::to_string(i + 1))), "user_agent", "curl", "HTTP User-Agent",
                 Confidence::medium, 40);
    size_t agents = 0;
    for (const auto& r : t.records()) agents += values(r, "user_agent").size();
    EXPECT_EQ(agents, 2u);
}

TEST(DeviceObservations, LongValuesAreCutAndLocalSuffixDropped) {
    DeviceObservations t;
    const auto d = by_mac("00:11:22:33:44:55");
    t.record(d, "user_agent", std::string(5000, 'A'), "HTTP User-Agent", Confidence::medium, 1);
    t.record(d, "hostname", "Living-Room.LOCAL.", "mDNS SRV", Confidence::high, 1);
    t.record(d, "fqdn", "pc7.corp.example", "DHCP option 81", Confidence::high, 1);
    t.record(d, "hostname", ".local", "mDNS A", Confidence::high, 1);
    const auto records = t.records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(values(records[0], "user_agent")[0].size(), DeviceObservations::kMaxValue);
    EXPECT_EQ(records[0].hostnames, (std::vector<std::string>{"living-room", "pc7.corp.example", ".local"}));
}

}  // namespace
}  // namespace sovscan::test
