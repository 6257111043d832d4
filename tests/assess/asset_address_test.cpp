// AssetAddressRule: which addresses can name one asset (issue 15 defect 1).
#include <gtest/gtest.h>

#include "assess/asset_address.h"

namespace sovscan {
namespace {

IpAddress ip(const char* s) { return *IpAddress::parse(s); }

TEST(AssetAddressRule, SharedAddressesIdentifyNoAsset) {
    const AssetAddressRule rule;
    for (const char* s : {"0.0.0.0", "::", "255.255.255.255", "224.0.0.1", "239.255.255.250", "ff02::fb", "127.0.0.1", "::1"})
        EXPECT_FALSE(rule.identifies(ip(s))) << s;
    for (const char* s : {"10.10.10.245", "192.168.1.255", "2001:db8::1", "fe80::1", "8.8.8.8"})
        EXPECT_TRUE(rule.identifies(ip(s))) << s;  // 192.168.1.255: a host for all it knows
}

TEST(AssetAddressRule, BroadcastOfAKnownSubnet) {
    const std::vector<Cidr> nets = {*Cidr::parse("10.10.10.0/24"), *Cidr::parse("10.20.0.0/23"),
                                    *Cidr::parse("10.30.0.0/31"), *Cidr::parse("fd00::/64")};
    const AssetAddressRule rule(nets);
    EXPECT_FALSE(rule.identifies(ip("10.10.10.255")));
    EXPECT_FALSE(rule.identifies(ip("10.20.1.255")));
    EXPECT_TRUE(rule.identifies(ip("10.20.0.255")));  // inside the /23: a host
    EXPECT_TRUE(rule.identifies(ip("10.30.0.1")));    // a /31 has no broadcast
    EXPECT_EQ(rule.identifying(std::vector<IpAddress>{ip("0.0.0.0"), ip("10.10.10.7"), ip("10.10.10.255")}),
              std::vector<IpAddress>{ip("10.10.10.7")});
}

}  // namespace
}  // namespace sovscan
