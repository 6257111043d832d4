// What real captures say about devices. DHCP and HTTP User-Agent values are read from
// ../shared/corpus/FACTS.md ("Vendor/app strings in cleartext metadata") and must all be found.
// FACTS.md lists no mDNS/SSDP/UPnP facts: for those, the values asserted below were read with
// tshark 4.0 from the same captures, with the command given at each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "observe/device_test_util.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

struct MetadataFact {
    std::string capture;  // corpus-relative path
    std::string where;    // "DHCP (chaddr, hostname, vendor-class)", "HTTP User-Agent"
    std::string value;    // the backticked cell
};

// The rows of every "Vendor/app strings in cleartext metadata" table of FACTS.md.
std::vector<MetadataFact> metadata_facts() {
    std::ifstream in(corpus_file("FACTS.md"));
    std::vector<MetadataFact> out;
    std::string line, capture;
    bool in_table = false;
    while (std::getline(in, line)) {
        if (line.rfind("### `", 0) == 0) {
            capture = line.substr(5, line.find('`', 5) - 5);
            in_table = false;
        } else if (line.rfind("Vendor/app strings in cleartext metadata", 0) == 0) {
            in_table = true;
        } else if (in_table && line.rfind("| ", 0) == 0) {
            const size_t open = line.find('`'), close = line.rfind('`');
            if (open == std::string::npos || close <= open) continue;  // header or separator
            const std::string where = line.substr(2, line.find(" | ") - 2);
            out.push_back({capture, where, line.substr(open + 1, close - open - 1)});
        } else if (in_table && line.empty() && !out.empty() && out.back().capture == capture) {
            in_table = false;
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
        out.push_back(s.substr(start, at - start));
    out.push_back(s.substr(start));
    return out;
}

TEST(DeviceCorpus, EveryDhcpFactIsFound) {
    size_t checked = 0;
    for (const auto& f : metadata_facts()) {
        if (f.where != "DHCP (chaddr, hostname, vendor-class)") continue;
        const auto parts = split(f.value, " / ");  // "5c:cf:7f:07:ae:fb / ESP_07AEFB / "
        ASSERT_EQ(parts.size(), 3u) << f.value;
        const auto run = run_capture(corpus_file(f.capture));
        const auto records = run.observer->device_records();
        const AssetRecord* r = record_for_mac(records, parts[0]);
        ASSERT_NE(r, nullptr) << f.capture << " " << parts[0];
        EXPECT_EQ(values(*r, "hostname", "DHCP option 12"), std::vector<std::string>{parts[1]}) << f.capture;
        const auto vendor = values(*r, "vendor_class", "DHCP option 60");
        if (parts[2].empty()) {
            EXPECT_TRUE(vendor.empty()) << f.capture;
        } else {
            EXPECT_EQ(vendor, std::vector<std::string>{parts[2]}) << f.capture;
        }
        EXPECT_EQ(r->attribute("mac_kind"), nullptr);  // FACTS: 0 locally administered MACs there
        EXPECT_EQ(run.observer->counters().at("dhcp_malformed"), 0u) << f.capture;
        ++checked;
    }
    EXPECT_GT(checked, 0u) << "FACTS.md lists DHCP facts";
}

TEST(DeviceCorpus, EveryHttpUserAgentFactIsFound) {
    std::map<std::string, std::set<std::string>> wanted;  // capture -> user agents
    for (const auto& f : metadata_facts())
        if (f.where == "HTTP User-Agent") wanted[f.capture].insert(f.value);
    ASSERT_FALSE(wanted.empty()) << "FACTS.md lists HTTP User-Agent facts";
    for (const auto& [capture, agents] : wanted) {
        const auto run = run_capture(corpus_file(capture));
        std::set<std::string> seen;
        for (const auto& r : run.observer->device_records()) {
            for (const auto& v : values(r, "user_agent", "HTTP User-Agent")) {
                seen.insert(v);
                EXPECT_TRUE(r.macs.empty()) << "HTTP banners are kept by address";
            }
        }
        for (const auto& ua : agents) EXPECT_TRUE(seen.count(ua)) << capture << ": " << ua;
    }
}

// Chrome's user agent, device model often included (LDN-L21: a Huawei Y7 Prime), in the gQUIC
// CHLO's UAID tag and, in IETF-style QUIC (T050, drafts), in Chromium's google_user_agent
// transport parameter (0x3129). tshark -n -r F -Y gquic.tag.uaid -T fields -e ip.src -e ipv6.src
// -e gquic.tag.uaid (tshark shows both as gquic.tag.uaid).
TEST(DeviceCorpus, QuicUserAgentsAreTheClientsUserAgent) {
    struct Case {
        const char* capture;
        const char* client;
        const char* agent;
        const char* detail;
    };
    for (const Case& c :
         {Case{"ndpi/quic_q50.pcap", "248.144.129.147", "Chrome/83.0.4103.101 Android 8.0.0; LDN-L21", "gQUIC UAID"},
          Case{"ndpi/quic_q39.pcap", "170.216.16.209", "com.google.android.youtube Cronet/63.0.3223.7", "gQUIC UAID"},
          Case{"ndpi/wechat.pcap", "192.168.1.103", "Chrome/57.0.2987.133 Linux x86_64", "gQUIC UAID"},
          Case{"ndpi/quic_t50.pcap", "40.154.127.200", "Chrome/85.0.4183.83 Windows NT 6.1; Win64; x64",
               "QUIC google_user_agent"},
          Case{"ndpi/quic-27.pcap", "3ef4:2194:f4a6:3503:40cd:714:57:c4e4",
               "beta Chrome/84.0.4147.45 Windows NT 10.0; Win64; x64", "QUIC google_user_agent"}}) {
        const auto run = run_capture(corpus_file(c.capture));
        const auto records = run.observer->device_records();
        const AssetRecord* r = record_for_ip(records, c.client);
        ASSERT_NE(r, nullptr) << c.capture;
        EXPECT_EQ(values(*r, "user_agent", c.detail), std::vector<std::string>{c.agent}) << c.capture;
    }
}

// tshark -n -r iot-sentinel/HueBridge/Setup-C-12-STA.pcap -Y 'mdns or ssdp or dhcp' -T fields -e eth.src
//   -e dns.txt -e dns.ptr.domain_name -e dns.srv.target -e dns.a -e dns.aaaa -e http.server -e http.location
//   -e dhcp.option.hostname -e dhcp.option.vendor_class_id -e dhcp.option.request_list_item -e dhcp.ip.your
TEST(DeviceCorpus, HueBridgeDescribesItself) {
    const auto run = run_capture(corpus_file("iot-sentinel/HueBridge/Setup-C-12-STA.pcap"));
    const auto records = run.observer->device_records();
    const AssetRecord* hue = record_for_mac(records, "00:17:88:24:76:ff");
    ASSERT_NE(hue, nullptr);
    // DHCP
    EXPECT_EQ(values(*hue, "hostname", "DHCP option 12"), std::vector<std::string>{"Philips-hue"});
    EXPECT_EQ(values(*hue, "vendor_class", "DHCP option 60"), std::vector<std::string>{"udhcp 1.19.4"});
    EXPECT_EQ(values(*hue, "dhcp_fingerprint"), std::vector<std::string>{"1,3,6,12,15,28,42"});
    EXPECT_EQ(values(*hue, "ip", "DHCP ACK yiaddr"), std::vector<std::string>{"10.10.10.6"});
    // mDNS, over IPv4 and IPv6 from the same MAC
    EXPECT_EQ(values(*hue, "model", "mDNS TXT md"), std::vector<std::string>{"BSB002"});
    EXPECT_EQ(values(*hue, "mdns_service"), std::vector<std::string>{"_hap._tcp.local"});
    EXPECT_EQ(values(*hue, "mdns_instance"), std::vector<std::string>{"Philips hue - 2476FF"});
    EXPECT_EQ(values(*hue, "hostname", "mDNS SRV"), std::vector<std::string>{"philips-hue.local"});
    for (const char* a : {"10.10.10.6", "fdd9:fbb:a067::1", "fe80::217:88ff:fe24:76ff"})
        EXPECT_TRUE(has_ip(*hue, a)) << a;
    EXPECT_EQ(hue->hostnames, std::vector<std::string>{"philips-hue"});
    // SSDP
    EXPECT_EQ(values(*hue, "server_banner", "SSDP SERVER"),
              std::vector<std::string>{"Linux/3.14.0 UPnP/1.0 IpBridge/1.9.0"});
    EXPECT_EQ(values(*hue, "upnp_location"), std::vector<std::string>{"http://10.10.10.6:80/description.xml"});
    const auto c = run.observer->counters();
    EXPECT_EQ(c.at("mdns_malformed"), 0u);
    EXPECT_EQ(c.at("ssdp_malformed"), 0u);
    EXPECT_EQ(c.at("dhcp_malformed"), 0u);
}

// tshark -n -r ndpi/anyconnect-vpn.pcap -Y 'ssdp or frame.number in {397 513 518}' -T fields -e eth.src
//   -e http.server -e http.location -e http.user_agent -e udp.payload -e tcp.payload   (payloads read with xxd -r -p)
TEST(DeviceCorpus, RokuAndChromecastDescriptions) {
    const auto run = run_capture(corpus_file("ndpi/anyconnect-vpn.pcap"));
    const auto records = run.observer->device_records();
    // The Roku answers M-SEARCH from port 1900...
    const AssetRecord* roku = record_for_mac(records, "d8:31:34:20:77:fb");
    ASSERT_NE(roku, nullptr);
    EXPECT_EQ(values(*roku, "server_banner", "SSDP SERVER"), std::vector<std::string>{"Roku UPnP/1.0 Roku/9.1.0"});
    EXPECT_EQ(values(*roku, "upnp_location"), std::vector<std::string>{"http://10.0.0.151:8060/dial/dd.xml"});
    EXPECT_EQ(values(*roku, "upnp_uuid"), std::vector<std::string>{"uuid:295c0004-6807-106d-80cf-d831342077fb"});
    // ...and serves its description over HTTP (headers and body in separate segments).
    const AssetRecord* roku_http = record_for_ip(records, "10.0.0.151");
    ASSERT_NE(roku_http, nullptr);
    EXPECT_EQ(values(*roku_http, "friendly_name"), std::vector<std::string>{"Express"});
    EXPECT_EQ(values(*roku_http, "manufacturer"), std::vector<std::string>{"Roku"});
    EXPECT_EQ(values(*roku_http, "model"), std::vector<std::string>{"Roku Express"});
    EXPECT_EQ(values(*roku_http, "model_number"), std::vector<std::string>{"3900X"});
    EXPECT_EQ(values(*roku_http, "serial_number"), std::vector<std::string>{"YG004J486863"});
    EXPECT_EQ(values(*roku_http, "upnp_uuid"), std::vector<std::string>{"uuid:295c0004-6807-106d-80cf-d831342077fb"});
    EXPECT_EQ(values(*roku_http, "server_banner", "HTTP Server"),
              std::vector<std::string>{"Roku UPnP/1.0 MiniUPnPd/1.4"});
    // The Chromecast answers from an ephemeral port (tshark does not call it SSDP).
    const AssetRecord* cast = record_for_mac(records, "a4:77:33:8c:f1:40");
    ASSERT_NE(cast, nullptr);
    EXPECT_EQ(values(*cast, "upnp_location"), std::vector<std::string>{"http://10.0.0.149:8008/ssdp/device-desc.xml"});
    EXPECT_EQ(values(*cast, "server_banner"),
              std::vector<std::string>{"Linux/3.8.13+, UPnP/1.0, Portable SDK for UPnP devices/1.6.18"});
    const AssetRecord* cast_http = record_for_ip(records, "10.0.0.149");
    ASSERT_NE(cast_http, nullptr);
    EXPECT_EQ(values(*cast_http, "friendly_name"), std::vector<std::string>{"Chromecast1699"});
    EXPECT_EQ(values(*cast_http, "manufacturer"), std::vector<std::string>{"Google Inc."});
    EXPECT_EQ(values(*cast_http, "model"), std::vector<std::string>{"Eureka Dongle"});
    // The searcher's own User-Agent.
    const AssetRecord* mac_book = record_for_mac(records, "34:36:3b:cf:75:28");
    ASSERT_NE(mac_book, nullptr);
    EXPECT_EQ(values(*mac_book, "user_agent", "SSDP USER-AGENT"),
              std::vector<std::string>{"Google Chrome/77.0.3865.90 Mac OS X"});
    EXPECT_EQ(run.observer->counters().at("upnp_descriptions"), 2u);
}

// tshark -n -r iot-sentinel/D-LinkCam/Setup-C-7-STA.pcap -Y 'mdns or ssdp' -T fields -e eth.src -e dns.txt
//   -e dns.srv.target -e http.server
TEST(DeviceCorpus, DLinkCameraModel) {
    const auto run = run_capture(corpus_file("iot-sentinel/D-LinkCam/Setup-C-7-STA.pcap"));
    const auto records = run.observer->device_records();
    const AssetRecord* cam = record_for_mac(records, "b0:c5:54:25:5b:0e");
    ASSERT_NE(cam, nullptr);
    EXPECT_EQ(values(*cam, "model", "mDNS TXT model_number"), std::vector<std::string>{"DCS-935L"});
    EXPECT_EQ(values(*cam, "server_banner", "SSDP SERVER"),
              std::vector<std::string>{"Linux,    UPnP/1.0 DCS-935L/1.0"});
    const auto hosts = values(*cam, "hostname", "mDNS SRV");
    EXPECT_NE(std::find(hosts.begin(), hosts.end(), "dcs-935l.local"), hosts.end());
    EXPECT_EQ(run.observer->counters().at("mdns_malformed"), 0u);
}

// tshark marks the one DHCP message of ndpi/dhcp-fuzz.pcapng "Malformed Packet" (after option 60).
TEST(DeviceCorpus, FuzzedDhcpIsCountedMalformed) {
    const auto run = run_capture(corpus_file("ndpi/dhcp-fuzz.pcapng"));
    const auto c = run.observer->counters();
    EXPECT_EQ(c.at("dhcp_messages"), 1u);
    EXPECT_EQ(c.at("dhcp_malformed"), 1u);
}

}  // namespace
}  // namespace sovscan::test
