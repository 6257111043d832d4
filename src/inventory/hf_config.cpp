#include "inventory/hf_config.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "inventory/model_clue.h"

namespace sovscan {

namespace {

using nlohmann::json;

std::string string_of(const json& j, std::string_view key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A name that may be a repository id ("Qwen/Qwen2-7B"): owner and name as clues; otherwise the
// whole value as a name, trusted less when it is a local path (where the model was saved from).
void add_name_or_path(ModelArtifact& m, const std::string& value, const std::string& file, const std::string& key) {
    if (auto id = parse_repo_id(value)) {
        add_model_clue(m, model_clue::organization, id->owner, file, key + " (owner)");
        add_model_clue(m, model_clue::name, id->name, file, key + " (name)");
        if (m.organization.empty()) m.organization = id->owner;
        if (m.name.empty()) m.name = id->name;
        return;
    }
    const bool local_path = value.find('/') != std::string::npos || value.find('\\') != std::string::npos;
    add_model_clue(m, model_clue::name, value, file, key + (local_path ? " (a local path)" : ""),
                   local_path ? "low" : "high");
}

// auto_map: {"AutoModelForCausalLM": "modeling_qwen.QWenLMHeadModel", "AutoTokenizer":
// ["tokenization_qwen.QWenTokenizer", null], ...}: the publisher's own code, named by module and class.
void add_auto_map(ModelArtifact& m, const json& map, const std::string& file) {
    if (!map.is_object()) return;
    for (const auto& [auto_class, target] : map.items()) {
        const std::string_view clue =
            auto_class.rfind("AutoTokenizer", 0) == 0 ? model_clue::tokenizer : model_clue::architecture;
        if (target.is_string()) add_model_clue(m, clue, target.get<std::string>(), file, "auto_map " + auto_class);
        else if (target.is_array())
            for (const auto& t : target)
                if (t.is_string()) add_model_clue(m, clue, t.get<std::string>(), file, "auto_map " + auto_class);
    }
}

// model_type and architectures of a config object; `prefix` names nested ones ("text_config.").
void add_architecture(ModelArtifact& m, const json& config, const std::string& file, const std::string& prefix) {
    const std::string model_type = string_of(config, "model_type");
    add_model_clue(m, model_clue::architecture, model_type, file, prefix + "model_type");
    if (m.architecture.empty()) m.architecture = model_type;
    auto archs = config.find("architectures");
    if (archs != config.end() && archs->is_array())
        for (size_t i = 0; i < archs->size(); ++i)
            if ((*archs)[i].is_string()) {
                add_model_clue(m, model_clue::architecture, (*archs)[i].get<std::string>(), file,
                               fmt::format("{}architectures[{}]", prefix, i));
                if (m.architecture.empty()) m.architecture = (*archs)[i].get<std::string>();
            }
}

void read_model_config(const json& j, const std::string& file, ModelArtifact& m) {
    add_architecture(m, j, file, "");
    // Multimodal models nest the language model's config (LLaVA-style text_config, InternVL's llm_config).
    for (const char* nested : {"text_config", "llm_config", "language_config"}) {
        auto it = j.find(nested);
        if (it != j.end() && it->is_object()) add_architecture(m, *it, file, std::string(nested) + ".");
    }
    add_name_or_path(m, string_of(j, "_name_or_path"), file, "_name_or_path");
    if (auto it = j.find("auto_map"); it != j.end()) add_auto_map(m, *it, file);
    add_model_clue(m, model_clue::tokenizer, string_of(j, "tokenizer_class"), file, "tokenizer_class");
    if (m.license.empty()) m.license = string_of(j, "license");
}

// A special token is a string or an AddedToken object {"content": "<s>", ...}.
std::string token_text(const json& j, std::string_view key) {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object()) return string_of(*it, "content");
    return "";
}

void read_tokenizer_config(const json& j, const std::string& file, ModelArtifact& m) {
    add_model_clue(m, model_clue::tokenizer, string_of(j, "tokenizer_class"), file, "tokenizer_class");
    if (auto it = j.find("auto_map"); it != j.end()) add_auto_map(m, *it, file);
    add_name_or_path(m, string_of(j, "name_or_path"), file, "name_or_path");
    for (const char* key : {"bos_token", "eos_token"})
        add_model_clue(m, model_clue::special_token, token_text(j, key), file, key);
}

}  // namespace

std::optional<HfFileKind> hf_file_kind(std::string_view name) {
    if (name == "config.json") return HfFileKind::model_config;
    if (name == "generation_config.json") return HfFileKind::generation_config;
    if (name == "tokenizer_config.json") return HfFileKind::tokenizer_config;
    if (name == "model.safetensors.index.json" || name == "pytorch_model.bin.index.json")
        return HfFileKind::weight_index;
    return std::nullopt;
}

bool read_hf_file(HfFileKind kind, std::string_view text, const std::string& file, ModelArtifact& m,
                  std::string& error) {
    if (text.size() > kHfConfigMaxBytes) {
        error = fmt::format("{} bytes, past the {} byte limit for a model's JSON file", text.size(), kHfConfigMaxBytes);
        return false;
    }
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "not a JSON object";
        return false;
    }
    switch (kind) {
        case HfFileKind::model_config: read_model_config(j, file, m); break;
        case HfFileKind::tokenizer_config: read_tokenizer_config(j, file, m); break;
        // Neither names the model: generation settings, and which shard holds which tensor.
        case HfFileKind::generation_config: case HfFileKind::weight_index: break;
    }
    return true;
}

bool is_json_object(std::string_view text) {
    if (text.size() > kHfConfigMaxBytes) return false;
    json j = json::parse(text, nullptr, false);
    return !j.is_discarded() && j.is_object();
}

bool is_model_config(std::string_view text) {
    if (text.size() > kHfConfigMaxBytes) return false;
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    for (const char* key : {"model_type", "architectures", "auto_map", "_name_or_path"})
        if (j.contains(key)) return true;
    return false;
}

}  // namespace sovscan
