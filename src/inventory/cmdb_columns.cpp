#include "inventory/cmdb_columns.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "common/escape.h"

namespace sovscan {

namespace {

struct ColumnAlias {
    std::string_view key;  // normalised: lower case, without ' ', '_', '-'
    CmdbColumn column;
};

// The documented names first, then the aliases CMDB tools commonly export (docs/assets.md lists
// them; keep the two in step).
constexpr std::array kColumnAliases = {
    ColumnAlias{"id", CmdbColumn::id},
    ColumnAlias{"assetid", CmdbColumn::id},
    ColumnAlias{"assettag", CmdbColumn::id},
    ColumnAlias{"inventoryid", CmdbColumn::id},
    ColumnAlias{"cmdbid", CmdbColumn::id},
    ColumnAlias{"ciid", CmdbColumn::id},
    ColumnAlias{"name", CmdbColumn::name},
    ColumnAlias{"hostname", CmdbColumn::name},
    ColumnAlias{"host", CmdbColumn::name},
    ColumnAlias{"fqdn", CmdbColumn::name},
    ColumnAlias{"devicename", CmdbColumn::name},
    ColumnAlias{"assetname", CmdbColumn::name},
    ColumnAlias{"ip", CmdbColumn::ip},
    ColumnAlias{"ips", CmdbColumn::ip},
    ColumnAlias{"ipaddress", CmdbColumn::ip},
    ColumnAlias{"ipaddresses", CmdbColumn::ip},
    ColumnAlias{"ipv4", CmdbColumn::ip},
    ColumnAlias{"ipv6", CmdbColumn::ip},
    ColumnAlias{"mac", CmdbColumn::mac},
    ColumnAlias{"macs", CmdbColumn::mac},
    ColumnAlias{"macaddress", CmdbColumn::mac},
    ColumnAlias{"macaddresses", CmdbColumn::mac},
    ColumnAlias{"manufacturer", CmdbColumn::manufacturer},
    ColumnAlias{"vendor", CmdbColumn::manufacturer},
    ColumnAlias{"make", CmdbColumn::manufacturer},
    ColumnAlias{"model", CmdbColumn::model},
    ColumnAlias{"modelname", CmdbColumn::model},
    ColumnAlias{"category", CmdbColumn::category},
    ColumnAlias{"type", CmdbColumn::category},
    ColumnAlias{"devicetype", CmdbColumn::category},
    ColumnAlias{"assettype", CmdbColumn::category},
    ColumnAlias{"location", CmdbColumn::location},
    ColumnAlias{"site", CmdbColumn::location},
    ColumnAlias{"owner", CmdbColumn::owner},
    ColumnAlias{"assetowner", CmdbColumn::owner},
    ColumnAlias{"c", CmdbColumn::c},
    ColumnAlias{"confidentiality", CmdbColumn::c},
    ColumnAlias{"i", CmdbColumn::i},
    ColumnAlias{"integrity", CmdbColumn::i},
    ColumnAlias{"a", CmdbColumn::a},
    ColumnAlias{"availability", CmdbColumn::a},
};

// Headers longer than this name no documented column; spares normalising a hostile megabyte.
constexpr size_t kMaxHeaderKey = 40;

// Several IPs or MACs in one cell are separated by ';' (',' is the CSV separator itself).
constexpr char kListSeparator = ';';

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// A name the merge can match against DHCP, DNS and nmap host names: letters, digits, '-', '_'
// in dot-separated labels of at most 63 bytes, 253 in all. A CMDB name such as "Boiler room PLC"
// stays an attribute only.
bool is_host_name(std::string_view s) {
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    if (s.empty() || s.size() > 253) return false;
    size_t label = 0;
    for (char c : s) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok || ++label > 63) return false;
    }
    return label > 0;
}

// Calls `each` for every non-blank ';'-separated part of `cell`; stops at the first error.
template <typename Fn>
std::optional<std::string> for_each_listed(std::string_view cell, Fn&& each) {
    while (true) {
        size_t sep = cell.find(kListSeparator);
        std::string_view part = trimmed(cell.substr(0, sep));
        if (!part.empty())
            if (auto error = each(part)) return error;
        if (sep == std::string_view::npos) return std::nullopt;
        cell.remove_prefix(sep + 1);
    }
}

}  // namespace

std::optional<CmdbColumn> cmdb_column_for(std::string_view header) {
    header = trimmed(header);
    if (header.size() > kMaxHeaderKey) return std::nullopt;
    std::string key;
    for (char c : header)
        if (c != ' ' && c != '_' && c != '-') key.push_back(lower(c));
    for (const ColumnAlias& alias : kColumnAliases)
        if (alias.key == key) return alias.column;
    return std::nullopt;
}

const char* cmdb_column_name(CmdbColumn column) {
    switch (column) {
        case CmdbColumn::id: return "id";
        case CmdbColumn::name: return "name";
        case CmdbColumn::ip: return "ip";
        case CmdbColumn::mac: return "mac";
        case CmdbColumn::manufacturer: return "manufacturer";
        case CmdbColumn::model: return "model";
        case CmdbColumn::category: return "category";
        case CmdbColumn::location: return "location";
        case CmdbColumn::owner: return "owner";
        case CmdbColumn::c: return "c";
        case CmdbColumn::i: return "i";
        case CmdbColumn::a: return "a";
    }
    return "?";
}

std::vector<std::optional<CmdbColumn>> resolve_cmdb_columns(const std::vector<std::string_view>& labels,
                                                            std::vector<size_t>& duplicates) {
    std::vector<std::optional<CmdbColumn>> columns;
    columns.reserve(labels.size());
    bool single_seen[static_cast<size_t>(CmdbColumn::a) + 1] = {};
    for (size_t i = 0; i < labels.size(); ++i) {
        std::optional<CmdbColumn> column = cmdb_column_for(labels[i]);
        if (column) {
            bool single = *column == CmdbColumn::id || *column == CmdbColumn::location ||
                          *column == CmdbColumn::owner || *column == CmdbColumn::c || *column == CmdbColumn::i ||
                          *column == CmdbColumn::a;
            bool& seen = single_seen[static_cast<size_t>(*column)];
            if (single && seen) {
                duplicates.push_back(i);
                column.reset();
            }
            if (single) seen = true;
        }
        columns.push_back(column);
    }
    return columns;
}

CmdbRecordAssembler::CmdbRecordAssembler(std::string file) : file_(std::move(file)) {}

void CmdbRecordAssembler::begin_row(std::string location, CmdbCellLocator locate) {
    row_ = AssetRecord{};
    row_.source = AssetSource{AssetSourceKind::cmdb, file_, std::move(location), ""};
    locate_ = std::move(locate);
    id_label_ = "id";
    row_bad_ = false;
    row_blank_ = true;
}

void CmdbRecordAssembler::cell(std::string_view column_label, std::optional<CmdbColumn> column,
                               std::string_view value) {
    value = trimmed(value);
    if (value.empty()) return;
    row_blank_ = false;
    if (!column) {
        add_attribute(std::string(trimmed(column_label)), column_label, value);
        return;
    }
    if (*column == CmdbColumn::id) id_label_ = std::string(column_label);
    if (auto error = set_documented(*column, value))
        bad_cell(column_label, std::move(*error));
    else if (*column == CmdbColumn::manufacturer || *column == CmdbColumn::model || *column == CmdbColumn::category ||
             *column == CmdbColumn::name)
        add_attribute(cmdb_column_name(*column), column_label, value);
}

void CmdbRecordAssembler::bad_cell(std::string_view column_label, std::string message) {
    result_.problems.push_back({locate_(column_label), std::move(message)});
    row_bad_ = true;
    row_blank_ = false;
}

void CmdbRecordAssembler::problem(std::string where, std::string message) {
    result_.problems.push_back({std::move(where), std::move(message)});
}

void CmdbRecordAssembler::end_row() {
    if (row_bad_ || row_blank_) return;  // bad cells were reported; a half-read asset would mislead the merge
    if (row_.inventory_id.empty() && row_.ips.empty() && row_.macs.empty() && !row_.attribute("name")) {
        result_.problems.push_back({locate_(""), "no id, name, ip or mac: the row names no asset; skipped"});
        return;
    }
    if (!row_.inventory_id.empty()) {
        auto [it, fresh] = seen_ids_.emplace(row_.inventory_id, row_.source.location);
        if (!fresh) {
            result_.problems.push_back(
                {locate_(id_label_), fmt::format("duplicate id {} (first used at {}); row skipped",
                                                 quoted_value(row_.inventory_id), it->second)});
            return;
        }
    }
    // A row's vectors grew by doubling; a million rows keep what they hold, not the spare room.
    row_.attributes.shrink_to_fit();
    result_.records.push_back(std::move(row_));
}

std::optional<std::string> CmdbRecordAssembler::set_documented(CmdbColumn column, std::string_view value) {
    switch (column) {
        case CmdbColumn::id: row_.inventory_id = std::string(value); return std::nullopt;
        case CmdbColumn::name:
            if (is_host_name(value)) {
                std::string host = lowered(value);
                if (host.back() == '.') host.pop_back();
                row_.hostnames.push_back(std::move(host));
            }
            return std::nullopt;
        case CmdbColumn::ip: return add_ips(value);
        case CmdbColumn::mac: return add_macs(value);
        case CmdbColumn::manufacturer:
        case CmdbColumn::model:
        case CmdbColumn::category: return std::nullopt;  // kept as attributes by cell()
        case CmdbColumn::location: row_.location = texts_.intern(value); return std::nullopt;
        case CmdbColumn::owner: row_.owner = texts_.intern(value); return std::nullopt;
        case CmdbColumn::c: return set_rating(row_.cia.c, value);
        case CmdbColumn::i: return set_rating(row_.cia.i, value);
        case CmdbColumn::a: return set_rating(row_.cia.a, value);
    }
    return std::nullopt;
}

std::optional<std::string> CmdbRecordAssembler::add_ips(std::string_view value) {
    return for_each_listed(value, [this](std::string_view part) -> std::optional<std::string> {
        // inet_pton would stop at an embedded NUL and accept what precedes it.
        auto ip = part.find('\0') == std::string_view::npos ? IpAddress::parse(part) : std::nullopt;
        if (!ip) return fmt::format("{} is not an IP address (several are separated by ';')", quoted_value(part));
        if (ip->is_unspecified() || ip->is_multicast_or_broadcast())
            return fmt::format("{} is no device's address (unspecified, multicast or broadcast)", quoted_value(part));
        if (std::find(row_.ips.begin(), row_.ips.end(), *ip) == row_.ips.end()) row_.ips.push_back(*ip);
        return std::nullopt;
    });
}

std::optional<std::string> CmdbRecordAssembler::add_macs(std::string_view value) {
    return for_each_listed(value, [this](std::string_view part) -> std::optional<std::string> {
        auto mac = MacAddress::parse(part);
        if (!mac) return fmt::format("{} is not a MAC address (expected aa:bb:cc:dd:ee:ff)", quoted_value(part));
        if (mac->is_zero() || mac->is_group())
            return fmt::format("{} is no device's address (all zero, multicast or broadcast)", quoted_value(part));
        if (std::find(row_.macs.begin(), row_.macs.end(), *mac) == row_.macs.end()) row_.macs.push_back(*mac);
        return std::nullopt;
    });
}

std::optional<std::string> CmdbRecordAssembler::set_rating(uint8_t& field, std::string_view value) {
    // Decree 409/2025 rates C, I and A on four levels, written 1 (low) to 4 (critical).
    if (value.size() == 1 && value[0] >= '1' && value[0] <= '4') {
        field = static_cast<uint8_t>(value[0] - '0');
        return std::nullopt;
    }
    bool numeric =
        std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; });
    if (numeric) return fmt::format("{} is outside 1-4", quoted_value(value));
    return fmt::format("{} is not a rating 1-4", quoted_value(value));
}

void CmdbRecordAssembler::add_attribute(std::string name, std::string_view column_label, std::string_view value) {
    AssetAttribute attribute;
    attribute.name = texts_.intern(name);
    attribute.value = std::string(value);
    attribute.confidence = texts_.intern("high");  // the operator's own register says so
    attribute.source = row_.source;
    attribute.source.detail = texts_.intern(fmt::format("column {}", printable(trimmed(column_label))));
    row_.attributes.push_back(std::move(attribute));
}

}  // namespace sovscan
