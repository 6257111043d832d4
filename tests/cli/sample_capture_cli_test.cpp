// `sovscan-sample-capture`, the tool behind the README's first command: it teaches on --help and
// never takes an option for the file to write.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_run.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

class SampleCaptureCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-sample-cli-" + std::to_string(getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    CliResult run(const std::string& args) { return run_program("cd " + dir_.string() + " && " + tool_, args); }

    fs::path dir_;
    const std::string tool_ = sibling_tool("sovscan-sample-capture");
};

TEST_F(SampleCaptureCli, HelpPrintsUsageAndWritesNothing) {
    for (const char* flag : {"--help", "-h"}) {
        const CliResult r = run(flag);
        EXPECT_EQ(r.exit_code, 0) << flag;
        EXPECT_NE(r.out.find("usage: sovscan-sample-capture [--hostile] OUT.pcapng"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("--home-net 10.20.0.0/16"), std::string::npos) << r.out;
        EXPECT_TRUE(fs::is_empty(dir_)) << flag << " created a file";
    }
}

TEST_F(SampleCaptureCli, AnOptionWhereThePathBelongsIsAUsageError) {
    for (const char* args : {"--version", "--hostile --help", "", "a.pcapng b.pcapng"}) {
        const CliResult r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args;
        EXPECT_NE(r.err.find("usage:"), std::string::npos) << args << ": " << r.err;
        EXPECT_TRUE(fs::is_empty(dir_)) << "'" << args << "' created a file";
    }
}

TEST_F(SampleCaptureCli, WritesTheSampleAndTheHostileVariant) {
    ASSERT_EQ(run("sample.pcapng").exit_code, 0);
    ASSERT_EQ(run("--hostile hostile.pcapng").exit_code, 0);
    // Both are pcapng files (section header block 0x0A0D0D0A) of some size.
    for (const char* name : {"sample.pcapng", "hostile.pcapng"}) {
        const fs::path p = dir_ / name;
        ASSERT_TRUE(fs::exists(p)) << name;
        EXPECT_GT(fs::file_size(p), 10000u) << name;
        std::string head(4, '\0');
        std::ifstream(p, std::ios::binary).read(head.data(), 4);
        EXPECT_EQ(head, std::string("\x0a\x0d\x0d\x0a", 4)) << name;
    }
}

}  // namespace
}  // namespace sovscan::test
