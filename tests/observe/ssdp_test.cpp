// SSDP and UPnP: NOTIFY, M-SEARCH and its answers (on 1900 and from other ports), the device
// description read from an HTTP response, and HTTP banners as device attributes.
#include "observe/ssdp.h"

#include <gtest/gtest.h>

#include "observe/device_test_util.h"

namespace sovscan::test {
namespace {

using observe::ParseStatus;
using observe::SsdpMessage;
using observe::UpnpDescription;

// As a Philips Hue bridge sends it (iot-sentinel/HueBridge/Setup-C-12-STA.pcap, tshark -e udp.payload).
constexpr std::string_view kHueNotify =
    "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=100\r\n"
    "LOCATION: http://10.10.10.6:80/description.xml\r\nSERVER: Linux/3.14.0 UPnP/1.0 IpBridge/1.9.0\r\n"
    "NTS: ssdp:alive\r\nhue-bridgeid: 001788FFFE2476FF\r\nNT: upnp:rootdevice\r\n"
    "USN: uuid:2f402f80-da50-11e1-9b23-0017882476ff::upnp:rootdevice\r\n\r\n";

TEST(SsdpParser, NotifySearchAndResponse) {
    SsdpMessage m;
    ASSERT_EQ(observe::parse_ssdp_message(kHueNotify, m), ParseStatus::ok);
    EXPECT_EQ(m.kind, SsdpMessage::Kind::notify);
    EXPECT_EQ(m.server, "Linux/3.14.0 UPnP/1.0 IpBridge/1.9.0");
    EXPECT_EQ(m.location, "http://10.10.10.6:80/description.xml");
    EXPECT_EQ(m.nt, "upnp:rootdevice");
    EXPECT_EQ(m.nts, "ssdp:alive");
    EXPECT_EQ(m.usn, "uuid:2f402f80-da50-11e1-9b23-0017882476ff::upnp:rootdevice");
    // Lower-case names, no reason phrase, and no final empty line (some stacks leave it out).
    ASSERT_EQ(observe::parse_ssdp_message("HTTP/1.1 200\r\nst: urn:x:device:y:1\r\nusn: uuid:a::b\r\nserver: s", m),
              ParseStatus::ok);
    EXPECT_EQ(m.kind, SsdpMessage::Kind::response);
    EXPECT_EQ(m.st, "urn:x:device:y:1");
    EXPECT_EQ(m.server, "s");
    ASSERT_EQ(observe::parse_ssdp_message("M-SEARCH * HTTP/1.1\r\nUSER-AGENT: Google Chrome/77 Mac OS X\r\n\r\n", m),
              ParseStatus::ok);
    EXPECT_EQ(m.kind, SsdpMessage::Kind::search);
    EXPECT_EQ(m.user_agent, "Google Chrome/77 Mac OS X");
    for (std::string_view bad : {"", "HTTP/1.1 404 Not Found\r\n\r\n", "HTTP/1.", "GET / HTTP/1.1\r\n\r\n", "\x01\x02"})
        EXPECT_EQ(observe::parse_ssdp_message(bad, m), ParseStatus::malformed) << bad;
}

TestFlow ssdp_flow(std::string_view sender, uint16_t sport = 1900) {
    TestFlow t(kProtoUdp, 1900);
    t.flow.client_port = sport;
    t.flow.client_ip = ip(sender);
    t.flow.server_ip = ip("239.255.255.250");
    return t;
}

TEST(SsdpDissector, NotifyDescribesTheSender) {
    Observer obs;
    TestFlow t = ssdp_flow("10.10.10.6");
    send_from(obs, t, kToServer, bytes(kHueNotify), "00:17:88:24:76:ff");
    std::string device_notify(kHueNotify);
    device_notify.replace(device_notify.find("NT: upnp:rootdevice"), 19, "NT: urn:schemas-upnp-org:device:basic:1");
    send_from(obs, t, kToServer, bytes(device_notify), "00:17:88:24:76:ff");
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    const AssetRecord& r = records[0];
    EXPECT_EQ(r.macs.front().to_string(), "00:17:88:24:76:ff");
    EXPECT_EQ(r.source.detail, "SSDP");
    const AssetAttribute* server = attribute(r, "server_banner", "Linux/3.14.0 UPnP/1.0 IpBridge/1.9.0");
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(server->source.detail, "SSDP SERVER");
    EXPECT_EQ(server->count, 2u);
    EXPECT_EQ(values(r, "upnp_location", "SSDP LOCATION"),
              std::vector<std::string>{"http://10.10.10.6:80/description.xml"});
    // The device's UDN, not the per-service USN.
    EXPECT_EQ(values(r, "upnp_uuid", "SSDP USN"),
              std::vector<std::string>{"uuid:2f402f80-da50-11e1-9b23-0017882476ff"});
    // upnp:rootdevice is no device type; urn:...:device:... is.
    EXPECT_EQ(values(r, "upnp_device_type", "SSDP NT"),
              std::vector<std::string>{"urn:schemas-upnp-org:device:basic:1"});
    EXPECT_EQ(obs.counters().at("ssdp_messages"), 2u);
}

TEST(SsdpDissector, SearchGivesOnlyTheSearchersUserAgent) {
    Observer obs;
    TestFlow t = ssdp_flow("10.0.0.227", 61328);
    send_from(
        obs, t, kToServer,
        bytes("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
              "ST: urn:dial-multiscreen-org:service:dial:1\r\nUSER-AGENT: Google Chrome/77.0.3865.90 Mac OS X\r\n\r\n"),
        "34:36:3b:cf:75:28");
    const auto records = obs.device_records();
    ASSERT_EQ(records.size(), 1u);
    ASSERT_EQ(records[0].attributes.size(), 1u);
    EXPECT_EQ(values(records[0], "user_agent", "SSDP USER-AGENT"),
              std::vector<std::string>{"Google Chrome/77.0.3865.90 Mac OS X"});
}

TEST(SsdpDissector, AnswerFromAnotherPortIsRecognised) {
    // A Chromecast answers an M-SEARCH from an ephemeral port (ndpi/anyconnect-vpn.pcap, frame 397).
    const std::string reply =
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: "
        "http://10.0.0.149:8008/ssdp/device-desc.xml\r\n"
        "SERVER: Linux/3.8.13+, UPnP/1.0, Portable SDK for UPnP devices/1.6.18\r\n"
        "ST: urn:dial-multiscreen-org:service:dial:1\r\n"
        "USN: uuid:79d88e83-725c-b71b-bad0-5862d5b22386::urn:dial-multiscreen-org:service:dial:1\r\n\r\n";
    Observer obs;
    TestFlow t(kProtoUdp, 61328);
    t.flow.client_ip = ip("10.0.0.149");
    t.flow.client_port = 38616;
    t.flow.server_ip = ip("10.0.0.227");
    send_from(obs, t, kToServer, bytes(reply), "a4:77:33:8c:f1:40");
    const auto records = obs.device_records();
    const AssetRecord* r = record_for_mac(records, "a4:77:33:8c:f1:40");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(values(*r, "server_banner", "SSDP SERVER"),
              std::vector<std::string>{"Linux/3.8.13+, UPnP/1.0, Portable SDK for UPnP devices/1.6.18"});
    EXPECT_EQ(values(*r, "upnp_uuid"), std::vector<std::string>{"uuid:79d88e83-725c-b71b-bad0-5862d5b22386"});
    EXPECT_TRUE(values(*r, "upnp_device_type").empty());  // a service type
    EXPECT_EQ(obs.counters().at("ssdp_messages"), 1u);
    // Any other "HTTP/1.1 200" over UDP without the SSDP headers is left alone.
    Observer other;
    TestFlow u(kProtoUdp, 8080);
    send_from(other, u, kToClient, bytes("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"), "02:00:00:00:00:01");
    EXPECT_TRUE(other.device_records().empty());
    EXPECT_EQ(other.counters().at("ssdp_messages"), 0u);
}

TEST(SsdpDissector, GarbageOn1900IsCounted) {
    Observer obs;
    TestFlow t = ssdp_flow("10.0.0.5");
    t.send(obs, kToServer, bytes("\x16\x03\x01 not ssdp"));
    t.send(obs, kToServer, bytes(kHueNotify.substr(0, 20)));  // the start line survives a cut
    EXPECT_EQ(obs.counters().at("ssdp_messages"), 2u);
    EXPECT_EQ(obs.counters().at("ssdp_malformed"), 1u);
    EXPECT_TRUE(obs.device_records().empty());
}

// The description a Roku serves (ndpi/anyconnect-vpn.pcap, frame 518), shortened, with an embedded
// device whose fields must not be taken for the root's.
constexpr std::string_view kRokuDescription =
    "<?xml version=\"1.0\"?>\r\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\r\n"
    "<specVersion><major>1</major><minor>0</minor></specVersion>\r\n<device>\r\n"
    "<deviceType>urn:roku-com:device:player:1-0</deviceType>\r\n<friendlyName>Express</friendlyName>\r\n"
    "<manufacturer>Roku</manufacturer>\r\n<manufacturerURL>http://www.roku.com/</manufacturerURL>\r\n"
    "<modelName>Roku Express</modelName>\r\n<modelNumber>3900X</modelNumber>\r\n"
    "<serialNumber>YG004J486863</serialNumber>\r\n<UDN>uuid:295c0004-6807-106d-80cf-d831342077fb</UDN>\r\n"
    "<deviceList><device><friendlyName>Embedded</friendlyName><manufacturer>Other</manufacturer></device></"
    "deviceList>\r\n"
    "</device>\r\n</root>\r\n";

TEST(UpnpDescription, RootDeviceFields) {
    UpnpDescription d;
    ASSERT_TRUE(observe::extract_upnp_description(kRokuDescription, d));
    EXPECT_EQ(d.friendly_name, "Express");
    EXPECT_EQ(d.manufacturer, "Roku");
    EXPECT_EQ(d.model_name, "Roku Express");
    EXPECT_EQ(d.model_number, "3900X");
    EXPECT_EQ(d.serial_number, "YG004J486863");
    EXPECT_EQ(d.udn, "uuid:295c0004-6807-106d-80cf-d831342077fb");
}

TEST(UpnpDescription, TolerantReading) {
    UpnpDescription d;
    // Entities, a namespace prefix, a comment holding a fake field, fields after an embedded device.
    ASSERT_TRUE(observe::extract_upnp_description(
        "<u:root xmlns:u=\"urn:schemas-upnp-org:device-1-0\"><u:device>"
        "<!-- <friendlyName>fake</friendlyName> --><u:deviceList><u:device><u:modelName>inner</u:modelName></u:device>"
        "</u:deviceList><u:friendlyName> Tom &amp; Jerry&#39;s &#x263A; TV </u:friendlyName>"
        "<u:modelName>A&lt;B&gt; &unknown; &#0; &</u:modelName></u:device></u:root>",
        d));
    EXPECT_EQ(d.friendly_name, "Tom & Jerry's \xe2\x98\xba TV");
    EXPECT_EQ(d.model_name, "A<B> &unknown; &#0; &");
    // Not a UPnP description: another namespace.
    EXPECT_FALSE(observe::extract_upnp_description("<root><device><friendlyName>x</friendlyName></device></root>", d));
    // Cut: the fields before the cut are read, the one cut in its value is not.
    const std::string_view full = kRokuDescription;
    const size_t cut = full.find("Roku Express") + 4;
    ASSERT_TRUE(observe::extract_upnp_description(full.substr(0, cut), d));
    EXPECT_EQ(d.manufacturer, "Roku");
    EXPECT_TRUE(d.model_name.empty());
    for (size_t n = 0; n <= full.size(); ++n) observe::extract_upnp_description(full.substr(0, n), d);  // no crash
}

std::string description_response(std::string_view body, std::string_view type = "text/xml; charset=\"utf-8\"",
                                 bool with_length = true) {
    std::string out =
        "HTTP/1.1 200 OK\r\nServer: Roku UPnP/1.0 MiniUPnPd/1.4\r\nContent-Type: " + std::string(type) + "\r\n";
    if (with_length) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return out + "\r\n" + std::string(body);
}

TEST(HttpDevices, DescriptionOverSeveralSegments) {
    for (bool with_length : {true, false}) {
        Observer obs;
        TestFlow t(kProtoTcp, 8060);
        t.flow.client_ip = ip("10.0.0.227");
        t.flow.server_ip = ip("10.0.0.151");
        t.send(obs, kToServer,
               bytes("GET /dial/dd.xml HTTP/1.1\r\nHost: 10.0.0.151:8060\r\nUser-Agent: Chrome/77\r\n\r\n"));
        const auto resp = bytes(description_response(kRokuDescription, "text/xml; charset=\"utf-8\"", with_length));
        const size_t header_end = description_response("", "text/xml; charset=\"utf-8\"", with_length).size();
        // Headers alone, then the body in two segments (as the Roku sent it: headers, then body).
        t.send(obs, kToClient, slice(resp, 0, header_end));
        EXPECT_FALSE(t.flow.inspection_done);
        t.send(obs, kToClient, slice(resp, header_end, header_end + 200));
        EXPECT_EQ(obs.counters().at("upnp_descriptions"), 0u);
        t.send(obs, kToClient, slice(resp, header_end + 200, resp.size()));
        EXPECT_EQ(obs.counters().at("upnp_descriptions"), 1u) << with_length;
        EXPECT_TRUE(t.flow.inspection_done);

        const auto records = obs.device_records();
        const AssetRecord* server = record_for_ip(records, "10.0.0.151");
        ASSERT_NE(server, nullptr);
        EXPECT_TRUE(server->macs.empty());  // HTTP: by address only
        EXPECT_EQ(values(*server, "friendly_name", "UPnP description friendlyName"),
                  std::vector<std::string>{"Express"});
        EXPECT_EQ(values(*server, "manufacturer", "UPnP description manufacturer"), std::vector<std::string>{"Roku"});
        EXPECT_EQ(values(*server, "model", "UPnP description modelName"), std::vector<std::string>{"Roku Express"});
        EXPECT_EQ(values(*server, "model_number"), std::vector<std::string>{"3900X"});
        EXPECT_EQ(values(*server, "serial_number"), std::vector<std::string>{"YG004J486863"});
        EXPECT_EQ(attribute(*server, "manufacturer", "Roku")->confidence, "high");
        const AssetAttribute* banner = attribute(*server, "server_banner", "Roku UPnP/1.0 MiniUPnPd/1.4");
        ASSERT_NE(banner, nullptr);
        EXPECT_EQ(banner->source.detail, "HTTP Server");
        EXPECT_EQ(banner->confidence, "medium");
        const AssetRecord* client = record_for_ip(records, "10.0.0.227");
        ASSERT_NE(client, nullptr);
        EXPECT_EQ(values(*client, "user_agent", "HTTP User-Agent"), std::vector<std::string>{"Chrome/77"});
    }
}

TEST(HttpDevices, OnlyPlainXmlAnswersToGetAreRead) {
    struct Case {
        const char* request;
        std::string response;
    };
    const std::string gzip =
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip\r\n\r\n" + std::string(kRokuDescription);
    for (const Case& c :
         {Case{"POST /upnp/control HTTP/1.1\r\nHost: h\r\n\r\n", description_response(kRokuDescription)},
          Case{"GET /x HTTP/1.1\r\nHost: h\r\n\r\n", description_response(kRokuDescription, "text/html")},
          Case{"GET /x HTTP/1.1\r\nHost: h\r\n\r\n", gzip}}) {
        Observer obs;
        TestFlow t(kProtoTcp, 80);
        t.send(obs, kToServer, bytes(c.request));
        t.send(obs, kToClient, bytes(c.response));
        EXPECT_EQ(obs.counters().at("upnp_descriptions"), 0u) << c.request;
        EXPECT_TRUE(t.flow.inspection_done);  // nothing more is waited for
    }
}

TEST(HttpDevices, DescriptionLargerThanTheBoundIsReadUpToIt) {
    ObserverLimits limits;
    limits.max_reassembly_bytes = 1024;
    Observer obs(limits);
    TestFlow t(kProtoTcp, 49153);
    t.send(obs, kToServer, bytes("GET /setup.xml HTTP/1.1\r\nHost: h\r\n\r\n"));
    std::string body(kRokuDescription);
    body.insert(body.find("</root>"), std::string(4000, ' '));
    const auto resp = bytes(description_response(body));
    for (size_t off = 0; off < resp.size(); off += 500) t.send(obs, kToClient, slice(resp, off, off + 500));
    EXPECT_EQ(obs.counters().at("upnp_descriptions"), 1u);
    EXPECT_GE(obs.counters().at("reassembly_overflow"), 1u);
    EXPECT_NE(record_for_ip(obs.device_records(), "198.51.100.7"), nullptr);
}

}  // namespace
}  // namespace sovscan::test
