#pragma once
// Several capture files (and whole directories of them) read as one stream in timestamp order.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sources/capture_file.h"

namespace sovscan {

// A name a directory's captures have: .pcap, .pcapng, .cap, .dmp (any case).
bool has_capture_extension(const std::filesystem::path& p);

class CaptureSet {
public:
    // Each argument is a capture file or a directory, searched recursively for files whose name ends
    // in .pcap, .pcapng, .cap or .dmp (sorted by path); "-" (or /dev/stdin) is standard input, read
    // as a stream. Problems (missing path, directory without captures, unreadable or invalid file,
    // standard input twice or a terminal) go to `diag`; files that open are kept.
    CaptureSet(const std::vector<std::string>& args, Diagnostics& diag);
    ~CaptureSet();
    CaptureSet(const CaptureSet&) = delete;
    CaptureSet& operator=(const CaptureSet&) = delete;

    // The next packet over all files by timestamp (a k-way merge; ties keep file order). Packets of one
    // file are never reordered: one that goes back in time comes out where the file has it.
    // `out.data` stays valid while its file hands out CaptureBytes::kKeepPackets (16) more packets,
    // and never beyond the set's life. `diag` must outlive the set.
    bool next(RawPacket& out);
    // Up to `max` next packets, in the same order; 0 at the end. All of them are handed out at once,
    // so `max` plus what the caller keeps in flight must stay within kKeepPackets.
    size_t next_batch(RawPacket* out, size_t max);

    const std::vector<std::string>& inputs() const { return inputs_; }  // opened files, by input_index
    size_t open_count() const;
    uint64_t total_bytes() const;  // 0 while a stream's size is unknown (until its end is read)
    uint64_t bytes_consumed() const;
    uint64_t packets_read() const;  // over all files

    // The reader of inputs()[input_index], e.g. for its link_types() or partial().
    const CaptureFile& file(size_t input_index) const;
    // Distinct link types declared by all files so far, in order of first appearance.
    std::vector<uint16_t> link_types() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> inputs_;
};

}  // namespace sovscan
