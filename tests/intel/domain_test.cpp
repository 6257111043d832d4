// Names -> catalogued vendor domains: DNS suffixes on label boundaries, longest entry wins.
#include <gtest/gtest.h>

#include <memory>

#include "intel/domain_matcher.h"
#include "intel_fixture.h"

namespace sovscan {
namespace {

DomainSuffixMatcher sample() {
    DomainSuffixMatcher m;
    EXPECT_TRUE(m.add("hik-connect.com", 1));
    EXPECT_TRUE(m.add("qq.com", 2));
    EXPECT_TRUE(m.add("weixin.qq.com", 3));
    EXPECT_TRUE(m.add("xn--fiqs8s", 4) == false);  // one label: not a catalogue domain
    EXPECT_TRUE(m.add("xn--55qx5d.xn--fiqs8s", 5));
    EXPECT_TRUE(m.add("only.example.cn", 6, /*exact=*/true));
    return m;
}

TEST(DomainSuffixMatcher, LabelBoundaries) {
    auto m = sample();
    EXPECT_EQ(m.match("hik-connect.com"), 1u);
    EXPECT_EQ(m.match("a.b.hik-connect.com"), 1u);
    EXPECT_EQ(m.match("api.eu.hik-connect.com"), 1u);
    EXPECT_FALSE(m.match("evil-hik-connect.com"));
    EXPECT_FALSE(m.match("hik-connect.com.evil.net"));
    EXPECT_FALSE(m.match("connect.com"));
    EXPECT_FALSE(m.match("com"));
    EXPECT_FALSE(m.match(""));
    EXPECT_FALSE(m.match("."));
}

// A copy owns its keys: it still matches once the original is gone (a member-wise copy viewed the
// original's strings; ASan reported the use after free through a copied policy exception).
TEST(DomainSuffixMatcher, ACopyOutlivesItsOriginal) {
    const std::string stable = "stable-bytes.example";
    auto original = std::make_unique<DomainSuffixMatcher>();
    ASSERT_TRUE(original->add("B\u00fccher.example", 1));
    ASSERT_TRUE(original->add("a-rather-long-vendor-domain-name.example", 2));
    ASSERT_TRUE(original->add_stable(stable, 3));
    DomainSuffixMatcher copy(*original);
    DomainSuffixMatcher assigned;
    assigned = *original;
    original.reset();
    for (const DomainSuffixMatcher* m : {&copy, &assigned}) {
        EXPECT_EQ(m->size(), 3u);
        EXPECT_EQ(m->match("www.xn--bcher-kva.example"), 1u);
        EXPECT_EQ(m->match("cdn.a-rather-long-vendor-domain-name.example"), 2u);
        EXPECT_EQ(m->match("stable-bytes.example"), 3u);
        EXPECT_EQ(m->match("example"), std::nullopt);
    }
}

TEST(DomainSuffixMatcher, WildcardNamesMatchTheDomainUnderTheWildcard) {
    auto m = sample();
    EXPECT_EQ(m.match("*.hik-connect.com"), 1u);
    EXPECT_EQ(m.match("*.weixin.qq.com"), 3u);
    EXPECT_FALSE(m.match("*.only.example.cn"));  // an exact entry is not its subdomains
    EXPECT_FALSE(m.match("*.com"));
    EXPECT_FALSE(m.match("*hik-connect.com"));
}

TEST(DomainSuffixMatcher, CaseAndTrailingDot) {
    auto m = sample();
    EXPECT_EQ(m.match("API.Hik-Connect.COM"), 1u);
    EXPECT_EQ(m.match("hik-connect.com."), 1u);
    EXPECT_EQ(m.match("X.HIK-CONNECT.COM."), 1u);
    EXPECT_FALSE(m.match("hik-connect.com.."));
}

TEST(DomainSuffixMatcher, LongestEntryWins) {
    auto m = sample();
    EXPECT_EQ(m.match("qq.com"), 2u);
    EXPECT_EQ(m.match("mail.qq.com"), 2u);
    EXPECT_EQ(m.match("weixin.qq.com"), 3u);
    EXPECT_EQ(m.match("long.weixin.qq.com"), 3u);
    EXPECT_EQ(m.match("notweixin.qq.com"), 2u);
}

TEST(DomainSuffixMatcher, PunycodeLabelsAreAscii) {
    auto m = sample();
    EXPECT_EQ(m.match("xn--55qx5d.xn--fiqs8s"), 5u);
    EXPECT_EQ(m.match("www.XN--55QX5D.xn--fiqs8s."), 5u);
    EXPECT_FALSE(m.match("xn--fiqs8s"));
}

TEST(NormaliseDnsName, AsciiCaseAndOneTrailingDot) {
    EXPECT_EQ(normalise_dns_name("WWW.Hik-Connect.COM."), "www.hik-connect.com");
    EXPECT_EQ(normalise_dns_name("hik-connect.com"), "hik-connect.com");
    EXPECT_EQ(normalise_dns_name("a.b.."), "a.b.");  // only one dot is the root
    EXPECT_EQ(normalise_dns_name("XN--55QX5D.xn--FIQS8S"), "xn--55qx5d.xn--fiqs8s");
    EXPECT_EQ(normalise_dns_name("_dmarc.Example.org"), "_dmarc.example.org");  // wire names are kept, not validated
    EXPECT_EQ(normalise_dns_name(""), "");
}

TEST(NormaliseDnsName, UnicodeBecomesPunycode) {
    EXPECT_EQ(normalise_dns_name("bücher.example"), "xn--bcher-kva.example");
    EXPECT_EQ(normalise_dns_name("BÜCHER.Example."), "xn--bcher-kva.example");
    EXPECT_EQ(normalise_dns_name("例え.jp"), "xn--r8jz45g.jp");
    EXPECT_EQ(normalise_dns_name("中国.中国"), "xn--fiqs8s.xn--fiqs8s");
    // UTS #46 mapping: full-width letters and ideographic full stops are the ASCII ones.
    EXPECT_EQ(normalise_dns_name("ｈｉｋ－ｃｏｎｎｅｃｔ。ｃｏｍ"), "hik-connect.com");
    EXPECT_EQ(normalise_dns_name("例え.jp。"), "xn--r8jz45g.jp");
    // IDNA 2008 non-transitional: sharp s stays a letter of its own (transitional would give "fass.de").
    EXPECT_EQ(normalise_dns_name("faß.de"), "xn--fa-hia.de");
    // Not valid IDNA (invalid UTF-8): the bytes are kept, ASCII lower-cased, and match nothing.
    EXPECT_EQ(normalise_dns_name("\xff\xfe.COM"), "\xff\xfe.com");
}

TEST(DomainSuffixMatcher, UnicodeAndPunycodeFormsMatchEachOther) {
    DomainSuffixMatcher m;
    ASSERT_TRUE(m.add("bücher.example", 7));  // catalogued in Unicode
    ASSERT_TRUE(m.add("xn--r8jz45g.jp", 8));  // catalogued in punycode
    EXPECT_FALSE(m.add("xn--bcher-kva.example", 9));  // the same entry as bücher.example
    EXPECT_EQ(m.match("xn--bcher-kva.example"), 7u);
    EXPECT_EQ(m.match("shop.XN--BCHER-KVA.example."), 7u);
    EXPECT_EQ(m.match("Shop.Bücher.Example"), 7u);
    EXPECT_EQ(m.match("例え.jp"), 8u);
    EXPECT_EQ(m.match("www.例え.jp."), 8u);
    EXPECT_EQ(m.match("WWW.XN--R8JZ45G.JP"), 8u);
    // Label boundaries hold in both forms.
    EXPECT_FALSE(m.match("evil-例え.jp"));
    EXPECT_FALSE(m.match("xn--evil--c63dw88r.jp"));
    EXPECT_FALSE(m.match("xn--r8jz45g.jp.evil.net"));
    // A label that is not valid IDNA below a catalogued domain still lies under it (DNS allows any bytes).
    EXPECT_EQ(m.match("\xff.xn--r8jz45g.jp"), 8u);
}

TEST(DomainSuffixMatcher, ExactEntries) {
    auto m = sample();
    EXPECT_EQ(m.match("only.example.cn"), 6u);
    EXPECT_FALSE(m.match("sub.only.example.cn"));
}

TEST(DomainSuffixMatcher, HostileNames) {
    auto m = sample();
    std::string long_name;
    for (int i = 0; i < 2000; ++i) long_name += "a.";
    EXPECT_EQ(m.match(long_name + "qq.com"), 2u);
    EXPECT_FALSE(m.match(std::string("qq\0.com", 7)));
    EXPECT_FALSE(m.match("\xff\xfe.qq.co"));
    EXPECT_EQ(m.match("..qq.com"), 2u);
}

TEST(DomainSuffixMatcher, WellFormed) {
    EXPECT_TRUE(is_well_formed_domain("hik-connect.com"));
    EXPECT_TRUE(is_well_formed_domain("ark.cn-beijing.volces.com"));
    EXPECT_TRUE(is_well_formed_domain("xn--fiqs8s.xn--55qx5d"));
    EXPECT_FALSE(is_well_formed_domain("Hik-connect.com"));
    EXPECT_FALSE(is_well_formed_domain("hik-connect.com."));
    EXPECT_FALSE(is_well_formed_domain("-bad.com"));
    EXPECT_FALSE(is_well_formed_domain("bad-.com"));
    EXPECT_FALSE(is_well_formed_domain("a..com"));
    EXPECT_FALSE(is_well_formed_domain("under_score.com"));
    EXPECT_FALSE(is_well_formed_domain("com"));
    EXPECT_FALSE(is_well_formed_domain(std::string(64, 'a') + ".com"));
    EXPECT_FALSE(is_well_formed_domain("*.qq.com"));
}

TEST(IntelDomain, Catalog) {
    SOVSCAN_REQUIRE_INTEL(intel);
    auto d = intel->domain("a.b.HIK-CONNECT.com.");
    ASSERT_NE(d.entry, nullptr);
    EXPECT_EQ(d.entry->domain, "hik-connect.com");
    ASSERT_NE(d.vendor, nullptr);
    EXPECT_EQ(d.vendor->id, "hikvision");
    EXPECT_EQ(intel->domain("evil-hik-connect.com").entry, nullptr);
    EXPECT_EQ(intel->domain("example.com").entry, nullptr);
    // Nested entries: the specific one carries the precise purpose.
    auto api = intel->domain("api.deepseek.com");
    ASSERT_NE(api.entry, nullptr);
    EXPECT_EQ(api.entry->domain, "api.deepseek.com");
    auto chat = intel->domain("chat.deepseek.com");
    ASSERT_NE(chat.entry, nullptr);
    EXPECT_EQ(chat.entry->domain, "deepseek.com");
    auto wx = intel->domain("long.weixin.qq.com");
    ASSERT_NE(wx.entry, nullptr);
    EXPECT_EQ(wx.entry->domain, "weixin.qq.com");
    EXPECT_EQ(DomainAnswer::source_id, "catalog");
}

}  // namespace
}  // namespace sovscan
