#pragma once
// GGUF (llama.cpp's model file, versions 2 and 3, either byte order): the header and the metadata
// key-value pairs, read with bounds and count limits and stopped at the tensor infos, which say
// nothing about where a model comes from. A file that goes wrong after some KVs (truncated, or
// mangled by a text conversion) keeps the KVs read before: the caller gets those and the reason.
// Spec: ggml docs/gguf.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/asset_record.h"
#include "inventory/byte_source.h"

namespace sovscan {

// gguf_metadata_value_type
enum class GgufType : uint32_t {
    uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5, float32 = 6, boolean = 7,
    string = 8, array = 9, uint64 = 10, int64 = 11, float64 = 12,
};
std::string_view gguf_type_label(GgufType t);  // "uint32", "string", "array", ...

struct GgufKv {
    std::string key;
    GgufType type = GgufType::uint8;
    // Strings (the first GgufLimits::kept_string bytes), numbers and booleans as text; "" for arrays.
    std::string value;
    bool value_cut = false;        // a string longer than kept_string
    GgufType array_type = GgufType::uint8;
    uint64_t array_count = 0;      // arrays: element type and count (the elements are skipped)
    uint64_t offset = 0;           // where the KV starts in the file
};

struct GgufLimits {
    uint64_t max_kv_count = 1u << 16;       // more KVs than any model has: the count is garbage
    uint64_t max_tensor_count = 1u << 24;
    uint64_t max_key_bytes = 65535;         // the spec's limit
    size_t kept_string = 4096;              // enough for any name; chat templates are cut
    uint64_t max_array_count = 1u << 24;    // vocabularies have ~10^5 entries
    int max_array_depth = 4;                // arrays may nest; real files nest none
};

struct GgufHeader {
    bool magic = false;       // the file starts with "GGUF"
    bool big_endian = false;  // the version (and so every number) is big-endian
    uint32_t version = 0;
    uint64_t tensor_count = 0, kv_count = 0;
    std::vector<GgufKv> kvs;  // the KVs read, in file order
    std::string error;        // why reading stopped before kv_count KVs; "" when all were read
    uint64_t error_offset = 0;

    bool complete() const { return magic && error.empty(); }
    const GgufKv* find(std::string_view key) const;
};

GgufHeader parse_gguf_header(ByteSource& source, const GgufLimits& limits = {});

// The model a GGUF header describes: architecture, name, organisation, basename, base models,
// licence and tokenizer model as fields and attributes (model_clue.h), each naming `path` and its
// key; a header read only in part adds a problem saying where and why. `path` is the file.
ModelArtifact gguf_model_artifact(const GgufHeader& header, const std::string& path);

// Reads `path`: false (with `error`) when it cannot be opened or is no GGUF file at all (no magic,
// an unsupported version, counts past every limit); otherwise `out` holds what was read.
bool read_gguf_model(const std::string& path, ModelArtifact& out, std::string& error);

}  // namespace sovscan
