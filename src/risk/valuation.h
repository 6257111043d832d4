#pragma once
// Values an asset on C, I and A (1-4): the inventory's value for each aspect it gives, else the
// default for the asset's category: the policy file's (`risk: asset_values`) before
// data/risk_asset_values.csv's, and the "default" row for a category nobody knows.
#include "assess/merged_asset.h"
#include "risk/catalog.h"
#include "risk/register.h"
#include "risk/settings.h"

namespace sovscan {

class AssetValuer {
public:
    AssetValuer(const RiskCatalog& catalog, const RiskSettings& settings) : catalog_(catalog), settings_(settings) {}

    // The asset with its values; risk_ids left empty.
    ValuedAsset value(const MergedAsset& asset) const;

private:
    const RiskCatalog& catalog_;
    const RiskSettings& settings_;
};

}  // namespace sovscan
