// The stream to a SIEM (export/): a real capture's report as ECS documents with stable keys, sent
// through librdkafka to its mock cluster and read back by a real consumer — every message, once,
// across a broker outage; and counted lost, with the reason, when no broker ever answers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "engine/scan_engine.h"
#include "export/ecs_documents.h"
#include "export/kafka_config_file.h"
#include "export/report_stream.h"
#include "support/kafka_cluster.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int64_t kNow = 1'700'000'000'000'000'000;

// wechat.pcap (FACTS.md: WeChat to Tencent's AS132203), as a sensor named site-7 reports it, with
// its assets merged from the traffic (as `sovscan assets` does).
const ScanReport& wechat_report() {
    static const ScanReport report = [] {
        ScanOptions opt;
        opt.inputs = {corpus_file("ndpi/wechat.pcap")};
        opt.sensor = "site-7";
        opt.assets.from_traffic = true;
        Diagnostics diag;
        auto r = ScanEngine::run(opt, diag);
        for (const InputProblem& p : diag.problems()) ADD_FAILURE() << "wechat.pcap: " << p.input << ": " << p.message;
        return r ? *r : ScanReport{};
    }();
    return report;
}

struct Documents {
    std::vector<EcsDocument> all;
    DocumentCounts counts;
};

Documents documents_of(const ScanReport& r) {
    Documents d;
    d.counts = for_each_ecs_document(r, kNow, [&](const EcsDocument& doc) { d.all.push_back(doc); });
    return d;
}

// The keys a report's stream must carry: its findings' stable ids, its assets' ids, and one key per
// traffic pair and per country.
std::multiset<std::string> keys_of(const std::vector<EcsDocument>& docs) {
    std::multiset<std::string> keys;
    for (const EcsDocument& d : docs) keys.insert(d.key);
    return keys;
}

TEST(EcsDocuments, AReportGivesOneDocumentPerFindingAssetPairAndCountryEachWithItsStableKey) {
    const ScanReport& r = wechat_report();
    ASSERT_FALSE(r.findings.empty());
    ASSERT_TRUE(r.inventory);
    const Documents d = documents_of(r);
    EXPECT_EQ(d.counts.findings, r.findings.size());
    EXPECT_EQ(d.counts.assets, r.inventory->assets.size());
    EXPECT_EQ(d.counts.country_traffic, r.egress_by_country.size());
    EXPECT_EQ(d.all.size(), d.counts.total());
    // Distinct (asset, counterpart, direction) pairs of the traffic findings.
    std::set<std::tuple<std::string, std::string, RuleId>> pairs;
    for (const Finding& f : r.findings) {
        if (rule_info(f.rule).subject != RuleSubject::traffic) continue;
        const bool own_direction = f.rule == RuleId::inbound_from_high_risk || f.rule == RuleId::resolver_high_risk;
        pairs.insert({f.asset.ip.to_string(), f.counterpart->ip.to_string(),
                      own_direction ? f.rule : RuleId::egress_located_high_risk});
    }
    EXPECT_EQ(d.counts.pair_traffic, pairs.size());
    EXPECT_GT(d.counts.pair_traffic, 0u);
    EXPECT_LT(d.counts.pair_traffic, r.findings.size());  // SOV-001 and SOV-002 of one pair: one aggregate

    // Every key once: a compacted topic keeps each document's latest state.
    const std::multiset<std::string> keys = keys_of(d.all);
    EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size());
    size_t i = 0;
    for (const Finding& f : r.findings) {
        const EcsDocument& doc = d.all[i++];
        EXPECT_EQ(doc.key, stable_finding_id(f));
        EXPECT_EQ(doc.dataset, std::string(kFindingDataset));
        EXPECT_EQ(doc.body["event"]["id"], doc.key);
        EXPECT_EQ(doc.body["event"]["kind"], "alert");
        EXPECT_EQ(doc.body["observer"]["hostname"], "site-7");
    }
    for (const MergedAsset& a : r.inventory->assets) {
        const EcsDocument& doc = d.all[i++];
        EXPECT_EQ(doc.key, a.id);
        EXPECT_EQ(doc.body["event"]["kind"], "asset");
        EXPECT_EQ(doc.body["event"]["dataset"], kAssetDataset);
        EXPECT_EQ(doc.body["sovscan"]["asset"]["id"], a.id);
    }
    for (; i < d.counts.findings + d.counts.assets + d.counts.pair_traffic; ++i) {
        EXPECT_EQ(d.all[i].body["event"]["kind"], "metric");
        EXPECT_EQ(d.all[i].body["event"]["dataset"], kPairTrafficDataset);
        EXPECT_EQ(d.all[i].body["event"]["id"], d.all[i].key);
    }
    for (; i < d.all.size(); ++i) EXPECT_EQ(d.all[i].body["event"]["dataset"], kCountryTrafficDataset);
}

TEST(EcsDocuments, APairsAggregateCountsItsExposureOnceAndNamesItsFindings) {
    const ScanReport& r = wechat_report();
    // Tencent's 203.205.147.171 (FACTS.md): SOV-002, who runs it.
    const Finding* tencent = nullptr;
    for (const Finding& f : r.findings)
        if (f.rule == RuleId::egress_operator_high_risk && f.counterpart->ip.to_string() == "203.205.147.171") tencent = &f;
    ASSERT_NE(tencent, nullptr);
    const std::vector<PairTraffic> pairs = traffic_by_pair(r);
    const PairTraffic* p = nullptr;
    for (const PairTraffic& x : pairs)
        if (x.counterpart == "203.205.147.171" && x.asset == tencent->asset.ip.to_string()) p = &x;
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->bytes_sent, tencent->bytes_sent);
    EXPECT_EQ(p->bytes_received, tencent->bytes_received);
    EXPECT_EQ(p->flows, tencent->flows);
    EXPECT_NE(std::find(p->finding_ids.begin(), p->finding_ids.end(), stable_finding_id(*tencent)), p->finding_ids.end());

    const std::string key = pair_traffic_key("site-7", *p, r.first_ns);
    const json doc = json::parse(ecs_wire_text(ecs_pair_traffic_document(*p, key, "site-7", r.first_ns, r.last_ns, kNow)));
    EXPECT_EQ(doc["destination"]["ip"], "203.205.147.171");
    EXPECT_EQ(doc["source"]["bytes"], tencent->bytes_sent);
    EXPECT_EQ(doc["destination"]["bytes"], tencent->bytes_received);
    EXPECT_EQ(doc["network"]["bytes"], tencent->bytes_sent + tencent->bytes_received);
    EXPECT_EQ(doc["sovscan"]["controlled_by"], "CN");
    EXPECT_EQ(doc["sovscan"]["direction"], "egress");
    // The key names the sensor and the period: another sensor, or another period, is another key;
    // the same report made again is the same key.
    EXPECT_EQ(key, pair_traffic_key("site-7", *p, r.first_ns));
    EXPECT_NE(key, pair_traffic_key("site-8", *p, r.first_ns));
    EXPECT_NE(key, pair_traffic_key("site-7", *p, r.first_ns + 3'600'000'000'000));
}

TEST(EcsDocuments, InvalidUtf8FromAnInputIsReplacedOnTheWireNeverThrown) {
    MergedAsset a;
    a.id = "inv:pump-7";
    a.name = "Pumpe \xff\xfe <script>";
    const std::string text = ecs_wire_text(ecs_asset_document(a, "site-7", kNow, kNow));
    const json doc = json::parse(text);  // valid JSON, valid UTF-8
    EXPECT_EQ(doc["event"]["id"], "inv:pump-7");
    EXPECT_EQ(doc["host"]["name"], "Pumpe \\xff\\xfe <script>");  // printable(): the bytes named, not kept
}

// Sends every document of the report and reads them back.
std::vector<ConsumedMessage> stream_and_read(ReportStream& stream, const MockKafkaCluster& cluster,
                                             const std::string& topic, const Documents& d) {
    stream.publish(wechat_report(), kNow);
    stream.finish();
    return consume_topic(cluster.bootstraps(), topic, d.all.size());
}

std::unique_ptr<KafkaPublisher> publisher_for(const std::string& brokers, const std::string& topic,
                                              KafkaProperties options = {}) {
    std::string error;
    auto p = KafkaPublisher::open({brokers, topic, std::move(options)}, error);
    EXPECT_TRUE(p) << error;
    return p;
}

TEST(ReportStream, EveryDocumentReachesTheTopicOnceKeyedByItsStableId) {
    MockKafkaCluster cluster(3, "sovscan");
    const Documents d = documents_of(wechat_report());
    ReportStream stream(publisher_for(cluster.bootstraps(), "sovscan"));
    const std::vector<ConsumedMessage> got = stream_and_read(stream, cluster, "sovscan", d);
    ASSERT_EQ(got.size(), d.all.size());
    EXPECT_EQ(stream.publisher().counts().sent, d.all.size());
    EXPECT_EQ(stream.publisher().counts().delivered, d.all.size());
    EXPECT_EQ(stream.publisher().counts().lost, 0u);
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].key, d.all[i].key);  // one partition: in the order sent
        const json body = json::parse(got[i].value);
        EXPECT_EQ(body["event"]["dataset"], d.all[i].dataset);
        EXPECT_EQ(body["event"]["id"].get<std::string>(), d.all[i].body["event"]["id"].get<std::string>());
    }
    ScanReport copy = wechat_report();
    EXPECT_TRUE(stream.account(copy));
    EXPECT_EQ(copy.export_counters.at("kafka.delivered"), d.all.size());
    EXPECT_EQ(copy.export_counters.at("kafka.lost"), 0u);
    EXPECT_EQ(copy.problems.size(), wechat_report().problems.size());
}

TEST(ReportStream, ABrokerOutageInTheMiddleIsBridgedWithNothingLostOrDoubled) {
    MockKafkaCluster cluster(1, "sovscan");
    const Documents d = documents_of(wechat_report());
    auto publisher = publisher_for(cluster.bootstraps(), "sovscan", {{"reconnect.backoff.max.ms", "500", "--kafka-option"}});
    // The first half goes while the broker is up, the rest while it is down; it comes back 3 s later.
    const size_t half = d.all.size() / 2;
    for (size_t i = 0; i < half; ++i) publisher->send(d.all[i].key, ecs_wire_text(d.all[i].body));
    cluster.down();
    for (size_t i = half; i < d.all.size(); ++i) publisher->send(d.all[i].key, ecs_wire_text(d.all[i].body));
    std::thread back([&] {
        std::this_thread::sleep_for(3s);
        cluster.up();
    });
    publisher->finish();
    back.join();
    EXPECT_EQ(publisher->counts().delivered, d.all.size()) << publisher->last_delivery_error();
    EXPECT_EQ(publisher->counts().lost, 0u);
    const std::vector<ConsumedMessage> got = consume_topic(cluster.bootstraps(), "sovscan", d.all.size());
    ASSERT_EQ(got.size(), d.all.size());  // the idempotent producer wrote the retried ones once
    EXPECT_EQ(keys_of(std::vector<EcsDocument>(d.all)), [&] {
        std::multiset<std::string> k;
        for (const ConsumedMessage& m : got) k.insert(m.key);
        return k;
    }());
}

TEST(ReportStream, NoBrokerEverAnsweringCountsEveryMessageLostWithTheReason) {
    // Port 1 on loopback: the connection is refused, for good.
    ReportStream stream(publisher_for("127.0.0.1:1", "sovscan", {{"message.timeout.ms", "1500", "--kafka-option"}}));
    const auto started = std::chrono::steady_clock::now();
    stream.publish(wechat_report(), kNow);
    stream.finish();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);  // bounded by message.timeout.ms
    const Documents d = documents_of(wechat_report());
    EXPECT_EQ(stream.publisher().counts().sent, d.all.size());
    EXPECT_EQ(stream.publisher().counts().delivered, 0u);
    EXPECT_EQ(stream.publisher().counts().lost, d.all.size());
    ScanReport copy = wechat_report();
    EXPECT_FALSE(stream.account(copy));
    EXPECT_EQ(copy.export_counters.at("kafka.lost"), d.all.size());
    ASSERT_EQ(copy.problems.size(), wechat_report().problems.size() + 1);
    const InputProblem& p = copy.problems.back();
    EXPECT_EQ(p.input, "kafka 127.0.0.1:1");
    EXPECT_EQ(p.message.rfind(std::to_string(d.all.size()) + " of " + std::to_string(d.all.size()) +
                                  " message(s) to topic sovscan not delivered: Local: Message timed out",
                              0),
              0u)
        << p.message;
    // A report that counts a loss is still whole: the inputs were read.
    EXPECT_FALSE(copy.partial());
}

TEST(KafkaPublisher, SettingsThatWouldLoseOrDoubleMessagesAreRefused) {
    std::string error;
    EXPECT_FALSE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"enable.idempotence", "false", "--kafka-option"}}}, error));
    EXPECT_NE(error.find("idempotent"), std::string::npos) << error;
    EXPECT_FALSE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"message.timeout.ms", "0", "--kafka-option"}}}, error));
    EXPECT_NE(error.find("message.timeout.ms"), std::string::npos) << error;
    EXPECT_FALSE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"no.such.setting", "1", "--kafka-option"}}}, error));
    EXPECT_EQ(error, "--kafka-option no.such.setting: No such configuration property: \"no.such.setting\"");
    EXPECT_FALSE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"bootstrap.servers", "elsewhere:9092", "--kafka-option"}}}, error));
    EXPECT_TRUE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"security.protocol", "SASL_SSL", "a:1:"},
                                                             {"sasl.mechanism", "SCRAM-SHA-512", "a:2:"},
                                                             {"sasl.username", "sensor", "a:3:"},
                                                             {"sasl.password", "secret", "a:4:"}}},
                                     error))
        << error;
    // A setting from a file is named by its file and line.
    EXPECT_FALSE(KafkaPublisher::open({"127.0.0.1:9092", "t", {{"acks", "some", "kafka.properties:7:"}}}, error));
    EXPECT_EQ(error.rfind("kafka.properties:7: acks: ", 0), 0u) << error;
}

}  // namespace
}  // namespace sovscan::test

namespace sovscan::test {
namespace {

TEST(KafkaProperties, AFileGivesItsSettingsInOrderAndNamesTheLineOfAMalformedOne) {
    std::vector<std::string> errors;
    const KafkaProperties p = parse_kafka_properties(
        "# a sensor\nsecurity.protocol=SASL_SSL\r\n  sasl.mechanism = SCRAM-SHA-512 \n\nsasl.password=a=b\n"
        "not a property\n=value\n",
        "kafka.properties", errors);
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].key, "security.protocol");
    EXPECT_EQ(p[0].value, "SASL_SSL");
    EXPECT_EQ(p[0].origin, "kafka.properties:2:");
    EXPECT_EQ(p[1].key, "sasl.mechanism");
    EXPECT_EQ(p[1].value, "SCRAM-SHA-512");
    EXPECT_EQ(p[2].key, "sasl.password");
    EXPECT_EQ(p[2].value, "a=b");
    EXPECT_EQ(p[2].origin, "kafka.properties:5:");
    // The malformed lines are named, their text (perhaps a secret) is not repeated.
    EXPECT_EQ(errors, (std::vector<std::string>{"kafka.properties:6: expected KEY=VALUE",
                                                "kafka.properties:7: expected KEY=VALUE"}));
    EXPECT_TRUE(is_secret_kafka_property("sasl.password"));
    EXPECT_TRUE(is_secret_kafka_property("ssl.key.password"));
    EXPECT_TRUE(is_secret_kafka_property("sasl.oauthbearer.client.secret"));
    EXPECT_FALSE(is_secret_kafka_property("sasl.username"));
}

}  // namespace
}  // namespace sovscan::test
