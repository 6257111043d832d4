// Every file in the corpus's models/ folder, read as /work/shared/corpus/FORMATS.md describes it:
// the GGUF vocab files (real, corrupted after their first KVs) give their architecture and name and
// stop exactly where FORMATS.md's strict sequential parser stops; the Hugging Face files give the
// model types, classes, tokenizers and names it lists.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "inventory/byte_source.h"
#include "inventory/gguf.h"
#include "inventory/model_clue.h"
#include "inventory/model_scanner.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

namespace fs = std::filesystem;

const ModelInventory& corpus_models() {
    static const ModelInventory inv = scan_models({test::corpus_dir() + "/models"});
    return inv;
}

const ModelArtifact* corpus_model(const std::string& rel) {
    const std::string path = test::corpus_dir() + "/models/" + rel;
    for (const auto& m : corpus_models().models)
        if (m.path == path) return &m;
    ADD_FAILURE() << "no model read at " << path;
    return nullptr;
}

std::set<std::string> clue_values(const ModelArtifact& m, std::string_view name) {
    std::set<std::string> out;
    for (const auto& a : m.attributes)
        if (a.name == name) out.insert(a.value);
    return out;
}

TEST(ModelCorpus, EveryFileIsReadIntoOneModelPerDirectoryOrGgufFile) {
    const ModelInventory& inv = corpus_models();
    EXPECT_TRUE(inv.problems.empty()) << inv.problems.front().where << ": " << inv.problems.front().message;
    size_t expected = 0, files = 0;
    for (const auto& dir : fs::directory_iterator(test::corpus_dir() + "/models")) {
        bool json = false;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            ++files;
            if (f.path().extension() == ".gguf") ++expected;
            json = json || f.path().extension() == ".json";
        }
        expected += json;
    }
    EXPECT_EQ(files, 26u);  // FORMATS.md: 26 files in models/
    EXPECT_EQ(inv.models.size(), expected);
    size_t read = 0;
    for (const auto& m : inv.models) {
        read += m.files.size();
        EXPECT_FALSE(m.local_weights) << m.path << ": the corpus holds metadata only";
    }
    EXPECT_EQ(read, files);
}

// FORMATS.md, per GGUF file: general.architecture, general.name, kv_count in the header, the KVs
// lying wholly before the first corruption, and how many a strict sequential parser gets through.
struct GgufFact {
    const char* file;
    const char* architecture;
    const char* name;
    uint64_t kv_count;
    size_t intact, strict_parsed;
};

TEST(ModelCorpus, CorruptedGgufVocabFilesKeepTheirFirstKeys) {
    const GgufFact facts[] = {
        {"ggml-vocab-bert-bge.gguf", "bert", "bert-bge", 20, 4, 5},
        {"ggml-vocab-deepseek-coder.gguf", "llama", "deepseek-coder", 25, 8, 9},
        {"ggml-vocab-deepseek-llm.gguf", "llama", "deepseek-llm", 23, 9, 10},
        {"ggml-vocab-llama-spm.gguf", "llama", "llama-spm", 22, 8, 9},
    };
    for (const GgufFact& f : facts) {
        const std::string path = test::corpus_file(std::string("models/gguf__llama.cpp-vocab-CORRUPTED/") + f.file);
        FileByteSource src;
        std::string error;
        ASSERT_TRUE(src.open(path, error)) << error;
        GgufHeader h = parse_gguf_header(src);
        EXPECT_TRUE(h.magic) << f.file;
        EXPECT_EQ(h.version, 3u) << f.file;
        EXPECT_EQ(h.tensor_count, 0u) << f.file;
        EXPECT_EQ(h.kv_count, f.kv_count) << f.file;
        EXPECT_GE(h.kvs.size(), f.intact) << f.file;
        EXPECT_EQ(h.kvs.size(), f.strict_parsed) << f.file;
        EXPECT_FALSE(h.error.empty()) << f.file;
        const ModelArtifact* m = corpus_model(std::string("gguf__llama.cpp-vocab-CORRUPTED/") + f.file);
        ASSERT_NE(m, nullptr);
        EXPECT_EQ(m->architecture, f.architecture);
        EXPECT_EQ(m->name, f.name);
        ASSERT_EQ(m->problems.size(), 1u) << f.file;
        EXPECT_NE(m->problems[0].message.find(std::to_string(f.strict_parsed) + " of " + std::to_string(f.kv_count)),
                  std::string::npos)
            << m->problems[0].message;
    }
}

TEST(ModelCorpus, ConfigsGiveModelTypesClassesAndNames) {
    struct ConfigFact {
        const char* dir;
        const char* model_type;
        std::set<std::string> architectures;  // every architecture clue: model_type, classes, auto_map
    };
    const ConfigFact facts[] = {
        {"CohereForAI__cohere", "cohere", {"cohere", "CohereForCausalLM"}},
        {"Qwen__qwen", "qwen", {"qwen", "QWenLMHeadModel", "configuration_qwen.QWenConfig", "modeling_qwen.QWenLMHeadModel"}},
        {"bigcode__starcode2", "starcoder2", {"starcoder2", "Starcoder2ForCausalLM"}},
        {"meta-llama__Llama-2-7b-hf", "llama", {"llama", "LlamaForCausalLM"}},
        {"moonshotai__kimi_k2", "kimi_k2",
         {"kimi_k2", "DeepseekV3ForCausalLM", "configuration_deepseek.DeepseekV3Config", "modeling_deepseek.DeepseekV3Model",
          "modeling_deepseek.DeepseekV3ForCausalLM"}},
        {"zai-org__glm45", "glm4_moe", {"glm4_moe", "Glm4MoeForCausalLM"}},
    };
    for (const ConfigFact& f : facts) {
        const ModelArtifact* m = corpus_model(f.dir);
        ASSERT_NE(m, nullptr);
        EXPECT_EQ(m->architecture, f.model_type) << f.dir;
        EXPECT_EQ(clue_values(*m, model_clue::architecture), f.architectures) << f.dir;
    }
    const ModelArtifact* llama = corpus_model("meta-llama__Llama-2-7b-hf");
    ASSERT_NE(llama, nullptr);
    EXPECT_EQ(llama->organization, "meta-llama");
    EXPECT_EQ(llama->name, "Llama-2-7b-hf");
    // Cohere's _name_or_path is the path it was saved from: kept as a weak name.
    const ModelArtifact* cohere = corpus_model("CohereForAI__cohere");
    ASSERT_NE(cohere, nullptr);
    bool saved_path = false;
    for (const auto& a : cohere->attributes)
        saved_path = saved_path || (a.value == "/home/ahmet_cohere_com/HF_Final_weight_tie" && a.confidence == "low");
    EXPECT_TRUE(saved_path);
}

TEST(ModelCorpus, TokenizerConfigsGiveClassesAndTokens) {
    const std::pair<const char*, const char*> classes[] = {
        {"CohereForAI__cohere", "CohereTokenizer"},        {"Qwen__qwen2_tokenizer", "Qwen2Tokenizer"},
        {"Qwen__qwen3_30b", "Qwen2Tokenizer"},            {"Qwen__qwen3_30b_thinking_0527", "Qwen2Tokenizer"},
        {"Qwen__qwen_7b", "QWenTokenizer"},               {"Qwen__qwen_vl", "QWenTokenizer"},
        {"THUDM__chatglm3", "ChatGLMTokenizer"},          {"baichuan-inc__baichuan", "BaichuanTokenizer"},
        {"deepseek-ai__deepseek_v31", "LlamaTokenizerFast"}, {"moonshotai__kimi_k2", "TikTokenTokenizer"},
        {"unattributed__llava", "LlamaTokenizer"},        {"zai-org__glm45", "PreTrainedTokenizer"},
    };
    for (const auto& [dir, cls] : classes) {
        const ModelArtifact* m = corpus_model(dir);
        ASSERT_NE(m, nullptr);
        EXPECT_TRUE(clue_values(*m, model_clue::tokenizer).count(cls)) << dir;
    }
    const ModelArtifact* deepseek = corpus_model("deepseek-ai__deepseek_v31");
    ASSERT_NE(deepseek, nullptr);
    EXPECT_EQ(clue_values(*deepseek, model_clue::special_token),
              (std::set<std::string>{"<\xef\xbd\x9c" "begin\xe2\x96\x81of\xe2\x96\x81sentence\xef\xbd\x9c>",
                                     "<\xef\xbd\x9c" "end\xe2\x96\x81of\xe2\x96\x81sentence\xef\xbd\x9c>"}));
    const ModelArtifact* kimi = corpus_model("moonshotai__kimi_k2");
    ASSERT_NE(kimi, nullptr);
    EXPECT_TRUE(clue_values(*kimi, model_clue::tokenizer).count("tokenization_kimi.TikTokenTokenizer"));
    EXPECT_EQ(kimi->files.size(), 3u);  // config, generation_config and tokenizer_config together
}

}  // namespace
}  // namespace sovscan
