#pragma once
// CMDB asset lists exported as JSON: an array of objects, or an object whose "assets" member is
// one. Keys are the CSV export's columns (docs/assets.md); "ip" and "mac" may also be arrays.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

// One AssetRecord per good object. Problems name the file, the index and the key:
// "assets.json: [3].ip: '10.0.0.300' is not an IP address".
InventoryReadResult read_cmdb_json(std::string_view text, const std::string& file);
// The same for a document already parsed (format detection parses it once).
InventoryReadResult read_cmdb_json_document(const nlohmann::json& document, const std::string& file);

}  // namespace sovscan
