#pragma once
// One pcap or pcapng file, memory-mapped and read without copying packet bytes.
#include <cstdint>
#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "sources/raw_packet.h"

namespace sovscan {

class CaptureFile {
public:
    // Opens `path`, checks its header and picks the pcap or pcapng reader. On failure (missing, not a
    // capture, empty, unsupported) records one clear error naming the file in `diag` and returns null.
    static std::unique_ptr<CaptureFile> open(const std::string& path, uint16_t input_index, Diagnostics& diag);
    virtual ~CaptureFile() = default;

    // The next packet, or false at the end. A truncated or corrupt tail ends the file with a warning
    // ("truncated capture: ...") and marks it partial in `diag`; what came before stands.
    virtual bool next(RawPacket& out) = 0;

    const std::string& path() const { return path_; }
    uint64_t size_bytes() const { return size_; }
    virtual uint64_t offset() const = 0;  // bytes consumed so far, for progress
    uint64_t packets_read() const { return packets_; }

protected:
    std::string path_;
    uint64_t size_ = 0;
    uint64_t packets_ = 0;
};

}  // namespace sovscan
