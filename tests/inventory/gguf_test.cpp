// GGUF headers written by the tests' own writer (model_file_writer.h, from the spec) read back:
// every field and identifying key, both byte orders, version 2, and every way a header can be
// wrong — each read with no crash, keeping what came before the damage.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "inventory/gguf.h"
#include "inventory/model_clue.h"
#include "inventory/model_file_writer.h"

namespace sovscan {
namespace {

using test::GgufWriter;

// A small but complete Qwen2 GGUF: general.* keys as llama.cpp's converter writes them, a base
// model, a tokenizer with arrays, and two tensors.
GgufWriter qwen_writer(uint32_t version = 3, bool big_endian = false) {
    GgufWriter w(version, big_endian);
    w.string("general.architecture", "qwen2")
        .string("general.type", "model")
        .string("general.name", "Qwen2.5 0.5B Instruct")
        .string("general.organization", "Qwen")
        .string("general.basename", "Qwen2.5")
        .string("general.license", "apache-2.0")
        .u32("general.base_model.count", 1)
        .string("general.base_model.0.name", "Qwen2.5 0.5B")
        .string("general.base_model.0.organization", "Qwen")
        .string("general.base_model.0.repo_url", "https://huggingface.co/Qwen/Qwen2.5-0.5B")
        .u32("qwen2.block_count", 24)
        .f32("qwen2.rope.freq_base", 1000000.0f)
        .boolean("tokenizer.ggml.add_bos_token", false)
        .string("tokenizer.ggml.model", "gpt2")
        .strings("tokenizer.ggml.tokens", {"!", "\"", "#", "<|im_start|>", "<|im_end|>"})
        .floats("tokenizer.ggml.scores", {0.0f, -1.0f, -2.0f, 0.0f, 0.0f})
        .nested("sovscan.test.nested", {{1, 2}, {3}})
        .u32("general.alignment", 32)
        .tensor("token_embd.weight", {4, 5}, std::vector<float>(20, 0.5f))
        .tensor("output_norm.weight", {4}, {1, 1, 1, 1});
    return w;
}

GgufHeader parse(const std::vector<uint8_t>& bytes) {
    MemoryByteSource src(bytes);
    return parse_gguf_header(src);
}

const AssetAttribute* clue(const ModelArtifact& m, std::string_view name, std::string_view value) {
    for (const auto& a : m.attributes)
        if (a.name == name && a.value == value) return &a;
    return nullptr;
}

TEST(Gguf, ReadsEveryKeyOfAWrittenFile) {
    const auto bytes = qwen_writer().bytes();
    GgufHeader h = parse(bytes);
    ASSERT_TRUE(h.complete()) << h.error;
    EXPECT_EQ(h.version, 3u);
    EXPECT_FALSE(h.big_endian);
    EXPECT_EQ(h.tensor_count, 2u);
    EXPECT_EQ(h.kv_count, 18u);
    ASSERT_EQ(h.kvs.size(), 18u);
    EXPECT_EQ(h.find("general.architecture")->value, "qwen2");
    EXPECT_EQ(h.find("qwen2.block_count")->value, "24");
    EXPECT_EQ(h.find("qwen2.block_count")->type, GgufType::uint32);
    EXPECT_EQ(h.find("qwen2.rope.freq_base")->value, "1000000");
    EXPECT_EQ(h.find("tokenizer.ggml.add_bos_token")->value, "false");
    const GgufKv* tokens = h.find("tokenizer.ggml.tokens");
    ASSERT_NE(tokens, nullptr);
    EXPECT_EQ(tokens->type, GgufType::array);
    EXPECT_EQ(tokens->array_type, GgufType::string);
    EXPECT_EQ(tokens->array_count, 5u);
    EXPECT_EQ(h.find("sovscan.test.nested")->array_type, GgufType::array);
    // The KV after the arrays is found where the writer put it: the arrays were skipped exactly.
    EXPECT_EQ(h.kvs.back().key, "general.alignment");
    EXPECT_EQ(h.kvs.back().value, "32");
}

TEST(Gguf, ModelArtifactHasNamesBaseModelsAndClues) {
    ModelArtifact m = gguf_model_artifact(parse(qwen_writer().bytes()), "/m/qwen.gguf");
    EXPECT_EQ(m.format, "gguf");
    EXPECT_EQ(m.architecture, "qwen2");
    EXPECT_EQ(m.name, "Qwen2.5 0.5B Instruct");
    EXPECT_EQ(m.organization, "Qwen");
    EXPECT_EQ(m.license, "apache-2.0");
    EXPECT_TRUE(m.local_weights);
    ASSERT_EQ(m.base_models.size(), 1u);
    EXPECT_EQ(m.base_models[0].name, "Qwen2.5 0.5B");
    EXPECT_EQ(m.base_models[0].organization, "Qwen");
    EXPECT_EQ(m.base_models[0].repo_url, "https://huggingface.co/Qwen/Qwen2.5-0.5B");
    EXPECT_EQ(m.base_model, "Qwen2.5 0.5B");
    EXPECT_TRUE(m.problems.empty());
    const AssetAttribute* arch = clue(m, model_clue::architecture, "qwen2");
    ASSERT_NE(arch, nullptr);
    EXPECT_EQ(arch->source.file, "/m/qwen.gguf");
    EXPECT_EQ(arch->source.detail, "general.architecture");
    EXPECT_NE(clue(m, model_clue::name, "Qwen2.5"), nullptr);  // general.basename
    EXPECT_NE(clue(m, model_clue::organization, "Qwen"), nullptr);
    EXPECT_NE(clue(m, model_clue::base_model_organization, "Qwen"), nullptr);
    EXPECT_NE(clue(m, model_clue::base_model_name, "Qwen2.5-0.5B"), nullptr);  // from the repo URL
    EXPECT_NE(clue(m, "tokenizer_model", "gpt2"), nullptr);
}

TEST(Gguf, BigEndianAndVersion2AreRead) {
    GgufHeader be = parse(qwen_writer(3, true).bytes());
    ASSERT_TRUE(be.complete()) << be.error;
    EXPECT_TRUE(be.big_endian);
    EXPECT_EQ(be.version, 3u);
    EXPECT_EQ(be.find("qwen2.block_count")->value, "24");
    EXPECT_EQ(be.find("general.name")->value, "Qwen2.5 0.5B Instruct");
    GgufHeader v2 = parse(qwen_writer(2).bytes());
    ASSERT_TRUE(v2.complete()) << v2.error;
    EXPECT_EQ(v2.version, 2u);
}

TEST(Gguf, Version1AndUnknownVersionsAreRefused) {
    for (uint32_t version : {1u, 4u, 0u}) {
        GgufHeader h = parse(GgufWriter(version).string("general.architecture", "llama").bytes());
        EXPECT_TRUE(h.magic);
        EXPECT_TRUE(h.kvs.empty()) << version;
        EXPECT_FALSE(h.error.empty()) << version;
    }
    GgufHeader none = parse(std::vector<uint8_t>{'G', 'G', 'M', 'L', 3, 0, 0, 0});
    EXPECT_FALSE(none.magic);
}

TEST(Gguf, EveryTruncationKeepsTheKeysBeforeIt) {
    const auto bytes = qwen_writer().bytes();
    const GgufHeader full = parse(bytes);
    size_t previous = 0;
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
        GgufHeader h = parse(cut);
        ASSERT_LE(h.kvs.size(), full.kvs.size()) << n;
        EXPECT_GE(h.kvs.size(), previous) << "fewer keys from a longer prefix at " << n;
        previous = h.kvs.size();
        for (size_t i = 0; i < h.kvs.size(); ++i) EXPECT_EQ(h.kvs[i].value, full.kvs[i].value) << n;
        // Until the last KV is complete, the reader says why it stopped.
        if (h.kvs.size() < full.kv_count) {
            EXPECT_FALSE(h.error.empty()) << n;
        }
    }
}

TEST(Gguf, DamagedValuesStopTheReaderWithAReason) {
    struct Case {
        const char* name;
        GgufWriter writer;
        std::string expected;
    };
    const std::vector<uint8_t> eight_ff(8, 0xff);
    std::vector<Case> cases = {
        {"UnknownType", GgufWriter().string("general.name", "a").raw("x.y", 13, {0}), "unknown value type 13 of x.y"},
        {"InvalidBool", GgufWriter().string("general.name", "a").raw("x.b", 7, {2}), "invalid value of x.b"},
        {"HugeString", GgufWriter().string("general.name", "a").raw("x.s", 8, eight_ff), "runs past the end of the file"},
        {"KeyNotAscii", GgufWriter().string("general.name", "a").string("x.\xef\xbf\xbd", "b"), "malformed key"},
        {"HugeArray",
         GgufWriter().string("general.name", "a").raw("x.arr", 9, {4, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}),
         "past the limit"},
        {"ArrayPastTheFile",
         GgufWriter().string("general.name", "a").raw("x.arr", 9, {8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}),
         "runs past the end of the file"},
        {"LyingKvCount", GgufWriter().string("general.name", "a").claim_kv_count(3), "truncated key"},
    };
    for (auto& c : cases) {
        GgufHeader h = parse(c.writer.bytes());
        ASSERT_EQ(h.kvs.size(), 1u) << c.name << ": " << h.error;
        EXPECT_EQ(h.kvs[0].value, "a") << c.name;
        EXPECT_NE(h.error.find(c.expected), std::string::npos) << c.name << ": " << h.error;
        ModelArtifact m = gguf_model_artifact(h, "f.gguf");
        EXPECT_EQ(m.name, "a") << c.name;
        ASSERT_EQ(m.problems.size(), 1u) << c.name;
        EXPECT_NE(m.problems[0].message.find("1 of"), std::string::npos) << m.problems[0].message;
    }
    // Counts no model has are refused before any allocation.
    GgufHeader lots = parse(GgufWriter().claim_kv_count(uint64_t{1} << 40).bytes());
    EXPECT_NE(lots.error.find("past any model's"), std::string::npos) << lots.error;
}

TEST(Gguf, ReadsFromAFileAndRefusesOtherFiles) {
    const auto dir = std::filesystem::temp_directory_path() / ("sovscan-gguf-" + std::to_string(::getpid()));
    qwen_writer().write((dir / "q.gguf").string());
    test::write_text_file((dir / "not.gguf").string(), "hello, not a model");
    ModelArtifact m;
    std::string error;
    ASSERT_TRUE(read_gguf_model((dir / "q.gguf").string(), m, error)) << error;
    EXPECT_EQ(m.name, "Qwen2.5 0.5B Instruct");
    EXPECT_FALSE(read_gguf_model((dir / "not.gguf").string(), m, error));
    EXPECT_NE(error.find("not a GGUF file"), std::string::npos) << error;
    EXPECT_FALSE(read_gguf_model((dir / "missing.gguf").string(), m, error));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sovscan
