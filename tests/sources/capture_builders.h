#pragma once
// Builds pcap and pcapng files byte by byte in the tests, so that every field (byte order,
// resolution, block type, truncation) is chosen by the test and its expected values are exact.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sources/capture_file.h"
#include "sources/capture_set.h"

namespace sovscan::test {

using Bytes = std::vector<uint8_t>;

struct PcapPacket {
    uint32_t sec = 0;
    uint32_t frac = 0;     // microseconds or nanoseconds, as the file says
    Bytes data;
    uint32_t wire_len = 0; // 0: data.size()
};

enum class PcapFlavor { micro, nano, kuznetzov };

// A classic pcap file: header (version 2.4, snaplen 65535) and records in the byte order asked for.
// `link_type_field` is written as is (upper bits may hold FCS flags).
Bytes pcap_file(bool big_endian, PcapFlavor flavor, uint32_t link_type_field, const std::vector<PcapPacket>& packets);

// pcapng, block by block. Each call appends one block in the current section's byte order.
class PcapngBuilder {
public:
    PcapngBuilder& section(bool big_endian, uint16_t major = 1);
    // tsresol < 0: no if_tsresol option (microseconds by default).
    PcapngBuilder& interface(uint16_t link_type, uint32_t snaplen, int tsresol = -1, int64_t tsoffset_s = 0);
    PcapngBuilder& enhanced(uint32_t interface_id, uint64_t ts, const Bytes& data, uint32_t wire_len = 0);
    PcapngBuilder& simple(const Bytes& data, uint32_t wire_len);
    PcapngBuilder& obsolete(uint16_t interface_id, uint64_t ts, const Bytes& data);
    // Any other block (name resolution, statistics, custom, unknown): its body as given, padded.
    PcapngBuilder& other(uint32_t type, const Bytes& body);
    const Bytes& bytes() const { return out_; }

private:
    void block(uint32_t type, const Bytes& body);
    void put16(Bytes& b, uint16_t v) const;
    void put32(Bytes& b, uint32_t v) const;
    void put64(Bytes& b, uint64_t v) const;
    bool big_ = false;
    Bytes out_;
};

// `n` bytes 0, 1, 2, ... (mod 256) starting at `seed`: packet contents the tests can recognise.
Bytes payload(size_t n, uint8_t seed = 0);

// A packet as returned, with a copy of its bytes (the view is only valid while the reader lives).
struct ReadPacket {
    RawPacket raw;
    Bytes data;
};
std::vector<ReadPacket> read_all(CaptureFile& file);
std::vector<ReadPacket> read_all(CaptureSet& set);
// Messages recorded at `level`, in order.
std::vector<std::string> messages(const Diagnostics& diag, ProblemLevel level);

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    // Writes `bytes` to path()/name (creating parent directories) and returns the full path.
    std::string write(const std::string& name, const Bytes& bytes) const;

private:
    std::filesystem::path path_;
};

}  // namespace sovscan::test
