#pragma once
// The CMDB export's vocabulary and value rules, shared by the CSV and the JSON reader so that both
// accept the same column names, reject the same values with the same words, and build the same
// AssetRecord from the same row (docs/assets.md, "CMDB export").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "inventory/inventory_result.h"

namespace sovscan {

// The documented columns. Any other column is kept as an attribute under its own name.
enum class CmdbColumn : uint8_t { id, name, ip, mac, manufacturer, model, category, location, owner, c, i, a };

// The documented column a header or JSON key names, or nullopt for an undocumented one. Case and
// the separators ' ', '_', '-' are ignored ("IP Address" = "ip_address" = "ipaddress"), and the
// tolerated aliases (hostname, vendor, confidentiality, ...) are recognised.
std::optional<CmdbColumn> cmdb_column_for(std::string_view header);
const char* cmdb_column_name(CmdbColumn column);  // "id", "name", "ip", ...

// The meaning of each column of a header (CSV) or each key of an object (JSON). A second column
// with the same single-valued meaning (two ids, two C ratings, "owner" and "Owner") would overwrite
// the first: it is kept as a plain attribute instead, and `duplicates` gets its index. ip, mac,
// name and the descriptive columns may repeat (an "ipv4" and an "ipv6" column): all values count.
std::vector<std::optional<CmdbColumn>> resolve_cmdb_columns(const std::vector<std::string_view>& labels,
                                                            std::vector<size_t>& duplicates);

// Where a cell is, for problem messages: the CSV reader says "assets.csv:12: column ip", the JSON
// reader "assets.json: [3].ip". The argument is the column as the input spells it.
using CmdbCellLocator = std::function<std::string(std::string_view column)>;

// Turns the rows of one CMDB export into AssetRecords: checks every cell, skips a row with a bad
// value (after reporting every bad cell in it), rejects a second row with an id seen before, and
// drops rows that name no asset at all (no id, name, IP or MAC; silently when every cell is blank).
class CmdbRecordAssembler {
public:
    explicit CmdbRecordAssembler(std::string file);

    // Starts a row. `location` is where it is ("line 12", "[3]"), kept on the record's evidence.
    void begin_row(std::string location, CmdbCellLocator locate);
    // One cell: `column_label` as the input spells it, `column` its documented meaning (nullopt:
    // kept as an attribute). Blank values are "not given".
    void cell(std::string_view column_label, std::optional<CmdbColumn> column, std::string_view value);
    // Reports a cell that could not be read at all (a JSON object where a string belongs): the row
    // is skipped like one with a bad value.
    void bad_cell(std::string_view column_label, std::string message);
    // A problem about the input as a whole or a row that is no AssetRecord (wrong shape).
    void problem(std::string where, std::string message);
    void end_row();

    InventoryReadResult take() { return std::move(result_); }

private:
    // Each returns what is wrong with the value, or nullopt when it was taken.
    std::optional<std::string> set_documented(CmdbColumn column, std::string_view value);
    std::optional<std::string> add_ips(std::string_view value);
    std::optional<std::string> add_macs(std::string_view value);
    std::optional<std::string> set_rating(uint8_t& field, std::string_view value);
    void add_attribute(std::string name, std::string_view column_label, std::string_view value);

    SharedText file_;  // one copy, shared by every record's source
    // Column names, labels, owners and sites: a register repeats a few dozen words a million times.
    TextPool texts_;
    InventoryReadResult result_;
    // Row state.
    AssetRecord row_;
    CmdbCellLocator locate_;
    std::string id_label_ = "id";  // how this row's id column is spelt, for the duplicate message
    bool row_bad_ = false;
    bool row_blank_ = true;  // every cell empty: a spreadsheet's trailing ",,,," line, not an asset
    // id -> where it was first seen ("line 5", "[0]").
    std::unordered_map<std::string, std::string> seen_ids_;
};

}  // namespace sovscan
