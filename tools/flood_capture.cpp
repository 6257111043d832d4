// Writes a flood capture (classic pcap, Ethernet): traffic an attacker on a hostile network can
// send cheaply, each unit from or to a new remote address, to measure that sovscan's memory stays
// bounded however many distinct counterparts a capture holds (bench/flood-rss.sh, issue 19).
// Deterministic: the same arguments give the same bytes.
//
//   sovscan-flood-capture KIND COUNT OUT.pcap [--prc]
//
// KIND, each unit from/to a distinct public address (never RFC 1918, loopback, multicast, ...):
//   syn      a spoofed-source TCP SYN to the local server 10.0.0.10:443
//   tls      SYN, then the first 200 bytes of a TLS ClientHello whose record claims 16 KB (half-open)
//   http     SYN, then an HTTP request line and a Host header without the blank line that ends it
//   dnstcp   SYN, then a DNS-over-TCP length prefix of 512 and a 40-byte start of a query, to :53
//   frag     the first fragment of a UDP datagram (more-fragments set), its rest never sent
//   names    the local client 10.0.0.20 asks the resolver 10.0.0.53 for a distinct name and gets an
//            A record with a distinct address (the DNS answer tables; no flow to the address follows:
//            one to an address in a high-risk jurisdiction would be a real finding, kept in memory)
//   scan     the local client 10.0.0.20 sends a SYN to a distinct remote address (a scanning or
//            infected host: egress to as many counterparts; those in a high-risk jurisdiction, one
//            in twelve or so, are findings each and stay in memory)
//   mixed    the seven above in turn
// --prc adds real sessions with PRC counterparts (addresses the intel geolocates in CN), answered
// both ways, before, in the middle of and after the flood: what a bounded scan must still report.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "packet_bytes.h"

namespace {

using namespace sovscan::tools;

// A bijection of 32-bit numbers (odd multipliers and xor-shifts), so distinct inputs give
// distinct addresses; reserved ones are skipped by the caller.
uint32_t mix(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

bool is_public(uint32_t a) {
    const uint32_t o1 = a >> 24, o2 = (a >> 16) & 0xff;
    if (o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224) return false;
    if (o1 == 100 && (o2 & 0xc0) == 64) return false;   // 100.64/10
    if (o1 == 169 && o2 == 254) return false;
    if (o1 == 172 && (o2 & 0xf0) == 16) return false;
    if (o1 == 192 && o2 == 168) return false;
    if (o1 == 198 && (o2 & 0xfe) == 18) return false;   // 198.18/15
    return true;
}

// The i-th distinct public address of the sequence (call with i = 0, 1, 2, ... in order).
class RemoteAddresses {
public:
    uint32_t next() {
        for (;;) {
            const uint32_t a = mix(counter_++);
            if (is_public(a)) return a;
        }
    }

private:
    uint32_t counter_ = 1;
};

uint16_t checksum(const uint8_t* p, size_t n) {
    uint32_t s = 0;
    for (size_t i = 0; i + 1 < n; i += 2) s += (p[i] << 8) | p[i + 1];
    if (n & 1) s += p[n - 1] << 8;
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return static_cast<uint16_t>(~s);
}

constexpr uint8_t kTcp = 6, kUdp = 17;
constexpr uint8_t kSyn = 0x02, kAck = 0x10, kPshAck = 0x18, kSynAck = 0x12;

struct Ip {
    uint32_t src, dst;
    uint8_t proto;
    uint16_t id = 0, frag = 0;  // frag: flags and offset field (0x2000 = more fragments)
};

class PcapWriter {
public:
    explicit PcapWriter(FILE* f) : f_(f) {
        Bytes h;
        le32(h, 0xa1b2c3d4);
        h.push_back(2), h.push_back(0), h.push_back(4), h.push_back(0);
        le32(h, 0), le32(h, 0), le32(h, 65535), le32(h, 1);
        fwrite(h.data(), 1, h.size(), f_);
    }

    // One Ethernet frame around an IPv4 packet with `l4` (transport header and payload).
    void ipv4(const Ip& ip, const Bytes& l4) {
        Bytes f;
        f.reserve(14 + 20 + l4.size());
        static const uint8_t macs[12] = {0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x0c, 0x00, 0x1c, 0x7f, 0x01, 0x02, 0x03};
        f.insert(f.end(), macs, macs + 12);
        put16(f, 0x0800);
        const size_t ip_at = f.size();
        f.push_back(0x45), f.push_back(0);
        put16(f, static_cast<uint16_t>(20 + l4.size()));
        put16(f, ip.id), put16(f, ip.frag);
        f.push_back(64), f.push_back(ip.proto);
        put16(f, 0);
        put32(f, ip.src), put32(f, ip.dst);
        const uint16_t c = checksum(f.data() + ip_at, 20);
        f[ip_at + 10] = c >> 8, f[ip_at + 11] = c & 0xff;
        f.insert(f.end(), l4.begin(), l4.end());
        frame(f);
    }

    void tcp(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint8_t flags, uint32_t seq,
             const Bytes& payload = {}) {
        Bytes t;
        put16(t, sport), put16(t, dport), put32(t, seq), put32(t, flags & kAck ? 1 : 0);
        t.push_back(0x50), t.push_back(flags);
        put16(t, 65535), put16(t, 0), put16(t, 0);
        t.insert(t.end(), payload.begin(), payload.end());
        ipv4(Ip{src, dst, kTcp}, t);
    }

    void udp(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, const Bytes& payload) {
        ipv4(Ip{src, dst, kUdp}, udp_segment(sport, dport, payload));
    }

    static Bytes udp_segment(uint16_t sport, uint16_t dport, const Bytes& payload, uint16_t claimed_len = 0) {
        Bytes u;
        put16(u, sport), put16(u, dport);
        put16(u, claimed_len ? claimed_len : static_cast<uint16_t>(8 + payload.size()));
        put16(u, 0);
        u.insert(u.end(), payload.begin(), payload.end());
        return u;
    }

private:
    void frame(const Bytes& f) {
        ts_us_ += 10;  // 100,000 packets a second: well within every idle timeout
        Bytes r;
        le32(r, static_cast<uint32_t>(ts_us_ / 1'000'000)), le32(r, static_cast<uint32_t>(ts_us_ % 1'000'000));
        le32(r, static_cast<uint32_t>(f.size())), le32(r, static_cast<uint32_t>(f.size()));
        fwrite(r.data(), 1, r.size(), f_);
        fwrite(f.data(), 1, f.size(), f_);
    }

    FILE* f_;
    uint64_t ts_us_ = 1'700'000'000ull * 1'000'000;
};

const uint32_t kServer = ip4(10, 0, 0, 10), kClient = ip4(10, 0, 0, 20), kResolver = ip4(10, 0, 0, 53);

Bytes dns_message(uint16_t id, const std::string& name, const uint32_t* answer) {
    Bytes m;
    put16(m, id), put16(m, answer ? 0x8180 : 0x0100), put16(m, 1), put16(m, answer ? 1 : 0), put16(m, 0), put16(m, 0);
    const Bytes q = dns_name(name);
    m.insert(m.end(), q.begin(), q.end());
    put16(m, 1), put16(m, 1);
    if (answer) {
        put16(m, 0xc00c), put16(m, 1), put16(m, 1), put32(m, 300), put16(m, 4), put32(m, *answer);
    }
    return m;
}

class Flood {
public:
    explicit Flood(PcapWriter& w) : w_(w) {}

    void unit(const std::string& kind, uint64_t i) {
        const uint32_t remote = remotes_.next();
        const uint16_t port = static_cast<uint16_t>(1024 + i % 60000);
        if (kind == "syn") {
            w_.tcp(remote, port, kServer, 443, kSyn, 1000);
        } else if (kind == "tls") {
            w_.tcp(remote, port, kServer, 443, kSyn, 1000);
            Bytes hello = {0x16, 0x03, 0x01};
            put16(hello, 16000);  // the record claims 16 KB; 200 bytes come
            hello.push_back(0x01), hello.push_back(0), put16(hello, 15996);
            hello.resize(200, 0x42);
            w_.tcp(remote, port, kServer, 443, kPshAck, 1001, hello);
        } else if (kind == "http") {
            w_.tcp(remote, port, kServer, 80, kSyn, 1000);
            Bytes req;
            append(req, "GET /index.html HTTP/1.1\r\nHost: flood-" + std::to_string(i) + ".example\r\nUser-Agent: x");
            w_.tcp(remote, port, kServer, 80, kPshAck, 1001, req);
        } else if (kind == "dnstcp") {
            w_.tcp(remote, port, kResolver, 53, kSyn, 1000);
            Bytes q;
            put16(q, 512);
            q.resize(42, 0x07);
            w_.tcp(remote, port, kResolver, 53, kPshAck, 1001, q);
        } else if (kind == "frag") {
            Bytes payload(64, 0x33);
            w_.ipv4(Ip{remote, kServer, kUdp, static_cast<uint16_t>(i), 0x2000},
                    PcapWriter::udp_segment(port, 4500, payload, 1480));
        } else if (kind == "scan") {
            w_.tcp(kClient, port, remote, 443, kSyn, 1000);
        } else if (kind == "names") {
            const std::string name = "h" + std::to_string(i) + ".flood" + std::to_string(i % 1000) + ".example";
            const uint16_t id = static_cast<uint16_t>(i);
            w_.udp(kClient, port, kResolver, 53, dns_message(id, name, nullptr));
            w_.udp(kResolver, 53, kClient, port, dns_message(id, name, &remote));
        } else {
            std::fprintf(stderr, "sovscan-flood-capture: unknown kind '%s'\n", kind.c_str());
            std::exit(2);
        }
    }

    // A complete, answered TCP session between `local` and the PRC address `remote`; the local side
    // initiates unless `inbound`. Sizes differ per session so that totals identify them.
    void prc_session(uint32_t local, uint32_t remote, uint16_t server_port, bool inbound, uint32_t size) {
        const uint32_t client = inbound ? remote : local, server = inbound ? local : remote;
        const uint16_t cport = static_cast<uint16_t>(40000 + (sessions_++ % 20000));
        w_.tcp(client, cport, server, server_port, kSyn, 1);
        w_.tcp(server, server_port, client, cport, kSynAck, 1);
        w_.tcp(client, cport, server, server_port, kAck, 2);
        w_.tcp(client, cport, server, server_port, kPshAck, 2, Bytes(size, 0x55));
        w_.tcp(server, server_port, client, cport, kPshAck, 1, Bytes(size / 2 + 1, 0x66));
    }

    void prc_traffic(int round) {
        // Alibaba Cloud Hangzhou (CN, AS37963) and China Telecom (CN, AS4134), as in the sample capture.
        prc_session(kClient, ip4(47, 96, 1, 11 + round), 443, false, 300 + 100 * round);
        prc_session(kClient, ip4(47, 96, 1, 20), 443, false, 1000 + round);  // the same pair each round
        prc_session(kServer, ip4(218, 94, 1, 1 + round), 22, true, 500 + 10 * round);
    }

private:
    PcapWriter& w_;
    RemoteAddresses remotes_;
    uint32_t sessions_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5 || (argc == 5 && std::strcmp(argv[4], "--prc") != 0)) {
        std::fprintf(stderr, "usage: sovscan-flood-capture syn|tls|http|dnstcp|frag|names|scan|mixed COUNT OUT.pcap [--prc]\n");
        return 2;
    }
    const std::string kind = argv[1];
    const uint64_t count = std::strtoull(argv[2], nullptr, 10);
    const bool prc = argc == 5;
    FILE* f = std::fopen(argv[3], "wb");
    if (!f) {
        std::perror(argv[3]);
        return 1;
    }
    static char buffer[1 << 20];
    std::setvbuf(f, buffer, _IOFBF, sizeof buffer);
    PcapWriter w(f);
    Flood flood(w);
    static const char* const kMixed[] = {"syn", "tls", "http", "dnstcp", "frag", "names", "scan"};
    if (prc) flood.prc_traffic(0);
    for (uint64_t i = 0; i < count; ++i) {
        flood.unit(kind == "mixed" ? kMixed[i % 7] : kind, i);
        if (prc && i == count / 2) flood.prc_traffic(1);
    }
    if (prc) flood.prc_traffic(2);
    if (std::fclose(f) != 0) {
        std::perror(argv[3]);
        return 1;
    }
    return 0;
}
