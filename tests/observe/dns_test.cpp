#include <gtest/gtest.h>

#include "observe/dns.h"
#include "observe/observe_test_util.h"

namespace sovscan::test {
namespace {

using observe::DnsMessage;
using observe::ParseStatus;

// A response to "www.Example.com A": CNAME www.example.com -> edge.cdn.example (compressed),
// CNAME edge.cdn.example -> e1.cdn.example, A e1 = 203.0.113.5, AAAA e1 = 2001:db8::5, and an
// unrelated A record that must not be attributed.
std::vector<uint8_t> chain_response() {
    std::vector<uint8_t> m{0x12, 0x34, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0};
    const auto q = dns_wire_name("www.Example.com");
    m.insert(m.end(), q.begin(), q.end());
    m.insert(m.end(), {0, 1, 0, 1});
    auto rr = [&](std::vector<uint8_t> owner, uint16_t type, std::vector<uint8_t> rdata) {
        m.insert(m.end(), owner.begin(), owner.end());
        put16(m, type);
        m.insert(m.end(), {0, 1, 0, 0, 0, 60});
        put16(m, rdata.size());
        m.insert(m.end(), rdata.begin(), rdata.end());
    };
    rr({0xc0, 12}, 5, {4, 'e', 'd', 'g', 'e', 3, 'c', 'd', 'n', 0xc0, 16});  // edge.cdn.example.com
    const size_t edge = m.size() - 11;                                          // offset of "edge" label
    rr({0xc0, uint8_t(edge)}, 5, {2, 'e', '1', 0xc0, uint8_t(edge + 5)});     // e1.cdn.example.com
    const size_t e1 = m.size() - 5;
    rr({0xc0, uint8_t(e1)}, 1, {203, 0, 113, 5});
    rr({0xc0, uint8_t(e1)}, 28, unhex("20010db8000000000000000000000005"));
    rr(dns_wire_name("other.example"), 1, {198, 51, 100, 99});
    return m;
}

TEST(DnsParser, CompressionAndCnameChain) {
    DnsMessage msg;
    ASSERT_EQ(observe::parse_dns_message(chain_response(), msg), ParseStatus::ok);
    EXPECT_TRUE(msg.response);
    EXPECT_EQ(msg.question, "www.example.com");
    ASSERT_EQ(msg.answers.size(), 5u);
    EXPECT_EQ(msg.answers[1].name, "edge.cdn.example.com");
    EXPECT_EQ(msg.answers[1].target, "e1.cdn.example.com");
    const auto res = observe::resolve_answers(msg);
    ASSERT_EQ(res.size(), 2u);
    EXPECT_EQ(res[0].address.to_string(), "203.0.113.5");
    EXPECT_EQ(res[1].address.to_string(), "2001:db8::5");
    EXPECT_EQ(res[0].cnames, (std::vector<std::string>{"edge.cdn.example.com", "e1.cdn.example.com"}));
}

// RFC 1035 2.3.4: 255 bytes on the wire at most (253 in presentation). The longest name is read
// whole, one byte more is refused; upper case is folded unless the caller wants it as sent.
TEST(DnsParser, NamesUpToTheWireLimitAndTheirCase) {
    auto name_of = [](size_t last_label) {
        std::vector<uint8_t> wire;
        for (size_t label : {size_t(63), size_t(63), size_t(63), last_label}) {
            wire.push_back(uint8_t(label));
            for (size_t i = 0; i < label; ++i) wire.push_back(uint8_t(i % 2 ? 'A' + i % 26 : 'z'));
        }
        wire.push_back(0);
        return wire;
    };
    const std::vector<uint8_t> longest = name_of(61);
    ASSERT_EQ(longest.size(), 255u);
    size_t pos = 0;
    std::string name;
    ASSERT_TRUE(observe::read_dns_name(longest, pos, name));
    EXPECT_EQ(pos, 255u);
    EXPECT_EQ(name.size(), 253u);
    EXPECT_EQ(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << name;
    pos = 0;
    ASSERT_TRUE(observe::read_dns_name(longest, pos, name, observe::NameCase::as_sent));
    EXPECT_EQ(name.substr(0, 4), "zBzD");
    pos = 0;
    EXPECT_FALSE(observe::read_dns_name(name_of(62), pos, name));
}

TEST(DnsParser, CompressionLoopsAreRejected) {
    // Question name is a pointer to itself; then a two-pointer cycle.
    std::vector<uint8_t> self{0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1};
    DnsMessage msg;
    EXPECT_EQ(observe::parse_dns_message(self, msg), ParseStatus::malformed);
    std::vector<uint8_t> cycle{0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0xc0, 16, 1, 'b', 0xc0, 12};
    EXPECT_EQ(observe::parse_dns_message(cycle, msg), ParseStatus::malformed);
    // A name longer than 255 bytes through repeated pointers to a long label.
    std::vector<uint8_t> longname{0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 5; ++i) {
        longname.push_back(60);
        longname.insert(longname.end(), 60, 'x');
    }
    longname.push_back(0);
    longname.insert(longname.end(), {0, 1, 0, 1});
    EXPECT_EQ(observe::parse_dns_message(longname, msg), ParseStatus::malformed);
}

TEST(DnsParser, CnameLoopStops) {
    DnsMessage msg;
    msg.response = true;
    msg.question = "a.example";
    msg.answers.push_back({"a.example", 5, {}, "b.example"});
    msg.answers.push_back({"b.example", 5, {}, "a.example"});
    msg.answers.push_back({"b.example", 1, *IpAddress::parse("192.0.2.9"), ""});
    const auto res = observe::resolve_answers(msg);
    ASSERT_EQ(res.size(), 1u);
    EXPECT_EQ(res[0].cnames, std::vector<std::string>{"b.example"});
}

TEST(DnsParser, NulAndNonPrintableBytesAreKept) {
    std::vector<uint8_t> m{0, 1, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', 0, 0x1b, 3, 'C', 'o', 'M', 0, 0, 1, 0, 1};
    DnsMessage msg;
    ASSERT_EQ(observe::parse_dns_message(m, msg), ParseStatus::ok);
    EXPECT_EQ(msg.question, std::string("a\0\x1b.com", 7));
}

TEST(DnsParser, TruncatedAtEveryOffset) {
    const auto full = chain_response();
    for (size_t n = 0; n < full.size(); ++n) {
        DnsMessage msg;
        EXPECT_EQ(observe::parse_dns_message(std::span(full.data(), n), msg), ParseStatus::malformed) << n;
        EXPECT_LE(msg.answers.size(), 5u);
    }
}

TEST(DnsDissector, RecordsAnswersForTheQuerier) {
    Observer obs;
    TestFlow t(kProtoUdp, 53);
    t.send(obs, kToServer, std::vector<uint8_t>{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1});
    t.send(obs, kToClient, chain_response());
    const auto server = *IpAddress::parse("203.0.113.5");
    const DnsNameMatch m = obs.dns_name(t.flow.client_ip, server, 0);  // the packets' time is 0
    ASSERT_NE(m.name, nullptr);
    EXPECT_EQ(m.basis, DnsNameBasis::own_before);
    const DnsName* n = m.name;
    EXPECT_EQ(n->query, "www.example.com");
    EXPECT_EQ(n->resolver, t.flow.server_ip);
    EXPECT_EQ(n->cnames.size(), 2u);
    // The resolver asked nothing: it can only take the querier's answer, flagged as another client's.
    const DnsNameMatch other = obs.dns_name(t.flow.server_ip, server, 0);
    EXPECT_EQ(other.name, n);
    EXPECT_EQ(other.basis, DnsNameBasis::other_client_before);
    EXPECT_EQ(obs.dns_name(t.flow.client_ip, *IpAddress::parse("198.51.100.99"), 0).name, nullptr);  // not on the chain
    EXPECT_TRUE(t.flow.server_name.empty());  // the resolver's name is not the question
    const auto c = obs.counters();
    EXPECT_EQ(c.at("dns_messages"), 2u);
    EXPECT_EQ(c.at("dns_queries"), 1u);
    EXPECT_EQ(c.at("dns_answers_recorded"), 2u);
}

TEST(DnsDissector, TcpMessagesSplitAndCoalesced) {
    Observer obs;
    TestFlow t(kProtoTcp, 53);
    const auto msg = chain_response();
    std::vector<uint8_t> stream;
    for (int i = 0; i < 3; ++i) {
        put16(stream, msg.size());
        stream.insert(stream.end(), msg.begin(), msg.end());
    }
    // Segments cutting through the length prefix and the messages.
    t.send(obs, kToClient, slice(stream, 0, 1));
    t.send(obs, kToClient, slice(stream, 1, 50));
    t.send(obs, kToClient, slice(stream, 50, msg.size() + 10));
    t.send(obs, kToClient, slice(stream, msg.size() + 10, stream.size()));
    EXPECT_EQ(obs.counters().at("dns_tcp_messages"), 3u);
    EXPECT_EQ(obs.counters().at("dns_malformed"), 0u);
    EXPECT_NE(obs.dns_name(t.flow.client_ip, *IpAddress::parse("2001:db8::5"), 0).name, nullptr);
}

TEST(DnsTable, BoundedLeastRecentlyAnsweredFirst) {
    observe::DnsTable table(2);
    const auto c = *IpAddress::parse("10.0.0.1");
    const auto a1 = *IpAddress::parse("192.0.2.1"), a2 = *IpAddress::parse("192.0.2.2"),
               a3 = *IpAddress::parse("192.0.2.3");
    table.record(c, a1, DnsName{"one", {}, {}, 1});
    table.record(c, a2, DnsName{"two", {}, {}, 2});
    table.record(c, a1, DnsName{"one", {}, {}, 3});  // a repeat: a2 is now the least recently answered
    table.record(c, a3, DnsName{"three", {}, {}, 4});
    EXPECT_EQ(table.size(), 2u);
    EXPECT_EQ(table.find(c, a2, INT64_MAX).name, nullptr);  // in neither table
    const DnsNameMatch one = table.find(c, a1, 2);
    ASSERT_NE(one.name, nullptr);
    EXPECT_EQ(one.name->query, "one");
    EXPECT_EQ(one.name->ts_ns, 1);  // the repeat extended the run that began at 1
    EXPECT_EQ(one.basis, DnsNameBasis::own_before);
}

// Answers to one client for one address over time, and lookups for flows beginning at various
// times (docs/observe.md, "DNS names and time").
constexpr int64_t kSecond = 1'000'000'000;
const IpAddress kQuerier = *IpAddress::parse("10.0.0.1"), kOther = *IpAddress::parse("10.0.0.2"),
                kAddress = *IpAddress::parse("192.0.2.1");

std::string name_at(const observe::DnsTable& table, const IpAddress& client, int64_t began_ns,
                    DnsNameBasis* basis = nullptr) {
    const DnsNameMatch m = table.find(client, kAddress, began_ns);
    if (basis) *basis = m.basis;
    return m.name ? m.name->query : "(none)";
}

TEST(DnsTable, TheAnswerInForceWhenTheFlowBegan) {
    observe::DnsTable table(64);
    table.record(kQuerier, kAddress, DnsName{"first.example", {}, {}, 1 * kSecond});
    table.record(kQuerier, kAddress, DnsName{"second.example", {}, {}, 5 * kSecond});
    DnsNameBasis basis;
    EXPECT_EQ(name_at(table, kQuerier, 3 * kSecond, &basis), "first.example");
    EXPECT_EQ(basis, DnsNameBasis::own_before);
    EXPECT_EQ(name_at(table, kQuerier, 5 * kSecond, &basis), "second.example");  // same time: before
    EXPECT_EQ(basis, DnsNameBasis::own_before);
    EXPECT_EQ(name_at(table, kQuerier, 9 * kSecond), "second.example");
    // Up to kDnsAnswerSkewNs after the first packet still counts as before; more does not.
    EXPECT_EQ(name_at(table, kQuerier, 5 * kSecond - observe::kDnsAnswerSkewNs), "second.example");
    EXPECT_EQ(name_at(table, kQuerier, 5 * kSecond - observe::kDnsAnswerSkewNs - 1), "first.example");
    // Before any answer: the client's first answer after the flow began, flagged.
    EXPECT_EQ(name_at(table, kQuerier, kSecond / 2, &basis), "first.example");
    EXPECT_EQ(basis, DnsNameBasis::own_after);
}

TEST(DnsTable, OtherClientsAnswersAreTheFallbackFlagged) {
    observe::DnsTable table(64);
    table.record(kQuerier, kAddress, DnsName{"first.example", {}, {}, 1 * kSecond});
    table.record(kQuerier, kAddress, DnsName{"second.example", {}, {}, 5 * kSecond});
    table.record(kOther, kAddress, DnsName{"others-own.example", {}, {}, 7 * kSecond});
    DnsNameBasis basis;
    // kOther's own answer came after: the querier's answer before the flow began ranks above it.
    EXPECT_EQ(name_at(table, kOther, 3 * kSecond, &basis), "first.example");
    EXPECT_EQ(basis, DnsNameBasis::other_client_before);
    EXPECT_EQ(name_at(table, kOther, 8 * kSecond, &basis), "others-own.example");
    EXPECT_EQ(basis, DnsNameBasis::own_before);
    const IpAddress third = *IpAddress::parse("10.0.0.3");
    EXPECT_EQ(name_at(table, third, 6 * kSecond, &basis), "second.example");
    EXPECT_EQ(basis, DnsNameBasis::other_client_before);
    EXPECT_EQ(name_at(table, third, kSecond / 2, &basis), "first.example");
    EXPECT_EQ(basis, DnsNameBasis::other_client_after);
    EXPECT_EQ(name_at(table, kOther, kSecond / 2, &basis), "others-own.example");  // its own, after
    EXPECT_EQ(basis, DnsNameBasis::own_after);
}

TEST(DnsTable, RepeatsExtendARunAndAlternationsAreKept) {
    observe::DnsTable table(64);
    // A TTL refresh of the name in force keeps the run's start (and costs no history).
    for (int s : {1, 2, 3}) table.record(kQuerier, kAddress, DnsName{"x.example", {}, {}, s * kSecond});
    table.record(kQuerier, kAddress, DnsName{"y.example", {}, {}, 4 * kSecond});
    table.record(kQuerier, kAddress, DnsName{"x.example", {}, {}, 6 * kSecond});
    EXPECT_EQ(table.size(), 3u);
    EXPECT_EQ(name_at(table, kQuerier, 3 * kSecond), "x.example");
    EXPECT_EQ(name_at(table, kQuerier, 5 * kSecond), "y.example");
    EXPECT_EQ(name_at(table, kQuerier, 7 * kSecond), "x.example");
    EXPECT_EQ(table.find(kQuerier, kAddress, 3 * kSecond).name->ts_ns, 1 * kSecond);
}

TEST(DnsTable, AnswersOutOfTimeOrderArePlacedByTime) {
    // Captures merged out of order: an earlier answer recorded after a later one.
    observe::DnsTable table(64);
    table.record(kQuerier, kAddress, DnsName{"later.example", {}, {}, 5 * kSecond});
    table.record(kQuerier, kAddress, DnsName{"earlier.example", {}, {}, 1 * kSecond});
    table.record(kQuerier, kAddress, DnsName{"later.example", {}, {}, 4 * kSecond});  // began earlier
    DnsNameBasis basis;
    EXPECT_EQ(name_at(table, kQuerier, 2 * kSecond, &basis), "earlier.example");
    EXPECT_EQ(basis, DnsNameBasis::own_before);
    EXPECT_EQ(name_at(table, kQuerier, 4 * kSecond + kSecond / 2), "later.example");
    EXPECT_EQ(table.size(), 2u);
}

TEST(DnsTable, RunsPerKeyAreBounded) {
    // A client alternating between names of one address keeps the last kRunsPerKey: a flow that
    // began before those falls back to the first answer kept after it, flagged.
    observe::DnsTable table(64);
    for (int i = 1; i <= 12; ++i)
        table.record(kQuerier, kAddress, DnsName{"n" + std::to_string(i) + ".example", {}, {}, i * kSecond});
    EXPECT_EQ(table.size(), observe::DnsTable::kRunsPerKey);
    DnsNameBasis basis;
    EXPECT_EQ(name_at(table, kQuerier, 5 * kSecond + kSecond / 2, &basis), "n5.example");
    EXPECT_EQ(basis, DnsNameBasis::own_before);
    EXPECT_EQ(name_at(table, kQuerier, 1 * kSecond + kSecond / 2, &basis), "n5.example");
    EXPECT_EQ(basis, DnsNameBasis::own_after);
}

// Name -> address, for servers reached through an explicit proxy by name: the latest answer of
// any client; an entry dropped or renamed by a newer answer for its (client, address) never
// answers for the old name.
TEST(DnsTable, AddressOfAName) {
    observe::DnsTable table(3);
    const auto proxy = *IpAddress::parse("10.0.0.3"), other = *IpAddress::parse("10.0.0.9");
    const auto a1 = *IpAddress::parse("192.0.2.1"), a2 = *IpAddress::parse("192.0.2.2"),
               a9 = *IpAddress::parse("192.0.2.9");
    EXPECT_EQ(table.find_address("api.example"), nullptr);
    table.record(proxy, a1, DnsName{"api.example", {}, {}, 1});
    table.record(other, a2, DnsName{"api.example", {}, {}, 2});  // a newer answer, another client
    ASSERT_NE(table.find_address("api.example"), nullptr);
    EXPECT_EQ(*table.find_address("api.example"), a2);
    EXPECT_EQ(table.find_address("API.example"), nullptr);  // names are looked up as stored: lower case
    table.record(other, a2, DnsName{"cdn.example", {}, {}, 3});  // a2 now answers another name too
    ASSERT_NE(table.find_address("cdn.example"), nullptr);
    EXPECT_EQ(*table.find_address("cdn.example"), a2);
    ASSERT_NE(table.find_address("api.example"), nullptr);  // still the latest answer to that question
    EXPECT_EQ(*table.find_address("api.example"), a2);
    // An older answer that arrives late (merged captures) does not replace a newer one.
    table.record(proxy, a9, DnsName{"api.example", {}, {}, 0});
    EXPECT_EQ(*table.find_address("api.example"), a2);
    // Through the Observer, from a resolver's answer.
    Observer obs;
    TestFlow t(kProtoUdp, 53);
    t.send(obs, kToClient, chain_response());
    ASSERT_NE(obs.dns_address("www.example.com"), nullptr);
}

TEST(DnsDissector, MdnsIsNotUsed) {
    Observer obs;
    TestFlow t(kProtoUdp, 5353);
    t.flow.client_port = 5353;
    t.send(obs, kToClient, chain_response());
    EXPECT_EQ(obs.dns_name(IpAddress(), *IpAddress::parse("203.0.113.5"), INT64_MAX).name, nullptr);
}

}  // namespace
}  // namespace sovscan::test
