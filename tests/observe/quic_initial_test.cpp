#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"
#include "observe/quic_initial.h"

namespace sovscan::test {
namespace {

namespace quic = observe::quic;

// RFC 9001 Appendix A.2 (v1) and RFC 9369 Appendix A.2 (v2): the client's first Initial, DCID
// 8394c8f03e515708, packet number 2, one CRYPTO frame then PADDING up to 1162 bytes.
constexpr std::string_view kDcid = "8394c8f03e515708";
constexpr std::string_view kCryptoFrame =
    "060040f1010000ed0303ebf8fa56f12939b9584a3896472ec40bb863cfd3e86804fe3a47f06a2b69484c00000413011302010000c0000000"
    "10000e00000b6578616d706c652e636f6dff01000100000a00080006001d0017001800100007000504616c706e00050005010000000000330026"
    "0024001d00209370b2c9caa47fbabaf4559fedba753de171fa71f50f1ce15d43e994ec74d748002b0003020304000d0010000e04030503060302"
    "03080408050806002d00020101001c00024001003900320408ffffffffffffffff05048000ffff07048000ffff0801100104800075300901100f"
    "088394c8f03e51570806048000ffff";
constexpr std::string_view kV1Packet =
    "c000000001088394c8f03e5157080000449e7b9aec34d1b1c98dd7689fb8ec11d242b123dc9bd8bab936b47d92ec356c0bab7df5976d27cd449f"
    "63300099f3991c260ec4c60d17b31f8429157bb35a1282a643a8d2262cad67500cadb8e7378c8eb7539ec4d4905fed1bee1fc8aafba17c750e2c"
    "7ace01e6005f80fcb7df621230c83711b39343fa028cea7f7fb5ff89eac2308249a02252155e2347b63d58c5457afd84d05dfffdb20392844ae8"
    "12154682e9cf012f9021a6f0be17ddd0c2084dce25ff9b06cde535d0f920a2db1bf362c23e596d11a4f5a6cf3948838a3aec4e15daf8500a6ef6"
    "9ec4e3feb6b1d98e610ac8b7ec3faf6ad760b7bad1db4ba3485e8a94dc250ae3fdb41ed15fb6a8e5eba0fc3dd60bc8e30c5c4287e53805db059a"
    "e0648db2f64264ed5e39be2e20d82df566da8dd5998ccabdae053060ae6c7b4378e846d29f37ed7b4ea9ec5d82e7961b7f25a9323851f681d582"
    "363aa5f89937f5a67258bf63ad6f1a0b1d96dbd4faddfcefc5266ba6611722395c906556be52afe3f565636ad1b17d508b73d8743eeb524be22b"
    "3dcbc2c7468d54119c7468449a13d8e3b95811a198f3491de3e7fe942b330407abf82a4ed7c1b311663ac69890f4157015853d91e923037c227a"
    "33cdd5ec281ca3f79c44546b9d90ca00f064c99e3dd97911d39fe9c5d0b23a229a234cb36186c4819e8b9c5927726632291d6a418211cc2962e2"
    "0fe47feb3edf330f2c603a9d48c0fcb5699dbfe5896425c5bac4aee82e57a85aaf4e2513e4f05796b07ba2ee47d80506f8d2c25e50fd14de71e6"
    "c418559302f939b0e1abd576f279c4b2e0feb85c1f28ff18f58891ffef132eef2fa09346aee33c28eb130ff28f5b766953334113211996d20011"
    "a198e3fc433f9f2541010ae17c1bf202580f6047472fb36857fe843b19f5984009ddc324044e847a4f4a0ab34f719595de37252d6235365e9b84"
    "392b061085349d73203a4a13e96f5432ec0fd4a1ee65accdd5e3904df54c1da510b0ff20dcc0c77fcb2c0e0eb605cb0504db87632cf3d8b4dae6"
    "e705769d1de354270123cb11450efc60ac47683d7b8d0f811365565fd98c4c8eb936bcab8d069fc33bd801b03adea2e1fbc5aa463d08ca19896d"
    "2bf59a071b851e6c239052172f296bfb5e72404790a2181014f3b94a4e97d117b438130368cc39dbb2d198065ae3986547926cd2162f40a29f0c"
    "3c8745c0f50fba3852e566d44575c29d39a03f0cda721984b6f440591f355e12d439ff150aab7613499dbd49adabc8676eef023b15b65bfc5ca0"
    "6948109f23f350db82123535eb8a7433bdabcb909271a6ecbcb58b936a88cd4e8f2e6ff5800175f113253d8fa9ca8885c2f552e657dc603f252e"
    "1a8e308f76f0be79e2fb8f5d5fbbe2e30ecadd220723c8c0aea8078cdfcb3868263ff8f0940054da48781893a7e49ad5aff4af300cd804a6b627"
    "9ab3ff3afb64491c85194aab760d58a606654f9f4400e8b38591356fbf6425aca26dc85244259ff2b19c41b9f96f3ca9ec1dde434da7d2d392b9"
    "05ddf3d1f9af93d1af5950bd493f5aa731b4056df31bd267b6b90a079831aaf579be0a39013137aac6d404f518cfd46840647e78bfe706ca4cf5"
    "e9c5453e9f7cfd2b8b4c8d169a44e55c88d4a9a7f9474241e221af44860018ab0856972e194cd934";
constexpr std::string_view kV2Packet =
    "d76b3343cf088394c8f03e5157080000449ea0c95e82ffe67b6abcdb4298b485dd04de806071bf03dceebfa162e75d6c96058bdbfb127cdfcbf9"
    "03388e99ad049f9a3dd4425ae4d0992cfff18ecf0fdb5a842d09747052f17ac2053d21f57c5d250f2c4f0e0202b70785b7946e992e58a59ac52d"
    "ea6774d4f03b55545243cf1a12834e3f249a78d395e0d18f4d766004f1a2674802a747eaa901c3f10cda5500cb9122faa9f1df66c392079a1b40"
    "f0de1c6054196a11cbea40afb6ef5253cd6818f6625efce3b6def6ba7e4b37a40f7732e093daa7d52190935b8da58976ff3312ae50b187c1433c"
    "0f028edcc4c2838b6a9bfc226ca4b4530e7a4ccee1bfa2a3d396ae5a3fb512384b2fdd851f784a65e03f2c4fbe11a53c7777c023462239dd6f75"
    "21a3f6c7d5dd3ec9b3f233773d4b46d23cc375eb198c63301c21801f6520bcfb7966fc49b393f0061d974a2706df8c4a9449f11d7f3d2dcbb90c"
    "6b877045636e7c0c0fe4eb0f697545460c806910d2c355f1d253bc9d2452aaa549e27a1fac7cf4ed77f322e8fa894b6a83810a34b361901751a6"
    "f5eb65a0326e07de7c1216ccce2d0193f958bb3850a833f7ae432b65bc5a53975c155aa4bcb4f7b2c4e54df16efaf6ddea94e2c50b4cd1dfe060"
    "17e0e9d02900cffe1935e0491d77ffb4fdf85290fdd893d577b1131a610ef6a5c32b2ee0293617a37cbb08b847741c3b8017c25ca9052ca1079d"
    "8b78aebd47876d330a30f6a8c6d61dd1ab5589329de714d19d61370f8149748c72f132f0fc99f34d766c6938597040d8f9e2bb522ff99c63a344"
    "d6a2ae8aa8e51b7b90a4a806105fcbca31506c446151adfeceb51b91abfe43960977c87471cf9ad4074d30e10d6a7f03c63bd5d4317f68ff325b"
    "a3bd80bf4dc8b52a0ba031758022eb025cdd770b44d6d6cf0670f4e990b22347a7db848265e3e5eb72dfe8299ad7481a408322cac55786e52f63"
    "3b2fb6b614eaed18d703dd84045a274ae8bfa73379661388d6991fe39b0d93debb41700b41f90a15c4d526250235ddcd6776fc77bc97e7a417eb"
    "cb31600d01e57f32162a8560cacc7e27a096d37a1a86952ec71bd89a3e9a30a2a26162984d7740f81193e8238e61f6b5b984d4d3dfa033c1bb7e"
    "4f0037febf406d91c0dccf32acf423cfa1e7071010d3f270121b493ce85054ef58bada42310138fe081adb04e2bd901f2f13458b3d6758158197"
    "107c14ebb193230cd1157380aa79cae1374a7c1e5bbcb80ee23e06ebfde206bfb0fcbc0edc4ebec309661bdd908d532eb0c6adc38b7ca7331dce"
    "8dfce39ab71e7c32d318d136b6100671a1ae6a6600e3899f31f0eed19e3417d134b90c9058f8632c798d4490da4987307cba922d61c39805d072"
    "b589bd52fdf1e86215c2d54e6670e07383a27bbffb5addf47d66aa85a0c6f9f32e59d85a44dd5d3b22dc2be80919b490437ae4f36a0ae55edf1d"
    "0b5cb4e9a3ecabee93dfc6e38d209d0fa6536d27a5d6fbb17641cde27525d61093f1b28072d111b2b4ae5f89d5974ee12e5cf7d5da4d6a311230"
    "41f33e61407e76cffcdcfd7e19ba58cf4b536f4c4938ae79324dc402894b44faf8afbab35282ab659d13c93f70412e85cb199a37ddec60054547"
    "3cfb5a05e08d0b209973b2172b4d21fb69745a262ccde96ba18b2faa745b6fe189cf772a9f84cbfc";

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
    pkt[1] = 'Q', pkt[2] = '0', pkt[3] = '4', pkt[4] = '6';
    TestFlow t(kProtoUdp, 443);
    t.send(obs, kToServer, pkt);
    EXPECT_EQ(obs.counters().at("quic_unsupported_version"), 1u);
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

}  // namespace
}  // namespace sovscan::test
