// Real captures from ../shared/corpus, one per link type and tunnel. Expected addresses and ports
// were read with tshark 4.0 (`tshark -n -r F -T fields -E occurrence=l -e ip.src ...`).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "decode/packet_builder.h"
#include "decode/test_pcap_reader.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

struct Decoded {
    std::vector<TestPacket> packets;  // owns the bytes the payload views point into
    std::vector<DecodedPacket> out;
    std::vector<bool> ok;
    NamedCounters counters;
    size_t ip_count = 0;
};

Decoded decode_file(const std::string& relative) {
    Decoded d;
    std::string error;
    d.packets = read_capture(corpus_file(relative), &error);
    EXPECT_TRUE(error.empty()) << relative << ": " << error;
    Decoder decoder;
    for (const auto& pkt : d.packets) {
        DecodedPacket p;
        const bool ok = decoder.decode(pkt.raw(), p);
        d.out.push_back(p);
        d.ok.push_back(ok);
        d.ip_count += ok;
    }
    d.counters = decoder.counters();
    return d;
}

// Every packet is IP and nothing was counted.
Decoded decode_clean(const std::string& relative, size_t packets) {
    Decoded d = decode_file(relative);
    EXPECT_EQ(d.packets.size(), packets) << relative;
    EXPECT_EQ(d.ip_count, packets) << relative;
    EXPECT_TRUE(d.counters.empty()) << relative << ": " << (d.counters.empty() ? "" : d.counters.begin()->first);
    return d;
}

void expect_flow(const DecodedPacket& p, const char* src, const char* dst, uint8_t proto, uint16_t sport = 0,
                 uint16_t dport = 0) {
    EXPECT_EQ(ip_str(p.src_ip), src);
    EXPECT_EQ(ip_str(p.dst_ip), dst);
    EXPECT_EQ(p.ip_proto, proto);
    EXPECT_EQ(p.src_port, sport);
    EXPECT_EQ(p.dst_port, dport);
}

TEST(DecodeCorpus, IpInIpTunnels) {
    {
        auto d = decode_clean("ndpi/4in4tunnel.pcap", 5);
        for (const auto& p : d.out) {
            expect_flow(p, "10.10.100.25", "10.10.101.2", kProtoUdp, 62367, 17000);
            EXPECT_EQ(p.tunnel_depth, 1);
            EXPECT_EQ(p.vlan_id, 1624);
            EXPECT_EQ(p.src_mac.to_string(), "a4:c6:4f:3b:b3:9a");  // FACTS.md: the Huawei MAC
        }
    }
    {
        auto d = decode_clean("ndpi/6in6tunnel.pcap", 2);
        expect_flow(d.out[0], "dead::beef", "cafe::babe", kProtoUdp, 30000, 13000);
        EXPECT_EQ(d.out[0].tunnel_depth, 1);
    }
    {
        auto d = decode_clean("ndpi/4in6tunnel.pcap", 4);
        expect_flow(d.out[0], "192.168.0.1", "10.10.10.1", kProtoTcp, 64455, 443);
        expect_flow(d.out[1], "10.10.10.1", "192.168.0.1", kProtoTcp, 443, 64455);
        EXPECT_EQ(d.out[0].tunnel_depth, 1);
    }
    {
        auto d = decode_clean("arkime/ipv6-in-ipv4.pcap", 10);
        expect_flow(d.out[0], "2001:db8:0:1::1", "2001:db8:0:1::2", kProtoIcmpv6);
        EXPECT_EQ(d.out[0].icmp_type, 128);
        EXPECT_EQ(d.out[1].icmp_type, 129);
    }
}

TEST(DecodeCorpus, GrePptpAndErspan) {
    {
        auto d = decode_clean("ndpi/gre.pcapng", 1);  // VLAN, IPv4, GRE v1, PPP, IPv4, UDP (SIP)
        expect_flow(d.out[0], "192.168.10.210", "192.168.103.40", kProtoUdp, 5060, 5060);
        EXPECT_EQ(d.out[0].vlan_id, 142);
        EXPECT_EQ(d.out[0].tunnel_depth, 1);
    }
    {
        auto d = decode_file("arkime/gre-erspan.pcap");
        ASSERT_EQ(d.packets.size(), 6u);
        EXPECT_EQ(d.ip_count, 6u);
        // Two mirrored frames are CDP: the GRE packet between the ERSPAN endpoints is reported.
        EXPECT_EQ(d.counters, (NamedCounters{{"tunnel_inner_not_ip", 2}}));
        size_t inner = 0;
        for (const auto& p : d.out) {
            if (p.tunnel_depth == 1) {
                ++inner;
                EXPECT_EQ(p.ip_proto, kProtoIcmp);
                EXPECT_TRUE(ip_str(p.src_ip) == "23.0.0.2" || ip_str(p.src_ip) == "23.0.0.3");
            } else {
                expect_flow(p, "2.2.2.2", "1.1.1.1", 47);
            }
        }
        EXPECT_EQ(inner, 4u);
    }
}

TEST(DecodeCorpus, VxlanAndGeneve) {
    {
        auto d = decode_clean("ndpi/vxlan.pcap", 127);
        expect_flow(d.out[0], "10.10.20.4", "8.8.8.8", kProtoUdp, 44437, 53);
        size_t tcp = 0;
        for (const auto& p : d.out) {
            EXPECT_EQ(p.tunnel_depth, 1);
            EXPECT_EQ(p.vlan_id, 5);
            tcp += p.ip_proto == kProtoTcp;
        }
        EXPECT_EQ(tcp, 119u);
    }
    {
        auto d = decode_file("arkime/vxlan.pcap");  // 8 ICMP and 2 ARP inside VXLAN
        ASSERT_EQ(d.packets.size(), 10u);
        EXPECT_EQ(d.ip_count, 10u);
        EXPECT_EQ(d.counters, (NamedCounters{{"tunnel_inner_not_ip", 2}}));
        size_t icmp = 0;
        for (const auto& p : d.out) icmp += p.ip_proto == kProtoIcmp && p.tunnel_depth == 1;
        EXPECT_EQ(icmp, 8u);
    }
    {
        auto d = decode_clean("arkime/tcpdump-geneve.pcap", 39);
        expect_flow(d.out[0], "30.0.0.1", "30.0.0.2", kProtoIcmp);
        for (const auto& p : d.out) EXPECT_EQ(p.tunnel_depth, 1);
    }
}

// A Cisco controller's CAPWAP data channel (802.11 frames, frame control swapped), QinQ outside:
// tshark shows the station's TCP connection to 74.125.130.188:443 in all 14 frames, both ways.
TEST(DecodeCorpus, CapwapDataFromACiscoController) {
    auto d = decode_clean("ndpi/capwap_data.pcapng", 14);
    expect_flow(d.out[0], "10.1.3.68", "74.125.130.188", kProtoTcp, 47025, 443);
    expect_flow(d.out[3], "74.125.130.188", "10.1.3.68", kProtoTcp, 443, 47025);
    for (const auto& p : d.out) EXPECT_EQ(p.tunnel_depth, 1);
    EXPECT_EQ(d.out[0].vlan_id, 94);  // the outer tag of the QinQ pair 94/3
    EXPECT_EQ(d.out[1].vlan_id, 93);
}

TEST(DecodeCorpus, GtpUserPlane) {
    {
        auto d = decode_clean("arkime/gtp-u.pcap", 102);
        expect_flow(d.out[0], "202.11.40.158", "192.168.40.178", kProtoIcmp);
        for (const auto& p : d.out) EXPECT_EQ(p.tunnel_depth, 1);
    }
    {
        auto d = decode_clean("ndpi/ipv6_in_gtp.pcap", 2);
        expect_flow(d.out[0], "2607:fc20:4052:39e:490a:ea4d:17fe:e09c", "fd00:976a:bc67:193e::7", kProtoUdp, 49120, 25658);
        expect_flow(d.out[1], "2a01:4c8:c014:144e:1:2:945b:6761", "2a01:4c8:f000:f49::4", 50);  // ESP
        EXPECT_FALSE(d.out[1].has_l4);
    }
    {
        auto d = decode_clean("arkime/ipv6-gtp6.pcap", 1);
        expect_flow(d.out[0], "1111:2222:3333:4444:5555:7777::", "1111:2222:3333:4444:5555:8888:a8ac:7bc0", kProtoUdp, 53,
                    57030);
        EXPECT_EQ(d.out[0].vlan_id, 2048);
    }
}

TEST(DecodeCorpus, VlanStacksAndPppoe) {
    {
        auto d = decode_clean("arkime/dot1ad.pcap", 2);  // FACTS.md: 47.245.159.156 (Alibaba)
        expect_flow(d.out[0], "47.245.159.156", "92.104.109.0", kProtoIcmp);
        EXPECT_EQ(d.out[0].vlan_id, 1525);  // the 802.1ad service tag, not the inner 30
        EXPECT_EQ(d.out[1].vlan_id, 1535);
        EXPECT_EQ(d.out[0].src_mac.to_string(), "88:d9:8f:5f:c5:48");
    }
    {
        auto d = decode_clean("arkime/twovlan.pcap", 6);
        expect_flow(d.out[0], "10.0.0.1", "10.0.0.2", kProtoTcp, 54422, 80);
        EXPECT_EQ(d.out[0].vlan_id, 201);
    }
    {
        auto d = decode_clean("ndpi/dns.pcap", 5);  // frames 4 and 5: QinQ + PPPoE
        expect_flow(d.out[3], "82.178.113.245", "82.178.158.181", kProtoUdp, 47255, 53);
        EXPECT_EQ(d.out[3].vlan_id, 421);
        expect_flow(d.out[0], "192.168.170.20", "192.168.170.8", kProtoUdp, 53, 32795);
    }
}

TEST(DecodeCorpus, OtherLinkTypes) {
    struct Case {
        const char* file;
        size_t packets;
        const char *src, *dst;
        uint8_t proto;
        uint16_t sport, dport;
    } cases[] = {
        {"ndpi/KakaoTalk_talk.pcap", 3203, "10.24.82.188", "103.246.57.251", kProtoTcp, 51021, 8080},  // Linux SLL
        {"ndpi/http2.pcapng", 10, "127.0.0.1", "127.0.0.1", kProtoTcp, 37824, 29518},                  // SLL, pcapng
        {"ndpi/iqiyi.pcap", 2, "10.215.173.1", "116.211.199.199", kProtoUdp, 50412, 16600},            // raw IP
        {"arkime/adb.pcap", 13, "192.0.2.1", "192.0.2.2", kProtoTcp, 36698, 5555},                     // raw IPv4
        {"ndpi/nats.pcap", 27, "127.0.0.1", "127.0.0.1", kProtoTcp, 54820, 4222},                       // BSD loopback
        {"ndpi/dlt_ppp.pcap", 1, "193.167.0.252", "193.167.100.100", kProtoUdp, 44083, 443},            // PPP
        {"ndpi/BGP_Cisco_hdlc_slarp.pcap", 14, "100.16.1.2", "100.16.1.1", kProtoTcp, 18324, 179},     // Cisco PPP
        {"ndpi/BGP_redist.pcap", 2, "2.2.2.2", "4.4.4.4", kProtoTcp, 179, 63535},                      // C-HDLC, MPLS
        {"ndpi/someip_sd_sample.pcap", 6, "192.168.88.73", "235.2.3.5", kProtoUdp, 30490, 30490},       // PPI
    };
    for (const auto& tc : cases) {
        SCOPED_TRACE(tc.file);
        auto d = decode_clean(tc.file, tc.packets);
        ASSERT_FALSE(d.out.empty());
        expect_flow(d.out[0], tc.src, tc.dst, tc.proto, tc.sport, tc.dport);
    }
    auto d = decode_clean("ndpi/BGP_redist.pcap", 2);
    expect_flow(d.out[1], "2.2.2.2", "5.5.5.5", kProtoTcp, 179, 49433);  // the one without MPLS
}

// Every capture in the corpus: decode never breaks its invariants (run it under ASan too), and
// the weirds it counts are reported so that a new one is noticed.
TEST(DecodeCorpus, WholeCorpusInvariants) {
    std::ifstream index(corpus_file("INDEX.tsv"));
    ASSERT_TRUE(index) << "INDEX.tsv";
    std::string line;
    std::getline(index, line);  // header
    size_t files = 0, packets = 0, ip = 0;
    NamedCounters total;
    while (std::getline(index, line)) {
        const std::string path = line.substr(0, line.find('\t'));
        std::string error;
        const auto caps = read_capture(corpus_dir() + "/" + path, &error);
        if (!error.empty()) continue;  // big-endian pcapng and the like: the sources stage's job
        Decoder decoder;
        for (const auto& pkt : caps) {
            DecodedPacket p;
            const bool ok = decoder.decode(pkt.raw(), p);
            ASSERT_EQ(ok, p.ip_version != 0) << path;
            if (!p.payload.empty()) {
                ASSERT_GE(p.payload.data(), pkt.data.data()) << path;
                ASSERT_LE(p.payload.data() + p.payload.size(), pkt.data.data() + pkt.data.size()) << path;
            }
            ip += ok;
        }
        packets += caps.size();
        for (const auto& [name, n] : decoder.counters()) {
            total[name] += n;
            if (std::getenv("SOVSCAN_DECODE_VERBOSE")) std::cout << "[corpus] " << path << " " << name << "=" << n << "\n";
        }
        ++files;
    }
    EXPECT_GT(files, 600u);
    EXPECT_GT(ip, packets * 95 / 100);
    std::ostringstream summary;
    for (const auto& [name, n] : total) summary << name << "=" << n << " ";
    std::cout << "[corpus] files=" << files << " packets=" << packets << " ip=" << ip << " " << summary.str() << "\n";
}

}  // namespace
}  // namespace sovscan::test
