// The scan session (engine/scan_session.h): every input enters the same path. Flows another tool
// measured, given as records, must make the findings the packets of the same flows make; DNS
// answers a log recorded must name flows as the dissector's do; a report taken while flows are
// live must count them without ending them.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "engine/scan_engine.h"
#include "engine/scan_session.h"
#include "sources/capture_set.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

std::set<std::string> keys_of(const std::vector<Finding>& findings) {
    std::set<std::string> keys;
    for (const Finding& f : findings) keys.insert(stable_finding_id(f) + " " + f.summary);
    return keys;
}

// The capture's ended flows as records, as a flow exporter that saw both directions (a biflow)
// would have sent them.
FlowRecord record_of(const Flow& f, bool with_name) {
    FlowRecord r;
    r.src_ip = f.client_ip, r.dst_ip = f.server_ip;
    r.src_port = f.client_port, r.dst_port = f.server_port;
    r.proto = f.proto;
    r.src_began = true;
    r.first_ns = f.first_ns, r.last_ns = f.last_ns;
    r.packets[0] = f.packets[kToServer], r.packets[1] = f.packets[kToClient];
    r.bytes[0] = f.bytes[kToServer], r.bytes[1] = f.bytes[kToClient];
    r.has_macs = f.has_macs, r.src_mac = f.client_mac, r.dst_mac = f.server_mac;
    r.vlan = f.vlan;
    if (with_name) r.server_name = f.server_name, r.name_source = f.name_source;
    return r;
}

class ScanSessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        Diagnostics diag;
        intel_ = Intel::load(opt_.intel_paths, diag);
        ASSERT_TRUE(intel_) << "intel not installed (scripts/setup.sh)";
    }
    // The capture scanned packet by packet, its flows kept.
    ScanReport scan(const std::string& path, std::vector<Flow>& flows) {
        ScanOptions opt = opt_;
        opt.inputs = {path};
        opt.on_flow = [&flows](const Flow& f) { flows.push_back(f); };
        Diagnostics diag;
        auto report = ScanEngine::run(opt, diag);
        EXPECT_TRUE(report);
        return report ? *report : ScanReport{};
    }
    ScanOptions opt_;
    std::shared_ptr<const Intel> intel_;
};

TEST_F(ScanSessionTest, FlowRecordsMakeTheFindingsTheirPacketsMake) {
    std::vector<Flow> flows;
    const ScanReport packets = scan(corpus_file("ndpi/wechat.pcap"), flows);
    ASSERT_FALSE(packets.findings.empty());

    ScanSession session(opt_, intel_);
    const uint16_t input = session.add_input("flows from an exporter");
    for (const Flow& f : flows) {
        FlowRecord r = record_of(f, /*with_name=*/true);
        r.input_index = input;
        session.on_flow_record(r);
    }
    Diagnostics diag;
    const ScanReport records = session.finish(diag);
    std::set<std::string> want, got;
    for (const Finding& f : packets.findings)
        if (rule_info(f.rule).subject == RuleSubject::traffic) want.insert(stable_finding_id(f));
    for (const Finding& f : records.findings)
        if (rule_info(f.rule).subject == RuleSubject::traffic) got.insert(stable_finding_id(f));
    EXPECT_EQ(got, want);
    EXPECT_EQ(records.traffic.flows, packets.traffic.flows);
    EXPECT_EQ(records.flow_counters.at("flow_records"), flows.size());
    EXPECT_EQ(records.inputs.at(0).records, flows.size());
    EXPECT_EQ(records.inputs.at(0).first_ns, packets.first_ns);
}

TEST_F(ScanSessionTest, ARecordWithoutANameIsNamedByALoggedDnsAnswer) {
    ScanSession session(opt_, intel_);
    const uint16_t input = session.add_input("dns.log");
    DnsAnswerRecord a;
    a.client = *IpAddress::parse("192.168.1.103");
    a.resolver = *IpAddress::parse("192.168.1.254");
    a.query = "web.wechat.com";
    a.addresses = {*IpAddress::parse("203.205.151.162")};
    a.ts_ns = 1'000'000'000;
    a.input_index = input;
    session.on_dns_answer(a);
    FlowRecord r;
    r.src_ip = *IpAddress::parse("192.168.1.103"), r.dst_ip = *IpAddress::parse("203.205.151.162");
    r.src_port = 51000, r.dst_port = 443, r.proto = 6;
    r.first_ns = 2'000'000'000, r.last_ns = 3'000'000'000;
    r.packets[0] = 10, r.packets[1] = 8, r.bytes[0] = 4000, r.bytes[1] = 9000;
    r.input_index = input;
    session.on_flow_record(r);
    Diagnostics diag;
    const ScanReport report = session.finish(diag);
    ASSERT_FALSE(report.findings.empty());
    const Finding& f = report.findings.front();
    EXPECT_EQ(f.counterpart->ip.to_string(), "203.205.151.162");
    ASSERT_FALSE(f.counterpart->names.empty());
    EXPECT_EQ(f.counterpart->names.front().name, "web.wechat.com");
    EXPECT_EQ(f.counterpart->names.front().how, "dns");
    EXPECT_EQ(f.bytes_sent, 4000u);
    EXPECT_EQ(f.bytes_received, 9000u);
}

TEST_F(ScanSessionTest, WithoutAnOriginatorTheServicePortSaysWhoIsServer) {
    // A unidirectional record of the server's replies (NetFlow): the client is the other side.
    ScanSession session(opt_, intel_);
    FlowRecord r;
    r.src_ip = *IpAddress::parse("203.205.151.162"), r.dst_ip = *IpAddress::parse("192.168.1.103");
    r.src_port = 443, r.dst_port = 51000, r.proto = 6;
    r.first_ns = r.last_ns = 1'000'000'000;
    r.packets[0] = 5, r.bytes[0] = 7000;
    session.on_flow_record(r);
    Diagnostics diag;
    const ScanReport report = session.finish(diag);
    ASSERT_FALSE(report.findings.empty());
    EXPECT_EQ(report.findings.front().asset.ip.to_string(), "192.168.1.103");
    EXPECT_EQ(report.findings.front().bytes_received, 7000u);
    EXPECT_EQ(report.findings.front().bytes_sent, 0u);
}

TEST_F(ScanSessionTest, ASnapshotCountsLiveFlowsWithoutEndingThem) {
    std::vector<Flow> flows;
    const ScanReport whole = scan(corpus_file("ndpi/wechat.pcap"), flows);

    ScanSession session(opt_, intel_);
    Diagnostics diag;
    CaptureSet captures({corpus_file("ndpi/wechat.pcap")}, diag);
    session.add_input(captures.inputs().at(0));
    RawPacket p;
    ScanReport halfway;
    uint64_t n = 0;
    while (captures.next(p)) {
        session.add_packet(p);
        if (++n == 900) halfway = session.snapshot(diag);
    }
    ASSERT_GT(halfway.traffic.flows, 0u);
    EXPECT_LT(halfway.traffic.flows, whole.traffic.flows);
    EXPECT_EQ(halfway.packets, 900u);
    const ScanReport end = session.finish(diag);
    // The snapshot ended nothing: the run's end counts every flow once, as the scan does.
    EXPECT_EQ(end.traffic.flows, whole.traffic.flows);
    EXPECT_EQ(keys_of(end.findings), keys_of(whole.findings));
}

}  // namespace
}  // namespace sovscan::test
