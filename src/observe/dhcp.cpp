// DHCPv4 (UDP, port 67 or 68 on either side): what a client says about itself when it asks for an
// address — host name (option 12), vendor class (60), the parameter request list (55, whose order
// fingerprints the DHCP client software), client identifier (61) and FQDN (81) — and the address a
// server then acknowledged. The device is the client hardware address (chaddr), not the frame's
// source: a relay agent forwards the client's messages from its own MAC.
#include "observe/dhcp.h"

#include <algorithm>
#include <iterator>
#include <memory>

#include "observe/device_observations.h"

namespace sovscan::observe {

namespace {

constexpr uint16_t kServerPort = 67, kClientPort = 68;
constexpr uint8_t kBootRequest = 1, kBootReply = 2;
constexpr uint8_t kTypeAck = 5;
constexpr size_t kSnameOffset = 44, kSnameSize = 64;
constexpr size_t kFileOffset = 108, kFileSize = 128;
constexpr size_t kOptionsOffset = 240;  // after the fixed fields (236 bytes) and the magic cookie
constexpr uint8_t kMagicCookie[4] = {99, 130, 83, 99};

enum OptionCode : uint8_t {
    kPad = 0,
    kHostName = 12,
    kRequestedIp = 50,
    kOverload = 52,
    kMessageType = 53,
    kParameterList = 55,
    kVendorClass = 60,
    kClientId = 61,
    kClientFqdn = 81,
    kEnd = 255,
};

// The raw values of the options wanted; an option sent in several pieces is joined (RFC 3396).
struct RawOptions {
    std::string host_name, vendor_class, parameter_list, client_id, fqdn, requested_ip;
    uint8_t message_type = 0;
    uint8_t overload = 0;
};

void append(std::string& to, Bytes value) { to.append(reinterpret_cast<const char*>(value.data()), value.size()); }

// Reads the options of one area. false when an option runs past the area; an area that ends
// without the End option is accepted (what follows End is padding anyway).
bool read_options(Bytes area, RawOptions& o) {
    ByteReader r(area);
    uint8_t code;
    while (r.u8(code)) {
        if (code == kPad) continue;
        if (code == kEnd) return true;
        Bytes v;
        if (!r.vec8(v)) return false;
        switch (code) {
            case kHostName: append(o.host_name, v); break;
            case kVendorClass: append(o.vendor_class, v); break;
            case kParameterList: append(o.parameter_list, v); break;
            case kClientId: append(o.client_id, v); break;
            case kClientFqdn: append(o.fqdn, v); break;
            case kRequestedIp: append(o.requested_ip, v); break;
            case kMessageType:
                if (v.size() == 1) o.message_type = v[0];
                break;
            case kOverload:
                if (v.size() == 1) o.overload = v[0];
                break;
            default: break;
        }
    }
    return true;
}

std::string without_trailing(std::string s, char c) {
    while (!s.empty() && s.back() == c) s.pop_back();
    return s;
}

std::string decimal_list(std::string_view bytes) {
    std::string out;
    for (unsigned char b : bytes) {
        if (!out.empty()) out.push_back(',');
        out += std::to_string(b);
    }
    return out;
}

std::string hex_bytes(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        if (!out.empty()) out.push_back(':');
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 15]);
    }
    return out;
}

// Option 81 (RFC 4702): flags, two obsolete RCODE bytes, then the name — in DNS wire format
// (uncompressed labels, the final empty label absent for a partial name) when the E flag is set,
// else as ASCII (deprecated, still sent by old Windows clients).
std::string fqdn_name(std::string_view raw) {
    if (raw.size() < 3) return {};
    const bool wire = uint8_t(raw[0]) & 0x04;
    std::string_view name = raw.substr(3);
    if (!wire) return without_trailing(without_trailing(std::string(name), '\0'), '.');
    std::string out;
    size_t p = 0;
    while (p < name.size()) {
        const size_t len = uint8_t(name[p]);
        if (len == 0 || len > 63 || p + 1 + len > name.size()) break;
        if (!out.empty()) out.push_back('.');
        out.append(name.substr(p + 1, len));
        p += 1 + len;
    }
    return out;
}

void fill(const RawOptions& o, DhcpMessage& out) {
    out.message_type = o.message_type;
    out.host_name = without_trailing(o.host_name, '\0');
    out.vendor_class = without_trailing(o.vendor_class, '\0');
    out.parameter_list = decimal_list(o.parameter_list);
    out.client_id = hex_bytes(o.client_id);
    out.client_fqdn = fqdn_name(o.fqdn);
    if (o.requested_ip.size() == 4)
        out.requested_ip = IpAddress::v4_bytes(reinterpret_cast<const uint8_t*>(o.requested_ip.data()));
}

}  // namespace

const char* dhcp_message_type_label(uint8_t type) {
    static constexpr const char* kLabels[] = {"",    "DISCOVER", "OFFER",   "REQUEST", "DECLINE",
                                              "ACK", "NAK",      "RELEASE", "INFORM"};
    return type < std::size(kLabels) ? kLabels[type] : "";
}

ParseStatus parse_dhcp_message(Bytes payload, DhcpMessage& out) {
    out = {};
    ByteReader r(payload);
    uint8_t htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    Bytes ciaddr, yiaddr, siaddr_giaddr, chaddr;
    if (!r.u8(out.op) || !r.u8(htype) || !r.u8(hlen) || !r.u8(hops) || !r.u32(xid) || !r.u16(secs) || !r.u16(flags) ||
        !r.take(4, ciaddr) || !r.take(4, yiaddr) || !r.take(8, siaddr_giaddr) || !r.take(16, chaddr))
        return ParseStatus::malformed;
    out.ciaddr = IpAddress::v4_bytes(ciaddr.data());
    out.yiaddr = IpAddress::v4_bytes(yiaddr.data());
    if (htype == 1 && hlen == 6) out.chaddr = MacAddress(chaddr.data());
    if (payload.size() < kOptionsOffset ||
        !std::equal(std::begin(kMagicCookie), std::end(kMagicCookie), payload.begin() + ptrdiff_t(kOptionsOffset - 4)))
        return ParseStatus::malformed;
    RawOptions o;
    bool ok = read_options(payload.subspan(kOptionsOffset), o);
    // Option overload (52): the file (1), sname (2) or both (3) fields carry more options.
    if (ok && (o.overload & 1)) ok = read_options(payload.subspan(kFileOffset, kFileSize), o);
    if (ok && (o.overload & 2)) ok = read_options(payload.subspan(kSnameOffset, kSnameSize), o);
    fill(o, out);
    return ok ? ParseStatus::ok : ParseStatus::malformed;
}

namespace {

class Dhcp final : public Dissector {
public:
    explicit Dhcp(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow&, Direction, const DecodedPacket& pkt) override {
        shared_.count(Counter::dhcp_messages);
        // A malformed message still gives what was read before the damage.
        if (parse_dhcp_message(pkt.payload, msg_) != ParseStatus::ok) shared_.count(Counter::dhcp_malformed);
        if (shared_.devices) record(pkt.ts_ns);
        return Verdict::more;
    }
    void forget(uint64_t) override {}

private:
    void record(int64_t ts) {
        DeviceObservations& devices = *shared_.devices;
        DeviceRef client;
        client.mac = msg_.chaddr;
        if (msg_.op == kBootRequest) {
            client.ip = msg_.ciaddr;  // set by a client that already has its address (renewing, INFORM)
            auto said = [&](const char* name, const std::string& value, const char* detail) {
                devices.record(client, name, value, detail, Confidence::high, ts);
            };
            said("hostname", msg_.host_name, "DHCP option 12");
            said("vendor_class", msg_.vendor_class, "DHCP option 60");
            said("dhcp_fingerprint", msg_.parameter_list, "DHCP option 55");
            said("client_id", msg_.client_id, "DHCP option 61");
            said("fqdn", msg_.client_fqdn, "DHCP option 81");
            if (!msg_.ciaddr.is_unspecified()) said("ip", msg_.ciaddr.to_string(), "DHCP ciaddr");
            // Only asked for: the server may refuse it, so it is evidence but not an address of record.
            if (msg_.requested_ip)
                devices.record(client, "ip", msg_.requested_ip->to_string(), "DHCP option 50", Confidence::medium, ts);
        } else if (msg_.op == kBootReply && (msg_.message_type == kTypeAck || msg_.message_type == 0) &&
                   !msg_.yiaddr.is_unspecified()) {
            // The server's acknowledgement (or a BOOTP reply) assigns the address to the client.
            client.ip = msg_.yiaddr;
            devices.record(client, "ip", msg_.yiaddr.to_string(),
                           msg_.message_type == kTypeAck ? "DHCP ACK yiaddr" : "BOOTP reply yiaddr", Confidence::high,
                           ts);
            devices.add_address(client, msg_.yiaddr, ts);
        }
    }

    Shared& shared_;
    DhcpMessage msg_;  // reused between messages
};

bool selects(const Flow& flow) {
    if (flow.proto != kProtoUdp) return false;
    auto dhcp_port = [](uint16_t p) { return p == kServerPort || p == kClientPort; };
    return dhcp_port(flow.server_port) || dhcp_port(flow.client_port);
}
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Dhcp>(shared); }

}  // namespace

const DissectorSpec kDhcpDissector{"dhcp", selects, true, make, false};

}  // namespace sovscan::observe
