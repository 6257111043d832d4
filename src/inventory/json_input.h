#pragma once
// JSON inputs (CMDB exports, CycloneDX, SPDX): parsing with a nesting bound, and reading fields of
// a document whose types nobody guarantees, each wrong type a problem at its path.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/asset_record.h"

namespace sovscan {

// Deeper than any real SBOM or asset list (CycloneDX assemblies nest a few levels); the readers
// walk nested components recursively, so hostile nesting must stop before it reaches them.
inline constexpr int kMaxInventoryJsonDepth = 128;

// The document, or nullopt with one problem naming the file: not JSON (with the parser's position),
// or nested deeper than kMaxInventoryJsonDepth.
std::optional<nlohmann::json> parse_inventory_json(std::string_view text, const std::string& file,
                                                   std::vector<InventoryProblem>& problems);

// "a string", "an array", ... for "expected X, found Y".
const char* json_kind_name(const nlohmann::json& value);

// Paths as problems name them: "components[3].supplier".
std::string json_member_path(std::string_view path, std::string_view key);
std::string json_index_path(std::string_view path, size_t index);

// Reads fields of one document. A field of the wrong type is a problem at its path
// ("bom.json: components[3].supplier: expected an object, found a string") and reads as absent, so
// one bad field never costs the rest of the document.
class JsonFieldReader {
public:
    JsonFieldReader(std::string file, std::vector<InventoryProblem>& problems)
        : file_(std::move(file)), problems_(problems) {}

    // obj[key] as a string; "" when absent or null. Numbers are written out (an id of 17 is "17").
    std::string string(const nlohmann::json& obj, std::string_view key, std::string_view path);
    // obj[key] when it is an object / an array; null when absent, null-valued or of another type.
    const nlohmann::json* object(const nlohmann::json& obj, std::string_view key, std::string_view path);
    const nlohmann::json* array(const nlohmann::json& obj, std::string_view key, std::string_view path);
    // obj[key]["name"]: the name of a CycloneDX organizational entity (supplier, manufacturer, provider).
    std::string entity_name(const nlohmann::json& obj, std::string_view key, std::string_view path);

    // A problem at `path` ("" for the document as a whole).
    void problem(std::string_view path, std::string message);
    void wrong_type(std::string_view path, const char* expected, const nlohmann::json& found);

private:
    std::string file_;
    std::vector<InventoryProblem>& problems_;
};

}  // namespace sovscan
