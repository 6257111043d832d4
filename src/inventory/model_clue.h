#pragma once
// The names of the identifying values the model readers record (ModelArtifact::attributes): the
// same words as the `field` column of data/model_origins.csv, which says what each one matches
// (intel/model_origin.h). A parent model's name and organisation are kept apart from the model's
// own, so that the model's own word counts first.
#include <string_view>

namespace sovscan::model_clue {

// The code the weights run on: GGUF general.architecture, config.json model_type and
// architectures[], and the model classes of auto_map.
inline constexpr std::string_view architecture = "architecture";
// The tokenizer class (tokenizer_class, auto_map AutoTokenizer).
inline constexpr std::string_view tokenizer = "tokenizer";
// A BOS/EOS token string (tokenizer_config.json), compared whole.
inline constexpr std::string_view special_token = "special_token";
// Names: general.name and general.basename, _name_or_path, a repository id's name, directory names.
inline constexpr std::string_view name = "name";
// Who published it: general.organization, a repository id's owner.
inline constexpr std::string_view organization = "organization";
// The same two for a parent model (general.base_model.N.*).
inline constexpr std::string_view base_model_name = "base_model_name";
inline constexpr std::string_view base_model_organization = "base_model_organization";
// GGUF tokenizer.ggml.model (llama, gpt2, bert, ...): a tokenizer family many publishers share,
// recorded for the report and never matched.
inline constexpr std::string_view tokenizer_model = "tokenizer_model";

}  // namespace sovscan::model_clue

#include <optional>
#include <string>

#include "inventory/asset_record.h"

namespace sovscan {

// Records one identifying value of `model` as an attribute named `clue`, with the file and key it
// was read from ("config.json", "architectures[0]"). Values with no letter or digit ("./") are
// skipped, and so is a value the model already has under the same name from the same file.
void add_model_clue(ModelArtifact& model, std::string_view clue, std::string_view value, const std::string& file,
                    std::string detail, std::string_view confidence = "high");

// A model repository id: "Qwen/Qwen2-7B", or a URL of one ("https://huggingface.co/Qwen/Qwen2-7B").
struct RepoId {
    std::string owner, name;
};
// Nullopt for anything else: a local path ("./", "/home/x/model"), a bare name, a URL without both.
std::optional<RepoId> parse_repo_id(std::string_view text);

}  // namespace sovscan
