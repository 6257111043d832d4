#pragma once
// SPDX 2.3 SBOMs in JSON (2.2 documents read the same way).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

// One AssetRecord for the package the document describes (documentDescribes, or a DESCRIBES
// relationship from the document) whose `software` holds every other package: name, versionInfo,
// supplier and originator (without their "Organization: " / "Person: " prefix), the purl and CPE
// external references, primaryPackagePurpose.
InventoryReadResult read_spdx(std::string_view text, const std::string& file);
InventoryReadResult read_spdx_document(const nlohmann::json& document, const std::string& file);

// "Organization: Alibaba Cloud (opensource@alibaba-inc.com)" -> "Alibaba Cloud"; "Person: Jane
// Doe" -> "Jane Doe"; NOASSERTION and NONE -> "".
std::string spdx_actor_name(std::string_view actor);

}  // namespace sovscan
