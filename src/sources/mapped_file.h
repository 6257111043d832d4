#pragma once
// The bytes of one capture file: a read-only private mapping of the file, or (when the file cannot
// be mapped, e.g. a FIFO) a buffer it was read into, or a caller's memory (fuzzing). Readers keep
// pointers into it, so it never moves its bytes once open.
//
// Named CaptureMapping, not MappedFile: intel/ has its own MappedFile in namespace sovscan, and both
// stages are linked into one binary.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace sovscan {

class CaptureMapping {
public:
    CaptureMapping() = default;
    CaptureMapping(const CaptureMapping&) = delete;
    CaptureMapping& operator=(const CaptureMapping&) = delete;
    CaptureMapping(CaptureMapping&& other) noexcept;
    CaptureMapping& operator=(CaptureMapping&& other) noexcept;
    ~CaptureMapping();

    // Maps `path` (MAP_PRIVATE, PROT_READ, MADV_SEQUENTIAL). False with a short `error` ("No such
    // file or directory", "is a directory", "empty file", ...) that the caller prefixes with the path.
    bool open(const std::string& path, std::string& error);
    // Uses `bytes` as they are, without owning them: the caller keeps them alive.
    static CaptureMapping borrow(std::span<const uint8_t> bytes);

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    // The reader is at `offset`: pages a window behind it leave this process's resident set (they
    // stay in the page cache, and reading them again simply faults them back in, so views into them
    // stay valid), and the window ahead is mapped in one call. Keeps peak RSS flat on
    // multi-gigabyte captures and replaces one page fault per 4-64 KiB with one system call per
    // window (page faults were a third of the run time on a 1.7 GB capture).
    void advance_to(size_t offset);
    bool mapped() const { return mapped_; }

private:
    void reset();
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    bool mapped_ = false;                 // data_ is an mmap region to unmap
    size_t released_ = 0;                 // bytes from the start already released
    size_t populated_ = 0;                // bytes from the start already mapped in ahead
    std::unique_ptr<uint8_t[]> buffer_;   // the fallback copy, when not mapped
};

}  // namespace sovscan
