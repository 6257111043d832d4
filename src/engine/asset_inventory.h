#pragma once
// Builds the merged asset list (`sovscan assets`, and `scan` given inventory inputs): reads the
// operator's inventory files (CMDB CSV/JSON, nmap XML, CycloneDX/SPDX SBOMs) and model directories,
// adds what traffic revealed (device observations, MAC sightings, local addresses that talked),
// merges them (AssetMerger), profiles each asset (AssetProfiler) and judges them (AssetAssessor).
#include <string>
#include <vector>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "common/diagnostics.h"
#include "intel/intel.h"
#include "inventory/asset_record.h"

namespace sovscan {

// The inventory inputs a command was given.
struct AssetInputs {
    std::vector<std::string> inventory;  // CMDB exports (any inventory format is accepted here too)
    std::vector<std::string> nmap;       // nmap -oX files
    std::vector<std::string> sbom;       // CycloneDX or SPDX JSON
    std::vector<std::string> models;     // directories or model files
    // Build the asset list even without any of the above (`sovscan assets CAPTURES`).
    bool from_traffic = false;

    bool any_file() const { return !inventory.empty() || !nmap.empty() || !sbom.empty() || !models.empty(); }
    bool wanted() const { return from_traffic || any_file(); }
};

// Everything a scan contributes to the asset list: the devices it observed and the MAC addresses
// it saw become asset records (add_traffic); its exposures and findings are what the profiler
// reads (ExposuresAndFindings, assess/asset_profiler.h). Every pointer may be null (an inventory
// without captures).
struct ScanObservations {
    const std::vector<AssetRecord>* observed = nullptr;  // Observer::device_records()
    const std::vector<DeviceRecord>* devices = nullptr;  // MAC sightings
    const ExposureAggregator* exposures = nullptr;
    const std::vector<Finding>* findings = nullptr;      // the traffic findings
};

class AssetInventoryBuilder {
public:
    AssetInventoryBuilder(const Intel& intel, const Policy& policy) : intel_(intel), policy_(policy) {}

    // Reads every input; each problem becomes a warning in `diag` naming file and place. Returns
    // false when an input yielded nothing at all (unreadable, not its format): also an error in `diag`.
    bool read_files(const AssetInputs& inputs, Diagnostics& diag);
    void add_traffic(const ScanObservations& traffic);

    // Merges, profiles and judges. Asset findings are appended to `findings`; every finding about a
    // merged asset's address or MAC is linked to it (Asset::id, name).
    AssetInventory build(const ScanObservations& traffic, std::vector<Finding>& findings);

private:
    const Intel& intel_;
    const Policy& policy_;
    std::vector<AssetRecord> records_;
    std::vector<std::string> files_;
    size_t problems_ = 0;
};

}  // namespace sovscan
