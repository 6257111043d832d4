#pragma once
// One asset as every source together sees it: the result of merging the AssetRecords of traffic,
// CMDB, nmap, SBOM and model inputs (assess/asset_merger.h) and of mapping what they say about the
// maker to catalogued vendors. `sovscan assets` lists these; `scan` and `risk` put them in their
// reports; the risk register values them (C/I/A, category) and judges their vendors.
#include <cstdint>
#include <string>
#include <vector>

#include "assess/finding.h"
#include "assess/jurisdiction_judge.h"
#include "inventory/asset_record.h"

namespace sovscan {

// Why an asset is attributed to a vendor: which statement, from which source, matched which
// catalogue row. Several attributions may name different vendors (a Hikvision camera behind an
// Espressif Wi-Fi module): all are kept, the strongest first.
// The words every attribution of a vendor repeats are shared copies (SharedText): a million-row
// inventory holds one "Hikvision", not one per asset (issue 19).
struct VendorAttribution {
    SharedText vendor_id, vendor_name;
    SharedText controlled_by;  // the vendor's control country
    SharedText prc_linked;     // yes, partial, no (catalogue)
    // mac_oui without a catalogued vendor: the IEEE registrant's country (judged as such).
    SharedText registrant_country;
    // What matched: mac_oui, manufacturer (CMDB/UPnP/mDNS/nmap MAC vendor/DHCP vendor class),
    // vendor_cloud (the device contacts the vendor's service names), sbom_supplier, purl_namespace,
    // cpe_vendor, model_origin.
    SharedText basis;
    std::string value;       // the input's words that matched (raw: outputs escape them)
    // The software component or model the statement is about ("name version"); empty when it is
    // about the asset itself (its MAC, manufacturer, banners, the clouds it contacts).
    SharedText component;
    bool software = false;   // from an SBOM component: the asset contains the vendor's software
    SharedText confidence;  // high, medium, low
    AssetSource source;
};

// What traffic says about the asset as a whole (all of its addresses).
struct AssetTraffic {
    uint64_t bytes_sent = 0, bytes_received = 0, flows = 0;
    // Of that, with counterparts the policy judges high-risk (located, operated or named).
    uint64_t high_risk_bytes_sent = 0, high_risk_bytes_received = 0, high_risk_flows = 0;
    int64_t first_ns = 0, last_ns = 0;
    bool inbound_from_high_risk = false;  // a session a high-risk counterpart initiated (SOV-003)
    bool admin_port_inbound = false;      // ... to a management or ICS port
    // Catalogued vendor service names the asset contacted, e.g. "hik-connect.com" (vendor id, name).
    struct CloudContact {
        std::string vendor_id, domain;
        uint64_t flows = 0, bytes_sent = 0;
    };
    std::vector<CloudContact> vendor_clouds;
};

struct MergedAsset {
    // Stable within a report and across runs over the same inputs: "inv:<id>" when a CMDB names it,
    // else "mac:aa:bb:..", else "ip:<address>", else "host:<name>", else "<source kind>:<file>".
    std::string id;
    std::string name;      // best display name: CMDB name, host name, friendly name, address
    SharedText category;  // camera, pv_inverter, phone, server, ... ("" unknown)
    SharedText category_basis;  // "cmdb", "upnp", "vendor category", ... ("" when unknown)
    std::vector<std::string> inventory_ids;
    std::vector<IpAddress> ips;
    std::vector<MacAddress> macs;
    std::vector<std::string> hostnames;
    bool randomised_mac = false;  // a locally administered MAC: not attributed by OUI
    std::vector<AssetAttribute> attributes;  // every source's, conflicting values side by side
    std::vector<SoftwareComponent> software;
    std::vector<ModelArtifact> models;
    std::vector<AssetSourceKind> sources;    // which kinds of input know the asset
    CiaValues cia;                           // from the CMDB (0 = not given)
    SharedText owner, location;              // shared: a register names a few owners and sites

    std::vector<VendorAttribution> vendors;  // strongest first
    // The judgement over every attributed vendor (vendor_controlled when any is high-risk).
    JurisdictionJudgement judgement;
    Verdict verdict = Verdict::clear;
    // Empty (all zero) for an asset no traffic involved: most of a large inventory's (Boxed).
    Boxed<AssetTraffic> traffic;
};

// The merged list with what it was built from (engine/asset_inventory.h builds it).
struct AssetInventory {
    std::vector<MergedAsset> assets;
    std::vector<std::string> files;  // inventory inputs read, in the order given
    size_t records = 0;              // records before merging
    size_t problems = 0;             // inventory problems (reported as warnings)
};

}  // namespace sovscan
