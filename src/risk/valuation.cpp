#include "risk/valuation.h"

#include <cctype>

namespace sovscan {

namespace {

AspectValue aspect(uint8_t inventory, uint8_t fallback) {
    if (inventory >= 1 && inventory <= 4) return {inventory, true};
    return {fallback, false};
}

}  // namespace

ValuedAsset AssetValuer::value(const MergedAsset& asset) const {
    ValuedAsset v;
    v.id = asset.id;
    v.name = asset.name;
    v.category = asset.category;
    v.owner = asset.owner;
    v.location = asset.location;

    // Which row supplies the aspects the inventory leaves open: the policy's for the category word
    // or for the catalog row it belongs to, else the catalog row, else "default" (policy first).
    CiaValues fallback{2, 2, 2};
    const AssetValueDefault* row = catalog_.asset_value(asset.category);
    const std::string word = category_key(asset.category);
    std::string row_name = row ? row->category : "default";
    if (row) fallback = row->cia;
    for (const std::string& key : {word, row_name}) {
        auto it = key.empty() ? settings_.asset_values.end() : settings_.asset_values.find(key);
        if (it != settings_.asset_values.end()) {
            fallback = it->second;
            row_name = key;
            v.default_from_policy = true;
            break;
        }
    }
    v.c = aspect(asset.cia.c, fallback.c);
    v.i = aspect(asset.cia.i, fallback.i);
    v.a = aspect(asset.cia.a, fallback.a);
    if (!(v.c.from_inventory && v.i.from_inventory && v.a.from_inventory)) v.default_row = row_name;
    else v.default_from_policy = false;
    return v;
}

}  // namespace sovscan
