// `sovscan collect` receiving a real exporter's NetFlow/IPFIX (issue 16 part 2): softflowd reads a
// corpus capture and exports it to the collector on loopback. The findings by counterpart address
// must be those `scan` makes of the capture itself: the same path, whatever the input.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cli/cli_run.h"
#include "support/child_process.h"
#include "support/free_port.h"
#include "support/report_keys.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A collector on a loopback port, its report (collect.json) every second in `dir`; returns once
// the first report is written, i.e. the socket is open.
void start_collector(ChildProcess& collect, const fs::path& dir, const std::string& port,
                     std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{sovscan_binary(), "collect", "--listen", "127.0.0.1:" + port, "--allow-root",
                                  "--interval", "1", "-o", (dir / "collect.json").string(), "--fail-on", "never"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ASSERT_TRUE(collect.start(argv, (dir / "collect.out").string(), (dir / "collect.err").string()));
    ASSERT_TRUE(wait_until([&] { return fs::exists(dir / "collect.json"); })) << file_text(dir / "collect.err");
}

// Lets the exporter's last datagrams arrive, ends the collector (SIGTERM) and reads its final report.
json stop_collector(ChildProcess& collect, const fs::path& dir) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    collect.signal(SIGTERM);
    EXPECT_EQ(collect.wait(), 0) << file_text(dir / "collect.err");
    return json::parse(file_text(dir / "collect.json"));
}

// The traffic findings `scan` makes of the capture itself.
std::set<std::string> scanned_traffic_findings(const std::string& capture) {
    const CliResult scanned = run_sovscan("scan " + capture + " --fail-on never -q --format json");
    EXPECT_EQ(scanned.exit_code, 0) << scanned.err;
    return finding_keys(json::parse(scanned.out), /*traffic_only=*/true);
}

class CollectCli : public ::testing::TestWithParam<int> {};

TEST_P(CollectCli, SoftflowdsExportGivesTheFindingsOfTheCapture) {
    const int version = GetParam();
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    const fs::path dir = fs::temp_directory_path() / ("sovscan-collect-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(version));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string port = std::to_string(free_udp_port());

    ChildProcess collect;
    ASSERT_NO_FATAL_FAILURE(start_collector(collect, dir, port));
    const CliResult exported = run_program("softflowd", "-d -r " + capture + " -n 127.0.0.1:" + port + " -v " +
                                                            std::to_string(version));
    ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
    const json got = stop_collector(collect, dir);
    const std::set<std::string> want = scanned_traffic_findings(capture);
    EXPECT_FALSE(want.empty());
    EXPECT_EQ(finding_keys(got, true), want);

    // The report names the listening socket and the exporter, with what it sent.
    ASSERT_EQ(got["inputs"].size(), 2u) << got["inputs"].dump();
    EXPECT_EQ(got["inputs"][0]["kind"], "flow-export");
    EXPECT_EQ(got["inputs"][1]["path"], "exporter 127.0.0.1");
    EXPECT_EQ(got["inputs"][1]["kind"], version == 10 ? "ipfix" : version == 9 ? "netflow-v9" : "netflow-v5");
    EXPECT_GT(got["inputs"][1]["records"].get<uint64_t>(), 0u);
    EXPECT_EQ(got["counters"]["flows"]["flow_records"], got["inputs"][1]["records"]);
    EXPECT_EQ(got["partial"], false);
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Versions, CollectCli, ::testing::Values(5, 9, 10));

// The second, independent exporter: pmacct's pmacctd reading the capture, with its nfprobe (IPFIX)
// or its sfprobe (sFlow, every packet sampled: the headers go through decode and observe).
class CollectPmacct : public ::testing::TestWithParam<const char*> {};

TEST_P(CollectPmacct, PmacctdsExportGivesTheFindingsOfTheCapture) {
    const std::string probe = GetParam();
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    const fs::path dir = fs::temp_directory_path() / ("sovscan-pmacct-cli-" + std::to_string(::getpid()) + probe);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string port = std::to_string(free_udp_port());
    std::ofstream(dir / "pmacctd.conf")
        << "daemonize: false\npcap_savefile: " << capture << "\n"
        << (probe == "nfprobe" ? "plugins: nfprobe[p]\nnfprobe_receiver[p]: 127.0.0.1:" + port + "\nnfprobe_version[p]: 10\n"
                               : "plugins: sfprobe[p]\nsfprobe_receiver[p]: 127.0.0.1:" + port +
                                     "\nsfprobe_sampling_rate[p]: 1\n");
    ChildProcess collect;
    ASSERT_NO_FATAL_FAILURE(start_collector(collect, dir, port));
    const CliResult exported = run_program("pmacctd", "-f " + (dir / "pmacctd.conf").string());
    ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
    const json got = stop_collector(collect, dir);
    EXPECT_EQ(finding_keys(got, true), scanned_traffic_findings(capture));
    ASSERT_EQ(got["inputs"].size(), 2u) << got["inputs"].dump();
    EXPECT_EQ(got["inputs"][1]["kind"], probe == "nfprobe" ? "ipfix" : "sflow-v5");
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Probes, CollectPmacct, ::testing::Values("nfprobe", "sfprobe"));

// SIGHUP re-reads the policy and keeps every flow: the exported traffic is judged again by the new
// jurisdictions at the next interval, nothing re-sent.
TEST(CollectCliReload, SighupJudgesTheSameFlowsByTheNewPolicy) {
    const fs::path dir = fs::temp_directory_path() / ("sovscan-reload-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "policy.yaml") << "high_risk_jurisdictions: [CN]\n";
    const std::string port = std::to_string(free_udp_port());
    ChildProcess collect;
    ASSERT_NO_FATAL_FAILURE(start_collector(collect, dir, port, {"--policy", (dir / "policy.yaml").string()}));
    const CliResult exported =
        run_program("softflowd", "-d -r " + corpus_file("ndpi/wechat.pcap") + " -n 127.0.0.1:" + port + " -v 10");
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    // A report with the export in it, judged by CN: the Tencent address located in CN is SOV-001.
    const std::string cn_finding = "SOV-001 192.168.1.103 203.205.151.162";
    ASSERT_TRUE(wait_until([&] {
        try {
            return finding_keys(json::parse(file_text(dir / "collect.json")), true).count(cn_finding) > 0;
        } catch (const json::exception&) {
            return false;
        }
    })) << file_text(dir / "collect.json").substr(0, 1000);
    const uint64_t flows = json::parse(file_text(dir / "collect.json"))["summary"]["flows"];

    std::ofstream(dir / "policy.yaml") << "high_risk_jurisdictions: [SG]\n";
    collect.signal(SIGHUP);
    ASSERT_TRUE(wait_until([&] { return file_text(dir / "collect.err").find("policy and intel re-read; flows kept") != std::string::npos; }))
        << file_text(dir / "collect.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // with stop's wait: the next interval's report
    const json after = stop_collector(collect, dir);
    EXPECT_EQ(after["summary"]["flows"].get<uint64_t>(), flows);  // nothing lost, nothing counted twice
    EXPECT_EQ(after["policy"]["high_risk_jurisdictions"], json::array({"SG"}));
    const std::set<std::string> findings = finding_keys(after, true);
    EXPECT_EQ(findings.count(cn_finding), 0u);
    // 203.205.147.171 is located in SG by the pinned data (EcsAlert's test shows it): now SOV-001.
    EXPECT_EQ(findings.count("SOV-001 192.168.1.103 203.205.147.171"), 1u) << after["findings"].dump().substr(0, 2000);
    fs::remove_all(dir);
}

TEST(CollectCliErrors, APortInUseOrMalformedIsNamed) {
    const CliResult bad = run_sovscan("collect --listen 70000 --allow-root");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("70000"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace sovscan::test

namespace sovscan::test {
namespace {

// With --store, a collector writes one run per interval and a final one; its alerts fire only for
// exposures the store never saw, so a collector restarted on the same store alerts nothing again.
TEST(CollectStore, OneRunPerIntervalAndAlertsOnlyForWhatTheStoreNeverSaw) {
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    const fs::path dir = fs::temp_directory_path() / ("sovscan-collect-store-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string store = (dir / "runs.db").string();
    size_t first_alerts = 0;
    for (int round = 0; round < 2; ++round) {
        const std::string alerts = (dir / fmt::format("alerts-{}.jsonl", round)).string();
        const std::string port = std::to_string(free_udp_port());
        fs::remove(dir / "collect.json");
        ChildProcess collect;
        ASSERT_NO_FATAL_FAILURE(start_collector(collect, dir, port,
                                                {"--store", store, "--sensor", "collector", "--alerts", alerts}));
        const CliResult exported = run_program("softflowd", "-d -r " + capture + " -n 127.0.0.1:" + port + " -v 9");
        ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
        const json got = stop_collector(collect, dir);
        const std::string lines = file_text(alerts);
        const size_t raised = static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n'));
        if (round == 0) {
            first_alerts = raised;
            EXPECT_EQ(raised, got["findings"].size()) << "each exposure alerted once";
        } else {
            EXPECT_EQ(raised, 0u) << "the store remembered every exposure across the restart:\n" << lines;
        }
        const CliResult history = run_sovscan("history --json --store " + store);
        ASSERT_EQ(history.exit_code, 0) << history.err;
        const json runs = json::parse(history.out)["runs"];
        ASSERT_GE(runs.size(), round == 0 ? 2u : 4u) << "a run at every interval and at the end";
        const json& last = runs[runs.size() - 1];
        EXPECT_EQ(last["sensor"], "collector");
        EXPECT_EQ(last["complete"], true);
        EXPECT_EQ(last["findings"], got["findings"].size());
    }
    EXPECT_GT(first_alerts, 0u);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace sovscan::test
