#pragma once
// The bytes of one capture file, as readers see them: view(offset, n) gives `n` contiguous bytes at
// a file offset. Behind it, a large file is read in 256 KiB chunks with pread() into a few reused
// buffers; a small file (up to 1 MiB) is read whole; a stream (pipe, FIFO, character device,
// standard input) is read forward with read() into the same bounded buffers, its size unknown until
// its end; a caller's memory is used as it is (fuzzing, tests).
//
// Why reads and not mmap: a scan touches each byte of a multi-gigabyte capture once. Mapping it
// costs the kernel a page-table entry per 4 KiB page, set up and torn down again, and the first
// load of each record missed the cache despite software prefetch (about a fifth of the scan's CPU
// samples on big.pcap). A read copies the chunk out of the page cache into a buffer still in L2
// when its packets are decoded, and maps no pages (figures in docs/sources.md, "Speed").
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace sovscan {

class CaptureBytes {
public:
    // Bytes of a view stay valid until this many more packets have been handed out (see
    // handed_out()): PacketPipeline keeps the last few packets in flight, and CaptureSet's merge
    // holds each file's next packet, so a packet is used at most four packets after its own.
    static constexpr uint64_t kKeepPackets = 16;
    // Read size. Each read brings this much into cache; 256 KiB stays in L2 while its packets are
    // decoded (1 MiB reads were measurably slower: docs/sources.md, "Speed").
    static constexpr size_t kChunk = 256 * 1024;
    // Files up to this size are read whole at open (their file descriptor is not kept: a directory
    // of thousands of small captures needs no descriptor per file).
    static constexpr uint64_t kReadWholeUpTo = 4 * kChunk;
    // The largest view a reader may ask for (a pcapng block body is viewed at most this far, its
    // trailing length separately): bounds every buffer, whatever lengths a hostile file claims.
    static constexpr size_t kMaxView = 320 * 1024;
    // size() of a stream whose end has not been read yet.
    static constexpr uint64_t kUnknownSize = UINT64_MAX;

    CaptureBytes() = default;
    CaptureBytes(const CaptureBytes&) = delete;
    CaptureBytes& operator=(const CaptureBytes&) = delete;
    CaptureBytes(CaptureBytes&& other) noexcept;
    CaptureBytes& operator=(CaptureBytes&& other) noexcept;
    ~CaptureBytes();

    // Opens `path` ("-" is standard input). False with a short `error` ("No such file or directory",
    // "is a directory", "empty file", "is a terminal", ...) that the caller prefixes with the path.
    // A stream's first bytes are read here, so that its format can be told at once.
    bool open(const std::string& path, std::string& error);
    // Uses `bytes` as they are, without owning them: the caller keeps them alive.
    static CaptureBytes borrow(std::span<const uint8_t> bytes);

    // The file's size; a stream's is kUnknownSize until a read met its end.
    uint64_t size() const { return size_; }
    bool size_known() const { return size_ != kUnknownSize; }
    bool is_stream() const { return stream_; }

    // The `n` bytes at `offset` (n <= kMaxView, offset + n <= size()), contiguous. Null when they
    // could not be read: the file shrank since it was opened, a read failed (error() says which),
    // or a stream ended before them (size() is then known: the caller judges the record in hand by
    // it). Views are cheapest in increasing offset order (one pread per chunk of file); in a stream
    // they must be: a view before the start of the last one read from the stream fails (error()).
    const uint8_t* view(uint64_t offset, size_t n) {
        if (offset >= start_ && offset - start_ + n <= len_) [[likely]] return data_ + (offset - start_);
        return refill(offset, n);
    }
    // The view just taken holds a packet that is handed out: its buffer is kept (not reused) until
    // kKeepPackets more packets have been handed out.
    void handed_out() {
        ++handed_;
        if (current_) current_->last_packet = handed_;
    }
    // The same for a packet at `view`, taken before the latest view (a pcapng block longer than a
    // view, whose trailing length is read after its start).
    void handed_out(const uint8_t* view);
    const std::string& error() const { return error_; }
    // Read buffers allocated so far (at most kKeepPackets + 2, streams too; tests check the bound).
    size_t buffer_count() const { return buffers_.size(); }
    // Their bytes: what reading this file costs in memory (tests check it stays bounded).
    size_t buffered_bytes() const {
        size_t total = 0;
        for (const auto& b : buffers_) total += b->capacity;
        return total;
    }

private:
    struct Buffer {
        std::unique_ptr<uint8_t[]> bytes;
        size_t capacity = 0;
        uint64_t last_packet = 0;  // handed_ when its last packet was handed out, 0 = none
    };
    const uint8_t* refill(uint64_t offset, size_t n);
    const uint8_t* refill_stream(uint64_t offset, size_t n);
    // read() into `to` until `want` bytes or the stream's end; false on a read error.
    bool read_stream(uint8_t* to, size_t want, size_t& got);
    Buffer& spare_buffer(size_t need);
    void reset();

    // What view() serves from: file bytes [start_, start_ + len_) at data_.
    const uint8_t* data_ = nullptr;
    uint64_t start_ = 0;
    size_t len_ = 0;
    uint64_t size_ = 0;
    int fd_ = -1;  // only while reading a large file or a stream
    bool stream_ = false;
    uint64_t stream_pos_ = 0;  // bytes read from the stream so far
    std::vector<std::unique_ptr<Buffer>> buffers_;
    Buffer* current_ = nullptr;  // the buffer data_ points into (null: whole file in memory)
    uint64_t handed_ = 0;
    std::string error_;
};

}  // namespace sovscan
