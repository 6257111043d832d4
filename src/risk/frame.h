#pragma once
// The decree's frame around the register (issue 15): the primary assets (§ 7) with the supporting
// assets that serve them and pass their values on, and the document's header, evidence period,
// knowledge versions and evidence warnings. build_risk_register() calls both.
#include <span>
#include <string>
#include <vector>

#include "assess/merged_asset.h"
#include "risk/register.h"
#include "risk/settings.h"

namespace sovscan {

// Links supporting assets to the primary assets they serve — the policy's `primary_assets:`
// (`supporting:` lists) and the inventory's `primary_asset` / `service` column — and raises each
// supporting asset's C, I and A to at least the highest of its primary assets' (§ 7 g: supporting
// assets are valued through their links to primary assets).
class PrimaryAssetLinker {
public:
    PrimaryAssetLinker(const RiskSettings& settings, std::span<const MergedAsset> assets);

    // Raises `valued` (the valuation of `asset`) where a primary asset it serves is worth more,
    // naming that primary asset in AspectValue::inherited_from; records the link.
    void apply(const MergedAsset& asset, ValuedAsset& valued);
    // The primary assets with their supporting assets (call after every apply()).
    std::vector<PrimaryAssetEntry> entries() const { return entries_; }
    // Inventory names of primary assets the policy does not value ("<asset>: ..."), raw.
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<size_t> served_by(const MergedAsset& asset);
    size_t entry_for_inventory_name(const std::string& name);

    const RiskSettings& settings_;
    std::vector<PrimaryAssetEntry> entries_;  // policy ones first, in file order
    std::vector<std::string> problems_;
};

// The inventory column that names the primary assets an asset serves ("primary_asset",
// "Primary asset", "service", "služba" ...), as an attribute name compared by category_key().
bool is_primary_asset_column(std::string_view attribute_name);

// Fills reg.frame from the policy's document header, the evidence's time span and the knowledge's
// versions; decides whether the evidence is short or old against the thresholds.
void fill_frame(RiskRegister& reg, const RiskSettings& settings, bool has_traffic, int64_t first_ns, int64_t last_ns,
                std::vector<std::string> inputs, std::vector<KnowledgeVersion> knowledge);

}  // namespace sovscan
