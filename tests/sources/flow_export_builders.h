#pragma once
// Hand-built NetFlow v5/v9, IPFIX and sFlow datagrams for the decoders' tests: big-endian fields
// appended in order, sets whose length is patched when they close.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/ip_address.h"

namespace sovscan::test {

class Datagram {
public:
    std::vector<uint8_t> bytes;
    Datagram& u8(uint64_t v) { return put(v, 1); }
    Datagram& u16(uint64_t v) { return put(v, 2); }
    Datagram& u32(uint64_t v) { return put(v, 4); }
    Datagram& u64(uint64_t v) { return put(v, 8); }
    Datagram& put(uint64_t v, int width) {
        for (int i = width - 1; i >= 0; --i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
        return *this;
    }
    Datagram& raw(const std::vector<uint8_t>& b) {
        bytes.insert(bytes.end(), b.begin(), b.end());
        return *this;
    }
    Datagram& ip(const std::string& text) {
        const IpAddress a = *IpAddress::parse(text);
        if (a.is_v4()) return u32(a.v4_host_order());
        return raw({a.bytes().begin(), a.bytes().end()});
    }
    // A set (or flowset): id and a length patched by end_set().
    Datagram& set(uint16_t id) {
        open_ = bytes.size();
        return u16(id).u16(0);
    }
    Datagram& end_set() {
        const size_t len = bytes.size() - open_;
        bytes[open_ + 2] = static_cast<uint8_t>(len >> 8);
        bytes[open_ + 3] = static_cast<uint8_t>(len);
        return *this;
    }
    // IPFIX: the message length in the header.
    Datagram& finish_ipfix() {
        bytes[2] = static_cast<uint8_t>(bytes.size() >> 8);
        bytes[3] = static_cast<uint8_t>(bytes.size());
        return *this;
    }

private:
    size_t open_ = 0;
};

inline Datagram ipfix_header(uint32_t export_time, uint32_t sequence, uint32_t domain) {
    Datagram d;
    d.u16(10).u16(0).u32(export_time).u32(sequence).u32(domain);
    return d;
}

inline Datagram v9_header(uint32_t uptime_ms, uint32_t unix_secs, uint32_t sequence, uint32_t source_id) {
    Datagram d;
    d.u16(9).u16(0).u32(uptime_ms).u32(unix_secs).u32(sequence).u32(source_id);
    return d;
}

}  // namespace sovscan::test
