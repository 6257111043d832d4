#include <gtest/gtest.h>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"

namespace sovscan::test {
namespace {

using observe::ClientHelloInfo;
using observe::ParseStatus;

TEST(ClientHelloParser, ReadsSniAndAlpn) {
    const auto msg = client_hello_message("Example.COM");
    ClientHelloInfo info;
    ASSERT_EQ(observe::parse_client_hello(msg, info), ParseStatus::ok);
    EXPECT_EQ(info.server_name, "Example.COM");  // the parser keeps bytes; offer_server_name lowers
    EXPECT_EQ(info.alpn, "h2");
}

TEST(ClientHelloParser, EveryTruncationIsNeedMoreNeverACrash) {
    const auto msg = client_hello_message("a.example");
    for (size_t n = 0; n < msg.size(); ++n) {
        ClientHelloInfo info;
        EXPECT_EQ(observe::parse_client_hello(std::span(msg.data(), n), info), ParseStatus::need_more) << n;
    }
}

TEST(ClientHelloParser, WrongTypeAndBrokenLengthsAreMalformed) {
    auto msg = client_hello_message("a.example");
    msg[0] = 2;  // ServerHello
    ClientHelloInfo info;
    EXPECT_EQ(observe::parse_client_hello(msg, info), ParseStatus::malformed);
    msg = client_hello_message("a.example");
    msg[4 + 2 + 32] = 200;  // session id longer than the message
    EXPECT_EQ(observe::parse_client_hello(msg, info), ParseStatus::malformed);
}

// The message with one more extension at the end (the lengths of the extension block and of the
// message updated).
std::vector<uint8_t> with_extension(std::vector<uint8_t> msg, uint16_t type, const std::vector<uint8_t>& data) {
    constexpr size_t kExtLenAt = 4 + 2 + 32 + 1 + 32 + 2 + 4 + 2;  // as client_hello_message builds it
    put16(msg, type);
    put16(msg, data.size());
    msg.insert(msg.end(), data.begin(), data.end());
    const size_t ext_len = ((msg[kExtLenAt] << 8) | msg[kExtLenAt + 1]) + 4 + data.size();
    msg[kExtLenAt] = uint8_t(ext_len >> 8), msg[kExtLenAt + 1] = uint8_t(ext_len);
    const size_t body = msg.size() - 4;
    msg[1] = uint8_t(body >> 16), msg[2] = uint8_t(body >> 8), msg[3] = uint8_t(body);
    return msg;
}

// Chromium's google_user_agent QUIC transport parameter (0x3129), in RFC 9000's varint layout
// (extension 0x39) and in the drafts' before 27 (extension 0xffa5: a 2-byte list length, 2-byte
// ids and lengths), after another parameter; a list broken before it yields nothing.
TEST(ClientHelloParser, ReadsChromiumsUserAgentTransportParameter) {
    const std::string ua = "Chrome/85.0.4183.83 Windows NT 6.1";
    std::vector<uint8_t> varint_params = {0x01, 0x04, 0x80, 0x00, 0x75, 0x30, 0x71, 0x29, uint8_t(ua.size())};
    varint_params.insert(varint_params.end(), ua.begin(), ua.end());
    std::vector<uint8_t> old_params = {0x00, 0x01, 0x00, 0x04, 0x80, 0x00, 0x75, 0x30, 0x31, 0x29};
    put16(old_params, ua.size());
    old_params.insert(old_params.end(), ua.begin(), ua.end());
    std::vector<uint8_t> old_list;
    put16(old_list, old_params.size());
    old_list.insert(old_list.end(), old_params.begin(), old_params.end());
    for (const auto& [type, params] : {std::pair{uint16_t(0x39), varint_params}, std::pair{uint16_t(0xffa5), old_list}}) {
        const auto msg = with_extension(client_hello_message("a.example"), type, params);
        ClientHelloInfo info;
        ASSERT_EQ(observe::parse_client_hello(msg, info), ParseStatus::ok) << type;
        EXPECT_EQ(info.quic_user_agent, ua) << type;
        EXPECT_EQ(info.server_name, "a.example");
    }
    auto broken = varint_params;
    broken[1] = 0x3f;  // the first parameter claims 63 bytes
    ClientHelloInfo info;  // views into the message: it must outlive them
    const auto broken_msg = with_extension(client_hello_message("a.example"), 0x39, broken);
    ASSERT_EQ(observe::parse_client_hello(broken_msg, info), ParseStatus::ok);
    EXPECT_TRUE(info.quic_user_agent.empty());
    EXPECT_EQ(info.server_name, "a.example");
}

TEST(TlsDissector, SingleSegment) {
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("WWW.Example.org.")));
    EXPECT_EQ(t.flow.server_name, "www.example.org");
    EXPECT_EQ(t.flow.name_source, NameSource::sni);
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(obs.counters().at("tls_client_hellos"), 1u);
    EXPECT_EQ(obs.counters().at("tls_reassembled"), 0u);
}

TEST(TlsDissector, SplitOverTwoAndThreeSegments) {
    for (int parts : {2, 3}) {
        Observer obs;
        TestFlow t(kProtoTcp);
        const auto wire = tls_records(client_hello_message("split.example", 700));
        const size_t step = wire.size() / size_t(parts) + 1;
        for (size_t off = 0; off < wire.size(); off += step) {
            EXPECT_TRUE(t.flow.server_name.empty());
            t.send(obs, kToServer, slice(wire, off, off + step));
        }
        EXPECT_EQ(t.flow.server_name, "split.example") << parts;
        EXPECT_EQ(obs.counters().at("tls_reassembled"), 1u);
    }
}

TEST(TlsDissector, SeveralRecordsCarryOneMessage) {
    Observer obs;
    TestFlow t(kProtoTcp);
    const auto wire = tls_records(client_hello_message("records.example", 300), 100);
    t.send(obs, kToServer, slice(wire, 0, 250));
    t.send(obs, kToServer, slice(wire, 250, wire.size()));
    EXPECT_EQ(t.flow.server_name, "records.example");
}

TEST(TlsDissector, OutOfOrderSegments) {
    const auto wire = tls_records(client_hello_message("ooo.example", 900));
    {  // 1, 3, 2
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send_at(obs, kToServer, 0, slice(wire, 0, 400));
        t.send_at(obs, kToServer, 800, slice(wire, 800, wire.size()));
        EXPECT_TRUE(t.flow.server_name.empty());
        t.send_at(obs, kToServer, 400, slice(wire, 400, 800));
        EXPECT_EQ(t.flow.server_name, "ooo.example");
    }
    {  // 2 before 1
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send_at(obs, kToServer, 500, slice(wire, 500, wire.size()));
        t.send_at(obs, kToServer, 0, slice(wire, 0, 500));
        EXPECT_EQ(t.flow.server_name, "ooo.example");
    }
}

TEST(TlsDissector, Retransmissions) {
    Observer obs;
    TestFlow t(kProtoTcp);
    const auto wire = tls_records(client_hello_message("retx.example", 900));
    t.send_at(obs, kToServer, 0, slice(wire, 0, 600));
    t.send_at(obs, kToServer, 0, slice(wire, 0, 600));    // same segment again
    t.send_at(obs, kToServer, 300, slice(wire, 300, 700));  // overlapping repacketised
    t.send_at(obs, kToServer, 700, slice(wire, 700, wire.size()));
    EXPECT_EQ(t.flow.server_name, "retx.example");
}

TEST(TlsDissector, TruncatedAtEveryOffsetNeverCrashes) {
    const auto wire = tls_records(client_hello_message("trunc.example", 200));
    for (size_t n = 1; n < wire.size(); ++n) {
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send(obs, kToServer, slice(wire, 0, n));
        t.send(obs, kToClient, bytes("\x16\x03\x03"));
        // The name is known once its extension is complete, never before.
        if (!t.flow.server_name.empty()) {
            EXPECT_EQ(t.flow.server_name, "trunc.example");
        }
    }
}

TEST(TlsDissector, IgnoresServerDirectionAndOtherProtocols) {
    Observer obs;
    TestFlow t(kProtoTcp, 22);
    t.send(obs, kToClient, tls_records(client_hello_message("server.example")));
    EXPECT_TRUE(t.flow.server_name.empty());
    TestFlow s(kProtoTcp, 22, 2);
    s.send(obs, kToServer, bytes("SSH-2.0-OpenSSH_9.2\r\n"));
    s.send(obs, kToClient, bytes("SSH-2.0-OpenSSH_9.2\r\n"));
    EXPECT_TRUE(s.flow.inspection_done);
}

TEST(TlsDissector, ReassemblyIsBounded) {
    ObserverLimits limits;
    limits.max_reassembly_bytes = 1024;
    Observer obs(limits);
    TestFlow t(kProtoTcp);
    // SNI first, then 5000 bytes of padding: the bound stops reassembly but the name is read.
    const auto wire = tls_records(client_hello_message("bounded.example", 5000));
    for (size_t off = 0; off < wire.size(); off += 600) t.send(obs, kToServer, slice(wire, off, off + 600));
    EXPECT_EQ(t.flow.server_name, "bounded.example");
}

}  // namespace
}  // namespace sovscan::test

// --- where the ClientHello may start ----------------------------------------------------------

namespace sovscan::test {
namespace {

TEST(TlsClientHelloStart, AfterServerPayloadsSeenFirst) {
    // The server's bytes came first (the capture began mid-handshake, or its answer overtook the
    // ClientHello): the client's first payload is still read.
    Observer obs;
    TestFlow t(kProtoTcp, 443);
    t.send(obs, kToClient, std::vector<uint8_t>{0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00});
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToServer, tls_records(client_hello_message("late.example")));
    EXPECT_EQ(t.flow.server_name, "late.example");
    EXPECT_EQ(t.flow.name_source, NameSource::sni);
}

TEST(TlsClientHelloStart, AfterZeroPaddingOnly) {
    const auto hello = tls_records(client_hello_message("padded.example"));
    // A few zero bytes alone in a segment (ndpi/ossfuzz_seed_fake_traces_1.pcapng sends one).
    for (size_t n : {1, 16}) {
        Observer obs;
        TestFlow t(kProtoTcp, 443);
        t.send(obs, kToServer, std::vector<uint8_t>(n, 0));
        t.send(obs, kToServer, hello);
        EXPECT_EQ(t.flow.server_name, "padded.example") << n;
    }
    // ... or in front of the record in its segment, also when the ClientHello goes on in the next.
    {
        Observer obs;
        TestFlow t(kProtoTcp, 443);
        std::vector<uint8_t> first(4, 0);
        first.insert(first.end(), hello.begin(), hello.begin() + 40);
        t.send(obs, kToServer, first);
        t.send(obs, kToServer, slice(hello, 40, hello.size()));
        EXPECT_EQ(t.flow.server_name, "padded.example");
        EXPECT_EQ(obs.counters().at("tls_reassembled"), 1u);
    }
    // Anything else before the record is not padding: 17 zero bytes, or a non-zero byte.
    for (const auto& lead : {std::vector<uint8_t>(17, 0), std::vector<uint8_t>{0, 0, 7}, std::vector<uint8_t>{'x'}}) {
        Observer obs;
        TestFlow t(kProtoTcp, 443);
        auto payload = lead;
        payload.insert(payload.end(), hello.begin(), hello.end());
        t.send(obs, kToServer, payload);
        EXPECT_TRUE(t.flow.server_name.empty()) << lead.size();
    }
}

}  // namespace
}  // namespace sovscan::test
