#pragma once
// One pcap or pcapng file, read front to back (sources/capture_bytes.h) without copying packet bytes
// out of the read buffers.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "sources/capture_bytes.h"
#include "sources/raw_packet.h"

namespace sovscan {

// Larger captured lengths are treated as corruption (libpcap and Wireshark use the same bound).
inline constexpr uint32_t kMaxCaplen = 256 * 1024;

class CaptureFile {
public:
    // Opens `path`, checks its header and picks the pcap or pcapng reader. On failure (missing, not a
    // capture, empty, unsupported) records one clear error naming the file in `diag` and returns null.
    // `diag` must outlive the returned reader (end-of-file warnings are recorded there).
    static std::unique_ptr<CaptureFile> open(const std::string& path, uint16_t input_index, Diagnostics& diag);
    // The same over bytes already in memory, which the caller keeps alive; `name` stands for the path
    // in messages. For fuzzing and tests: no file system involved.
    static std::unique_ptr<CaptureFile> open_memory(std::span<const uint8_t> bytes, const std::string& name,
                                                    uint16_t input_index, Diagnostics& diag);
    virtual ~CaptureFile() = default;

    // The next packet, or false at the end. A truncated or corrupt tail ends the file with a warning
    // ("truncated capture: ...") and marks it partial in `diag`; what came before stands. A file that
    // ends cleanly without a single packet gets the warning "capture has no packets".
    // `out.data` points into the file's mapping and stays valid as long as this reader lives.
    virtual bool next(RawPacket& out) = 0;
    // Up to `max` next packets into `out`; fewer only at the end. The same packets as next() would
    // give, one call for several: a reader overrides it to read them in one loop, without a virtual
    // call and a function entry per packet.
    virtual size_t next_batch(RawPacket* out, size_t max) {
        size_t n = 0;
        while (n < max && next(out[n])) ++n;
        return n;
    }

    const std::string& path() const { return path_; }
    // The file's size; a stream's is CaptureBytes::kUnknownSize until its end was read (known once
    // next() returned false, unless a read failed or the stream was corrupt: then where it stopped).
    uint64_t size_bytes() const { return size_; }
    bool size_known() const { return size_ != CaptureBytes::kUnknownSize; }
    virtual uint64_t offset() const = 0;  // bytes consumed so far, for progress
    uint64_t packets_read() const { return packets_; }

    uint16_t input_index() const { return input_index_; }
    // "pcap" or "pcapng".
    virtual std::string_view format() const { return "capture"; }
    // Distinct link types declared so far (pcap: the header's; pcapng: every interface description
    // read up to now, so all of them once next() has returned false), in order of first appearance.
    // Unsupported ones are not an error here: decode counts the packets it cannot read.
    const std::vector<uint16_t>& link_types() const { return link_types_; }
    // True once the reader stopped at a truncated or corrupt block.
    bool partial() const { return partial_; }

protected:
    CaptureFile() = default;  // for test doubles; stop_*() then record nothing
    CaptureFile(std::string path, uint64_t size, uint16_t input_index, Diagnostics& diag)
        : path_(std::move(path)), size_(size), input_index_(input_index), diag_(&diag) {}
    void note_link_type(uint16_t link_type);
    // Ends the file at a corrupt or cut block: warns "truncated capture: <what> at byte <offset> ..."
    // and marks the input partial. Returns false, for `return stop_truncated(...)`.
    bool stop_truncated(std::string_view what, uint64_t at_offset);
    // Ends the file at its clean end; warns when it held no packet at all. Returns false.
    bool stop_clean();
    // A warning about this file that does not end it.
    void warn(std::string_view what);
    // After a view failed: true when it failed because a stream ended, whose size is now known (it
    // was not before). The reader then judges the record in hand by the size, as in a file: a clean
    // end between records, "truncated capture" for one the end cut.
    bool stream_ended(const CaptureBytes& bytes) {
        if (size_known() || !bytes.size_known()) return false;
        size_ = bytes.size();
        return true;
    }
    // Nothing after `pos` is read any more (a corrupt record): the next read is at the end. A
    // stream, whose end is unknown, ends where it stopped.
    void skip_to_end(uint64_t& pos) {
        if (size_known()) pos = size_;
        else size_ = pos;
    }

    std::string path_;
    uint64_t size_ = 0;
    uint64_t packets_ = 0;
    uint16_t input_index_ = 0;
    bool done_ = false;  // stop_*() ran: the warning is said once, next() keeps returning false

private:
    Diagnostics* diag_ = nullptr;
    std::vector<uint16_t> link_types_;
    bool partial_ = false;
};

// Base of a reader class that reads one packet in `bool Reader::read_one(RawPacket&)`: next() and
// next_batch() call it without virtual dispatch, so that a batch is one loop with it inlined.
template <typename Reader>
class BatchingCaptureFile : public CaptureFile {
public:
    bool next(RawPacket& out) final { return static_cast<Reader&>(*this).read_one(out); }
    size_t next_batch(RawPacket* out, size_t max) final {
        Reader& self = static_cast<Reader&>(*this);
        size_t n = 0;
        while (n < max && self.read_one(out[n])) ++n;
        return n;
    }

protected:
    using CaptureFile::CaptureFile;
};

}  // namespace sovscan
