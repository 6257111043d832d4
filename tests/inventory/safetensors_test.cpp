// safetensors headers written by the tests' own writer (model_file_writer.h, from the README) read
// back, and headers broken in each way the format can be: refused or reported, never a crash.
#include <gtest/gtest.h>

#include <cstring>

#include "inventory/model_clue.h"
#include "inventory/model_file_writer.h"
#include "inventory/safetensors.h"

namespace sovscan {
namespace {

using test::SafetensorsWriter;

SafetensorsHeader parse(const std::vector<uint8_t>& bytes, uint64_t limit = kSafetensorsMaxHeader) {
    MemoryByteSource src(bytes);
    return parse_safetensors_header(src, limit);
}

// The header length and JSON text of a file, rewritten.
std::vector<uint8_t> with_header(const std::string& json, uint64_t declared, size_t data = 0) {
    std::vector<uint8_t> out(8);
    for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(declared >> (8 * i));
    out.insert(out.end(), json.begin(), json.end());
    out.resize(out.size() + data, 0);
    return out;
}

TEST(Safetensors, ReadsTensorsAndMetadata) {
    auto bytes = SafetensorsWriter()
                     .metadata("format", "pt")
                     .metadata("modelspec.title", "Llama 3 8B")
                     .metadata("modelspec.author", "Meta")
                     .metadata("modelspec.architecture", "llama")
                     .metadata("license", "llama3")
                     .tensor("model.embed_tokens.weight", {4, 2}, std::vector<float>(8, 0.25f))
                     .tensor("model.norm.weight", {2}, {1, 1})
                     .bytes();
    SafetensorsHeader h = parse(bytes);
    ASSERT_TRUE(h.error.empty()) << h.error;
    EXPECT_TRUE(h.defects.empty());
    EXPECT_EQ(h.tensor_count, 2u);
    EXPECT_EQ(h.data_size, 40u);
    EXPECT_EQ(h.header_size % 8, 0u);  // padded with spaces, as the README says
    ASSERT_EQ(h.metadata.size(), 5u);
    EXPECT_EQ(h.metadata[0], (std::pair<std::string, std::string>{"format", "pt"}));
    ModelArtifact m = safetensors_model_artifact(h, "/m/model.safetensors");
    EXPECT_EQ(m.format, "safetensors");
    EXPECT_TRUE(m.local_weights);
    EXPECT_EQ(m.name, "Llama 3 8B");
    EXPECT_EQ(m.organization, "Meta");
    EXPECT_EQ(m.architecture, "llama");
    EXPECT_EQ(m.license, "llama3");
    ASSERT_EQ(m.attributes.size(), 3u);
    EXPECT_EQ(m.attributes[0].name, model_clue::name);
    EXPECT_EQ(m.attributes[0].source.detail, "__metadata__ modelspec.title");
}

TEST(Safetensors, UnreadableHeadersAreRefused) {
    EXPECT_NE(parse({1, 2, 3}).error.find("shorter than"), std::string::npos);
    EXPECT_NE(parse(with_header("{}", 1'000'000'000)).error.find("past the"), std::string::npos);
    EXPECT_NE(parse(with_header("{}", 64)).error.find("runs past the end"), std::string::npos);
    EXPECT_NE(parse(with_header("[1,2]   ", 8)).error.find("does not start with '{'"), std::string::npos);
    EXPECT_NE(parse(with_header("{\"a\":   ", 8)).error.find("not a JSON object"), std::string::npos);
    // A smaller limit is honoured (the default is the reference implementation's 100 MB).
    EXPECT_NE(parse(with_header("{}      ", 8), 4).error.find("limit"), std::string::npos);
}

TEST(Safetensors, BrokenTensorsAreDefectsAndTheRestStands) {
    const std::string json =
        R"({"__metadata__":{"name":"x","n":3},)"
        R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
        R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,4]},)"
        R"("c":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]},)"
        R"("d":{"shape":[2],"data_offsets":[0,80]},)"
        R"("e":7})";
    SafetensorsHeader h = parse(with_header(json, json.size(), 8));
    ASSERT_TRUE(h.error.empty()) << h.error;
    EXPECT_EQ(h.tensor_count, 5u);
    ASSERT_EQ(h.defects.size(), 6u);
    EXPECT_NE(h.defects[0].find("'n' is not a string"), std::string::npos) << h.defects[0];
    EXPECT_NE(h.defects[1].find("tensor 'b': data_offsets [8, 4] end before they begin"), std::string::npos) << h.defects[1];
    EXPECT_NE(h.defects[2].find("tensor 'c': a dimension"), std::string::npos) << h.defects[2];
    EXPECT_NE(h.defects[3].find("tensor 'd': no dtype"), std::string::npos) << h.defects[3];
    EXPECT_NE(h.defects[4].find("past the 8 data bytes"), std::string::npos) << h.defects[4];
    EXPECT_NE(h.defects[5].find("tensor 'e': not an object"), std::string::npos) << h.defects[5];
    ModelArtifact m = safetensors_model_artifact(h, "w.safetensors");
    EXPECT_EQ(m.name, "x");
    EXPECT_EQ(m.problems.size(), 6u);
}

TEST(Safetensors, EveryTruncationIsRefusedOrReadWithoutCrash) {
    auto bytes = SafetensorsWriter().metadata("name", "m").tensor("t", {3}, {1, 2, 3}).bytes();
    for (size_t n = 0; n < bytes.size(); ++n) {
        SafetensorsHeader h = parse(std::vector<uint8_t>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n)));
        EXPECT_TRUE(!h.error.empty() || !h.defects.empty()) << n;  // the data is cut at least
    }
}

}  // namespace
}  // namespace sovscan
