// The real Zeek and Suricata logs of ../shared/corpus against FORMATS.md: records per file, flows,
// names and addresses. Where FORMATS.md gives no count of what sovscan makes of a file (how many DNS
// records answered with an address), the count was taken independently with a short Python script
// over the TSV columns, quoted beside it. The files are named here; the reader judges them by content.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sources/log_reader.h"
#include "support/collecting_sink.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

struct Read {
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    std::vector<LogInputSummary> summaries;
    bool ok = false;
};

std::unique_ptr<Read> read(const std::vector<std::string>& relative) {
    auto r = std::make_unique<Read>();
    std::vector<LogInput> inputs;
    for (const std::string& rel : relative)
        inputs.push_back({test::corpus_file(rel), uint16_t(inputs.size())});
    r->ok = read_log_inputs(inputs, r->sink, r->diag, r->counters, &r->summaries);
    return r;
}

std::set<std::string> names_of(const std::vector<FlowRecord>& flows, NameSource source) {
    std::set<std::string> out;
    for (const FlowRecord& f : flows)
        if (f.name_source == source) out.insert(f.server_name);
    return out;
}

// As FORMATS.md counts "public responder/destination IPs" (Python's `not ipaddress.is_private`):
// multicast included (its "-" country), the limited broadcast 255.255.255.255 not.
std::set<std::string> public_destinations(const std::vector<FlowRecord>& flows) {
    std::set<std::string> out;
    for (const FlowRecord& f : flows)
        if (f.dst_ip.to_string() != "255.255.255.255" &&
            (!f.dst_ip.is_private_or_local() || f.dst_ip.is_multicast_or_broadcast()))
            out.insert(f.dst_ip.to_string());
    return out;
}

uint64_t counter(const Read& r, const std::string& name) {
    auto it = r.counters.find(name);
    return it == r.counters.end() ? 0 : it->second;
}

TEST(LogCorpus, Pcap2kddcup99ConnHttpDnsDhcpJoined) {
    auto r = read({"zeek/pcap2kddcup99__http.log", "zeek/pcap2kddcup99__conn.log", "zeek/pcap2kddcup99__dns.log",
                   "zeek/pcap2kddcup99__dhcp.log"});
    ASSERT_TRUE(r->ok);
    ASSERT_EQ(r->summaries.size(), 4u);
    for (const LogInputSummary& s : r->summaries) {
        EXPECT_EQ(s.format, LogFormat::zeek_tsv) << s.path;
        EXPECT_EQ(s.malformed_lines, 0u) << s.path;
    }
    EXPECT_EQ(r->summaries[0].records, 1u);    // http
    EXPECT_EQ(r->summaries[1].records, 233u);  // conn
    EXPECT_EQ(r->summaries[2].records, 217u);  // dns
    EXPECT_EQ(r->summaries[3].records, 2u);    // dhcp
    // The conn records are the flows; the one HTTP record's uid is among them, so no extra flow.
    EXPECT_EQ(r->sink.flows.size(), 233u);
    EXPECT_EQ(r->summaries[1].flows, 233u);
    EXPECT_EQ(counter(*r, "log_records_without_flow"), 0u);
    EXPECT_EQ(r->summaries[1].flows, 233u);
    // FORMATS.md: 45 public responder addresses.
    EXPECT_EQ(public_destinations(r->sink.flows).size(), 45u);
    // The HTTP Host names the conn flow to 125.212.247.216.
    const auto http = names_of(r->sink.flows, NameSource::http_host);
    EXPECT_EQ(http, std::set<std::string>{"www.tinhte.vn"});
    for (const FlowRecord& f : r->sink.flows) {
        EXPECT_TRUE(f.src_began);
        if (f.name_source == NameSource::http_host) {
            EXPECT_EQ(f.dst_ip.to_string(), "125.212.247.216");
            EXPECT_EQ(f.dst_port, 80);
            EXPECT_GT(f.bytes[0], 0u);
        }
    }
    // The first row: 1510026415.995389 10.0.6.49:5353 -> 224.0.0.251:5353 udp 0.922231 s, 2 packets
    // of 210 IP bytes (orig_bytes 154 is payload only), nothing back.
    const FlowRecord& first = r->sink.flows.front();
    EXPECT_EQ(first.src_ip.to_string(), "10.0.6.49");
    EXPECT_EQ(first.dst_ip.to_string(), "224.0.0.251");
    EXPECT_EQ(first.proto, 17);
    EXPECT_EQ(first.first_ns, 1510026415995389000);
    EXPECT_EQ(first.last_ns, 1510026415995389000 + 922231000);
    EXPECT_EQ(first.packets[0], 2u);
    EXPECT_EQ(first.bytes[0], 210u);
    EXPECT_EQ(first.bytes[1], 0u);
    // DNS: 79 of the 217 rows answered with an address (python: an IP among `answers`, a query).
    EXPECT_EQ(r->sink.answers.size(), 79u);
    for (const DnsAnswerRecord& a : r->sink.answers) {
        EXPECT_FALSE(a.addresses.empty());
        EXPECT_TRUE(a.resolver.to_string() == "8.8.4.4" || a.resolver.to_string() == "8.8.8.8") << a.resolver.to_string();
        EXPECT_EQ(a.input_index, 2);
    }
    // DHCP: the OPPO handset ec:f3:42:16:6a:09 leased 10.0.6.233.
    ASSERT_EQ(r->sink.devices.size(), 2u);
    for (const AssetRecord& d : r->sink.devices) {
        ASSERT_EQ(d.macs.size(), 1u);
        EXPECT_EQ(d.macs[0].to_string(), "ec:f3:42:16:6a:09");
        ASSERT_EQ(d.ips.size(), 1u);
        EXPECT_EQ(d.ips[0].to_string(), "10.0.6.233");
    }
    EXPECT_EQ(r->sink.devices[0].source.location, "line 9");
    EXPECT_EQ(counter(*r, "log_records"), 1u + 233u + 217u + 2u);
    EXPECT_EQ(counter(*r, "zeek_conn"), 233u);
    EXPECT_EQ(counter(*r, "zeek_dns"), 217u);
}

TEST(LogCorpus, RitaJsonHttpNamesAlibabaWithoutConnLog) {
    auto r = read({"zeek/rita__json_with_all_fields__http.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].format, LogFormat::zeek_json);
    EXPECT_EQ(r->summaries[0].records, 10u);
    EXPECT_EQ(r->summaries[0].malformed_lines, 0u);
    // No conn.log: each annotated connection becomes a flow of its own, counted as without its flow.
    EXPECT_EQ(r->sink.flows.size(), counter(*r, "log_records_without_flow"));
    EXPECT_GT(r->sink.flows.size(), 0u);
    EXPECT_EQ(names_of(r->sink.flows, NameSource::http_host),
              (std::set<std::string>{"gm.mmstat.com", "bcp.crwdcntrl.net", "www.alibaba.com", "crl.comodoca.com"}));
    EXPECT_EQ(public_destinations(r->sink.flows),
              (std::set<std::string>{"104.16.89.188", "198.11.132.23", "205.204.101.182", "52.0.211.172"}));
    for (const FlowRecord& f : r->sink.flows) {
        EXPECT_FALSE(f.http_user_agent.empty());
        EXPECT_EQ(f.packets[0] + f.packets[1], 0u);  // the record carried no counts
        if (f.server_name == "www.alibaba.com" || f.server_name == "gm.mmstat.com") {
            EXPECT_TRUE(f.dst_ip.to_string() == "198.11.132.23" || f.dst_ip.to_string() == "205.204.101.182")
                << f.dst_ip.to_string();
        }
    }
}

TEST(LogCorpus, RitaJsonSslAndDns) {
    auto r = read({"zeek/rita__json_with_all_fields__ssl.log", "zeek/rita__json_with_all_fields__dns.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 10u);
    EXPECT_EQ(r->summaries[1].records, 34u);
    EXPECT_EQ(names_of(r->sink.flows, NameSource::sni),
              (std::set<std::string>{"accdn.lpsnmedia.net", "lptag.liveperson.net", "va.v.liveperson.net",
                                     "array808-prod.do.dsp.mp.microsoft.com", "array802-prod.do.dsp.mp.microsoft.com",
                                     "settings-win.data.microsoft.com"}));
    EXPECT_EQ(public_destinations(r->sink.flows).size(), 6u);
    // One of the 34 DNS rows answered with an address (python, as above).
    EXPECT_EQ(r->sink.answers.size(), 1u);
}

TEST(LogCorpus, RitaProxyTsvDnsDhcpSoftware) {
    auto r = read({"zeek/rita__proxy__dns.log", "zeek/rita__proxy__dhcp.log", "zeek/rita__proxy__software.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 942u);
    EXPECT_EQ(r->summaries[1].records, 57u);
    EXPECT_EQ(r->summaries[2].records, 4u);
    // 200 rows answered with an address, 8 of them mDNS (port 5353), which names no server.
    EXPECT_EQ(r->sink.answers.size(), 192u);
    // The NBSTAT query "*\x00\x00..." is unescaped to its bytes: '*' and 15 NULs.
    std::set<std::string> macs;
    size_t software = 0;
    for (const AssetRecord& d : r->sink.devices) {
        for (const MacAddress& m : d.macs) macs.insert(m.to_string());
        software += d.software.size();
    }
    EXPECT_EQ(macs, std::set<std::string>{"f4:8e:38:8b:b6:03"});
    EXPECT_EQ(software, 4u);
    EXPECT_EQ(r->sink.flows.size(), 0u);
}

TEST(LogCorpus, ZeekBaselinesCommentFirstCanonifiedTimes) {
    auto r = read({"zeek/zeek-baseline__opt.basic__conn.log", "zeek/zeek-baseline__opt.basic__dns.log",
                   "zeek/zeek-baseline__opt.basic__http.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 34u);
    EXPECT_EQ(r->summaries[1].records, 34u);
    EXPECT_EQ(r->summaries[2].records, 14u);
    // Canonified times ("XXXXXXXXXX.XXXXXX") are no time: read as unset and counted, the rest stands.
    // Every conn and http row, and the 30 DNS rows not on mDNS's port (4 are; never mapped).
    EXPECT_EQ(counter(*r, "log_invalid_values"), 34u + 30u + 14u);
    EXPECT_EQ(r->summaries[0].flows, 34u);
    EXPECT_EQ(counter(*r, "log_records_without_flow"), 0u);  // every http uid has its conn row
    EXPECT_EQ(names_of(r->sink.flows, NameSource::http_host),
              (std::set<std::string>{"upload.wikimedia.org", "bits.wikimedia.org", "meta.wikimedia.org"}));
    EXPECT_EQ(public_destinations(r->sink.flows).size(), 10u);
    EXPECT_EQ(r->sink.answers.size(), 5u);
}

TEST(LogCorpus, ZeekBaselineSslQuicDhcpSoftware) {
    auto r = read({"zeek/zeek-baseline__scripts.base.files.x509.disable-certificate-events-known-certs__ssl.log",
                   "zeek/zeek-baseline__scripts.base.protocols.quic.interop.quic-go_quic-go.zerortt__ssl.log",
                   "zeek/zeek-baseline__scripts.base.protocols.ssl.basic__ssl.log",
                   "zeek/zeek-baseline__scripts.base.protocols.dhcp.dhcp-all-msg-types__dhcp.log",
                   "zeek/zeek-baseline__scripts.policy.protocols.http.flash-version__software.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 8u);
    EXPECT_EQ(r->summaries[1].records, 2u);
    EXPECT_EQ(r->summaries[2].records, 1u);
    EXPECT_EQ(r->summaries[3].records, 3u);
    EXPECT_EQ(r->summaries[4].records, 3u);
    EXPECT_EQ(names_of(r->sink.flows, NameSource::sni),
              (std::set<std::string>{"www.google.com", "server4:443", "ssl.gstatic.com"}));
    std::set<std::string> hostnames, macs, software;
    for (const AssetRecord& d : r->sink.devices) {
        hostnames.insert(d.hostnames.begin(), d.hostnames.end());
        for (const MacAddress& m : d.macs) macs.insert(m.to_string());
        for (const SoftwareComponent& c : d.software) software.insert(c.name);
    }
    EXPECT_EQ(hostnames, std::set<std::string>{"btest.is.cool"});
    EXPECT_EQ(macs, std::set<std::string>{"90:b1:1c:99:49:29"});
    EXPECT_EQ(software, (std::set<std::string>{"AdobeAIR", "AdobeAIR-Flash", "Apache"}));
}

TEST(LogCorpus, ZeekJsonBaselinesWithBareTimesAreMalformed) {
    // btest canonified "ts":XXXXXXXXXX.XXXXXX is not JSON: every record line is counted and skipped,
    // the comment line before them is no record.
    auto r = read({"zeek/zeek-baseline__scripts.base.frameworks.logging.json-non-printable-escaping__http.log.json",
                   "zeek/zeek-baseline__javascript.http-uri-sha256__http.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].format, LogFormat::zeek_json);
    EXPECT_EQ(r->summaries[0].malformed_lines, 4u);
    EXPECT_EQ(r->summaries[1].malformed_lines, 1u);
    EXPECT_EQ(counter(*r, "log_records"), 0u);
    EXPECT_TRUE(r->sink.flows.empty());
    // Each named by file:line in a warning.
    bool named = false;
    for (const InputProblem& p : r->diag.problems())
        named = named || p.message.find("http.log.json:2: not JSON") != std::string::npos;
    EXPECT_TRUE(named);
}

TEST(LogCorpus, SuricataEveToMysqlFlowsAndAlerts) {
    auto r = read({"suricata/SuricataEveToMysql__eve.json"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].format, LogFormat::suricata_eve);
    EXPECT_EQ(r->summaries[0].records, 10u);
    EXPECT_EQ(counter(*r, "eve_flow"), 4u);
    EXPECT_EQ(counter(*r, "eve_alert"), 3u);
    EXPECT_EQ(counter(*r, "eve_stats"), 3u);
    // 4 flow events; the 3 alerts' flow_ids: two have their flow event, the third (17:53) too.
    EXPECT_EQ(r->sink.flows.size(), 4u);
    EXPECT_EQ(counter(*r, "log_records_without_flow"), 0u);
    EXPECT_EQ(public_destinations(r->sink.flows), std::set<std::string>{"94.237.64.20"});
    for (const FlowRecord& f : r->sink.flows) {
        if (f.dst_ip.to_string() != "94.237.64.20") continue;
        // +0800: 16:41:09.202253 local is 08:41:09.202253 UTC.
        EXPECT_EQ(f.first_ns, 1574757669202253000);
        EXPECT_EQ(f.last_ns, 1574757669427938000);
        EXPECT_EQ(f.bytes[0], 90u);
        EXPECT_EQ(f.bytes[1], 90u);
        EXPECT_EQ(f.dst_port, 123);
        EXPECT_EQ(f.proto, 17);
    }
}

TEST(LogCorpus, SuricataDnsV1AndV2) {
    auto r = read({"suricata/elastic-beats__eve-dns-4.1.4.log"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 24u);
    EXPECT_EQ(counter(*r, "eve_dns"), 24u);
    std::set<std::string> queries;
    for (const DnsAnswerRecord& a : r->sink.answers) {
        queries.insert(a.query);
        EXPECT_EQ(a.client.to_string(), "10.0.2.15");
        EXPECT_EQ(a.resolver.to_string(), "10.0.2.3");
    }
    EXPECT_EQ(queries, (std::set<std::string>{"google.com", "www.elastic.co", "www.yahoo.com"}));
    // v1: www.yahoo.com's A response is five events (a CNAME, four addresses) joined into one answer.
    bool yahoo = false;
    for (const DnsAnswerRecord& a : r->sink.answers) {
        if (a.query != "www.yahoo.com" || a.addresses.size() != 4 || !a.addresses[0].is_v4()) continue;
        yahoo = true;
        EXPECT_EQ(a.cnames, std::vector<std::string>{"atsv2-fp-shed.wg1.b.yahoo.com"});
    }
    EXPECT_TRUE(yahoo);
}

TEST(LogCorpus, SuricataTlsHttpQuicNames) {
    auto r = read({"suricata/elastic-beats__eve.json", "suricata/relatorio-rede-suricata__eve.json"});
    ASSERT_TRUE(r->ok);
    EXPECT_EQ(r->summaries[0].records, 8u);
    EXPECT_EQ(r->summaries[1].records, 9u);
    EXPECT_EQ(names_of(r->sink.flows, NameSource::sni),
              (std::set<std::string>{"l2.io", "p33-btmmdns.icloud.com", "clientservices.googleapis.com"}));
    EXPECT_EQ(names_of(r->sink.flows, NameSource::quic_sni), std::set<std::string>{"i.instagram.com"});
    EXPECT_EQ(names_of(r->sink.flows, NameSource::http_host), std::set<std::string>{"192.168.86.28"});
    // Suricata 7 logs the answer in the flow's direction: the client is still 172.20.1.62.
    for (const DnsAnswerRecord& a : r->sink.answers) {
        if (a.query == "clientservices.googleapis.com") EXPECT_EQ(a.client.to_string(), "172.20.1.62");
    }
}

}  // namespace
}  // namespace sovscan
