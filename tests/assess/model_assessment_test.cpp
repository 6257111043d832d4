// ModelJudge on models described as the readers describe them, against the project's catalog:
// which match decides the origin, when weak or conflicting evidence gives review, and the policy's
// jurisdictions decide the verdict.
#include <gtest/gtest.h>

#include "assess/model_assessment.h"
#include "inventory/model_clue.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

const Catalog& catalog() {
    static const std::unique_ptr<Catalog> c = [] {
        std::vector<std::string> problems;
        auto loaded = Catalog::load(test::source_dir() + "/data", problems);
        EXPECT_TRUE(problems.empty());
        return loaded;
    }();
    return *c;
}

// A model with the given clues (name, value, confidence).
ModelArtifact model(std::vector<std::tuple<std::string_view, std::string, std::string>> clues, bool weights = false) {
    ModelArtifact m;
    m.path = "/models/m";
    m.local_weights = weights;
    for (const auto& [name, value, confidence] : clues)
        add_model_clue(m, name, value, "/models/m/config.json", "key", confidence);
    return m;
}

ModelAssessment judge(ModelArtifact m, const Policy& policy = Policy()) {
    return ModelJudge(catalog(), policy).assess(std::move(m));
}

TEST(ModelJudge, OwnModelTypeBeatsAReusedArchitecture) {
    // Kimi K2's config.json: model_type kimi_k2, architectures [DeepseekV3ForCausalLM].
    auto a = judge(model({{model_clue::architecture, "kimi_k2", "high"},
                          {model_clue::architecture, "DeepseekV3ForCausalLM", "high"}}));
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->id, "moonshot");
    EXPECT_EQ(a.family, "Kimi");
    EXPECT_EQ(a.confidence, "high");
    EXPECT_EQ(a.controlled_by, "CN");
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    ASSERT_EQ(a.evidence.size(), 2u);
    EXPECT_NE(a.evidence[0].fact.find("\"kimi_k2\" matches architecture pattern \"kimi\""), std::string::npos)
        << a.evidence[0].fact;
    EXPECT_EQ(a.evidence[0].version.rfind("data/model_origins.csv:", 0), 0u);
    EXPECT_NE(a.evidence[1].fact.find("DeepSeek by deepseek (medium confidence)"), std::string::npos) << a.evidence[1].fact;
}

TEST(ModelJudge, NameBeatsTheLlamaArchitecture) {
    auto a = judge(model({{model_clue::architecture, "llama", "high"}, {model_clue::name, "deepseek-coder", "high"}}));
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->id, "deepseek");
    EXPECT_EQ(a.verdict, Verdict::high_risk);
}

TEST(ModelJudge, TheModelsOwnPublisherBeatsItsParents) {
    auto distill = judge(model({{model_clue::organization, "deepseek-ai", "high"},
                                {model_clue::base_model_organization, "meta-llama", "high"}}));
    EXPECT_EQ(distill.vendor->id, "deepseek");
    // A fine-tune by an unknown publisher is judged by its parent's.
    auto finetune = judge(model({{model_clue::organization, "Acme Robotics", "high"},
                                 {model_clue::base_model_organization, "Qwen", "high"}}));
    ASSERT_NE(finetune.vendor, nullptr);
    EXPECT_EQ(finetune.vendor->id, "alibaba");
    EXPECT_EQ(finetune.verdict, Verdict::high_risk);
    EXPECT_NE(finetune.evidence[0].fact.find("a parent model"), std::string::npos);
}

TEST(ModelJudge, WeakOrConflictingEvidenceIsForReview) {
    auto dir_only = judge(model({{model_clue::name, "qwen-experiments", "low"}}));
    EXPECT_EQ(dir_only.vendor->id, "alibaba");
    EXPECT_EQ(dir_only.confidence, "low");
    EXPECT_EQ(dir_only.verdict, Verdict::review);
    auto conflict = judge(model({{model_clue::organization, "meta-llama", "high"},
                                 {model_clue::tokenizer, "Qwen2Tokenizer", "high"}}));
    EXPECT_EQ(conflict.vendor->id, "meta");
    EXPECT_EQ(conflict.verdict, Verdict::review);
    ASSERT_EQ(conflict.reasons.size(), 2u);
    EXPECT_NE(conflict.reasons[1].find("points to Qwen (alibaba)"), std::string::npos) << conflict.reasons[1];
    // A weak PRC hint does not move a counter-example.
    auto weak = judge(model({{model_clue::organization, "meta-llama", "high"}, {model_clue::name, "qwen-dir", "low"}}));
    EXPECT_EQ(weak.verdict, Verdict::clear);
}

TEST(ModelJudge, UnknownAndCounterExamplesAreClear) {
    auto unknown = judge(model({{model_clue::tokenizer, "LlamaTokenizer", "high"}, {model_clue::name, "llava", "low"}}));
    EXPECT_EQ(unknown.vendor, nullptr);
    EXPECT_EQ(unknown.verdict, Verdict::clear);
    EXPECT_NE(unknown.reasons[0].find("origin unknown"), std::string::npos);
    auto cohere = judge(model({{model_clue::architecture, "cohere", "high"}}));
    EXPECT_EQ(cohere.vendor->id, "cohere");
    EXPECT_EQ(cohere.verdict, Verdict::clear);
    EXPECT_NE(cohere.reasons[0].find("counter-example"), std::string::npos);
    EXPECT_TRUE(cohere.note.empty());
}

TEST(ModelJudge, ThePolicyDecidesAndTheNoteSaysWhereTheWeightsAre) {
    auto local = judge(model({{model_clue::architecture, "qwen2", "high"}}, /*weights=*/true));
    EXPECT_EQ(local.verdict, Verdict::high_risk);
    EXPECT_NE(local.note.find("local weights"), std::string::npos);
    auto config = judge(model({{model_clue::architecture, "qwen2", "high"}}, false));
    EXPECT_NE(config.note.find("API"), std::string::npos);
    Policy russia;
    russia.high_risk_jurisdictions = {"RU"};
    auto elsewhere = judge(model({{model_clue::architecture, "qwen2", "high"}}), russia);
    EXPECT_EQ(elsewhere.vendor->id, "alibaba");
    EXPECT_EQ(elsewhere.verdict, Verdict::clear);
}

}  // namespace
}  // namespace sovscan
