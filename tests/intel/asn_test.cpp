// IP -> ASN against the installed ip-location-db data (each expectation checked against
// asn-ipv4-num.csv / asn-ipv6-num.csv 2.3.2026061719), and the asn.bin format on small inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "intel/asn_table.h"
#include "intel_fixture.h"

namespace sovscan {
namespace {

IpAddress ip(const char* s) {
    auto a = IpAddress::parse(s);
    EXPECT_TRUE(a) << s;
    return a.value_or(IpAddress{});
}

TEST(IntelAsn, RealAddresses) {
    SOVSCAN_REQUIRE_INTEL(intel);
    struct Case {
        const char* ip;
        uint32_t asn;
        const char* org;
    } cases[] = {
        {"161.117.13.29", 45102, "Alibaba (US) Technology Co., Ltd."},
        {"203.205.147.215", 132203, "Shenzhen Tencent Computer Systems Company Limited"},
        {"8.8.8.8", 15169, "Google LLC"},
        {"1.1.1.1", 13335, "Cloudflare, Inc."},
        {"223.5.5.5", 45102, "Alibaba (US) Technology Co., Ltd."},
        {"2001:da8:215:1171:a10b:cb48:8f83:57f6", 23910, "China Next Generation Internet CERNET2"},
        {"2001:4860:4860::8888", 15169, "Google LLC"},
        // Range edges: 16777216-16777471 is Cloudflare's first range in the file.
        {"1.0.0.0", 13335, "Cloudflare, Inc."},
        {"1.0.0.255", 13335, "Cloudflare, Inc."},
    };
    for (const auto& c : cases) {
        auto a = intel->asn(ip(c.ip));
        ASSERT_TRUE(a) << c.ip;
        EXPECT_EQ(a->asn, c.asn) << c.ip;
        EXPECT_EQ(a->org, c.org) << c.ip;
    }
    EXPECT_EQ(AsnAnswer::source_id, "asn");
}

TEST(IntelAsn, CatalogOperatorAttached) {
    SOVSCAN_REQUIRE_INTEL(intel);
    auto a = intel->asn(ip("161.117.13.29"));
    ASSERT_TRUE(a);
    ASSERT_NE(a->op, nullptr);
    EXPECT_EQ(a->op->control_country, "CN");
    EXPECT_EQ(a->op->kind, "cloud");
    auto g = intel->asn(ip("8.8.8.8"));
    ASSERT_TRUE(g);
    ASSERT_NE(g->op, nullptr);  // Google's network is catalogued as a counter-example: operated from the US
    EXPECT_EQ(g->op->control_country, "US");
    ASSERT_NE(intel->asn_operator(4134), nullptr);
    EXPECT_EQ(intel->asn_operator(4134)->operator_name, "China Telecom");
}

TEST(IntelAsn, UnroutedAddressesHaveNoAsn) {
    SOVSCAN_REQUIRE_INTEL(intel);
    EXPECT_FALSE(intel->asn(ip("10.1.2.3")));
    EXPECT_FALSE(intel->asn(ip("192.168.1.1")));
    EXPECT_FALSE(intel->asn(ip("0.0.0.1")));
    EXPECT_FALSE(intel->asn(ip("fe80::1")));
    EXPECT_FALSE(intel->asn(ip("::1")));
}

TEST(IntelAsn, ParseDecimal128) {
    auto v = parse_decimal_u128("42540766411282592856903984951653826560");  // 2001:db8::
    ASSERT_TRUE(v);
    EXPECT_EQ(v->hi, 0x20010db800000000ULL);
    EXPECT_EQ(v->lo, 0u);
    auto max = parse_decimal_u128("340282366920938463463374607431768211455");
    ASSERT_TRUE(max);
    EXPECT_EQ(max->hi, ~0ULL);
    EXPECT_EQ(max->lo, ~0ULL);
    EXPECT_FALSE(parse_decimal_u128("340282366920938463463374607431768211456"));  // 2^128
    EXPECT_FALSE(parse_decimal_u128(""));
    EXPECT_FALSE(parse_decimal_u128("12a"));
    EXPECT_FALSE(parse_decimal_u128("-1"));
}

class AsnFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sovscan-asn-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const char* name, const std::string& text) {
        auto p = (dir_ / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    std::filesystem::path dir_;
};

TEST_F(AsnFile, CompilesQuotedOrgsOverlapsAndBothFamilies) {
    // 1.0.0.0-1.0.0.255, an org with a quoted comma, a range that overlaps the next one, unsorted.
    auto v4 = write("v4.csv",
                    "16777216,16777471,13335,\"Cloudflare, Inc.\"\r\n"
                    "3607101440,3607167999,721,DoD Network Information Center\r\n"
                    "3596550144,3607166975,749,United States Department of Defense (DoD)\r\n"
                    "134744064,134744319,15169,Google LLC\r\n");
    auto v6 = write("v6.csv",
                    "42540766411282592856903984951653826560,42540766490510755371168322545197776895,64496,"
                    "\"Doc \"\"Net\"\"\"\n");
    AsnTableCompiler c;
    std::string error;
    ASSERT_TRUE(c.add_v4_csv(v4, error)) << error;
    ASSERT_TRUE(c.add_v6_csv(v6, error)) << error;
    AsnTableCompiler::Stats stats;
    auto bin = (dir_ / "asn.bin").string();
    ASSERT_TRUE(c.write(bin, "9.9.9", stats, error)) << error;
    EXPECT_EQ(stats.v4_ranges, 4u);
    EXPECT_EQ(stats.v6_ranges, 1u);
    EXPECT_EQ(stats.asns, 5u);
    EXPECT_EQ(stats.overlaps_clipped, 1u);

    AsnTable t;
    ASSERT_TRUE(t.open(bin, error)) << error;
    EXPECT_EQ(t.source_version(), "9.9.9");
    auto hit = t.lookup(ip("1.0.0.7"));
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->asn, 13335u);
    EXPECT_EQ(hit->org, "Cloudflare, Inc.");
    EXPECT_FALSE(t.lookup(ip("1.0.1.0")));
    EXPECT_FALSE(t.lookup(ip("0.255.255.255")));
    // The overlap is resolved in favour of the later range.
    EXPECT_EQ(t.lookup(ip("214.255.255.255"))->asn, 749u);
    EXPECT_EQ(t.lookup(ip("215.0.0.0"))->asn, 721u);
    auto h6 = t.lookup(ip("2001:db8::42"));
    ASSERT_TRUE(h6);
    EXPECT_EQ(h6->asn, 64496u);
    EXPECT_EQ(h6->org, "Doc \"Net\"");
    EXPECT_FALSE(t.lookup(ip("2001:db9::")));
    EXPECT_EQ(t.asn_org(15169).value_or(""), "Google LLC");
    EXPECT_FALSE(t.asn_org(1));
}

TEST_F(AsnFile, RejectsMalformedCsvWithLine) {
    auto bad = write("bad.csv", "1,2,3,ok\n5,4,3,end before start\n");
    AsnTableCompiler c;
    std::string error;
    EXPECT_FALSE(c.add_v4_csv(bad, error));
    EXPECT_NE(error.find("line 2"), std::string::npos) << error;
    auto big = write("big.csv", "1,4294967296,3,too big for IPv4\n");
    EXPECT_FALSE(c.add_v4_csv(big, error));
    auto quote = write("quote.csv", "1,2,3,\"unterminated\n");
    EXPECT_FALSE(c.add_v4_csv(quote, error));
    EXPECT_FALSE(c.add_v4_csv((dir_ / "missing.csv").string(), error));
    EXPECT_NE(error.find("missing.csv"), std::string::npos);
}

TEST_F(AsnFile, RejectsCorruptOrForeignFiles) {
    AsnTable t;
    std::string error;
    EXPECT_FALSE(t.open(write("empty.bin", ""), error));
    EXPECT_FALSE(t.open(write("text.bin", std::string(200, 'x')), error));
    EXPECT_NE(error.find("magic"), std::string::npos) << error;
    // A valid file cut short must be refused, not read past its end.
    AsnTableCompiler c;
    ASSERT_TRUE(c.add_v4_csv(write("v4.csv", "1,2,3,x\n"), error));
    AsnTableCompiler::Stats s;
    auto bin = (dir_ / "ok.bin").string();
    ASSERT_TRUE(c.write(bin, "1", s, error));
    std::ifstream in(bin, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_FALSE(t.open(write("cut.bin", bytes.substr(0, bytes.size() - 8)), error));
    EXPECT_NE(error.find("corrupt"), std::string::npos) << error;
    EXPECT_FALSE(t.open((dir_ / "nope.bin").string(), error));
}

}  // namespace
}  // namespace sovscan
