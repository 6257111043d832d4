#pragma once
// CMDB asset lists exported as CSV (RFC 4180, header row first). Columns: docs/assets.md.
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

// One AssetRecord per good row. Problems name the file, the line and the column:
// "assets.csv:12: column ip: '10.0.0.300' is not an IP address" (line 1 is the header).
InventoryReadResult read_cmdb_csv(std::string_view text, const std::string& file);

}  // namespace sovscan
