#pragma once
// Runs the sovscan binary as a user would and captures what it printed (for tests/cli/*.cpp).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/test_support.h"

namespace sovscan::test {

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

// `<binary> <args>` through the shell (args are quoted by the caller where needed).
inline CliResult run_program(const std::string& binary, const std::string& args) {
    static int n = 0;
    auto dir = std::filesystem::temp_directory_path() / ("sovscan-cli-run-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string out_file = (dir / ("out" + std::to_string(n))).string();
    const std::string err_file = (dir / ("err" + std::to_string(n++))).string();
    const std::string cmd = binary + " " + args + " >" + out_file + " 2>" + err_file;
    int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::stringstream so, se;
    so << std::ifstream(out_file).rdbuf();
    se << std::ifstream(err_file).rdbuf();
    r.out = so.str();
    r.err = se.str();
    std::filesystem::remove(out_file);
    std::filesystem::remove(err_file);
    std::error_code ec;
    std::filesystem::remove(dir, ec);  // only when empty: leaves nothing behind in /tmp
    return r;
}

inline CliResult run_sovscan(const std::string& args) { return run_program(sovscan_binary(), args); }

// The tools built beside sovscan (sovscan-sample-capture).
inline std::string sibling_tool(const std::string& name) {
    return (std::filesystem::path(sovscan_binary()).parent_path() / name).string();
}

// A test suite whose tests share one directory of input and output files: made empty by the suite's
// SetUpTestSuite (make_dir), removed after its last test. Named by the suite and the process, so
// that test binaries running side by side never share one.
class CliFilesSuite : public ::testing::Test {
protected:
    static void make_dir(const std::string& suite) {
        dir_ = std::filesystem::temp_directory_path() / ("sovscan-" + suite + "-" + std::to_string(getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

    static std::string path(const std::string& name) { return (dir_ / name).string(); }
    static void write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    static std::string read(const std::string& name) {
        std::stringstream s;
        s << std::ifstream(dir_ / name, std::ios::binary).rdbuf();
        return s.str();
    }

    static inline std::filesystem::path dir_;
};

}  // namespace sovscan::test
