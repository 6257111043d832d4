// build_intel end to end on a miniature package layout: the compiled files load, answer, and the
// manifest records versions, checksums and attribution; missing inputs are named.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "intel/intel_build.h"
#include "intel/sha256.h"
#include "intel_fixture.h"
#include "support/test_support.h"

namespace sovscan {
namespace {
namespace fs = std::filesystem;

class IntelBuild : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("sovscan-intel-build-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    void write(const fs::path& p, const std::string& text) {
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
    // The installed intel's MMDBs stand in for the packages' (tiny fake MMDBs would need a writer).
    void make_packages(const fs::path& npm) {
        IntelPaths installed = default_intel_paths();
        auto pkg = npm / "node_modules" / "@ip-location-db";
        for (auto [dir, file] : {std::pair{"dbip-country-mmdb", "dbip-country.mmdb"},
                                 std::pair{"geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb"}}) {
            fs::create_directories(pkg / dir);
            std::error_code ec;
            fs::copy_file(fs::path(installed.intel_dir) / file, pkg / dir / file, ec);
            ASSERT_FALSE(ec) << installed.intel_dir << "/" << file
                             << " missing: run scripts/install-intel.sh (" << ec.message() << ")";
            write(pkg / dir / "package.json", R"({"name": "@ip-location-db/x", "version": "1.2.3"})");
        }
        write(pkg / "asn" / "package.json", R"({"name": "@ip-location-db/asn", "version": "7.7.7"})");
        write(pkg / "asn" / "asn-ipv4-num.csv", "134744064,134744319,15169,Google LLC\n");
        write(pkg / "asn" / "asn-ipv6-num.csv",
              "42540766411282592856903984951653826560,42540766490510755371168322545197776895,64496,Doc\n");
    }
    void make_ieee(const fs::path& dir) {
        write(dir / "oui.csv",
              "Registry,Assignment,Organization Name,Organization Address\n"
              "MA-L,A4C64F,\"HUAWEI TECHNOLOGIES CO.,LTD\",\"No.2 Xin Cheng Road Dongguan  CN 523808 \"\n"
              "MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554 \n");
        write(dir / "mam.csv", "Registry,Assignment,Organization Name,Organization Address\n");
        write(dir / "oui36.csv",
              "Registry,Assignment,Organization Name,Organization Address\n"
              "MA-S,70B3D538E,Fufu,\"22 Shuitou Road Fuzhou FuJian CN 350013 \"\n");
    }
    fs::path root_;
};

TEST_F(IntelBuild, CompilesLoadsAndDocumentsSources) {
    make_packages(root_ / "npm");
    make_ieee(root_ / "ieee");
    IntelBuildOptions o;
    o.npm_dir = (root_ / "npm").string();
    o.out_dir = (root_ / "out").string();
    o.ieee_dir = (root_ / "ieee").string();
    o.ieee_version = "20220827.1";
    Diagnostics d;
    IntelBuildSummary s;
    ASSERT_TRUE(build_intel(o, d, &s)) << test::problems_text(d);
    EXPECT_EQ(s.v4_ranges, 1u);
    EXPECT_EQ(s.v6_ranges, 1u);
    EXPECT_EQ(s.oui_ma_l, 2u);
    EXPECT_EQ(s.oui_ma_s, 1u);
    for (auto f : {"asn.bin", "oui.bin", "dbip-country.mmdb", "geo-whois-asn-country.mmdb", "manifest.json"})
        EXPECT_TRUE(fs::is_regular_file(root_ / "out" / f)) << f;
    for (const auto& e : fs::directory_iterator(root_ / "out"))
        EXPECT_NE(e.path().extension(), ".tmp") << e.path();

    std::ifstream in(root_ / "out" / "manifest.json");
    auto m = nlohmann::json::parse(in);
    EXPECT_EQ(m["format_version"], kIntelManifestVersion);
    ASSERT_EQ(m["sources"].size(), 4u);
    auto asn = m["sources"][2];
    EXPECT_EQ(asn["id"], "asn");
    EXPECT_EQ(asn["version"], "7.7.7");
    EXPECT_EQ(asn["counts"]["v4_ranges"], 1);
    std::string hex, error;
    ASSERT_TRUE(Sha256::file_hex((root_ / "npm/node_modules/@ip-location-db/asn/asn-ipv4-num.csv").string(), hex, error));
    EXPECT_EQ(asn["inputs"][0]["sha256"], hex);
    EXPECT_EQ(asn["inputs"][0]["file"], "node_modules/@ip-location-db/asn/asn-ipv4-num.csv");
    auto oui = m["sources"][3];
    EXPECT_EQ(oui["attribution"], "MAC address assignments: IEEE Registration Authority via Debian ieee-data 20220827.1");
    EXPECT_EQ(oui["counts"]["MA-L"], 2);

    IntelPaths paths;
    paths.intel_dir = o.out_dir;
    paths.catalog_dir = test::source_dir() + "/data";
    Diagnostics ld;
    auto intel = Intel::load(paths, ld);
    ASSERT_TRUE(intel) << test::problems_text(ld);
    EXPECT_FALSE(ld.has_errors()) << test::problems_text(ld);
    EXPECT_EQ(intel->asn(*IpAddress::parse("8.8.8.8"))->asn, 15169u);
    EXPECT_EQ(intel->source("asn")->version, "7.7.7");
    EXPECT_EQ(intel->oui(*MacAddress::parse("a4:c6:4f:00:00:01"))->vendor->id, "huawei");
    EXPECT_EQ(intel->oui(*MacAddress::parse("70:b3:d5:38:e0:01"))->organisation, "Fufu");
    EXPECT_FALSE(intel->oui(*MacAddress::parse("70:b3:d5:00:00:01")));  // RA container block only

    // Rebuilding over an existing directory replaces it in place.
    ASSERT_TRUE(build_intel(o, d, &s)) << test::problems_text(d);
}

TEST_F(IntelBuild, MissingInputsAreNamed) {
    IntelBuildOptions o;
    o.npm_dir = (root_ / "npm").string();
    o.out_dir = (root_ / "out").string();
    o.ieee_dir = (root_ / "ieee").string();
    Diagnostics d;
    EXPECT_FALSE(build_intel(o, d));
    std::string text = test::problems_text(d);
    EXPECT_NE(text.find("dbip-country.mmdb"), std::string::npos) << text;
    EXPECT_NE(text.find("asn-ipv6-num.csv"), std::string::npos) << text;
    EXPECT_NE(text.find("oui36.csv"), std::string::npos) << text;
    EXPECT_NE(text.find("install-intel.sh"), std::string::npos) << text;
    EXPECT_FALSE(fs::exists(root_ / "out" / "manifest.json"));
}

TEST_F(IntelBuild, MalformedCsvNamesFileAndLine) {
    make_packages(root_ / "npm");
    make_ieee(root_ / "ieee");
    write(root_ / "npm/node_modules/@ip-location-db/asn/asn-ipv4-num.csv", "1,2,3,a\nx,2,3,b\n");
    IntelBuildOptions o;
    o.npm_dir = (root_ / "npm").string();
    o.out_dir = (root_ / "out").string();
    o.ieee_dir = (root_ / "ieee").string();
    Diagnostics d;
    EXPECT_FALSE(build_intel(o, d));
    std::string text = test::problems_text(d);
    EXPECT_NE(text.find("asn-ipv4-num.csv: line 2"), std::string::npos) << text;
}

TEST(IntelLoad, MissingDirectoryIsAClearError) {
    IntelPaths p;
    p.intel_dir = "/nonexistent-sovscan-intel";
    p.catalog_dir = test::source_dir() + "/data";
    Diagnostics d;
    EXPECT_EQ(Intel::load(p, d), nullptr);
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(d.problems()[0].input, "/nonexistent-sovscan-intel");
    EXPECT_NE(d.problems()[0].message.find("scripts/install-intel.sh"), std::string::npos);
}

TEST(IntelLoad, MissingFileIsNamed) {
    IntelPaths installed = default_intel_paths();
    auto tmp = fs::temp_directory_path() / "sovscan-intel-partial";
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    std::error_code ec;
    for (auto f : {"manifest.json", "dbip-country.mmdb", "geo-whois-asn-country.mmdb", "asn.bin"})
        fs::copy_file(fs::path(installed.intel_dir) / f, tmp / f, ec);
    ASSERT_FALSE(ec) << installed.intel_dir << ": " << ec.message() << "; run scripts/install-intel.sh";
    IntelPaths p;
    p.intel_dir = tmp.string();
    p.catalog_dir = test::source_dir() + "/data";
    Diagnostics d;
    EXPECT_EQ(Intel::load(p, d), nullptr);
    std::string text = test::problems_text(d);
    EXPECT_NE(text.find((tmp / "oui.bin").string()), std::string::npos) << text;
    EXPECT_NE(text.find("scripts/install-intel.sh"), std::string::npos) << text;
    fs::remove_all(tmp);
}

}  // namespace
}  // namespace sovscan
