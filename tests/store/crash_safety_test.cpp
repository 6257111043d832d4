// Crash safety of the embedded store with the real binary (issue 17, part 3): a writer killed with
// SIGKILL at random moments of a large run never corrupts the store (PRAGMA integrity_check) and
// never costs an earlier run; a run is there whole or not at all. A full disk gives a clear error
// and leaves the store as it was.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "cli/cli_run.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A CMDB of `rows` assets, three in five of them made by PRC vendors (each a SOV-007 finding):
// the large run's many findings and assets make the store's transaction long enough to be hit.
std::string cmdb(size_t rows) {
    static const char* kMakers[][2] = {{"Hikvision", "44:47:cc"}, {"Dahua", "3c:ef:8c"}, {"Huawei", "00:e0:fc"},
                                       {"Siemens", "00:1b:1b"},   {"Cisco", "00:1b:54"}};
    std::string csv = "asset_id,hostname,ip_address,mac_address,vendor,category\n";
    for (size_t n = 0; n < rows; ++n) {
        const auto& m = kMakers[n % 5];
        csv += fmt::format("A-{},host-{},10.{}.{}.{},{}:{:02x}:{:02x}:{:02x},{},camera\n", n, n, n / 65536 % 256,
                           n / 256 % 256, n % 256, m[1], n / 65536 % 256, n / 256 % 256, n % 256, m[0]);
    }
    return csv;
}

std::string integrity(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    std::string result;
    sqlite3_exec(
        db, "PRAGMA integrity_check",
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) += values[0] ? values[0] : "";
            return 0;
        },
        &result, nullptr);
    sqlite3_close(db);
    return result;
}

pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

class StoreCrashSafety : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("store-crash");
        fs::create_directories(dir_ / "large");
        // The same real capture several times over, and the CMDB beside it.
        for (int i = 0; i < 4; ++i)
            fs::copy_file(corpus_file("ndpi/1kxun.pcap"), dir_ / "large" / fmt::format("copy-{}.pcap", i));
        write("cmdb.csv", cmdb(40000));
    }
    static std::vector<std::string> large_run(const std::string& store) {
        return {sovscan_binary(), "scan", path("large"), "--inventory", path("cmdb.csv"), "--store", store,
                "--sensor", "large", "--fail-on", "never", "-q", "--no-progress"};
    }
    // Two small runs: the earlier runs every later check compares with.
    static std::string earlier_runs(const std::string& store) {
        for (const char* capture : {"ndpi/wechat.pcap", "ndpi/1kxun.pcap"}) {
            const CliResult r = run_sovscan(fmt::format("scan {} --store {} --sensor small --fail-on never -q",
                                                        corpus_file(capture), store));
            EXPECT_EQ(r.exit_code, 0) << r.err;
        }
        return run_sovscan("diff 1 2 --json --store " + store).out;
    }
};

TEST_F(StoreCrashSafety, KilledWritersNeverCorruptTheStoreNorLoseAnEarlierRun) {
    const std::string store = path("crash.db");
    const std::string earlier = earlier_runs(store);
    ASSERT_NE(earlier.find("\"to\""), std::string::npos) << earlier;

    // One whole large run: how long it takes, and how many findings a complete one has.
    const auto start = Clock::now();
    const CliResult whole = run_program(fmt::format("{}", fmt::join(large_run(store), " ")), "");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    json runs = json::parse(run_sovscan("history --json --store " + store).out)["runs"];
    ASSERT_EQ(runs.size(), 3u);
    const uint64_t large_findings = runs[2]["findings"].get<uint64_t>();
    ASSERT_GT(large_findings, 20000u);

    const unsigned seed = std::random_device{}();
    std::mt19937 random(seed);
    SCOPED_TRACE(fmt::format("seed {} (whole run {:.2f} s)", seed, seconds));
    // Half the kills anywhere in the run, half in its last quarter, where the store is written.
    std::uniform_real_distribution<double> anywhere(0.0, seconds), late(0.75 * seconds, 1.05 * seconds);
    int killed = 0;
    for (int k = 0; k < 12; ++k) {
        const double at = k % 2 ? late(random) : anywhere(random);
        const pid_t pid = spawn(large_run(store));
        ASSERT_GT(pid, 0);
        std::this_thread::sleep_for(std::chrono::duration<double>(at));
        killed += ::kill(pid, SIGKILL) == 0;
        int status = 0;
        waitpid(pid, &status, 0);

        ASSERT_EQ(integrity(store), "ok") << "after a kill at " << at << " s";
        EXPECT_EQ(run_sovscan("diff 1 2 --json --store " + store).out, earlier) << "earlier runs changed";
        const CliResult history = run_sovscan("history --json --store " + store);
        ASSERT_EQ(history.exit_code, 0) << history.err;
        const json listed = json::parse(history.out);
        for (const auto& run : listed["runs"]) {
            EXPECT_EQ(run["complete"], true);
            if (run["sensor"] == "large") EXPECT_EQ(run["findings"].get<uint64_t>(), large_findings) << run.dump();
        }
    }
    EXPECT_GT(killed, 0);
    // And the store still takes a run after all that.
    ASSERT_EQ(run_program(fmt::format("{}", fmt::join(large_run(store), " ")), "").exit_code, 0);
    EXPECT_EQ(integrity(store), "ok");
}

// A full disk: a tmpfs of its own (root is needed to mount it; the test fails, never skips, without).
TEST_F(StoreCrashSafety, AFullDiskGivesAClearErrorAndLeavesTheStoreAsItWas) {
    ASSERT_EQ(geteuid(), 0u) << "mounting the small tmpfs needs root";
    const fs::path mnt = dir_ / "small-disk";
    fs::create_directories(mnt);
    ASSERT_EQ(::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=4m"), 0) << strerror(errno);
    struct Unmount {
        fs::path at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{mnt};

    const std::string store = (mnt / "runs.db").string();
    const std::string earlier = earlier_runs(store);
    ASSERT_NE(earlier.find("\"to\""), std::string::npos) << earlier;
    const std::string history_before = run_sovscan("history --json --store " + store).out;

    // Fill the disk but for 256 KB: room to open the store, not to write the large run.
    {
        std::ofstream filler(mnt / "filler", std::ios::binary);
        const std::string block(64 * 1024, 'x');
        const auto free_now = fs::space(mnt).available;
        for (uintmax_t n = 0; n + 256 * 1024 < free_now; n += block.size()) filler << block;
    }
    const CliResult full = run_program(fmt::format("{}", fmt::join(large_run(store), " ")), "");
    EXPECT_EQ(full.exit_code, 2);
    EXPECT_NE(full.err.find(fmt::format("sovscan: error: --store {}: ", store)), std::string::npos) << full.err;
    EXPECT_NE(full.err.find("database or disk is full; the run was not written, the store is as it was"),
              std::string::npos)
        << full.err;

    fs::remove(mnt / "filler");
    EXPECT_EQ(integrity(store), "ok");
    EXPECT_EQ(run_sovscan("history --json --store " + store).out, history_before);
    EXPECT_EQ(run_sovscan("diff 1 2 --json --store " + store).out, earlier);
}

}  // namespace
}  // namespace sovscan::test
