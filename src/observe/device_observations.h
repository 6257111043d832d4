#pragma once
// What traffic reveals about the devices themselves: DHCP options, mDNS/DNS-SD and SSDP/UPnP
// announcements, HTTP User-Agent and Server banners. Each value is kept with its evidence (the
// protocol field it came from, when it was first seen, how often it was repeated) and becomes an
// AssetAttribute of source kind `traffic`; conflicting values are all kept, side by side, for the
// asset merge to weigh. Internal to observe/ (Observer::device_records() is the public view).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/ip_address.h"
#include "common/mac_address.h"
#include "decode/decoded_packet.h"
#include "inventory/asset_record.h"

namespace sovscan::observe {

// Which device an observation is about. Keyed by the MAC when there is one that names the device
// itself (the DHCP client hardware address; the source of a link-local announcement), else by the
// IP address.
struct DeviceRef {
    std::optional<MacAddress> mac;
    IpAddress ip;  // unspecified when not known (a DHCP client before it has an address)

    // The sender of a packet: the unicast source MAC of the frame that carried it (inside a tunnel
    // the inner frame's; none when the tunnel has no link layer), and its source IP.
    // For link-local protocols only (mDNS, SSDP): a routed packet's source MAC is the router's.
    static DeviceRef sender(const DecodedPacket& pkt);
    // An address alone: HTTP banners, whose flows may cross a router.
    static DeviceRef address(const IpAddress& ip) { return {std::nullopt, ip}; }
};

// AssetAttribute::confidence: high = the device says so about itself (a DHCP option, an mDNS TXT
// record, an SSDP header, a UPnP description), medium = said on its behalf or shared (an HTTP
// banner: an address may be a NAT, a proxy or several applications).
enum class Confidence : uint8_t { high, medium, low };
const char* confidence_label(Confidence c);  // "high", "medium", "low"

struct DeviceLimits {
    // Devices and attributes kept, each bound applying separately to MAC-keyed and IP-keyed devices
    // so that a flood of HTTP servers (IP-keyed) cannot crowd out the local devices that DHCP, mDNS
    // and SSDP name (MAC-keyed). At most ~700 bytes an attribute, the defaults bound the table
    // near 90 MB under hostile input; a real site needs a small fraction of it.
    size_t max_devices = 1u << 14;
    size_t max_attributes = 1u << 16;
    // Per device: distinct attributes and addresses kept.
    size_t max_attributes_per_device = 64;
    size_t max_addresses_per_device = 16;
};

class DeviceObservations {
public:
    // Values longer than this are cut (a User-Agent is rarely longer; the rest is not evidence).
    static constexpr size_t kMaxValue = 512;

    explicit DeviceObservations(DeviceLimits limits = {});

    // `name` = `value` about `device`, read from `detail` (protocol and field, e.g. "DHCP option
    // 60") at `ts_ns`. The same name, value and detail again only counts up. The first values are
    // kept when a bound is reached: a later flood cannot displace earlier evidence. Returns false
    // when nothing was kept (an empty value, a device without MAC or address, a bound).
    bool record(const DeviceRef& device, std::string_view name, std::string_view value, std::string_view detail,
                Confidence confidence, int64_t ts_ns);
    // An address the device uses besides the one in `device` (a DHCP lease, an mDNS A record).
    void add_address(const DeviceRef& device, const IpAddress& address, int64_t ts_ns);

    // One record per device, in the order the devices were first seen. Host names (lower case,
    // without ".local") are taken from the `hostname` and `fqdn` attributes; a locally administered
    // MAC adds `mac_kind` = `randomised` so that the merge does not attribute it by OUI.
    std::vector<AssetRecord> records() const;

    size_t size() const { return devices_.size(); }
    // Observations not kept because a bound was reached.
    uint64_t dropped() const { return dropped_; }

private:
    struct Attribute {
        std::string name, value, detail;
        Confidence confidence;
        int64_t first_ns;
        uint64_t count;
        // Of `value`: a device collects up to max_attributes_per_device of them, and every HTTP
        // banner or mDNS record is looked up among its device's; equal hashes come first.
        size_t value_hash;
    };
    struct Device {
        std::optional<MacAddress> mac;
        std::vector<IpAddress> ips;
        int64_t first_ns;
        std::vector<Attribute> attributes;
    };
    // Bounds are per key kind: 0 = MAC-keyed, 1 = IP-keyed.
    struct KindUsage {
        size_t devices = 0, attributes = 0;
    };

    Device* find_or_add(const DeviceRef& ref, int64_t ts_ns);
    void note_address(Device& d, const IpAddress& ip);
    KindUsage& usage(const Device& d) { return usage_[d.mac ? 0 : 1]; }

    DeviceLimits limits_;
    std::vector<Device> devices_;
    std::unordered_map<uint64_t, uint32_t> by_mac_;
    std::unordered_map<IpAddress, uint32_t, IpAddressHash> by_ip_;
    KindUsage usage_[2];
    uint64_t dropped_ = 0;
};

}  // namespace sovscan::observe
