// End-to-end on the corpus captures whose tunnels carry frames: the stations inside are found,
// named, and given their own MACs (from the inner frame), while the tunnel's outer link MACs are
// devices of their own tied to no inner address. ndpi/capwap_data.pcapng: a Wi-Fi station's
// connection tunnelled in CAPWAP (native 802.11) from a Cisco controller, behind a router with a
// Huawei MAC (FACTS.md's one PRC MAC of the capture). The other captures' inner MACs were read
// with a script over the raw bytes (Ethernet inside VXLAN/Geneve/ERSPAN II).
#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

const DeviceRecord* device_with_mac(const ScanRun& run, const std::string& mac) {
    for (const DeviceRecord& d : run.report->devices)
        if (d.mac.to_string() == mac) return &d;
    return nullptr;
}

std::vector<std::string> ips_of(const DeviceRecord& d) {
    std::vector<std::string> out;
    for (const IpAddress& ip : d.ips) out.push_back(ip.to_string());
    return out;
}

TEST(TunnelScan, CapwapStationGetsItsOwnMacAndNotTheRouters) {
    ScanRun run = scan_capture(corpus_file("ndpi/capwap_data.pcapng"));
    ASSERT_TRUE(run.report);
    // tshark: 10.1.3.68:47025 -> 74.125.130.188:443 inside the tunnel, SNI alt2-mtalk.google.com,
    // mirrored under two outer VLANs (94 and 93). In the 802.11 frames the station 54:f2:01:e1:b2:99
    // is SA of the ToDS ones (addr2; addr1 the AP 84:80:2d:2b:45:90, addr3 the gateway) and DA of
    // the FromDS ones (addr1; addr3 the gateway e4:c7:22:aa:b9:4f as SA).
    ASSERT_EQ(run.flows.size(), 2u);
    for (const Flow& f : run.flows) {
        EXPECT_EQ(f.client_ip.to_string(), "10.1.3.68");
        EXPECT_EQ(f.server_ip.to_string(), "74.125.130.188");
        EXPECT_EQ(f.server_port, 443);
        EXPECT_TRUE(f.tunnelled);
        EXPECT_EQ(f.server_name, "alt2-mtalk.google.com");
        EXPECT_EQ(f.name_source, NameSource::sni);
        EXPECT_TRUE(f.has_macs);
        EXPECT_EQ(f.client_mac.to_string(), "54:f2:01:e1:b2:99");
        EXPECT_EQ(f.server_mac.to_string(), "e4:c7:22:aa:b9:4f");
        EXPECT_TRUE(f.has_outer_macs);
        EXPECT_EQ(f.outer_client_mac.to_string(), "a4:c6:4f:3b:b3:ab");
        EXPECT_EQ(f.outer_server_mac.to_string(), "a4:c6:4f:3b:b3:ab");
        EXPECT_TRUE(f.extra_macs.empty());
    }
    // The station: its Samsung MAC tied to its address.
    const DeviceRecord* station = device_with_mac(run, "54:f2:01:e1:b2:99");
    ASSERT_NE(station, nullptr);
    EXPECT_EQ(ips_of(*station), std::vector<std::string>{"10.1.3.68"});
    EXPECT_EQ(station->organisation, "Samsung Electronics Co.,Ltd");
    EXPECT_EQ(station->oui_prefix, "54F201");
    EXPECT_FALSE(station->locally_administered);
    // The gateway behind the AP is the remote server's next hop: a device, tied to nothing.
    const DeviceRecord* gateway = device_with_mac(run, "e4:c7:22:aa:b9:4f");
    ASSERT_NE(gateway, nullptr);
    EXPECT_TRUE(gateway->ips.empty());
    EXPECT_EQ(gateway->organisation, "Cisco Systems, Inc");
    // The Huawei MAC in front of the tunnel is a device of the network (SOV-005), with no address
    // of the station's; no finding is about the station.
    const DeviceRecord* huawei = device_with_mac(run, "a4:c6:4f:3b:b3:ab");
    ASSERT_NE(huawei, nullptr);
    for (const IpAddress& ip : huawei->ips) EXPECT_NE(ip.to_string(), "10.1.3.68");
    for (const Finding& f : run.report->findings) {
        if (f.asset.has_ip) {
            EXPECT_NE(f.asset.ip.to_string(), "10.1.3.68") << rule_info(f.rule).code;
        }
    }
}

// The other tunnel types of the corpus: per capture, each inner MAC and the inner address it is
// tied to (home networks given where the inner addresses are public), and what its OUI says.
TEST(TunnelScan, InnerMacsOfVxlanGeneveAndErspanAreTheirStations) {
    struct Station {
        const char* mac;
        const char* ip;
        const char* organisation;  // "" for a locally administered MAC (no OUI)
    };
    struct Case {
        const char* file;
        std::vector<std::string> home_nets;
        std::vector<Station> stations;
        std::vector<const char*> outer;  // the outer link's MACs: devices without an inner address
    };
    const std::vector<Case> cases{
        // ERSPAN II mirroring ICMP between two Cisco interfaces.
        {"arkime/gre-erspan.pcap", {"23.0.0.0/24"},
         {{"64:00:f1:e1:02:02", "23.0.0.2", "Cisco Systems, Inc"}, {"64:00:f1:e1:03:03", "23.0.0.3", "Cisco Systems, Inc"}},
         {"64:00:f1:e2:01:01"}},
        // VXLAN: a container 10.10.20.4 talking to 8.8.8.8 and 157.240.224.35 through its gateway
        // 66:7a:50:aa:ff:9a (the remote side's MAC, tied to nothing).
        {"ndpi/vxlan.pcap", {}, {{"1e:ea:69:2a:6f:cf", "10.10.20.4", ""}}, {"00:0c:bd:06:3a:74", "00:0c:bd:06:3a:75"}},
        {"arkime/vxlan.pcap", {}, {{"ba:09:2b:6e:f8:be", "10.0.0.1", ""}, {"4a:7f:01:3b:a2:71", "10.0.0.2", ""}}, {}},
        // Geneve (OVS): two VMs.
        {"arkime/tcpdump-geneve.pcap", {"30.0.0.0/24"},
         {{"b6:9e:d2:49:51:48", "30.0.0.1", ""}, {"fe:71:d8:83:72:4f", "30.0.0.2", ""}},
         {"00:1b:21:3c:ab:64", "00:1b:21:3c:ac:30"}},
    };
    for (const Case& c : cases) {
        ScanRun run = scan_capture(corpus_file(c.file), c.home_nets);
        ASSERT_TRUE(run.report) << c.file;
        for (const Station& s : c.stations) {
            const DeviceRecord* d = device_with_mac(run, s.mac);
            ASSERT_NE(d, nullptr) << c.file << " " << s.mac;
            EXPECT_EQ(ips_of(*d), std::vector<std::string>{s.ip}) << c.file << " " << s.mac;
            EXPECT_EQ(d->organisation, s.organisation) << c.file << " " << s.mac;
            EXPECT_EQ(d->locally_administered, std::string(s.organisation).empty()) << c.file << " " << s.mac;
        }
        for (const char* mac : c.outer) {
            const DeviceRecord* d = device_with_mac(run, mac);
            ASSERT_NE(d, nullptr) << c.file << " " << mac;
            for (const Station& s : c.stations)
                for (const IpAddress& ip : d->ips) EXPECT_NE(ip.to_string(), s.ip) << c.file << " " << mac;
        }
        for (const Flow& f : run.flows) {
            if (f.tunnelled) {
                EXPECT_TRUE(f.has_outer_macs) << c.file;
            }
        }
    }
}

// PPTP (GRE version 1 carrying PPP): no inner link layer. The inner flow has no MACs of its own,
// the outer link's are the tunnel's, tied to nothing.
TEST(TunnelScan, PptpInnerFlowHasNoMacOfItsOwn) {
    ScanRun run = scan_capture(corpus_file("ndpi/gre.pcapng"));
    ASSERT_TRUE(run.report);
    ASSERT_EQ(run.flows.size(), 1u);
    const Flow& f = run.flows[0];
    EXPECT_TRUE(f.tunnelled);
    EXPECT_FALSE(f.has_macs);
    EXPECT_TRUE(f.has_outer_macs);
    EXPECT_EQ(f.outer_client_mac.to_string() == "9c:37:f4:7c:6e:91" || f.outer_server_mac.to_string() == "9c:37:f4:7c:6e:91", true);
    const DeviceRecord* outer = device_with_mac(run, "9c:37:f4:7c:6e:91");
    ASSERT_NE(outer, nullptr);
    EXPECT_TRUE(outer->ips.empty());
}

}  // namespace
}  // namespace sovscan::test
