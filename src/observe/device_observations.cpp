#include "observe/device_observations.h"

#include <algorithm>
#include <functional>

#include "common/time_format.h"

namespace sovscan::observe {

namespace {

bool usable_address(const IpAddress& ip) { return !ip.is_unspecified() && !ip.is_multicast_or_broadcast(); }

bool usable_mac(const MacAddress& mac) { return !mac.is_zero() && !mac.is_group(); }

std::string first_seen(int64_t ts_ns) { return "first seen " + rfc3339_utc(ts_ns); }

// A host name as the merge compares it: lower case, without trailing dots or the mDNS ".local".
std::string host_key(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    while (!out.empty() && out.back() == '.') out.pop_back();
    constexpr std::string_view kLocal = ".local";
    if (out.size() > kLocal.size() && out.ends_with(kLocal)) out.resize(out.size() - kLocal.size());
    return out;
}

// "DHCP option 60" -> "DHCP": the protocols that described a device, for the record's source.
std::string_view protocol_of(std::string_view detail) { return detail.substr(0, detail.find(' ')); }

}  // namespace

const char* confidence_label(Confidence c) {
    switch (c) {
        case Confidence::high: return "high";
        case Confidence::medium: return "medium";
        case Confidence::low: return "low";
    }
    return "low";
}

DeviceRef DeviceRef::sender(const DecodedPacket& pkt) {
    DeviceRef ref;
    // The sender's own frame: inside a tunnel the inner one (an outer link's MAC is the tunnel's).
    if (pkt.has_own_macs() && usable_mac(pkt.own_src_mac())) ref.mac = pkt.own_src_mac();
    ref.ip = pkt.src_ip;
    return ref;
}

DeviceObservations::DeviceObservations(DeviceLimits limits) : limits_(limits) {}

DeviceObservations::Device* DeviceObservations::find_or_add(const DeviceRef& ref, int64_t ts_ns) {
    const bool by_mac = ref.mac && usable_mac(*ref.mac);
    if (!by_mac && !usable_address(ref.ip)) return nullptr;
    Device* d = nullptr;
    if (by_mac) {
        if (auto it = by_mac_.find(ref.mac->as_u64()); it != by_mac_.end()) d = &devices_[it->second];
    } else if (auto it = by_ip_.find(ref.ip); it != by_ip_.end()) {
        d = &devices_[it->second];
    }
    if (!d) {
        KindUsage& use = usage_[by_mac ? 0 : 1];
        if (use.devices >= limits_.max_devices) {
            ++dropped_;
            return nullptr;
        }
        ++use.devices;
        const auto index = uint32_t(devices_.size());
        d = &devices_.emplace_back();
        d->first_ns = ts_ns;
        if (by_mac) {
            d->mac = *ref.mac;
            by_mac_.emplace(ref.mac->as_u64(), index);
        } else {
            by_ip_.emplace(ref.ip, index);
        }
    }
    d->first_ns = std::min(d->first_ns, ts_ns);  // inputs merged out of order still give the earliest
    if (usable_address(ref.ip)) note_address(*d, ref.ip);
    return d;
}

void DeviceObservations::note_address(Device& d, const IpAddress& ip) {
    if (std::find(d.ips.begin(), d.ips.end(), ip) != d.ips.end()) return;
    if (d.ips.size() >= limits_.max_addresses_per_device) {
        ++dropped_;
        return;
    }
    d.ips.push_back(ip);
}

bool DeviceObservations::record(const DeviceRef& device, std::string_view name, std::string_view value,
                                std::string_view detail, Confidence confidence, int64_t ts_ns) {
    if (value.empty()) return false;
    value = value.substr(0, kMaxValue);
    Device* d = find_or_add(device, ts_ns);
    if (!d) return false;
    const size_t value_hash = std::hash<std::string_view>{}(value);
    for (Attribute& a : d->attributes) {
        // The value's hash first, then the value: the names and details repeat across attributes,
        // and values of equal length (user agents) used to cost a memcmp each.
        if (a.value_hash == value_hash && a.value == value && a.name == name && a.detail == detail) {
            ++a.count;
            a.first_ns = std::min(a.first_ns, ts_ns);
            return true;
        }
    }
    KindUsage& use = usage(*d);
    if (d->attributes.size() >= limits_.max_attributes_per_device || use.attributes >= limits_.max_attributes) {
        ++dropped_;
        return false;
    }
    ++use.attributes;
    d->attributes.push_back(
        Attribute{std::string(name), std::string(value), std::string(detail), confidence, ts_ns, 1, value_hash});
    return true;
}

void DeviceObservations::add_address(const DeviceRef& device, const IpAddress& address, int64_t ts_ns) {
    if (!usable_address(address)) return;
    if (Device* d = find_or_add(device, ts_ns)) note_address(*d, address);
}

std::vector<AssetRecord> DeviceObservations::records() const {
    std::vector<AssetRecord> out;
    out.reserve(devices_.size());
    for (const Device& d : devices_) {
        AssetRecord& r = out.emplace_back();
        r.source.kind = AssetSourceKind::traffic;
        r.source.location = first_seen(d.first_ns);
        r.ips = d.ips;
        if (d.mac) {
            r.macs.push_back(*d.mac);
            if (d.mac->is_locally_administered()) {
                // Its first three bytes are no OUI: the merge must not name a vendor from them.
                r.attributes.push_back(AssetAttribute{
                    "mac_kind",
                    "randomised",
                    confidence_label(Confidence::high),
                    {AssetSourceKind::traffic, "", first_seen(d.first_ns), "MAC locally administered bit"}});
            }
        }
        std::vector<std::string_view> protocols;
        for (const Attribute& a : d.attributes) {
            AssetAttribute& attr = r.attributes.emplace_back();
            attr.name = a.name;
            attr.value = a.value;
            attr.confidence = confidence_label(a.confidence);
            attr.source = {AssetSourceKind::traffic, "", first_seen(a.first_ns), a.detail};
            attr.count = a.count;
            if (a.name == "hostname" || a.name == "fqdn") {
                std::string host = host_key(a.value);
                if (!host.empty() && std::find(r.hostnames.begin(), r.hostnames.end(), host) == r.hostnames.end())
                    r.hostnames.push_back(std::move(host));
            }
            const std::string_view proto = protocol_of(a.detail);
            if (std::find(protocols.begin(), protocols.end(), proto) == protocols.end()) protocols.push_back(proto);
        }
        std::string detail = r.source.detail;
        for (std::string_view p : protocols) {
            if (!detail.empty()) detail += ", ";
            detail += p;
        }
        r.source.detail = std::move(detail);
    }
    return out;
}

}  // namespace sovscan::observe
