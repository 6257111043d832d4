// What sovscan does with the files it is asked to write (issue 19): never an input overwritten, never
// a capture replaced without --force, every output path checked before the first packet is read,
// every write checked, and a report that could not be written whole leaves the previous one.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

class OutputSafetyCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-output-safety-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        // A real capture of the corpus, copied so that the test may try to destroy it.
        fs::copy_file(corpus_file("ndpi/1kxun.pcap"), path("v.pcap"));
        fs::copy_file(corpus_file("ndpi/1kxun.pcap"), path("w.pcap"));
        original_ = read(path("v.pcap"));
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    static std::string read(const std::string& p) {
        std::stringstream s;
        s << std::ifstream(p, std::ios::binary).rdbuf();
        return s.str();
    }
    // `command` through sh, stdout to `stdout_to`; returns the exit code and stderr.
    CliResult shell(const std::string& command, const std::string& stdout_to) {
        const std::string err = path("stderr.txt");
        const int status = std::system(("sh -c '" + command + "' >" + stdout_to + " 2>" + err).c_str());
        CliResult r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.err = read(err);
        fs::remove(err);
        return r;
    }
    fs::path dir_;
    std::string original_;
};

TEST_F(OutputSafetyCli, AnInputNamedAsTheFlowsFileIsNeverOverwritten) {
    for (const std::string flag : {"", " --force"}) {
        CliResult r = run_sovscan("scan " + path("v.pcap") + " --flows " + path("v.pcap") + " -q" + flag);
        EXPECT_EQ(r.exit_code, 2) << flag;
        EXPECT_EQ(r.err, "sovscan: error: --flows " + path("v.pcap") + ": is an input of this run; refusing to overwrite it\n");
        EXPECT_EQ(read(path("v.pcap")), original_);
    }
    // The same file under another name is the same input.
    CliResult r = run_sovscan("scan " + path("v.pcap") + " -o " + dir_.string() + "/./v.pcap --format json -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(read(path("v.pcap")), original_);
}

// `sovscan scan --flows captures/*.pcap`: the shell puts the first capture after --flows.
TEST_F(OutputSafetyCli, ACaptureAfterFlowsIsNotOverwrittenWithoutForce) {
    CliResult r = run_sovscan("scan --flows " + path("w.pcap") + " " + path("v.pcap") + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: --flows " + path("w.pcap") +
                         ": exists and is a packet capture (pcap), not a sovscan output; refusing to overwrite it "
                         "(--force overwrites it)\n");
    EXPECT_EQ(read(path("w.pcap")), original_);

    r = run_sovscan("scan --flows " + path("w.pcap") + " " + path("v.pcap") + " -q --force");
    EXPECT_EQ(r.exit_code, 1) << r.err;  // findings
    EXPECT_EQ(read(path("w.pcap")).rfind("first_seen,last_seen,proto,", 0), 0u);
}

TEST_F(OutputSafetyCli, ACaptureInsideAnInputDirectoryIsAnInput) {
    CliResult r = run_sovscan("scan " + dir_.string() + " --flows " + path("w.pcap") + " -q --force");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: --flows " + path("w.pcap") + ": is a packet capture (pcap) in " +
                         dir_.string() + ", an input of this run; refusing to overwrite it\n");
    EXPECT_EQ(read(path("w.pcap")), original_);
}

TEST_F(OutputSafetyCli, OutputPathsAreCheckedBeforeAnythingIsRead) {
    CliResult r = run_sovscan("scan " + path("v.pcap") + " --flows " + path("flows.csv") + " -o " +
                              path("missing/r.json") + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: -o " + path("missing/r.json") + ": the directory " + path("missing") +
                         " does not exist\n");
    EXPECT_FALSE(fs::exists(path("flows.csv")));  // nothing was started
    r = run_sovscan("risk " + path("v.pcap") + " -o " + path("missing/risk.html") + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
    r = run_sovscan("assets " + path("v.pcap") + " -o " + dir_.string() + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: -o " + dir_.string() + ": is a directory; give a file name\n");
    r = run_sovscan("scan " + path("v.pcap") + " -o " + path("r.json") + " --flows " + path("r.json") + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(fs::exists(path("r.json")));
}

// A file-size limit makes writes fail as a full disk does (EFBIG instead of ENOSPC), without root.
TEST_F(OutputSafetyCli, AReportThatCannotBeWrittenWholeLeavesThePreviousOne) {
    const std::string report = path("r.json");
    CliResult first = run_sovscan("scan " + path("v.pcap") + " -o " + report + " -q --fail-on never");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string previous = read(report);
    ASSERT_GT(previous.size(), 16384u);
    CliResult r = shell("ulimit -f 16; trap \"\" XFSZ; exec " + sovscan_binary() + " scan " + path("v.pcap") +
                            " -o " + report + " --home-net 10.0.0.0/8 -q --fail-on never",
                        "/dev/null");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: writing " + report +
                         " failed: File too large; the file there before, if any, is unchanged\n");
    EXPECT_EQ(read(report), previous);
    EXPECT_TRUE(nlohmann::json::accept(read(report)));
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
    EXPECT_EQ(files, 3u);  // v.pcap, w.pcap, r.json: no temporary file left
}

TEST_F(OutputSafetyCli, AFlowsFileOnAFullDiskIsAnErrorAndTheReportIsStillWritten) {
    CliResult r = run_sovscan("scan " + path("v.pcap") + " --flows /dev/full -o " + path("r.json") + " -q");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: writing /dev/full failed: No space left on device\n");
    EXPECT_TRUE(nlohmann::json::accept(read(path("r.json"))));
}

TEST_F(OutputSafetyCli, StandardOutputOnAFullDiskIsAnError) {
    CliResult r = shell("exec " + sovscan_binary() + " scan " + path("v.pcap") + " --format json -q", "/dev/full");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: writing standard output failed\n");
    r = shell("exec " + sovscan_binary() + " scan " + path("v.pcap") + " -o /dev/full --format csv -q", "/dev/null");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: writing /dev/full failed: No space left on device\n");
}

}  // namespace
}  // namespace sovscan::test

namespace sovscan::test {
namespace {

// Issue 19, defect 11: a skipped input left `partial: false`, and the CSV and HTML never said so.
TEST_F(OutputSafetyCli, AnInputNotReadMakesEveryOutputSayPartial) {
    std::ofstream(path("garbage.pcap"), std::ios::binary) << "this is not a capture at all";
    const std::string inputs = path("v.pcap") + " " + path("garbage.pcap") + " -q --fail-on never";
    CliResult json = run_sovscan("scan " + inputs + " --format json");
    EXPECT_EQ(json.exit_code, 2);  // an input error
    const nlohmann::json j = nlohmann::json::parse(json.out);
    EXPECT_EQ(j["partial"], true);
    EXPECT_EQ(j["partial_reasons"], nlohmann::json::array({path("garbage.pcap") +
                                                           ": not read: not a pcap or pcapng file (starts with 74 68 69 73)"}));
    CliResult csv = run_sovscan("scan " + inputs + " --format csv");
    EXPECT_NE(csv.out.find(",designations,report_partial,report_counterparts_folded\r\n"), std::string::npos);
    EXPECT_NE(csv.out.find(",true,0\r\n"), std::string::npos) << csv.out;  // partial, no counterpart folded
    EXPECT_EQ(csv.out.find(",false,0\r\n"), std::string::npos);
    CliResult html = run_sovscan("scan " + inputs + " --format html");
    EXPECT_NE(html.out.find("<strong>Partial results:</strong>"), std::string::npos);
    EXPECT_NE(html.out.find("garbage.pcap: not read: not a pcap or pcapng file"), std::string::npos);

    CliResult whole = run_sovscan("scan " + path("v.pcap") + " -q --fail-on never --format json");
    EXPECT_EQ(nlohmann::json::parse(whole.out)["partial"], false);
    EXPECT_EQ(nlohmann::json::parse(whole.out)["partial_reasons"], nlohmann::json::array());
}

}  // namespace
}  // namespace sovscan::test
