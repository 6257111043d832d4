// Malformed input: every header cut at every byte must raise its own named weird, and decode must
// never read outside the frame (the ASan build and fuzz/fuzz_decoder.cpp check the latter).
#include <gtest/gtest.h>

#include <random>

#include "decode/packet_builder.h"

namespace sovscan::test {
namespace {

constexpr uint16_t kEthIpv4 = 0x0800, kEthIpv6 = 0x86dd;

Bytes tcp4() { return ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, kAck, 0, 0, text("data"))); }
Bytes eth4(const Bytes& ip) { return eth(kMacA, kMacB, kEthIpv4, ip); }
Bytes eth6(const Bytes& ip) { return eth(kMacA, kMacB, kEthIpv6, ip); }
Bytes udp4(uint16_t dport, const Bytes& payload) { return ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, dport, payload)); }
Bytes radiotap_plain() { return cat({bytes({0, 0, 8, 0, 0, 0, 0, 0})}); }

struct Truncation {
    const char* what;
    uint16_t link;
    Bytes frame;
    size_t from, to;  // cut lengths [from, to] that fall inside the header under test
    const char* weird;
};

std::vector<Truncation> truncations() {
    Bytes ah = {6, 4, 0, 0};
    ah.resize(24, 0);
    Bytes erspan3 = zeros(12);
    erspan3[11] = 1;
    const Bytes gtp_ext = {0x34, 0xff, 0, 40, 0, 0, 0, 1, 0, 0, 0, 0x85, 0x01, 0x00, 0x01, 0x00};
    const Bytes inner_eth = eth(kMacC, kMacD, kEthIpv4, tcp4());
    return {
        {"ethernet", kLinkEthernet, eth4(tcp4()), 0, 13, "truncated_ethernet_header"},
        {"vlan", kLinkEthernet, eth(kMacA, kMacB, 0x8100, vlan(5, kEthIpv4, tcp4())), 14, 17, "truncated_vlan_header"},
        {"ipv4", kLinkEthernet, eth4(tcp4()), 14, 33, "truncated_ipv4_header"},
        {"ipv4 options", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 0, 0, 0, {}), 0, zeros(8))), 34, 41,
         "ipv4_options_truncated"},
        {"tcp", kLinkEthernet, eth4(tcp4()), 34, 53, "truncated_tcp_header"},
        {"tcp options", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 0, 0, 0, {}, zeros(12)))), 54, 65,
         "truncated_tcp_options"},
        {"udp", kLinkEthernet, eth4(udp4(53, text("q"))), 34, 41, "truncated_udp_header"},
        {"icmp", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 1, icmp(8, 0, zeros(4)))), 34, 41, "truncated_icmp_header"},
        {"ipv6", kLinkEthernet, eth6(ipv6("::1", "::2", 17, udp(1, 2, {}))), 14, 53, "truncated_ipv6_header"},
        {"ipv6 hop-by-hop", kLinkEthernet, eth6(ipv6("::1", "::2", 0, ipv6_ext(17, 1, udp(1, 2, {})))), 54, 69,
         "truncated_ipv6_extension_header"},
        {"ipv6 fragment", kLinkEthernet, eth6(ipv6("::1", "::2", 44, ipv6_frag(17, 0, true, udp(1, 2, {})))), 54, 61,
         "truncated_ipv6_extension_header"},
        {"ipv6 ah", kLinkEthernet, eth6(ipv6("::1", "::2", 51, cat({ah, tcp(1, 2, 0, 0, 0, {})}))), 54, 77,
         "truncated_ah_header"},
        {"mpls", kLinkEthernet, eth(kMacA, kMacB, 0x8847, cat({mpls_label(1, false), mpls_label(2, true), tcp4()})), 14, 22,
         "truncated_mpls_header"},
        {"mpls control word", kLinkEthernet, eth(kMacA, kMacB, 0x8847, cat({mpls_label(1, true), zeros(4), inner_eth})), 18,
         21, "truncated_mpls_header"},
        {"ethernet in mpls", kLinkEthernet, eth(kMacA, kMacB, 0x8847, cat({mpls_label(1, true), zeros(4), inner_eth})), 22,
         35, "truncated_ethernet_header"},
        {"pppoe", kLinkEthernet, eth(kMacA, kMacB, 0x8864, pppoe_session(0x0021, tcp4())), 14, 19, "truncated_pppoe_header"},
        {"ppp in pppoe", kLinkEthernet, eth(kMacA, kMacB, 0x8864, pppoe_session(0x0021, tcp4())), 20, 21,
         "truncated_ppp_header"},
        {"sll", kLinkLinuxSll, sll(kEthIpv4, kMacB, tcp4()), 0, 15, "truncated_sll_header"},
        {"sll2", kLinkLinuxSll2, sll2(kEthIpv4, kMacB, tcp4()), 0, 19, "truncated_sll2_header"},
        {"ppi", 192, cat({bytes({0, 0, 12, 0, 1, 0, 0, 0}), zeros(4), eth4(tcp4())}), 0, 11, "truncated_ppi_header"},
        {"ethernet in ppi", 192, cat({bytes({0, 0, 8, 0, 1, 0, 0, 0}), eth4(tcp4())}), 8, 21, "truncated_ethernet_header"},
        {"null", kLinkNull, cat({bytes({2, 0, 0, 0}), tcp4()}), 0, 3, "truncated_null_header"},
        {"ppp", kLinkPpp, cat({bytes({0xff, 0x03, 0x00, 0x21}), tcp4()}), 0, 3, "truncated_ppp_header"},
        {"cisco hdlc", kLinkCiscoHdlc, cat({bytes({0x0f, 0x00, 0x08, 0x00}), tcp4()}), 0, 3, "truncated_cisco_hdlc_header"},
        {"radiotap", kLinkIeee80211Radiotap,
         cat({bytes({0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
              wifi_data(1, true, false, kMacA, kMacB, kMacC, {}, snap(kEthIpv4, tcp4()))}),
         0, 11, "truncated_radiotap_header"},
        {"802.11", kLinkIeee80211, wifi_data(1, true, false, kMacA, kMacB, kMacC, {}, snap(kEthIpv4, tcp4())), 0, 25,
         "truncated_80211_header"},
        {"802.11 4-address", kLinkIeee80211Radiotap,
         cat({radiotap_plain(), wifi_data(3, false, false, kMacA, kMacB, kMacC, kMacD, snap(kEthIpv4, tcp4()))}), 8, 37,
         "truncated_80211_header"},
        {"snap", kLinkIeee80211, wifi_data(1, true, false, kMacA, kMacB, kMacC, {}, snap(kEthIpv4, tcp4())), 26, 33,
         "truncated_llc_header"},
        {"gre", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x3000, 0x0800, zeros(8), tcp4()))), 34, 45,
         "truncated_gre_header"},
        {"erspan ii", kLinkEthernet,
         eth4(ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x1000, 0x88be, zeros(4), cat({zeros(8), inner_eth})))), 42, 49,
         "truncated_erspan_header"},
        {"erspan iii", kLinkEthernet,
         eth4(ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x1000, 0x22eb, zeros(4), cat({erspan3, zeros(8), inner_eth})))), 42, 61,
         "truncated_erspan_header"},
        {"vxlan", kLinkEthernet, eth4(udp4(4789, vxlan(1, inner_eth))), 42, 49, "truncated_vxlan_header"},
        {"ethernet in vxlan", kLinkEthernet, eth4(udp4(4789, vxlan(1, inner_eth))), 50, 63, "truncated_ethernet_header"},
        {"ipv4 in vxlan", kLinkEthernet, eth4(udp4(4789, vxlan(1, inner_eth))), 64, 83, "truncated_ipv4_header"},
        {"geneve", kLinkEthernet, eth4(udp4(6081, cat({bytes({0x02, 0, 0x65, 0x58, 0, 0, 1, 0}), zeros(8), inner_eth}))), 42,
         57, "truncated_geneve_header"},
        {"gtp", kLinkEthernet, eth4(udp4(2152, cat({gtp_ext, tcp4()}))), 42, 58, "truncated_gtp_header"},
        {"ipv4 in ipv4", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 4, tcp4())), 34, 53, "truncated_ipv4_header"},
        {"ipv6 in ipv4", kLinkEthernet, eth4(ipv4("1.1.1.1", "2.2.2.2", 41, ipv6("::1", "::2", 59, {}))), 34, 73,
         "truncated_ipv6_header"},
    };
}

TEST(DecodeMalformed, EveryTruncationRaisesItsWeird) {
    for (const auto& tc : truncations()) {
        // The whole frame is fine: the cuts below are what breaks it.
        DecodedPacket p;
        NamedCounters c;
        ASSERT_TRUE(decode_one(tc.link, tc.frame, p, &c)) << tc.what;
        ASSERT_TRUE(c.empty()) << tc.what << ": " << c.begin()->first;
        ASSERT_LT(tc.to, tc.frame.size()) << tc.what;
        for (size_t cut = tc.from; cut <= tc.to; ++cut) {
            const Bytes part(tc.frame.begin(), tc.frame.begin() + cut);
            EXPECT_FALSE(decode_one(tc.link, part, p, &c)) << tc.what << " cut at " << cut;
            EXPECT_EQ(p.ip_version, 0) << tc.what << " cut at " << cut;
            EXPECT_EQ(c, (NamedCounters{{tc.weird, 1}})) << tc.what << " cut at " << cut;
        }
    }
}

struct BadValue {
    const char* what;
    uint16_t link;
    Bytes frame;
    const char* weird;
};

std::vector<BadValue> bad_values() {
    Bytes ihl4 = tcp4();
    ihl4[0] = 0x44;
    Bytes total_short = tcp4();
    total_short[2] = 0;
    total_short[3] = 10;
    Bytes doff4 = tcp4();
    doff4[20 + 12] = 0x40;
    Bytes udp_len5 = udp4(53, text("x"));
    udp_len5[20 + 4] = 0;
    udp_len5[20 + 5] = 5;
    Bytes gtp_zero_ext = {0x34, 0xff, 0, 40, 0, 0, 0, 1, 0, 0, 0, 0x85, 0x00, 0x00, 0x00, 0x00};
    Bytes wifi = wifi_data(1, false, false, kMacA, kMacB, kMacC, {}, snap(kEthIpv4, tcp4()));
    return {
        {"ipv6 in an ipv4 ethertype", kLinkEthernet, eth4(ipv6("::1", "::2", 59, {})), "bad_ip_version"},
        {"ipv4 in an ipv6 ethertype", kLinkEthernet, eth6(cat({tcp4(), zeros(20)})), "bad_ip_version"},
        {"raw version 5", kLinkRaw, cat({bytes({0x50}), zeros(40)}), "bad_ip_version"},
        {"ipv4 ihl 4", kLinkRaw, ihl4, "bad_ipv4_header_length"},
        {"ipv4 total length < header", kLinkRaw, total_short, "bad_ipv4_total_length"},
        {"tcp data offset 4", kLinkRaw, doff4, "bad_tcp_header_length"},
        {"udp length 5", kLinkRaw, udp_len5, "bad_udp_length"},
        {"hop-by-hop not first", kLinkRaw, ipv6("::1", "::2", 60, ipv6_ext(0, 0, ipv6_ext(59, 0, {}))),
         "bad_ipv6_extension_header"},
        {"gre routing", kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x4000, 0x0800, zeros(4), tcp4())), "bad_gre_header"},
        {"gre version 2", kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x0002, 0x0800, {}, tcp4())), "bad_gre_header"},
        {"pptp without key", kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x0001, 0x880b, zeros(4), tcp4())), "bad_gre_header"},
        {"gtp extension length 0", kLinkRaw, udp4(2152, cat({gtp_zero_ext, tcp4()})), "bad_gtp_header"},
        {"pppoe version 2", kLinkEthernet, [] {
             Bytes f = eth(kMacA, kMacB, 0x8864, pppoe_session(0x0021, tcp4()));
             f[14] = 0x21;
             return f;
         }(), "bad_pppoe_header"},
        {"radiotap version 1", kLinkIeee80211Radiotap, cat({bytes({1, 0, 8, 0, 0, 0, 0, 0}), wifi}), "bad_radiotap_header"},
        {"radiotap it_len 4", kLinkIeee80211Radiotap, cat({bytes({0, 0, 4, 0, 0, 0, 0, 0}), wifi}), "bad_radiotap_header"},
        {"radiotap endless present words", kLinkIeee80211Radiotap,
         cat({bytes({0, 0, 12, 0, 0, 0, 0, 0x80, 0, 0, 0, 0x80}), wifi}), "bad_radiotap_header"},
        {"radiotap flags beyond it_len", kLinkIeee80211Radiotap, cat({bytes({0, 0, 8, 0, 2, 0, 0, 0}), wifi}),
         "bad_radiotap_header"},
        {"unsupported link type", 107, eth4(tcp4()), "unsupported_link_type"},
        {"ppi version 1", 192, cat({bytes({1, 0, 8, 0, 1, 0, 0, 0}), eth4(tcp4())}), "bad_ppi_header"},
        {"ppi around an unsupported link", 192, cat({bytes({0, 0, 8, 0, 107, 0, 0, 0}), eth4(tcp4())}),
         "unsupported_link_type"},
    };
}

TEST(DecodeMalformed, BadFieldValuesRaiseTheirWeird) {
    for (const auto& tc : bad_values()) {
        DecodedPacket p;
        NamedCounters c;
        EXPECT_FALSE(decode_one(tc.link, tc.frame, p, &c)) << tc.what;
        EXPECT_EQ(p.ip_version, 0) << tc.what;
        EXPECT_EQ(c, (NamedCounters{{tc.weird, 1}})) << tc.what;
    }
}

// What must hold for any input: at most one counter per packet, a weird means false, and the
// payload view lies inside the frame.
void expect_invariants(uint16_t link, const Bytes& frame, const std::string& what) {
    Decoder d;
    DecodedPacket p;
    const bool ok = d.decode(raw_packet(link, frame), p);
    uint64_t weirds = 0, others = 0;
    for (auto n : d.weirds().n) weirds += n;
    for (auto n : d.non_ip().n) others += n;
    ASSERT_LE(weirds + others, 1u) << what;
    ASSERT_EQ(ok, p.ip_version != 0) << what;
    if (weirds) ASSERT_FALSE(ok) << what;
    if (!ok) ASSERT_EQ(weirds + others, 1u) << what;
    if (!p.payload.empty()) {
        ASSERT_GE(p.payload.data(), frame.data()) << what;
        ASSERT_LE(p.payload.data() + p.payload.size(), frame.data() + frame.size()) << what;
    }
    ASSERT_LE(p.tunnel_depth, 8) << what;
}

TEST(DecodeMalformed, InvariantsHoldForEveryCutAndRandomCorruption) {
    std::mt19937 rng(20250514);  // fixed: a failure must be reproducible
    size_t runs = 0;
    for (const auto& tc : truncations()) {
        for (size_t cut = 0; cut <= tc.frame.size(); ++cut)
            expect_invariants(tc.link, Bytes(tc.frame.begin(), tc.frame.begin() + cut), tc.what);
        for (int i = 0; i < 300; ++i) {
            Bytes f = tc.frame;
            for (int flips = 1 + int(rng() % 4); flips > 0; --flips) f[rng() % f.size()] = uint8_t(rng());
            expect_invariants(tc.link, f, std::string(tc.what) + " corrupted #" + std::to_string(i));
            ++runs;
        }
    }
    EXPECT_GT(runs, 10000u);
}

}  // namespace
}  // namespace sovscan::test
