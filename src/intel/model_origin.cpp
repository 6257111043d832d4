#include "intel/model_origin.h"

#include "intel/catalog.h"

namespace sovscan {

namespace {

enum class CharClass : uint8_t { separator, lower, upper, digit };

CharClass class_of(char c) {
    if (c >= 'a' && c <= 'z') return CharClass::lower;
    if (c >= 'A' && c <= 'Z') return CharClass::upper;
    if (c >= '0' && c <= '9') return CharClass::digit;
    return CharClass::separator;  // punctuation, space, control and every byte of a non-ASCII character
}

// Text folded for matching, with the class of each folded character's original.
struct Folded {
    std::string text;
    std::vector<CharClass> cls;
};

Folded fold(std::string_view s) {
    Folded f;
    f.text.reserve(s.size());
    for (char c : s) {
        const CharClass k = class_of(c);
        if (k == CharClass::separator) {
            if (!f.text.empty() && f.text.back() != ' ') {
                f.text.push_back(' ');
                f.cls.push_back(k);
            }
            continue;
        }
        f.text.push_back(k == CharClass::upper ? static_cast<char>(c - 'A' + 'a') : c);
        f.cls.push_back(k);
    }
    if (!f.text.empty() && f.text.back() == ' ') {
        f.text.pop_back();
        f.cls.pop_back();
    }
    return f;
}

bool is_letter(CharClass k) { return k == CharClass::lower || k == CharClass::upper; }

// Whether a word ends between positions i-1 and i of `f` (0 < i < size).
bool boundary(const Folded& f, size_t i) {
    const CharClass a = f.cls[i - 1], b = f.cls[i];
    if (a == CharClass::separator || b == CharClass::separator) return true;
    if (is_letter(a) != is_letter(b)) return true;                       // letter <-> digit
    if (a == CharClass::lower && b == CharClass::upper) return true;     // camelCase
    // An acronym's last capital before a capitalised word: "GLM|Tokenizer", "GPT|BigCode".
    return a == CharClass::upper && b == CharClass::upper && i + 1 < f.cls.size() && f.cls[i + 1] == CharClass::lower;
}

bool matches(const std::string& pattern_key, const Folded& value) {
    if (pattern_key.empty() || pattern_key.size() > value.text.size()) return false;
    for (size_t p = value.text.find(pattern_key); p != std::string::npos; p = value.text.find(pattern_key, p + 1)) {
        const size_t q = p + pattern_key.size();
        if ((p == 0 || boundary(value, p)) && (q == value.text.size() || boundary(value, q))) return true;
    }
    return false;
}

}  // namespace

std::string_view model_field_label(ModelField f) {
    switch (f) {
        case ModelField::organization: return "organization";
        case ModelField::name: return "name";
        case ModelField::architecture: return "architecture";
        case ModelField::tokenizer: return "tokenizer";
        case ModelField::special_token: return "special_token";
    }
    return "name";
}

std::optional<ModelField> parse_model_field(std::string_view label) {
    for (ModelField f : kModelFields)
        if (model_field_label(f) == label) return f;
    return std::nullopt;
}

std::string model_pattern_key(std::string_view pattern) { return fold(pattern).text; }

bool model_pattern_matches(std::string_view pattern, std::string_view value) {
    return matches(model_pattern_key(pattern), fold(value));
}

std::vector<size_t> model_pattern_hits(const std::vector<std::string>& keys, std::string_view value) {
    std::vector<size_t> hits;
    const Folded folded = fold(value);
    for (size_t i = 0; i < keys.size(); ++i)
        if (matches(keys[i], folded)) hits.push_back(i);
    return hits;
}

ModelOriginMatcher::ModelOriginMatcher(const Catalog& catalog) : catalog_(catalog) {}

std::vector<ModelOriginMatch> ModelOriginMatcher::match(ModelField field, std::string_view value) const {
    std::vector<ModelOriginMatch> out;
    const Folded folded = fold(value);
    const auto& rules = catalog_.model_origins();
    for (size_t i = 0; i < rules.size(); ++i) {
        const ModelOriginRule& r = rules[i];
        if (r.field != field) continue;
        const bool hit = field == ModelField::special_token ? !r.pattern.empty() && value == r.pattern
                                                           : matches(catalog_.model_origin_key(i), folded);
        if (hit) out.push_back({&r, i, catalog_.vendor(r.vendor_id)});
    }
    return out;
}

}  // namespace sovscan
