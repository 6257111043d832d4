// Which addresses are "local" (never a server on the Internet): every range at its edges, both
// families, and the IPv4 value in host order that the checks read.
#include <gtest/gtest.h>

#include "common/ip_address.h"

namespace sovscan {
namespace {

IpAddress ip(const char* text) {
    const auto a = IpAddress::parse(text);
    EXPECT_TRUE(a) << text;
    return a.value_or(IpAddress());
}

TEST(IpAddress, V4HostOrderReadsTheLastFourBytes) {
    EXPECT_EQ(ip("192.168.1.2").v4_host_order(), 0xC0A80102u);
    EXPECT_EQ(ip("255.255.255.255").v4_host_order(), 0xFFFFFFFFu);
    EXPECT_EQ(ip("0.0.0.1").v4_host_order(), 1u);
}

TEST(IpAddress, PrivateOrLocalRangesAtTheirEdges) {
    for (const char* local :
         {"10.0.0.0", "10.255.255.255", "172.16.0.0", "172.31.255.255", "192.168.0.0", "192.168.255.255",
          "127.0.0.1", "169.254.0.1", "169.254.255.255", "100.64.0.0", "100.127.255.255", "0.0.0.0", "0.255.255.255",
          "224.0.0.1", "239.255.255.250", "255.255.255.255", "fc00::1", "fdff::1", "fe80::1", "febf::1", "ff02::fb",
          "::1", "::"}) {
        EXPECT_TRUE(ip(local).is_private_or_local()) << local;
    }
    for (const char* remote :
         {"9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0",
          "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "100.63.255.255", "100.128.0.0",
          "1.0.0.0", "223.255.255.255", "240.0.0.0", "255.255.255.254", "8.8.8.8", "2001:db8::1", "fbff::1",
          "fec0::1", "::2"}) {
        EXPECT_FALSE(ip(remote).is_private_or_local()) << remote;
    }
}

}  // namespace
}  // namespace sovscan
