#pragma once
// The merged asset list as JSON: the "assets" member of the scan report (docs/report-schema.md),
// which `sovscan assets --format json` writes too. Strings from inputs are kept as given (JSON
// escapes control characters; the writer replaces invalid UTF-8).
#include <nlohmann/json.hpp>

#include "assess/merged_asset.h"
#include "report/json_stream.h"

namespace sovscan {

nlohmann::ordered_json asset_source_json(const AssetSource& s);
nlohmann::ordered_json asset_json(const MergedAsset& a);
// The same object written into a streamed report, its vendors, attributes, software and models one
// element at a time: an SBOM of 10^5 components is one asset, too large for one DOM (issue 19).
void write_asset_json(JsonStreamWriter& w, const MergedAsset& a);
// {"files": [...], "records": N, "problems": N, "assets": N, "high_risk": N, "review": N}
nlohmann::ordered_json inventory_summary_json(const AssetInventory& inv);

}  // namespace sovscan
