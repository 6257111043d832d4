// `sovscan scan -` and other streams as a user runs them: a capture piped in through `cat` gives the
// report the file gives; /dev/zero is refused at once; standard input can be named only once.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

class StreamCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("sovscan-stream-cli-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::filesystem::path dir_;
};

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// The report without what names the input or the run (path, command line, times of the run).
nlohmann::json comparable(nlohmann::json j, const std::string& input) {
    j.erase("generated_at");
    j.erase("command_line");
    j["summary"].erase("elapsed_seconds");
    std::string text = j.dump();
    for (size_t at; (at = text.find("\"" + input + "\"")) != std::string::npos;)
        text.replace(at, input.size() + 2, "\"INPUT\"");
    return nlohmann::json::parse(text);
}

void check_piped_like_file(const std::string& capture, const std::string& json_a, const std::string& json_b) {
    const CliResult piped =
        run_program("cat '" + capture + "' | " + sovscan_binary(), "scan - --no-progress -q -o " + json_a);
    const CliResult file = run_sovscan("scan '" + capture + "' --no-progress -q -o " + json_b);
    ASSERT_EQ(piped.exit_code, file.exit_code) << piped.err;
    EXPECT_EQ(piped.err, file.err);
    const nlohmann::json a = read_json(json_a), b = read_json(json_b);
    ASSERT_FALSE(b["findings"].empty());
    EXPECT_EQ(a["inputs"][0]["path"], "-");
    EXPECT_EQ(a["inputs"][0]["bytes"], std::filesystem::file_size(capture));  // what was read
    EXPECT_EQ(comparable(a, "-")["findings"], comparable(b, capture)["findings"]);
    EXPECT_EQ(comparable(a, "-"), comparable(b, capture));  // summary, devices, counters: all of it
}

TEST_F(StreamCli, CapturePipedThroughCatGivesTheFilesReport) {
    check_piped_like_file(corpus_file("ndpi/1kxun.pcap"), path("piped.json"), path("file.json"));
}

TEST_F(StreamCli, PcapngPipedThroughCatGivesTheFilesReport) {
    check_piped_like_file(corpus_file("ndpi/sites.pcapng"), path("piped.json"), path("file.json"));
}

// It used to read /dev/zero whole: gigabytes in seconds, never an answer. The address space is
// capped so that a regression fails instead of taking the machine with it.
TEST_F(StreamCli, DevZeroIsRefusedAtOnce) {
    const auto started = std::chrono::steady_clock::now();
    const CliResult r = run_program(test::memory_cap_shell_prefix(4000) + "timeout 20 " + sovscan_binary(), "scan /dev/zero --no-progress");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: /dev/zero: not a pcap or pcapng file (starts with 00 00 00 00)\n");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(StreamCli, StandardInputNamedTwiceIsAnError) {
    const std::string capture = corpus_file("ndpi/1kxun.pcap");
    const CliResult r =
        run_program("cat '" + capture + "' | " + sovscan_binary(), "scan - /dev/stdin --no-progress -q -o " + path("x.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan: error: /dev/stdin: standard input given more than once (- and /dev/stdin); it can "
                         "be read only once"),
              std::string::npos)
        << r.err;
}

TEST_F(StreamCli, EmptyStandardInputIsAnError) {
    const CliResult r = run_program(sovscan_binary(), "scan - --no-progress < /dev/null");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan: error: -: empty stream"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sovscan::test
