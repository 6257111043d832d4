// End-to-end: a flow without a name of its own takes the DNS answer in force when it began, and says
// when that answer is weaker (another client's, or received after the flow began); see
// docs/observe.md, "DNS names and time". The answers and flows cited were read from the capture
// (the DNS answers' time against the flows' first packet) and from nDPI's output, whose
// first-packet classification (FPC) reads its own DNS cache when a flow begins.
#include <gtest/gtest.h>

#include <algorithm>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

const Flow& flow_from(const ScanRun& run, const std::string& client, uint16_t client_port, const std::string& server,
                      uint16_t server_port) {
    for (const Flow& f : run.flows)
        if (f.client_ip.to_string() == client && f.client_port == client_port && f.server_ip.to_string() == server &&
            f.server_port == server_port)
            return f;
    throw std::runtime_error("no flow " + client + ":" + std::to_string(client_port) + " -> " + server);
}

void expect_name(const Flow& f, const std::string& name, NameSource source, DnsNameBasis basis) {
    EXPECT_EQ(f.server_name, name) << "flow from port " << f.client_port;
    EXPECT_EQ(f.name_source, source) << "flow from port " << f.client_port;
    EXPECT_EQ(dns_name_basis_label(f.dns_basis), std::string(dns_name_basis_label(basis)))
        << "flow from port " << f.client_port;
}

// The Alexa app resolves pitangui.amazon.com (16:02:57.105, answer 54.239.28.178) and opens four
// connections to it within 171 ms; three send SNI pitangui.amazon.com, 50798 sends no ClientHello.
// At 16:03:07.508 it resolves alexa.amazon.com, a CNAME of pitangui.amazon.com: the same address.
// 50798 ends at 16:03:15, after that answer, but began under the first: nDPI's DNS cache classifies
// it Amazon (pitangui) at its first packet, and the flows begun after the second answer (38757,
// 58048) AmazonAlexa.
TEST(DnsNameTimingScan, AlexaFlowTakesTheAnswerInForceWhenItBegan) {
    ScanRun run = scan_capture(corpus_file("ndpi/alexa-app.pcapng"));
    ASSERT_TRUE(run.report);
    const std::string client = "172.16.42.216", server = "54.239.28.178";
    expect_name(flow_from(run, client, 50798, server, 443), "pitangui.amazon.com", NameSource::dns,
                DnsNameBasis::own_before);
    expect_name(flow_from(run, client, 58048, server, 443), "alexa.amazon.com", NameSource::dns,
                DnsNameBasis::own_before);
    // Flows with a name of their own keep it.
    expect_name(flow_from(run, client, 50799, server, 443), "pitangui.amazon.com", NameSource::sni,
                DnsNameBasis::none);
    expect_name(flow_from(run, client, 38757, server, 443), "pitangui.amazon.com", NameSource::tls_certificate,
                DnsNameBasis::none);
}

// The WeMo switch's DNS answers are addressed to 10.10.10.190, its connections come from 10.22.22.2
// (the capture sees both sides of the set-up network's NAT): its flows are named by another
// client's answer, received 24 ms before the connection.
TEST(DnsNameTimingScan, WemoFlowLearntFromAnotherClientsAnswer) {
    ScanRun run = scan_capture(corpus_file("iot-sentinel/WeMoSwitch2/Setup-C-1-STA.pcap"));
    ASSERT_TRUE(run.report);
    expect_name(flow_from(run, "10.22.22.2", 40091, "52.86.30.227", 443), "analytics.localytics.com", NameSource::dns,
                DnsNameBasis::other_client_before);
}

// WeChat's two connections to 203.205.151.211 begin at 10:55:53.687 and 10:56:22.020, without SNI;
// the client looks up res.wx.qq.com (that address) only at 10:57:58.981. nDPI classifies neither by
// DNS at its first packet. The finding about that server cites the name with its weakness.
TEST(DnsNameTimingScan, WechatNameAnsweredAfterTheFlowsBeganIsFlagged) {
    ScanRun run = scan_capture(corpus_file("ndpi/wechat.pcap"));
    ASSERT_TRUE(run.report);
    const std::string client = "192.168.1.103", server = "203.205.151.211";
    for (uint16_t port : {40740, 40741})
        expect_name(flow_from(run, client, port, server, 443), "res.wx.qq.com", NameSource::dns,
                    DnsNameBasis::own_after);
    const auto& findings = run.report->findings;
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.counterpart->ip.to_string() == server && f.rule == RuleId::egress_located_high_risk;
    });
    ASSERT_NE(it, findings.end());
    ASSERT_EQ(it->counterpart->names.size(), 1u);
    EXPECT_EQ(it->counterpart->names[0].name, "res.wx.qq.com");
    EXPECT_EQ(it->counterpart->names[0].how, "dns");
    EXPECT_EQ(it->counterpart->names[0].dns_basis, "own_after");
    EXPECT_TRUE(std::any_of(it->evidence.begin(), it->evidence.end(), [](const Evidence& e) {
        return e.fact == "server name res.wx.qq.com seen in 2 flow(s) (dns, answered after the flow began)";
    }));
}

}  // namespace
}  // namespace sovscan::test
