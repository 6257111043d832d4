#include "inventory/inventory_reader.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <vector>

#include "common/csv_reader.h"
#include "common/escape.h"
#include "inventory/cmdb_csv.h"
#include "inventory/cmdb_json.h"
#include "inventory/cyclonedx.h"
#include "inventory/json_input.h"
#include "inventory/nmap_xml.h"
#include "inventory/spdx.h"

namespace sovscan {

namespace {

using nlohmann::json;

// Larger than any real asset list, scan or SBOM (the largest SPDX in the corpus is 4 MB); a bound
// so that a wrong path (a disk image) is refused instead of read into memory.
constexpr uintmax_t kMaxInventoryFileBytes = uintmax_t{512} << 20;

// nmap writes its command line in a comment before <nmaprun>; a long one still fits in this.
constexpr size_t kXmlSniffBytes = 64 << 10;

struct FormatName {
    InventoryFormat format;
    const char* name;
};
constexpr std::array kFormatNames = {
    FormatName{InventoryFormat::auto_detect, "auto"},    FormatName{InventoryFormat::cmdb_csv, "csv"},
    FormatName{InventoryFormat::cmdb_json, "json"},      FormatName{InventoryFormat::nmap_xml, "nmap"},
    FormatName{InventoryFormat::cyclonedx, "cyclonedx"}, FormatName{InventoryFormat::spdx, "spdx"},
};

enum class Syntax { empty, xml, json, other };

Syntax syntax_of(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return Syntax::empty;
    char c = text[first];
    if (c == '<') return Syntax::xml;
    if (c == '{' || c == '[') return Syntax::json;
    return Syntax::other;
}

bool has_extension(std::string_view path, std::string_view extension) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext.size() != extension.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(ext[i])) != extension[i]) return false;
    return true;
}

// A JSON document's format by its own declaration (CycloneDX and SPDX both require theirs).
InventoryFormat classify_json(const json& document) {
    if (document.is_object()) {
        if (document.contains("bomFormat")) return InventoryFormat::cyclonedx;
        if (document.contains("spdxVersion")) return InventoryFormat::spdx;
    }
    return InventoryFormat::cmdb_json;
}

InventoryFormat format_by_extension(std::string_view path) {
    if (has_extension(path, ".json")) return InventoryFormat::cmdb_json;
    if (has_extension(path, ".xml")) return InventoryFormat::nmap_xml;
    return InventoryFormat::cmdb_csv;
}

InventoryReadResult read_json_document(const json& document, const std::string& path, InventoryFormat format) {
    switch (format) {
        case InventoryFormat::cyclonedx: return read_cyclonedx_document(document, path);
        case InventoryFormat::spdx: return read_spdx_document(document, path);
        default: return read_cmdb_json_document(document, path);
    }
}

}  // namespace

const char* inventory_format_name(InventoryFormat format) {
    for (const FormatName& f : kFormatNames)
        if (f.format == format) return f.name;
    return "?";
}

std::optional<InventoryFormat> inventory_format_from_name(std::string_view name) {
    for (const FormatName& f : kFormatNames)
        if (name == f.name) return f.format;
    return std::nullopt;
}

std::optional<InventoryFormat> detect_inventory_format(std::string_view text, std::string_view path) {
    switch (syntax_of(text)) {
        case Syntax::empty: return format_by_extension(path);
        case Syntax::xml:
            if (text.substr(0, kXmlSniffBytes).find("<nmaprun") != std::string_view::npos)
                return InventoryFormat::nmap_xml;
            return std::nullopt;
        case Syntax::json: {
            std::vector<InventoryProblem> ignored;  // a broken document is reported when it is read
            std::optional<json> document = parse_inventory_json(text, std::string(path), ignored);
            return document ? classify_json(*document) : InventoryFormat::cmdb_json;
        }
        case Syntax::other: return InventoryFormat::cmdb_csv;
    }
    return InventoryFormat::cmdb_csv;
}

InventoryReadResult read_inventory_text(std::string_view text, const std::string& path, InventoryFormat format) {
    if (format == InventoryFormat::auto_detect) {
        Syntax syntax = syntax_of(text);
        if (syntax == Syntax::json) {
            // Parsed once: the document decides its own format, then its reader walks it.
            InventoryReadResult failed;
            std::optional<json> document = parse_inventory_json(text, path, failed.problems);
            if (!document) return failed;
            return read_json_document(*document, path, classify_json(*document));
        }
        std::optional<InventoryFormat> detected = detect_inventory_format(text, path);
        if (!detected) {
            InventoryReadResult unknown;
            unknown.problems.push_back({printable(path), "XML, but not nmap -oX output (no <nmaprun>); not read"});
            return unknown;
        }
        format = *detected;
    }
    switch (format) {
        case InventoryFormat::cmdb_csv: return read_cmdb_csv(text, path);
        case InventoryFormat::cmdb_json: return read_cmdb_json(text, path);
        case InventoryFormat::nmap_xml: return read_nmap_xml(text, path);
        case InventoryFormat::cyclonedx: return read_cyclonedx(text, path);
        case InventoryFormat::spdx: return read_spdx(text, path);
        case InventoryFormat::auto_detect: break;
    }
    return {};
}

InventoryReadResult read_inventory_file(const std::string& path, InventoryFormat format) {
    InventoryReadResult result;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        result.problems.push_back({printable(path), "is a directory, not an inventory file"});
        return result;
    }
    uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxInventoryFileBytes) {
        result.problems.push_back(
            {printable(path), fmt::format("{} bytes: larger than the {} MiB an inventory file may be; not read", size,
                                          kMaxInventoryFileBytes >> 20)});
        return result;
    }
    std::string text, error;
    if (!read_text_file(path, text, error)) {
        result.problems.push_back({printable(path), error});
        return result;
    }
    return read_inventory_text(text, path, format);
}

}  // namespace sovscan
