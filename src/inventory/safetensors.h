#pragma once
// safetensors (Hugging Face's weights file): an 8-byte little-endian header length, a JSON header
// naming each tensor's dtype, shape and byte range, an optional "__metadata__" map of strings, then
// the data. Only the header is read; its length is bounded (100 MB, the reference implementation's
// limit) before anything is allocated. Spec: the huggingface/safetensors README.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "inventory/asset_record.h"
#include "inventory/byte_source.h"

namespace sovscan {

inline constexpr uint64_t kSafetensorsMaxHeader = 100'000'000;

struct SafetensorsHeader {
    uint64_t header_size = 0;
    size_t tensor_count = 0;
    uint64_t data_size = 0;  // the largest end offset of any tensor
    std::vector<std::pair<std::string, std::string>> metadata;  // "__metadata__", in header order
    std::string error;                 // the header cannot be read at all ("" when it can)
    std::vector<std::string> defects;  // tensors or metadata entries that break the format
};

SafetensorsHeader parse_safetensors_header(ByteSource& source, uint64_t max_header = kSafetensorsMaxHeader);

// The model a safetensors header describes (format safetensors, local weights): names, organisation,
// architecture and licence from "__metadata__" where a writer put them there (modelspec.* keys of
// Stability's model spec, or plain name/author/architecture/license), each defect as a problem.
ModelArtifact safetensors_model_artifact(const SafetensorsHeader& header, const std::string& path);

// Reads `path`: false (with `error`) when it cannot be opened or its header cannot be read.
bool read_safetensors_model(const std::string& path, ModelArtifact& out, std::string& error);

}  // namespace sovscan
