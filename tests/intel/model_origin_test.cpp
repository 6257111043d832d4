// Which vendor made a model, from the project's data/model_origins.csv: the identifiers real model
// files carry (config.json model_type and classes, GGUF architectures, repository owners) resolve
// to their publisher, and words that merely contain a pattern's letters do not.
#include <gtest/gtest.h>

#include <set>

#include "intel/catalog.h"
#include "intel/model_origin.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

const Catalog& repository_catalog() {
    static const std::unique_ptr<Catalog> c = [] {
        std::vector<std::string> problems;
        auto catalog = Catalog::load(test::source_dir() + "/data", problems);
        EXPECT_TRUE(problems.empty()) << problems.front();
        return catalog;
    }();
    return *c;
}

// The vendors whose patterns for `field` match `value`.
std::set<std::string> vendors_of(ModelField field, std::string_view value) {
    std::set<std::string> out;
    for (const auto& m : ModelOriginMatcher(repository_catalog()).match(field, value)) out.insert(m.rule->vendor_id);
    return out;
}

TEST(ModelPattern, WordBoundaries) {
    EXPECT_TRUE(model_pattern_matches("qwen2", "Qwen2ForCausalLM"));
    EXPECT_TRUE(model_pattern_matches("qwen", "qwen2_moe"));
    EXPECT_TRUE(model_pattern_matches("qwen", "QWenLMHeadModel"));
    EXPECT_TRUE(model_pattern_matches("chatglm", "ChatGLMTokenizer"));
    EXPECT_TRUE(model_pattern_matches("chatglm", "tokenization_chatglm.ChatGLMTokenizer"));
    EXPECT_TRUE(model_pattern_matches("bigcode", "GPTBigCodeForCausalLM"));
    EXPECT_TRUE(model_pattern_matches("deepseek", "DeepseekV3ForCausalLM"));
    EXPECT_TRUE(model_pattern_matches("yi", "Yi-34B"));
    EXPECT_TRUE(model_pattern_matches("yi", "01-ai/Yi-1.5-9B-Chat"));
    EXPECT_TRUE(model_pattern_matches("01-ai", "01.AI"));
    EXPECT_TRUE(model_pattern_matches("shanghai ai lab", "Shanghai-AI-Lab"));
    // Letters inside a longer word are no match.
    EXPECT_FALSE(model_pattern_matches("yi", "Yield-7B"));
    EXPECT_FALSE(model_pattern_matches("yi", "YIELD"));
    EXPECT_FALSE(model_pattern_matches("yi", "Kunyi-chat"));
    EXPECT_FALSE(model_pattern_matches("glm", "XGLMForCausalLM"));
    EXPECT_FALSE(model_pattern_matches("glm", "xglm"));
    EXPECT_FALSE(model_pattern_matches("llama", "llava-1.5-7b"));
    EXPECT_FALSE(model_pattern_matches("phi", "philosophy-bot"));
    EXPECT_FALSE(model_pattern_matches("phi", "Dolphin-2.9"));
    EXPECT_FALSE(model_pattern_matches("ernie", "Bernie-7B"));
    EXPECT_FALSE(model_pattern_matches("qwen2", "qwen"));
    EXPECT_FALSE(model_pattern_matches("--", "a--b"));  // no word in the pattern: nothing matches
    EXPECT_EQ(model_pattern_key(" 01.AI/"), "01 ai");
}

TEST(ModelOrigin, ArchitecturesOfRealModelFilesResolveToTheirPublisher) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Qwen2ForCausalLM", "alibaba"},       {"QWenLMHeadModel", "alibaba"},      {"qwen2moe", "alibaba"},
        {"Qwen3MoeForCausalLM", "alibaba"},    {"deepseek_v3", "deepseek"},         {"deepseek2", "deepseek"},
        {"ChatGLMModel", "zhipu"},             {"Glm4MoeForCausalLM", "zhipu"},     {"glm4_moe", "zhipu"},
        {"BaichuanForCausalLM", "baichuan"},   {"InternLM2ForCausalLM", "shanghai-ai-lab"},
        {"MiniMaxM1ForCausalLM", "minimax"},   {"minimax_text_01", "minimax"},      {"kimi_k2", "moonshot"},
        {"modeling_kimi.KimiVLForConditionalGeneration", "moonshot"},
        {"HunYuanDenseV1ForCausalLM", "tencent"}, {"hunyuan_v1_moe", "tencent"},   {"Ernie4_5_ForCausalLM", "baidu"},
        {"LlamaForCausalLM", "meta"},          {"MistralForCausalLM", "mistral"},   {"MixtralForCausalLM", "mistral"},
        {"Gemma2ForCausalLM", "google"},       {"BertModel", "google"},             {"CohereForCausalLM", "cohere"},
        {"Starcoder2ForCausalLM", "huggingface"}, {"GPTBigCodeForCausalLM", "huggingface"},
        {"Phi3ForCausalLM", "microsoft"},      {"phimoe", "microsoft"},
    };
    for (const auto& [value, vendor] : cases)
        EXPECT_EQ(vendors_of(ModelField::architecture, value), std::set<std::string>{vendor}) << value;
    // Both patterns of Kimi K2's config: its own model_type and the DeepSeek-V3 class it reuses.
    EXPECT_EQ(vendors_of(ModelField::architecture, "DeepseekV3ForCausalLM"), std::set<std::string>{"deepseek"});
    for (const char* generic : {"llava", "XGLMForCausalLM", "GPT2LMHeadModel", "T5ForConditionalGeneration"})
        EXPECT_TRUE(vendors_of(ModelField::architecture, generic).empty()) << generic;
}

TEST(ModelOrigin, NamesOrganisationsTokenizersAndTokens) {
    EXPECT_EQ(vendors_of(ModelField::name, "Yi-34B-Chat"), std::set<std::string>{"01ai"});
    EXPECT_EQ(vendors_of(ModelField::organization, "01.AI"), std::set<std::string>{"01ai"});
    EXPECT_EQ(vendors_of(ModelField::organization, "Deepseek Ai"), std::set<std::string>{"deepseek"});
    EXPECT_EQ(vendors_of(ModelField::organization, "MiniMaxAI"), std::set<std::string>{"minimax"});
    EXPECT_EQ(vendors_of(ModelField::organization, "moonshotai"), std::set<std::string>{"moonshot"});
    EXPECT_EQ(vendors_of(ModelField::organization, "Shanghai AI Laboratory"), std::set<std::string>{"shanghai-ai-lab"});
    EXPECT_EQ(vendors_of(ModelField::organization, "THUDM"), std::set<std::string>{"zhipu"});
    EXPECT_EQ(vendors_of(ModelField::organization, "CohereForAI"), std::set<std::string>{"cohere"});
    EXPECT_EQ(vendors_of(ModelField::organization, "meta-llama"), std::set<std::string>{"meta"});
    EXPECT_EQ(vendors_of(ModelField::name, "DeepSeek-R1-Distill-Qwen-7B"), (std::set<std::string>{"alibaba", "deepseek"}));
    EXPECT_EQ(vendors_of(ModelField::name, "bert-bge"), std::set<std::string>{"baai"});
    EXPECT_EQ(vendors_of(ModelField::tokenizer, "Qwen2TokenizerFast"), std::set<std::string>{"alibaba"});
    EXPECT_EQ(vendors_of(ModelField::tokenizer, "tokenization_kimi.TikTokenTokenizer"), std::set<std::string>{"moonshot"});
    // A generic tokenizer class says nothing: DeepSeek, Yi and many others use Llama's.
    EXPECT_TRUE(vendors_of(ModelField::tokenizer, "LlamaTokenizerFast").empty());
    EXPECT_TRUE(vendors_of(ModelField::name, "Yielding-Assistant").empty());
    EXPECT_TRUE(vendors_of(ModelField::name, "llava-v1.6").empty());
    // Special tokens are compared whole.
    EXPECT_EQ(vendors_of(ModelField::special_token, "<\xef\xbd\x9c" "begin\xe2\x96\x81of\xe2\x96\x81sentence\xef\xbd\x9c>"),
              std::set<std::string>{"deepseek"});
    EXPECT_TRUE(vendors_of(ModelField::special_token, "<|begin_of_sentence|>").empty());
    EXPECT_TRUE(vendors_of(ModelField::special_token, "<s>").empty());
}

TEST(ModelOrigin, EveryRuleNamesACataloguedVendorAndCoversTheIssuesFamilies) {
    const Catalog& c = repository_catalog();
    std::set<std::string> prc, counter;
    for (const ModelOriginRule& r : c.model_origins()) {
        const Vendor* v = c.vendor(r.vendor_id);
        ASSERT_NE(v, nullptr) << r.vendor_id;
        (v->prc_linked == "no" ? counter : prc).insert(r.family);
        EXPECT_TRUE(model_pattern_matches(r.pattern, r.pattern) || r.field == ModelField::special_token) << r.pattern;
    }
    for (const char* family : {"Qwen", "DeepSeek", "GLM", "Baichuan", "InternLM", "Yi", "MiniMax", "Kimi", "Hunyuan", "ERNIE"})
        EXPECT_TRUE(prc.count(family)) << family;
    for (const char* family : {"Llama", "Mistral", "Gemma", "Command", "StarCoder", "Phi"})
        EXPECT_TRUE(counter.count(family)) << family;
}

}  // namespace
}  // namespace sovscan
