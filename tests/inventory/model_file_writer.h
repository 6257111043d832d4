#pragma once
// The tests' own writer of real model files, written from the published formats rather than from
// our readers: GGUF v2/v3 as ggml's docs/gguf.md specifies it (header, typed metadata KVs, tensor
// infos, padding to general.alignment, tensor data; either byte order), and safetensors as the
// huggingface/safetensors README does (8-byte little-endian header length, JSON header with dtype,
// shape and data_offsets per tensor and an optional "__metadata__" map, padded with spaces to 8
// bytes, then the data).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sovscan::test {

class GgufWriter {
public:
    explicit GgufWriter(uint32_t version = 3, bool big_endian = false) : version_(version), big_endian_(big_endian) {}

    GgufWriter& string(const std::string& key, const std::string& value);
    GgufWriter& u32(const std::string& key, uint32_t value);
    GgufWriter& u64(const std::string& key, uint64_t value);
    GgufWriter& i32(const std::string& key, int32_t value);
    GgufWriter& f32(const std::string& key, float value);
    GgufWriter& boolean(const std::string& key, bool value);
    GgufWriter& strings(const std::string& key, const std::vector<std::string>& values);  // array of string
    GgufWriter& floats(const std::string& key, const std::vector<float>& values);         // array of float32
    // An array of arrays of int32 (the spec allows nesting).
    GgufWriter& nested(const std::string& key, const std::vector<std::vector<int32_t>>& values);
    // A raw KV: the key, a type number and the value's bytes as written (for invalid values).
    GgufWriter& raw(const std::string& key, uint32_t type, const std::vector<uint8_t>& value);
    // An F32 tensor (ggml type 0) with its dimensions (innermost first, as GGUF stores them).
    GgufWriter& tensor(const std::string& name, const std::vector<uint64_t>& dims, const std::vector<float>& data);
    // Writes a metadata_kv_count other than the number of KVs given (a lying header).
    GgufWriter& claim_kv_count(uint64_t n);

    std::vector<uint8_t> bytes() const;
    void write(const std::string& path) const;

private:
    struct Tensor {
        std::string name;
        std::vector<uint64_t> dims;
        std::vector<float> data;
    };
    void put_u32(std::vector<uint8_t>& out, uint32_t v) const;
    void put_u64(std::vector<uint8_t>& out, uint64_t v) const;
    void put_string(std::vector<uint8_t>& out, const std::string& s) const;
    GgufWriter& kv(const std::string& key, uint32_t type, std::vector<uint8_t> value);

    uint32_t version_;
    bool big_endian_;
    std::vector<std::vector<uint8_t>> kvs_;  // each: key, type and value, encoded
    std::vector<Tensor> tensors_;
    uint64_t claimed_kvs_ = UINT64_MAX;
    uint32_t alignment_ = 32;
};

class SafetensorsWriter {
public:
    SafetensorsWriter& metadata(const std::string& key, const std::string& value);
    // An F32 tensor, row-major.
    SafetensorsWriter& tensor(const std::string& name, const std::vector<uint64_t>& shape, const std::vector<float>& data);

    std::vector<uint8_t> bytes() const;
    void write(const std::string& path) const;

private:
    struct Tensor {
        std::string name;
        std::vector<uint64_t> shape;
        std::vector<float> data;
    };
    std::vector<std::pair<std::string, std::string>> metadata_;
    std::vector<Tensor> tensors_;
};

// Writes `bytes` (or text) to `path`, creating its directory.
void write_file(const std::string& path, const std::vector<uint8_t>& bytes);
void write_text_file(const std::string& path, const std::string& text);

}  // namespace sovscan::test
