#pragma once
// Bytes at offsets of a model file, read on demand: the header readers (GGUF, safetensors) walk a
// file of many gigabytes without loading it, and the fuzz targets and tests give them memory.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <span>
#include <string>
#include <vector>

namespace sovscan {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual uint64_t size() const = 0;
    // Copies `n` bytes at `offset` to `out`; false when they are not all there or cannot be read.
    virtual bool read(uint64_t offset, void* out, size_t n) = 0;
};

class MemoryByteSource : public ByteSource {
public:
    explicit MemoryByteSource(std::span<const uint8_t> bytes) : bytes_(bytes) {}
    uint64_t size() const override { return bytes_.size(); }
    bool read(uint64_t offset, void* out, size_t n) override;

private:
    std::span<const uint8_t> bytes_;
};

// A file read through one window of 64 KiB: the header readers go forward in small steps, so
// nearly every read is a copy from the window.
class FileByteSource : public ByteSource {
public:
    // False (with `error`) when the file cannot be opened.
    bool open(const std::string& path, std::string& error);
    uint64_t size() const override { return size_; }
    bool read(uint64_t offset, void* out, size_t n) override;

private:
    static constexpr size_t kWindow = 64 * 1024;
    std::ifstream in_;
    uint64_t size_ = 0;
    std::vector<uint8_t> window_;
    uint64_t window_offset_ = 0;
};

}  // namespace sovscan
