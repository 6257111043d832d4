#pragma once
// A minimal capture reader for decode's tests, so they do not depend on the sources stage: classic
// pcap (either byte order, µs or ns) and little-endian pcapng (SHB, IDB, EPB, SPB; timestamps
// assumed in µs). Reads the whole file; returns an empty list with `error` set when it cannot.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sources/raw_packet.h"

namespace sovscan::test {

struct TestPacket {
    std::vector<uint8_t> data;
    uint32_t wire_len = 0;
    uint16_t link_type = 0;
    RawPacket raw() const { return RawPacket{data.data(), uint32_t(data.size()), wire_len, 0, link_type, 0}; }
};

inline std::vector<TestPacket> read_capture(const std::string& path, std::string* error = nullptr) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<uint8_t> f((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<TestPacket> out;
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return std::vector<TestPacket>{};
    };
    auto u32 = [&](size_t off, bool swap) {
        uint32_t v;
        std::memcpy(&v, f.data() + off, 4);
        return swap ? __builtin_bswap32(v) : v;
    };
    if (f.size() < 24) return fail("shorter than any capture header");
    const uint32_t magic = u32(0, false);
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
        const bool swap = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
        const uint16_t link = uint16_t(u32(20, swap));
        for (size_t off = 24; off + 16 <= f.size();) {
            const uint32_t incl = u32(off + 8, swap), orig = u32(off + 12, swap);
            if (off + 16 + incl > f.size()) return fail("truncated pcap record");
            out.push_back({std::vector<uint8_t>(f.begin() + off + 16, f.begin() + off + 16 + incl), orig, link});
            off += 16 + incl;
        }
        return out;
    }
    if (magic != 0x0a0d0d0a || u32(8, false) != 0x1a2b3c4d) return fail("neither pcap nor little-endian pcapng");
    std::vector<uint16_t> interfaces;
    for (size_t off = 0; off + 12 <= f.size();) {
        const uint32_t type = u32(off, false), len = u32(off + 4, false);
        if (len < 12 || off + len > f.size()) return fail("truncated pcapng block");
        if (type == 1) {
            interfaces.push_back(uint16_t(f[off + 8] | (f[off + 9] << 8)));
        } else if (type == 6 || type == 3) {
            const bool epb = type == 6;
            const uint32_t iface = epb ? u32(off + 8, false) : 0;
            const uint32_t orig = u32(off + (epb ? 24 : 8), false);
            const uint32_t cap = epb ? u32(off + 20, false) : std::min(orig, len - 16);
            const size_t data = off + (epb ? 28 : 12);
            if (iface >= interfaces.size() || data + cap > off + len) return fail("bad pcapng packet block");
            out.push_back({std::vector<uint8_t>(f.begin() + data, f.begin() + data + cap), orig, interfaces[iface]});
        }
        off += len;
    }
    return out;
}

}  // namespace sovscan::test
