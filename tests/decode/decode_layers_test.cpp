// Hand-built, well-formed packets: one test per protocol, asserting every field decode fills.
#include <gtest/gtest.h>

#include <set>

#include "decode/packet_builder.h"

namespace sovscan::test {
namespace {

constexpr uint16_t kEthIpv4 = 0x0800, kEthIpv6 = 0x86dd;

// The common check for an IPv4 TCP packet: everything a flow needs.
void expect_tcp4(const DecodedPacket& p, const char* src, uint16_t sport, const char* dst, uint16_t dport) {
    EXPECT_EQ(p.ip_version, 4);
    EXPECT_EQ(ip_str(p.src_ip), src);
    EXPECT_EQ(ip_str(p.dst_ip), dst);
    EXPECT_EQ(p.ip_proto, kProtoTcp);
    EXPECT_TRUE(p.has_l4);
    EXPECT_EQ(p.src_port, sport);
    EXPECT_EQ(p.dst_port, dport);
}

TEST(DecodeEthernet, Ipv4TcpEveryField) {
    const Bytes payload = text("GET / HTTP/1.1\r\n");
    const Bytes frame = eth(kMacA, kMacB, kEthIpv4,
                            ipv4("192.168.1.10", "47.245.159.156", 6,
                                 tcp(51000, 443, kSyn | kAck, 0x01020304, 0xa0b0c0d0, payload, zeros(12))));
    DecodedPacket p;
    NamedCounters c;
    ASSERT_TRUE(decode_one(kLinkEthernet, frame, p, &c));
    EXPECT_TRUE(c.empty());
    EXPECT_EQ(p.ts_ns, 1'700'000'000'123'456'789LL);
    EXPECT_EQ(p.wire_len, frame.size());
    EXPECT_EQ(p.input_index, 3);
    EXPECT_TRUE(p.has_macs);
    EXPECT_EQ(p.dst_mac.to_string(), "00:11:22:33:44:55");
    EXPECT_EQ(p.src_mac.to_string(), "a4:c6:4f:3b:b3:9a");
    EXPECT_EQ(p.vlan_id, 0);
    EXPECT_EQ(p.tunnel_depth, 0);
    expect_tcp4(p, "192.168.1.10", 51000, "47.245.159.156", 443);
    EXPECT_EQ(p.ip_len, 20u + 32u + payload.size());
    EXPECT_FALSE(p.is_fragment);
    EXPECT_EQ(p.tcp_flags, kSyn | kAck);
    EXPECT_EQ(p.tcp_seq, 0x01020304u);
    EXPECT_EQ(p.tcp_ack, 0xa0b0c0d0u);
    ASSERT_EQ(p.payload.size(), payload.size());
    EXPECT_EQ(p.payload[0], 'G');
}

TEST(DecodeEthernet, PaddingIsCutToIpTotalLength) {
    Bytes frame = eth(kMacA, kMacB, kEthIpv4, ipv4("10.0.0.1", "10.0.0.2", 17, udp(53, 5353, text("ab"))));
    frame.resize(60, 0xee);  // Ethernet minimum frame, padded
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, frame, p));
    EXPECT_EQ(p.ip_len, 30u);
    EXPECT_EQ(p.payload.size(), 2u);
}

TEST(DecodeEthernet, NonIpFramesAreCountedNotWeird) {
    struct Case {
        Bytes frame;
        const char* counter;
    } cases[] = {
        {eth(kMacA, kMacB, 0x0806, zeros(28)), "non_ip_arp"},
        {eth(kMacA, kMacB, 0x88cc, zeros(30)), "non_ip_lldp"},
        {eth(kMacA, kMacB, 0x888e, zeros(30)), "non_ip_eapol"},
        {eth(kMacA, kMacB, 0x8863, zeros(30)), "non_ip_pppoe_discovery"},
        {eth(kMacA, kMacB, 0x88e5, zeros(30)), "non_ip_other"},  // MACsec
        {eth(kMacA, kMacB, 38, cat({bytes({0x42, 0x42, 0x03}), zeros(35)})), "non_ip_stp"},
        {eth(kMacA, kMacB, 40, cat({bytes({0xe0, 0xe0, 0x03}), zeros(37)})), "non_ip_llc"},
        {eth(kMacA, kMacB, 1530, zeros(30)), "non_ip_other"},  // neither a length nor a type
    };
    for (const auto& tc : cases) {
        DecodedPacket p;
        NamedCounters c;
        EXPECT_FALSE(decode_one(kLinkEthernet, tc.frame, p, &c)) << tc.counter;
        EXPECT_EQ(p.ip_version, 0);
        EXPECT_EQ(c, (NamedCounters{{tc.counter, 1}}));
        EXPECT_TRUE(p.has_macs);  // the frame's devices are still known
    }
}

TEST(DecodeEthernet, Ieee8023WithSnap) {
    const Bytes ip = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, text("x")));
    const Bytes frame = eth(kMacA, kMacB, uint16_t(8 + ip.size()), snap(kEthIpv4, ip));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, frame, p));
    EXPECT_EQ(ip_str(p.src_ip), "10.0.0.1");
    EXPECT_EQ(p.dst_port, 2000);
}

TEST(DecodeVlan, SingleTagIpv6Udp) {
    const Bytes frame = eth(kMacA, kMacB, 0x8100,
                            vlan(0x6000 | 100, kEthIpv6, ipv6("2001:db8::1", "2001:db8::2", 17, udp(5353, 53, text("q")))));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, frame, p));
    EXPECT_EQ(p.vlan_id, 100);  // priority bits masked
    EXPECT_EQ(p.ip_version, 6);
    EXPECT_EQ(ip_str(p.src_ip), "2001:db8::1");
    EXPECT_EQ(ip_str(p.dst_ip), "2001:db8::2");
    EXPECT_EQ(p.ip_proto, kProtoUdp);
    EXPECT_EQ(p.ip_len, 40u + 9u);
    EXPECT_EQ(p.src_port, 5353);
    EXPECT_EQ(p.dst_port, 53);
    EXPECT_EQ(p.payload.size(), 1u);
}

TEST(DecodeVlan, QinQKeepsTheOuterTag) {
    for (uint16_t outer_type : {0x88a8, 0x9100, 0x8100}) {
        const Bytes frame = eth(kMacA, kMacB, outer_type,
                                vlan(200, 0x8100, vlan(300, kEthIpv4, ipv4("10.1.1.1", "10.2.2.2", 1, icmp(8, 0, {})))));
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkEthernet, frame, p)) << outer_type;
        EXPECT_EQ(p.vlan_id, 200);
        EXPECT_EQ(p.ip_proto, kProtoIcmp);
        EXPECT_EQ(p.icmp_type, 8);
        EXPECT_EQ(p.src_port, 0);
    }
}

TEST(DecodeMpls, LabelStackThenIpv4AndIpv6) {
    const Bytes ip4 = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, kAck, 0, 0, {}));
    const Bytes ip6 = ipv6("fd00::1", "fd00::2", 6, tcp(3, 4, kAck, 0, 0, {}));
    for (uint16_t type : {0x8847, 0x8848}) {
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, type, cat({mpls_label(16, false), mpls_label(17, true), ip4})), p));
        expect_tcp4(p, "10.0.0.1", 1, "10.0.0.2", 2);
        EXPECT_EQ(p.tunnel_depth, 0);
        ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, type, cat({mpls_label(16, true), ip6})), p));
        EXPECT_EQ(ip_str(p.dst_ip), "fd00::2");
    }
}

TEST(DecodeMpls, EthernetPseudowireWithControlWord) {
    const Bytes inner = eth(kMacC, kMacD, kEthIpv4, ipv4("172.16.0.1", "172.16.0.2", 17, udp(7, 8, {})));
    const Bytes frame = eth(kMacA, kMacB, 0x8847, cat({mpls_label(100, true), zeros(4), inner}));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, frame, p));
    EXPECT_EQ(ip_str(p.src_ip), "172.16.0.1");
    EXPECT_EQ(p.tunnel_depth, 1);
    EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB));  // outer MACs stay
}

TEST(DecodePppoe, SessionIpv4Ipv6AndControl) {
    DecodedPacket p;
    NamedCounters c;
    ASSERT_TRUE(decode_one(kLinkEthernet,
                           eth(kMacA, kMacB, 0x8864, pppoe_session(0x0021, ipv4("100.64.0.1", "8.8.8.8", 17, udp(1, 53, {})))), p));
    EXPECT_EQ(ip_str(p.src_ip), "100.64.0.1");
    EXPECT_EQ(p.dst_port, 53);
    ASSERT_TRUE(decode_one(kLinkEthernet,
                           eth(kMacA, kMacB, 0x8864, pppoe_session(0x0057, ipv6("2001:db8::a", "2001:db8::b", 59, {}))), p));
    EXPECT_EQ(p.ip_proto, 59);
    EXPECT_FALSE(p.has_l4);
    EXPECT_FALSE(decode_one(kLinkEthernet, eth(kMacA, kMacB, 0x8864, pppoe_session(0xc021, zeros(10))), p, &c));
    EXPECT_EQ(c, (NamedCounters{{"non_ip_ppp_control", 1}}));
}

TEST(DecodeLinuxCooked, SllAndSll2) {
    const Bytes ip = ipv4("10.9.8.7", "1.2.3.4", 6, tcp(40000, 80, kSyn, 7, 0, {}));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkLinuxSll, sll(kEthIpv4, kMacB, ip), p));
    expect_tcp4(p, "10.9.8.7", 40000, "1.2.3.4", 80);
    EXPECT_TRUE(p.has_macs);
    EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB));
    EXPECT_TRUE(p.dst_mac.is_zero());
    ASSERT_TRUE(decode_one(kLinkLinuxSll2, sll2(kEthIpv4, kMacC, ip), p));
    expect_tcp4(p, "10.9.8.7", 40000, "1.2.3.4", 80);
    EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacC));
    // Loopback device: no MAC
    Bytes lo = sll(kEthIpv4, zeros(6), ip);
    lo[3] = 0x04;  // ARPHRD 772 (0x0304)
    lo[2] = 0x03;
    ASSERT_TRUE(decode_one(kLinkLinuxSll, lo, p));
    EXPECT_FALSE(p.has_macs);
}

TEST(DecodeRawIp, AllRawLinkTypes) {
    const Bytes ip4 = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, {}));
    const Bytes ip6 = ipv6("::1", "::2", 17, udp(3, 4, {}));
    for (uint16_t link : {kLinkRaw, kLinkDltRaw12, kLinkDltRaw14}) {
        DecodedPacket p;
        ASSERT_TRUE(decode_one(link, ip4, p));
        EXPECT_EQ(p.ip_version, 4);
        EXPECT_FALSE(p.has_macs);
        ASSERT_TRUE(decode_one(link, ip6, p));
        EXPECT_EQ(p.ip_version, 6);
        EXPECT_EQ(p.dst_port, 4);
    }
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkIpv4, ip4, p));
    EXPECT_EQ(p.src_port, 1);
    ASSERT_TRUE(decode_one(kLinkIpv6, ip6, p));
    EXPECT_EQ(p.src_port, 3);
}

TEST(DecodeLoopback, BothByteOrdersAndIpv6Families) {
    const Bytes ip4 = ipv4("127.0.0.1", "127.0.0.1", 6, tcp(5000, 6000, kSyn, 0, 0, {}));
    const Bytes ip6 = ipv6("::1", "::1", 6, tcp(5001, 6001, kSyn, 0, 0, {}));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkNull, cat({bytes({2, 0, 0, 0}), ip4}), p));  // little-endian host
    EXPECT_EQ(p.dst_port, 6000);
    ASSERT_TRUE(decode_one(kLinkNull, cat({bytes({0, 0, 0, 2}), ip4}), p));  // big-endian host
    EXPECT_EQ(p.dst_port, 6000);
    for (uint8_t af : {24, 28, 30}) {
        ASSERT_TRUE(decode_one(kLinkNull, cat({bytes({af, 0, 0, 0}), ip6}), p)) << int(af);
        EXPECT_EQ(p.dst_port, 6001);
        ASSERT_TRUE(decode_one(kLinkNull, cat({bytes({0, 0, 0, af}), ip6}), p)) << int(af);
    }
    ASSERT_TRUE(decode_one(kLinkLoop, cat({bytes({0, 0, 0, 2}), ip4}), p));
    EXPECT_EQ(p.src_port, 5000);
    NamedCounters c;
    EXPECT_FALSE(decode_one(kLinkNull, cat({bytes({7, 0, 0, 0}), ip4}), p, &c));  // AF_OSI
    EXPECT_EQ(c, (NamedCounters{{"non_ip_other", 1}}));
}

TEST(DecodePpp, FramingVariants) {
    const Bytes ip4 = ipv4("192.0.2.1", "198.51.100.1", 6, tcp(179, 40000, kAck, 0, 0, {}));
    const Bytes ip6 = ipv6("2001:db8::1", "2001:db8::2", 17, udp(9, 10, {}));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkPpp, cat({bytes({0xff, 0x03, 0x00, 0x21}), ip4}), p));
    EXPECT_EQ(p.src_port, 179);
    ASSERT_TRUE(decode_one(kLinkPpp, cat({bytes({0x00, 0x21}), ip4}), p));
    EXPECT_EQ(p.src_port, 179);
    ASSERT_TRUE(decode_one(kLinkPpp, cat({bytes({0x21}), ip4}), p));  // protocol field compression
    EXPECT_EQ(p.src_port, 179);
    ASSERT_TRUE(decode_one(kLinkPppHdlc, cat({bytes({0xff, 0x03, 0x00, 0x57}), ip6}), p));
    EXPECT_EQ(p.dst_port, 10);
    ASSERT_TRUE(decode_one(kLinkPppHdlc, cat({bytes({0x0f, 0x00, 0x08, 0x00}), ip4}), p));  // Cisco PPP
    EXPECT_EQ(p.src_port, 179);
    ASSERT_TRUE(decode_one(kLinkCiscoHdlc, cat({bytes({0x0f, 0x00, 0x86, 0xdd}), ip6}), p));
    EXPECT_EQ(p.dst_port, 10);
    ASSERT_TRUE(decode_one(kLinkCiscoHdlc, cat({bytes({0x0f, 0x00, 0x88, 0x47}), mpls_label(3, true), ip4}), p));
    EXPECT_EQ(p.src_port, 179);
    NamedCounters c;
    EXPECT_FALSE(decode_one(kLinkCiscoHdlc, cat({bytes({0x8f, 0x00, 0x80, 0x35}), zeros(20)}), p, &c));  // SLARP
    EXPECT_EQ(c, (NamedCounters{{"non_ip_other", 1}}));
    EXPECT_FALSE(decode_one(kLinkPpp, cat({bytes({0xff, 0x03, 0xc0, 0x21}), zeros(20)}), p, &c));  // LCP
    EXPECT_EQ(c, (NamedCounters{{"non_ip_ppp_control", 1}}));
}

TEST(DecodeIeee80211, AddressesByDsBits) {
    const Bytes body = snap(kEthIpv4, ipv4("192.168.0.5", "93.184.216.34", 6, tcp(50000, 443, kSyn, 0, 0, {})));
    const Bytes a1 = kMacA, a2 = kMacB, a3 = kMacC, a4 = kMacD;
    struct Case {
        uint8_t ds;
        const Bytes& src;
        const Bytes& dst;
    } cases[] = {{0, a2, a1}, {1, a2, a3}, {2, a3, a1}, {3, a4, a3}};
    for (const auto& tc : cases) {
        for (bool qos : {false, true}) {
            DecodedPacket p;
            ASSERT_TRUE(decode_one(kLinkIeee80211, wifi_data(tc.ds, qos, false, a1, a2, a3, a4, body), p))
                << int(tc.ds) << qos;
            EXPECT_TRUE(p.has_macs);
            EXPECT_EQ(p.src_mac.to_string(), mac_str(tc.src)) << int(tc.ds);
            EXPECT_EQ(p.dst_mac.to_string(), mac_str(tc.dst)) << int(tc.ds);
            expect_tcp4(p, "192.168.0.5", 50000, "93.184.216.34", 443);
        }
    }
}

TEST(DecodeIeee80211, NonDataAndProtectedFrames) {
    const Bytes body = snap(kEthIpv4, ipv4("192.168.0.5", "1.1.1.1", 17, udp(1, 53, {})));
    struct Case {
        Bytes frame;
        const char* counter;
    } cases[] = {
        {wifi_data(1, true, true, kMacA, kMacB, kMacC, {}, zeros(40)), "encrypted_80211"},
        {cat({bytes({0x80, 0x00}), zeros(40)}), "non_ip_80211_management"},  // beacon
        {bytes({0xd4, 0x00, 0, 0, 1, 2, 3, 4, 5, 6}), "non_ip_80211_control"},  // ACK, 10 bytes
        {cat({bytes({0x48, 0x01}), zeros(22)}), "non_ip_80211_null_data"},
        {wifi_data(1, false, false, kMacA, kMacB, kMacC, {}, cat({bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e}), zeros(20)})),
         "non_ip_eapol"},
    };
    for (const auto& tc : cases) {
        DecodedPacket p;
        NamedCounters c;
        EXPECT_FALSE(decode_one(kLinkIeee80211, tc.frame, p, &c)) << tc.counter;
        EXPECT_EQ(c, (NamedCounters{{tc.counter, 1}}));
    }
}

// Radiotap header with TSFT and Flags, the present bitmap extended by one (empty) word: the Flags
// byte sits at offset 24 after 8-byte alignment of the TSF timer.
Bytes radiotap(uint8_t flags) {
    Bytes b = {0x00, 0x00, 26, 0x00, 0x03, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00};
    b.resize(24, 0x00);  // 4 bytes alignment padding, 8 bytes TSFT
    b.push_back(flags);
    b.push_back(0x00);  // padding to it_len 26
    return b;
}

TEST(DecodeRadiotap, FcsIsCutAndFlagsAreFound) {
    // IPv6 with payload length 0 (TSO) takes its length from the capture, so it shows whether the
    // 4 FCS bytes at the end were cut.
    const Bytes tcp_seg = tcp(1, 2, kAck, 0, 0, text("abcd"));
    Bytes ip = ipv6("fe80::1", "fe80::2", 6, tcp_seg);
    ip[4] = ip[5] = 0;
    const Bytes frame80211 = wifi_data(2, true, false, kMacA, kMacB, kMacC, {}, snap(kEthIpv6, ip));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkIeee80211Radiotap, cat({radiotap(0x10), frame80211, bytes({1, 2, 3, 4})}), p));
    EXPECT_EQ(p.ip_len, 40u + tcp_seg.size());
    EXPECT_EQ(p.payload.size(), 4u);
    EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacC));
    ASSERT_TRUE(decode_one(kLinkIeee80211Radiotap, cat({radiotap(0x00), frame80211}), p));
    EXPECT_EQ(p.payload.size(), 4u);
    // A short snapshot that did not capture the FCS: nothing to cut.
    const Bytes no_fcs = cat({radiotap(0x10), frame80211});
    ASSERT_TRUE(decode_one(kLinkIeee80211Radiotap, no_fcs, p, nullptr, uint32_t(no_fcs.size() + 4)));
    EXPECT_EQ(p.payload.size(), 4u);
    NamedCounters c;
    EXPECT_FALSE(decode_one(kLinkIeee80211Radiotap, cat({radiotap(0x50), frame80211, zeros(4)}), p, &c));
    EXPECT_EQ(c, (NamedCounters{{"bad_80211_fcs", 1}}));
}

TEST(DecodeRadiotap, DataPadAlignsThe80211Header) {
    // QoS data (26 bytes) padded to 28.
    Bytes frame80211 = wifi_data(1, true, false, kMacA, kMacB, kMacC, {}, {});
    frame80211.push_back(0);
    frame80211.push_back(0);
    frame80211 = cat({frame80211, snap(kEthIpv4, ipv4("10.0.0.1", "10.0.0.2", 17, udp(67, 68, {})))});
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkIeee80211Radiotap, cat({radiotap(0x20), frame80211}), p));
    EXPECT_EQ(p.dst_port, 68);
}

TEST(DecodeIpv4, OptionsAndFragments) {
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, kSyn, 0, 0, {}), 0, bytes({1, 1, 1, 0})), p));
    EXPECT_EQ(p.ip_len, 44u);
    EXPECT_EQ(p.src_port, 1);
    // First fragment: MF set, offset 0: has its transport header.
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000, 53, zeros(100)), 0x2000), p));
    EXPECT_TRUE(p.is_fragment);
    EXPECT_TRUE(p.has_l4);
    EXPECT_EQ(p.dst_port, 53);
    EXPECT_EQ(p.frag_id, 0x1234u);  // the identification that ties the fragments together
    // Later fragment: no transport header, keyed on addresses and protocol.
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 17, zeros(64), 185), p));
    EXPECT_TRUE(p.is_fragment);
    EXPECT_FALSE(p.has_l4);
    EXPECT_EQ(p.ip_proto, kProtoUdp);
    EXPECT_EQ(p.src_port, 0);
    EXPECT_EQ(p.payload.size(), 64u);
    EXPECT_EQ(p.frag_id, 0x1234u);
    // Don't-fragment alone is not a fragment.
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, {}), 0x4000), p));
    EXPECT_FALSE(p.is_fragment);
}

TEST(DecodeIpv4, ShortCaptureAndTsoZeroLength) {
    Bytes ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, kAck, 0, 0, zeros(1000)));
    ip.resize(100);  // snapshot length: 100 of the 1040 bytes on the wire were captured
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ip, p, nullptr, 1040));
    EXPECT_EQ(p.ip_len, 1040u);
    EXPECT_EQ(p.payload.size(), 60u);
    // The same header in a frame that was only 100 bytes on the wire lies about its length
    // (ndpi/badpackets.pcap): the bytes counted are what the frame held.
    ASSERT_TRUE(decode_one(kLinkRaw, ip, p, nullptr, 100));
    EXPECT_EQ(p.ip_len, 100u);
    ip[2] = ip[3] = 0;  // TSO: length left 0 by the kernel
    ASSERT_TRUE(decode_one(kLinkRaw, ip, p));
    EXPECT_EQ(p.ip_len, 100u);
}

TEST(DecodeIpv4, AuthenticationHeaderIsSkipped) {
    Bytes ah = {6, 4, 0, 0};  // next TCP, length 4 -> (4+2)*4 = 24 bytes
    ah.resize(24, 0x11);
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 51, cat({ah, tcp(22, 2222, kAck, 0, 0, {})})), p));
    EXPECT_EQ(p.ip_proto, kProtoTcp);
    EXPECT_EQ(p.src_port, 22);
}

TEST(DecodeIpv6, ExtensionHeaderChain) {
    const Bytes seg = tcp(443, 50000, kFin | kAck, 5, 6, text("z"));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw,
                           ipv6("2001:db8::1", "2001:db8::2", 0,
                                ipv6_ext(60, 0, ipv6_ext(43, 1, ipv6_ext(135, 0, ipv6_ext(6, 2, seg))))),
                           p));
    EXPECT_EQ(p.ip_proto, kProtoTcp);
    EXPECT_EQ(p.src_port, 443);
    EXPECT_EQ(p.tcp_flags, kFin | kAck);
    EXPECT_EQ(p.payload.size(), 1u);
    EXPECT_EQ(p.ip_len, 40u + 8 + 16 + 8 + 24 + seg.size());  // hop-by-hop, dst opts, routing, mobility

    Bytes ah = {17, 4, 0, 0};
    ah.resize(24, 0);
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("::1", "::2", 51, cat({ah, udp(500, 4500, {})})), p));
    EXPECT_EQ(p.ip_proto, kProtoUdp);
    EXPECT_EQ(p.dst_port, 4500);

    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("::1", "::2", 50, zeros(40)), p));  // ESP: no ports
    EXPECT_EQ(p.ip_proto, 50);
    EXPECT_FALSE(p.has_l4);
    EXPECT_EQ(p.payload.size(), 40u);
}

TEST(DecodeIpv6, Fragments) {
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("::1", "::2", 44, ipv6_frag(17, 0, true, udp(53, 5353, zeros(50)))), p));
    EXPECT_TRUE(p.is_fragment);
    EXPECT_TRUE(p.has_l4);
    EXPECT_EQ(p.src_port, 53);
    EXPECT_EQ(p.frag_id, 0xdeadbeefu);
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("::1", "::2", 44, ipv6_frag(17, 100, false, zeros(50))), p));
    EXPECT_TRUE(p.is_fragment);
    EXPECT_EQ(p.frag_id, 0xdeadbeefu);
    EXPECT_FALSE(p.has_l4);
    EXPECT_EQ(p.ip_proto, kProtoUdp);
    EXPECT_EQ(p.payload.size(), 50u);
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("::1", "::2", 44, ipv6_frag(17, 0, false, udp(1, 2, {}))), p));
    EXPECT_FALSE(p.is_fragment);  // atomic fragment (RFC 6946)
}

TEST(DecodeIpv6, JumbogramLengthComesFromTheCapture) {
    Bytes ip = ipv6("::1", "::2", 0, ipv6_ext(6, 0, tcp(1, 2, kAck, 0, 0, zeros(30))));
    ip[4] = ip[5] = 0;
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ip, p));
    EXPECT_EQ(p.ip_len, ip.size());
    EXPECT_EQ(p.payload.size(), 30u);
}

TEST(DecodeTransport, UdpLengthCutsTrailingBytesAndIcmp) {
    Bytes u = udp(1, 2, text("abc"));
    u.resize(20, 0xee);  // IP payload longer than the UDP datagram
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 17, u), p));
    EXPECT_EQ(p.payload.size(), 3u);
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(3, 1, zeros(28))), p));
    EXPECT_EQ(p.icmp_type, 3);
    EXPECT_EQ(p.icmp_code, 1);
    EXPECT_TRUE(p.has_l4);
    EXPECT_EQ(p.src_port, 0);
    EXPECT_EQ(p.dst_port, 0);
    EXPECT_EQ(p.payload.size(), 28u);
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("fe80::1", "ff02::1", 58, icmp(135, 0, zeros(16))), p));
    EXPECT_EQ(p.ip_proto, kProtoIcmpv6);
    EXPECT_EQ(p.icmp_type, 135);
}

// ---- tunnels ----

TEST(DecodeTunnel, IpInIpAllFourCombinations) {
    const Bytes seg = udp(1111, 2222, text("in"));
    const Bytes in4 = ipv4("192.168.100.1", "192.168.100.2", 17, seg);
    const Bytes in6 = ipv6("fd00::100", "fd00::200", 17, seg);
    struct Case {
        Bytes frame;
        const char* inner_src;
    } cases[] = {
        {eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 4, in4)), "192.168.100.1"},
        {eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 41, in6)), "fd00::100"},
        {eth(kMacA, kMacB, kEthIpv6, ipv6("2001:db8::1", "2001:db8::2", 4, in4)), "192.168.100.1"},
        {eth(kMacA, kMacB, kEthIpv6, ipv6("2001:db8::1", "2001:db8::2", 41, in6)), "fd00::100"},
    };
    for (const auto& tc : cases) {
        DecodedPacket p;
        NamedCounters c;
        ASSERT_TRUE(decode_one(kLinkEthernet, tc.frame, p, &c)) << tc.inner_src;
        EXPECT_TRUE(c.empty());
        EXPECT_EQ(ip_str(p.src_ip), tc.inner_src);
        EXPECT_EQ(p.tunnel_depth, 1);
        EXPECT_EQ(p.ip_proto, kProtoUdp);
        EXPECT_EQ(p.src_port, 1111);
        EXPECT_EQ(p.payload.size(), 2u);
        EXPECT_EQ(p.dst_mac.to_string(), mac_str(kMacA));
    }
}

TEST(DecodeTunnel, GreVersion0WithOptionalFields) {
    const Bytes in4 = ipv4("10.10.0.1", "10.10.0.2", 6, tcp(33000, 22, kSyn, 0, 0, {}));
    for (uint16_t flags : {0x0000, 0x8000, 0x2000, 0x1000, 0xb000}) {
        const size_t extra = ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) ? 4 : 0) + ((flags & 0x1000) ? 4 : 0);
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(flags, 0x0800, zeros(extra), in4)), p)) << flags;
        expect_tcp4(p, "10.10.0.1", 33000, "10.10.0.2", 22);
        EXPECT_EQ(p.tunnel_depth, 1);
    }
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv6("2001:db8::1", "2001:db8::2", 47,
                                          gre(0x2000, 0x86dd, zeros(4), ipv6("fd00::1", "fd00::2", 17, udp(1, 2, {})))),
                           p));
    EXPECT_EQ(ip_str(p.src_ip), "fd00::1");
}

TEST(DecodeTunnel, GreEthernetAndErspan) {
    const Bytes inner = eth(kMacC, kMacD, kEthIpv4, ipv4("10.20.0.1", "10.20.0.2", 17, udp(5, 6, {})));
    Bytes erspan3 = zeros(12);
    erspan3[11] = 0x01;  // O bit: platform subheader follows
    struct Case {
        Bytes gre_packet;
    } cases[] = {
        {gre(0x0000, 0x6558, {}, inner)},
        {gre(0x0000, 0x88be, {}, inner)},                                  // ERSPAN type I
        {gre(0x1000, 0x88be, zeros(4), cat({bytes({0x10, 0x01, 0, 1, 0, 0, 0, 0}), inner}))},  // type II
        {gre(0x1000, 0x22eb, zeros(4), cat({zeros(12), inner}))},          // type III
        {gre(0x1000, 0x22eb, zeros(4), cat({erspan3, zeros(8), inner}))},  // type III + subheader
    };
    for (size_t i = 0; i < std::size(cases); ++i) {
        DecodedPacket p;
        NamedCounters c;
        ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, cases[i].gre_packet)),
                               p, &c))
            << i;
        EXPECT_TRUE(c.empty()) << i;
        EXPECT_EQ(ip_str(p.src_ip), "10.20.0.1") << i;
        EXPECT_EQ(p.tunnel_depth, 1) << i;
        EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB)) << i;
    }
}

TEST(DecodeTunnel, PptpEnhancedGre) {
    const Bytes in4 = ipv4("192.168.50.2", "203.0.113.9", 6, tcp(40000, 443, kSyn, 0, 0, {}));
    const Bytes ppp = cat({bytes({0xff, 0x03, 0x00, 0x21}), in4});
    Bytes key;
    put16(key, uint16_t(ppp.size()));
    put16(key, 0x4242);  // call id
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x3001, 0x880b, cat({key, zeros(4)}), ppp)), p));
    expect_tcp4(p, "192.168.50.2", 40000, "203.0.113.9", 443);
    EXPECT_EQ(p.tunnel_depth, 1);
    // Acknowledgement only: the GRE packet between the PPTP endpoints is the flow.
    Bytes ack_key = {0, 0, 0x42, 0x42};
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x2081, 0x880b, cat({ack_key, zeros(4)}), {})), p));
    EXPECT_EQ(ip_str(p.src_ip), "1.1.1.1");
    EXPECT_EQ(p.ip_proto, 47);
    EXPECT_EQ(p.tunnel_depth, 0);
    // Encrypted PPP (MPPE, 0x00fd): reported as the outer GRE packet, counted as such.
    const Bytes mppe = cat({bytes({0xff, 0x03, 0x00, 0xfd}), zeros(40)});
    Bytes mppe_key;
    put16(mppe_key, uint16_t(mppe.size()));
    put16(mppe_key, 0x4242);
    NamedCounters c;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x2001, 0x880b, mppe_key, mppe)), p, &c));
    EXPECT_EQ(ip_str(p.dst_ip), "2.2.2.2");
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_EQ(c, (NamedCounters{{"tunnel_inner_not_ip", 1}}));
}

TEST(DecodeTunnel, VxlanBothPortsInnerFlowOuterMacs) {
    const Bytes inner = eth(kMacC, kMacD, 0x8100,
                            vlan(77, kEthIpv4, ipv4("10.244.1.5", "10.244.2.7", 6, tcp(8080, 36000, kAck | kPsh, 9, 10, text("ok")))));
    for (uint16_t port : {4789, 8472}) {
        DecodedPacket p;
        NamedCounters c;
        ASSERT_TRUE(decode_one(kLinkEthernet,
                               eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(51234, port, vxlan(42, inner)))),
                               p, &c));
        EXPECT_TRUE(c.empty());
        expect_tcp4(p, "10.244.1.5", 8080, "10.244.2.7", 36000);
        EXPECT_EQ(p.tcp_flags, kAck | kPsh);
        EXPECT_EQ(p.payload.size(), 2u);
        EXPECT_EQ(p.tunnel_depth, 1);
        EXPECT_EQ(p.vlan_id, 0);  // the overlay's VLAN is not the monitored network's
        EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB));
        EXPECT_EQ(p.dst_mac.to_string(), mac_str(kMacA));
    }
}

// CAPWAP data: the station's packet inside, both directions (the controller's frames leave from
// 5247 to the access point's port), 802.3 or native 802.11 (with the frame control bytes as Cisco
// controllers swap them); keep-alives, fragments and DTLS stay UDP datagrams of the tunnel.
TEST(DecodeTunnel, CapwapDataCarriesTheStationsPackets) {
    const Bytes station = ipv4("10.1.3.68", "74.125.130.188", 6, tcp(47025, 443, kSyn, 1, 0, {}));
    Bytes wifi = cat({wifi_data(1, false, false, kMacA, kMacC, kMacB, {}, {}), snap(kEthIpv4, station)});
    Bytes swapped = wifi;
    std::swap(swapped[0], swapped[1]);
    const Bytes ethernet = eth(kMacB, kMacC, kEthIpv4, station);
    for (const Bytes& inner : {capwap(true, wifi), capwap(true, swapped), capwap(false, ethernet)}) {
        for (bool to_controller : {true, false}) {
            DecodedPacket p;
            NamedCounters c;
            const Bytes outer = to_controller ? udp(41264, 5247, inner) : udp(5247, 41264, inner);
            ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("172.50.100.155", "172.16.100.87", 17, outer)),
                                   p, &c));
            EXPECT_TRUE(c.empty()) << testing::PrintToString(c);
            expect_tcp4(p, "10.1.3.68", 47025, "74.125.130.188", 443);
            EXPECT_EQ(p.tunnel_depth, 1);
            EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB));  // the outer link, as for every tunnel
        }
    }
    for (const Bytes& not_a_frame : {capwap(true, wifi, 0x08), capwap(true, wifi, 0x80)}) {  // keep-alive, fragment
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkRaw, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, not_a_frame)), p));
        EXPECT_EQ(p.tunnel_depth, 0);
        EXPECT_EQ(p.dst_port, 5247);
    }
    Bytes dtls = capwap(true, wifi);
    dtls[0] = 0x01;  // preamble type 1: a DTLS record follows
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, dtls)), p));
    EXPECT_EQ(p.tunnel_depth, 0);
    NamedCounters c;
    EXPECT_FALSE(decode_one(kLinkRaw, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, bytes({0, 0x20, 3}))), p, &c));
    EXPECT_EQ(c, (NamedCounters{{"truncated_capwap_header", 1}}));
    Bytes cut = capwap(true, wifi);
    cut.resize(12);  // HLEN says 16
    EXPECT_FALSE(decode_one(kLinkRaw, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, cut)), p, &c));
    EXPECT_EQ(c, (NamedCounters{{"truncated_capwap_header", 1}}));
}

TEST(DecodeTunnel, InnerIcmpClearsOuterPorts) {
    const Bytes inner = eth(kMacC, kMacD, kEthIpv4, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(0, 0, {})));
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, inner)))), p));
    EXPECT_EQ(p.ip_proto, kProtoIcmp);
    EXPECT_EQ(p.src_port, 0);
    EXPECT_EQ(p.dst_port, 0);
}

TEST(DecodeTunnel, VxlanWithoutIFlagOrWithArpInside) {
    DecodedPacket p;
    NamedCounters c;
    Bytes not_vxlan = vxlan(1, zeros(20));
    not_vxlan[0] = 0;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, not_vxlan)), p, &c));
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_EQ(p.dst_port, 4789);
    EXPECT_EQ(p.payload.size(), 28u);
    EXPECT_TRUE(c.empty());
    const Bytes arp = eth(kMacC, kMacD, 0x0806, zeros(28));
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, arp))), p, &c));
    EXPECT_EQ(ip_str(p.src_ip), "192.0.2.1");
    EXPECT_EQ(p.dst_port, 4789);
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_EQ(c, (NamedCounters{{"tunnel_inner_not_ip", 1}}));
}

TEST(DecodeTunnel, Geneve) {
    const Bytes inner = eth(kMacC, kMacD, kEthIpv4, ipv4("10.1.0.1", "10.1.0.2", 17, udp(100, 200, {})));
    Bytes hdr = {0x01, 0x00, 0x65, 0x58, 0, 0, 5, 0};  // 1 option word
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 6081, cat({hdr, zeros(4), inner}))), p));
    EXPECT_EQ(ip_str(p.src_ip), "10.1.0.1");
    EXPECT_EQ(p.tunnel_depth, 1);
    Bytes hdr_ip = {0x00, 0x00, 0x08, 0x00, 0, 0, 5, 0};
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.1", "192.0.2.2", 17,
                                          udp(49999, 6081, cat({hdr_ip, ipv4("10.3.0.1", "10.3.0.2", 17, udp(1, 2, {}))}))),
                           p));
    EXPECT_EQ(ip_str(p.src_ip), "10.3.0.1");
}

// Issue 19: a DNS answer to a client whose ephemeral port happened to be 4789 or 6081 was decoded as
// VXLAN or Geneve (its bytes taken for an inner frame). From a well-known port it is the service's
// reply; a VXLAN header needs its reserved bytes zero.
TEST(DecodeTunnel, AnswersToAClientOnATunnelPortStayUdp) {
    // A DNS answer: id 0x0800 (its first byte could pass for VXLAN's I flag or Geneve version 0),
    // flags 81 80, one question and answer.
    const Bytes answer = cat({bytes({0x08, 0x00, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0}), text("\x03www\x07example\x03com"),
                              zeros(40)});
    for (uint16_t port : {4789, 6081, 8472}) {
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.53", "192.0.2.2", 17, udp(53, port, answer)), p)) << port;
        EXPECT_EQ(p.tunnel_depth, 0) << port;
        EXPECT_EQ(ip_str(p.src_ip), "192.0.2.53") << port;
        EXPECT_EQ(p.src_port, 53) << port;
        EXPECT_EQ(p.payload.size(), answer.size()) << port;
    }
    // From an ephemeral port, a datagram whose reserved VXLAN bytes are not zero is not VXLAN either.
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkRaw, ipv4("192.0.2.1", "192.0.2.2", 17, udp(50000, 4789, answer)), p));
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_EQ(p.dst_port, 4789);
}

TEST(DecodeTunnel, GtpUserPlane) {
    const Bytes in4 = ipv4("10.45.0.2", "8.8.4.4", 17, udp(40000, 53, text("dns")));
    // Flags 0x34: version 1, PT, E; sequence, N-PDU, next type 0x85 (PDU session container, 1 word).
    Bytes gtp = {0x34, 0xff, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 0x01, 0x00, 0x01, 0x00};
    gtp[3] = uint8_t(8 + in4.size());
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, cat({gtp, in4})))), p));
    EXPECT_EQ(ip_str(p.src_ip), "10.45.0.2");
    EXPECT_EQ(p.dst_port, 53);
    EXPECT_EQ(p.tunnel_depth, 1);
    // Echo request: signalling between the tunnel endpoints, an ordinary UDP flow.
    Bytes echo = {0x32, 0x01, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0};
    NamedCounters c;
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, echo))), p, &c));
    EXPECT_EQ(ip_str(p.src_ip), "172.16.0.1");
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_TRUE(c.empty());
}

TEST(DecodeTunnel, NestedTunnelsCountDepthAndStopAtTheLimit) {
    Bytes pkt = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, {}));
    for (int depth = 1; depth <= 9; ++depth) {
        pkt = ipv4("1.1.1.1", "2.2.2.2", 4, pkt);
        DecodedPacket p;
        NamedCounters c;
        const bool ok = decode_one(kLinkRaw, pkt, p, &c);
        if (depth <= 8) {
            ASSERT_TRUE(ok) << depth;
            EXPECT_EQ(p.tunnel_depth, depth);
            EXPECT_EQ(ip_str(p.src_ip), "10.0.0.1");
        } else {
            EXPECT_FALSE(ok);
            EXPECT_EQ(p.ip_version, 0);
            EXPECT_EQ(c, (NamedCounters{{"tunnel_too_deep", 1}}));
        }
    }
}

TEST(DecodeLinkType, Unsupported) {
    DecodedPacket p;
    NamedCounters c;
    EXPECT_FALSE(decode_one(107, zeros(40), p, &c));  // frame relay
    EXPECT_EQ(c, (NamedCounters{{"unsupported_link_type", 1}}));
}

// One decoder sees the packets of every input of a merge: whatever link type came before, each
// packet is read by its own, and each packet of an unsupported type is counted.
TEST(DecodeLinkType, PacketsOfMixedLinkTypesInOneDecoder) {
    Decoder d;
    DecodedPacket p;
    const Bytes ip = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, {}));
    const Bytes frame = eth(kMacA, kMacB, kEthIpv4, ip);
    const std::vector<std::pair<uint16_t, Bytes>> packets{{kLinkEthernet, frame}, {kLinkRaw, ip}, {107, frame},
                                                          {107, frame},          {kLinkRaw, ip}, {kLinkEthernet, frame},
                                                          {0xffff, frame}};
    for (const auto& [link_type, bytes] : packets) {
        const bool supported = link_type != 107 && link_type != 0xffff;
        EXPECT_EQ(d.decode(raw_packet(link_type, bytes), p), supported) << link_type;
        if (supported) {
            EXPECT_EQ(ip_str(p.src_ip), "10.0.0.1") << link_type;
            EXPECT_EQ(p.has_macs, link_type == kLinkEthernet) << link_type;
        }
    }
    EXPECT_EQ(d.counters(), (NamedCounters{{"unsupported_link_type", 3}}));
}

TEST(DecodeCounters, AccumulateAcrossPacketsAndNamesAreUnique) {
    Decoder d;
    DecodedPacket p;
    const Bytes arp = eth(kMacA, kMacB, 0x0806, zeros(28));
    const Bytes bad = eth(kMacA, kMacB, kEthIpv4, zeros(5));
    for (int i = 0; i < 3; ++i) d.decode(raw_packet(kLinkEthernet, arp), p);
    d.decode(raw_packet(kLinkEthernet, bad), p);
    EXPECT_EQ(d.counters(), (NamedCounters{{"non_ip_arp", 3}, {"truncated_ipv4_header", 1}}));
    EXPECT_EQ(d.weirds().get(Weird::truncated_ipv4_header), 1u);
    EXPECT_EQ(d.non_ip().get(NonIp::non_ip_arp), 3u);
    std::set<std::string> names;
    for (size_t i = 0; i < size_t(Weird::count_); ++i) names.insert(weird_name(Weird(i)));
    for (size_t i = 0; i < size_t(NonIp::count_); ++i) names.insert(non_ip_name(NonIp(i)));
    EXPECT_EQ(names.size(), size_t(Weird::count_) + size_t(NonIp::count_));
    EXPECT_STREQ(weird_name(Weird::truncated_vlan_header), "truncated_vlan_header");
}


// ---- the link addresses of a tunnel's inner frame ----

// Every tunnel that carries an Ethernet frame: the inner frame's addresses are the packet's own
// (the stations'), the outer link's stay what the wire showed.
TEST(DecodeTunnelMacs, InnerEthernetFrameOfEveryLayer2Tunnel) {
    const Bytes inner = eth(kMacD, kMacC, 0x8100, vlan(77, kEthIpv4, ipv4("10.20.0.1", "10.20.0.2", 17, udp(5, 6, {}))));
    Bytes erspan3 = zeros(12);
    erspan3[11] = 0x01;  // O bit: platform subheader follows
    struct Case {
        const char* name;
        Bytes frame;
    } cases[] = {
        {"vxlan", eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(51234, 4789, vxlan(42, inner))))},
        {"gre-teb", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x2000, 0x6558, zeros(4), inner)))},
        {"erspan-1", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x0000, 0x88be, {}, inner)))},
        {"erspan-2", eth(kMacA, kMacB, kEthIpv4,
                         ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x1000, 0x88be, zeros(4), cat({bytes({0x10, 0x01, 0, 1, 0, 0, 0, 0}), inner}))))},
        {"erspan-3", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x1000, 0x22eb, zeros(4), cat({erspan3, zeros(8), inner}))))},
        {"geneve", eth(kMacA, kMacB, kEthIpv6, ipv6("2001:db8::1", "2001:db8::2", 17, udp(40000, 6081, geneve(0x6558, 7, zeros(8), inner))))},
        {"eompls", eth(kMacA, kMacB, 0x8847, cat({mpls_label(100, true), zeros(4), inner}))},
        {"capwap-8023", eth(kMacA, kMacB, kEthIpv4, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, capwap(false, inner))))},
    };
    for (const auto& tc : cases) {
        DecodedPacket p;
        NamedCounters c;
        ASSERT_TRUE(decode_one(kLinkEthernet, tc.frame, p, &c)) << tc.name;
        EXPECT_TRUE(c.empty()) << tc.name;
        EXPECT_EQ(ip_str(p.src_ip), "10.20.0.1") << tc.name;
        EXPECT_EQ(p.tunnel_depth, 1) << tc.name;
        EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB)) << tc.name;  // the wire's
        EXPECT_EQ(p.dst_mac.to_string(), mac_str(kMacA)) << tc.name;
        ASSERT_TRUE(p.has_inner_macs) << tc.name;
        EXPECT_EQ(p.inner_src_mac.to_string(), mac_str(kMacC)) << tc.name;  // the station's
        EXPECT_EQ(p.inner_dst_mac.to_string(), mac_str(kMacD)) << tc.name;
        EXPECT_TRUE(p.has_own_macs()) << tc.name;
        EXPECT_EQ(p.own_src_mac().to_string(), mac_str(kMacC)) << tc.name;
        EXPECT_EQ(p.own_dst_mac().to_string(), mac_str(kMacD)) << tc.name;
    }
}

// Native 802.11 in CAPWAP: which address is the station depends on the DS bits. addr1 receiver,
// addr2 transmitter; ToDS: addr1 the AP (BSSID), addr3 the destination; FromDS: addr2 the AP,
// addr3 the source; both: addr3 destination, addr4 source. The AP itself is never an end.
TEST(DecodeTunnelMacs, CapwapNative80211AddressesByDsBits) {
    const Bytes kStation = kMacC, kAp = mac({0x84, 0x80, 0x2d, 0x2b, 0x45, 0x90}), kRouter = kMacD;
    const Bytes kOther = mac({0x02, 0x00, 0x00, 0x00, 0x00, 0x0e});
    const Bytes body = snap(kEthIpv4, ipv4("10.1.3.68", "74.125.130.188", 6, tcp(47025, 443, kAck, 1, 1, {})));
    struct Case {
        const char* name;
        uint8_t ds;
        Bytes a1, a2, a3, a4;
        const Bytes& src;
        const Bytes& dst;
    } cases[] = {
        {"to AP (ToDS)", 1, kAp, kStation, kRouter, {}, kStation, kRouter},
        {"from AP (FromDS)", 2, kStation, kAp, kRouter, {}, kRouter, kStation},
        {"WDS (both)", 3, kAp, kOther, kRouter, kStation, kStation, kRouter},
        {"direct (neither)", 0, kRouter, kStation, kAp, {}, kStation, kRouter},
    };
    for (const auto& tc : cases) {
        for (bool swap_fc : {false, true}) {
            Bytes wifi = wifi_data(tc.ds, true, false, tc.a1, tc.a2, tc.a3, tc.a4, body);
            if (swap_fc) std::swap(wifi[0], wifi[1]);  // as Cisco controllers send it
            DecodedPacket p;
            ASSERT_TRUE(decode_one(kLinkEthernet,
                                   eth(kMacA, kMacB, kEthIpv4, ipv4("172.50.100.155", "172.16.100.87", 17, udp(5247, 41264, capwap(true, wifi)))),
                                   p))
                << tc.name;
            expect_tcp4(p, "10.1.3.68", 47025, "74.125.130.188", 443);
            ASSERT_TRUE(p.has_inner_macs) << tc.name;
            EXPECT_EQ(p.inner_src_mac.to_string(), mac_str(tc.src)) << tc.name << swap_fc;
            EXPECT_EQ(p.inner_dst_mac.to_string(), mac_str(tc.dst)) << tc.name << swap_fc;
            EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB)) << tc.name;
        }
    }
}

// An A-MSDU's header has the BSSID where DA or SA would be: the first subframe's DA and SA are the
// packet's, inside a tunnel and outside.
TEST(DecodeTunnelMacs, AmsduSubframeNamesTheEnds) {
    const Bytes kStation = kMacC, kAp = kMacB, kRouter = kMacD;
    const Bytes ip = snap(kEthIpv4, ipv4("10.1.3.68", "74.125.130.188", 6, tcp(47025, 443, kAck, 1, 1, {})));
    Bytes subframe = cat({kRouter, kStation});
    put16(subframe, uint16_t(ip.size()));
    Bytes wifi = wifi_data(1, true, false, kAp, kStation, kAp, {}, cat({subframe, ip}));
    wifi[24] |= 0x80;  // QoS control: A-MSDU present
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkIeee80211, wifi, p));
    EXPECT_EQ(p.src_mac.to_string(), mac_str(kStation));
    EXPECT_EQ(p.dst_mac.to_string(), mac_str(kRouter));  // not the BSSID in addr3
    ASSERT_TRUE(decode_one(kLinkEthernet,
                           eth(kMacA, kMacB, kEthIpv4, ipv4("172.50.100.155", "172.16.100.87", 17, udp(41264, 5247, capwap(true, wifi)))), p));
    ASSERT_TRUE(p.has_inner_macs);
    EXPECT_EQ(p.inner_src_mac.to_string(), mac_str(kStation));
    EXPECT_EQ(p.inner_dst_mac.to_string(), mac_str(kRouter));
}

// Tunnels that carry IP without a link layer: no inner MACs, and none that belong to the packet.
TEST(DecodeTunnelMacs, TunnelsWithoutALinkLayerHaveNone) {
    const Bytes in4 = ipv4("10.10.0.1", "10.10.0.2", 6, tcp(33000, 22, kSyn, 0, 0, {}));
    Bytes gtp = {0x30, 0xff, 0, 0, 0, 0, 0, 1};
    gtp[3] = uint8_t(in4.size());
    const Bytes ppp = cat({bytes({0xff, 0x03, 0x00, 0x21}), in4});
    Bytes key;
    put16(key, uint16_t(ppp.size()));
    put16(key, 0x4242);
    struct Case {
        const char* name;
        Bytes frame;
    } cases[] = {
        {"ip-in-ip", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 4, in4))},
        {"gre-ip", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x0000, 0x0800, {}, in4)))},
        {"geneve-ip", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 17, udp(40000, 6081, geneve(0x0800, 7, {}, in4))))},
        {"gtp-u", eth(kMacA, kMacB, kEthIpv4, ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, cat({gtp, in4}))))},
        {"pptp", eth(kMacA, kMacB, kEthIpv4, ipv4("1.1.1.1", "2.2.2.2", 47, gre(0x3001, 0x880b, cat({key, zeros(4)}), ppp)))},
    };
    for (const auto& tc : cases) {
        DecodedPacket p;
        ASSERT_TRUE(decode_one(kLinkEthernet, tc.frame, p)) << tc.name;
        EXPECT_EQ(ip_str(p.src_ip), "10.10.0.1") << tc.name;
        EXPECT_EQ(p.tunnel_depth, 1) << tc.name;
        EXPECT_FALSE(p.has_inner_macs) << tc.name;
        EXPECT_FALSE(p.has_own_macs()) << tc.name;
        EXPECT_TRUE(p.has_macs) << tc.name;  // the wire's, as before
        EXPECT_EQ(p.src_mac.to_string(), mac_str(kMacB)) << tc.name;
    }
    // Outside tunnels the packet's own MACs are the wire's.
    DecodedPacket p;
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, in4), p));
    EXPECT_FALSE(p.has_inner_macs);
    EXPECT_TRUE(p.has_own_macs());
    EXPECT_EQ(p.own_src_mac().to_string(), mac_str(kMacB));
}

// Only the frame that carried the keyed packet counts: an inner frame before a further IP tunnel
// belongs to the tunnel's packet, and a non-IP payload reports the IP packet with its own frame.
TEST(DecodeTunnelMacs, OnlyTheKeyedPacketsOwnFrame) {
    const Bytes in4 = ipv4("10.10.0.1", "10.10.0.2", 6, tcp(33000, 22, kSyn, 0, 0, {}));
    DecodedPacket p;
    // VXLAN, Ethernet C->D, then IP-in-IP: the keyed packet rode in no frame of its own.
    const Bytes vm_tunnel = eth(kMacD, kMacC, kEthIpv4, ipv4("10.0.0.1", "10.0.0.2", 4, in4));
    ASSERT_TRUE(decode_one(kLinkEthernet,
                           eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, vm_tunnel)))), p));
    EXPECT_EQ(ip_str(p.src_ip), "10.10.0.1");
    EXPECT_EQ(p.tunnel_depth, 2);
    EXPECT_FALSE(p.has_inner_macs);
    // VXLAN carrying ARP: the outer packet is reported, with the wire's MACs as its own.
    Bytes arp = eth(kMacD, kMacC, 0x0806, zeros(28));
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, arp)))), p));
    EXPECT_EQ(ip_str(p.src_ip), "192.0.2.1");
    EXPECT_EQ(p.tunnel_depth, 0);
    EXPECT_FALSE(p.has_inner_macs);
    EXPECT_EQ(p.own_src_mac().to_string(), mac_str(kMacB));
    // VXLAN, Ethernet C->D, IPv4, GRE/TEB carrying ARP: reported as the VXLAN's inner packet, with
    // its frame C->D (not the ARP frame's addresses).
    const Bytes nested = eth(kMacD, kMacC, kEthIpv4,
                             ipv4("10.0.0.1", "10.0.0.2", 47, gre(0, 0x6558, {}, eth(kMacA, kMacA, 0x0806, zeros(28)))));
    ASSERT_TRUE(decode_one(kLinkEthernet, eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, nested)))), p));
    EXPECT_EQ(ip_str(p.src_ip), "10.0.0.1");
    EXPECT_EQ(p.tunnel_depth, 1);
    ASSERT_TRUE(p.has_inner_macs);
    EXPECT_EQ(p.inner_src_mac.to_string(), mac_str(kMacC));
    EXPECT_EQ(p.inner_dst_mac.to_string(), mac_str(kMacD));
    // A decoder reused for a packet without a tunnel keeps nothing of the last one.
    Decoder d;
    const Bytes tunnelled = eth(kMacA, kMacB, kEthIpv4, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49999, 4789, vxlan(1, eth(kMacD, kMacC, kEthIpv4, in4)))));
    const Bytes plain = eth(kMacA, kMacB, kEthIpv4, in4);
    ASSERT_TRUE(d.decode(raw_packet(kLinkEthernet, tunnelled), p));
    EXPECT_TRUE(p.has_inner_macs);
    ASSERT_TRUE(d.decode(raw_packet(kLinkEthernet, plain), p));
    EXPECT_FALSE(p.has_inner_macs);
    EXPECT_TRUE(p.inner_src_mac.is_zero());
}

}  // namespace
}  // namespace sovscan::test
