#pragma once
// Maps what inputs say about an asset's maker to catalogued vendors: the OUI of its MAC (unless
// locally administered), manufacturer-like fields (CMDB, UPnP, nmap's MAC vendor, DHCP vendor
// class), banners and host names, the vendor clouds it contacts, and for its software the SBOM
// supplier/manufacturer/publisher/author, the purl namespace and the CPE vendor. Each statement that
// names a vendor becomes one VendorAttribution citing the input and the catalogue row.
#include <string>
#include <vector>

#include "assess/merged_asset.h"
#include "intel/intel.h"

namespace sovscan {

class VendorAttributor {
public:
    explicit VendorAttributor(const Intel& intel) : intel_(intel) {}

    // The MAC's IEEE registrant and catalogued vendor. A locally administered (randomised) MAC
    // says nothing about the maker and yields nothing. Attributions without a catalogued vendor
    // (vendor_id empty) keep the registrant's organisation and country for the judgement.
    void from_mac(const MacAddress& mac, const AssetSource& source, std::vector<VendorAttribution>& out) const;
    // The record's attributes that can name a maker (see the table in docs/assets.md).
    void from_attributes(const std::vector<AssetAttribute>& attributes, std::vector<VendorAttribution>& out) const;
    // One software component: who supplies it (SBOM) or which vendor its CPE names (nmap).
    void from_component(const SoftwareComponent& c, std::vector<VendorAttribution>& out) const;
    // A catalogued vendor service name the asset contacted in `flows` flows.
    void from_cloud(const std::string& name, uint64_t flows, std::vector<VendorAttribution>& out) const;

    // Whether a vendor-domain catalogue row tells what kind of device talks to it (a device cloud,
    // firmware update, P2P relay for cameras, inverter monitoring), rather than a service anyone
    // may use (a web site, a public cloud, an LLM API).
    static bool names_device_maker(const DomainEntry& entry);

private:
    void add_named(const std::string& text, const std::string& basis, const std::string& confidence,
                   const AssetSource& source, const SharedText& component, bool software,
                   std::vector<VendorAttribution>& out) const;
    SharedText word(std::string_view text) const { return words_.intern(text); }

    const Intel& intel_;
    // Bases, confidences, registrant names and details repeat in every attribution of a large
    // inventory: one shared copy each. Filling the pool does not change what the attributor answers.
    mutable TextPool words_;
};

// Strongest first: confidence high > medium > low, then the order the bases are listed in
// merged_asset.h; attributions naming the same vendor by the same basis and value collapse into one.
void rank_attributions(std::vector<VendorAttribution>& attributions);

}  // namespace sovscan
