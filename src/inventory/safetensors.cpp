#include "inventory/safetensors.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "inventory/inventory_result.h"
#include "inventory/model_clue.h"

namespace sovscan {

namespace {

constexpr size_t kMaxDefects = 20;  // a broken header says so often enough by then

// Which "__metadata__" keys say what about the model. Writers agree on no vocabulary: these are
// Stability's model spec (modelspec.*) and the plain words some exporters use.
struct MetadataKey {
    std::string_view key, clue;
};
constexpr MetadataKey kMetadataKeys[] = {
    {"modelspec.architecture", model_clue::architecture}, {"architecture", model_clue::architecture},
    {"model_type", model_clue::architecture},             {"modelspec.title", model_clue::name},
    {"name", model_clue::name},                           {"model_name", model_clue::name},
    {"modelspec.author", model_clue::organization},       {"author", model_clue::organization},
    {"organization", model_clue::organization},           {"base_model", model_clue::base_model_name},
};

void check_tensor(const std::string& name, const nlohmann::ordered_json& t, uint64_t data_available, SafetensorsHeader& h) {
    auto defect = [&](const std::string& what) {
        if (h.defects.size() < kMaxDefects) h.defects.push_back(fmt::format("tensor {}: {}", quoted_value(name), what));
    };
    if (!t.is_object()) return defect("not an object");
    auto dtype = t.find("dtype");
    if (dtype == t.end() || !dtype->is_string()) defect("no dtype");
    auto shape = t.find("shape");
    if (shape == t.end() || !shape->is_array()) defect("no shape");
    else
        for (const auto& d : *shape)
            if (!d.is_number_unsigned()) {
                defect("a dimension is not a non-negative integer");
                break;
            }
    auto offsets = t.find("data_offsets");
    if (offsets == t.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
        !(*offsets)[1].is_number_unsigned())
        return defect("data_offsets is not [begin, end]");
    const uint64_t begin = (*offsets)[0].get<uint64_t>(), end = (*offsets)[1].get<uint64_t>();
    if (begin > end) return defect(fmt::format("data_offsets [{}, {}] end before they begin", begin, end));
    if (end > data_available) defect(fmt::format("data_offsets end at {}, past the {} data bytes in the file", end, data_available));
    h.data_size = std::max(h.data_size, end);
}

}  // namespace

SafetensorsHeader parse_safetensors_header(ByteSource& source, uint64_t max_header) {
    SafetensorsHeader h;
    uint8_t len[8];
    if (!source.read(0, len, 8)) return (h.error = "shorter than the 8-byte header length", h);
    for (int i = 7; i >= 0; --i) h.header_size = (h.header_size << 8) | len[i];
    if (h.header_size > max_header)
        return (h.error = fmt::format("header length {} is past the {} byte limit", h.header_size, max_header), h);
    if (h.header_size > source.size() - 8)
        return (h.error = fmt::format("header length {} runs past the end of the file ({} bytes)", h.header_size,
                                      source.size()),
                h);
    std::string text(static_cast<size_t>(h.header_size), '\0');
    if (!source.read(8, text.data(), text.size())) return (h.error = "unreadable header", h);
    if (text.empty() || text[0] != '{') return (h.error = "the header does not start with '{'", h);
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return (h.error = "the header is not a JSON object", h);
    const uint64_t data_available = source.size() - 8 - h.header_size;
    for (const auto& [key, value] : j.items()) {
        if (key != "__metadata__") {
            ++h.tensor_count;
            check_tensor(key, value, data_available, h);
            continue;
        }
        if (!value.is_object()) {
            h.defects.push_back("__metadata__ is not an object");
            continue;
        }
        for (const auto& [mk, mv] : value.items()) {
            if (mv.is_string()) h.metadata.emplace_back(mk, mv.get<std::string>());
            else if (h.defects.size() < kMaxDefects)
                h.defects.push_back(fmt::format("__metadata__ {} is not a string", quoted_value(mk)));
        }
    }
    return h;
}

ModelArtifact safetensors_model_artifact(const SafetensorsHeader& h, const std::string& path) {
    ModelArtifact m;
    m.path = path;
    m.format = "safetensors";
    m.files.push_back(path);
    m.local_weights = h.tensor_count > 0;
    m.source.kind = AssetSourceKind::model;
    m.source.file = path;
    m.source.detail = fmt::format("safetensors, {} tensors, {} header bytes", h.tensor_count, h.header_size);
    for (const auto& [key, value] : h.metadata) {
        for (const MetadataKey& k : kMetadataKeys)
            if (key == k.key) add_model_clue(m, k.clue, value, path, "__metadata__ " + key);
        if (key == "modelspec.license" || key == "license") m.license = value;
    }
    for (const AssetAttribute& a : m.attributes) {
        if (a.name == model_clue::architecture && m.architecture.empty()) m.architecture = a.value;
        if (a.name == model_clue::name && m.name.empty()) m.name = a.value;
        if (a.name == model_clue::organization && m.organization.empty()) m.organization = a.value;
        if (a.name == model_clue::base_model_name && m.base_models.empty()) m.base_models.push_back({a.value, "", ""});
    }
    if (!m.base_models.empty()) m.base_model = m.base_models.front().name;
    for (const std::string& d : h.defects) m.problems.push_back({path, d});
    return m;
}

bool read_safetensors_model(const std::string& path, ModelArtifact& out, std::string& error) {
    FileByteSource file;
    if (!file.open(path, error)) return false;
    SafetensorsHeader h = parse_safetensors_header(file);
    if (!h.error.empty()) {
        error = "not a safetensors file: " + h.error;
        return false;
    }
    out = safetensors_model_artifact(h, path);
    return true;
}

}  // namespace sovscan
