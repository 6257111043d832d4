#pragma once
// Building the compiled intel files: a byte buffer with aligned sections, written atomically (a
// temporary file renamed into place) so that a reader never maps a half-written table.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

    // A string table as both compiled formats store it: a uint32 offset per string plus one past
    // the end (so string i is [index[i], index[i+1])), then the bytes; both sections 8-aligned.
    struct StringTable {
        uint64_t index_offset = 0, strings_offset = 0, strings_size = 0;
    };
    StringTable append_string_table(const std::vector<std::string>& strings) {
        StringTable t;
        pad8();
        t.index_offset = size();
        uint32_t off = 0;
        for (const auto& s : strings) {
            append(off);
            off += static_cast<uint32_t>(s.size());
        }
        append(off);
        pad8();
        t.strings_offset = size();
        t.strings_size = off;
        for (const auto& s : strings) append_bytes(s);
        pad8();
        return t;
    }
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
