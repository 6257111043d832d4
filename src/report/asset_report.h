#pragma once
// `sovscan assets`: the merged asset list as an aligned terminal table or as CSV (one row per
// asset). The JSON form is the scan report's (json_report.h), which carries the assets in full.
#include <ostream>

#include "report/scan_report.h"
#include "report/terminal_report.h"
#include "risk/text.h"

namespace sovscan {

// High-risk assets first, then those for review, then the rest; then by name.
std::vector<const MergedAsset*> assets_in_report_order(const AssetInventory& inventory);

// The table's words in English (the default) or Czech (sovscan assets --lang cs).
void write_asset_table(const ScanReport& report, std::ostream& out, const TerminalStyle& style,
                       RiskLang lang = RiskLang::en);
void write_asset_csv(const AssetInventory& inventory, std::ostream& out);

}  // namespace sovscan
