// MAC -> IEEE registrant (longest of MA-S, MA-M, MA-L) -> catalogued vendor, against the installed
// ieee-data 20220827.1 registries (each expectation checked against oui.csv / mam.csv / oui36.csv).
#include <gtest/gtest.h>

#include "intel/oui_registry.h"
#include "intel_fixture.h"

namespace sovscan {
namespace {

MacAddress mac(const char* s) {
    auto m = MacAddress::parse(s);
    EXPECT_TRUE(m) << s;
    return m.value_or(MacAddress{});
}

TEST(IntelOui, MaLHuaweiMapsToVendor) {
    SOVSCAN_REQUIRE_INTEL(intel);
    auto a = intel->oui(mac("a4:c6:4f:3b:b3:9a"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->prefix, "A4C64F");
    EXPECT_EQ(a->registry, "MA-L");
    EXPECT_EQ(a->organisation, "HUAWEI TECHNOLOGIES CO.,LTD");
    EXPECT_EQ(a->country, "CN");
    ASSERT_NE(a->vendor, nullptr);
    EXPECT_EQ(a->vendor->id, "huawei");
    EXPECT_EQ(a->vendor->prc_linked, "yes");
    EXPECT_EQ(OuiAnswer::source_id, "ieee_oui");
}

TEST(IntelOui, EspressifModule) {
    SOVSCAN_REQUIRE_INTEL(intel);
    auto a = intel->oui(mac("5C-CF-7F-06-D9-02"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->organisation, "Espressif Inc.");
    EXPECT_EQ(a->country, "CN");
    ASSERT_NE(a->vendor, nullptr);
    EXPECT_EQ(a->vendor->id, "espressif");
}

TEST(IntelOui, MaMInsideRegistrationAuthorityBlock) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // MA-M D8860B0 "Inspur Group Co., Ltd." (Jinan CN) inside the RA's MA-L D8860B.
    auto a = intel->oui(mac("d8:86:0b:01:02:03"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->registry, "MA-M");
    EXPECT_EQ(a->prefix, "D8860B0");
    EXPECT_EQ(a->organisation, "Inspur Group Co., Ltd.");
    EXPECT_EQ(a->country, "CN");
    ASSERT_NE(a->vendor, nullptr);
    EXPECT_EQ(a->vendor->id, "inspur");
}

TEST(IntelOui, MaSInsideRegistrationAuthorityBlock) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // MA-S 70B3D538E "China Telecom Fufu Information Technology CO.,LTD" inside MA-L 70B3D5.
    auto a = intel->oui(mac("70:b3:d5:38:e1:23"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->registry, "MA-S");
    EXPECT_EQ(a->prefix, "70B3D538E");
    EXPECT_EQ(a->organisation, "China Telecom Fufu Information Technology CO.,LTD");
    EXPECT_EQ(a->country, "CN");
    ASSERT_NE(a->vendor, nullptr);
    EXPECT_EQ(a->vendor->id, "china-telecom");
    // A neighbouring MA-S block belongs to someone else (TELEPLATFORMS, RU).
    auto b = intel->oui(mac("70:b3:d5:f2:f0:00"));
    ASSERT_TRUE(b);
    EXPECT_EQ(b->prefix, "70B3D5F2F");
    EXPECT_EQ(b->country, "RU");
    EXPECT_EQ(b->vendor, nullptr);
}

TEST(IntelOui, NoOuiForLocalGroupOrUnassigned) {
    SOVSCAN_REQUIRE_INTEL(intel);
    EXPECT_FALSE(intel->oui(mac("02:00:00:11:22:33")));     // locally administered
    EXPECT_FALSE(intel->oui(mac("a6:c6:4f:3b:b3:9a")));     // Huawei OUI with the local bit: randomised
    EXPECT_FALSE(intel->oui(mac("01:00:5e:00:00:fb")));     // multicast
    EXPECT_FALSE(intel->oui(mac("ff:ff:ff:ff:ff:ff")));     // broadcast
}

TEST(IntelOui, CounterExampleVendorsAreNotPrcLinked) {
    SOVSCAN_REQUIRE_INTEL(intel);
    struct Case {
        const char* mac;
        const char* vendor;
        const char* country;
    } cases[] = {{"60:8b:0e:00:00:01", "apple", "US"},
                 {"b8:a4:4f:00:00:01", "axis", "SE"},
                 {"00:15:bb:00:00:01", "sma", "DE"}};
    for (const auto& c : cases) {
        auto a = intel->oui(mac(c.mac));
        ASSERT_TRUE(a) << c.mac;
        EXPECT_EQ(a->country, c.country) << c.mac;
        ASSERT_NE(a->vendor, nullptr) << c.mac;
        EXPECT_EQ(a->vendor->id, c.vendor);
        EXPECT_EQ(a->vendor->prc_linked, "no") << c.mac;
    }
}

TEST(IntelOui, RegistrantCountryFromAddress) {
    EXPECT_EQ(registrant_country("F1-20,Section F,Huawei Base,Bantian, Longgang District ShenZhen GuangDong CN 518129 "),
              "CN");
    EXPECT_EQ(registrant_country("445 Hoes Lane Piscataway NJ US 08554 "), "US");  // "NJ" is earlier than "US"
    EXPECT_EQ(registrant_country("Emdalavägen 14 LUND  SE 22369 "), "SE");
    EXPECT_EQ(registrant_country("Polbina st., 3/1 Moscow  RU 109388 "), "RU");
    EXPECT_EQ(registrant_country("Some Street Taipei TW"), "TW");
    EXPECT_EQ(registrant_country(""), "");
    EXPECT_EQ(registrant_country("no country here at all 12345"), "");
}

TEST(IntelOui, FoldOrgName) {
    EXPECT_EQ(fold_org_name("  Samsung   Electronics Co.,LTD "), "samsung electronics co.,ltd");
    EXPECT_EQ(fold_org_name("HUAWEI TECHNOLOGIES CO.,LTD"), fold_org_name("Huawei Technologies Co.,Ltd"));
}

}  // namespace
}  // namespace sovscan
