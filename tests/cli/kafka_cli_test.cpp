// --kafka as a user runs it: the real sovscan binary streams a corpus capture's report to
// librdkafka's mock cluster (started in this process), and a real consumer reads the topic back —
// every finding, asset and traffic aggregate of the report, once each, keyed by the report's
// stable ids; through a broker outage with nothing lost; and, with no broker at all, every message
// counted lost in the report, a clear error and exit code 2.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/cli_run.h"
#include "support/child_process.h"
#include "support/free_port.h"
#include "support/kafka_cluster.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class KafkaCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() { make_dir("kafka-cli"); }
};

// What the stream of a report must hold, counted from the JSON report alone.
struct ExpectedStream {
    std::set<std::string> finding_ids, asset_ids;
    size_t findings = 0, assets = 0, pairs = 0, countries = 0;
    size_t total() const { return findings + assets + pairs + countries; }
};

ExpectedStream expected_from(const json& report) {
    ExpectedStream e;
    std::set<std::string> pairs;
    for (const json& f : report["findings"]) {
        e.finding_ids.insert(f["id"].get<std::string>());
        ++e.findings;
        if (!f["counterpart"].is_object()) continue;
        // One aggregate per (asset, counterpart, direction): SOV-001 and SOV-002 share one.
        const std::string rule = f["rule_id"];
        const std::string direction = rule == "SOV-003" ? "inbound" : rule == "SOV-004" ? "dns" : "egress";
        pairs.insert(f["asset"]["ip"].get<std::string>() + " " + f["counterpart"]["ip"].get<std::string>() + " " +
                     direction);
    }
    e.pairs = pairs.size();
    if (report.contains("assets"))
        for (const json& a : report["assets"]) e.asset_ids.insert(a["id"].get<std::string>()), ++e.assets;
    e.countries = report["egress_by_country"].size();
    return e;
}

// Checks the messages read back against the report: counts by kind, and keys equal to its ids.
void expect_stream_of(const std::vector<ConsumedMessage>& got, const json& report) {
    const ExpectedStream want = expected_from(report);
    ASSERT_EQ(got.size(), want.total());
    std::map<std::string, size_t> by_dataset;
    std::set<std::string> finding_keys, asset_keys;
    for (const ConsumedMessage& m : got) {
        const json doc = json::parse(m.value);
        const std::string dataset = doc["event"]["dataset"];
        ++by_dataset[dataset];
        EXPECT_EQ(doc["event"]["id"], m.key);
        EXPECT_EQ(doc["observer"]["hostname"], report["sensor"]);
        if (dataset == "sovscan.finding") finding_keys.insert(m.key);
        if (dataset == "sovscan.asset") asset_keys.insert(m.key);
        if (dataset == "sovscan.pair_traffic")
            for (const json& id : doc["sovscan"]["finding_ids"]) EXPECT_TRUE(want.finding_ids.count(id)) << id;
    }
    EXPECT_EQ(by_dataset["sovscan.finding"], want.findings);
    EXPECT_EQ(by_dataset["sovscan.asset"], want.assets);
    EXPECT_EQ(by_dataset["sovscan.pair_traffic"], want.pairs);
    EXPECT_EQ(by_dataset["sovscan.country_traffic"], want.countries);
    EXPECT_EQ(finding_keys, want.finding_ids);
    EXPECT_EQ(asset_keys, want.asset_ids);
    const json& counters = report["counters"]["export"];
    EXPECT_EQ(counters["kafka.sent"], want.total());
    EXPECT_EQ(counters["kafka.delivered"], want.total());
    EXPECT_EQ(counters["kafka.lost"], 0);
}

TEST_F(KafkaCli, AssetsStreamsEveryFindingAssetAndAggregateOfItsReport) {
    MockKafkaCluster cluster(3, "sovscan");
    const CliResult r = run_sovscan("assets " + corpus_file("ndpi/wechat.pcap") + " --sensor site-7 --kafka " +
                                    cluster.bootstraps() + " --kafka-topic sovscan -o " + path("assets.json") +
                                    " --fail-on never -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json report = json::parse(read("assets.json"));
    const ExpectedStream want = expected_from(report);
    EXPECT_GT(want.findings, 0u);
    EXPECT_GT(want.assets, 0u);
    EXPECT_GT(want.pairs, 0u);
    expect_stream_of(consume_topic(cluster.bootstraps(), "sovscan", want.total()), report);
}

TEST_F(KafkaCli, ScanBridgesABrokerOutageDuringTheRunWithNothingLost) {
    MockKafkaCluster cluster(1, "sovscan");
    // Down when the run starts publishing, back 3 s later while sovscan waits for its deliveries.
    cluster.down();
    std::thread back([&] {
        std::this_thread::sleep_for(3s);
        cluster.up();
    });
    const auto started = std::chrono::steady_clock::now();
    const CliResult r = run_sovscan("scan " + corpus_file("ndpi/wechat.pcap") + " --sensor site-8 --kafka " +
                                    cluster.bootstraps() +
                                    " --kafka-topic sovscan --kafka-option reconnect.backoff.max.ms=500 -o " +
                                    path("outage.json") + " --fail-on never -q");
    back.join();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GE(std::chrono::steady_clock::now() - started, 3s);  // it did wait for the broker
    const json report = json::parse(read("outage.json"));
    EXPECT_EQ(report["sensor"], "site-8");
    expect_stream_of(consume_topic(cluster.bootstraps(), "sovscan", expected_from(report).total()), report);
}

// A sensor publishes at every interval: softflowd exports the capture to `collect`, the broker goes
// down for 3 s while the collector keeps publishing, and the final report still counts nothing
// lost; the consumer reads exactly what it says was delivered, the final state of every finding
// among it.
TEST_F(KafkaCli, CollectPublishesEveryIntervalAndBridgesABrokerDownInTheMiddle) {
    MockKafkaCluster cluster(1, "sovscan");
    const std::string port = std::to_string(free_udp_port());
    ChildProcess collect;
    ASSERT_TRUE(collect.start({sovscan_binary(), "collect", "--listen", "127.0.0.1:" + port, "--allow-root",
                               "--interval", "1", "--sensor", "site-9", "-o", path("collect.json"), "--fail-on",
                               "never", "--kafka", cluster.bootstraps(), "--kafka-topic", "sovscan", "--kafka-option",
                               "reconnect.backoff.max.ms=500"},
                              path("collect.out"), path("collect.err")));
    ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(path("collect.json")); })) << read("collect.err");
    const CliResult exported =
        run_program("softflowd", "-d -r " + corpus_file("ndpi/wechat.pcap") + " -n 127.0.0.1:" + port + " -v 10");
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    // Intervals with the findings go out; then the broker is down for three of them.
    ASSERT_TRUE(wait_until([&] { return !consume_topic(cluster.bootstraps(), "sovscan", 1, 0ms, 2s).empty(); },
                           std::chrono::seconds(20)));
    cluster.down();
    std::this_thread::sleep_for(3s);
    cluster.up();
    std::this_thread::sleep_for(1500ms);
    collect.signal(SIGTERM);
    ASSERT_EQ(collect.wait(), 0) << read("collect.err");
    const json report = json::parse(read("collect.json"));
    const json& counters = report["counters"]["export"];
    EXPECT_EQ(counters["kafka.lost"], 0);
    EXPECT_EQ(counters["kafka.delivered"], counters["kafka.sent"]);
    const ExpectedStream final_state = expected_from(report);
    ASSERT_GT(final_state.findings, 0u);
    // Several intervals, each with every finding's state.
    EXPECT_GE(counters["kafka.sent"].get<size_t>(), 3 * final_state.total());
    const std::vector<ConsumedMessage> got =
        consume_topic(cluster.bootstraps(), "sovscan", counters["kafka.delivered"].get<size_t>());
    EXPECT_EQ(got.size(), counters["kafka.delivered"].get<size_t>());
    std::set<std::string> keys;
    for (const ConsumedMessage& m : got) keys.insert(m.key);
    for (const std::string& id : final_state.finding_ids) EXPECT_TRUE(keys.count(id)) << id;
}

TEST_F(KafkaCli, NoBrokerCountsEveryMessageLostSaysWhyAndExitsTwo) {
    const CliResult r = run_sovscan("scan " + corpus_file("ndpi/wechat.pcap") +
                                    " --kafka 127.0.0.1:1 --kafka-topic sovscan --kafka-option message.timeout.ms=1500 -o " +
                                    path("lost.json") + " --fail-on never -q");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const json report = json::parse(read("lost.json"));  // the report is still written
    const size_t n = expected_from(report).total();
    const std::string counted = std::to_string(n) + " of " + std::to_string(n) +
                                " message(s) to topic sovscan not delivered: Local: Message timed out";
    EXPECT_NE(r.err.find("sovscan: error: --kafka 127.0.0.1:1: " + counted), std::string::npos) << r.err;
    EXPECT_EQ(report["counters"]["export"]["kafka.sent"], n);
    EXPECT_EQ(report["counters"]["export"]["kafka.delivered"], 0);
    EXPECT_EQ(report["counters"]["export"]["kafka.lost"], n);
    ASSERT_FALSE(report["problems"].empty());
    const json& problem = report["problems"].back();
    EXPECT_EQ(problem["level"], "warning");
    EXPECT_EQ(problem["input"], "kafka 127.0.0.1:1");
    EXPECT_EQ(problem["message"].get<std::string>().rfind(counted, 0), 0u) << problem.dump();
    EXPECT_EQ(report["partial"], false);  // the capture was read whole
}

// Secrets go in a properties file; one given on the command line anyway is not written to the report.
TEST_F(KafkaCli, SettingsComeFromAFileAndNoSecretReachesTheReport) {
    MockKafkaCluster cluster(1, "sovscan");
    write("kafka.properties", "# the sensor's client settings\nclient.id=site-7-sensor\nlinger.ms = 20\n");
    const CliResult r = run_sovscan("scan " + corpus_file("ndpi/wechat.pcap") + " --kafka " + cluster.bootstraps() +
                                    " --kafka-topic sovscan --kafka-config " + path("kafka.properties") +
                                    " --kafka-option ssl.key.password=hunter2 --kafka-option=sasl.password=hunter3 -o " +
                                    path("secret.json") + " --fail-on never -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read("secret.json");
    EXPECT_EQ(text.find("hunter2"), std::string::npos);
    EXPECT_EQ(text.find("hunter3"), std::string::npos);
    const json report = json::parse(text);
    const std::vector<std::string> line = report["command_line"];
    EXPECT_NE(std::find(line.begin(), line.end(), "ssl.key.password=(redacted)"), line.end());
    EXPECT_NE(std::find(line.begin(), line.end(), "--kafka-option=sasl.password=(redacted)"), line.end());
    expect_stream_of(consume_topic(cluster.bootstraps(), "sovscan", expected_from(report).total()), report);
}

TEST_F(KafkaCli, MisusedOptionsAreRefusedBeforeAnyInputIsRead) {
    const std::string capture = corpus_file("ndpi/wechat.pcap");
    CliResult r = run_sovscan("scan " + capture + " --kafka 127.0.0.1:9092 -o " + path("none.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: --kafka needs --kafka-topic TOPIC\n");
    r = run_sovscan("risk " + capture + " --kafka-topic t -o " + path("none.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: --kafka-topic, --kafka-config and --kafka-option need --kafka BROKERS\n");
    write("bad.properties", "security.protocol=SSL\nssl.ca.location /etc/ca.pem\n");
    r = run_sovscan("scan " + capture + " --kafka 127.0.0.1:9092 --kafka-topic t --kafka-config " + path("bad.properties"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: " + path("bad.properties") + ":2: expected KEY=VALUE\n");
    write("unknown.properties", "# fine so far\nsecurity.protocol=TLS-ish\n");
    r = run_sovscan("scan " + capture + " --kafka 127.0.0.1:9092 --kafka-topic t --kafka-config " +
                    path("unknown.properties"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("sovscan: error: " + path("unknown.properties") + ":2: security.protocol: ", 0), 0u) << r.err;
    r = run_sovscan("assets " + capture + " --kafka 127.0.0.1:9092 --kafka-topic t --kafka-option acks");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: --kafka-option: expected KEY=VALUE\n");
    r = run_sovscan("scan " + capture + " --kafka 127.0.0.1:9092 --kafka-topic t --kafka-option enable.idempotence=false");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan keeps the producer idempotent"), std::string::npos) << r.err;
    r = run_sovscan("collect --listen 127.0.0.1:" + std::to_string(free_udp_port()) + " --allow-root --kafka 127.0.0.1:9092 --kafka-topic t --kafka-option "
                    "no.such=1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--kafka-option no.such: No such configuration property"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("none.json")));
}

TEST(KafkaCliHelp, EveryCommandThatReportsTeachesTheStreamAndItsExitCode) {
    for (const char* command : {"scan", "assets", "risk", "live", "collect"}) {
        const CliResult r = run_sovscan(std::string(command) + " --help");
        EXPECT_EQ(r.exit_code, 0) << command;
        EXPECT_NE(r.out.find("--kafka HOST:PORT"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--kafka-topic"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--kafka-option"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--kafka-config"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--kafka lost messages"), std::string::npos) << command << r.out;
    }
}

}  // namespace
}  // namespace sovscan::test
