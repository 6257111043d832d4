#pragma once
// Classic libpcap files: microsecond (a1b2c3d4), nanosecond (a1b23c4d) and Kuznetsov's modified
// format (a1b2cd34, 24-byte record headers), in either byte order.
#include <cstdint>
#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "sources/capture_file.h"
#include "sources/capture_bytes.h"

namespace sovscan {

// True when the first four bytes of a file (read little-endian) are a pcap magic in either order.
bool is_pcap_magic(uint32_t first_word_le);

// Checks the 24-byte file header of `bytes` and returns its reader, or null after recording one error
// for `path` in `diag` (short header, unsupported version).
std::unique_ptr<CaptureFile> open_pcap(CaptureBytes bytes, std::string path, uint16_t input_index,
                                       Diagnostics& diag);

}  // namespace sovscan
