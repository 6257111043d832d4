// `scan_models` over directories the test writes with the project's own writer: one GGUF file is
// one model, a Hugging Face directory is one model with all its files, weights make it local,
// Git LFS pointers and broken files are reported, other programs' files are not models.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "inventory/model_clue.h"
#include "inventory/model_file_writer.h"
#include "inventory/model_scanner.h"

namespace sovscan {
namespace {

namespace fs = std::filesystem;
using test::write_text_file;

class ModelScanner : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("sovscan-models-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string at(const std::string& rel) const { return (dir_ / rel).string(); }
    const ModelArtifact* model(const ModelInventory& inv, const std::string& rel) const {
        for (const auto& m : inv.models)
            if (m.path == at(rel)) return &m;
        return nullptr;
    }
    fs::path dir_;
};

bool has_clue(const ModelArtifact& m, std::string_view name, std::string_view value) {
    for (const auto& a : m.attributes)
        if (a.name == name && a.value == value) return true;
    return false;
}

TEST_F(ModelScanner, GroupsAHuggingFaceDirectoryAndKeepsGgufFilesApart) {
    write_text_file(at("llama/config.json"),
                    R"({"_name_or_path": "meta-llama/Llama-2-7b-hf", "architectures": ["LlamaForCausalLM"], "model_type": "llama"})");
    write_text_file(at("llama/generation_config.json"), R"({"bos_token_id": 1})");
    test::SafetensorsWriter().metadata("format", "pt").tensor("a", {2}, {1, 2}).write(at("llama/model-00001-of-00002.safetensors"));
    test::SafetensorsWriter().tensor("b", {1}, {3}).write(at("llama/model-00002-of-00002.safetensors"));
    write_text_file(at("llama/model.safetensors.index.json"), R"({"metadata": {"total_size": 12}, "weight_map": {}})");
    test::GgufWriter().string("general.architecture", "qwen2").string("general.name", "Qwen2 0.5B")
        .tensor("t", {2}, {1, 2}).write(at("gguf/qwen2-0_5b-q8_0.gguf"));
    test::GgufWriter().string("general.architecture", "llama").string("general.name", "deepseek-coder")
        .write(at("gguf/ggml-vocab-deepseek-coder.gguf"));

    ModelInventory inv = scan_models({dir_.string()});
    EXPECT_TRUE(inv.problems.empty()) << inv.problems.front().message;
    ASSERT_EQ(inv.models.size(), 3u);
    const ModelArtifact* llama = model(inv, "llama");
    ASSERT_NE(llama, nullptr);
    EXPECT_EQ(llama->format, "safetensors");
    EXPECT_TRUE(llama->local_weights);
    EXPECT_EQ(llama->architecture, "llama");
    EXPECT_EQ(llama->organization, "meta-llama");
    EXPECT_EQ(llama->files.size(), 5u);
    EXPECT_TRUE(has_clue(*llama, model_clue::name, "llama"));  // the directory's name, weakly
    const ModelArtifact* qwen = model(inv, "gguf/qwen2-0_5b-q8_0.gguf");
    ASSERT_NE(qwen, nullptr);
    EXPECT_TRUE(qwen->local_weights);
    EXPECT_EQ(qwen->name, "Qwen2 0.5B");
    EXPECT_TRUE(has_clue(*qwen, model_clue::name, "qwen2-0_5b-q8_0"));  // the file's name
    const ModelArtifact* vocab = model(inv, "gguf/ggml-vocab-deepseek-coder.gguf");
    ASSERT_NE(vocab, nullptr);
    EXPECT_FALSE(vocab->local_weights);  // no tensors: a vocabulary only
}

TEST_F(ModelScanner, ConfigOnlyAndBinWeights) {
    write_text_file(at("deepseek/config.json"), R"({"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3"})");
    write_text_file(at("bin/config.json"), R"({"model_type": "baichuan"})");
    write_text_file(at("bin/pytorch_model.bin"), "PK\x03\x04 pretend zip");
    write_text_file(at("stray/pytorch_model.bin"), "not known to be a model");
    ModelInventory inv = scan_models({dir_.string()});
    ASSERT_EQ(inv.models.size(), 2u);
    EXPECT_FALSE(model(inv, "deepseek")->local_weights);
    EXPECT_EQ(model(inv, "deepseek")->format, "hf-config");
    EXPECT_TRUE(model(inv, "bin")->local_weights);
    EXPECT_EQ(model(inv, "stray"), nullptr);
}

TEST_F(ModelScanner, HuggingFaceCacheDirectoriesNameTheRepository) {
    write_text_file(at("hub/models--Qwen--Qwen2.5-7B-Instruct/snapshots/0123abcd/config.json"), R"({"model_type": "qwen2"})");
    ModelInventory inv = scan_models({dir_.string()});
    ASSERT_EQ(inv.models.size(), 1u);
    const ModelArtifact& m = inv.models[0];
    EXPECT_TRUE(has_clue(m, model_clue::organization, "Qwen"));
    EXPECT_TRUE(has_clue(m, model_clue::name, "Qwen2.5-7B-Instruct"));
    for (const auto& a : m.attributes) {
        if (a.source.detail == "Hugging Face cache directory") {
            EXPECT_EQ(a.confidence, "medium");
        }
    }
}

TEST_F(ModelScanner, LfsPointersBrokenFilesAndMissingPaths) {
    const std::string pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 4000000000\n";
    write_text_file(at("lfs/config.json"), R"({"model_type": "mistral"})");
    write_text_file(at("lfs/model.safetensors"), pointer);
    write_text_file(at("lfs/model.gguf"), pointer);
    write_text_file(at("broken/weights.safetensors"), std::string("\x08\0\0\0\0\0\0\0[1,2,3] ", 16));
    write_text_file(at("broken/config.json"), R"({"model_type": )");
    write_text_file(at("broken/x.gguf"), "GGUF");
    write_text_file(at("app/config.json"), R"({"theme": "dark"})");  // another program's
    write_text_file(at("app2/config.json"), R"(not json at all)");
    ModelInventory inv = scan_models({dir_.string(), at("no-such-dir")});
    ASSERT_EQ(inv.problems.size(), 3u);
    EXPECT_EQ(inv.problems[0].where, at("no-such-dir"));
    EXPECT_EQ(inv.problems[0].message, "no such file or directory");
    EXPECT_EQ(inv.problems[1].where, at("broken/x.gguf"));
    EXPECT_EQ(inv.problems[2].where, at("broken/weights.safetensors"));
    EXPECT_NE(inv.problems[2].message.find("does not start with '{'"), std::string::npos) << inv.problems[2].message;
    const ModelArtifact* lfs = model(inv, "lfs");
    ASSERT_NE(lfs, nullptr);
    EXPECT_FALSE(lfs->local_weights);
    ASSERT_EQ(lfs->problems.size(), 1u);
    EXPECT_NE(lfs->problems[0].message.find("Git LFS pointer"), std::string::npos);
    const ModelArtifact* lfs_gguf = model(inv, "lfs/model.gguf");
    ASSERT_NE(lfs_gguf, nullptr);
    EXPECT_FALSE(lfs_gguf->local_weights);
    // The broken directory is still a model (it has a weights file), with its config unread.
    const ModelArtifact* broken = model(inv, "broken");
    ASSERT_NE(broken, nullptr);
    ASSERT_EQ(broken->problems.size(), 1u);
    EXPECT_EQ(broken->problems[0].where, at("broken/config.json"));
    EXPECT_EQ(model(inv, "app"), nullptr);
    EXPECT_EQ(model(inv, "app2"), nullptr);
}

TEST_F(ModelScanner, AFileArgumentIsReadAlone) {
    test::GgufWriter().string("general.architecture", "glm4").write(at("one.gguf"));
    write_text_file(at("config.json"), R"({"model_type": "qwen2"})");
    ModelInventory inv = scan_models({at("one.gguf")});
    ASSERT_EQ(inv.models.size(), 1u);
    EXPECT_EQ(inv.models[0].architecture, "glm4");
}

}  // namespace
}  // namespace sovscan
