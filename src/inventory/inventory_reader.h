#pragma once
// The one entry point for asset inventory files: CMDB exports (CSV, JSON), nmap XML, CycloneDX and
// SPDX SBOMs. `sovscan assets` and `scan` call this; each format's reader is in its own file.
#include <optional>
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

enum class InventoryFormat { auto_detect, cmdb_csv, cmdb_json, nmap_xml, cyclonedx, spdx };

// "auto", "csv", "json", "nmap", "cyclonedx", "spdx" (the names a --format option takes).
const char* inventory_format_name(InventoryFormat format);
std::optional<InventoryFormat> inventory_format_from_name(std::string_view name);

// The format of `text`, judged by content first: XML whose root is nmaprun; JSON with "bomFormat"
// CycloneDX, with "spdxVersion", or else a CMDB export; anything else CSV. The extension decides
// only what content cannot (an empty file). nullopt when the content is XML but not nmap's.
std::optional<InventoryFormat> detect_inventory_format(std::string_view text, std::string_view path);

// Reads `path` as `format` (auto_detect: detect_inventory_format). Never throws: an unreadable
// file, an unknown format or a malformed document is a problem in the result.
InventoryReadResult read_inventory_file(const std::string& path, InventoryFormat format = InventoryFormat::auto_detect);
// The same for text already in memory; `path` names it in records and problems.
InventoryReadResult read_inventory_text(std::string_view text, const std::string& path,
                                        InventoryFormat format = InventoryFormat::auto_detect);

}  // namespace sovscan
