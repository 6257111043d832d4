#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"
#include "observe/quic_initial.h"
#include "observe/quic_test_vectors.h"

namespace sovscan::test {
namespace {

namespace quic = observe::quic;

std::vector<uint8_t> expected_payload() {
    auto p = unhex(kCryptoFrame);
    p.resize(1162, 0);
    return p;
}

TEST(QuicInitial, Rfc9001KeysFromDcid) {
    quic::InitialSecrets s;
    ASSERT_TRUE(quic::derive_client_initial(*quic::find_version(1), unhex(kDcid), s));
    EXPECT_EQ(to_hex(s.initial), "7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44");
    EXPECT_EQ(to_hex(s.client), "c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea");
    EXPECT_EQ(to_hex(s.key), "1f369613dd76d5467730efcbe3b1a22d");
    EXPECT_EQ(to_hex(s.iv), "fa044b2f42a3fd3b46fb255c");
    EXPECT_EQ(to_hex(s.hp), "9f50449e04a0e810283a1e9933adedd2");
}

TEST(QuicInitial, Rfc9369KeysFromDcid) {
    quic::InitialSecrets s;
    ASSERT_TRUE(quic::derive_client_initial(*quic::find_version(0x6b3343cf), unhex(kDcid), s));
    EXPECT_EQ(to_hex(s.initial), "2062e8b3cd8d52092614b8071d0aa1fb7c2e3ac193f78b280e72d8f5751f6aba");
    EXPECT_EQ(to_hex(s.client), "14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b");
    EXPECT_EQ(to_hex(s.key), "8b1a0bc121284290a29e0971b5cd045d");
    EXPECT_EQ(to_hex(s.iv), "91f73e2351d8fa91660e909f");
    EXPECT_EQ(to_hex(s.hp), "45b95e15235d6f45a6b19cbcb0294ba9");
}

void expect_same_keys(const quic::InitialSecrets* got, uint32_t version, const std::vector<uint8_t>& dcid) {
    ASSERT_NE(got, nullptr);
    quic::InitialSecrets want;
    ASSERT_TRUE(quic::derive_client_initial(*quic::find_version(version), dcid, want));
    EXPECT_EQ(to_hex(got->key), to_hex(want.key));
    EXPECT_EQ(to_hex(got->iv), to_hex(want.iv));
    EXPECT_EQ(to_hex(got->hp), to_hex(want.hp));
}

TEST(QuicInitialKeyCache, DerivesOncePerVersionAndDcid) {
    quic::InitialKeyCache cache;
    const auto& v1 = *quic::find_version(1);
    const auto dcid = unhex(kDcid);
    const quic::InitialSecrets* k = cache.find_or_derive(v1, dcid);
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(to_hex(k->key), "1f369613dd76d5467730efcbe3b1a22d");  // RFC 9001 A.1
    for (int i = 0; i < 10; ++i) expect_same_keys(cache.find_or_derive(v1, dcid), 1, dcid);
    EXPECT_EQ(cache.derivations(), 1u);
}

TEST(QuicInitialKeyCache, TwoVersionsOfOneDcidAreTwoEntries) {
    const auto dcid = unhex(kDcid);
    for (size_t slots : {size_t(256), size_t(1)}) {  // in one slot, the versions evict each other
        quic::InitialKeyCache cache(slots);
        for (int round = 0; round < 2; ++round) {
            const quic::InitialSecrets* k2 = cache.find_or_derive(*quic::find_version(0x6b3343cf), dcid);
            ASSERT_NE(k2, nullptr);
            EXPECT_EQ(to_hex(k2->key), "8b1a0bc121284290a29e0971b5cd045d");  // RFC 9369 A.1
            expect_same_keys(cache.find_or_derive(*quic::find_version(1), dcid), 1, dcid);
        }
        EXPECT_EQ(cache.derivations(), slots == 1 ? 4u : 2u) << slots;
    }
}

TEST(QuicInitialKeyCache, CollidingDcidsEvictAndNeverMixKeys) {
    // One slot: every DCID collides, including one that is a prefix of another.
    quic::InitialKeyCache cache(1);
    ASSERT_EQ(cache.slots(), 1u);
    const auto a = unhex("8394c8f03e515708"), b = unhex("8394c8f03e5157"), c = unhex("");
    for (int round = 0; round < 3; ++round)
        for (const auto* dcid : {&a, &b, &c})
            expect_same_keys(cache.find_or_derive(*quic::find_version(1), *dcid), 1, *dcid);
    EXPECT_EQ(cache.derivations(), 9u);
    expect_same_keys(cache.find_or_derive(*quic::find_version(1), c), 1, c);  // the last one stays
    EXPECT_EQ(cache.derivations(), 9u);
}

TEST(QuicInitialKeyCache, FullSetEvictsTheLeastRecentlyUsed) {
    quic::InitialKeyCache cache(4);  // one set of four
    const auto& v1 = *quic::find_version(1);
    const std::vector<std::vector<uint8_t>> d{unhex("01"), unhex("02"), unhex("03"), unhex("04"), unhex("05")};
    for (size_t i = 0; i < 4; ++i) ASSERT_NE(cache.find_or_derive(v1, d[i]), nullptr);
    ASSERT_NE(cache.find_or_derive(v1, d[0]), nullptr);  // 01 is now more recent than 02
    EXPECT_EQ(cache.derivations(), 4u);
    expect_same_keys(cache.find_or_derive(v1, d[4]), 1, d[4]);  // evicts 02
    EXPECT_EQ(cache.derivations(), 5u);
    for (size_t i : {0, 2, 3, 4}) expect_same_keys(cache.find_or_derive(v1, d[i]), 1, d[i]);
    EXPECT_EQ(cache.derivations(), 5u);
    expect_same_keys(cache.find_or_derive(v1, d[1]), 1, d[1]);
    EXPECT_EQ(cache.derivations(), 6u);
}

TEST(QuicInitialKeyCache, BoundedUnderManyDcids) {
    quic::InitialKeyCache cache(5);
    EXPECT_EQ(cache.slots(), 8u);  // rounded up to a power of two
    const auto& v1 = *quic::find_version(1);
    std::vector<uint8_t> dcid(20);
    for (uint32_t i = 0; i < 5000; ++i) {
        for (size_t j = 0; j < 4; ++j) dcid[j] = uint8_t(i >> (8 * j));
        ASSERT_NE(cache.find_or_derive(v1, dcid), nullptr);
        ASSERT_NE(cache.find_or_derive(v1, dcid), nullptr);  // the entry just stored is a hit
    }
    EXPECT_EQ(cache.slots(), 8u);
    EXPECT_EQ(cache.derivations(), 5000u);
    // Connection IDs longer than 20 bytes do not exist: no entry, no derivation.
    EXPECT_EQ(cache.find_or_derive(v1, std::vector<uint8_t>(21, 0xab)), nullptr);
    EXPECT_EQ(cache.derivations(), 5000u);
}

void expect_decrypts(std::string_view packet_hex, uint32_t version) {
    const auto pkt = unhex(packet_hex);
    ASSERT_EQ(pkt.size(), 1200u);
    quic::LongHeader h;
    const quic::VersionParams* params = nullptr;
    ASSERT_EQ(quic::parse_long_header(pkt, h, params), quic::HeaderStatus::ok);
    EXPECT_EQ(h.version, version);
    EXPECT_EQ(h.type, params->initial_type);
    EXPECT_EQ(to_hex(h.dcid), kDcid);
    EXPECT_EQ(h.packet_len, 1200u);
    quic::InitialSecrets s;
    ASSERT_TRUE(quic::derive_client_initial(*params, h.dcid, s));
    quic::InitialOpener opener;
    std::vector<uint8_t> plain;
    uint64_t pn = 0;
    ASSERT_TRUE(opener.open(pkt, h, s, plain, pn));
    EXPECT_EQ(pn, 2u);
    EXPECT_EQ(plain, expected_payload());
    std::vector<quic::CryptoFrame> frames;
    ASSERT_TRUE(quic::crypto_frames(plain, frames));
    ASSERT_EQ(frames.size(), 1u);
    observe::ClientHelloInfo info;
    EXPECT_EQ(observe::parse_client_hello(frames[0].data, info), observe::ParseStatus::ok);
    EXPECT_EQ(info.server_name, "example.com");
}

TEST(QuicInitial, Rfc9001ClientInitialDecrypts) { expect_decrypts(kV1Packet, 1); }
TEST(QuicInitial, Rfc9369ClientInitialDecrypts) { expect_decrypts(kV2Packet, 0x6b3343cf); }

TEST(QuicInitial, OpenerSwitchesKeysAndRecoversFromABadTag) {
    // One opener keeps its cipher keys between packets: alternate versions (other keys), repeat one
    // (same keys), and fail a tag in between.
    quic::InitialOpener opener;
    auto open = [&](const std::vector<uint8_t>& pkt) {
        quic::LongHeader h;
        const quic::VersionParams* params = nullptr;
        EXPECT_EQ(quic::parse_long_header(pkt, h, params), quic::HeaderStatus::ok);
        quic::InitialSecrets s;
        EXPECT_TRUE(quic::derive_client_initial(*params, h.dcid, s));
        std::vector<uint8_t> plain;
        uint64_t pn = 0;
        const bool ok = opener.open(pkt, h, s, plain, pn);
        EXPECT_EQ(ok && plain == expected_payload(), ok);
        return ok;
    };
    const auto v1 = unhex(kV1Packet), v2 = unhex(kV2Packet);
    auto bad = v1;
    bad[bad.size() - 1] ^= 1;  // the last byte of the tag
    EXPECT_TRUE(open(v1));
    EXPECT_TRUE(open(v1));
    EXPECT_TRUE(open(v2));
    EXPECT_FALSE(open(bad));
    EXPECT_TRUE(open(v1));
    EXPECT_FALSE(open(bad));
    EXPECT_TRUE(open(v2));
    EXPECT_TRUE(open(v1));
}

TEST(QuicInitial, ObserverSetsQuicSni) {
    for (auto hex : {kV1Packet, kV2Packet}) {
        Observer obs;
        TestFlow t(kProtoUdp, 443);
        t.send(obs, kToServer, unhex(hex));
        EXPECT_EQ(t.flow.server_name, "example.com");
        EXPECT_EQ(t.flow.name_source, NameSource::quic_sni);
        EXPECT_TRUE(t.flow.inspection_done);
        EXPECT_EQ(obs.counters().at("quic_initials_decrypted"), 1u);
    }
}

TEST(QuicInitial, TamperedAndTruncatedPacketsFailCleanly) {
    Observer obs;
    auto pkt = unhex(kV1Packet);
    pkt[500] ^= 1;
    TestFlow t(kProtoUdp, 443);
    t.send(obs, kToServer, pkt);
    EXPECT_TRUE(t.flow.server_name.empty());
    EXPECT_EQ(obs.counters().at("quic_decrypt_failed"), 1u);
    const auto good = unhex(kV1Packet);
    for (size_t n = 0; n < good.size(); n += 7) {
        TestFlow u(kProtoUdp, 443, 100 + n);
        u.send(obs, kToServer, slice(good, 0, n));
        EXPECT_TRUE(u.flow.server_name.empty());
    }
}

TEST(QuicInitial, UnsupportedVersionIsCounted) {
    Observer obs;
    auto pkt = unhex(kV1Packet);
    pkt[1] = 0x5a, pkt[2] = 0x5a, pkt[3] = 0x00, pkt[4] = 0x01;  // no version anyone assigned
    TestFlow t(kProtoUdp, 443);
    t.send(obs, kToServer, pkt);
    EXPECT_EQ(obs.counters().at("quic_unsupported_version"), 1u);
}

// Other UDP can begin with a byte whose top bits are set: a DNS query with id 0xc5.., an IKE
// message, a short datagram of some game. Not QUIC of an unknown version: not padded to 1200
// bytes as every client Initial is, or no fixed bit, or connection ids longer than 20 bytes.
TEST(QuicInitial, OtherUdpWithTheTopBitSetIsNotCountedAsAnUnknownVersion) {
    Observer obs;
    const auto dns_query = unhex("c5a10100000100000000000006676f6f676c6503636f6d0000010001");
    TestFlow dns(kProtoUdp, 53);
    dns.send(obs, kToServer, dns_query);
    auto no_fixed_bit = unhex(kV1Packet);
    no_fixed_bit[0] = 0x80, no_fixed_bit[1] = 0x5a, no_fixed_bit[2] = 0x5a;
    TestFlow a(kProtoUdp, 443, 101);
    a.send(obs, kToServer, no_fixed_bit);
    auto long_cid = unhex(kV1Packet);
    long_cid[1] = 0x5a, long_cid[2] = 0x5a, long_cid[5] = 21;
    TestFlow b(kProtoUdp, 443, 102);
    b.send(obs, kToServer, long_cid);
    auto short_datagram = unhex(kV1Packet);
    short_datagram[1] = 0x5a, short_datagram[2] = 0x5a;
    short_datagram.resize(1199);
    TestFlow c(kProtoUdp, 443, 103);
    c.send(obs, kToServer, short_datagram);
    EXPECT_EQ(obs.counters().at("quic_unsupported_version"), 0u);
}

// Test-side packet protection (the inverse of InitialOpener), to build Initials carrying CRYPTO
// frames split in any way: 4-byte packet numbers, no token.
std::vector<uint8_t> seal_initial(uint32_t version, const std::vector<uint8_t>& dcid, uint32_t pn,
                                  const std::vector<uint8_t>& frames) {
    const auto* params = quic::find_version(version);
    quic::InitialSecrets s;
    EXPECT_TRUE(quic::derive_client_initial(*params, dcid, s));
    std::vector<uint8_t> payload = frames;
    if (payload.size() < 1100) payload.resize(1100, 0);  // PADDING, as clients do
    std::vector<uint8_t> pkt{uint8_t(0xc0 | (params->initial_type << 4) | 0x03)};
    for (int i = 3; i >= 0; --i) pkt.push_back(uint8_t(version >> (8 * i)));
    pkt.push_back(uint8_t(dcid.size()));
    pkt.insert(pkt.end(), dcid.begin(), dcid.end());
    pkt.push_back(0);  // SCID
    pkt.push_back(0);  // token
    const size_t length = 4 + payload.size() + 16;
    pkt.push_back(uint8_t(0x40 | (length >> 8)));
    pkt.push_back(uint8_t(length));
    const size_t pn_offset = pkt.size();
    for (int i = 3; i >= 0; --i) pkt.push_back(uint8_t(pn >> (8 * i)));
    uint8_t nonce[12];
    std::memcpy(nonce, s.iv.data(), 12);
    for (int i = 0; i < 4; ++i) nonce[11 - i] ^= uint8_t(pn >> (8 * i));
    std::vector<uint8_t> ct(payload.size() + 16);
    int len = 0;
    EVP_CIPHER_CTX* c = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), nullptr, nullptr, nullptr);
    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, nullptr);
    EVP_EncryptInit_ex(c, nullptr, nullptr, s.key.data(), nonce);
    EVP_EncryptUpdate(c, nullptr, &len, pkt.data(), int(pkt.size()));
    EVP_EncryptUpdate(c, ct.data(), &len, payload.data(), int(payload.size()));
    EVP_EncryptFinal_ex(c, ct.data() + len, &len);
    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, ct.data() + payload.size());
    EVP_CIPHER_CTX_free(c);
    pkt.insert(pkt.end(), ct.begin(), ct.end());
    uint8_t mask[16];
    c = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), nullptr, s.hp.data(), nullptr);
    EVP_CIPHER_CTX_set_padding(c, 0);
    EVP_EncryptUpdate(c, mask, &len, pkt.data() + pn_offset + 4, 16);
    EVP_CIPHER_CTX_free(c);
    pkt[0] ^= mask[0] & 0x0f;
    for (int i = 0; i < 4; ++i) pkt[pn_offset + i] ^= mask[1 + i];
    return pkt;
}

std::vector<uint8_t> crypto_frame(size_t offset, const std::vector<uint8_t>& data) {
    std::vector<uint8_t> f{0x06, uint8_t(0x80), uint8_t(offset >> 16), uint8_t(offset >> 8), uint8_t(offset)};
    f.insert(f.end(), {uint8_t(0x40 | (data.size() >> 8)), uint8_t(data.size())});
    f.insert(f.end(), data.begin(), data.end());
    return f;
}

TEST(QuicInitial, CryptoFramesOutOfOrderAcrossPacketsAndCoalesced) {
    const auto ch = client_hello_message("multi.quic.example", 1500);  // needs two Initials
    const auto dcid = unhex("0011223344556677");
    for (uint32_t version : {1u, 0x6b3343cfu}) {
        Observer obs;
        TestFlow t(kProtoUdp, 443);
        // Packet 1: the tail, then a PING and the middle, out of order within the packet.
        auto f1 = crypto_frame(1000, slice(ch, 1000, ch.size()));
        f1.push_back(0x01);
        const auto mid = crypto_frame(600, slice(ch, 600, 1000));
        f1.insert(f1.end(), mid.begin(), mid.end());
        t.send(obs, kToServer, seal_initial(version, dcid, 0, f1));
        EXPECT_TRUE(t.flow.server_name.empty());
        // Datagram 2: two coalesced Initials, the second carrying the head.
        auto d2 = seal_initial(version, dcid, 1, {0x01});
        const auto p3 = seal_initial(version, dcid, 2, crypto_frame(0, slice(ch, 0, 600)));
        d2.insert(d2.end(), p3.begin(), p3.end());
        t.send(obs, kToServer, d2);
        EXPECT_EQ(t.flow.server_name, "multi.quic.example") << std::hex << version;
        EXPECT_EQ(obs.counters().at("quic_initials_decrypted"), 3u);
    }
}

// Google's CRYPTO frame (type 0x08), offset and length as varints.
std::vector<uint8_t> google_crypto_frame(size_t offset, const std::vector<uint8_t>& data) {
    auto f = crypto_frame(offset, data);
    f[0] = 0x08;
    return f;
}

TEST(QuicInitial, GoogleT05xInitialsCarryAClientHello) {
    const auto dcid = unhex("555f32d35f29d863");
    for (uint32_t version : {0x54303530u, 0x54303531u}) {  // T050, T051
        Observer obs;
        TestFlow t(kProtoUdp, 443);
        t.send(obs, kToServer, seal_initial(version, dcid, 1, google_crypto_frame(0, client_hello_message("t05x.example"))));
        EXPECT_EQ(t.flow.server_name, "t05x.example") << std::hex << version;
        EXPECT_EQ(t.flow.name_source, NameSource::quic_sni);
        EXPECT_EQ(obs.counters().at("quic_client_hellos"), 1u);
    }
}

TEST(QuicInitial, GoogleQ050InitialCarriesAChloAcrossTwoPackets) {
    const auto dcid = unhex("df4a089e4eff5e7a");
    const auto chlo = gquic_chlo({{std::string("PAD\0", 4), std::string(700, '-')},
                                  {std::string("SNI\0", 4), "q050.example"},
                                  {"UAID", "Chrome/83.0"}});
    Observer obs;
    TestFlow t(kProtoUdp, 443);
    // The tail first, in a packet of its own (with a PING), then the head.
    auto f1 = google_crypto_frame(500, slice(chlo, 500, chlo.size()));
    f1.push_back(0x07);
    t.send(obs, kToServer, seal_initial(0x51303530, dcid, 1, f1));
    EXPECT_TRUE(t.flow.server_name.empty());
    t.send(obs, kToServer, seal_initial(0x51303530, dcid, 2, google_crypto_frame(0, slice(chlo, 0, 500))));
    EXPECT_EQ(t.flow.server_name, "q050.example");
    EXPECT_EQ(obs.counters().at("gquic_chlos"), 1u);
    EXPECT_EQ(obs.counters().at("quic_initials_decrypted"), 2u);
}

TEST(QuicInitial, GoogleFramesStopAtAnUnknownFrame) {
    std::vector<quic::CryptoFrame> frames;
    auto payload = google_crypto_frame(0, bytes("abc"));
    payload.push_back(0x07);  // PING
    EXPECT_TRUE(quic::google_crypto_frames(payload, frames));
    ASSERT_EQ(frames.size(), 1u);
    payload.push_back(0x40);  // a Google ACK: not parsed
    EXPECT_FALSE(quic::google_crypto_frames(payload, frames));
    EXPECT_EQ(frames.size(), 1u);
    EXPECT_FALSE(quic::google_crypto_frames(slice(payload, 0, 5), frames));  // cut inside the data
    EXPECT_FALSE(quic::crypto_frames(google_crypto_frame(0, bytes("abc")), frames));  // 0x08 is not IETF CRYPTO
}

}  // namespace
}  // namespace sovscan::test
