// Zeek and EVE readers on small hand-made inputs: each header directive and escape, unset and
// empty fields, gzip (written by Debian's gzip) whole and truncated, garbage lines, values of the
// wrong type, the join in any file order, and the bound on what the join holds.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "sources/capture_builders.h"
#include "sources/input_classifier.h"
#include "sources/log_format.h"
#include "sources/log_reader.h"
#include "sources/text_lines.h"
#include "sources/zeek_log.h"
#include "support/collecting_sink.h"

namespace sovscan {
namespace {

struct Result {
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    LogInputSummary summary;
    bool ok = false;
    uint64_t counter(const std::string& name) const {
        auto it = counters.find(name);
        return it == counters.end() ? 0 : it->second;
    }
    bool warned(const std::string& part) const {
        for (const InputProblem& p : diag.problems())
            if (p.message.find(part) != std::string::npos) return true;
        return false;
    }
};

std::unique_ptr<Result> read_text(const std::string& text, LogReadOptions options = {}) {
    auto r = std::make_unique<Result>();
    r->ok = read_log_bytes({reinterpret_cast<const uint8_t*>(text.data()), text.size()}, "mem.log", r->sink, r->diag,
                           r->counters, &r->summary, options);
    return r;
}

// A scratch directory per test, removed afterwards.
class LogFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sovscan-logs-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    // Compressed by Debian's gzip, as logrotate leaves a log.
    std::string gzip(const std::string& path) {
        const std::string cmd = "gzip -n -f '" + path + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
        return path + ".gz";
    }
    std::filesystem::path dir_;
};

const std::string kConnHeader =
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
    "resp_bytes\tconn_state\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tcount\tcount\t"
    "count\tcount\tset[string]\n";

std::string conn_row(const std::string& uid, const std::string& resp, int resp_p = 443) {
    return "1700000000.250000\t" + uid + "\t10.1.1.5\t50000\t" + resp + "\t" + std::to_string(resp_p) +
           "\ttcp\tssl\t2.5\t100\t2000\tSF\t10\t620\t8\t2420\t(empty)\n";
}

TEST(LogFormatSniff, ByContent) {
    EXPECT_EQ(sniff_log_format("#separator \\x09\n#set_separator\t,\n"), LogFormat::zeek_tsv);
    EXPECT_EQ(sniff_log_format("### a comment\n#separator \\x09\n"), LogFormat::zeek_tsv);
    EXPECT_EQ(sniff_log_format("{\"ts\":1.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\"}\n"), LogFormat::zeek_json);
    EXPECT_EQ(sniff_log_format("{\"ts\":\"2020-01-01T00:00:00Z\",\"host\":\"10.0.0.1\",\"software_type\":\"X\"}"),
              LogFormat::zeek_json);
    EXPECT_EQ(sniff_log_format("{\"timestamp\":\"2019-01-01T00:00:00+0000\",\"event_type\":\"flow\"}\n"),
              LogFormat::suricata_eve);
    // A value that says "uid" is no key; an object of neither kind, CSV, a capture are no log.
    EXPECT_EQ(sniff_log_format("{\"ts\":1,\"note\":\"uid\"}"), std::nullopt);
    EXPECT_EQ(sniff_log_format("{\"a\":1}"), std::nullopt);
    EXPECT_EQ(sniff_log_format("ts,uid\n1,2\n"), std::nullopt);
    EXPECT_EQ(sniff_log_format(std::string("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8)), std::nullopt);
    EXPECT_EQ(sniff_log_format(""), std::nullopt);
}

TEST(ZeekTsv, HeaderDirectivesEscapesUnsetAndEmpty) {
    // Every directive changed from Zeek's defaults: separator '|' (written \x7c), set separator ';',
    // empty "EMPTY", unset "NONE". A value holds an escaped separator and an escaped byte.
    const std::string text =
        "#separator \\x7c\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n#path|dns\n#open|2024-01-01\n"
        "#fields|ts|uid|id.orig_h|id.orig_p|id.resp_h|id.resp_p|query|answers|TTLs\n"
        "#types|time|string|addr|port|addr|port|string|vector[string]|vector[interval]\n"
        "1700000000.5|C1|10.0.0.7|5353|10.0.0.1|53|Www.Example.COM.|cdn.example.net;192.0.2.10;2001:db8::1|60;60;60\n"
        "1700000001|C2|10.0.0.7|5354|10.0.0.1|53|a\\x7cb.example|EMPTY|EMPTY\n"
        "1700000002|C3|10.0.0.7|5355|10.0.0.1|53|NONE|192.0.2.11|NONE\n"
        "#close|2024-01-01\n";
    auto r = read_text(text);
    EXPECT_EQ(r->summary.format, LogFormat::zeek_tsv);
    EXPECT_EQ(r->summary.records, 3u);
    EXPECT_EQ(r->summary.malformed_lines, 0u);
    // Only the first answered with addresses and a query: the second's answers are empty, the third's query unset.
    ASSERT_EQ(r->sink.answers.size(), 1u);
    const DnsAnswerRecord& a = r->sink.answers[0];
    EXPECT_EQ(a.query, "www.example.com");
    EXPECT_EQ(a.cnames, std::vector<std::string>{"cdn.example.net"});
    ASSERT_EQ(a.addresses.size(), 2u);
    EXPECT_EQ(a.addresses[0].to_string(), "192.0.2.10");
    EXPECT_EQ(a.addresses[1].to_string(), "2001:db8::1");
    EXPECT_EQ(a.client.to_string(), "10.0.0.7");
    EXPECT_EQ(a.resolver.to_string(), "10.0.0.1");
    EXPECT_EQ(a.ts_ns, 1700000000500000000);
}

TEST(ZeekTsv, UnescapesValuesAndKeepsBytes) {
    EXPECT_EQ(zeek_unescape("a\\x09b"), "a\tb");
    EXPECT_EQ(zeek_unescape("\\x00\\x7f"), std::string("\0\x7f", 2));
    EXPECT_EQ(zeek_unescape("back\\\\slash"), "back\\slash");
    EXPECT_EQ(zeek_unescape("bad\\xZZ and \\x4"), "bad\\xZZ and \\x4");  // not an escape: kept as written
}

TEST(ZeekTsv, GarbageAndMisshapedLinesAreCountedAndSkipped) {
    std::string text = "#separator \\x09\nrow before fields\n" + kConnHeader.substr(kConnHeader.find("#set_separator"));
    text += conn_row("C1", "192.0.2.1");
    text += "too\tfew\tfields\n";
    text += conn_row("C2", "192.0.2.2").substr(0, 40) + "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n";  // too many
    text += std::string("\x01\x02\xff binary\n");
    text += conn_row("C3", "not-an-address");  // endpoints missing: no flow
    text += conn_row("C4", "192.0.2.4");
    auto r = read_text(text);
    EXPECT_EQ(r->summary.malformed_lines, 4u);
    EXPECT_EQ(r->counter("log_malformed_lines"), 4u);
    EXPECT_EQ(r->sink.flows.size(), 2u);
    EXPECT_EQ(r->counter("log_invalid_values"), 1u);
    EXPECT_TRUE(r->warned("mem.log:2: a record before the log's #fields header; line skipped"));
    EXPECT_TRUE(r->warned("mem.log:10: 3 fields where the header has 17"));
    EXPECT_FALSE(r->diag.has_errors());
}

TEST(ZeekTsv, ConnFieldsAsAFlow) {
    auto r = read_text(kConnHeader + conn_row("C1", "192.0.2.1"));
    ASSERT_EQ(r->sink.flows.size(), 1u);
    const FlowRecord& f = r->sink.flows[0];
    EXPECT_EQ(f.src_ip.to_string(), "10.1.1.5");
    EXPECT_EQ(f.dst_ip.to_string(), "192.0.2.1");
    EXPECT_EQ(f.src_port, 50000);
    EXPECT_EQ(f.dst_port, 443);
    EXPECT_EQ(f.proto, 6);
    EXPECT_TRUE(f.src_began);
    EXPECT_EQ(f.first_ns, 1700000000250000000);
    EXPECT_EQ(f.last_ns, 1700000002750000000);
    EXPECT_EQ(f.packets[0], 10u);
    EXPECT_EQ(f.packets[1], 8u);
    EXPECT_EQ(f.bytes[0], 620u);   // orig_ip_bytes, not orig_bytes (100, payload)
    EXPECT_EQ(f.bytes[1], 2420u);  // resp_ip_bytes
    EXPECT_EQ(f.name_source, NameSource::none);
}

TEST_F(LogFiles, JoinInAnyFileOrderSniBeatsHostAndCertificate) {
    // ssl.log after conn.log on the command line, x509 before both; http on the same uid.
    const std::string conn = write("a", kConnHeader + conn_row("Cjoin", "192.0.2.1") + conn_row("Cother", "192.0.2.9"));
    const std::string ssl = write(
        "b", "{\"ts\":1700000000.3,\"uid\":\"Cjoin\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":50000,"
             "\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":443,\"server_name\":\"Shop.Example.CN.\","
             "\"cert_chain_fps\":[\"fp1\",\"fp2\"],\"_path\":\"ssl\"}\n"
             "{\"ts\":1700000000.3,\"uid\":\"Cother\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":50001,"
             "\"id.resp_h\":\"192.0.2.9\",\"id.resp_p\":443,\"cert_chain_fps\":[\"fp9\"]}\n");
    const std::string x509 = write(
        "c", "{\"ts\":1700000000.3,\"fingerprint\":\"fp9\",\"certificate.subject\":\"CN=ignored.example,O=X\","
             "\"san.dns\":[\"*.cloud.example\",\"cloud.example\"]}\n");
    const std::string http = write(
        "d", "{\"ts\":1700000000.4,\"uid\":\"Cjoin\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":50000,"
             "\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":443,\"method\":\"GET\",\"host\":\"other.example:8443\","
             "\"user_agent\":\"Agent/1.0\"}\n");
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    std::vector<LogInputSummary> sums;
    ASSERT_TRUE(read_log_inputs({{x509, 0}, {conn, 1}, {ssl, 2}, {http, 3}}, sink, diag, counters, &sums));
    ASSERT_EQ(sink.flows.size(), 2u);  // the conn rows only: every note found its flow
    EXPECT_EQ(counters["log_records_without_flow"], 0u);
    EXPECT_EQ(sink.flows[0].server_name, "shop.example.cn");
    EXPECT_EQ(sink.flows[0].name_source, NameSource::sni);
    EXPECT_EQ(sink.flows[0].http_user_agent, "Agent/1.0");
    EXPECT_EQ(sink.flows[0].input_index, 1);
    EXPECT_EQ(sink.flows[0].bytes[1], 2420u);
    // No SNI: the certificate's first SAN names it.
    EXPECT_EQ(sink.flows[1].server_name, "*.cloud.example");
    EXPECT_EQ(sink.flows[1].name_source, NameSource::tls_certificate);
    EXPECT_EQ(sums[1].flows, 2u);
    EXPECT_EQ(sums[0].format, LogFormat::zeek_json);
    EXPECT_EQ(sums[1].format, LogFormat::zeek_tsv);
}

TEST_F(LogFiles, GzipWholeAndTruncated) {
    std::string text = kConnHeader;
    for (int i = 0; i < 4000; ++i) text += conn_row("C" + std::to_string(i), "192.0.2." + std::to_string(i % 250 + 1));
    const std::string gz = gzip(write("conn", text));
    {
        test::CollectingSink sink;
        Diagnostics diag;
        NamedCounters counters;
        std::vector<LogInputSummary> sums;
        ASSERT_TRUE(read_log_inputs({{gz, 0}}, sink, diag, counters, &sums));
        EXPECT_EQ(sink.flows.size(), 4000u);
        EXPECT_TRUE(sums[0].compressed);
        EXPECT_FALSE(sums[0].partial);
        EXPECT_TRUE(diag.problems().empty());
    }
    // Cut in the middle: the rows before stand, the input is partial, nothing is fatal.
    const auto size = std::filesystem::file_size(gz);
    std::filesystem::resize_file(gz, size / 2);
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    std::vector<LogInputSummary> sums;
    ASSERT_TRUE(read_log_inputs({{gz, 0}}, sink, diag, counters, &sums));
    EXPECT_GT(sink.flows.size(), 100u);
    EXPECT_LT(sink.flows.size(), 4000u);
    EXPECT_TRUE(sums[0].partial);
    ASSERT_EQ(diag.partial_inputs().size(), 1u);
    bool said = false;
    for (const InputProblem& p : diag.problems()) said = said || p.message.find("gzip data truncated") != std::string::npos;
    EXPECT_TRUE(said);
    EXPECT_FALSE(diag.has_errors());
}

TEST_F(LogFiles, ConcatenatedGzipMembersAndCorruptData) {
    const std::string a = gzip(write("a", kConnHeader + conn_row("C1", "192.0.2.1")));
    const std::string b = gzip(write("b", conn_row("C2", "192.0.2.2")));
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::string both((std::istreambuf_iterator<char>(fa)), {});
    both.append(std::istreambuf_iterator<char>(fb), {});
    auto r = read_text(both);
    EXPECT_EQ(r->sink.flows.size(), 2u);
    EXPECT_TRUE(r->summary.compressed);
    // Flipped bytes inside the deflate stream: corrupt, reported, partial.
    std::string bad = both;
    for (size_t i = 20; i < 40 && i < bad.size(); ++i) bad[i] = char(~bad[i]);
    auto c = read_text(bad);
    EXPECT_TRUE(c->summary.partial || c->summary.format == std::nullopt);
}

TEST(ZeekJson, WrongTypedValuesReadAsUnset) {
    const std::string text =
        "{\"ts\":\"2023-11-14T22:13:20.250Z\",\"uid\":\"C1\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":\"fifty\","
        "\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":443,\"proto\":\"tcp\",\"conn_state\":\"SF\","
        "\"orig_ip_bytes\":{\"a\":1},\"resp_ip_bytes\":-5,\"orig_pkts\":3,\"duration\":1.5}\n"
        "[1,2,3]\n"
        "{\"ts\":1, \"uid\": 7, \"id.orig_h\": [\"10.1.1.5\"], \"id.resp_h\": true, \"conn_state\":\"S0\"}\n"
        "{\"ts\":1700000000,\"uid\":\"C3\",\"id\":{\"orig_h\":\"10.1.1.6\",\"orig_p\":1,\"resp_h\":\"192.0.2.3\","
        "\"resp_p\":80},\"proto\":\"udp\",\"history\":\"D\"}\n";
    auto r = read_text(text);
    EXPECT_EQ(r->summary.format, LogFormat::zeek_json);
    EXPECT_EQ(r->summary.malformed_lines, 1u);  // the array
    ASSERT_EQ(r->sink.flows.size(), 2u);
    const FlowRecord& f = r->sink.flows[0];
    EXPECT_EQ(f.first_ns, 1700000000250000000);  // ISO 8601 ts
    EXPECT_EQ(f.last_ns, 1700000001750000000);
    EXPECT_EQ(f.src_port, 0);     // "fifty"
    EXPECT_EQ(f.bytes[0], 0u);    // an object
    EXPECT_EQ(f.bytes[1], 0u);    // negative
    EXPECT_EQ(f.packets[0], 3u);
    // A pipeline that nested Zeek's dotted names: {"id": {"orig_h": ...}}.
    EXPECT_EQ(r->sink.flows[1].src_ip.to_string(), "10.1.1.6");
    EXPECT_EQ(r->sink.flows[1].dst_port, 80);
    EXPECT_EQ(r->sink.flows[1].proto, 17);
    EXPECT_GE(r->counter("log_invalid_values"), 4u);
    EXPECT_EQ(r->counter("log_records_without_endpoints"), 1u);  // the third line
}

TEST(SuricataEve, FlowNetflowDnsV3AndJoinOnFlowId) {
    const std::string text =
        // A tls event before its flow event (as Suricata writes them), joined on flow_id.
        "{\"timestamp\":\"2024-05-01T10:00:00.000000+0200\",\"flow_id\":11,\"event_type\":\"tls\","
        "\"src_ip\":\"10.0.0.2\",\"src_port\":40000,\"dest_ip\":\"203.0.113.5\",\"dest_port\":443,\"proto\":\"TCP\","
        "\"tls\":{\"sni\":\"api.example.com\",\"subject\":\"CN=other.example, O=X\"}}\n"
        "{\"timestamp\":\"2024-05-01T10:00:05.000000+0200\",\"flow_id\":11,\"event_type\":\"flow\","
        "\"src_ip\":\"10.0.0.2\",\"src_port\":40000,\"dest_ip\":\"203.0.113.5\",\"dest_port\":443,\"proto\":\"TCP\","
        "\"flow\":{\"pkts_toserver\":5,\"pkts_toclient\":4,\"bytes_toserver\":500,\"bytes_toclient\":4000,"
        "\"start\":\"2024-05-01T10:00:00.000000+02:00\",\"end\":\"2024-05-01T10:00:04.500000+02:00\"}}\n"
        "{\"timestamp\":\"2024-05-01T10:00:06Z\",\"flow_id\":12,\"event_type\":\"netflow\",\"src_ip\":\"203.0.113.6\","
        "\"src_port\":53,\"dest_ip\":\"10.0.0.2\",\"dest_port\":5000,\"proto\":\"UDP\","
        "\"netflow\":{\"pkts\":1,\"bytes\":120,\"start\":\"2024-05-01T10:00:06Z\",\"end\":\"2024-05-01T10:00:06Z\"}}\n"
        // DNS v3 (Suricata 8): queries and answers in one event, no type.
        "{\"timestamp\":\"2024-05-01T10:00:07Z\",\"flow_id\":13,\"event_type\":\"dns\",\"src_ip\":\"10.0.0.2\","
        "\"src_port\":5001,\"dest_ip\":\"10.0.0.1\",\"dest_port\":53,\"proto\":\"UDP\",\"dns\":{\"version\":3,"
        "\"id\":1,\"flags\":\"8180\",\"queries\":[{\"rrname\":\"WWW.Example.cn\",\"rrtype\":\"A\"}],"
        "\"answers\":[{\"rrname\":\"www.example.cn\",\"rrtype\":\"CNAME\",\"rdata\":\"edge.example.net\"},"
        "{\"rrname\":\"edge.example.net\",\"rrtype\":\"A\",\"rdata\":\"198.51.100.7\"}]}}\n"
        // An alert without a flow event: a flow of its own with the counts it carries.
        "{\"timestamp\":\"2024-05-01T10:00:08Z\",\"flow_id\":14,\"event_type\":\"alert\",\"src_ip\":\"10.0.0.3\","
        "\"src_port\":41000,\"dest_ip\":\"198.51.100.8\",\"dest_port\":22,\"proto\":\"TCP\",\"alert\":{\"signature\":"
        "\"x\"},\"flow\":{\"pkts_toserver\":2,\"pkts_toclient\":0,\"bytes_toserver\":120,\"bytes_toclient\":0,"
        "\"start\":\"2024-05-01T10:00:07Z\"}}\n"
        "{\"timestamp\":\"2024-05-01T10:00:09Z\",\"event_type\":\"anomaly\",\"anomaly\":{\"type\":\"decode\"}}\n"
        "{\"timestamp\":\"2024-05-01T10:00:09Z\",\"event_type\":\"rdp\",\"src_ip\":\"10.0.0.3\",\"dest_ip\":\"10.0.0.4\"}\n"
        "{\"timestamp\":\"2024-05-01T10:00:10Z\",\"event_type\":\"dhcp\",\"src_ip\":\"10.0.0.1\",\"src_port\":67,"
        "\"dest_ip\":\"10.0.0.9\",\"dest_port\":68,\"proto\":\"UDP\",\"dhcp\":{\"type\":\"reply\",\"client_mac\":"
        "\"ec:f3:42:00:00:01\",\"assigned_ip\":\"10.0.0.9\",\"hostname\":\"Phone\"}}\n"
        "{\"event_type\":7,\"timestamp\":\"x\"}\n";
    auto r = read_text(text);
    EXPECT_EQ(r->summary.format, LogFormat::suricata_eve);
    EXPECT_EQ(r->summary.records, 8u);
    EXPECT_EQ(r->summary.malformed_lines, 1u);  // event_type not a string
    EXPECT_EQ(r->counter("log_unknown_record_types"), 1u);  // rdp
    EXPECT_EQ(r->counter("eve_anomaly"), 1u);
    ASSERT_EQ(r->sink.flows.size(), 3u);  // flow, netflow, then the alert's own
    const FlowRecord& tls = r->sink.flows[0];
    EXPECT_EQ(tls.server_name, "api.example.com");
    EXPECT_EQ(tls.name_source, NameSource::sni);
    EXPECT_EQ(tls.first_ns, 1714550400000000000);  // 08:00:00 UTC
    EXPECT_EQ(tls.last_ns, 1714550404500000000);
    EXPECT_EQ(tls.bytes[1], 4000u);
    EXPECT_TRUE(tls.src_began);
    const FlowRecord& nf = r->sink.flows[1];
    EXPECT_FALSE(nf.src_began);
    EXPECT_EQ(nf.packets[0], 1u);
    EXPECT_EQ(nf.bytes[0], 120u);
    EXPECT_EQ(nf.packets[1], 0u);
    const FlowRecord& alert = r->sink.flows[2];
    EXPECT_EQ(alert.dst_port, 22);
    EXPECT_EQ(alert.bytes[0], 120u);
    EXPECT_EQ(r->counter("log_records_without_flow"), 1u);
    ASSERT_EQ(r->sink.answers.size(), 1u);
    EXPECT_EQ(r->sink.answers[0].query, "www.example.cn");
    EXPECT_EQ(r->sink.answers[0].cnames, std::vector<std::string>{"edge.example.net"});
    ASSERT_EQ(r->sink.answers[0].addresses.size(), 1u);
    EXPECT_EQ(r->sink.answers[0].addresses[0].to_string(), "198.51.100.7");
    ASSERT_EQ(r->sink.devices.size(), 1u);
    EXPECT_EQ(r->sink.devices[0].macs[0].to_string(), "ec:f3:42:00:00:01");
    EXPECT_EQ(r->sink.devices[0].hostnames, std::vector<std::string>{"phone"});
}

TEST(SuricataEve, CommunityIdJoinsAZeekConnToAnEveTlsEvent) {
    // The same connection seen by both sensors: Zeek's conn row (with the community-id policy)
    // takes the name EVE's tls event gives, through community_id.
    const std::string conn =
        "{\"ts\":1700000000.0,\"uid\":\"CZ\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":50000,\"id.resp_h\":\"192.0.2.1\","
        "\"id.resp_p\":443,\"proto\":\"tcp\",\"conn_state\":\"SF\",\"community_id\":\"1:abc=\"}\n";
    const std::string eve =
        "{\"timestamp\":\"2023-11-14T22:13:20Z\",\"flow_id\":5,\"event_type\":\"tls\",\"community_id\":\"1:abc=\","
        "\"src_ip\":\"10.1.1.5\",\"src_port\":50000,\"dest_ip\":\"192.0.2.1\",\"dest_port\":443,\"proto\":\"TCP\","
        "\"tls\":{\"sni\":\"joined.example\"}}\n";
    char conn_path[] = "/tmp/sovscan-cid-connXXXXXX", eve_path[] = "/tmp/sovscan-cid-eveXXXXXX";
    const int a = mkstemp(conn_path), b = mkstemp(eve_path);
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    ASSERT_EQ(::write(a, conn.data(), conn.size()), ssize_t(conn.size()));
    ASSERT_EQ(::write(b, eve.data(), eve.size()), ssize_t(eve.size()));
    ::close(a);
    ::close(b);
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    EXPECT_TRUE(read_log_inputs({{conn_path, 0}, {eve_path, 1}}, sink, diag, counters));
    std::remove(conn_path);
    std::remove(eve_path);
    ASSERT_EQ(sink.flows.size(), 1u);
    EXPECT_EQ(sink.flows[0].server_name, "joined.example");
    EXPECT_EQ(sink.flows[0].input_index, 0);
}

TEST(LogJoin, BoundedAnnotationsHandOnWhatTheyCannotHold) {
    // Three annotated connections, room for two: the third is handed on at once, the other two
    // still join their conn rows.
    std::string text;
    for (int i = 1; i <= 3; ++i)
        text += "{\"ts\":1700000000,\"uid\":\"C" + std::to_string(i) +
                "\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":5000" + std::to_string(i) +
                ",\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":443,\"server_name\":\"n" + std::to_string(i) +
                ".example\",\"cipher\":\"x\"}\n";
    for (int i = 1; i <= 3; ++i)
        text += "{\"ts\":1700000000,\"uid\":\"C" + std::to_string(i) +
                "\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":5000" + std::to_string(i) +
                ",\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":443,\"proto\":\"tcp\",\"conn_state\":\"SF\"}\n";
    LogReadOptions options;
    options.max_annotated_flows = 2;
    auto r = read_text(text, options);
    EXPECT_EQ(r->counter("log_notes_over_limit"), 1u);
    ASSERT_EQ(r->sink.flows.size(), 4u);  // n3's own flow at once, then the three conn rows
    EXPECT_EQ(r->sink.flows[0].server_name, "n3.example");
    EXPECT_EQ(r->sink.flows[1].server_name, "n1.example");
    EXPECT_EQ(r->sink.flows[2].server_name, "n2.example");
    EXPECT_EQ(r->sink.flows[3].server_name, "");
}

TEST(TextLinesTest, OverlongLinesAndCrLf) {
    std::string text = "a\r\n" + std::string(TextLines::kMaxLine + 10, 'x') + "\nb";
    MemoryStream in({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
    TextLines lines(in);
    std::string_view line;
    ASSERT_TRUE(lines.next(line));
    EXPECT_EQ(line, "a");
    ASSERT_TRUE(lines.next(line));
    EXPECT_TRUE(lines.overlong());
    EXPECT_TRUE(line.empty());
    ASSERT_TRUE(lines.next(line));
    EXPECT_FALSE(lines.overlong());
    EXPECT_EQ(line, "b");
    EXPECT_EQ(lines.line_number(), 3u);
    EXPECT_FALSE(lines.next(line));
    EXPECT_TRUE(lines.error().empty());
}

TEST(LogReaderInputs, NotALogAndMissingFileAreErrors) {
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    char path[] = "/tmp/sovscan-notlogXXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "hello\n", 6), 6);
    ::close(fd);
    EXPECT_FALSE(read_log_inputs({{path, 0}, {"/nonexistent/x.log", 1}}, sink, diag, counters));
    std::remove(path);
    EXPECT_TRUE(diag.has_errors());
    EXPECT_EQ(diag.problems().size(), 2u);
}

}  // namespace
}  // namespace sovscan

namespace sovscan {
namespace {

TEST_F(LogFiles, InputsSplitByContentNotByName) {
    // In a directory: a Zeek log named like a capture, an EVE file compressed and named .txt, a
    // capture, and a file that is neither. Named explicitly: a log without any log-like name.
    std::filesystem::create_directories(dir_ / "sensor" / "old");
    write("sensor/conn.pcap", kConnHeader + conn_row("C1", "192.0.2.1"));
    gzip(write("sensor/old/notes.txt",
               "{\"timestamp\":\"2024-05-01T10:00:00Z\",\"event_type\":\"flow\",\"src_ip\":\"10.0.0.1\",\"dest_ip\":"
               "\"192.0.2.2\"}\n"));
    const test::Bytes pcap = test::pcap_file(false, test::PcapFlavor::micro, 1, {});
    write("sensor/real.cap", std::string(pcap.begin(), pcap.end()));
    write("sensor/README", "not a log\n");
    const std::string plain = write("export", kConnHeader);
    Diagnostics diag;
    const ClassifiedInputs in = classify_inputs({(dir_ / "sensor").string(), plain, "-"}, diag);
    EXPECT_EQ(in.logs, (std::vector<std::string>{(dir_ / "sensor/conn.pcap").string(),
                                                 (dir_ / "sensor/old/notes.txt.gz").string(), plain}));
    EXPECT_EQ(in.captures, (std::vector<std::string>{(dir_ / "sensor/real.cap").string(), "-"}));
    EXPECT_TRUE(diag.problems().empty());
    // A directory of neither goes to CaptureSet, which says so as before.
    std::filesystem::create_directories(dir_ / "empty");
    const ClassifiedInputs none = classify_inputs({(dir_ / "empty").string()}, diag);
    EXPECT_EQ(none.captures, std::vector<std::string>{(dir_ / "empty").string()});
    EXPECT_TRUE(none.logs.empty());
}

}  // namespace
}  // namespace sovscan

namespace sovscan {
namespace {

TEST(LogReaderWarnings, HostileFileNamesAndValuesAreEscaped) {
    const std::string text = "{\"timestamp\":\"2024-05-01T10:00:00Z\",\"event_type\":\"flow\"}\n\x1b[31m{not json\n";
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    read_log_bytes({reinterpret_cast<const uint8_t*>(text.data()), text.size()}, "evil\x1b[2J.log", sink, diag, counters);
    ASSERT_FALSE(diag.problems().empty());
    bool named = false;
    for (const InputProblem& p : diag.problems()) {
        EXPECT_EQ(p.input, "evil\\x1b[2J.log");
        EXPECT_EQ(p.message.find('\x1b'), std::string::npos);
        named = named || p.message.starts_with("evil\\x1b[2J.log:2: not JSON");
    }
    EXPECT_TRUE(named);
}

}  // namespace
}  // namespace sovscan
