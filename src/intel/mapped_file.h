#pragma once
// A read-only memory mapping of a whole file: compiled intel tables are used in place, never parsed.
#include <cstddef>
#include <cstdint>
#include <span>
#include <cstring>
#include <string>
#include <string_view>

namespace sovscan {

class MappedFile {
public:
    MappedFile() = default;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    ~MappedFile();

    // Maps `path`; false with `error` when it cannot be opened or mapped (an empty file is an error).
    bool open(const std::string& path, std::string& error);
    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const std::string& path() const { return path_; }

private:
    void reset();
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    std::string path_;
};

// Typed views into a mapping, for the compiled-file readers: `fits` checks that `count` objects of T
// at `offset` lie inside `bytes` and are aligned, before `section` hands out the pointer.
template <typename T>
bool fits(std::span<const uint8_t> bytes, uint64_t offset, uint64_t count) {
    return offset % alignof(T) == 0 && offset <= bytes.size() && count <= (bytes.size() - offset) / sizeof(T);
}
template <typename T>
const T* section(std::span<const uint8_t> bytes, uint64_t offset) {
    return reinterpret_cast<const T*>(bytes.data() + offset);
}

// The header of a compiled intel file (asn.bin, oui.bin): present, with the right magic, format
// version and header size. On failure `error` says what is wrong, in words naming `file_name`.
template <typename Header>
const Header* compiled_header(std::span<const uint8_t> bytes, const char (&magic)[8], uint32_t version,
                              const char* file_name, std::string& error) {
    if (bytes.size() < sizeof(Header)) {
        error = std::string("too short for an ") + file_name + " header";
        return nullptr;
    }
    const Header* h = section<Header>(bytes, 0);
    if (std::memcmp(h->magic, magic, sizeof magic) != 0) {
        error = std::string("not an ") + file_name + " file (bad magic)";
        return nullptr;
    }
    if (h->format_version != version || h->header_size != sizeof(Header)) {
        error = std::string(file_name) + " format version " + std::to_string(h->format_version) + " (this build reads " +
                std::to_string(version) + "); rebuild the intel";
        return nullptr;
    }
    return h;
}

// String `id` of a compiled file's string table (BinaryWriter::append_string_table: `count + 1`
// offsets into a blob of `blob_size` bytes), or "" when the id or its offsets are out of range.
// Checked per lookup rather than at load, so that opening stays O(1) on a 10 MB file.
inline std::string_view string_table_at(const uint32_t* offsets, const char* blob, uint32_t count,
                                        uint32_t blob_size, uint32_t id) {
    if (id >= count) return {};
    const uint32_t b = offsets[id], e = offsets[id + 1];
    if (b > e || e > blob_size) return {};
    return {blob + b, e - b};
}

}  // namespace sovscan
