#include "inventory/cmdb_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "common/escape.h"
#include "inventory/cmdb_columns.h"
#include "inventory/json_input.h"

namespace sovscan {

namespace {

using nlohmann::json;

class CmdbJsonReader {
public:
    explicit CmdbJsonReader(const std::string& file) : file_(printable(file)), assembler_(file) {}

    InventoryReadResult read(const json& document) {
        const json* assets = asset_array(document);
        if (assets)
            for (size_t i = 0; i < assets->size(); ++i) asset((*assets)[i], i);
        return assembler_.take();
    }

private:
    // The list itself, or the "assets" member of an object.
    const json* asset_array(const json& document) {
        if (document.is_array()) return &document;
        if (document.is_object()) {
            auto it = document.find("assets");
            if (it != document.end() && it->is_array()) return &*it;
            assembler_.problem(file_,
                               it == document.end()
                                   ? "expected an array of assets or an object with an \"assets\" array"
                                   : fmt::format("\"assets\": expected an array, found {}", json_kind_name(*it)));
            return nullptr;
        }
        assembler_.problem(file_, fmt::format("expected an array of assets, found {}", json_kind_name(document)));
        return nullptr;
    }

    void asset(const json& entry, size_t index) {
        std::string row = fmt::format("[{}]", index);
        if (!entry.is_object()) {
            assembler_.problem(where(row, ""),
                               fmt::format("expected an object, found {}; skipped", json_kind_name(entry)));
            return;
        }
        std::vector<std::string_view> keys;
        for (const auto& [key, value] : entry.items()) keys.push_back(key);
        std::vector<size_t> duplicates;
        std::vector<std::optional<CmdbColumn>> columns = resolve_cmdb_columns(keys, duplicates);
        for (size_t i : duplicates)
            assembler_.problem(where(row, keys[i]),
                               "a second key with this meaning; its value is kept as a plain attribute");

        assembler_.begin_row(row, [this, row](std::string_view key) { return where(row, key); });
        size_t i = 0;
        for (const auto& [key, value] : entry.items()) cell(key, columns[i++], value);
        assembler_.end_row();
    }

    void cell(std::string_view key, std::optional<CmdbColumn> column, const json& value) {
        if (value.is_null()) return;
        if (value.is_string()) return assembler_.cell(key, column, value.get_ref<const std::string&>());
        if (value.is_number_integer() || value.is_number_unsigned() || value.is_boolean())
            return assembler_.cell(key, column, value.dump());
        bool listable = column == CmdbColumn::ip || column == CmdbColumn::mac;
        if (value.is_array() && listable) {
            for (const json& item : value) {
                if (!item.is_string()) {
                    assembler_.bad_cell(key,
                                        fmt::format("expected strings in the list, found {}", json_kind_name(item)));
                    return;
                }
                assembler_.cell(key, column, item.get_ref<const std::string&>());
            }
            return;
        }
        if (column) {
            assembler_.bad_cell(key,
                                fmt::format("expected {}, found {}",
                                            listable ? "a string or an array of strings" : "a string or an integer",
                                            json_kind_name(value)));
            return;
        }
        // An undocumented key with structure (tags, nested contacts) is kept as its JSON text.
        assembler_.cell(key, column, value.dump(-1, ' ', false, json::error_handler_t::replace));
    }

    // "assets.json: [3].ip", or "assets.json: [3]" for the entry as a whole.
    std::string where(std::string_view row, std::string_view key) const {
        if (key.empty()) return fmt::format("{}: {}", file_, row);
        return fmt::format("{}: {}.{}", file_, row, printable(key));
    }

    std::string file_;  // printable, for messages
    CmdbRecordAssembler assembler_;
};

}  // namespace

InventoryReadResult read_cmdb_json_document(const json& document, const std::string& file) {
    return CmdbJsonReader(file).read(document);
}

InventoryReadResult read_cmdb_json(std::string_view text, const std::string& file) {
    InventoryReadResult result;
    std::optional<json> document = parse_inventory_json(text, file, result.problems);
    if (!document) return result;
    return read_cmdb_json_document(*document, file);
}

}  // namespace sovscan
