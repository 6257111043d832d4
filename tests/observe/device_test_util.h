#pragma once
// Helpers for the tests of what traffic says about devices (DHCP, mDNS, SSDP, HTTP banners):
// finding a device's record and its attributes in Observer::device_records().
#include <string>
#include <string_view>
#include <vector>

#include "inventory/asset_record.h"
#include "observe/observe_test_util.h"

namespace sovscan::test {

inline MacAddress mac(std::string_view text) { return *MacAddress::parse(text); }
inline IpAddress ip(std::string_view text) { return *IpAddress::parse(text); }

// The record keyed by `m`, or null.
inline const AssetRecord* record_for_mac(const std::vector<AssetRecord>& records, std::string_view m) {
    for (const auto& r : records)
        if (!r.macs.empty() && r.macs.front() == mac(m)) return &r;
    return nullptr;
}

// The record keyed by address `a` (one without a MAC), or null.
inline const AssetRecord* record_for_ip(const std::vector<AssetRecord>& records, std::string_view a) {
    for (const auto& r : records)
        if (r.macs.empty() && !r.ips.empty() && r.ips.front() == ip(a)) return &r;
    return nullptr;
}

// The values of `name` whose evidence detail is `detail` ("" = any), in record order.
inline std::vector<std::string> values(const AssetRecord& r, std::string_view name, std::string_view detail = "") {
    std::vector<std::string> out;
    for (const auto& a : r.attributes)
        if (a.name == name && (detail.empty() || a.source.detail == detail)) out.push_back(a.value);
    return out;
}

inline const AssetAttribute* attribute(const AssetRecord& r, std::string_view name, std::string_view value) {
    for (const auto& a : r.attributes)
        if (a.name == name && a.value == value) return &a;
    return nullptr;
}

inline bool has_ip(const AssetRecord& r, std::string_view a) {
    for (const auto& x : r.ips)
        if (x == ip(a)) return true;
    return false;
}

// Sends `payload` on the test flow as a packet from `src_mac` (the flow's own addresses).
inline void send_from(Observer& obs, TestFlow& t, Direction dir, const std::vector<uint8_t>& payload,
                      std::string_view src_mac, int64_t ts_ns = 0) {
    auto p = t.packet(dir, payload, t.seq[dir]);
    t.seq[dir] += uint32_t(payload.size());
    p.has_macs = true;
    p.src_mac = mac(src_mac);
    p.dst_mac = mac("01:00:5e:7f:ff:fa");
    p.ts_ns = ts_ns;
    obs.on_packet(t.flow, dir, p);
}

}  // namespace sovscan::test
