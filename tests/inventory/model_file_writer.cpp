#include "inventory/model_file_writer.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sovscan::test {

namespace {
// gguf_metadata_value_type, as numbered in the spec.
enum : uint32_t { kUint32 = 4, kInt32 = 5, kFloat32 = 6, kBool = 7, kString = 8, kArray = 9, kUint64 = 10 };

uint32_t float_bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}
}  // namespace

void GgufWriter::put_u32(std::vector<uint8_t>& out, uint32_t v) const {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * (big_endian_ ? 3 - i : i))));
}

void GgufWriter::put_u64(std::vector<uint8_t>& out, uint64_t v) const {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * (big_endian_ ? 7 - i : i))));
}

void GgufWriter::put_string(std::vector<uint8_t>& out, const std::string& s) const {
    put_u64(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

GgufWriter& GgufWriter::kv(const std::string& key, uint32_t type, std::vector<uint8_t> value) {
    std::vector<uint8_t> e;
    put_string(e, key);
    put_u32(e, type);
    e.insert(e.end(), value.begin(), value.end());
    kvs_.push_back(std::move(e));
    return *this;
}

GgufWriter& GgufWriter::string(const std::string& key, const std::string& value) {
    std::vector<uint8_t> v;
    put_string(v, value);
    return kv(key, kString, std::move(v));
}

GgufWriter& GgufWriter::u32(const std::string& key, uint32_t value) {
    std::vector<uint8_t> v;
    put_u32(v, value);
    if (key == "general.alignment") alignment_ = value;
    return kv(key, kUint32, std::move(v));
}

GgufWriter& GgufWriter::u64(const std::string& key, uint64_t value) {
    std::vector<uint8_t> v;
    put_u64(v, value);
    return kv(key, kUint64, std::move(v));
}

GgufWriter& GgufWriter::i32(const std::string& key, int32_t value) {
    std::vector<uint8_t> v;
    put_u32(v, static_cast<uint32_t>(value));
    return kv(key, kInt32, std::move(v));
}

GgufWriter& GgufWriter::f32(const std::string& key, float value) {
    std::vector<uint8_t> v;
    put_u32(v, float_bits(value));
    return kv(key, kFloat32, std::move(v));
}

GgufWriter& GgufWriter::boolean(const std::string& key, bool value) {
    return kv(key, kBool, {static_cast<uint8_t>(value ? 1 : 0)});
}

GgufWriter& GgufWriter::strings(const std::string& key, const std::vector<std::string>& values) {
    std::vector<uint8_t> v;
    put_u32(v, kString);
    put_u64(v, values.size());
    for (const auto& s : values) put_string(v, s);
    return kv(key, kArray, std::move(v));
}

GgufWriter& GgufWriter::floats(const std::string& key, const std::vector<float>& values) {
    std::vector<uint8_t> v;
    put_u32(v, kFloat32);
    put_u64(v, values.size());
    for (float f : values) put_u32(v, float_bits(f));
    return kv(key, kArray, std::move(v));
}

GgufWriter& GgufWriter::nested(const std::string& key, const std::vector<std::vector<int32_t>>& values) {
    std::vector<uint8_t> v;
    put_u32(v, kArray);
    put_u64(v, values.size());
    for (const auto& inner : values) {
        put_u32(v, kInt32);
        put_u64(v, inner.size());
        for (int32_t x : inner) put_u32(v, static_cast<uint32_t>(x));
    }
    return kv(key, kArray, std::move(v));
}

GgufWriter& GgufWriter::raw(const std::string& key, uint32_t type, const std::vector<uint8_t>& value) {
    return kv(key, type, value);
}

GgufWriter& GgufWriter::tensor(const std::string& name, const std::vector<uint64_t>& dims, const std::vector<float>& data) {
    tensors_.push_back({name, dims, data});
    return *this;
}

GgufWriter& GgufWriter::claim_kv_count(uint64_t n) {
    claimed_kvs_ = n;
    return *this;
}

std::vector<uint8_t> GgufWriter::bytes() const {
    std::vector<uint8_t> out = {'G', 'G', 'U', 'F'};  // the magic is bytes, in either byte order
    put_u32(out, version_);
    put_u64(out, tensors_.size());
    put_u64(out, claimed_kvs_ == UINT64_MAX ? kvs_.size() : claimed_kvs_);
    for (const auto& e : kvs_) out.insert(out.end(), e.begin(), e.end());
    // Tensor infos: offsets relative to the aligned start of the tensor data, each a multiple of
    // the alignment.
    auto align = [this](uint64_t x) { return x + (alignment_ - x % alignment_) % alignment_; };
    uint64_t offset = 0;
    for (const auto& t : tensors_) {
        put_string(out, t.name);
        put_u32(out, static_cast<uint32_t>(t.dims.size()));
        for (uint64_t d : t.dims) put_u64(out, d);
        put_u32(out, 0);  // GGML_TYPE_F32
        put_u64(out, offset);
        offset = align(offset + t.data.size() * 4);
    }
    if (!tensors_.empty()) {
        out.resize(align(out.size()), 0);
        for (const auto& t : tensors_) {
            for (float f : t.data) put_u32(out, float_bits(f));
            out.resize(align(out.size()), 0);
        }
    }
    return out;
}

void GgufWriter::write(const std::string& path) const { write_file(path, bytes()); }

SafetensorsWriter& SafetensorsWriter::metadata(const std::string& key, const std::string& value) {
    metadata_.emplace_back(key, value);
    return *this;
}

SafetensorsWriter& SafetensorsWriter::tensor(const std::string& name, const std::vector<uint64_t>& shape,
                                             const std::vector<float>& data) {
    tensors_.push_back({name, shape, data});
    return *this;
}

std::vector<uint8_t> SafetensorsWriter::bytes() const {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata_.empty()) {
        nlohmann::ordered_json m = nlohmann::ordered_json::object();
        for (const auto& [k, v] : metadata_) m[k] = v;
        header["__metadata__"] = m;
    }
    uint64_t offset = 0;
    for (const auto& t : tensors_) {
        const uint64_t end = offset + t.data.size() * 4;
        header[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, end}}};
        offset = end;
    }
    std::string text = header.dump();
    text.resize(text.size() + (8 - text.size() % 8) % 8, ' ');  // the README's padding with spaces
    std::vector<uint8_t> out;
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(uint64_t{text.size()} >> (8 * i)));
    out.insert(out.end(), text.begin(), text.end());
    for (const auto& t : tensors_)
        for (float f : t.data) {
            const uint32_t u = float_bits(f);
            for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(u >> (8 * i)));
        }
    return out;
}

void SafetensorsWriter::write(const std::string& path) const { write_file(path, bytes()); }

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

void write_text_file(const std::string& path, const std::string& text) {
    write_file(path, std::vector<uint8_t>(text.begin(), text.end()));
}

}  // namespace sovscan::test
