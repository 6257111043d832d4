// `sovscan models` as a user runs it: on a directory the test writes with the project's own model
// writer (a Qwen GGUF with weights, a Llama safetensors model with config.json, a DeepSeek config
// without weights), on the corpus's real model files, with hostile names, and every exit code.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "inventory/model_file_writer.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ModelsCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-models-cli-" + std::to_string(getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        GgufWriter()
            .string("general.architecture", "qwen2")
            .string("general.name", "Qwen2.5 0.5B Instruct")
            .string("general.organization", "Qwen")
            .u32("general.base_model.count", 1)
            .string("general.base_model.0.name", "Qwen2.5 0.5B")
            .string("general.base_model.0.organization", "Qwen")
            .string("general.license", "apache-2.0")
            .tensor("token_embd.weight", {2, 2}, {1, 2, 3, 4})
            .write(at("gguf/qwen2.5-0.5b-instruct-q8_0.gguf"));
        write_text_file(at("llama-2-7b/config.json"),
                        R"({"_name_or_path": "meta-llama/Llama-2-7b-hf", "architectures": ["LlamaForCausalLM"], "model_type": "llama"})");
        SafetensorsWriter().metadata("format", "pt").tensor("lm_head.weight", {2, 2}, {1, 0, 0, 1}).write(
            at("llama-2-7b/model.safetensors"));
        write_text_file(at("deepseek-v3/config.json"),
                        R"({"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3"})");
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string at(const std::string& rel) const { return (dir_ / rel).string(); }
    static json parse(const CliResult& r) {
        json j = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON:\n" << r.out << r.err;
        return j;
    }
    // The JSON objects by path relative to the test directory.
    std::map<std::string, json> by_path(const json& all) const {
        std::map<std::string, json> out;
        for (const auto& m : all) out[fs::relative(m["path"].get<std::string>(), dir_).string()] = m;
        return out;
    }
    fs::path dir_;
};

TEST_F(ModelsCli, JsonForEachModelOfAWrittenDirectory) {
    CliResult r = run_sovscan("models --json " + dir_.string());
    EXPECT_EQ(r.exit_code, 1) << r.err;  // Qwen and DeepSeek are high_risk
    EXPECT_TRUE(r.err.empty()) << r.err;
    auto models = by_path(parse(r));
    ASSERT_EQ(models.size(), 3u) << r.out;

    const json& qwen = models["gguf/qwen2.5-0.5b-instruct-q8_0.gguf"];
    EXPECT_EQ(qwen["format"], "gguf");
    EXPECT_EQ(qwen["architecture"], "qwen2");
    EXPECT_EQ(qwen["name"], "Qwen2.5 0.5B Instruct");
    EXPECT_EQ(qwen["organization"], "Qwen");
    ASSERT_EQ(qwen["base_models"].size(), 1u);
    EXPECT_EQ(qwen["base_models"][0]["name"], "Qwen2.5 0.5B");
    EXPECT_EQ(qwen["base_models"][0]["organization"], "Qwen");
    EXPECT_TRUE(qwen["base_models"][0]["repo_url"].is_null());
    EXPECT_EQ(qwen["license"], "apache-2.0");
    EXPECT_EQ(qwen["local_weights"], true);
    EXPECT_EQ(qwen["origin"]["vendor"], "alibaba");
    EXPECT_EQ(qwen["origin"]["controlled_by"], "CN");
    EXPECT_EQ(qwen["origin"]["family"], "Qwen");
    EXPECT_FALSE(qwen["origin"]["evidence"].empty());
    EXPECT_EQ(qwen["verdict"], "high_risk");
    EXPECT_EQ(qwen["jurisdictions"], json::array({"CN"}));
    EXPECT_NE(qwen["note"].get<std::string>().find("NUKIB's DeepSeek warning exempts a model run locally"),
              std::string::npos);
    EXPECT_TRUE(qwen["problems"].empty());

    const json& llama = models["llama-2-7b"];
    EXPECT_EQ(llama["format"], "safetensors");
    EXPECT_EQ(llama["architecture"], "llama");
    EXPECT_EQ(llama["organization"], "meta-llama");
    EXPECT_EQ(llama["local_weights"], true);
    EXPECT_EQ(llama["origin"]["vendor"], "meta");
    EXPECT_EQ(llama["origin"]["controlled_by"], "US");
    EXPECT_EQ(llama["verdict"], "clear");
    EXPECT_TRUE(llama["note"].is_null());
    EXPECT_EQ(llama["files"].size(), 2u);

    const json& deepseek = models["deepseek-v3"];
    EXPECT_EQ(deepseek["format"], "hf-config");
    EXPECT_EQ(deepseek["local_weights"], false);
    EXPECT_EQ(deepseek["origin"]["vendor"], "deepseek");
    EXPECT_EQ(deepseek["verdict"], "high_risk");
    EXPECT_NE(deepseek["note"].get<std::string>().find("API"), std::string::npos);
}

TEST_F(ModelsCli, TableAndOutputFile) {
    const std::string out = at("report.json");
    CliResult r = run_sovscan("models " + dir_.string() + " -o " + out + " --color never");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    for (const char* column : {"PATH", "FORMAT", "ARCHITECTURE", "NAME", "ORGANIZATION", "ORIGIN", "CONTROLLED BY", "WEIGHTS",
                               "VERDICT", "alibaba (Qwen)", "meta (Llama)", "local weights", "config only",
                               "3 model(s): 2 high_risk, 0 review, 1 clear"})
        EXPECT_NE(r.out.find(column), std::string::npos) << column << "\n" << r.out;
    EXPECT_EQ(r.out.find('\033'), std::string::npos);  // no colour when asked for none
    std::ifstream file(out);
    std::stringstream text;
    text << file.rdbuf();
    json written = json::parse(text.str(), nullptr, false);
    ASSERT_TRUE(written.is_array()) << text.str();
    EXPECT_EQ(written, parse(run_sovscan("models --json " + dir_.string())));
}

TEST_F(ModelsCli, ExitCodes) {
    EXPECT_EQ(run_sovscan("models " + at("llama-2-7b")).exit_code, 0);               // clear only
    EXPECT_EQ(run_sovscan("models " + dir_.string() + " --high-risk RU").exit_code, 0);  // the policy decides
    EXPECT_EQ(run_sovscan("models " + dir_.string() + " --high-risk CHN").exit_code, 2);
    EXPECT_EQ(run_sovscan("models").exit_code, 2);
    EXPECT_EQ(run_sovscan("models --catalog-dir " + at("none") + " " + dir_.string()).exit_code, 2);
    // A path that is not there is an error, and the others are still reported.
    CliResult r = run_sovscan("models --json " + at("no-such-dir") + " " + at("gguf"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan: error: " + at("no-such-dir") + ": no such file or directory"), std::string::npos) << r.err;
    EXPECT_EQ(parse(r).size(), 1u);
}

TEST_F(ModelsCli, HostileNamesAreEscaped) {
    GgufWriter()
        .string("general.architecture", "qwen2")
        .string("general.name", "\x1b]0;pwned\x07\x1b[31mevil\r\n")
        .string("general.organization", "=HYPERLINK(\"http://x\")")
        .write(at("evil/evil.gguf"));
    CliResult table = run_sovscan("models --color never " + at("evil"));
    EXPECT_EQ(table.exit_code, 1);
    EXPECT_EQ(table.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(table.out.find('\x07'), std::string::npos);
    EXPECT_NE(table.out.find("\\x1b]0;pwned"), std::string::npos) << table.out;
    json j = parse(run_sovscan("models --json " + at("evil")));
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["name"], "\\x1b]0;pwned\\x07\\x1b[31mevil\\x0d\\x0a");
}

TEST(ModelsCliCorpus, RealModelFilesGetTheOriginFormatsMdGives) {
    const std::string dir = corpus_dir() + "/models";
    CliResult r = run_sovscan("models --json " + dir);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    json all = json::parse(r.out, nullptr, false);
    ASSERT_TRUE(all.is_array()) << r.out;
    std::map<std::string, json> models;
    for (const auto& m : all) models[fs::relative(m["path"].get<std::string>(), dir).string()] = m;
    // FORMATS.md: PRC-origin Zhipu GLM-4.5, Moonshot Kimi-K2, Qwen, DeepSeek-V3.1, THUDM ChatGLM3,
    // Baichuan, and BAAI's bge in the GGUF vocab files.
    const std::map<std::string, std::string> prc = {
        {"zai-org__glm45", "zhipu"},
        {"moonshotai__kimi_k2", "moonshot"},
        {"Qwen__qwen", "alibaba"},
        {"Qwen__qwen2_tokenizer", "alibaba"},
        {"Qwen__qwen3_30b", "alibaba"},
        {"Qwen__qwen3_30b_thinking_0527", "alibaba"},
        {"Qwen__qwen_7b", "alibaba"},
        {"Qwen__qwen_vl", "alibaba"},
        {"deepseek-ai__deepseek_v31", "deepseek"},
        {"THUDM__chatglm3", "zhipu"},
        {"baichuan-inc__baichuan", "baichuan"},
        {"gguf__llama.cpp-vocab-CORRUPTED/ggml-vocab-bert-bge.gguf", "baai"},
        {"gguf__llama.cpp-vocab-CORRUPTED/ggml-vocab-deepseek-coder.gguf", "deepseek"},
        {"gguf__llama.cpp-vocab-CORRUPTED/ggml-vocab-deepseek-llm.gguf", "deepseek"},
    };
    for (const auto& [path, vendor] : prc) {
        ASSERT_TRUE(models.count(path)) << path;
        EXPECT_EQ(models[path]["origin"]["vendor"], vendor) << path;
        EXPECT_EQ(models[path]["origin"]["controlled_by"], "CN") << path;
        EXPECT_EQ(models[path]["verdict"], "high_risk") << path;
        EXPECT_EQ(models[path]["local_weights"], false) << path;
    }
    // Non-PRC counter-examples: CohereForAI (Canada), BigCode, Meta Llama-2 (and llama-spm).
    const std::map<std::string, std::string> counter = {
        {"CohereForAI__cohere", "cohere"},
        {"bigcode__starcode2", "huggingface"},
        {"meta-llama__Llama-2-7b-hf", "meta"},
        {"gguf__llama.cpp-vocab-CORRUPTED/ggml-vocab-llama-spm.gguf", "meta"},
    };
    for (const auto& [path, vendor] : counter) {
        ASSERT_TRUE(models.count(path)) << path;
        EXPECT_EQ(models[path]["origin"]["vendor"], vendor) << path;
        EXPECT_EQ(models[path]["origin"]["prc_linked"], "no") << path;
        EXPECT_EQ(models[path]["verdict"], "clear") << path;
    }
    // "a correct tool should report 'unknown', not PRC"
    ASSERT_TRUE(models.count("unattributed__llava"));
    EXPECT_TRUE(models["unattributed__llava"]["origin"]["vendor"].is_null());
    EXPECT_EQ(models["unattributed__llava"]["verdict"], "clear");
    EXPECT_EQ(models.size(), prc.size() + counter.size() + 1);
    // The corrupted GGUF files say how far they were read.
    for (const auto& [path, m] : models)
        if (path.find("CORRUPTED") != std::string::npos) {
            ASSERT_EQ(m["problems"].size(), 1u) << path;
            EXPECT_NE(m["problems"][0].get<std::string>().find("metadata read in part"), std::string::npos);
        }
}

}  // namespace
}  // namespace sovscan::test
