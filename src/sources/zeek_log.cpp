#include "sources/zeek_log.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/json_nesting.h"

namespace sovscan {

namespace {

// Deeper than any Zeek record (flat, or one level of objects where a pipeline nested `id`).
constexpr int kMaxJsonDepth = 8;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void unescape_into(std::string_view s, std::string& out) {
    out.clear();
    if (s.find('\\') == std::string_view::npos) {
        out.assign(s);
        return;
    }
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            if (s[i + 1] == '\\') {
                out.push_back('\\');
                ++i;
                continue;
            }
            if (s[i + 1] == 'x' && i + 3 < s.size()) {
                const int hi = hex_digit(s[i + 2]), lo = hex_digit(s[i + 3]);
                if (hi >= 0 && lo >= 0) {
                    out.push_back(char(hi * 16 + lo));
                    i += 3;
                    continue;
                }
            }
        }
        out.push_back(s[i]);
    }
}

// Splits `s` on `sep` (a non-empty string), calling f(part) for each.
template <typename F>
void split(std::string_view s, std::string_view sep, F&& f) {
    for (;;) {
        const size_t at = s.find(sep);
        if (at == std::string_view::npos) {
            f(s);
            return;
        }
        f(s.substr(0, at));
        s.remove_prefix(at + sep.size());
    }
}

// A JSON scalar as TSV writes it; false for other kinds.
bool scalar_text(const nlohmann::json& v, std::string& out) {
    switch (v.type()) {
        case nlohmann::json::value_t::string: out = v.get_ref<const std::string&>(); return true;
        case nlohmann::json::value_t::boolean: out = v.get<bool>() ? "T" : "F"; return true;
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: out = v.dump(); return true;
        default: return false;
    }
}

}  // namespace

std::string zeek_unescape(std::string_view text) {
    std::string out;
    unescape_into(text, out);
    return out;
}

const ZeekValue* ZeekRecord::find(std::string_view name) const {
    for (size_t i = 0; i < count_; ++i)
        if (names_[i] == name) return values_[i].set ? &values_[i] : nullptr;
    return nullptr;
}

std::optional<std::string_view> ZeekRecord::text(std::string_view name) const {
    const ZeekValue* v = find(name);
    if (!v || v->list) return std::nullopt;
    return std::string_view(v->text);
}

std::vector<std::string_view> ZeekRecord::items(std::string_view name) const {
    std::vector<std::string_view> out;
    const ZeekValue* v = find(name);
    if (!v) return out;
    if (!v->list) {
        out.push_back(v->text);
        return out;
    }
    for (const std::string& s : v->items) out.push_back(s);
    return out;
}

bool ZeekRecord::has(std::string_view name) const { return find(name) != nullptr; }

ZeekValue& ZeekRecord::add(std::string_view name) {
    if (names_.size() <= count_) {
        names_.resize(count_ + 1);
        values_.resize(count_ + 1);
    }
    names_[count_].assign(name);
    ZeekValue& v = values_[count_++];
    v.set = false;
    v.list = false;
    v.text.clear();
    v.items.clear();
    return v;
}

ZeekLogReader::ZeekLogReader(LogFormat format) : format_(format) {}

ZeekLogReader::Line ZeekLogReader::read(std::string_view line, ZeekRecord& out, std::string& problem) {
    return format_ == LogFormat::zeek_tsv ? read_tsv(line, out, problem) : read_json(line, out, problem);
}

void ZeekLogReader::header(std::string_view line) {
    if (line.starts_with("#separator ")) {
        // The only directive whose value follows a space: the separator is not known yet.
        unescape_into(line.substr(11), separator_);
        if (separator_.empty()) separator_ = "\t";
        return;
    }
    const size_t at = line.find(separator_);
    if (at == std::string_view::npos) return;
    const std::string_view key = line.substr(1, at - 1);
    const std::string_view value = line.substr(at + separator_.size());
    if (key == "set_separator") {
        unescape_into(value, set_separator_);
        if (set_separator_.empty()) set_separator_ = ",";
    } else if (key == "empty_field") {
        unescape_into(value, empty_field_);
    } else if (key == "unset_field") {
        unescape_into(value, unset_field_);
    } else if (key == "path") {
        unescape_into(value, path_);
    } else if (key == "fields") {
        fields_.clear();
        split(value, separator_, [&](std::string_view f) { fields_.emplace_back(f); });
        containers_.assign(fields_.size(), false);
        have_fields_ = true;
    } else if (key == "types") {
        size_t i = 0;
        split(value, separator_, [&](std::string_view t) {
            if (i < containers_.size()) containers_[i] = t.starts_with("set[") || t.starts_with("vector[");
            ++i;
        });
    }
}

ZeekLogReader::Line ZeekLogReader::read_tsv(std::string_view line, ZeekRecord& out, std::string& problem) {
    if (line.empty()) return Line::comment;
    if (line.front() == '#') {
        // "#separator", "#fields", ...; "#close" and a comment of another kind change nothing.
        header(line);
        return Line::header;
    }
    if (!have_fields_) {
        problem = "a record before the log's #fields header";
        return Line::malformed;
    }
    out.clear();
    out.path_ = path_;
    if (out.names_.size() < fields_.size()) {
        out.names_.resize(fields_.size());
        out.values_.resize(fields_.size());
    }
    size_t i = 0;
    bool too_many = false;
    split(line, separator_, [&](std::string_view raw) {
        if (i >= fields_.size()) {
            too_many = true;
            return;
        }
        if (out.names_[i] != fields_[i]) out.names_[i] = fields_[i];
        ZeekValue& v = out.values_[i];
        v.items.clear();
        v.text.clear();
        v.list = containers_[i];
        v.set = raw != unset_field_;
        if (v.set && raw != empty_field_) {
            if (v.list) {
                split(raw, set_separator_, [&](std::string_view item) { unescape_into(item, v.items.emplace_back()); });
            } else {
                unescape_into(raw, v.text);
            }
        }
        ++i;
    });
    if (too_many || i != fields_.size()) {
        problem = fmt::format("{} fields where the header has {}", too_many ? "more" : std::to_string(i),
                              fields_.size());
        return Line::malformed;
    }
    out.count_ = i;
    return Line::record;
}

ZeekLogReader::Line ZeekLogReader::read_json(std::string_view line, ZeekRecord& out, std::string& problem) {
    size_t p = 0;
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    if (p == line.size()) return Line::comment;
    if (line[p] == '#') return Line::comment;  // a comment line, as a test baseline's first
    if (json_nesting_exceeds(line, kMaxJsonDepth)) {
        problem = "JSON nested deeper than a Zeek record";
        return Line::malformed;
    }
    const nlohmann::json doc = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (doc.is_discarded()) {
        problem = "not JSON";
        return Line::malformed;
    }
    if (!doc.is_object()) {
        problem = "not a JSON object";
        return Line::malformed;
    }
    out.clear();
    out.path_.clear();
    auto value = [&](const std::string& name, const nlohmann::json& v) {
        ZeekValue& z = out.add(name);
        if (v.is_null()) return;
        if (v.is_array()) {
            z.list = z.set = true;
            for (const nlohmann::json& item : v) {
                if (!scalar_text(item, z.items.emplace_back())) {
                    z.items.clear();
                    z.set = false;
                    ++out.wrong_types_;
                    return;
                }
            }
            return;
        }
        if (scalar_text(v, z.text)) {
            z.set = true;
        } else {
            ++out.wrong_types_;
        }
    };
    for (const auto& [key, v] : doc.items()) {
        if (v.is_object()) {  // {"id": {"orig_h": ...}}: a pipeline that nested Zeek's dotted names
            for (const auto& [inner, iv] : v.items()) value(key + "." + inner, iv);
            continue;
        }
        value(key, v);
        if (key == "_path" && v.is_string()) out.path_ = v.get<std::string>();
    }
    return Line::record;
}

}  // namespace sovscan
