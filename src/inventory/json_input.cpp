#include "inventory/json_input.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "common/json_nesting.h"

namespace sovscan {

namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column
// 5: ..."; the bracketed id means nothing to an operator.
std::string parser_message(const std::string& what) {
    std::string_view m = what;
    if (!m.empty() && m.front() == '[') {
        size_t close = m.find("] ");
        if (close != std::string_view::npos) m.remove_prefix(close + 2);
    }
    return printable(m);  // it quotes the bytes it last read, which are the input's
}

}  // namespace

std::optional<nlohmann::json> parse_inventory_json(std::string_view text, const std::string& file,
                                                   std::vector<InventoryProblem>& problems) {
    if (json_nesting_exceeds(text, kMaxInventoryJsonDepth)) {
        problems.push_back(
            {printable(file), fmt::format("JSON nested deeper than {} levels; not read", kMaxInventoryJsonDepth)});
        return std::nullopt;
    }
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        problems.push_back({printable(file), fmt::format("not JSON: {}", parser_message(e.what()))});
        return std::nullopt;
    }
}

const char* json_kind_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "a number";
        case nlohmann::json::value_t::binary: return "binary data";
        case nlohmann::json::value_t::discarded: return "nothing";
    }
    return "something else";
}

std::string json_member_path(std::string_view path, std::string_view key) {
    if (path.empty()) return printable(key);
    return fmt::format("{}.{}", path, printable(key));
}

std::string json_index_path(std::string_view path, size_t index) { return fmt::format("{}[{}]", path, index); }

std::string JsonFieldReader::string(const nlohmann::json& obj, std::string_view key, std::string_view path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    wrong_type(json_member_path(path, key), "a string", *it);
    return {};
}

const nlohmann::json* JsonFieldReader::object(const nlohmann::json& obj, std::string_view key, std::string_view path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (it->is_object()) return &*it;
    wrong_type(json_member_path(path, key), "an object", *it);
    return nullptr;
}

const nlohmann::json* JsonFieldReader::array(const nlohmann::json& obj, std::string_view key, std::string_view path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (it->is_array()) return &*it;
    wrong_type(json_member_path(path, key), "an array", *it);
    return nullptr;
}

std::string JsonFieldReader::entity_name(const nlohmann::json& obj, std::string_view key, std::string_view path) {
    const nlohmann::json* entity = object(obj, key, path);
    return entity ? string(*entity, "name", json_member_path(path, key)) : std::string();
}

void JsonFieldReader::problem(std::string_view path, std::string message) {
    std::string where = path.empty() ? printable(file_) : fmt::format("{}: {}", printable(file_), path);
    problems_.push_back({std::move(where), std::move(message)});
}

void JsonFieldReader::wrong_type(std::string_view path, const char* expected, const nlohmann::json& found) {
    problem(path, fmt::format("expected {}, found {}", expected, json_kind_name(found)));
}

}  // namespace sovscan
