#pragma once
// The byte-level pieces the capture-writing tools share (sovscan-sample-capture,
// sovscan-flood-capture): big- and little-endian integers, IPv4 addresses as numbers, DNS names in
// wire form. Header-only: each tool is one translation unit.
#include <cstdint>
#include <string>
#include <vector>

namespace sovscan::tools {

using Bytes = std::vector<uint8_t>;

inline void put16(Bytes& b, uint16_t v) { b.push_back(v >> 8), b.push_back(v & 0xff); }
inline void put32(Bytes& b, uint32_t v) { put16(b, v >> 16), put16(b, v & 0xffff); }
inline void le16(Bytes& b, uint16_t v) { b.push_back(v & 0xff), b.push_back(v >> 8); }
inline void le32(Bytes& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back((v >> (8 * i)) & 0xff);
}
inline void append(Bytes& b, const Bytes& x) { b.insert(b.end(), x.begin(), x.end()); }
inline void append(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

inline uint32_t ip4(int a, int b, int c, int d) { return (uint32_t(a) << 24) | (b << 16) | (c << 8) | d; }

// "a.example" as DNS carries it: length-prefixed labels, then the root's zero.
inline Bytes dns_name(const std::string& name) {
    Bytes b;
    size_t start = 0;
    while (start <= name.size()) {
        size_t dot = name.find('.', start);
        if (dot == std::string::npos) dot = name.size();
        b.push_back(static_cast<uint8_t>(dot - start));
        b.insert(b.end(), name.begin() + start, name.begin() + dot);
        start = dot + 1;
    }
    b.push_back(0);
    return b;
}

}  // namespace sovscan::tools
