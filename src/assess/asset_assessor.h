#pragma once
// Findings about what assets are, from the merged inventory:
//   SOV-007 an asset made by a high-risk vendor, by any evidence except the OUI of a MAC that the
//           scan's own SOV-005 finding already reports;
//   SOV-008 a system whose SBOM lists components of a high-risk vendor (one finding per vendor);
//   SOV-009 an AI model of high-risk origin present only as configuration (an API client);
//   SOV-010 the same run from local weights (NÚKIB's DeepSeek warning exempts models that cannot
//           reach the vendor: lower severity, still listed).
// A vendor with strong PRC ties controlled elsewhere (prc_linked=partial) and a chip or module maker
// lower the severity one step, as SOV-005 does.
#include <vector>

#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "intel/intel.h"

namespace sovscan {

class AssetAssessor {
public:
    AssetAssessor(const Intel& intel, const Policy& policy) : intel_(intel), policy_(policy) {}

    // Findings for `assets`; `traffic_findings` are the scan's (SOV-005 MACs are not reported twice).
    std::vector<Finding> assess(const std::vector<MergedAsset>& assets, const std::vector<Finding>& traffic_findings) const;

    // Names the merged asset (id, name) in every finding about one of its addresses or MACs.
    static void link(std::vector<Finding>& findings, const std::vector<MergedAsset>& assets);

private:
    void vendor_finding(const MergedAsset& a, const std::vector<MacAddress>& reported_macs, std::vector<Finding>& out) const;
    void software_findings(const MergedAsset& a, std::vector<Finding>& out) const;
    void model_findings(const MergedAsset& a, std::vector<Finding>& out) const;

    const Intel& intel_;
    const Policy& policy_;
    // Evidence facts: the same vendor named the same way by the same column is the same sentence in
    // every asset's finding; one shared copy each (issue 19). Filling it changes no answer.
    mutable TextPool facts_;
};

// "manufacturer", "mac_oui", ... as one phrase for people ("MAC OUI", "vendor cloud contacted").
const char* attribution_basis_label(std::string_view basis);

}  // namespace sovscan
