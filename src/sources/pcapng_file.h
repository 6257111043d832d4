#pragma once
// pcapng files: any number of sections (each Section Header Block sets its byte order and starts
// a fresh interface list), interfaces each with their own link type, if_tsresol and if_tsoffset;
// packets from Enhanced, Simple and obsolete Packet Blocks. Other blocks are skipped by length.
#include <cstdint>
#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "sources/capture_file.h"
#include "sources/capture_bytes.h"

namespace sovscan {

inline constexpr uint32_t kPcapngShbType = 0x0a0d0d0a;  // reads the same in both byte orders

// Checks the first Section Header Block of `bytes` and returns its reader, or null after recording
// one error for `path` in `diag` (short header, bad byte-order magic, unsupported version).
std::unique_ptr<CaptureFile> open_pcapng(CaptureBytes bytes, std::string path, uint16_t input_index,
                                         Diagnostics& diag);

}  // namespace sovscan
