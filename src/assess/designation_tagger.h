#pragma once
// Tags findings with the official designations (data/designations.csv: NÚKIB warnings, the US FCC
// Covered List, the DoD 1260H list, ...) of the vendors they name, so that every report and the
// supplier register can say "Hikvision: FCC Covered List since 2021-03-12" beside the finding.
#include <vector>

#include "assess/finding.h"
#include "intel/catalog.h"

namespace sovscan {

class DesignationTagger {
public:
    explicit DesignationTagger(const Catalog& catalog) : catalog_(catalog) {}

    // The designations in force of one vendor (its own, its parents', jurisdiction-wide warnings).
    std::vector<FindingDesignation> of(const Vendor& v) const;
    // Sets Finding::designations from the counterpart's vendor and the asset's vendor.
    void tag(std::vector<Finding>& findings) const;

private:
    // The designations of a counterpart's vendor and an asset's vendor together, each list once.
    FindingDesignations of_pair(const std::string& counterpart_vendor, const std::string& asset_vendor) const;

    const Catalog& catalog_;
};

}  // namespace sovscan
