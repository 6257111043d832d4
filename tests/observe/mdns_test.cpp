// mDNS / DNS-SD: hand-built announcements, probes, printers; truncated and hostile messages; and
// that unicast DNS is untouched by udp/5353.
#include <gtest/gtest.h>

#include "observe/device_test_util.h"

namespace sovscan::test {
namespace {

constexpr uint16_t kA = 1, kPtr = 12, kTxt = 16, kAaaa = 28, kSrv = 33;
constexpr uint16_t kCacheFlushIn = 0x8001;

std::vector<uint8_t> txt(std::initializer_list<std::string_view> strings) {
    std::vector<uint8_t> out;
    for (auto s : strings) {
        out.push_back(uint8_t(s.size()));
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

std::vector<uint8_t> srv(uint16_t port, std::string_view target) {
    std::vector<uint8_t> out{0, 0, 0, 0};
    put16(out, port);
    const auto n = dns_wire_name(target);
    out.insert(out.end(), n.begin(), n.end());
    return out;
}

// What a Philips Hue bridge announces (record set as tshark shows it in
// iot-sentinel/HueBridge/Setup-C-12-STA.pcap), plus a reverse PTR and a service enumeration PTR.
std::vector<uint8_t> hue_announcement() {
    return DnsMessageBuilder(0x8400)
        .record(1, "_hap._tcp.local", kPtr, dns_wire_name("Philips hue - 2476FF._hap._tcp.local"))
        .record(1, "Philips hue - 2476FF._hap._tcp.local", kTxt,
                txt({"c#=1", "ff=1", "id=00:17:88:24:76:FF", "md=BSB002", "ci=2", "flag"}), kCacheFlushIn)
        .record(1, "Philips hue - 2476FF._hap._tcp.local", kSrv, srv(8080, "Philips-hue.local"), kCacheFlushIn)
        .record(1, "_services._dns-sd._udp.local", kPtr, dns_wire_name("_hap._tcp.local"))
        .record(3, "Philips-hue.local", kA, {10, 10, 10, 6}, kCacheFlushIn)
        .record(3, "Philips-hue.local", kAaaa, unhex("fdd90fbba0670000 0000000000000001"), kCacheFlushIn)
        .record(3, "6.10.10.10.in-addr.arpa", kPtr, dns_wire_name("Philips-hue.local"))
        .build();
}

// The multicast flow 10.10.10.6:5353 -> 224.0.0.251:5353.
TestFlow mdns_flow(std::string_view sender = "10.10.10.6") {
    TestFlow t(kProtoUdp, 5353);
    t.flow.client_port = 5353;
    t.flow.client_ip = ip(sender);
    t.flow.server_ip = ip("224.0.0.251");
    return t;
}

constexpr std::string_view kHueMac = "00:17:88:24:76:ff";

TEST(MdnsDissector, AnnouncementDescribesTheSender) {
    Observer obs;
    TestFlow t = mdns_flow();
    send_from(obs, t, kToServer, hue_announcement(), kHueMac);
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    const AssetRecord& r = records[0];
    EXPECT_EQ(r.macs.front().to_string(), kHueMac);
    EXPECT_EQ(r.ips, (std::vector<IpAddress>{ip("10.10.10.6"), ip("fdd9:fbb:a067::1")}));
    EXPECT_EQ(r.hostnames, std::vector<std::string>{"philips-hue"});
    EXPECT_EQ(r.source.detail, "mDNS");
    // The host name from every record that names it, each with its own evidence.
    for (const char* detail : {"mDNS SRV", "mDNS A", "mDNS AAAA", "mDNS PTR"})
        EXPECT_EQ(values(r, "hostname", detail), std::vector<std::string>{"philips-hue.local"}) << detail;
    // The instance name keeps its case; the service type is counted once per PTR naming it.
    EXPECT_EQ(values(r, "mdns_instance"), std::vector<std::string>{"Philips hue - 2476FF"});
    ASSERT_NE(attribute(r, "mdns_service", "_hap._tcp.local"), nullptr);
    EXPECT_EQ(attribute(r, "mdns_service", "_hap._tcp.local")->count, 2u);
    // TXT: the model key mapped, the raw pair kept; keys that identify nothing are left out.
    EXPECT_EQ(values(r, "model", "mDNS TXT md"), std::vector<std::string>{"BSB002"});
    EXPECT_EQ(values(r, "mdns_txt", "mDNS TXT"), std::vector<std::string>{"md=BSB002"});
    for (const auto& a : r.attributes) {
        EXPECT_EQ(a.source.kind, AssetSourceKind::traffic);
        EXPECT_EQ(a.confidence, "high") << a.name;
    }
    EXPECT_EQ(obs.counters().at("mdns_messages"), 1u);
    EXPECT_EQ(obs.counters().at("mdns_malformed"), 0u);
}

TEST(MdnsDissector, UnicastDnsIsUnchanged) {
    // 5353 goes to mDNS alone: no DNS message is counted, no answer is recorded for the sender.
    Observer obs;
    TestFlow t = mdns_flow();
    send_from(obs, t, kToServer, hue_announcement(), kHueMac);
    const auto c = obs.counters();
    EXPECT_EQ(c.at("dns_messages"), 0u);
    EXPECT_EQ(c.at("dns_answers_recorded"), 0u);
    EXPECT_EQ(obs.dns_name(IpAddress(), ip("10.10.10.6"), INT64_MAX).name, nullptr);
    EXPECT_TRUE(t.flow.server_name.empty());
}

TEST(MdnsDissector, ProbesCountKnownAnswersDoNot) {
    // A probe's authority section holds what the sender is about to claim; a query's answer
    // section holds what it already knows about others (RFC 6762 7.1, 8.1).
    const auto probe = DnsMessageBuilder(0x0000)
                           .question("dcs-935l.local", 255)
                           .record(1, "printer.local", kA, {10, 10, 10, 99})
                           .record(2, "dcs-935l.local", kA, {10, 10, 10, 37})
                           .build();
    Observer obs;
    TestFlow t = mdns_flow("10.10.10.37");
    send_from(obs, t, kToServer, probe, "b0:c5:54:25:5b:0e");
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(values(records[0], "hostname"), std::vector<std::string>{"dcs-935l.local"});
    EXPECT_FALSE(has_ip(records[0], "10.10.10.99"));
    // A plain query says nothing about the sender.
    Observer quiet;
    TestFlow q = mdns_flow("10.10.10.37");
    send_from(quiet, q, kToServer, DnsMessageBuilder(0).question("_googlecast._tcp.local", kPtr).build(),
              "b0:c5:54:25:5b:0e");
    EXPECT_TRUE(quiet.device_records().empty());
}

TEST(MdnsDissector, PrinterTxtKeysAndSubtypes) {
    const auto msg = DnsMessageBuilder(0x8400)
                         .record(1, "_printer._sub._http._tcp.local", kPtr, dns_wire_name("Office._http._tcp.local"))
                         .record(1, "Office._ipp._tcp.local", kTxt,
                                 txt({"txtvers=1", "USB_MFG=HP", "usb_MDL=LaserJet 400", "ty=HP LaserJet 400 M401dne",
                                      "product=(HP LaserJet 400)", "mf=", "note=3rd floor"}))
                         .build();
    Observer obs;
    TestFlow t = mdns_flow("192.168.1.20");
    send_from(obs, t, kToServer, msg, "3c:d9:2b:01:02:03");
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    const AssetRecord& r = records[0];
    EXPECT_EQ(values(r, "mdns_service"), std::vector<std::string>{"_http._tcp.local"});
    EXPECT_EQ(values(r, "mdns_instance"), std::vector<std::string>{"Office"});
    EXPECT_EQ(values(r, "manufacturer", "mDNS TXT usb_mfg"), std::vector<std::string>{"HP"});
    EXPECT_EQ(values(r, "model"),
              (std::vector<std::string>{"LaserJet 400", "HP LaserJet 400 M401dne", "(HP LaserJet 400)"}));
    EXPECT_EQ(values(r, "mdns_txt"),
              (std::vector<std::string>{"USB_MFG=HP", "usb_MDL=LaserJet 400", "ty=HP LaserJet 400 M401dne",
                                        "product=(HP LaserJet 400)"}));
    EXPECT_TRUE(values(r, "manufacturer", "mDNS TXT mf").empty());  // an empty value is no evidence
}

TEST(MdnsDissector, WithoutMacTheDeviceIsItsAddress) {
    Observer obs;
    TestFlow t = mdns_flow();
    t.send(obs, kToServer, hue_announcement());  // raw IP capture: no link layer
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_TRUE(records[0].macs.empty());
    EXPECT_NE(record_for_ip(records, "10.10.10.6"), nullptr);
}

TEST(MdnsDissector, TruncatedAtEveryOffset) {
    const auto full = hue_announcement();
    Observer obs;
    TestFlow t = mdns_flow();
    for (size_t n = 1; n < full.size(); ++n) send_from(obs, t, kToServer, slice(full, 0, n), kHueMac);
    const auto c = obs.counters();
    EXPECT_EQ(c.at("mdns_messages"), full.size() - 1);
    EXPECT_EQ(c.at("mdns_malformed"), full.size() - 1);  // the header promises more records than each cut has
    // Complete records before each cut were used, and only whole values.
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(values(records[0], "model"), std::vector<std::string>{"BSB002"});
    EXPECT_EQ(values(records[0], "mdns_instance"), std::vector<std::string>{"Philips hue - 2476FF"});
    for (const auto& h : values(records[0], "hostname")) EXPECT_EQ(h, "philips-hue.local");
}

TEST(MdnsDissector, HostileNamesAndPointerLoops) {
    // A PTR whose target points at itself, and an instance name with control bytes and a NUL.
    auto looped = DnsMessageBuilder(0x8400).record(1, "_hap._tcp.local", kPtr, {0xc0, 0}).build();
    looped[looped.size() - 1] = uint8_t(looped.size() - 2);
    std::vector<uint8_t> hostile_target{13, 'E', 'v', 'i', 'l', '\x1b', '[', '2', 'J', '\0', 'c', 'a', 'm', '!'};
    const auto tail = dns_wire_name("_hap._tcp.local");
    hostile_target.insert(hostile_target.end(), tail.begin(), tail.end());
    const auto hostile = DnsMessageBuilder(0x8400).record(1, "_hap._tcp.local", kPtr, hostile_target).build();
    Observer obs;
    TestFlow t = mdns_flow();
    send_from(obs, t, kToServer, looped, kHueMac);
    send_from(obs, t, kToServer, hostile, kHueMac);
    // A PTR target without its end: read on, it would run into the next record (a root owner name).
    const auto spill = DnsMessageBuilder(0x8400)
                           .record(1, "_hap._tcp.local", kPtr, {1, 'x'})
                           .record_wire(3, {0}, kA, {10, 10, 10, 6})
                           .build();
    send_from(obs, t, kToServer, spill, kHueMac);
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    // Kept as bytes (outputs escape them); the looping target gave nothing.
    EXPECT_EQ(values(records[0], "mdns_instance"), std::vector<std::string>{std::string("Evil\x1b[2J\0cam!", 13)});
    EXPECT_EQ(obs.counters().at("mdns_malformed"), 0u);
}

}  // namespace
}  // namespace sovscan::test
