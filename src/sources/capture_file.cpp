// Picks the reader by the file's first four bytes, and the bookkeeping every reader shares.
#include "sources/capture_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "sources/byte_order.h"
#include "sources/capture_bytes.h"
#include "sources/pcap_file.h"
#include "sources/pcapng_file.h"

namespace sovscan {

namespace {

// "50 4b 03 04", plus a hint for the look-alikes users meet most.
std::string describe_start(std::span<const uint8_t> b) {
    std::string hex;
    for (size_t i = 0; i < std::min<size_t>(b.size(), 4); ++i) hex += fmt::format("{}{:02x}", i ? " " : "", b[i]);
    if (b.size() >= 2 && b[0] == 0x1f && b[1] == 0x8b) return hex + ": gzip-compressed, decompress it first";
    if (b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return hex + ": a zip archive";
    if (b.size() < 4) return fmt::format("{}: only {} byte{}", hex, b.size(), b.size() == 1 ? "" : "s");
    return hex;
}

std::unique_ptr<CaptureFile> open_bytes(CaptureBytes bytes, const std::string& path, uint16_t input_index,
                                        Diagnostics& diag) {
    // Four bytes, or fewer when the file or stream is shorter (its size is then known).
    size_t start_len = 4;
    const uint8_t* start = bytes.view(0, start_len);
    if (!start && bytes.size() < start_len) {
        start_len = static_cast<size_t>(bytes.size());
        start = bytes.view(0, start_len);
    }
    if (!start) {
        diag.error(path, fmt::format("read failed ({})", bytes.error()));
        return nullptr;
    }
    const std::span<const uint8_t> b(start, start_len);
    if (b.size() >= 4) {
        const uint32_t first = bytes::load<uint32_t, false>(b.data());
        if (first == kPcapngShbType) return open_pcapng(std::move(bytes), path, input_index, diag);
        if (is_pcap_magic(first)) return open_pcap(std::move(bytes), path, input_index, diag);
    }
    diag.error(path, fmt::format("not a pcap or pcapng file (starts with {})", describe_start(b)));
    return nullptr;
}

}  // namespace

std::unique_ptr<CaptureFile> CaptureFile::open(const std::string& path, uint16_t input_index, Diagnostics& diag) {
    CaptureBytes bytes;
    std::string error;
    if (!bytes.open(path, error)) {
        diag.error(path, error);
        return nullptr;
    }
    return open_bytes(std::move(bytes), path, input_index, diag);
}

std::unique_ptr<CaptureFile> CaptureFile::open_memory(std::span<const uint8_t> bytes, const std::string& name,
                                                      uint16_t input_index, Diagnostics& diag) {
    if (bytes.empty()) {
        diag.error(name, "empty file");
        return nullptr;
    }
    return open_bytes(CaptureBytes::borrow(bytes), name, input_index, diag);
}

void CaptureFile::note_link_type(uint16_t link_type) {
    if (std::find(link_types_.begin(), link_types_.end(), link_type) == link_types_.end()) {
        link_types_.push_back(link_type);
    }
}

bool CaptureFile::stop_truncated(std::string_view what, uint64_t at_offset) {
    done_ = true;
    partial_ = true;
    if (diag_) {
        diag_->warn(path_, fmt::format("truncated capture: {} at byte {}; results up to packet {}", what, at_offset,
                                       packets_));
        diag_->mark_partial(path_);
    }
    return false;
}

void CaptureFile::warn(std::string_view what) {
    if (diag_) diag_->warn(path_, std::string(what));
}

bool CaptureFile::stop_clean() {
    done_ = true;
    if (diag_ && packets_ == 0) diag_->warn(path_, "capture has no packets");
    return false;
}

}  // namespace sovscan
