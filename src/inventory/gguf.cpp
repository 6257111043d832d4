#include "inventory/gguf.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>
#include <cstdlib>
#include <cstring>
#include <map>

#include "inventory/inventory_result.h"
#include "inventory/model_clue.h"

namespace sovscan {

namespace {

constexpr uint8_t kMagic[4] = {'G', 'G', 'U', 'F'};
constexpr size_t kHeaderBytes = 24;  // magic, version, tensor_count, metadata_kv_count
constexpr uint32_t kMaxBaseModels = 64;

// Byte size of a fixed-size value type; 0 for string and array.
uint64_t fixed_size(GgufType t) {
    switch (t) {
        case GgufType::uint8: case GgufType::int8: case GgufType::boolean: return 1;
        case GgufType::uint16: case GgufType::int16: return 2;
        case GgufType::uint32: case GgufType::int32: case GgufType::float32: return 4;
        case GgufType::uint64: case GgufType::int64: case GgufType::float64: return 8;
        case GgufType::string: case GgufType::array: return 0;
    }
    return 0;
}

bool known_type(uint32_t t) { return t <= static_cast<uint32_t>(GgufType::float64); }

// The spec's keys are ASCII "lower_snake_case" segments joined by dots; real files stay within
// printable ASCII. Anything else means the reader has lost its place in a damaged file.
bool plausible_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

// Reads the header and KVs in order; each step checks its bytes are in the file before using them.
class GgufReader {
public:
    GgufReader(ByteSource& src, const GgufLimits& limits, GgufHeader& h) : src_(src), limits_(limits), h_(h) {}

    void run() {
        uint8_t magic[4];
        if (!src_.read(0, magic, 4) || std::memcmp(magic, kMagic, 4) != 0) return fail(0, "no GGUF magic");
        h_.magic = true;
        pos_ = 4;
        uint32_t version_le = 0;
        if (!u32(version_le)) return fail(4, "truncated header");
        // A big-endian file's version reads as 0x03000000: numbers are swapped from here on.
        h_.big_endian = (version_le & 0xffff) == 0 && version_le != 0;
        pos_ = 4;
        if (!u32(h_.version)) return fail(4, "truncated header");
        if (h_.version == 1) return fail(4, "GGUF version 1 (32-bit counts, superseded in 2023) is not supported");
        if (h_.version != 2 && h_.version != 3) return fail(4, fmt::format("unknown GGUF version {}", h_.version));
        if (!u64(h_.tensor_count) || !u64(h_.kv_count)) return fail(8, "truncated header");
        if (h_.tensor_count > limits_.max_tensor_count)
            return fail(8, fmt::format("tensor count {} is past any model's", h_.tensor_count));
        if (h_.kv_count > limits_.max_kv_count)
            return fail(16, fmt::format("metadata count {} is past any model's", h_.kv_count));
        for (uint64_t i = 0; i < h_.kv_count; ++i) {
            GgufKv kv;
            kv.offset = pos_;
            std::string why;
            if (!read_kv(kv, why)) return fail(kv.offset, why);
            h_.kvs.push_back(std::move(kv));
        }
    }

private:
    void fail(uint64_t offset, std::string why) {
        h_.error = std::move(why);
        h_.error_offset = offset;
    }

    uint64_t remaining() const { return pos_ <= src_.size() ? src_.size() - pos_ : 0; }

    // A number in the file's byte order, whatever the host's.
    template <typename T>
    bool number(T& out) {
        using Bits = std::conditional_t<sizeof(T) == 1, uint8_t,
                     std::conditional_t<sizeof(T) == 2, uint16_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>>;
        uint8_t b[sizeof(T)];
        if (!src_.read(pos_, b, sizeof(T))) return false;
        pos_ += sizeof(T);
        uint64_t v = 0;
        for (size_t i = 0; i < sizeof(T); ++i) v |= uint64_t{b[h_.big_endian ? sizeof(T) - 1 - i : i]} << (8 * i);
        const Bits bits = static_cast<Bits>(v);
        std::memcpy(&out, &bits, sizeof(T));
        return true;
    }
    bool u32(uint32_t& v) { return number(v); }
    bool u64(uint64_t& v) { return number(v); }

    // A gguf_string_t: keeps up to `keep` bytes in `out` (when given) and skips the rest.
    bool string(std::string* out, size_t keep, bool* cut, std::string& why) {
        uint64_t len = 0;
        const uint64_t at = pos_;
        if (!u64(len)) return (why = "truncated string length", false);
        if (len > remaining())
            return (why = fmt::format("string length {} at byte {} runs past the end of the file ({} bytes)", len, at,
                                      src_.size()),
                    false);
        if (out) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(len, keep));
            out->resize(n);
            if (n && !src_.read(pos_, out->data(), n)) return (why = "unreadable string", false);
            if (cut) *cut = len > keep;
        }
        pos_ += len;
        return true;
    }

    bool read_kv(GgufKv& kv, std::string& why) {
        uint64_t key_len = 0;
        if (!number(key_len)) return (why = "truncated key", false);
        if (key_len > limits_.max_key_bytes || key_len > remaining())
            return (why = fmt::format("key length {} is past the limit or the file", key_len), false);
        pos_ -= 8;
        if (!string(&kv.key, static_cast<size_t>(key_len), nullptr, why)) return false;
        if (!plausible_key(kv.key)) return (why = fmt::format("malformed key {}", quoted_value(kv.key)), false);
        uint32_t type = 0;
        if (!u32(type)) return (why = fmt::format("truncated type of {}", kv.key), false);
        if (!known_type(type)) return (why = fmt::format("unknown value type {} of {}", type, kv.key), false);
        kv.type = static_cast<GgufType>(type);
        if (kv.type == GgufType::array) {
            uint32_t element = 0;
            if (!u32(element) || !u64(kv.array_count)) return (why = fmt::format("truncated array {}", kv.key), false);
            if (!known_type(element)) return (why = fmt::format("unknown element type {} of {}", element, kv.key), false);
            kv.array_type = static_cast<GgufType>(element);
            if (!skip_elements(kv.array_type, kv.array_count, 1, why)) return (why = kv.key + ": " + why, false);
            return true;
        }
        if (kv.type == GgufType::string)
            return string(&kv.value, limits_.kept_string, &kv.value_cut, why) || (why = kv.key + ": " + why, false);
        if (!scalar(kv.type, kv.value)) return (why = fmt::format("truncated or invalid value of {}", kv.key), false);
        return true;
    }

    // A fixed-size value as text.
    bool scalar(GgufType t, std::string& out) {
        switch (t) {
            case GgufType::uint8: { uint8_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::int8: { int8_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::uint16: { uint16_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::int16: { int16_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::uint32: { uint32_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::int32: { int32_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::uint64: { uint64_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::int64: { int64_t v; if (!number(v)) return false; out = std::to_string(v); return true; }
            case GgufType::float32: { float v; if (!number(v)) return false; out = fmt::format("{}", v); return true; }
            case GgufType::float64: { double v; if (!number(v)) return false; out = fmt::format("{}", v); return true; }
            case GgufType::boolean: {
                uint8_t v;
                if (!number(v) || v > 1) return false;  // the spec: anything but 0 or 1 is invalid
                out = v ? "true" : "false";
                return true;
            }
            case GgufType::string: case GgufType::array: break;
        }
        return false;
    }

    // Skips `count` elements of type `t` without keeping them, checking each length against the file.
    bool skip_elements(GgufType t, uint64_t count, int depth, std::string& why) {
        if (count > limits_.max_array_count) return (why = fmt::format("array of {} elements is past the limit", count), false);
        if (const uint64_t size = fixed_size(t)) {
            if (count > remaining() / size) return (why = fmt::format("array of {} elements runs past the end of the file", count), false);
            pos_ += count * size;
            return true;
        }
        if (t == GgufType::string) {
            if (count > remaining() / 8) return (why = fmt::format("array of {} strings runs past the end of the file", count), false);
            for (uint64_t i = 0; i < count; ++i)
                if (!string(nullptr, 0, nullptr, why)) return (why = fmt::format("element {}: {}", i, why), false);
            return true;
        }
        if (depth >= limits_.max_array_depth) return (why = "arrays nested too deep", false);
        if (count > remaining() / 12) return (why = fmt::format("array of {} arrays runs past the end of the file", count), false);
        for (uint64_t i = 0; i < count; ++i) {
            uint32_t element = 0;
            uint64_t n = 0;
            if (!u32(element) || !u64(n)) return (why = "truncated nested array", false);
            if (!known_type(element)) return (why = fmt::format("unknown element type {}", element), false);
            if (!skip_elements(static_cast<GgufType>(element), n, depth + 1, why)) return false;
        }
        return true;
    }

    ByteSource& src_;
    const GgufLimits& limits_;
    GgufHeader& h_;
    uint64_t pos_ = kHeaderBytes;
};

// "general.base_model.3.name" -> 3 and "name"; false for other keys.
bool base_model_key(std::string_view key, uint32_t& index, std::string_view& field) {
    constexpr std::string_view prefix = "general.base_model.";
    if (key.substr(0, prefix.size()) != prefix) return false;
    key.remove_prefix(prefix.size());
    const size_t dot = key.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 4) return false;
    index = 0;
    for (char c : key.substr(0, dot)) {
        if (c < '0' || c > '9') return false;
        index = index * 10 + static_cast<uint32_t>(c - '0');
    }
    field = key.substr(dot + 1);
    return true;
}

}  // namespace

std::string_view gguf_type_label(GgufType t) {
    switch (t) {
        case GgufType::uint8: return "uint8";
        case GgufType::int8: return "int8";
        case GgufType::uint16: return "uint16";
        case GgufType::int16: return "int16";
        case GgufType::uint32: return "uint32";
        case GgufType::int32: return "int32";
        case GgufType::float32: return "float32";
        case GgufType::boolean: return "bool";
        case GgufType::string: return "string";
        case GgufType::array: return "array";
        case GgufType::uint64: return "uint64";
        case GgufType::int64: return "int64";
        case GgufType::float64: return "float64";
    }
    return "unknown";
}

const GgufKv* GgufHeader::find(std::string_view key) const {
    for (const GgufKv& kv : kvs)
        if (kv.key == key) return &kv;
    return nullptr;
}

GgufHeader parse_gguf_header(ByteSource& source, const GgufLimits& limits) {
    GgufHeader h;
    GgufReader(source, limits, h).run();
    return h;
}

ModelArtifact gguf_model_artifact(const GgufHeader& h, const std::string& path) {
    ModelArtifact m;
    m.path = path;
    m.format = "gguf";
    m.files.push_back(path);
    m.local_weights = true;  // a GGUF file is the weights (a vocab-only file has tensor_count 0)
    m.source.kind = AssetSourceKind::model;
    m.source.file = path;
    m.source.detail = fmt::format("GGUF v{}{}, {} tensors, {} metadata keys", h.version,
                                  h.big_endian ? " big-endian" : "", h.tensor_count, h.kv_count);
    if (h.tensor_count == 0) m.local_weights = false;
    auto text = [](const GgufKv& kv) { return kv.type == GgufType::string ? kv.value : std::string(); };
    auto clue = [&](std::string_view name, const GgufKv& kv) { add_model_clue(m, name, text(kv), path, kv.key); };
    auto repo = [&](const GgufKv& kv, std::string_view org_clue, std::string_view name_clue) {
        if (auto id = parse_repo_id(text(kv))) {
            add_model_clue(m, org_clue, id->owner, path, kv.key + " (owner)");
            add_model_clue(m, name_clue, id->name, path, kv.key + " (name)");
        }
    };
    std::map<uint32_t, BaseModelRef> bases;
    uint64_t base_count = 0;
    uint32_t base_index = 0;
    std::string_view base_field;
    for (const GgufKv& kv : h.kvs) {
        const std::string& k = kv.key;
        if (k == "general.architecture") {
            m.architecture = text(kv);
            clue(model_clue::architecture, kv);
        } else if (k == "general.name") {
            m.name = text(kv);
            clue(model_clue::name, kv);
        } else if (k == "general.basename") {
            clue(model_clue::name, kv);
        } else if (k == "general.organization") {
            m.organization = text(kv);
            clue(model_clue::organization, kv);
        } else if (k == "general.license") {
            m.license = text(kv);
        } else if (k == "general.repo_url" || k == "general.url" || k == "general.source.url" ||
                   k == "general.source.repo_url" || k == "general.source.huggingface.repository") {
            repo(kv, model_clue::organization, model_clue::name);
        } else if (k == "general.base_model.count") {
            base_count = kv.type == GgufType::string || kv.type == GgufType::array ? 0 : std::strtoull(kv.value.c_str(), nullptr, 10);
        } else if (k == "tokenizer.ggml.model") {
            // The tokenizer family (llama, gpt2, bert, ...): shared by many publishers, kept for the
            // report, not matched.
            add_model_clue(m, model_clue::tokenizer_model, text(kv), path, kv.key);
        } else if (base_model_key(k, base_index, base_field) && base_index < kMaxBaseModels) {
            BaseModelRef& b = bases[base_index];
            const std::string_view field = base_field;
            if (field == "name") {
                b.name = text(kv);
                clue(model_clue::base_model_name, kv);
            } else if (field == "organization") {
                b.organization = text(kv);
                clue(model_clue::base_model_organization, kv);
            } else if (field == "repo_url") {
                b.repo_url = text(kv);
                repo(kv, model_clue::base_model_organization, model_clue::base_model_name);
            }
        }
    }
    for (auto& [index, base] : bases)
        if (index < base_count || base_count == 0) m.base_models.push_back(std::move(base));
    if (!m.base_models.empty()) m.base_model = m.base_models.front().name;
    if (!h.error.empty())
        m.problems.push_back({fmt::format("{}: byte {}", path, h.error_offset),
                              fmt::format("metadata read in part: {} of {} keys before the reader stopped: {}",
                                          h.kvs.size(), h.kv_count, h.error)});
    return m;
}

bool read_gguf_model(const std::string& path, ModelArtifact& out, std::string& error) {
    FileByteSource file;
    if (!file.open(path, error)) return false;
    GgufHeader h = parse_gguf_header(file);
    if (!h.magic) {
        error = "not a GGUF file (no \"GGUF\" magic)";
        return false;
    }
    if (h.version != 2 && h.version != 3) {  // nothing past the version can be read
        error = h.error;
        return false;
    }
    if (h.kvs.empty() && !h.error.empty() && h.error_offset < kHeaderBytes) {
        error = h.error;
        return false;
    }
    out = gguf_model_artifact(h, path);
    return true;
}

}  // namespace sovscan
