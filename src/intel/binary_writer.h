#pragma once
// Building the compiled intel files: a byte buffer with aligned sections, written atomically (a
// temporary file renamed into place) so that a reader never maps a half-written table.
#include <cstdint>
#include <string>
#include <string_view>

namespace sovscan {

class BinaryWriter {
public:
    template <typename T>
    void append(const T& v) {
        buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void append_bytes(std::string_view s) { buf_.append(s); }
    void pad8() {
        while (buf_.size() % 8) buf_.push_back('\0');
    }
    uint64_t size() const { return buf_.size(); }
    // Overwrites bytes at `offset` (the header, once the section offsets are known).
    template <typename T>
    void put_at(uint64_t offset, const T& v) {
        buf_.replace(offset, sizeof v, reinterpret_cast<const char*>(&v), sizeof v);
    }
    bool write_atomically(const std::string& path, std::string& error) const;

private:
    std::string buf_;
};

}  // namespace sovscan
