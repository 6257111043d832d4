// The JSON files of a Hugging Face model directory: what each says about the model, and what is
// refused. The texts are small real-shaped configs; the corpus test reads the real ones.
#include <gtest/gtest.h>

#include "inventory/hf_config.h"
#include "inventory/model_clue.h"

namespace sovscan {
namespace {

std::vector<std::pair<std::string, std::string>> clues(const ModelArtifact& m) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& a : m.attributes) out.emplace_back(a.name, a.value);
    return out;
}

TEST(HfConfig, FileKindsByName) {
    EXPECT_EQ(hf_file_kind("config.json"), HfFileKind::model_config);
    EXPECT_EQ(hf_file_kind("generation_config.json"), HfFileKind::generation_config);
    EXPECT_EQ(hf_file_kind("tokenizer_config.json"), HfFileKind::tokenizer_config);
    EXPECT_EQ(hf_file_kind("model.safetensors.index.json"), HfFileKind::weight_index);
    EXPECT_EQ(hf_file_kind("tokenizer.json"), std::nullopt);
    EXPECT_EQ(hf_file_kind("Config.json"), std::nullopt);
}

TEST(HfConfig, ModelConfigGivesArchitectureNamesAndRemoteCode) {
    ModelArtifact m;
    std::string error;
    ASSERT_TRUE(read_hf_file(HfFileKind::model_config, R"({
        "_name_or_path": "Qwen/Qwen2-VL-7B-Instruct",
        "architectures": ["Qwen2VLForConditionalGeneration"],
        "model_type": "qwen2_vl",
        "auto_map": {"AutoConfig": "configuration_x.XConfig", "AutoTokenizer": ["tokenization_x.XTokenizer", null]},
        "text_config": {"model_type": "qwen2"},
        "tokenizer_class": "Qwen2Tokenizer"})",
                             "/m/config.json", m, error))
        << error;
    EXPECT_EQ(m.architecture, "qwen2_vl");
    EXPECT_EQ(m.name, "Qwen2-VL-7B-Instruct");
    EXPECT_EQ(m.organization, "Qwen");
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(clues(m), (std::vector<P>{{"architecture", "qwen2_vl"},
                                        {"architecture", "Qwen2VLForConditionalGeneration"},
                                        {"architecture", "qwen2"},
                                        {"organization", "Qwen"},
                                        {"name", "Qwen2-VL-7B-Instruct"},
                                        {"architecture", "configuration_x.XConfig"},
                                        {"tokenizer", "tokenization_x.XTokenizer"},
                                        {"tokenizer", "Qwen2Tokenizer"}}));
    EXPECT_EQ(m.attributes[2].source.detail, "text_config.model_type");
    EXPECT_EQ(m.attributes[0].source.file, "/m/config.json");
    EXPECT_EQ(m.attributes[0].confidence, "high");
}

TEST(HfConfig, ALocalSavePathIsAWeakName) {
    ModelArtifact m;
    std::string error;
    ASSERT_TRUE(read_hf_file(HfFileKind::model_config, R"({"_name_or_path": "/home/someone/final", "model_type": "llama"})",
                             "config.json", m, error));
    ASSERT_EQ(m.attributes.size(), 2u);
    EXPECT_EQ(m.attributes[1].value, "/home/someone/final");
    EXPECT_EQ(m.attributes[1].confidence, "low");
    EXPECT_EQ(m.attributes[1].source.detail, "_name_or_path (a local path)");
    ModelArtifact dot;
    ASSERT_TRUE(read_hf_file(HfFileKind::model_config, R"({"_name_or_path": "./"})", "config.json", dot, error));
    EXPECT_TRUE(dot.attributes.empty());  // no word in it
}

TEST(HfConfig, TokenizerConfigGivesClassTokensAndName) {
    ModelArtifact m;
    std::string error;
    ASSERT_TRUE(read_hf_file(HfFileKind::tokenizer_config, R"({
        "tokenizer_class": "LlamaTokenizerFast",
        "name_or_path": "deepseek-ai/DeepSeek-V3",
        "bos_token": {"__type": "AddedToken", "content": "<B>"},
        "eos_token": "<E>",
        "auto_map": {"AutoTokenizer": ["tokenization_kimi.TikTokenTokenizer", null]}})",
                             "tokenizer_config.json", m, error));
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(clues(m), (std::vector<P>{{"tokenizer", "LlamaTokenizerFast"},
                                        {"tokenizer", "tokenization_kimi.TikTokenTokenizer"},
                                        {"organization", "deepseek-ai"},
                                        {"name", "DeepSeek-V3"},
                                        {"special_token", "<B>"},
                                        {"special_token", "<E>"}}));
}

TEST(HfConfig, WrongTypesAreIgnoredAndNonObjectsRefused) {
    ModelArtifact m;
    std::string error;
    ASSERT_TRUE(read_hf_file(HfFileKind::model_config,
                             R"({"model_type": 7, "architectures": "x", "auto_map": [1], "_name_or_path": {"a": 1}})",
                             "config.json", m, error));
    EXPECT_TRUE(m.attributes.empty());
    for (const char* bad : {"[1, 2]", "\"text\"", "{\"a\": ", "", "not json"}) {
        EXPECT_FALSE(read_hf_file(HfFileKind::model_config, bad, "config.json", m, error)) << bad;
        EXPECT_EQ(error, "not a JSON object");
    }
    EXPECT_FALSE(read_hf_file(HfFileKind::tokenizer_config, std::string(kHfConfigMaxBytes + 1, ' '), "t.json", m, error));
    EXPECT_NE(error.find("limit"), std::string::npos);
    EXPECT_TRUE(is_model_config(R"({"architectures": []})"));
    EXPECT_FALSE(is_model_config(R"({"editor.fontSize": 12})"));  // another program's config.json
}

TEST(HfConfig, RepositoryIds) {
    auto id = parse_repo_id("https://huggingface.co/Qwen/Qwen2.5-7B/tree/main");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->owner, "Qwen");
    EXPECT_EQ(id->name, "Qwen2.5-7B");
    EXPECT_EQ(parse_repo_id("https://github.com/01-ai/Yi.git")->name, "Yi");
    EXPECT_EQ(parse_repo_id("meta-llama/Llama-2-7b-hf")->owner, "meta-llama");
    for (const char* not_an_id : {"./", "/home/a/b", "a/b/c", "Qwen2", "a b/c", "../x", "https://huggingface.co/Qwen",
                                  "https://x/"})
        EXPECT_FALSE(parse_repo_id(not_an_id)) << not_an_id;
}

}  // namespace
}  // namespace sovscan
