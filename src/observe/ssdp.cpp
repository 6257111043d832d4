// SSDP (UPnP discovery: HTTP over UDP, RFC-less but specified by UPnP Device Architecture 1.1/2.0
// section 1): a device's NOTIFY announcements and its answers to M-SEARCH say what it runs (SERVER:
// "OS/version UPnP/1.0 product/version"), where its description is (LOCATION), its UUID (USN) and
// device type (NT/ST); a control point's M-SEARCH may carry its USER-AGENT. Flows on udp/1900 go to
// this dissector alone; an M-SEARCH answer sent from another port (a Chromecast answers from an
// ephemeral one) is recognised by content on any UDP flow. The sender is the device (the protocol
// is link-local: TTL 2 by default).
//
// The UPnP device description fetched from LOCATION is read by the HTTP dissector (http.cpp) with
// extract_upnp_description below: friendlyName, manufacturer, modelName, modelNumber,
// serialNumber, UDN.
#include "observe/ssdp.h"

#include <array>
#include <memory>

#include "observe/http_text.h"

namespace sovscan::observe {

namespace {

constexpr uint16_t kSsdpPort = 1900;

// "uuid:2f402f80-da50-11e1-9b23-0017880a7a8c::upnp:rootdevice" -> "uuid:2f40...7a8c": the device's
// UDN, the same for all the services it announces.
std::string_view device_uuid(std::string_view usn) {
    if (!istarts_with(usn, "uuid:")) return usn;
    return usn.substr(0, usn.find("::"));
}

// NT/ST values that name a device type (urn:schemas-upnp-org:device:MediaRenderer:1,
// urn:Belkin:device:controllee:1); service types, upnp:rootdevice and bare UUIDs say less.
bool is_device_type(std::string_view type) { return istarts_with(type, "urn:") && icontains(type, ":device:"); }

void record_ssdp(DeviceObservations& devices, const SsdpMessage& m, const DecodedPacket& pkt) {
    const DeviceRef sender = DeviceRef::sender(pkt);
    auto said = [&](std::string_view name, std::string_view value, std::string_view detail) {
        devices.record(sender, name, value, detail, Confidence::high, pkt.ts_ns);
    };
    if (m.kind == SsdpMessage::Kind::search) {
        // What a control point searches for is about others; its own User-Agent is about itself.
        said("user_agent", m.user_agent, "SSDP USER-AGENT");
        return;
    }
    said("server_banner", m.server, "SSDP SERVER");
    said("upnp_location", m.location, "SSDP LOCATION");
    said("upnp_uuid", device_uuid(m.usn), "SSDP USN");
    const bool notify = m.kind == SsdpMessage::Kind::notify;
    const std::string_view type = notify ? m.nt : m.st;
    if (is_device_type(type)) said("upnp_device_type", type, notify ? "SSDP NT" : "SSDP ST");
}

// --- UPnP description ------------------------------------------------------------------------

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_xml_space(std::string_view s) {
    while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
    return s;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xc0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xe0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(char(0xf0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    }
}

// A numeric character reference's code point ("#38", "#x26"), or 0 when it is not a valid one.
uint32_t char_ref(std::string_view ref) {
    if (ref.size() < 2 || ref[0] != '#') return 0;
    const bool hex = ref[1] == 'x' || ref[1] == 'X';
    std::string_view digits = ref.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
        int v = (c >= '0' && c <= '9') ? c - '0' : -1;
        if (hex && v < 0) v = (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) return 0;
        cp = cp * (hex ? 16 : 10) + uint32_t(v);
    }
    return (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) ? 0 : cp;
}

// Text content with the five predefined entities and numeric references decoded; anything else
// after '&' is kept as it is.
std::string decode_text(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, char>, 5> kEntities{
        {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}}};
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out.push_back(s[i]);
            continue;
        }
        const size_t semi = s.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) {
            out.push_back('&');
            continue;
        }
        const std::string_view ref = s.substr(i + 1, semi - i - 1);
        bool done = false;
        for (const auto& [name, c] : kEntities) {
            if (ref == name) {
                out.push_back(c);
                done = true;
                break;
            }
        }
        if (!done) {
            if (const uint32_t cp = char_ref(ref)) {
                append_utf8(out, cp);
                done = true;
            }
        }
        if (done) {
            i = semi;
        } else {
            out.push_back('&');
        }
    }
    return out;
}

std::string* field_for(std::string_view element, UpnpDescription& d) {
    if (element == "friendlyName") return &d.friendly_name;
    if (element == "manufacturer") return &d.manufacturer;
    if (element == "modelName") return &d.model_name;
    if (element == "modelNumber") return &d.model_number;
    if (element == "serialNumber") return &d.serial_number;
    if (element == "UDN") return &d.udn;
    return nullptr;
}

class Ssdp final : public Dissector {
public:
    explicit Ssdp(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow&, Direction, const DecodedPacket& pkt) override {
        shared_.count(Counter::ssdp_messages);
        SsdpMessage m;
        if (parse_ssdp_message(as_text(pkt.payload), m) != ParseStatus::ok) {
            shared_.count(Counter::ssdp_malformed);
            return Verdict::more;
        }
        if (shared_.devices) record_ssdp(*shared_.devices, m, pkt);
        return Verdict::more;
    }
    void forget(uint64_t) override {}

private:
    Shared& shared_;
};

// An M-SEARCH answer from a port other than 1900: a datagram that starts as an HTTP 200 response
// and carries the SSDP headers ST and USN. Looked at on every UDP flow's first packets, so the
// test is a few byte compares before anything is parsed.
class SsdpReply final : public Dissector {
public:
    explicit SsdpReply(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow&, Direction, const DecodedPacket& pkt) override {
        const std::string_view text = as_text(pkt.payload);
        if (!is_ok_status_line(text)) return Verdict::done;
        SsdpMessage m;
        if (parse_ssdp_message(text, m) != ParseStatus::ok || m.st.empty() || m.usn.empty()) return Verdict::done;
        shared_.count(Counter::ssdp_messages);
        if (shared_.devices) record_ssdp(*shared_.devices, m, pkt);
        return Verdict::done;
    }
    void forget(uint64_t) override {}

private:
    Shared& shared_;
};

bool selects_port(const Flow& flow) {
    return flow.proto == kProtoUdp && (flow.server_port == kSsdpPort || flow.client_port == kSsdpPort);
}
bool selects_udp(const Flow& flow) { return flow.proto == kProtoUdp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Ssdp>(shared); }
std::unique_ptr<Dissector> make_reply(Shared& shared) { return std::make_unique<SsdpReply>(shared); }

}  // namespace

ParseStatus parse_ssdp_message(std::string_view datagram, SsdpMessage& out) {
    out = {};
    if (istarts_with(datagram, "NOTIFY ")) {
        out.kind = SsdpMessage::Kind::notify;
    } else if (istarts_with(datagram, "M-SEARCH ")) {
        out.kind = SsdpMessage::Kind::search;
    } else if (is_ok_status_line(datagram)) {
        out.kind = SsdpMessage::Kind::response;
    } else {
        return ParseStatus::malformed;
    }
    for_each_header(
        datagram,
        [&](std::string_view name, std::string_view value) {
            std::string_view* field = nullptr;
            if (iequals(name, "server"))
                field = &out.server;
            else if (iequals(name, "location"))
                field = &out.location;
            else if (iequals(name, "usn"))
                field = &out.usn;
            else if (iequals(name, "nt"))
                field = &out.nt;
            else if (iequals(name, "nts"))
                field = &out.nts;
            else if (iequals(name, "st"))
                field = &out.st;
            else if (iequals(name, "user-agent"))
                field = &out.user_agent;
            if (field && field->empty()) *field = value;  // the first one counts
        },
        TextEnd::datagram);
    return ParseStatus::ok;
}

bool extract_upnp_description(std::string_view xml, UpnpDescription& out) {
    out = {};
    if (xml.find("urn:schemas-upnp-org:device-1-0") == std::string_view::npos) return false;
    int depth = 0;  // of <device> elements: 1 = the root device, deeper = embedded devices
    bool found = false;
    for (size_t pos = xml.find('<'); pos != std::string_view::npos; pos = xml.find('<', pos)) {
        if (xml.compare(pos, 4, "<!--") == 0) {  // comments may hold anything, tags included
            const size_t end = xml.find("-->", pos + 4);
            if (end == std::string_view::npos) break;
            pos = end + 3;
            continue;
        }
        size_t p = pos + 1;
        const bool closing = p < xml.size() && xml[p] == '/';
        if (closing) ++p;
        size_t name_end = p;
        while (name_end < xml.size() && !is_xml_space(xml[name_end]) && xml[name_end] != '>' && xml[name_end] != '/')
            ++name_end;
        std::string_view name = xml.substr(p, name_end - p);
        if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) name = name.substr(colon + 1);
        const size_t gt = xml.find('>', name_end);
        if (gt == std::string_view::npos) break;  // cut inside a tag
        const bool empty_element = xml[gt - 1] == '/';
        pos = gt + 1;
        if (name == "device") {
            if (closing) {
                if (depth > 0 && --depth == 0) break;  // the root device is complete
            } else if (!empty_element) {
                ++depth;
                found = true;
            }
            continue;
        }
        if (closing || empty_element || depth != 1) continue;
        std::string* field = field_for(name, out);
        if (!field || !field->empty()) continue;
        const size_t text_end = xml.find('<', pos);
        if (text_end == std::string_view::npos) break;  // the value may be cut: not evidence
        *field = decode_text(trim_xml_space(xml.substr(pos, text_end - pos)));
        pos = text_end;
    }
    return found;
}

void record_upnp_description(DeviceObservations& devices, const DeviceRef& device, const UpnpDescription& d,
                             int64_t ts_ns) {
    auto said = [&](std::string_view name, const std::string& value, std::string_view detail) {
        devices.record(device, name, value, detail, Confidence::high, ts_ns);
    };
    said("friendly_name", d.friendly_name, "UPnP description friendlyName");
    said("manufacturer", d.manufacturer, "UPnP description manufacturer");
    said("model", d.model_name, "UPnP description modelName");
    said("model_number", d.model_number, "UPnP description modelNumber");
    said("serial_number", d.serial_number, "UPnP description serialNumber");
    said("upnp_uuid", d.udn, "UPnP description UDN");
}

const DissectorSpec kSsdpDissector{"ssdp", selects_port, true, make, false};
const DissectorSpec kSsdpReplyDissector{"ssdp_reply", selects_udp, false, make_reply, false};

}  // namespace sovscan::observe
