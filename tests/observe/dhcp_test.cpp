// DHCPv4: hand-built messages (RFC 2131 layout, RFC 2132 options) through the parser and the
// Observer; truncated and malformed ones.
#include "observe/dhcp.h"

#include <gtest/gtest.h>

#include "observe/device_test_util.h"

namespace sovscan::test {
namespace {

using observe::DhcpMessage;
using observe::ParseStatus;

// A BOOTP/DHCP message: fixed fields, magic cookie, then the options added (End appended by build()).
struct DhcpBuilder {
    std::vector<uint8_t> b;

    DhcpBuilder(uint8_t op, std::string_view chaddr) {
        b.assign(240, 0);
        b[0] = op;
        b[1] = 1;  // Ethernet
        b[2] = 6;
        b[4] = 0x27, b[5] = 0xcd, b[6] = 0x36, b[7] = 0xcf;  // xid
        const auto m = mac(chaddr).bytes();
        std::copy(m.begin(), m.end(), b.begin() + 28);
        b[236] = 99, b[237] = 130, b[238] = 83, b[239] = 99;
    }
    DhcpBuilder& address(size_t offset, std::string_view a) {
        const auto bytes = ip(a).bytes();
        std::copy(bytes.begin() + 12, bytes.end(), b.begin() + ptrdiff_t(offset));
        return *this;
    }
    DhcpBuilder& ciaddr(std::string_view a) { return address(12, a); }
    DhcpBuilder& yiaddr(std::string_view a) { return address(16, a); }
    DhcpBuilder& option(uint8_t code, const std::vector<uint8_t>& value) {
        b.push_back(code);
        b.push_back(uint8_t(value.size()));
        b.insert(b.end(), value.begin(), value.end());
        return *this;
    }
    DhcpBuilder& option(uint8_t code, std::string_view text) { return option(code, bytes(text)); }
    std::vector<uint8_t> build() const {
        auto out = b;
        out.push_back(255);
        return out;
    }
};

// A DISCOVER like the Espressif ESP8266 in iot-sentinel/SmarterCoffee sends, plus a vendor class,
// a client identifier and an FQDN in wire format.
std::vector<uint8_t> discover() {
    return DhcpBuilder(1, "5c:cf:7f:07:ae:fb")
        .option(53, std::vector<uint8_t>{1})
        .option(12, std::string_view("ESP_07AEFB\0", 11))  // a NUL terminator, as some clients send
        .option(55, std::vector<uint8_t>{1, 3, 28, 6, 15, 44, 46, 47, 31, 33, 121, 43})
        .option(60, "MSFT 5.0")
        .option(61, std::vector<uint8_t>{1, 0x5c, 0xcf, 0x7f, 0x07, 0xae, 0xfb})
        .option(81, std::vector<uint8_t>{0x05, 0, 0, 6, 'l', 'a', 'p', 't', 'o', 'p', 4, 'c', 'o', 'r', 'p', 0})
        .option(50, std::vector<uint8_t>{10, 10, 10, 146})
        .build();
}

TEST(DhcpParser, ClientOptions) {
    DhcpMessage m;
    ASSERT_EQ(observe::parse_dhcp_message(discover(), m), ParseStatus::ok);
    EXPECT_EQ(m.op, 1);
    EXPECT_EQ(m.message_type, 1);
    EXPECT_STREQ(observe::dhcp_message_type_label(m.message_type), "DISCOVER");
    ASSERT_TRUE(m.chaddr);
    EXPECT_EQ(m.chaddr->to_string(), "5c:cf:7f:07:ae:fb");
    EXPECT_EQ(m.host_name, "ESP_07AEFB");
    EXPECT_EQ(m.vendor_class, "MSFT 5.0");
    EXPECT_EQ(m.parameter_list, "1,3,28,6,15,44,46,47,31,33,121,43");
    EXPECT_EQ(m.client_id, "01:5c:cf:7f:07:ae:fb");
    EXPECT_EQ(m.client_fqdn, "laptop.corp");
    ASSERT_TRUE(m.requested_ip);
    EXPECT_EQ(m.requested_ip->to_string(), "10.10.10.146");
}

TEST(DhcpParser, FqdnAsciiFormAndSplitOptions) {
    // Option 81 without the E flag carries ASCII; option 12 sent in two pieces is one value (RFC 3396).
    const auto msg = DhcpBuilder(1, "00:11:22:33:44:55")
                         .option(53, std::vector<uint8_t>{3})
                         .option(12, "WORK")
                         .option(81, std::vector<uint8_t>{0x01, 0, 0, 'p', 'c', '.', 'e', 'x', '.'})
                         .option(12, "STATION-7")
                         .build();
    DhcpMessage m;
    ASSERT_EQ(observe::parse_dhcp_message(msg, m), ParseStatus::ok);
    EXPECT_EQ(m.host_name, "WORKSTATION-7");
    EXPECT_EQ(m.client_fqdn, "pc.ex");
    EXPECT_STREQ(observe::dhcp_message_type_label(m.message_type), "REQUEST");
}

TEST(DhcpParser, OverloadedFileField) {
    // Option 52 = 1: the 128-byte file field holds more options (here the host name).
    auto msg = DhcpBuilder(1, "00:11:22:33:44:55")
                   .option(53, std::vector<uint8_t>{1})
                   .option(52, std::vector<uint8_t>{1})
                   .build();
    const std::vector<uint8_t> in_file{12, 4, 'f', 'i', 'l', 'e', 255};
    std::copy(in_file.begin(), in_file.end(), msg.begin() + 108);
    DhcpMessage m;
    ASSERT_EQ(observe::parse_dhcp_message(msg, m), ParseStatus::ok);
    EXPECT_EQ(m.host_name, "file");
}

TEST(DhcpParser, TruncatedAtEveryOffset) {
    const auto full = discover();
    for (size_t n = 0; n < full.size(); ++n) {
        DhcpMessage m;
        const auto status = observe::parse_dhcp_message(std::span(full.data(), n), m);
        if (n < 240) {
            EXPECT_EQ(status, ParseStatus::malformed) << n;
        }
        // A value is all there or not there: never a part of an option.
        EXPECT_TRUE(m.host_name.empty() || m.host_name == "ESP_07AEFB") << n;
        EXPECT_TRUE(m.vendor_class.empty() || m.vendor_class == "MSFT 5.0") << n;
        if (n >= 28 + 16) {
            ASSERT_TRUE(m.chaddr) << n;  // the fixed fields before the damage are still read
        }
    }
}

TEST(DhcpParser, MalformedOptionsAndNoCookie) {
    auto no_cookie = discover();
    no_cookie[236] = 0;
    DhcpMessage m;
    EXPECT_EQ(observe::parse_dhcp_message(no_cookie, m), ParseStatus::malformed);
    EXPECT_TRUE(m.host_name.empty());
    // An option whose length runs past the end of the message.
    auto overrun = DhcpBuilder(1, "00:11:22:33:44:55").option(60, "udhcp").b;
    overrun.insert(overrun.end(), {12, 200, 'x'});
    EXPECT_EQ(observe::parse_dhcp_message(overrun, m), ParseStatus::malformed);
    EXPECT_EQ(m.vendor_class, "udhcp");  // read before the damage
    EXPECT_TRUE(m.host_name.empty());
    // Not Ethernet: no client hardware address is taken.
    auto ib = discover();
    ib[1] = 32, ib[2] = 0;
    ASSERT_EQ(observe::parse_dhcp_message(ib, m), ParseStatus::ok);
    EXPECT_FALSE(m.chaddr);
}

// A UDP flow 0.0.0.0:68 -> 255.255.255.255:67 as a client without an address sends it.
TestFlow dhcp_flow() {
    TestFlow t(kProtoUdp, 67);
    t.flow.client_port = 68;
    t.flow.client_ip = ip("0.0.0.0");
    t.flow.server_ip = ip("255.255.255.255");
    return t;
}

TEST(DhcpDissector, ClientAndAckBecomeOneDevice) {
    Observer obs;
    TestFlow t = dhcp_flow();
    send_from(obs, t, kToServer, discover(), "5c:cf:7f:07:ae:fb", 1'000'000'000);
    send_from(obs, t, kToServer, discover(), "5c:cf:7f:07:ae:fb", 2'000'000'000);
    // The ACK, relayed: the frame's source is the relay's MAC, the device is still chaddr.
    const auto ack =
        DhcpBuilder(2, "5c:cf:7f:07:ae:fb").yiaddr("10.10.10.146").option(53, std::vector<uint8_t>{5}).build();
    send_from(obs, t, kToClient, ack, "e8:de:27:f6:e3:02", 3'000'000'000);

    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    const AssetRecord& r = records.front();
    EXPECT_EQ(r.macs.front().to_string(), "5c:cf:7f:07:ae:fb");
    EXPECT_EQ(r.ips, std::vector<IpAddress>{ip("10.10.10.146")});
    EXPECT_EQ(r.hostnames, (std::vector<std::string>{"esp_07aefb", "laptop.corp"}));  // options 12 and 81
    EXPECT_EQ(r.source.kind, AssetSourceKind::traffic);
    EXPECT_EQ(r.source.detail, "DHCP");
    const AssetAttribute* host = attribute(r, "hostname", "ESP_07AEFB");
    ASSERT_NE(host, nullptr);
    EXPECT_EQ(host->source.detail, "DHCP option 12");
    EXPECT_EQ(host->confidence, "high");
    EXPECT_EQ(host->count, 2u);  // the same value twice is one attribute, counted
    EXPECT_EQ(host->source.location, "first seen 1970-01-01T00:00:01.000000Z");
    EXPECT_EQ(values(r, "vendor_class", "DHCP option 60"), std::vector<std::string>{"MSFT 5.0"});
    EXPECT_EQ(values(r, "dhcp_fingerprint", "DHCP option 55"),
              std::vector<std::string>{"1,3,28,6,15,44,46,47,31,33,121,43"});
    EXPECT_EQ(values(r, "client_id", "DHCP option 61"), std::vector<std::string>{"01:5c:cf:7f:07:ae:fb"});
    EXPECT_EQ(values(r, "fqdn", "DHCP option 81"), std::vector<std::string>{"laptop.corp"});
    const AssetAttribute* asked = attribute(r, "ip", "10.10.10.146");
    ASSERT_NE(asked, nullptr);
    EXPECT_EQ(values(r, "ip", "DHCP option 50"), std::vector<std::string>{"10.10.10.146"});
    EXPECT_EQ(values(r, "ip", "DHCP ACK yiaddr"), std::vector<std::string>{"10.10.10.146"});
    EXPECT_EQ(r.attribute("mac_kind"), nullptr);  // a universally administered MAC
    EXPECT_EQ(obs.counters().at("dhcp_messages"), 3u);
    EXPECT_EQ(obs.counters().at("dhcp_malformed"), 0u);
}

TEST(DhcpDissector, ConflictingValuesAreAllKept) {
    Observer obs;
    TestFlow t = dhcp_flow();
    for (const char* name : {"kitchen-cam", "KITCHEN-CAM-2"}) {
        send_from(obs, t, kToServer,
                  DhcpBuilder(1, "00:11:22:33:44:55").option(53, std::vector<uint8_t>{3}).option(12, name).build(),
                  "00:11:22:33:44:55");
    }
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(values(records[0], "hostname"), (std::vector<std::string>{"kitchen-cam", "KITCHEN-CAM-2"}));
    EXPECT_EQ(records[0].hostnames, (std::vector<std::string>{"kitchen-cam", "kitchen-cam-2"}));
}

TEST(DhcpDissector, RandomisedMacIsMarked) {
    Observer obs;
    TestFlow t = dhcp_flow();
    // 0x02 bit of the first byte: locally administered (a phone's private Wi-Fi address).
    send_from(obs, t, kToServer,
              DhcpBuilder(1, "da:a1:19:00:11:22").option(53, std::vector<uint8_t>{1}).option(12, "Pixel-7").build(),
              "da:a1:19:00:11:22");
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    const AssetAttribute* kind = records[0].attribute("mac_kind");
    ASSERT_NE(kind, nullptr);
    EXPECT_EQ(kind->value, "randomised");
    EXPECT_EQ(kind->source.detail, "MAC locally administered bit");
}

TEST(DhcpDissector, MalformedIsCountedAndHarmless) {
    Observer obs;
    TestFlow t = dhcp_flow();
    const auto full = discover();
    uint64_t sent = 0, short_of_options = 0;
    for (size_t n = 1; n < full.size(); ++n) {
        send_from(obs, t, kToServer, slice(full, 0, n), "5c:cf:7f:07:ae:fb");
        ++sent;
        short_of_options += n < 240;
    }
    t.send(obs, kToServer, bytes("\xff\xfe garbage on port 67"));
    const auto c = obs.counters();
    EXPECT_EQ(c.at("dhcp_messages"), sent + 1);
    EXPECT_GE(c.at("dhcp_malformed"), short_of_options + 1);
    EXPECT_LT(c.at("dhcp_malformed"), sent + 1);  // cuts between two options are whole messages
    // Whatever was recorded is a whole value.
    for (const auto& r : obs.device_records())
        for (const auto& v : values(r, "hostname")) EXPECT_EQ(v, "ESP_07AEFB");
}

TEST(DhcpDissector, SelectedOnPorts67And68Only) {
    Observer obs;
    TestFlow t(kProtoUdp, 6767);
    t.send(obs, kToServer, discover());
    EXPECT_EQ(obs.counters().at("dhcp_messages"), 0u);
    EXPECT_TRUE(obs.device_records().empty());
}

}  // namespace
}  // namespace sovscan::test
