// Google QUIC: the QUIC-crypto CHLO parser and the unencrypted handshake packets (Q024..Q046) that
// carry it, on hand-built messages. The real captures are in corpus_test.cpp.
#include <gtest/gtest.h>

#include "observe/gquic_handshake.h"
#include "observe/gquic_packet.h"
#include "observe/observe_test_util.h"
#include "observe/quic_crypto_chlo.h"

namespace sovscan::test {
namespace {

namespace gquic = observe::gquic;
using observe::Bytes;
using observe::ParseStatus;

const std::string kSniTag("SNI\0", 4), kPadTag("PAD\0", 4), kVerTag("VER\0", 4), kStkTag("STK\0", 4);

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

// FNV-1a 128 as Chromium's QuicUtils::FNV1a_128_Hash computes it (offset basis and prime from the
// FNV specification), for the message authentication hash of hand-built packets. The corpus test
// checks the code under test against real packets.
std::array<uint8_t, 12> null_hash(const std::vector<uint8_t>& header, const std::vector<uint8_t>& rest,
                                  bool client_suffix) {
    __extension__ using U128 = unsigned __int128;
    const U128 prime = (U128(1) << 88) + 0x13b;
    U128 h = (U128(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
    for (uint8_t c : header) h = (h ^ c) * prime;
    for (uint8_t c : rest) h = (h ^ c) * prime;
    if (client_suffix)
        for (char c : std::string("Client")) h = (h ^ uint8_t(c)) * prime;
    std::array<uint8_t, 12> out;
    for (size_t i = 0; i < out.size(); ++i) out[i] = uint8_t(h >> (8 * i));
    return out;
}

int number_of(const std::string& version) { return std::stoi(version.substr(1)); }

// A 2-byte integer in the version's byte order (little-endian before Q039).
void put_u16(std::vector<uint8_t>& v, const std::string& version, uint32_t x) {
    if (number_of(version) >= 39)
        put16(v, x);
    else
        put_le16(v, x);
}

// A client gQUIC packet: public header (Q024..Q043, with or without the version; 8-byte
// connection ID with both old length bits, as Chromium sends it) or Q046 long header, the message
// authentication hash of what follows (`good_hash` false: wrong, as in an encrypted packet), the
// private flags before Q034, then `frames`.
std::vector<uint8_t> gquic_packet_with(const std::string& version, bool with_version, const std::vector<uint8_t>& frames,
                                       uint8_t pn = 1, bool good_hash = true) {
    const int number = number_of(version);
    std::vector<uint8_t> header;
    if (number == 46) {
        header = {0xc3};
        header.insert(header.end(), version.begin(), version.end());
        header.push_back(0x50);  // DCID 8 bytes, no SCID
        header.insert(header.end(), 8, 0xab);
        header.insert(header.end(), {0, 0, 0, pn});  // packet number, 4 bytes
    } else {
        header = {uint8_t(with_version ? 0x0d : 0x0c)};  // 1-byte packet number
        header.insert(header.end(), 8, 0xab);
        if (with_version) header.insert(header.end(), version.begin(), version.end());
        header.push_back(pn);
    }
    std::vector<uint8_t> rest;
    if (number < 34) rest.push_back(0);  // private flags
    rest.insert(rest.end(), frames.begin(), frames.end());
    auto tag = null_hash(header, rest, number >= 37);
    if (!good_hash) tag[0] ^= 0x01;
    std::vector<uint8_t> p = header;
    p.insert(p.end(), tag.begin(), tag.end());
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
}

// A STREAM frame with its data length, at `offset` (a 2-byte offset field when not 0).
std::vector<uint8_t> stream_frame(const std::string& version, uint64_t offset, const std::vector<uint8_t>& data,
                                  uint8_t stream = 1) {
    std::vector<uint8_t> f{uint8_t(0xa0 | (offset ? 0x04 : 0x00)), stream};
    if (offset) put_u16(f, version, uint32_t(offset));
    put_u16(f, version, uint32_t(data.size()));
    f.insert(f.end(), data.begin(), data.end());
    return f;
}

std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// A client's first gQUIC packet: the CHLO whole at offset 0 of stream 1.
std::vector<uint8_t> gquic_packet(const std::string& version, const std::vector<uint8_t>& chlo_msg) {
    return gquic_packet_with(version, true, stream_frame(version, 0, chlo_msg));
}

struct Read {
    gquic::PacketStatus status;
    gquic::ClientPacket packet;
    std::vector<gquic::StreamChunk> chunks;
};
Read read(const std::vector<uint8_t>& p, int flow_version = -1) {
    Read r;
    r.status = gquic::read_client_packet(p, flow_version, r.packet, r.chunks);
    return r;
}

TEST(GquicPacket, FindsTheChloInEveryHeaderLayout) {
    const auto m = typical_chlo();
    for (const std::string v : {"Q024", "Q033", "Q035", "Q039", "Q043", "Q046"}) {
        const auto p = gquic_packet(v, m);
        const Read r = read(p);
        ASSERT_EQ(r.status, gquic::PacketStatus::ok) << v;
        EXPECT_EQ(r.packet.version, number_of(v));
        EXPECT_TRUE(r.packet.carries_version);
        ASSERT_EQ(r.chunks.size(), 1u) << v;
        EXPECT_EQ(r.chunks[0].offset, 0u);
        EXPECT_EQ(to_hex(r.chunks[0].data), to_hex(m)) << v;
        EXPECT_TRUE(gquic::sent_unencrypted(p, r.packet)) << v;
    }
}

TEST(GquicPacket, WithoutTheVersionOnlyAsTheFlowsVersion) {
    // After the server's REJ: no version in the header, the full CHLO at offset 1300.
    const auto p = gquic_packet_with("Q039", false, stream_frame("Q039", 1300, typical_chlo()));
    EXPECT_EQ(read(p).status, gquic::PacketStatus::not_gquic);
    const Read r = read(p, 39);
    ASSERT_EQ(r.status, gquic::PacketStatus::ok);
    EXPECT_FALSE(r.packet.carries_version);
    EXPECT_EQ(r.packet.version, 39);
    ASSERT_EQ(r.chunks.size(), 1u);
    EXPECT_EQ(r.chunks[0].offset, 1300u);
    EXPECT_TRUE(gquic::sent_unencrypted(p, r.packet));
    // Read as Q035 (little-endian, no "Client" in the hash) the hash fails.
    const Read as35 = read(p, 35);
    EXPECT_FALSE(gquic::sent_unencrypted(p, as35.packet));
    // A Q046 flow's packets without a long header are short headers: encrypted.
    EXPECT_EQ(read(p, 46).status, gquic::PacketStatus::not_gquic);
}

TEST(GquicPacket, SkipsPingAndOtherStreamsAndReadsOffsets) {
    const auto m = typical_chlo();
    // PING, then a STREAM frame of stream 3 with a 2-byte offset, then stream 1 at 0 and at 700.
    const auto frames = concat(concat(concat({0x07}, stream_frame("Q043", 0x10, bytes("xyz"), 3)),
                                      stream_frame("Q043", 0, slice(m, 0, 200))),
                               stream_frame("Q043", 200, slice(m, 200, m.size())));
    const auto p = gquic_packet_with("Q043", true, frames);
    const Read r = read(p);
    ASSERT_EQ(r.status, gquic::PacketStatus::ok);
    ASSERT_EQ(r.chunks.size(), 2u);
    EXPECT_EQ(r.chunks[0].offset, 0u);
    EXPECT_EQ(r.chunks[0].data.size(), 200u);
    EXPECT_EQ(r.chunks[1].offset, 200u);
    EXPECT_EQ(r.chunks[1].data.size(), m.size() - 200);
}

// What a client puts before its STREAM frame once it heard from the server (an ACK of the REJ
// packets, STOP_WAITING) and the other frames a handshake packet may hold, in every layout.
TEST(GquicPacket, WalksTheFramesBeforeTheStream) {
    // ACK before Q034 (N bit, 1-byte fields): entropy, largest observed, delay, 2 timestamps,
    // 1 missing range, 1 revived packet.
    const std::vector<uint8_t> old_ack{0x60, 0xaa, 0x02, 0x00, 0x10, 0x02, 0x01, 0, 0, 0, 1, 0x01, 0, 1,
                                       0x01, 0x01, 0x00, 0x01, 0x02};
    // ACK from Q034 (N bit, 2-byte largest acked and block lengths): 2 more blocks, 2 timestamps.
    const std::vector<uint8_t> new_ack{0x65, 0x00, 0x05, 0x00, 0x10, 0x02, 0x00, 0x01, 0x01, 0x00, 0x01,
                                       0x01, 0x00, 0x01, 0x02, 0x01, 0, 0, 0, 1, 0x01, 0, 1};
    const auto m = typical_chlo();
    for (const std::string v : {"Q024", "Q033", "Q035", "Q039", "Q043", "Q046"}) {
        const int n = number_of(v);
        std::vector<uint8_t> before = n < 34 ? old_ack : new_ack;
        before.push_back(0x06);  // STOP_WAITING: entropy before Q034, then the packet number's length
        if (n < 34) before.push_back(0x01);
        before.insert(before.end(), n == 46 ? 4 : 1, 0x01);
        before.push_back(0x04);  // WINDOW_UPDATE
        before.insert(before.end(), 12, 0x00);
        before.push_back(0x05);  // BLOCKED
        before.insert(before.end(), 4, 0x00);
        before.push_back(0x01);  // RST_STREAM of stream 5
        before.insert(before.end(), 16, 0x05);
        before.push_back(0x03);  // GOAWAY with a reason
        before.insert(before.end(), 8, 0x00);
        put_u16(before, v, 3);
        before.insert(before.end(), {'b', 'y', 'e'});
        before.push_back(0x07);  // PING
        if (n >= 38) before.insert(before.end(), {0x00, 0x00, 0x00});  // PADDING: a run of zeros from Q038
        const auto p = gquic_packet_with(v, false, concat(before, stream_frame(v, 1300, m)));
        const Read r = read(p, n == 46 ? -1 : n);
        ASSERT_EQ(r.status, gquic::PacketStatus::ok) << v;
        ASSERT_EQ(r.chunks.size(), 1u) << v;
        EXPECT_EQ(r.chunks[0].offset, 1300u) << v;
        EXPECT_EQ(to_hex(r.chunks[0].data), to_hex(m)) << v;
    }
    // Before Q038 PADDING is the rest of the packet; a frame type the walk does not know ends it.
    EXPECT_TRUE(read(gquic_packet_with("Q035", true, concat({0x00}, stream_frame("Q035", 0, m)))).chunks.empty());
    EXPECT_TRUE(read(gquic_packet_with("Q043", true, concat({0x08}, stream_frame("Q043", 0, m)))).chunks.empty());
}

TEST(GquicPacket, OtherTrafficIsNotGquic) {
    for (const auto& p : {bytes(""), bytes("GET / HTTP/1.1\r\n"), unhex("0d0102030405060708"),
                          unhex("0d0102030405060708513939"),                // "Q99": no such version
                          unhex("c3000000010800"), unhex("c351303530085555")}) {  // IETF v1, Q050
        const Read r = read(p, 43);
        EXPECT_EQ(r.status, gquic::PacketStatus::not_gquic) << to_hex(p);
        EXPECT_EQ(r.packet.version, -1);
    }
    // A public reset, with or without the version bit.
    auto p = gquic_packet("Q043", typical_chlo());
    p[0] = 0x0f;
    EXPECT_EQ(read(p, 43).status, gquic::PacketStatus::not_gquic);
    p[0] = 0x0e;
    EXPECT_EQ(read(p, 43).status, gquic::PacketStatus::not_gquic);
}

TEST(GquicPacket, TruncatedAndOverlongFramesAreMalformed) {
    const auto good = gquic_packet("Q039", typical_chlo());
    const size_t frames = 1 + 8 + 4 + 1 + 12;
    for (size_t n = 13; n < good.size(); ++n) {  // every cut after the version
        const Read r = read(std::vector<uint8_t>(good.begin(), good.begin() + ptrdiff_t(n)));
        EXPECT_EQ(r.status, n == frames ? gquic::PacketStatus::ok : gquic::PacketStatus::malformed) << n;
        EXPECT_TRUE(r.chunks.empty()) << n;
    }
    auto overlong = good;
    overlong[frames + 2] = 0xff;  // data length 0xff.. beyond the packet
    EXPECT_EQ(read(overlong).status, gquic::PacketStatus::malformed);
}

TEST(GquicPacket, HashHoldsOnlyForTheBytesSent) {
    for (const std::string v : {"Q024", "Q035", "Q039", "Q046"}) {
        const auto p = gquic_packet(v, typical_chlo());
        ASSERT_TRUE(gquic::sent_unencrypted(p, read(p).packet)) << v;
        for (size_t i = 0; i < p.size(); ++i) {
            auto q = p;
            q[i] ^= 0x20;
            const Read r = read(q, number_of(v));
            if (r.status != gquic::PacketStatus::not_gquic) {
                EXPECT_FALSE(gquic::sent_unencrypted(q, r.packet)) << v << " " << i;
            }
        }
    }
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
    t.send(obs, kToServer, gquic_packet_with("Q043", true, {0x00}));  // PADDING: no CHLO in this packet
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToServer, gquic_packet("Q043", typical_chlo()));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
}

// A CHLO too large for one packet (as with cached certificate hashes): its SNI after 1,000 bytes
// of padding, a server token (STK) between SNI and UAID.
std::vector<uint8_t> large_chlo(const std::string& sni = "split.example.com", size_t token = 100) {
    return gquic_chlo({{kPadTag, std::string(1000, '-')},
                       {kSniTag, sni},
                       {kStkTag, std::string(token, 't')},
                       {"UAID", "Chrome/70.0 Linux x86_64"}});
}

// Client packets of flow `t`, each a STREAM frame of stream 1 with bytes [from, to) of `m`.
void send_piece(Observer& obs, TestFlow& t, const std::string& v, const std::vector<uint8_t>& m, size_t from, size_t to,
                uint8_t pn, bool with_version = true, bool good_hash = true) {
    t.send(obs, kToServer, gquic_packet_with(v, with_version, stream_frame(v, from, slice(m, from, to)), pn, good_hash));
}

const AssetAttribute* client_agent(const Observer& obs) {
    const auto records = obs.device_records();
    for (const auto& r : records)
        if (r.macs.empty() && !r.ips.empty() && r.ips.front() == *IpAddress::parse("192.0.2.1"))
            for (const auto& a : r.attributes)
                if (a.name == "user_agent") {
                    static AssetAttribute kept;
                    kept = a;
                    return &kept;
                }
    return nullptr;
}

TEST(GquicHandshake, ChloSplitOverTwoPacketsIsReassembled) {
    const auto m = large_chlo();
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q043", m, 0, 1000, 1);
    EXPECT_TRUE(t.flow.server_name.empty());
    EXPECT_FALSE(t.flow.inspection_done);
    send_piece(obs, t, "Q043", m, 1000, m.size(), 2);
    EXPECT_EQ(t.flow.server_name, "split.example.com");
    EXPECT_EQ(t.flow.name_source, NameSource::quic_sni);
    EXPECT_TRUE(t.flow.inspection_done);
    const auto c = obs.counters();
    EXPECT_EQ(c.at("gquic_chlos"), 1u);
    EXPECT_EQ(c.at("gquic_malformed"), 0u);
    EXPECT_EQ(c.at("reassembly_overflow"), 0u);
    const AssetAttribute* ua = client_agent(obs);
    ASSERT_NE(ua, nullptr);
    EXPECT_EQ(ua->value, "Chrome/70.0 Linux x86_64");
    EXPECT_EQ(ua->source.detail, "gQUIC UAID");
}

TEST(GquicHandshake, ContinuationBeforeItsStart) {
    // Before the server answers, every client packet carries the version: the second half of a
    // split CHLO can be read when it overtakes the first.
    const auto m = large_chlo();
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q039", m, 1000, m.size(), 2);
    EXPECT_TRUE(t.flow.server_name.empty());
    EXPECT_FALSE(t.flow.inspection_done);
    send_piece(obs, t, "Q039", m, 0, 1000, 1);
    EXPECT_EQ(t.flow.server_name, "split.example.com");
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
}

TEST(GquicHandshake, RetransmissionsAndOverlapsFallIntoPlace) {
    const auto m = large_chlo();
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q035", m, 0, 1000, 1);
    send_piece(obs, t, "Q035", m, 0, 1000, 2);  // sent again under a new packet number
    EXPECT_TRUE(t.flow.server_name.empty());
    send_piece(obs, t, "Q035", m, 900, m.size(), 3);  // overlaps the first by 100 bytes
    EXPECT_EQ(t.flow.server_name, "split.example.com");
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
    EXPECT_EQ(obs.counters().at("gquic_malformed"), 0u);
}

TEST(GquicHandshake, SecondChloAtANonZeroOffsetNamesTheFlow) {
    // The inchoate CHLO was not captured: the client's first packet seen holds PING and PADDING;
    // after the server's REJ the full CHLO follows at stream offset 1300, without the version,
    // behind an ACK of the REJ and a STOP_WAITING (as in ndpi/youtubeupload.pcap).
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    t.send(obs, kToServer, gquic_packet_with("Q039", true, {0x07, 0x00, 0x00}));
    t.send(obs, kToClient, bytes("REJ from the server (not read)"));
    const std::vector<uint8_t> ack_and_stop{0x40, 0x02, 0x14, 0x81, 0x02, 0x00, 0x06, 0x00};
    t.send(obs, kToServer, gquic_packet_with("Q039", false, concat(ack_and_stop, stream_frame("Q039", 1300, typical_chlo())), 2));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
    // Q046 long headers always carry the version: a CHLO at offset 1024 in the first packet seen.
    TestFlow q46(kProtoUdp, 443, 2);
    q46.send(obs, kToServer, gquic_packet_with("Q046", true, stream_frame("Q046", 1024, typical_chlo())));
    EXPECT_EQ(q46.flow.server_name, "www.example.com");
}

TEST(GquicHandshake, EncryptedLookalikesAreNotTaken) {
    const auto m = large_chlo(), fake = large_chlo("fake0.example.com");
    ASSERT_EQ(m.size(), fake.size());
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q043", m, 0, 1000, 1);
    // Without the version and with a hash that fails: encrypted bytes that happen to look like the
    // continuation. Not taken.
    send_piece(obs, t, "Q043", fake, 1000, fake.size(), 2, false, false);
    EXPECT_TRUE(t.flow.server_name.empty());
    EXPECT_FALSE(t.flow.inspection_done);
    send_piece(obs, t, "Q043", m, 1000, m.size(), 3, false);
    EXPECT_EQ(t.flow.server_name, "split.example.com");
}

TEST(GquicHandshake, ValuesAreTakenAsSoonAsWholeAndOnlyOnce) {
    // SNI in the first packet, UAID after a 1,500-byte token in the second.
    const auto m = large_chlo("split.example.com", 1500);
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q043", m, 0, 1200, 1);
    EXPECT_EQ(t.flow.server_name, "split.example.com");
    EXPECT_EQ(client_agent(obs), nullptr);
    EXPECT_FALSE(t.flow.inspection_done);
    send_piece(obs, t, "Q043", m, 0, 1200, 2);  // a retransmission
    send_piece(obs, t, "Q043", m, 1200, m.size(), 3);
    const AssetAttribute* ua = client_agent(obs);
    ASSERT_NE(ua, nullptr);
    EXPECT_EQ(ua->count, 1u);
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
    EXPECT_TRUE(t.flow.inspection_done);
}

TEST(GquicHandshake, BoundedByTheReassemblyLimit) {
    ObserverLimits limits;
    limits.max_reassembly_bytes = 1500;
    const auto m = large_chlo("split.example.com", 2000);  // SNI within the bound, UAID beyond it
    Observer obs(limits);
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q043", m, 0, 1000, 1);
    send_piece(obs, t, "Q043", m, 1000, 2000, 2);
    EXPECT_EQ(t.flow.server_name, "split.example.com");
    const auto c = obs.counters();
    EXPECT_GE(c.at("reassembly_overflow"), 1u);
    EXPECT_EQ(c.at("gquic_chlos"), 1u);  // read as far as the bound, then done
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(client_agent(obs), nullptr);
}

TEST(GquicHandshake, StateIsDroppedAtTheEndOfTheFlow) {
    const auto m = large_chlo();
    observe::Shared shared;
    gquic::ClientHandshake hs(shared);
    Flow flow;
    flow.id = 7;
    flow.client_ip = *IpAddress::parse("192.0.2.1");
    const auto first = gquic_packet_with("Q043", true, stream_frame("Q043", 0, slice(m, 0, 1000)));
    EXPECT_EQ(hs.on_client_datagram(flow, first, 0), gquic::ClientHandshake::Result::more);
    EXPECT_TRUE(hs.tracking(7));
    hs.forget(7);
    EXPECT_FALSE(hs.tracking(7));

    // Through the Observer: after on_flow_end the second half alone begins no CHLO.
    Observer obs;
    TestFlow ended(kProtoUdp, 443, 1), kept(kProtoUdp, 443, 2);
    send_piece(obs, ended, "Q043", m, 0, 1000, 1);
    send_piece(obs, kept, "Q043", m, 0, 1000, 1);
    obs.on_flow_end(ended.flow);
    EXPECT_EQ(ended.flow.observed_by, 0);
    send_piece(obs, ended, "Q043", m, 1000, m.size(), 2);
    send_piece(obs, kept, "Q043", m, 1000, m.size(), 2);
    EXPECT_TRUE(ended.flow.server_name.empty());
    EXPECT_EQ(kept.flow.server_name, "split.example.com");
}

TEST(GquicHandshake, AnotherVersionStartsOver) {
    // A Q043 attempt whose CHLO never completes, then (after version negotiation) a Q039 one.
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    send_piece(obs, t, "Q043", large_chlo("first.example.com"), 0, 1000, 1);
    t.send(obs, kToServer, gquic_packet("Q039", typical_chlo()));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
}

}  // namespace
}  // namespace sovscan::test
