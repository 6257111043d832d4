// `sovscan scan` as a user runs it: exit codes, one-line errors and warnings naming the file, the
// report formats, and hostile names escaped in every output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../decode/packet_builder.h"
#include "sources/capture_builders.h"
#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

using Result = CliResult;

Result run(const std::string& args) { return run_sovscan(args); }

class ScanCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("sovscan-cli-files-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const Bytes& bytes) {
        auto p = dir_ / name;
        std::ofstream f(p, std::ios::binary);
        f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return p.string();
    }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::filesystem::path dir_;
};

// A TLS ClientHello carrying `sni`, as the first payload of a client's TCP segment.
Bytes client_hello(const std::string& sni) {
    Bytes ext = {0x00, 0x00};
    auto put16 = [](Bytes& b, size_t v) { b.push_back(uint8_t(v >> 8)), b.push_back(uint8_t(v)); };
    put16(ext, sni.size() + 5);
    put16(ext, sni.size() + 3);
    ext.push_back(0);
    put16(ext, sni.size());
    ext.insert(ext.end(), sni.begin(), sni.end());
    Bytes body = {0x03, 0x03};
    body.insert(body.end(), 32, 0x11);
    body.push_back(0);
    put16(body, 2);
    put16(body, 0x1301);
    body.push_back(1), body.push_back(0);
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    Bytes hs = {0x01, 0x00};
    put16(hs, body.size());
    hs.insert(hs.end(), body.begin(), body.end());
    Bytes rec = {0x16, 0x03, 0x01};
    put16(rec, hs.size());
    rec.insert(rec.end(), hs.begin(), hs.end());
    return rec;
}

// Raw-IPv4 pcap: a local client opens TLS to a server and sends `sni`.
Bytes tls_session_pcap(const char* client, const char* server, const std::string& sni) {
    std::vector<PcapPacket> pk;
    uint32_t t = 1'700'000'000;
    pk.push_back({t, 0, ipv4(client, server, 6, tcp(50000, 443, kSyn, 1, 0, {}))});
    pk.push_back({t, 1000, ipv4(server, client, 6, tcp(443, 50000, kSyn | kAck, 9, 2, {}))});
    pk.push_back({t, 2000, ipv4(client, server, 6, tcp(50000, 443, kAck | kPsh, 2, 10, client_hello(sni)))});
    pk.push_back({t, 3000, ipv4(server, client, 6, tcp(443, 50000, kAck, 10, 300, Bytes(900, 0x42)))});
    return pcap_file(false, PcapFlavor::micro, 101 /* raw IP */, pk);
}

// A DNS response from `resolver` to `client` (port 40000) giving `address` for `name` (type A).
Bytes dns_answer_packet(const char* resolver, const char* client, const std::string& name, const Bytes& address) {
    Bytes m = {0x4a, 0x4a, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
    size_t start = 0;
    while (start < name.size()) {
        const size_t dot = std::min(name.find('.', start), name.size());
        m.push_back(uint8_t(dot - start));
        m.insert(m.end(), name.begin() + long(start), name.begin() + long(dot));
        start = dot + 1;
    }
    m.insert(m.end(), {0, 0, 1, 0, 1});                          // root, type A, class IN
    m.insert(m.end(), {0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4});  // answer: the question's name, TTL 300
    m.insert(m.end(), address.begin(), address.end());
    return ipv4(resolver, client, 17, udp(53, 40000, m));
}

// Clients of a local forward proxy (10.0.0.3:3128): one tunnels TLS with CONNECT to a name the
// proxy then looks up (its DNS answer is in the capture), one asks for an absolute URI whose name
// no answer resolves.
Bytes proxy_pcap() {
    std::vector<PcapPacket> pk;
    uint32_t t = 1'700'000'000, us = 0;
    auto add = [&](Bytes frame) { pk.push_back({t, us += 1000, std::move(frame)}); };
    const char *proxy = "10.0.0.3", *a = "10.0.0.50", *b = "10.0.0.51";
    const std::string connect = "CONNECT api.hik-connect.com:443 HTTP/1.1\r\nHost: api.hik-connect.com:443\r\n\r\n";
    const std::string established = "HTTP/1.1 200 Connection established\r\n\r\n";
    const Bytes hello = client_hello("api.hik-connect.com");
    add(ipv4(a, proxy, 6, tcp(50001, 3128, kSyn, 1, 0, {})));
    add(ipv4(proxy, a, 6, tcp(3128, 50001, kSyn | kAck, 9, 2, {})));
    add(ipv4(a, proxy, 6, tcp(50001, 3128, kAck | kPsh, 2, 10, text(connect))));
    add(dns_answer_packet("8.8.8.8", proxy, "api.hik-connect.com", v4("47.96.1.10")));
    add(ipv4(proxy, a, 6, tcp(3128, 50001, kAck | kPsh, 10, uint32_t(2 + connect.size()), text(established))));
    add(ipv4(a, proxy, 6, tcp(50001, 3128, kAck | kPsh, uint32_t(2 + connect.size()), uint32_t(10 + established.size()), hello)));
    add(ipv4(proxy, a, 6, tcp(3128, 50001, kAck, uint32_t(10 + established.size()), 900, Bytes(900, 0x42))));
    const std::string get = "GET http://cloud.hik-connect.com/status HTTP/1.1\r\nHost: cloud.hik-connect.com\r\n\r\n";
    add(ipv4(b, proxy, 6, tcp(50002, 3128, kSyn, 1, 0, {})));
    add(ipv4(proxy, b, 6, tcp(3128, 50002, kSyn | kAck, 9, 2, {})));
    add(ipv4(b, proxy, 6, tcp(50002, 3128, kAck | kPsh, 2, 10, text(get))));
    add(ipv4(proxy, b, 6, tcp(3128, 50002, kAck | kPsh, 10, uint32_t(2 + get.size()), text("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))));
    return pcap_file(false, PcapFlavor::micro, 101 /* raw IP */, pk);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Behind a local proxy there is no egress on the wire; the proxy's clients get the exposure to
// the servers they asked it for, in every output (JSON, findings CSV, flows CSV).
TEST_F(ScanCli, ExplicitProxyClientsAreExposedToTheServerBehindIt) {
    const std::string p = write("proxy.pcap", proxy_pcap());
    Result r = run("scan " + p + " --no-progress --format json --flows " + path("flows.csv"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["findings"].size(), 2u) << r.out;
    const auto& tunnel = j["findings"][0];  // SOV-001 sorts first
    EXPECT_EQ(tunnel["rule_id"], "SOV-001");
    EXPECT_EQ(tunnel["asset"]["ip"], "10.0.0.50");
    EXPECT_EQ(tunnel["counterpart"]["ip"], "47.96.1.10");  // the proxy's DNS answer for the name
    EXPECT_EQ(tunnel["counterpart"]["names"][0]["name"], "api.hik-connect.com");
    EXPECT_EQ(tunnel["counterpart"]["names"][0]["source"], "sni");
    EXPECT_EQ(tunnel["counterpart"]["proxies"],
              nlohmann::json::parse(R"([{"ip": "10.0.0.3", "port": 3128, "flows": 1}])"));
    EXPECT_EQ(tunnel["traffic"]["server_ports"], nlohmann::json::parse("[443]"));
    const auto& uri = j["findings"][1];
    EXPECT_EQ(uri["rule_id"], "SOV-002");
    EXPECT_EQ(uri["asset"]["ip"], "10.0.0.51");
    EXPECT_TRUE(uri["counterpart"]["ip"].is_null());  // no DNS answer for it: where it is, unknown
    EXPECT_EQ(uri["counterpart"]["names"][0]["source"], "http_absolute_uri");
    EXPECT_EQ(uri["counterpart"]["vendor"]["id"], "hikvision");
    EXPECT_EQ(uri["counterpart"]["proxies"][0]["port"], 3128);
    EXPECT_NE(uri["id"], tunnel["id"]);
    EXPECT_EQ(j["counters"]["observe"]["http_proxy_requests"], 2);

    const std::string flows = read_file(path("flows.csv"));
    EXPECT_NE(flows.find(",http_user_agent,http_server,proxy,target_ip,target_port,dns_basis\r\n"), std::string::npos) << flows;
    EXPECT_NE(flows.find(",10.0.0.50,50001,10.0.0.3,3128,0,"), std::string::npos) << flows;
    EXPECT_NE(flows.find(",api.hik-connect.com,sni,,,10.0.0.3:3128,47.96.1.10,443,\r\n"), std::string::npos) << flows;
    EXPECT_NE(flows.find(",cloud.hik-connect.com,http_absolute_uri,,,10.0.0.3:3128,,80,\r\n"), std::string::npos) << flows;

    Result csv = run("scan " + p + " --no-progress --format csv");
    EXPECT_NE(csv.out.find(",suppressed_by,proxies,name_dns_basis,designations,report_partial,report_counterparts_folded\r\n"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find(",10.0.0.51,,,cloud.hik-connect.com,http_absolute_uri,"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find(",10.0.0.3:3128,,us-fcc-covered-list;"), std::string::npos) << csv.out;  // proxies, designations
}

TEST_F(ScanCli, MissingFileIsAnErrorNamingIt) {
    Result r = run("scan " + path("nope.pcap") + " --no-progress");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(path("nope.pcap") + ": No such file or directory"), std::string::npos) << r.err;
}

TEST_F(ScanCli, DirectoryWithoutCapturesIsAnError) {
    std::filesystem::create_directories(path("empty"));
    Result r = run("scan " + path("empty") + " --no-progress");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no capture files"), std::string::npos) << r.err;
}

TEST_F(ScanCli, NotACaptureIsAnError) {
    std::string p = write("notes.pcap", Bytes{'h', 'e', 'l', 'l', 'o', '\n'});
    Result r = run("scan " + p + " --no-progress");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(p + ": not a pcap or pcapng file"), std::string::npos) << r.err;
}

TEST_F(ScanCli, CaptureWithoutPacketsWarns) {
    std::string p = write("empty.pcap", pcap_file(false, PcapFlavor::micro, 1, {}));
    Result r = run("scan " + p + " --no-progress");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("capture has no packets"), std::string::npos) << r.out << r.err;
}

TEST_F(ScanCli, TruncatedCaptureKeepsResultsAndIsPartial) {
    Bytes whole = tls_session_pcap("10.0.0.5", "47.96.1.10", "api.hik-connect.com");
    Bytes cut(whole.begin(), whole.end() - 100);  // the last packet is cut
    std::string p = write("cut.pcap", cut);
    Result r = run("scan " + p + " --no-progress --format json");
    EXPECT_EQ(r.exit_code, 1);  // the finding before the cut stands
    auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["partial"].get<bool>());
    EXPECT_TRUE(j["inputs"][0]["partial"].get<bool>());
    EXPECT_EQ(j["summary"]["packets"].get<int>(), 3);
    ASSERT_EQ(j["findings"].size(), 1u);
    EXPECT_EQ(j["findings"][0]["rule_id"], "SOV-001");
    EXPECT_NE(r.err.find(p + ": truncated capture"), std::string::npos) << r.err;
}

TEST_F(ScanCli, UnsupportedLinkTypeWarns) {
    std::string p = write("usb.pcap", pcap_file(false, PcapFlavor::micro, 189 /* USB */, {{1, 0, Bytes(40, 0)}}));
    Result r = run("scan " + p + " --no-progress");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(p + ": unsupported link type 189"), std::string::npos) << r.out;
}

TEST_F(ScanCli, BadOptionsAreUsageErrors) {
    EXPECT_EQ(run("scan").exit_code, 2);
    Result r = run("scan x.pcap --home-net 10.0.0.0/33");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--home-net: '10.0.0.0/33' is not a CIDR prefix"), std::string::npos) << r.err;
    r = run("scan x.pcap --high-risk CHN");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--high-risk: 'CHN' is not a 2-letter ISO country code"), std::string::npos) << r.err;
    r = run("scan x.pcap -o report.txt");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot tell the format"), std::string::npos) << r.err;
}

TEST_F(ScanCli, FailOnDecidesTheExitCode) {
    std::string p = write("hik.pcap", tls_session_pcap("10.0.0.5", "47.96.1.10", "api.hik-connect.com"));
    EXPECT_EQ(run("scan " + p + " --no-progress -q").exit_code, 1);                    // high >= high
    EXPECT_EQ(run("scan " + p + " --no-progress -q --fail-on critical").exit_code, 0);  // high < critical
    EXPECT_EQ(run("scan " + p + " --no-progress -q --high-risk RU").exit_code, 0);      // not CN by policy
    EXPECT_EQ(run("scan " + p + " --no-progress -q --fail-on never").exit_code, 0);     // report only
    Result r = run("scan " + p + " --no-progress -q --fail-on sometimes");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("is not one of info, low, medium, high, critical, never"), std::string::npos) << r.err;
}

TEST_F(ScanCli, OperatorControlledServerAbroadIsSov002) {
    // Alibaba Cloud in Frankfurt: located DE, operated by a PRC-controlled company.
    std::string p = write("ali.pcap", tls_session_pcap("10.0.0.5", "8.209.76.12", "mqtt.solarmanpv.com"));
    std::string json = path("r.json");
    Result r = run("scan " + p + " --no-progress -o " + json);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // medium < high
    std::ifstream in(json);
    auto j = nlohmann::json::parse(in);
    ASSERT_EQ(j["findings"].size(), 1u);
    const auto& f = j["findings"][0];
    EXPECT_EQ(f["rule_id"], "SOV-002");
    EXPECT_EQ(f["severity"], "medium");
    EXPECT_EQ(f["counterpart"]["located_in"], "DE");
    EXPECT_EQ(f["counterpart"]["asn"], 45102);
    EXPECT_EQ(f["counterpart"]["operator"]["controlled_by"], "CN");
    EXPECT_EQ(f["counterpart"]["vendor"]["id"], "solarman");
    EXPECT_EQ(f["counterpart"]["names"][0]["name"], "mqtt.solarmanpv.com");
    EXPECT_EQ(f["counterpart"]["names"][0]["source"], "sni");
    EXPECT_EQ(f["traffic"]["bytes_received"], 980);  // SYN/ACK 40 + segment of 40 + 900
    EXPECT_EQ(f["traffic"]["bytes_sent"], 40 + 40 + client_hello("mqtt.solarmanpv.com").size());  // SYN, then the ClientHello segment
}

TEST_F(ScanCli, Sov002FromZeekLogsAsFromTheCapture) {
    // The flow of OperatorControlledServerAbroadIsSov002 as a Zeek sensor logs it: a conn row with
    // the capture's packets and layer-3 bytes, and the ssl row naming it. Same finding, field by field.
    const std::string sni = "mqtt.solarmanpv.com";
    const std::string capture = write("ali-capture.pcap", tls_session_pcap("10.0.0.5", "8.209.76.12", sni));
    const size_t sent = 40 + 40 + client_hello(sni).size(), received = 40 + 40 + 900;
    std::filesystem::create_directories(path("zeek"));
    const std::string id = "\"uid\":\"CAli1\",\"id.orig_h\":\"10.0.0.5\",\"id.orig_p\":50000,"
                           "\"id.resp_h\":\"8.209.76.12\",\"id.resp_p\":443";
    const std::string conn = "{\"ts\":1700000000.0," + id + ",\"proto\":\"tcp\",\"service\":\"ssl\","
                             "\"duration\":0.003,\"conn_state\":\"SF\",\"orig_pkts\":2,\"orig_ip_bytes\":" +
                             std::to_string(sent) + ",\"resp_pkts\":2,\"resp_ip_bytes\":" + std::to_string(received) +
                             ",\"_path\":\"conn\"}\n";
    const std::string ssl = "{\"ts\":1700000000.002," + id + ",\"version\":\"TLSv12\",\"server_name\":\"" + sni +
                            "\",\"_path\":\"ssl\"}\n";
    std::ofstream(path("zeek/ssl.log")) << ssl;  // read before the conn.log it annotates: the join waits
    std::ofstream(path("zeek/conn.log")) << conn;
    auto scan = [&](const std::string& input, const std::string& out) {
        Result r = run("scan " + input + " --no-progress -o " + path(out));
        EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
        std::ifstream in(path(out));
        return nlohmann::json::parse(in);
    };
    const auto from_capture = scan(capture, "capture.json");
    const auto from_logs = scan(path("zeek"), "logs.json");
    ASSERT_EQ(from_capture["findings"].size(), 1u);
    ASSERT_EQ(from_logs["findings"].size(), 1u);
    const auto& c = from_capture["findings"][0];
    const auto& l = from_logs["findings"][0];
    EXPECT_EQ(l["rule_id"], "SOV-002");
    for (const char* key : {"rule_id", "severity"}) EXPECT_EQ(l[key], c[key]) << key;
    for (const char* key : {"ip", "located_in", "asn", "operator", "vendor", "names"})
        EXPECT_EQ(l["counterpart"][key], c["counterpart"][key]) << key;
    for (const char* key : {"bytes_sent", "bytes_received", "packets_sent", "packets_received", "flows"})
        EXPECT_EQ(l["traffic"][key], c["traffic"][key]) << key;
    EXPECT_EQ(l["traffic"]["bytes_sent"], sent);
    // The report lists the two logs as Zeek inputs with their records.
    ASSERT_EQ(from_logs["inputs"].size(), 2u);
    for (const auto& in : from_logs["inputs"]) {
        EXPECT_EQ(in["kind"], "zeek") << in.dump();
        EXPECT_EQ(in["records"], 1) << in.dump();
    }
}

TEST_F(ScanCli, HostileNamesAreEscapedInEveryOutput) {
    // A server name built to attack spreadsheets, terminals and HTML viewers.
    const std::string evil = "=HYPERLINK(\"http://x\")\x1b[31m<script>.hik-connect.com";
    std::string p = write("evil.pcap", tls_session_pcap("10.0.0.5", "47.96.1.10", evil));
    Result table = run("scan " + p + " --no-progress --color never");
    EXPECT_EQ(table.out.find('\x1b'), std::string::npos) << "terminal escape reached the table";
    EXPECT_NE(table.out.find("=hyperlink(\"http://x\")"), std::string::npos) << table.out;  // shown, lower-cased

    Result csv = run("scan " + p + " --no-progress --format csv");
    EXPECT_EQ(csv.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(csv.out.find(",=hyperlink"), std::string::npos) << "formula not neutralised: " << csv.out;
    EXPECT_EQ(csv.out.find(",\"=hyperlink"), std::string::npos) << "formula not neutralised: " << csv.out;
    EXPECT_NE(csv.out.find("\"'=hyperlink(\"\"http://x\"\")\\x1b[31m<script>"), std::string::npos) << csv.out;

    Result json = run("scan " + p + " --no-progress --format json");
    auto j = nlohmann::json::parse(json.out);  // valid JSON despite the bytes
    std::string name = j["findings"][0]["counterpart"]["names"][0]["name"];
    EXPECT_EQ(name.find('\x1b'), std::string::npos);
    EXPECT_NE(name.find("\\x1b"), std::string::npos);

    Result html = run("scan " + p + " --no-progress --format html");
    EXPECT_EQ(html.exit_code, 1);
    EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u) << "the page alone on stdout, no table";
    EXPECT_EQ(html.out.find('\x1b'), std::string::npos);
    EXPECT_NE(html.out.find("=hyperlink(&quot;http://x&quot;)\\x1b[31m&lt;script&gt;.hik-connect.com"), std::string::npos);
}

TEST_F(ScanCli, AWeakDnsNameSaysSoInEveryOutput) {
    // ndpi/wechat.pcap: the client's two connections to 203.205.151.211 began before it looked up
    // res.wx.qq.com, the only name that address had (tests/corpus/dns_name_timing_scan_test.cpp).
    const std::string cap = corpus_file("ndpi/wechat.pcap"), flows = path("flows.csv");
    Result json = run("scan " + cap + " --no-progress --fail-on never --format json --flows " + flows);
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const auto j = nlohmann::json::parse(json.out);
    bool cited = false;
    for (const auto& f : j["findings"]) {
        if (!f.contains("counterpart") || f["counterpart"]["ip"] != "203.205.151.211") continue;
        cited = true;
        EXPECT_EQ(f["counterpart"]["names"][0],
                  (nlohmann::json{{"name", "res.wx.qq.com"}, {"source", "dns"}, {"dns_basis", "own_after"}, {"flows", 2}}));
    }
    EXPECT_TRUE(cited) << json.out;

    std::ifstream in(flows);
    const std::string flow_csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(flow_csv.find(",server_name,name_source,http_user_agent,http_server,proxy,target_ip,target_port,dns_basis\r\n"), std::string::npos);
    EXPECT_NE(flow_csv.find(",192.168.1.103,40741,203.205.151.211,443,0,2,80,2,80,0x11,0x11,0,res.wx.qq.com,dns,,,,,,own_after\r\n"),
              std::string::npos)
        << flow_csv;

    Result csv = run("scan " + cap + " --no-progress --fail-on never --format csv");
    EXPECT_NE(csv.out.find(",203.205.151.211,res.wx.qq.com,dns,CN,"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find("[res.wx.qq.com] (located in CN),,,own_after,"), std::string::npos) << csv.out;

    Result html = run("scan " + cap + " --no-progress --fail-on never --format html");
    EXPECT_NE(html.out.find("res.wx.qq.com <span class=\"muted\">(dns, answered after the flow began)</span>"),
              std::string::npos);
}

TEST_F(ScanCli, HtmlReportByExtension) {
    std::string p = write("hik.pcap", tls_session_pcap("10.0.0.5", "47.96.1.10", "api.hik-connect.com"));
    std::string out = path("report.html");
    Result r = run("scan " + p + " --no-progress -o " + out);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("report written to " + out), std::string::npos) << r.out;
    std::stringstream html;
    html << std::ifstream(out).rdbuf();
    EXPECT_NE(html.str().find("Content-Security-Policy"), std::string::npos);
    EXPECT_NE(html.str().find("api.hik-connect.com <span class=\"muted\">(sni)</span>"), std::string::npos);
    EXPECT_NE(html.str().find("</html>"), std::string::npos);
}

TEST_F(ScanCli, SampleCaptureShowsEveryKindOfExposure) {
    // The README's first command scans the project's own sample; this is what it must show.
    std::string sample = path("sample.pcapng");
    ASSERT_EQ(std::system((std::filesystem::path(sovscan_binary()).parent_path().string() + "/sovscan-sample-capture " + sample).c_str()), 0);
    std::string json = path("sample.json");
    Result r = run("scan " + sample + " --home-net 10.20.0.0/16 --no-progress -o " + json);
    EXPECT_EQ(r.exit_code, 1);
    std::ifstream in(json);
    auto j = nlohmann::json::parse(in);
    std::map<std::string, std::string> rule_of;  // counterpart ip (or MAC) -> rule
    for (const auto& f : j["findings"]) {
        std::string key = f.contains("counterpart") ? f["counterpart"]["ip"].get<std::string>()
                                                    : f["asset"]["macs"][0].get<std::string>();
        rule_of[key] = f["rule_id"];
        if (f["rule_id"] == "SOV-004") {
            EXPECT_EQ(f["counterpart"]["public_resolver"]["controlled_by"], "CN");
            EXPECT_NE(f["counterpart"]["public_resolver"]["operator"].get<std::string>().find("114"), std::string::npos);
        }
        if (f["rule_id"] == "SOV-003") {
            EXPECT_EQ(f["severity"], "critical");
            EXPECT_EQ(f["traffic"]["services"][0], "SSH/22");
        }
        // Every finding says which official lists name its vendors: the camera's cloud is
        // Hikvision's, on the FCC Covered List since 2021-03-12 (data/designations.csv).
        ASSERT_TRUE(f.contains("designations"));
        if (f.contains("counterpart") && f["counterpart"]["ip"] == "47.96.1.10") {
            bool fcc = false;
            for (const auto& d : f["designations"])
                if (d["list"] == "us-fcc-covered-list") {
                    fcc = true;
                    EXPECT_EQ(d["vendor"], "hikvision");
                    EXPECT_EQ(d["listed_on"], "2021-03-12");
                    EXPECT_FALSE(d["url"].get<std::string>().empty());
                }
            EXPECT_TRUE(fcc) << f.dump(2);
        }
    }
    EXPECT_EQ(rule_of["47.96.1.10"], "SOV-001");       // camera -> Alibaba Cloud Hangzhou
    EXPECT_EQ(rule_of["129.226.107.77"], "SOV-001");   // Tencent, Hong Kong
    EXPECT_EQ(rule_of["8.209.76.12"], "SOV-002");      // Alibaba Cloud Frankfurt
    EXPECT_EQ(rule_of["218.94.1.1"], "SOV-003");       // SSH from China Telecom
    EXPECT_EQ(rule_of["114.114.114.114"], "SOV-004");  // PRC public resolver
    EXPECT_EQ(rule_of["44:47:cc:12:34:56"], "SOV-005");  // Hikvision camera
    EXPECT_EQ(rule_of.count("194.138.20.100"), 0u);    // Siemens, Germany: clear
    EXPECT_EQ(rule_of.count("8.8.8.8"), 0u);           // Google DNS: clear
    EXPECT_EQ(rule_of.count("ec:1c:5d:00:00:01"), 0u); // Siemens router: clear
    EXPECT_EQ(j["findings"].size(), 8u);
}

}  // namespace
}  // namespace sovscan::test
