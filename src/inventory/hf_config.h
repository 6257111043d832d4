#pragma once
// The JSON files of a Hugging Face model directory: config.json (model_type, architectures,
// _name_or_path, auto_map, a nested text/LLM config), generation_config.json, tokenizer_config.json
// (tokenizer_class, auto_map, name_or_path, BOS/EOS tokens) and the weight index of sharded weights.
// Each adds what it says to the one ModelArtifact of its directory.
#include <optional>
#include <string>
#include <string_view>

#include "inventory/asset_record.h"

namespace sovscan {

enum class HfFileKind { model_config, generation_config, tokenizer_config, weight_index };

// By file name: config.json, generation_config.json, tokenizer_config.json, *.index.json of
// safetensors or PyTorch weights; nullopt for every other name.
std::optional<HfFileKind> hf_file_kind(std::string_view file_name);

// Larger than any of these files is in practice (tokenizer configs with long chat templates reach
// a few hundred KB); a larger one is refused rather than parsed.
inline constexpr size_t kHfConfigMaxBytes = 16 * 1024 * 1024;

// Adds what `text` (the content of `file`, of kind `kind`) says to `model`; false (with `error`)
// when it is not a JSON object.
bool read_hf_file(HfFileKind kind, std::string_view text, const std::string& file, ModelArtifact& model,
                  std::string& error);

// Whether `text` (at most kHfConfigMaxBytes) is a JSON object.
bool is_json_object(std::string_view text);

// Whether a config.json describes a model (model_type, architectures, auto_map or _name_or_path)
// rather than being some other program's config.json.
bool is_model_config(std::string_view text);

}  // namespace sovscan
