// `sovscan live` on a real interface (issue 16 part 1): a veth pair in a network namespace the test
// creates, a corpus capture replayed onto one end with Debian's tcpreplay, the sensor on the other
// end as an unprivileged user. Nothing leaves the namespace. The findings must be those `scan` makes
// of the same capture, and SIGTERM must cost no flow already seen.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <iomanip>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cli/cli_run.h"
#include "support/child_process.h"
#include "support/free_port.h"
#include "support/report_keys.h"
#include "support/test_support.h"
#include "support/veth_namespace.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class LiveCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-live-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        // The sensor runs as nobody: its outputs' directory must be writable by it.
        fs::permissions(dir_, fs::perms::all);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Starts `sovscan live` inside `ns` on its sensor end, and waits until its first interval's report
    // is written: the capture is open by then.
    void start_live(ChildProcess& live, const VethNamespace& ns, std::vector<std::string> extra) {
        std::vector<std::string> argv = ns.exec({sovscan_binary(), "live", "-i", VethNamespace::kSensor, "--user",
                                                 "nobody", "--interval", "1", "-o", (dir_ / "live.json").string(),
                                                 "--alerts", (dir_ / "alerts.json").string(), "--fail-on", "never"});
        argv.insert(argv.end(), extra.begin(), extra.end());
        ASSERT_TRUE(live.start(argv, (dir_ / "live.out").string(), (dir_ / "live.err").string()));
        ASSERT_TRUE(wait_until([&] { return fs::exists(dir_ / "live.json"); }))
            << "no report within 20 s; stderr: " << file_text(dir_ / "live.err");
    }

    void replay(const VethNamespace& ns, const std::string& capture, const std::string& rate_option) {
        const std::string cmd = ns.shell_prefix() + "tcpreplay -q -i " + VethNamespace::kSender + " " + rate_option +
                                " " + capture + " >" + (dir_ / "tcpreplay.log").string() + " 2>&1";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << file_text(dir_ / "tcpreplay.log");
    }

    fs::path dir_;
};

TEST_F(LiveCli, FindsWhatScanFindsInTheSameTrafficAsAnotherUser) {
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    VethNamespace ns("live");
    ASSERT_TRUE(ns.ok()) << "cannot create a network namespace with a veth pair (root and iproute2 needed)";
    ChildProcess live;
    start_live(live, ns, {});

    // It runs as nobody once the interface is open: no uid 0 left, real, effective, saved or fs.
    const std::string status = file_text("/proc/" + std::to_string(live.pid()) + "/status");
    const auto uid_line = status.substr(status.find("Uid:"), status.find('\n', status.find("Uid:")) - status.find("Uid:"));
    EXPECT_EQ(uid_line.find("\t0\t"), std::string::npos) << uid_line;
    EXPECT_NE(uid_line.find("65534"), std::string::npos) << uid_line;
    const auto cap_line = status.substr(status.find("CapEff:"), 24);
    EXPECT_NE(cap_line.find("0000000000000000"), std::string::npos) << cap_line;
    EXPECT_NE(status.find("NoNewPrivs:\t1"), std::string::npos);

    replay(ns, capture, "--pps=3000");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    live.signal(SIGTERM);
    EXPECT_EQ(live.wait(), 0) << file_text(dir_ / "live.err");

    const json got = json::parse(file_text(dir_ / "live.json"));
    const CliResult scanned = run_sovscan("scan " + capture + " --fail-on never -q --format json");
    ASSERT_EQ(scanned.exit_code, 0) << scanned.err;
    const json want = json::parse(scanned.out);
    EXPECT_EQ(finding_keys(got), finding_keys(want));
    EXPECT_FALSE(finding_keys(got).empty());
    EXPECT_TRUE(finding_keys(got).count("SOV-001 192.168.1.103 203.205.151.162") ||
                finding_keys(got).count("SOV-002 192.168.1.103 203.205.151.162"))
        << file_text(dir_ / "live.json").substr(0, 2000);

    // Every packet replayed was analysed, and the report says how the capture went.
    ASSERT_EQ(got["inputs"].size(), 1u);
    const json& in = got["inputs"][0];
    EXPECT_EQ(in["kind"], "interface");
    EXPECT_EQ(in["path"], std::string("interface ") + VethNamespace::kSensor);
    EXPECT_EQ(in["kernel_drops"], 0);
    EXPECT_EQ(got["summary"]["packets"], want["summary"]["packets"]);
    EXPECT_EQ(got["partial"], false);

    // One ECS alert per finding, each the first time it was seen: ids unique, all there.
    std::istringstream lines(file_text(dir_ / "alerts.json"));
    std::set<std::string> alerted;
    std::string line;
    while (std::getline(lines, line)) {
        const json a = json::parse(line);
        EXPECT_EQ(a["event"]["kind"], "alert");
        EXPECT_EQ(a["event"]["module"], "sovscan");
        EXPECT_TRUE(alerted.insert(a["event"]["id"].get<std::string>()).second) << "alerted twice: " << line;
    }
    std::set<std::string> ids;
    for (const json& f : got["findings"])
        if (f["suppressed"].is_null()) ids.insert(f["id"].get<std::string>());
    EXPECT_EQ(alerted, ids);
}

TEST_F(LiveCli, SigtermInTheMiddleOfAReplayKeepsEveryFlowSeen) {
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    VethNamespace ns("livestop");
    ASSERT_TRUE(ns.ok());
    ChildProcess live;
    start_live(live, ns, {});
    // 1672 packets at 400 a second: about 4 s; the sensor is stopped after about 2.
    ChildProcess replayer;
    ASSERT_TRUE(replayer.start(ns.exec({"tcpreplay", "-q", "-i", VethNamespace::kSender, "--pps=400", capture}),
                               (dir_ / "replay.out").string(), (dir_ / "replay.err").string()));
    std::this_thread::sleep_for(std::chrono::milliseconds(2000));
    live.signal(SIGTERM);
    EXPECT_EQ(live.wait(), 0) << file_text(dir_ / "live.err");
    replayer.wait();

    const json got = json::parse(file_text(dir_ / "live.json"));
    const uint64_t packets = got["summary"]["packets"];
    EXPECT_GT(packets, 100u);
    EXPECT_LT(packets, 1672u);
    // Every flow the sensor saw was ended and counted: the flow counters add up to what was created.
    const json& flows = got["counters"]["flows"];
    uint64_t ended = 0;
    for (auto it = flows.begin(); it != flows.end(); ++it)
        if (it.key().rfind("flows_ended_", 0) == 0 || it.key() == "flows_evicted_memory_bound") ended += it.value().get<uint64_t>();
    EXPECT_EQ(ended, flows["flows_created"].get<uint64_t>());
    EXPECT_GT(got["summary"]["flows"].get<uint64_t>(), 0u);
}

// The flows of a scan (its --flows CSV) written as the Zeek conn.log a Zeek sensor would have made of
// the same traffic (TSV, orig/resp as client/server, layer-3 bytes).
void write_zeek_conn_log(const fs::path& flows_csv, const fs::path& conn_log) {
    std::ifstream in(flows_csv);
    std::ofstream out(conn_log);
    out << "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
        << "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_pkts\t"
           "orig_ip_bytes\tresp_pkts\tresp_ip_bytes\n"
        << "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tcount\tcount\tcount\tcount\n";
    std::string line;
    std::getline(in, line);  // header
    for (int n = 0; std::getline(in, line); ++n) {
        std::vector<std::string> c;
        std::stringstream cells(line);
        for (std::string cell; c.size() < 12 && std::getline(cells, cell, ',');) c.push_back(cell);
        auto epoch = [](const std::string& rfc3339) {  // 2017-04-14T10:55:42.857618Z
            std::tm tm{};
            strptime(rfc3339.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
            return static_cast<double>(timegm(&tm)) + std::stod("0" + rfc3339.substr(19, 7));
        };
        const double first = epoch(c[0]), last = epoch(c[1]);
        const char* proto = c[2] == "6" ? "tcp" : c[2] == "17" ? "udp" : "icmp";
        out << std::fixed << std::setprecision(6) << first << "\tC" << n << "\t" << c[3] << "\t" << c[4] << "\t"
            << c[5] << "\t" << c[6] << "\t" << proto << "\t" << (last - first) << "\t" << c[8] << "\t" << c[9]
            << "\t" << c[10] << "\t" << c[11] << "\n";
    }
}

// Issue 16: the same traffic as a capture, on an interface, as a flow export and as a Zeek log gives
// the same address-based findings.
TEST_F(LiveCli, AllFourInputsOfTheSameTrafficGiveTheSameFindings) {
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    const CliResult scanned = run_sovscan("scan " + capture + " --fail-on never -q --format json --flows " +
                                          (dir_ / "flows.csv").string());
    ASSERT_EQ(scanned.exit_code, 0) << scanned.err;
    // Address-based: the findings with a counterpart, which every input can show.
    const std::set<std::string> traffic = finding_keys(json::parse(scanned.out), /*traffic_only=*/true);
    ASSERT_GE(traffic.size(), 4u);

    // An interface.
    VethNamespace ns("four");
    ASSERT_TRUE(ns.ok());
    ChildProcess live;
    start_live(live, ns, {});
    replay(ns, capture, "--pps=3000");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    live.signal(SIGTERM);
    ASSERT_EQ(live.wait(), 0) << file_text(dir_ / "live.err");
    EXPECT_EQ(finding_keys(json::parse(file_text(dir_ / "live.json")), true), traffic) << "live";

    // A flow export (softflowd, IPFIX).
    const std::string port = std::to_string(free_udp_port());
    ChildProcess collect;
    ASSERT_TRUE(collect.start({sovscan_binary(), "collect", "--listen", "127.0.0.1:" + port, "--allow-root",
                               "--interval", "1", "-o", (dir_ / "collect.json").string(), "--fail-on", "never"},
                              (dir_ / "collect.out").string(), (dir_ / "collect.err").string()));
    ASSERT_TRUE(wait_until([&] { return fs::exists(dir_ / "collect.json"); })) << file_text(dir_ / "collect.err");
    ASSERT_EQ(run_program("softflowd", "-d -r " + capture + " -n 127.0.0.1:" + port + " -v 10").exit_code, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    collect.signal(SIGTERM);
    ASSERT_EQ(collect.wait(), 0) << file_text(dir_ / "collect.err");
    EXPECT_EQ(finding_keys(json::parse(file_text(dir_ / "collect.json")), true), traffic) << "collect";

    // A Zeek conn.log of the same flows.
    write_zeek_conn_log(dir_ / "flows.csv", dir_ / "conn.log");
    const CliResult logged = run_sovscan("scan " + (dir_ / "conn.log").string() + " --fail-on never -q --format json");
    ASSERT_EQ(logged.exit_code, 0) << logged.err;
    const json from_log = json::parse(logged.out);
    EXPECT_EQ(from_log["inputs"][0]["kind"], "zeek");
    EXPECT_EQ(finding_keys(from_log, true), traffic) << "zeek conn.log";
}

TEST_F(LiveCli, RefusesToRunAsRootWithoutUser) {
    const CliResult r = run_sovscan("live -i lo --interval 1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("refusing to read a network as root: give --user NAME"), std::string::npos) << r.err;
}

TEST_F(LiveCli, NamesTheInterfaceAndTheFilterThatCannotBeUsed) {
    const CliResult missing = run_sovscan("live -i no-such-if0 --allow-root --interval 1");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("interface no-such-if0: cannot capture: no such interface"), std::string::npos)
        << missing.err;
    const CliResult filter = run_sovscan("live -i lo --allow-root --filter 'port nonsense' --interval 1");
    EXPECT_EQ(filter.exit_code, 2);
    EXPECT_NE(filter.err.find("--filter: "), std::string::npos) << filter.err;
    const CliResult user = run_sovscan("live -i lo --user no-such-user-x --interval 1");
    EXPECT_EQ(user.exit_code, 2);
    EXPECT_NE(user.err.find("--user no-such-user-x: no such user"), std::string::npos) << user.err;
}

}  // namespace
}  // namespace sovscan::test
