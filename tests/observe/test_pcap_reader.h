#pragma once
// A tiny, self-contained capture reader for the observe tests (pcap and pcapng; Ethernet/VLAN,
// Linux cooked, BSD null and raw IP; IPv4/IPv6 + TCP/UDP), so that they do not depend on the
// sources/ and decode/ stages being written at the same time. Not for production use.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "decode/decoded_packet.h"

namespace sovscan::test {

struct CapturedFrame {
    int64_t ts_ns = 0;
    uint32_t linktype = 0;
    std::vector<uint8_t> data;
};

inline uint32_t rd32(const uint8_t* p, bool swap) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}
inline uint16_t be16(const uint8_t* p) { return uint16_t((p[0] << 8) | p[1]); }

// Reads every frame of a pcap or pcapng file (empty on an unknown format).
inline std::vector<CapturedFrame> read_capture(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> f((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<CapturedFrame> out;
    if (f.size() < 24) return out;
    const uint32_t magic = rd32(f.data(), false);
    if (magic == 0x0a0d0d0a) {  // pcapng: SHB, IDB (link type per interface), EPB/SPB
        bool swap = false;
        std::vector<uint32_t> links;
        for (size_t off = 0; off + 12 <= f.size();) {
            if (rd32(f.data() + off, false) == 0x0a0d0d0a) swap = rd32(f.data() + off + 8, false) != 0x1a2b3c4d;
            const uint32_t type = rd32(f.data() + off, swap), len = rd32(f.data() + off + 4, swap);
            if (len < 12 || off + len > f.size()) break;
            const uint8_t* b = f.data() + off + 8;
            if (type == 1) links.push_back(uint16_t(swap ? be16(b) : (b[0] | (b[1] << 8))));
            if (type == 6 && len >= 32) {
                const uint32_t ifc = rd32(b, swap), cap = rd32(b + 12, swap);
                const uint64_t ts = (uint64_t(rd32(b + 4, swap)) << 32) | rd32(b + 8, swap);
                if (20 + cap <= len - 12 && ifc < links.size())
                    out.push_back({int64_t(ts * 1000), links[ifc], std::vector<uint8_t>(b + 20, b + 20 + cap)});
            }
            off += len;
        }
        return out;
    }
    const bool swap = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    const bool nano = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
    if (!swap && magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) return out;
    const uint32_t link = rd32(f.data() + 20, swap) & 0xffff;
    for (size_t off = 24; off + 16 <= f.size();) {
        const uint32_t sec = rd32(f.data() + off, swap), frac = rd32(f.data() + off + 4, swap);
        const uint32_t cap = rd32(f.data() + off + 8, swap);
        if (off + 16 + cap > f.size()) break;
        out.push_back({int64_t(sec) * 1000000000 + int64_t(frac) * (nano ? 1 : 1000), link,
                       std::vector<uint8_t>(f.begin() + ptrdiff_t(off + 16), f.begin() + ptrdiff_t(off + 16 + cap))});
        off += 16 + cap;
    }
    return out;
}

// Minimal decode into DecodedPacket (payload points into `fr`). false when no IP/L4 was found.
inline bool decode_frame(const CapturedFrame& fr, DecodedPacket& p) {
    p = {};
    p.ts_ns = fr.ts_ns;
    const uint8_t* d = fr.data.data();
    size_t n = fr.data.size(), off = 0;
    uint16_t ethertype = 0;
    switch (fr.linktype) {
        case 1:  // Ethernet
            if (n < 14) return false;
            p.has_macs = true;
            p.dst_mac = MacAddress(d);
            p.src_mac = MacAddress(d + 6);
            ethertype = be16(d + 12);
            off = 14;
            while ((ethertype == 0x8100 || ethertype == 0x88a8) && off + 4 <= n) {
                ethertype = be16(d + off + 2);
                off += 4;
            }
            break;
        case 113:  // Linux cooked
            if (n < 16) return false;
            ethertype = be16(d + 14);
            off = 16;
            break;
        case 0:  // BSD null: host-order family
            if (n < 4) return false;
            ethertype = (d[0] == 2 || d[3] == 2) ? 0x0800 : 0x86dd;
            off = 4;
            break;
        case 101: case 228: case 229: case 12:  // raw IP
            if (n < 1) return false;
            ethertype = (d[0] >> 4) == 4 ? 0x0800 : 0x86dd;
            break;
        default:
            return false;
    }
    const uint8_t* ip = d + off;
    size_t left = n - off, l4 = 0, ip_end = left;
    if (ethertype == 0x0800) {
        if (left < 20 || (ip[0] >> 4) != 4) return false;
        const size_t ihl = size_t(ip[0] & 0x0f) * 4;
        if (ihl < 20 || left < ihl) return false;
        p.ip_version = 4;
        p.src_ip = IpAddress::v4_bytes(ip + 12);
        p.dst_ip = IpAddress::v4_bytes(ip + 16);
        p.ip_proto = ip[9];
        ip_end = std::min<size_t>(left, be16(ip + 2));
        if ((be16(ip + 6) & 0x1fff) != 0) return false;  // non-first fragment
        l4 = ihl;
    } else if (ethertype == 0x86dd) {
        if (left < 40) return false;
        p.ip_version = 6;
        p.src_ip = IpAddress::v6_bytes(ip + 8);
        p.dst_ip = IpAddress::v6_bytes(ip + 24);
        uint8_t nh = ip[6];
        ip_end = std::min<size_t>(left, 40 + be16(ip + 4));
        l4 = 40;
        while ((nh == 0 || nh == 43 || nh == 60 || nh == 44) && l4 + 8 <= ip_end) {
            const uint8_t next = ip[l4];
            l4 += nh == 44 ? 8 : (size_t(ip[l4 + 1]) + 1) * 8;
            nh = next;
        }
        p.ip_proto = nh;
    } else {
        return false;
    }
    if (l4 > ip_end) return false;
    const uint8_t* t = ip + l4;
    const size_t tl = ip_end - l4;
    if (p.ip_proto == kProtoTcp) {
        if (tl < 20 || size_t(t[12] >> 4) * 4 > tl) return false;
        const size_t h = size_t(t[12] >> 4) * 4;
        p.tcp_seq = (uint32_t(t[4]) << 24) | (uint32_t(t[5]) << 16) | (uint32_t(t[6]) << 8) | t[7];
        p.tcp_flags = t[13];
        p.payload = std::span<const uint8_t>(t + h, tl - h);
    } else if (p.ip_proto == kProtoUdp) {
        if (tl < 8) return false;
        p.payload = std::span<const uint8_t>(t + 8, tl - 8);
    } else {
        return false;
    }
    p.src_port = be16(t);
    p.dst_port = be16(t + 2);
    p.has_l4 = true;
    return true;
}

}  // namespace sovscan::test
