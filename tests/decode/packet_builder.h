#pragma once
// Builds test frames inside out: each function takes the payload and returns header + payload, with
// lengths computed, so a test reads like the stack it builds:
//   eth(kMacA, kMacB, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, kSyn, 1, 0, "hi")))
#include <arpa/inet.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoded_packet.h"
#include "decode/decoder.h"
#include "sources/raw_packet.h"

namespace sovscan::test {

using Bytes = std::vector<uint8_t>;

inline Bytes bytes(std::initializer_list<uint8_t> b) { return Bytes(b); }
inline Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }
inline Bytes zeros(size_t n) { return Bytes(n, 0); }

inline void put16(Bytes& b, uint16_t v) {
    b.push_back(uint8_t(v >> 8));
    b.push_back(uint8_t(v));
}
inline void put32(Bytes& b, uint32_t v) {
    put16(b, uint16_t(v >> 16));
    put16(b, uint16_t(v));
}
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline Bytes v4(const char* a) {
    Bytes b(4);
    if (inet_pton(AF_INET, a, b.data()) != 1) throw std::invalid_argument(a);
    return b;
}
inline Bytes v6(const char* a) {
    Bytes b(16);
    if (inet_pton(AF_INET6, a, b.data()) != 1) throw std::invalid_argument(a);
    return b;
}
inline Bytes mac(std::initializer_list<uint8_t> m) { return Bytes(m); }

inline const Bytes kMacA = mac({0x00, 0x11, 0x22, 0x33, 0x44, 0x55});
inline const Bytes kMacB = mac({0xa4, 0xc6, 0x4f, 0x3b, 0xb3, 0x9a});
inline const Bytes kMacC = mac({0x02, 0x00, 0x00, 0x00, 0x00, 0x0c});
inline const Bytes kMacD = mac({0x02, 0x00, 0x00, 0x00, 0x00, 0x0d});

// ---- link layer ----
inline Bytes eth(const Bytes& dst, const Bytes& src, uint16_t type, const Bytes& payload) {
    Bytes b = cat({dst, src});
    put16(b, type);
    return cat({b, payload});
}
inline Bytes vlan(uint16_t tci, uint16_t type, const Bytes& payload) {
    Bytes b;
    put16(b, tci);
    put16(b, type);
    return cat({b, payload});
}
inline Bytes snap(uint16_t type, const Bytes& payload) {
    Bytes b = bytes({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00});
    put16(b, type);
    return cat({b, payload});
}
// One MPLS label stack entry (label, bottom-of-stack flag), TTL 64.
inline Bytes mpls_label(uint32_t label, bool bottom) {
    Bytes b;
    put32(b, (label << 12) | (bottom ? 0x100u : 0u) | 64u);
    return b;
}
inline Bytes pppoe_session(uint16_t ppp_protocol, const Bytes& payload) {
    Bytes b = bytes({0x11, 0x00, 0x12, 0x34});
    put16(b, uint16_t(payload.size() + 2));
    put16(b, ppp_protocol);
    return cat({b, payload});
}
inline Bytes sll(uint16_t protocol, const Bytes& src_mac, const Bytes& payload) {
    Bytes b = bytes({0x00, 0x00, 0x00, 0x01, 0x00, 0x06});  // to us, ARPHRD_ETHER, halen 6
    b.insert(b.end(), src_mac.begin(), src_mac.end());
    b.push_back(0);
    b.push_back(0);
    put16(b, protocol);
    return cat({b, payload});
}
inline Bytes sll2(uint16_t protocol, const Bytes& src_mac, const Bytes& payload) {
    Bytes b;
    put16(b, protocol);
    put16(b, 0);
    put32(b, 3);                       // interface index
    put16(b, 1);                       // ARPHRD_ETHER
    b.push_back(4);                    // outgoing
    b.push_back(6);                    // address length
    b.insert(b.end(), src_mac.begin(), src_mac.end());
    b.push_back(0);
    b.push_back(0);
    return cat({b, payload});
}
// 802.11 data frame; `ds` is the ToDS/FromDS pair (0-3); addresses a1..a4 as on the air.
inline Bytes wifi_data(uint8_t ds, bool qos, bool is_protected, const Bytes& a1, const Bytes& a2, const Bytes& a3,
                       const Bytes& a4, const Bytes& body) {
    Bytes b;
    b.push_back(qos ? 0x88 : 0x08);  // type 2 data, subtype 0 or 8 (QoS data)
    b.push_back(uint8_t(ds | (is_protected ? 0x40 : 0)));
    put16(b, 0);  // duration
    b = cat({b, a1, a2, a3});
    put16(b, 0x1230);  // sequence control
    if (ds == 3) b = cat({b, a4});
    if (qos) put16(b, 0x0000);
    return cat({b, body});
}

// ---- network layer ----
inline Bytes ipv4(const char* src, const char* dst, uint8_t proto, const Bytes& payload, uint16_t frag = 0,
                  const Bytes& options = {}) {
    const size_t header_len = 20 + options.size();
    Bytes b;
    b.push_back(uint8_t(0x40 | (header_len / 4)));
    b.push_back(0);
    put16(b, uint16_t(header_len + payload.size()));
    put16(b, 0x1234);  // id
    put16(b, frag);
    b.push_back(64);
    b.push_back(proto);
    put16(b, 0);  // checksum: decode does not verify it
    b = cat({b, v4(src), v4(dst), options});
    return cat({b, payload});
}
inline Bytes ipv6(const char* src, const char* dst, uint8_t next, const Bytes& payload) {
    Bytes b = bytes({0x60, 0x00, 0x00, 0x00});
    put16(b, uint16_t(payload.size()));
    b.push_back(next);
    b.push_back(64);
    return cat({b, v6(src), v6(dst), payload});
}
// Generic IPv6 extension header (hop-by-hop, routing, destination options, mobility) of 8*(1+len8).
inline Bytes ipv6_ext(uint8_t next, uint8_t len8, const Bytes& payload) {
    Bytes b = zeros(8 * (1 + len8));
    b[0] = next;
    b[1] = len8;
    return cat({b, payload});
}
inline Bytes ipv6_frag(uint8_t next, uint16_t offset8, bool more, const Bytes& payload) {
    Bytes b = {next, 0};
    put16(b, uint16_t((offset8 << 3) | (more ? 1 : 0)));
    put32(b, 0xdeadbeef);
    return cat({b, payload});
}

// ---- transport ----
inline Bytes tcp(uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack, const Bytes& payload,
                 const Bytes& options = {}) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, ack);
    b.push_back(uint8_t(((20 + options.size()) / 4) << 4));
    b.push_back(flags);
    put16(b, 65535);
    put32(b, 0);  // checksum, urgent pointer
    return cat({b, options, payload});
}
inline Bytes udp(uint16_t sport, uint16_t dport, const Bytes& payload) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    put16(b, uint16_t(8 + payload.size()));
    put16(b, 0);
    return cat({b, payload});
}
inline Bytes icmp(uint8_t type, uint8_t code, const Bytes& payload) {
    Bytes b = {type, code, 0, 0, 0, 1, 0, 1};  // checksum, identifier, sequence
    return cat({b, payload});
}

// ---- tunnels ----
inline Bytes gre(uint16_t flags, uint16_t protocol, const Bytes& optional_fields, const Bytes& payload) {
    Bytes b;
    put16(b, flags);
    put16(b, protocol);
    return cat({b, optional_fields, payload});
}
inline Bytes vxlan(uint32_t vni, const Bytes& payload) {
    Bytes b = {0x08, 0, 0, 0};
    put32(b, vni << 8);
    return cat({b, payload});
}
// Geneve (RFC 8926) version 0 with `options` (a multiple of 4 bytes) and a protocol type.
inline Bytes geneve(uint16_t protocol, uint32_t vni, const Bytes& options, const Bytes& payload) {
    Bytes b = {uint8_t(options.size() / 4), 0};
    put16(b, protocol);
    put32(b, vni << 8);
    return cat({b, options, payload});
}
// CAPWAP data header (RFC 5415 4.3): preamble 0, HLEN 4 words (8 fixed bytes + 8 bytes of
// wireless-specific information, flag W), RID 1, WBID 1 (IEEE 802.11), T when `native_80211`;
// `flags` adds F (0x80) or K (0x08).
inline Bytes capwap(bool native_80211, const Bytes& payload, uint8_t flags = 0) {
    Bytes b = {0x00, uint8_t((4 << 3) | 0), uint8_t((1 << 6) | (1 << 1) | (native_80211 ? 1 : 0)), uint8_t(0x20 | flags)};
    put32(b, 0);                               // fragment id, offset
    b = cat({b, bytes({4, 0xbf, 0x23, 0, 0, 0, 0, 0})});  // wireless-specific information
    return cat({b, payload});
}

// ---- decoding ----
inline RawPacket raw_packet(uint16_t link_type, const Bytes& frame, uint32_t wire_len = 0) {
    RawPacket r;
    r.data = frame.data();
    r.caplen = uint32_t(frame.size());
    r.wire_len = wire_len ? wire_len : uint32_t(frame.size());
    r.ts_ns = 1'700'000'000'123'456'789LL;
    r.link_type = link_type;
    r.input_index = 3;
    return r;
}

// Decodes one frame with a fresh decoder; `counters` receives what it counted.
inline bool decode_one(uint16_t link_type, const Bytes& frame, DecodedPacket& out, NamedCounters* counters = nullptr,
                       uint32_t wire_len = 0) {
    Decoder d;
    const bool ok = d.decode(raw_packet(link_type, frame, wire_len), out);
    if (counters) *counters = d.counters();
    return ok;
}

inline std::string ip_str(const IpAddress& ip) { return ip.to_string(); }
inline std::string mac_str(const Bytes& m) { return MacAddress(m.data()).to_string(); }

}  // namespace sovscan::test
