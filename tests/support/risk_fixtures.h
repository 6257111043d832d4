#pragma once
// Values the risk tests build directly: merged assets, findings, and the project's own risk
// catalog (data/), so that the numbers asserted are those an operator gets.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "risk/catalog.h"
#include "support/test_support.h"

namespace sovscan::test {

// The repository's data/ catalog; fails the test when it has a problem.
inline const RiskCatalog& project_risk_catalog() {
    static std::unique_ptr<RiskCatalog> catalog = [] {
        std::vector<std::string> problems;
        auto c = RiskCatalog::load(source_dir() + "/data", problems);
        for (const std::string& p : problems) ADD_FAILURE() << p;
        return c;
    }();
    return *catalog;
}

inline VendorAttribution vendor(const char* id, const char* name, const char* controlled_by, const char* prc_linked,
                                const char* basis) {
    VendorAttribution v;
    v.vendor_id = id;
    v.vendor_name = name;
    v.controlled_by = controlled_by;
    v.prc_linked = prc_linked;
    v.basis = basis;
    v.confidence = "high";
    return v;
}

// A Hikvision camera known to the CMDB (no C/I/A given), at 10.0.0.5.
inline MergedAsset camera(const char* ip = "10.0.0.5", const char* id = "inv:CAM-1") {
    MergedAsset a;
    a.id = id;
    a.name = "Kamera vrátnice";
    a.category = "ip_camera";
    a.category_basis = "cmdb";
    a.ips.push_back(*IpAddress::parse(ip));
    a.owner = "security@example.cz";
    a.vendors.push_back(vendor("hikvision", "Hikvision", "CN", "yes", "manufacturer"));
    return a;
}

// SOV-001: the asset sent `bytes` to a server located in CN that serves the vendor's cloud.
inline Finding egress_cn(const char* asset_ip, uint64_t bytes, const char* counterpart = "47.96.1.10",
                         const char* name = "api.hik-connect.com") {
    Finding f;
    f.rule = RuleId::egress_located_high_risk;
    f.severity = Severity::high;
    f.asset.ip = *IpAddress::parse(asset_ip);
    f.asset.has_ip = true;
    f.counterpart.edit().ip = *IpAddress::parse(counterpart);
    f.counterpart.edit().names.push_back(ObservedName{name, "sni", 1});
    f.counterpart.edit().located_in = "CN";
    f.counterpart.edit().operator_name = "Alibaba Cloud";
    f.counterpart.edit().operator_controlled_by = "CN";
    f.counterpart.edit().vendor_id = "hikvision";
    f.counterpart.edit().vendor_name = "Hikvision";
    f.counterpart.edit().vendor_controlled_by = "CN";
    f.jurisdictions = {"CN"};
    f.bytes_sent = bytes;
    f.flows = 3;
    f.summary = std::string(asset_ip) + " sent data to " + counterpart + " (CN)";
    return f;
}

// SOV-003: a session opened from CN to the asset, on an admin port when `service` is given.
inline Finding inbound_cn(const char* asset_ip, const char* from, const char* service = "") {
    Finding f;
    f.rule = RuleId::inbound_from_high_risk;
    f.severity = Severity::critical;
    f.asset.ip = *IpAddress::parse(asset_ip);
    f.asset.has_ip = true;
    f.counterpart.edit().ip = *IpAddress::parse(from);
    f.counterpart.edit().located_in = "CN";
    f.jurisdictions = {"CN"};
    if (*service) f.services.push_back(service);
    f.summary = std::string(from) + " opened a session to " + asset_ip;
    return f;
}

}  // namespace sovscan::test
