// Which findings an exception covers: each match key alone, all of them together, and the label
// boundary of domain matching.
#include <gtest/gtest.h>

#include "assess/policy_file.h"

namespace sovscan::test {
namespace {

// The exception written in `match_yaml` (flow-map entries such as "asset: 10.0.0.5"), as the file
// reader builds it.
PolicyException exception(const std::string& match_yaml) {
    Policy p = parse_policy_file("exceptions:\n  - {" + match_yaml + ", justification: x, owner: y, expires: 2030-01-01}\n",
                                 "t.yaml");
    return p.exceptions.at(0);
}

Finding traffic(const char* asset, const char* counterpart, std::vector<std::string> names = {},
                RuleId rule = RuleId::egress_located_high_risk) {
    Finding f;
    f.rule = rule;
    f.asset.ip = *IpAddress::parse(asset);
    f.asset.has_ip = true;
    f.asset.macs = {*MacAddress::parse("98:e7:43:01:02:03")};
    f.counterpart.edit().ip = *IpAddress::parse(counterpart);
    for (auto& n : names) f.counterpart.edit().names.push_back(ObservedName{n, "sni", 1});
    return f;
}

Finding device(const char* mac, const char* vendor_id, const char* ip = nullptr) {
    Finding f;
    f.rule = RuleId::device_high_risk_vendor;
    f.asset.macs = {*MacAddress::parse(mac)};
    if (ip) {
        f.asset.ip = *IpAddress::parse(ip);
        f.asset.has_ip = true;
    }
    f.asset.mac_vendor_id = vendor_id;
    return f;
}

TEST(PolicyException, AssetByAddressPrefixOrMac) {
    EXPECT_TRUE(exception("asset: 10.20.1.10").matches(traffic("10.20.1.10", "47.96.1.10")));
    EXPECT_FALSE(exception("asset: 10.20.1.10").matches(traffic("10.20.1.11", "47.96.1.10")));
    EXPECT_TRUE(exception("asset: 10.20.0.0/16").matches(traffic("10.20.1.11", "47.96.1.10")));
    EXPECT_FALSE(exception("asset: 10.20.0.0/16").matches(traffic("10.21.0.1", "47.96.1.10")));
    EXPECT_TRUE(exception("asset: '2001:db8::/32'").matches(traffic("2001:db8::5", "240e::1")));
    EXPECT_TRUE(exception("asset: 98:E7:43:01:02:03").matches(traffic("10.20.1.10", "47.96.1.10")));
    EXPECT_FALSE(exception("asset: 98:e7:43:01:02:04").matches(traffic("10.20.1.10", "47.96.1.10")));
    // A device: by its MAC, or by the address seen behind it; a MAC-only device has no address.
    EXPECT_TRUE(exception("asset: 44:47:cc:12:34:56").matches(device("44:47:cc:12:34:56", "hikvision")));
    EXPECT_TRUE(exception("asset: 10.20.1.10").matches(device("44:47:cc:12:34:56", "hikvision", "10.20.1.10")));
    EXPECT_FALSE(exception("asset: 0.0.0.0/0").matches(device("44:47:cc:12:34:56", "hikvision")));
}

TEST(PolicyException, CounterpartOnlyForTraffic) {
    EXPECT_TRUE(exception("counterpart: 47.96.0.0/16").matches(traffic("10.0.0.5", "47.96.1.10")));
    EXPECT_FALSE(exception("counterpart: 47.96.0.0/16").matches(traffic("10.0.0.5", "47.97.1.10")));
    // A device finding has no counterpart: even "anything" does not match it.
    EXPECT_FALSE(exception("counterpart: '::/0'").matches(device("44:47:cc:12:34:56", "hikvision")));
}

TEST(PolicyException, DomainOnLabelBoundaries) {
    PolicyException e = exception("domain: hik-connect.com");
    EXPECT_TRUE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"hik-connect.com"})));
    EXPECT_TRUE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"api.hik-connect.com"})));
    EXPECT_TRUE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"API.Hik-Connect.com."})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"evil-hik-connect.com"})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"hik-connect.com.evil.net"})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"connect.com"})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10")));  // no name observed
    // Every observed name must be under it: other traffic to the same server stays visible.
    EXPECT_TRUE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"a.hik-connect.com", "b.hik-connect.com"})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"a.hik-connect.com", "tracker.example.cn"})));
    EXPECT_FALSE(e.matches(device("44:47:cc:12:34:56", "hikvision")));
}

TEST(PolicyException, VendorOfCounterpartOrDevice) {
    Finding t = traffic("10.0.0.5", "47.96.1.10", {"api.hik-connect.com"});
    t.counterpart.edit().vendor_id = "hikvision";
    EXPECT_TRUE(exception("vendor: hikvision").matches(t));
    EXPECT_FALSE(exception("vendor: dahua").matches(t));
    EXPECT_TRUE(exception("vendor: hikvision").matches(device("44:47:cc:12:34:56", "hikvision")));
    EXPECT_FALSE(exception("vendor: hikvision").matches(device("30:fb:b8:77:88:99", "huawei")));
    EXPECT_FALSE(exception("vendor: hikvision").matches(traffic("10.0.0.5", "47.96.1.10")));  // no vendor known
}

TEST(PolicyException, RuleAndAllKeysTogether) {
    EXPECT_TRUE(exception("rule: SOV-001").matches(traffic("10.0.0.5", "47.96.1.10")));
    EXPECT_FALSE(exception("rule: SOV-002").matches(traffic("10.0.0.5", "47.96.1.10")));
    PolicyException e = exception("asset: 10.0.0.5, counterpart: 47.96.1.10, domain: hik-connect.com, rule: SOV-001");
    EXPECT_TRUE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"api.hik-connect.com"})));
    EXPECT_FALSE(e.matches(traffic("10.0.0.6", "47.96.1.10", {"api.hik-connect.com"})));  // asset differs
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.11", {"api.hik-connect.com"})));  // counterpart differs
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"api.ezviz.com"})));         // name differs
    EXPECT_FALSE(e.matches(traffic("10.0.0.5", "47.96.1.10", {"api.hik-connect.com"}, RuleId::resolver_high_risk)));
}

TEST(PolicyException, ExpiredExceptionFindingsAreNeverMatched) {
    Finding f;
    f.rule = RuleId::policy_exception_expired;
    EXPECT_FALSE(exception("asset: 0.0.0.0/0").matches(f));
    EXPECT_FALSE(exception("counterpart: 0.0.0.0/0").matches(f));
}

TEST(PolicyException, ValidThroughItsExpiryDay) {
    PolicyException e = exception("rule: SOV-001");  // expires 2030-01-01
    EXPECT_FALSE(e.expired_on(CalendarDate(2029, 12, 31)));
    EXPECT_FALSE(e.expired_on(CalendarDate(2030, 1, 1)));
    EXPECT_TRUE(e.expired_on(CalendarDate(2030, 1, 2)));
}

}  // namespace
}  // namespace sovscan::test
