#pragma once
// Builders shared by the observe tests: hex, hand-made flows and packets, a ClientHello, a whole
// capture run through the Observer (with the tiny reader in test_pcap_reader.h).
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "observe/observer.h"
#include "test_pcap_reader.h"  // beside this file (also included from bench/)

namespace sovscan::test {

inline std::vector<uint8_t> unhex(std::string_view h) {
    std::vector<uint8_t> out;
    int hi = -1;
    for (char c : h) {
        int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) continue;
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(uint8_t(hi << 4 | v));
            hi = -1;
        }
    }
    return out;
}
template <typename C>
std::string to_hex(const C& c) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (uint8_t b : c) {
        s.push_back(d[b >> 4]);
        s.push_back(d[b & 15]);
    }
    return s;
}
inline std::vector<uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

inline void put16(std::vector<uint8_t>& v, size_t x) {
    v.push_back(uint8_t(x >> 8));
    v.push_back(uint8_t(x));
}
inline void put24(std::vector<uint8_t>& v, size_t x) {
    v.push_back(uint8_t(x >> 16));
    put16(v, x);
}

inline void put_le16(std::vector<uint8_t>& v, uint32_t x) {
    v.push_back(uint8_t(x));
    v.push_back(uint8_t(x >> 8));
}
inline void put_le32(std::vector<uint8_t>& v, uint32_t x) {
    put_le16(v, x);
    put_le16(v, x >> 16);
}

// A Google QUIC-crypto CHLO with the given (tag, value) pairs, in the order given (Chromium sorts
// them), each entry's end offset as Chromium writes it.
inline std::vector<uint8_t> gquic_chlo(const std::vector<std::pair<std::string, std::string>>& tags) {
    std::vector<uint8_t> m{'C', 'H', 'L', 'O'};
    put_le16(m, uint32_t(tags.size()));
    put_le16(m, 0);
    uint32_t end = 0;
    std::string values;
    for (const auto& [tag, value] : tags) {
        m.insert(m.end(), tag.begin(), tag.end());
        end += uint32_t(value.size());
        put_le32(m, end);
        values += value;
    }
    m.insert(m.end(), values.begin(), values.end());
    return m;
}

// A DNS name in wire format (labels, no compression), e.g. for hand-built DNS and mDNS messages.
inline std::vector<uint8_t> dns_wire_name(std::string_view name) {
    std::vector<uint8_t> out;
    size_t start = 0;
    while (start < name.size()) {
        size_t dot = name.find('.', start);
        if (dot == std::string_view::npos) dot = name.size();
        out.push_back(uint8_t(dot - start));
        out.insert(out.end(), name.begin() + ptrdiff_t(start), name.begin() + ptrdiff_t(dot));
        start = dot + 1;
    }
    out.push_back(0);
    return out;
}

// A DNS message built section by section (questions first, then answer, authority, additional
// records in that order); the header counts follow what was added.
struct DnsMessageBuilder {
    std::vector<uint8_t> m;
    uint16_t counts[4] = {0, 0, 0, 0};  // questions, answers, authority, additional

    explicit DnsMessageBuilder(uint16_t flags, uint16_t id = 0) {
        put16(m, id);
        put16(m, flags);
        m.resize(12, 0);
    }
    DnsMessageBuilder& question(std::string_view name, uint16_t type, uint16_t qclass = 1) {
        const auto n = dns_wire_name(name);
        m.insert(m.end(), n.begin(), n.end());
        put16(m, type);
        put16(m, qclass);
        ++counts[0];
        return *this;
    }
    // `section` 1 = answer, 2 = authority, 3 = additional. `owner` already in wire format.
    DnsMessageBuilder& record_wire(int section, const std::vector<uint8_t>& owner, uint16_t type,
                                   const std::vector<uint8_t>& rdata, uint16_t rclass = 1) {
        m.insert(m.end(), owner.begin(), owner.end());
        put16(m, type);
        put16(m, rclass);
        m.insert(m.end(), {0, 0, 0x0e, 0x10});  // TTL 3600
        put16(m, rdata.size());
        m.insert(m.end(), rdata.begin(), rdata.end());
        ++counts[section];
        return *this;
    }
    DnsMessageBuilder& record(int section, std::string_view owner, uint16_t type, const std::vector<uint8_t>& rdata,
                              uint16_t rclass = 1) {
        return record_wire(section, dns_wire_name(owner), type, rdata, rclass);
    }
    std::vector<uint8_t> build() const {
        std::vector<uint8_t> out = m;
        for (int i = 0; i < 4; ++i) {
            out[4 + 2 * i] = uint8_t(counts[i] >> 8);
            out[5 + 2 * i] = uint8_t(counts[i]);
        }
        return out;
    }
};

// A TLS 1.3-style ClientHello handshake message (type 1 + 3-byte length) naming `sni`, with a
// padding extension of `pad` bytes to make it as long as a test needs.
inline std::vector<uint8_t> client_hello_message(std::string_view sni, size_t pad = 0) {
    std::vector<uint8_t> body{0x03, 0x03};
    for (int i = 0; i < 32; ++i) body.push_back(uint8_t(i));
    body.push_back(32);
    for (int i = 0; i < 32; ++i) body.push_back(uint8_t(0xa0 + i));
    put16(body, 4);
    body.insert(body.end(), {0x13, 0x01, 0x13, 0x02});
    body.insert(body.end(), {0x01, 0x00});
    std::vector<uint8_t> ext;
    if (!sni.empty()) {
        put16(ext, 0);
        put16(ext, sni.size() + 5);
        put16(ext, sni.size() + 3);
        ext.push_back(0);
        put16(ext, sni.size());
        ext.insert(ext.end(), sni.begin(), sni.end());
    }
    put16(ext, 16);  // ALPN h2
    put16(ext, 5);
    put16(ext, 3);
    ext.insert(ext.end(), {2, 'h', '2'});
    if (pad) {
        put16(ext, 21);
        put16(ext, pad);
        ext.insert(ext.end(), pad, 0);
    }
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    std::vector<uint8_t> msg{0x01};
    put24(msg, body.size());
    msg.insert(msg.end(), body.begin(), body.end());
    return msg;
}

// The message in TLS handshake records of at most `record_size` bytes each.
inline std::vector<uint8_t> tls_records(const std::vector<uint8_t>& msg, size_t record_size = 16384) {
    std::vector<uint8_t> out;
    for (size_t off = 0; off < msg.size(); off += record_size) {
        const size_t n = std::min(record_size, msg.size() - off);
        out.insert(out.end(), {0x16, 0x03, 0x01});
        put16(out, n);
        out.insert(out.end(), msg.begin() + ptrdiff_t(off), msg.begin() + ptrdiff_t(off + n));
    }
    return out;
}

// A flow between 192.0.2.1:50000 (client) and 198.51.100.7:`port` and packets on it.
struct TestFlow {
    Flow flow;
    uint32_t seq[2] = {1000, 5000};
    std::vector<std::vector<uint8_t>> keep;  // payloads handed out stay alive

    explicit TestFlow(uint8_t proto, uint16_t port = 443, uint64_t id = 1) {
        flow.id = id;
        flow.proto = proto;
        flow.client_ip = *IpAddress::parse("192.0.2.1");
        flow.server_ip = *IpAddress::parse("198.51.100.7");
        flow.client_port = 50000;
        flow.server_port = port;
    }
    DecodedPacket packet(Direction dir, const std::vector<uint8_t>& payload, uint32_t seq_value) {
        keep.push_back(payload);
        DecodedPacket p;
        p.ip_version = 4;
        p.ip_proto = flow.proto;
        p.has_l4 = true;
        p.src_ip = dir == kToServer ? flow.client_ip : flow.server_ip;
        p.dst_ip = dir == kToServer ? flow.server_ip : flow.client_ip;
        p.src_port = dir == kToServer ? flow.client_port : flow.server_port;
        p.dst_port = dir == kToServer ? flow.server_port : flow.client_port;
        p.tcp_seq = seq_value;
        p.tcp_flags = kAck | kPsh;
        p.payload = keep.back();
        return p;
    }
    // Sends the next `payload` in `dir`, in sequence.
    void send(Observer& obs, Direction dir, const std::vector<uint8_t>& payload) {
        const auto p = packet(dir, payload, seq[dir]);
        seq[dir] += uint32_t(payload.size());
        obs.on_packet(flow, dir, p);
    }
    // Sends `payload` as if it started at stream offset `offset` of direction `dir`.
    void send_at(Observer& obs, Direction dir, size_t offset, const std::vector<uint8_t>& payload) {
        obs.on_packet(flow, dir, packet(dir, payload, seq[dir] + uint32_t(offset)));
    }
};

inline std::vector<uint8_t> slice(const std::vector<uint8_t>& v, size_t from, size_t to) {
    to = std::min(to, v.size());
    from = std::min(from, to);
    return std::vector<uint8_t>(v.begin() + ptrdiff_t(from), v.begin() + ptrdiff_t(to));
}

// A capture run through an Observer with a trivial flow table (no timeouts): flows by unordered
// 5-tuple, client = SYN sender, else the first packet's source unless it uses a port < 1024 and
// the other side does not.
struct CaptureRun {
    std::unique_ptr<Observer> observer;
    std::deque<Flow> flows;
    size_t frames = 0, decoded = 0;

    const Flow* find(const std::string& a, uint16_t pa, const std::string& b, uint16_t pb, uint8_t proto) const {
        const auto ia = *IpAddress::parse(a), ib = *IpAddress::parse(b);
        for (const auto& f : flows)
            if (f.proto == proto && ((f.client_ip == ia && f.client_port == pa && f.server_ip == ib && f.server_port == pb) ||
                                     (f.client_ip == ib && f.client_port == pb && f.server_ip == ia && f.server_port == pa)))
                return &f;
        return nullptr;
    }
    bool has_name(const std::string& name) const {
        for (const auto& f : flows)
            if (f.server_name == name) return true;
        return false;
    }
};

inline CaptureRun run_capture(const std::string& path, ObserverLimits limits = {}) {
    CaptureRun run;
    run.observer = std::make_unique<Observer>(limits);
    using Key = std::tuple<IpAddress, uint16_t, IpAddress, uint16_t, uint8_t>;
    std::map<Key, Flow*> index;
    const auto frames = read_capture(path);
    EXPECT_FALSE(frames.empty()) << path;
    run.frames = frames.size();
    for (const auto& fr : frames) {
        DecodedPacket p;
        if (!decode_frame(fr, p)) continue;
        ++run.decoded;
        const bool src_lo = std::tie(p.src_ip, p.src_port) < std::tie(p.dst_ip, p.dst_port);
        const Key key = src_lo ? Key{p.src_ip, p.src_port, p.dst_ip, p.dst_port, p.ip_proto}
                               : Key{p.dst_ip, p.dst_port, p.src_ip, p.src_port, p.ip_proto};
        Flow*& f = index[key];
        if (!f) {
            Flow& nf = run.flows.emplace_back();
            nf.id = run.flows.size();
            nf.proto = p.ip_proto;
            bool src_is_client = true;
            if (p.ip_proto == kProtoTcp && (p.tcp_flags & (kSyn | kAck)) == (kSyn | kAck)) src_is_client = false;
            else if (!(p.ip_proto == kProtoTcp && (p.tcp_flags & kSyn)) && p.src_port < 1024 && p.dst_port >= 1024)
                src_is_client = false;
            nf.client_ip = src_is_client ? p.src_ip : p.dst_ip;
            nf.server_ip = src_is_client ? p.dst_ip : p.src_ip;
            nf.client_port = src_is_client ? p.src_port : p.dst_port;
            nf.server_port = src_is_client ? p.dst_port : p.src_port;
            f = &nf;
        }
        const Direction dir = (p.src_ip == f->client_ip && p.src_port == f->client_port) ? kToServer : kToClient;
        ++f->packets[dir];
        run.observer->on_packet(*f, dir, p);
    }
    return run;
}

}  // namespace sovscan::test
