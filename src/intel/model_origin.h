#pragma once
// Who made an AI model, from what its files say (data/model_origins.csv): an architecture or model
// type ("qwen2", "DeepseekV3ForCausalLM"), a tokenizer class, a special token, a name or an
// organisation, each matched against the catalogued patterns of the vendors that publish them.
//
// Patterns are matched case-insensitively on word boundaries, where a word boundary is any
// character that is no ASCII letter or digit, a change between letter and digit ("qwen|2"), a
// lower-case letter followed by a capital ("Qwen|LM", "Deepseek|V3") or the last capital of an
// acronym followed by a capitalised word ("ChatGLM|Tokenizer", "GPT|BigCode"). So "qwen2" matches
// "Qwen2ForCausalLM" and "qwen2_moe", "chatglm" matches "ChatGLMTokenizer", while "yi" matches
// "Yi-34B" and "01-ai/Yi-6B" but not "Yield", "YIELD" or "Kunyi", and "glm" not "XGLM". Separators
// are equivalent ("01-ai" matches "01.AI"). Special tokens are compared whole, byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sovscan {

class Catalog;
struct Vendor;

// What a pattern is matched against (the `field` column; the readers' clue names, model_clue.h).
enum class ModelField : uint8_t { organization, name, architecture, tokenizer, special_token };
inline constexpr ModelField kModelFields[] = {ModelField::organization, ModelField::name, ModelField::architecture,
                                              ModelField::tokenizer, ModelField::special_token};
std::string_view model_field_label(ModelField f);  // "organization", "name", "architecture", ...
std::optional<ModelField> parse_model_field(std::string_view label);

// One row of data/model_origins.csv.
struct ModelOriginRule {
    ModelField field = ModelField::name;
    std::string pattern, vendor_id, family, confidence, notes, source;
};

// Whether `pattern` occurs in `value` as whole words (see above). A pattern with no letter or
// digit matches nothing.
bool model_pattern_matches(std::string_view pattern, std::string_view value);
// The form a pattern is compared in: ASCII lower case, every run of other characters one space,
// trimmed ("01.AI" -> "01 ai"). Two patterns with the same key are the same pattern.
std::string model_pattern_key(std::string_view pattern);
// The indices of the pattern keys (model_pattern_key's) that occur in `value` as whole words, with
// `value` folded once for all of them: Catalog::vendors_named tries every catalogued name on each
// CMDB cell, SBOM supplier and banner, and folding the cell again per name cost most of the time
// of a million-row inventory (issue 19).
std::vector<size_t> model_pattern_hits(const std::vector<std::string>& keys, std::string_view value);

struct ModelOriginMatch {
    const ModelOriginRule* rule = nullptr;
    size_t rule_index = 0;            // in Catalog::model_origins(), for its CSV line
    const Vendor* vendor = nullptr;   // null only for a rule whose vendor is not catalogued
};

class ModelOriginMatcher {
public:
    explicit ModelOriginMatcher(const Catalog& catalog);
    // Every rule for `field` whose pattern matches `value`, in catalog order.
    std::vector<ModelOriginMatch> match(ModelField field, std::string_view value) const;

private:
    const Catalog& catalog_;
};

}  // namespace sovscan
