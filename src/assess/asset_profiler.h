#pragma once
// Completes merged assets: which vendors made them or their software (VendorAttributor), how the
// policy judges those vendors, what kind of asset each is, and what traffic says about it (volume,
// volume to high-risk counterparts, inbound remote access, the vendor clouds it contacts).
#include <vector>

#include "assess/exposure.h"
#include "assess/finding.h"
#include "assess/jurisdiction_judge.h"
#include "assess/merged_asset.h"
#include "assess/model_assessment.h"
#include "assess/vendor_attributor.h"

namespace sovscan {

// What the profiler reads of a scan for the assets' traffic: its exposures and traffic findings
// (engine/asset_inventory.h takes them from the scan's ScanObservations); both may be absent (an
// inventory without captures).
struct ExposuresAndFindings {
    const ExposureAggregator* exposures = nullptr;
    const std::vector<Finding>* findings = nullptr;  // the traffic findings of the same scan
};

class AssetProfiler {
public:
    AssetProfiler(const Intel& intel, const Policy& policy);

    void profile(std::vector<MergedAsset>& assets, const ExposuresAndFindings& traffic) const;

    // The catalogued name of a model for attributions ("name" or the path when unnamed).
    static std::string model_label(const ModelArtifact& m);

private:
    void attribute(MergedAsset& a) const;
    void judge(MergedAsset& a) const;
    void categorise(MergedAsset& a) const;

    const Intel& intel_;
    const Policy& policy_;
    VendorAttributor attributor_;
    JurisdictionJudge judge_;
    ModelJudge model_judge_;
    // Categories and their bases: a few dozen words for a million assets (SharedText).
    mutable TextPool words_;
};

}  // namespace sovscan
