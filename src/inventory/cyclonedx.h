#pragma once
// CycloneDX SBOMs in JSON, specVersion 1.4-1.6 (1.2/1.3 fields are read where they mean the same).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

// One AssetRecord for the system the BOM describes (metadata.component: its name, version,
// bom-ref, supplier, manufacturer as attributes) whose `software` holds every component, nested
// ones included, and every service. Problems name the path: "bom.json: components[3].supplier:
// expected an object, found a string".
InventoryReadResult read_cyclonedx(std::string_view text, const std::string& file);
InventoryReadResult read_cyclonedx_document(const nlohmann::json& bom, const std::string& file);

}  // namespace sovscan
