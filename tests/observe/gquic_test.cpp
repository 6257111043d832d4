// Google QUIC: the QUIC-crypto CHLO parser and the unencrypted handshake packets (Q024..Q046) that
// carry it, on hand-built messages. The real captures are in corpus_test.cpp.
#include <gtest/gtest.h>

#include "observe/gquic_packet.h"
#include "observe/observe_test_util.h"
#include "observe/quic_crypto_chlo.h"

namespace sovscan::test {
namespace {

namespace gquic = observe::gquic;
using observe::Bytes;
using observe::ParseStatus;

const std::string kSniTag("SNI\0", 4), kPadTag("PAD\0", 4), kVerTag("VER\0", 4);

std::vector<uint8_t> typical_chlo() {
    return gquic_chlo({{kPadTag, std::string(300, '-')},
                 {kSniTag, "www.example.com"},
                 {kVerTag, "Q043"},
                 {"UAID", "Chrome/70.0 Linux x86_64"}});
}

TEST(GquicChlo, ReadsSniAndUserAgent) {
    const auto m = typical_chlo();
    gquic::ChloInfo info;
    ASSERT_EQ(gquic::parse_chlo(m, info), ParseStatus::ok);
    EXPECT_EQ(info.server_name, "www.example.com");
    EXPECT_EQ(info.user_agent, "Chrome/70.0 Linux x86_64");
    EXPECT_EQ(gquic::chlo_message_length(m), m.size());
}

TEST(GquicChlo, WithoutSniOrTagsIsOkAndEmpty) {
    gquic::ChloInfo info;
    EXPECT_EQ(gquic::parse_chlo(gquic_chlo({{kPadTag, "xx"}, {kVerTag, "Q039"}}), info), ParseStatus::ok);
    EXPECT_TRUE(info.server_name.empty());
    const auto empty = gquic_chlo({});
    EXPECT_EQ(gquic::parse_chlo(empty, info), ParseStatus::ok);
    EXPECT_EQ(gquic::chlo_message_length(empty), 8u);
}

TEST(GquicChlo, OtherMessagesAndTooManyTagsAreMalformed) {
    auto m = typical_chlo();
    m[0] = 'S';  // SHLO
    gquic::ChloInfo info;
    EXPECT_EQ(gquic::parse_chlo(m, info), ParseStatus::malformed);
    EXPECT_EQ(gquic::chlo_message_length(m), 0u);
    auto many = typical_chlo();
    many[4] = 0x81;  // 129 tags
    EXPECT_EQ(gquic::parse_chlo(many, info), ParseStatus::malformed);
}

TEST(GquicChlo, OffsetsGoingBackwardsOrTagsOutOfOrderAreMalformed) {
    auto m = typical_chlo();
    // SNI's end offset (second entry, bytes 20..23) below PAD's: its value would overlap PAD's.
    m[20] = 10, m[21] = 0;
    gquic::ChloInfo info;
    EXPECT_EQ(gquic::parse_chlo(m, info), ParseStatus::malformed);
    EXPECT_TRUE(info.server_name.empty());
    // The same tag twice, and tags in descending order.
    EXPECT_EQ(gquic::parse_chlo(gquic_chlo({{kSniTag, "a.example"}, {kSniTag, "b.example"}}), info), ParseStatus::malformed);
    EXPECT_EQ(gquic::parse_chlo(gquic_chlo({{kVerTag, "Q043"}, {kSniTag, "a.example"}}), info), ParseStatus::malformed);
}

TEST(GquicChlo, HugeOffsetIsIncompleteNeverARead) {
    auto m = typical_chlo();
    // Last entry (UAID) ends at 0xffffffff: far beyond the message.
    const size_t last = 8 + 3 * 8 + 4;
    m[last] = m[last + 1] = m[last + 2] = m[last + 3] = 0xff;
    gquic::ChloInfo info;
    EXPECT_EQ(gquic::parse_chlo(m, info), ParseStatus::need_more);
    EXPECT_EQ(info.server_name, "www.example.com");  // whole values before it still count
    EXPECT_TRUE(info.user_agent.empty());
    EXPECT_EQ(gquic::chlo_message_length(m), 8 + 4 * 8 + size_t(0xffffffff));
}

TEST(GquicChlo, EveryTruncationIsCleanAndNeverInventsAName) {
    const auto m = typical_chlo();
    for (size_t n = 0; n < m.size(); ++n) {
        gquic::ChloInfo info;
        const Bytes cut(m.data(), n);
        EXPECT_EQ(gquic::parse_chlo(cut, info), ParseStatus::need_more) << n;
        EXPECT_TRUE(info.server_name.empty() || info.server_name == "www.example.com") << n;
        const size_t len = gquic::chlo_message_length(cut);
        EXPECT_TRUE(len == 0 || len == m.size()) << n;
    }
}

// A client's first gQUIC packet: public header (Q024..Q043) or Q046 long header, the hash, the
// STREAM frame of stream 1 with the CHLO.
std::vector<uint8_t> gquic_packet(const std::string& version, const std::vector<uint8_t>& chlo_msg) {
    const int number = std::stoi(version.substr(1));
    const bool big = number >= 39;
    std::vector<uint8_t> p;
    if (number == 46) {
        p = {0xc3};
        p.insert(p.end(), version.begin(), version.end());
        p.push_back(0x50);  // DCID 8 bytes, no SCID
        p.insert(p.end(), 8, 0xab);
        p.insert(p.end(), {0, 0, 0, 1});  // packet number, 4 bytes
    } else {
        p = {0x0d};  // version, 8-byte connection ID, 1-byte packet number
        p.insert(p.end(), 8, 0xab);
        p.insert(p.end(), version.begin(), version.end());
        p.push_back(1);
    }
    p.insert(p.end(), 12, 0x5a);  // message authentication hash
    if (number < 34) p.push_back(0);  // private flags
    p.insert(p.end(), {0xa0, 0x01});  // STREAM, data length present, no offset, 1-byte stream ID 1
    const size_t n = chlo_msg.size();
    if (big)
        put16(p, n);
    else
        put_le16(p, uint32_t(n));
    p.insert(p.end(), chlo_msg.begin(), chlo_msg.end());
    return p;
}

TEST(GquicPacket, FindsTheChloInEveryHeaderLayout) {
    const auto m = typical_chlo();
    for (const std::string v : {"Q024", "Q035", "Q039", "Q043", "Q046"}) {
        const auto p = gquic_packet(v, m);
        Bytes data;
        uint32_t version;
        ASSERT_EQ(gquic::handshake_stream_data(p, data, version), gquic::PacketStatus::ok) << v;
        EXPECT_EQ(gquic::version_number(version), std::stoi(v.substr(1)));
        EXPECT_EQ(to_hex(data), to_hex(m)) << v;
    }
}

TEST(GquicPacket, SkipsPingAndOtherStreamsAndReadsOffsets) {
    auto p = gquic_packet("Q043", typical_chlo());
    const size_t frames = 1 + 8 + 4 + 1 + 12;
    // PING, then a STREAM frame of stream 3 with a 2-byte offset and 3 bytes of data first.
    const std::vector<uint8_t> before{0x07, 0xa4, 0x03, 0x00, 0x10, 0x00, 0x03, 'x', 'y', 'z'};
    p.insert(p.begin() + frames, before.begin(), before.end());
    Bytes data;
    uint32_t version;
    ASSERT_EQ(gquic::handshake_stream_data(p, data, version), gquic::PacketStatus::ok);
    EXPECT_EQ(data.size(), typical_chlo().size());
    // Stream 1 at a later offset is not the CHLO's start.
    auto later = gquic_packet("Q043", typical_chlo());
    later[frames] = 0xa4;
    later.insert(later.begin() + frames + 2, {0x01, 0x00});
    EXPECT_EQ(gquic::handshake_stream_data(later, data, version), gquic::PacketStatus::no_chlo);
}

TEST(GquicPacket, OtherTrafficIsNotGquic) {
    Bytes data;
    uint32_t version;
    for (const auto& p : {bytes(""), bytes("GET / HTTP/1.1\r\n"), unhex("0d0102030405060708"),
                          unhex("0d0102030405060708513939"),                // "Q99": no such version
                          unhex("c3000000010800"), unhex("c351303530085555")}) {  // IETF v1, Q050
        EXPECT_EQ(gquic::handshake_stream_data(p, data, version), gquic::PacketStatus::not_gquic) << to_hex(p);
        EXPECT_EQ(version, 0u);
    }
    // Flags without the version bit (every packet after the handshake) or with the reset bit.
    auto p = gquic_packet("Q043", typical_chlo());
    p[0] = 0x0c;
    EXPECT_EQ(gquic::handshake_stream_data(p, data, version), gquic::PacketStatus::not_gquic);
    p[0] = 0x0f;
    EXPECT_EQ(gquic::handshake_stream_data(p, data, version), gquic::PacketStatus::not_gquic);
}

TEST(GquicPacket, TruncatedAndOverlongFramesAreMalformed) {
    const auto good = gquic_packet("Q039", typical_chlo());
    const size_t frames = 1 + 8 + 4 + 1 + 12;
    Bytes data;
    uint32_t version;
    for (size_t n = 13; n < good.size(); ++n) {  // every cut after the version
        const auto st = gquic::handshake_stream_data(Bytes(good.data(), n), data, version);
        if (n <= frames)
            EXPECT_TRUE(st == gquic::PacketStatus::malformed || st == gquic::PacketStatus::no_chlo) << n;
        else
            EXPECT_EQ(st, gquic::PacketStatus::malformed) << n;
        EXPECT_TRUE(data.empty());
    }
    auto overlong = good;
    overlong[frames + 2] = 0xff;  // data length 0xff.. beyond the packet
    EXPECT_EQ(gquic::handshake_stream_data(overlong, data, version), gquic::PacketStatus::malformed);
}

TEST(GquicPacket, ObserverNamesTheServerAndCounts) {
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    t.send(obs, kToServer, gquic_packet("Q043", typical_chlo()));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
    EXPECT_EQ(t.flow.name_source, NameSource::quic_sni);
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
    EXPECT_EQ(obs.counters().at("quic_unsupported_version"), 0u);

    TestFlow q46(kProtoUdp, 443, 2);
    q46.send(obs, kToServer, gquic_packet("Q046", typical_chlo()));
    EXPECT_EQ(q46.flow.server_name, "www.example.com");
    EXPECT_EQ(obs.counters().at("quic_unsupported_version"), 0u);

    auto bad = typical_chlo();
    bad[20] = 1, bad[21] = 0;  // offsets going backwards
    TestFlow u(kProtoUdp, 443, 3);
    u.send(obs, kToServer, gquic_packet("Q039", bad));
    EXPECT_TRUE(u.flow.server_name.empty());
    EXPECT_EQ(obs.counters().at("gquic_malformed"), 1u);
}

TEST(GquicPacket, ChloInALaterPacketIsStillRead) {
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    auto first = gquic_packet("Q043", typical_chlo());
    first.resize(1 + 8 + 4 + 1 + 12);
    first.push_back(0x00);  // PADDING: no CHLO in this packet
    t.send(obs, kToServer, first);
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToServer, gquic_packet("Q043", typical_chlo()));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
}

}  // namespace
}  // namespace sovscan::test
