// mDNS / DNS-SD (UDP, port 5353 on either side; RFC 6762, RFC 6763): what a device announces about
// itself — its host name (owner of its A/AAAA records, SRV targets, reverse PTR targets), the
// services it offers (PTR service types such as _hap._tcp, _googlecast._tcp, _ipp._tcp and their
// instance names), and the TXT keys that name its maker and model (md=, model=, mf=, usb_MFG=, ty=,
// fn=, am=, ...). The device is the message's sender: responses (announcements, answers) in all
// their sections, and the authority section of probes, which holds the records the sender is about
// to claim. Known answers in queries are the querier's cache of *other* devices and are skipped.
// Parsed with the DNS wire reader shared with dns.cpp.
//
// Limitation: a Bonjour Sleep Proxy answers for sleeping devices; their records are then
// attributed to the proxy (kept as evidence, the merge shows the conflict).
#include <array>
#include <memory>

#include "observe/device_observations.h"
#include "observe/dns.h"
#include "observe/http_text.h"

namespace sovscan::observe {

namespace {

constexpr uint16_t kMdnsPort = 5353;
constexpr uint16_t kTypeA = 1, kTypePtr = 12, kTypeTxt = 16, kTypeAaaa = 28, kTypeSrv = 33;
constexpr std::string_view kServiceEnumeration = "_services._dns-sd._udp.local";

// TXT keys that identify a device's maker or model, and the attribute each becomes. Keys are
// compared without case. Sources: DNS-SD TXT conventions of AirPlay (am, model), Google Cast (md,
// fn), IPP Everywhere / Bonjour Printing 1.2 (ty, usb_MFG, usb_MDL, product), Philips Hue (md),
// D-Link (model_number, hardware_ver), and generic IoT announcements (manufacturer, mf, model).
struct TxtKey {
    std::string_view key, attribute;
};
constexpr std::array<TxtKey, 22> kTxtKeys{{
    {"md", "model"},
    {"model", "model"},
    {"model_number", "model"},
    {"modelid", "model"},
    {"am", "model"},
    {"ty", "model"},
    {"usb_mdl", "model"},
    {"mdl", "model"},
    {"product", "model"},
    {"manufacturer", "manufacturer"},
    {"mf", "manufacturer"},
    {"mfg", "manufacturer"},
    {"usb_mfg", "manufacturer"},
    {"vendor", "manufacturer"},
    {"fn", "friendly_name"},
    {"friendlyname", "friendly_name"},
    {"serialnumber", "serial_number"},
    {"sn", "serial_number"},
    {"hardware_ver", "hardware_version"},
    {"hw_ver", "hardware_version"},
    {"fv", "firmware_version"},
    {"mac", "announced_mac"},
}};

// The detail strings, built once: "mDNS TXT md", ... (a detail is evidence text, so it names the
// key as the table spells it, never as the wire did).
const std::array<std::string, kTxtKeys.size()>& txt_details() {
    static const auto details = [] {
        std::array<std::string, kTxtKeys.size()> out;
        for (size_t i = 0; i < kTxtKeys.size(); ++i) out[i] = "mDNS TXT " + std::string(kTxtKeys[i].key);
        return out;
    }();
    return details;
}

bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

bool is_reverse_name(std::string_view owner) {
    return owner.ends_with(".in-addr.arpa") || owner.ends_with(".ip6.arpa");
}

// "_printer._sub._http._tcp.local" -> "_http._tcp.local"; a plain service type is returned as is.
std::string_view service_type(std::string_view owner) {
    constexpr std::string_view kSub = "._sub.";
    const size_t sub = owner.find(kSub);
    return sub == std::string_view::npos ? owner : owner.substr(sub + kSub.size());
}

class Mdns final : public Dissector {
public:
    explicit Mdns(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow&, Direction, const DecodedPacket& pkt) override {
        shared_.count(Counter::mdns_messages);
        DnsMessageReader reader(pkt.payload);
        DnsHeader h;
        if (reader.header(h)) {
            const DeviceRef sender = DeviceRef::sender(pkt);
            while (reader.next_record(rr_)) {
                // Responses speak for the sender in every section; queries only in the authority
                // section (probing, RFC 6762 8.1).
                if (h.response() || rr_.section == DnsSection::authority)
                    on_record(reader.message(), sender, pkt.ts_ns);
            }
        }
        // Records before the damage were used; the message still counts as malformed.
        if (reader.malformed()) shared_.count(Counter::mdns_malformed);
        return Verdict::more;
    }
    void forget(uint64_t) override {}

private:
    void on_record(Bytes msg, const DeviceRef& sender, int64_t ts) {
        if (!shared_.devices) return;
        DeviceObservations& devices = *shared_.devices;
        auto said = [&](std::string_view name, std::string_view value, std::string_view detail) {
            devices.record(sender, name, value, detail, Confidence::high, ts);
        };
        switch (rr_.type) {
            case kTypeA:
            case kTypeAaaa: {
                const bool v4 = rr_.type == kTypeA;
                if (rr_.rdata.size() != (v4 ? 4u : 16u)) return;
                said("hostname", rr_.name, v4 ? "mDNS A" : "mDNS AAAA");
                devices.add_address(
                    sender, v4 ? IpAddress::v4_bytes(rr_.rdata.data()) : IpAddress::v6_bytes(rr_.rdata.data()), ts);
                return;
            }
            case kTypePtr: {
                size_t pos = rr_.rdata_pos;
                if (!read_dns_name(msg, pos, target_, NameCase::as_sent) || !inside_rdata(pos)) return;
                on_ptr(said);
                return;
            }
            case kTypeSrv: {
                size_t pos = rr_.rdata_pos + 6;  // priority, weight, port
                if (rr_.rdata.size() < 7 || !read_dns_name(msg, pos, target_) || !inside_rdata(pos)) return;
                said("hostname", target_, "mDNS SRV");
                return;
            }
            case kTypeTxt: on_txt(said); return;
            default: return;
        }
    }

    // A name read from the record's data must end within it (a pointer may lead anywhere before).
    bool inside_rdata(size_t end) const { return end <= rr_.rdata_pos + rr_.rdata.size(); }

    template <typename Said>
    void on_ptr(Said& said) {
        const std::string_view owner = rr_.name;
        if (is_reverse_name(owner)) {
            ascii_lower(target_);
            said("hostname", target_, "mDNS PTR");
        } else if (owner == kServiceEnumeration) {
            ascii_lower(target_);
            said("mdns_service", target_, "mDNS PTR");
        } else if (!owner.empty() && owner.front() == '_') {
            // Service type -> "Instance Name.<service type>": the instance name is what the device
            // calls itself on that service ("Philips hue - 2476FF"), kept with its case.
            const std::string_view type = service_type(owner);
            said("mdns_service", type, "mDNS PTR");
            const std::string_view target = target_;
            if (target.size() > type.size() + 1 && iends_with(target, type) &&
                target[target.size() - type.size() - 1] == '.')
                said("mdns_instance", target.substr(0, target.size() - type.size() - 1), "mDNS PTR");
        }
    }

    // TXT strings are <length><key=value> (RFC 6763 6.1-6.4); a key without '=' is a flag.
    template <typename Said>
    void on_txt(Said& said) {
        ByteReader r(rr_.rdata);
        Bytes s;
        while (r.vec8(s)) {
            const std::string_view text = as_text(s);
            const size_t eq = text.find('=');
            if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) continue;  // flags, empty values
            const std::string_view key = text.substr(0, eq), value = text.substr(eq + 1);
            for (size_t i = 0; i < kTxtKeys.size(); ++i) {
                if (!iequals(key, kTxtKeys[i].key)) continue;
                said(kTxtKeys[i].attribute, value, txt_details()[i]);
                said("mdns_txt", text, "mDNS TXT");  // the raw pair, for what the mapping loses
                break;
            }
        }
    }

    Shared& shared_;
    DnsResourceRecord rr_;  // reused between records
    std::string target_;
};

bool selects(const Flow& flow) {
    return flow.proto == kProtoUdp && (flow.server_port == kMdnsPort || flow.client_port == kMdnsPort);
}
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Mdns>(shared); }

}  // namespace

const DissectorSpec kMdnsDissector{"mdns", selects, true, make, false};

}  // namespace sovscan::observe
