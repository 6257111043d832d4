// Writes the project's own sample capture (pcapng): a small utility network of hosts whose traffic
// shows each kind of exposure sovscan reports, plus traffic that must stay clear. Every packet is
// built here; addresses are real public addresses chosen for what the geolocation/ASN data says of
// them, so the scan exercises the real intel. Deterministic: the same bytes on every run.
// With --hostile, the same network names its servers with strings built to attack the report's
// readers (HTML, spreadsheets, terminals): the browser test (tests/browser) scans that capture.
//
//   sovscan-sample-capture OUT.pcapng
//   sovscan-sample-capture --hostile OUT.pcapng
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "packet_bytes.h"

namespace {

using namespace sovscan::tools;

struct Mac { uint8_t b[6]; };
struct Host {
    Mac mac;
    uint32_t ip;
};

// pcapng: one section, one Ethernet interface with microsecond timestamps.
class PcapngWriter {
public:
    explicit PcapngWriter(FILE* f) : f_(f) {
        Bytes shb;
        le32(shb, 0x0A0D0D0A); le32(shb, 28); le32(shb, 0x1A2B3C4D); le16(shb, 1); le16(shb, 0);
        le32(shb, 0xffffffff); le32(shb, 0xffffffff); le32(shb, 28);
        Bytes idb;
        le32(idb, 1); le32(idb, 20); le16(idb, 1 /*Ethernet*/); le16(idb, 0); le32(idb, 65535); le32(idb, 20);
        fwrite(shb.data(), 1, shb.size(), f_);
        fwrite(idb.data(), 1, idb.size(), f_);
    }
    void packet(uint64_t ts_us, const Bytes& frame) {
        uint32_t padded = (frame.size() + 3) & ~3u;
        uint32_t total = 32 + padded;
        Bytes epb;
        le32(epb, 6); le32(epb, total); le32(epb, 0);
        le32(epb, ts_us >> 32); le32(epb, ts_us & 0xffffffff);
        le32(epb, frame.size()); le32(epb, frame.size());
        append(epb, frame);
        epb.resize(28 + padded, 0);
        le32(epb, total);
        fwrite(epb.data(), 1, epb.size(), f_);
    }

private:
    FILE* f_;
};

Bytes ethernet_ipv4(const Mac& src, const Mac& dst, uint32_t sip, uint32_t dip, uint8_t proto, const Bytes& l4) {
    Bytes b(dst.b, dst.b + 6);
    b.insert(b.end(), src.b, src.b + 6);
    put16(b, 0x0800);
    b.push_back(0x45); b.push_back(0);
    put16(b, 20 + l4.size());
    put16(b, 0x1234); put16(b, 0x4000);
    b.push_back(64); b.push_back(proto);
    put16(b, 0);  // checksum (not verified by capture tools)
    put32(b, sip); put32(b, dip);
    append(b, l4);
    return b;
}

Bytes udp(uint16_t sp, uint16_t dp, const Bytes& payload) {
    Bytes b;
    put16(b, sp); put16(b, dp); put16(b, 8 + payload.size()); put16(b, 0);
    append(b, payload);
    return b;
}

Bytes tcp(uint16_t sp, uint16_t dp, uint32_t seq, uint32_t ack, uint8_t flags, const Bytes& payload) {
    Bytes b;
    put16(b, sp); put16(b, dp); put32(b, seq); put32(b, ack);
    b.push_back(5 << 4); b.push_back(flags);
    put16(b, 64240); put16(b, 0); put16(b, 0);
    append(b, payload);
    return b;
}

Bytes dns_message(uint16_t id, const std::string& qname, const std::vector<uint32_t>& answers) {
    Bytes b;
    put16(b, id); put16(b, answers.empty() ? 0x0100 : 0x8180);
    put16(b, 1); put16(b, answers.size()); put16(b, 0); put16(b, 0);
    append(b, dns_name(qname));
    put16(b, 1); put16(b, 1);
    for (uint32_t a : answers) {
        put16(b, 0xc00c); put16(b, 1); put16(b, 1); put32(b, 300); put16(b, 4); put32(b, a);
    }
    return b;
}

Bytes tls_client_hello(const std::string& sni) {
    Bytes ext;
    put16(ext, 0);  // server_name
    put16(ext, sni.size() + 5);
    put16(ext, sni.size() + 3);
    ext.push_back(0);
    put16(ext, sni.size());
    ext.insert(ext.end(), sni.begin(), sni.end());
    Bytes body;
    put16(body, 0x0303);
    for (int i = 0; i < 32; ++i) body.push_back(static_cast<uint8_t>(i * 7));
    body.push_back(0);                      // session id
    put16(body, 4); put16(body, 0x1301); put16(body, 0xc02f);
    body.push_back(1); body.push_back(0);   // compression
    put16(body, ext.size());
    append(body, ext);
    Bytes hs;
    hs.push_back(1);
    hs.push_back(0); put16(hs, body.size());
    append(hs, body);
    Bytes rec;
    rec.push_back(0x16); put16(rec, 0x0301); put16(rec, hs.size());
    append(rec, hs);
    return rec;
}

Bytes filler(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed + i * 31);
    return b;
}

class Scenario {
public:
    explicit Scenario(PcapngWriter& w) : w_(w) {}

    void dns(const Host& client, const Host& gw, uint32_t resolver, const std::string& name, uint32_t answer) {
        uint16_t port = next_port_++;
        w_.packet(tick(), ethernet_ipv4(client.mac, gw.mac, client.ip, resolver, 17, udp(port, 53, dns_message(id_, name, {}))));
        w_.packet(tick(20000), ethernet_ipv4(gw.mac, client.mac, resolver, client.ip, 17, udp(53, port, dns_message(id_, name, {answer}))));
        ++id_;
    }

    // A TCP session: handshake, the client's first payload, then `up` bytes from the client and
    // `down` bytes from the server in 1400-byte segments, and a FIN exchange.
    void session(const Host& client, const Host& gw, uint32_t server, uint16_t sport, const Bytes& first, size_t up,
                 size_t down, bool reverse_macs_for_inbound = false) {
        (void)reverse_macs_for_inbound;
        uint16_t cport = next_port_++;
        uint32_t cs = 1000, ss = 5000;
        auto c2s = [&](uint8_t flags, const Bytes& p, uint64_t gap = 500) {
            w_.packet(tick(gap), ethernet_ipv4(client.mac, gw.mac, client.ip, server, 6, tcp(cport, sport, cs, ss, flags, p)));
            cs += p.size() + ((flags & 0x03) ? 1 : 0);
        };
        auto s2c = [&](uint8_t flags, const Bytes& p, uint64_t gap = 30000) {
            w_.packet(tick(gap), ethernet_ipv4(gw.mac, client.mac, server, client.ip, 6, tcp(sport, cport, ss, cs, flags, p)));
            ss += p.size() + ((flags & 0x03) ? 1 : 0);
        };
        c2s(0x02, {});
        s2c(0x12, {});
        c2s(0x10, {});
        if (!first.empty()) c2s(0x18, first);
        for (size_t sent = 0; sent < down; sent += 1400) s2c(0x10, filler(std::min<size_t>(1400, down - sent), 3), 2000);
        for (size_t sent = 0; sent < up; sent += 1400) c2s(0x10, filler(std::min<size_t>(1400, up - sent), 9), 2000);
        c2s(0x11, {});
        s2c(0x11, {});
        c2s(0x10, {});
    }

    // A session the remote side opens to a local server (remote administration).
    void inbound(const Host& local, const Host& gw, uint32_t remote, uint16_t port, size_t up, size_t down) {
        uint16_t rport = next_port_++;
        uint32_t rs = 7000, ls = 9000;
        auto r2l = [&](uint8_t flags, const Bytes& p) {
            w_.packet(tick(30000), ethernet_ipv4(gw.mac, local.mac, remote, local.ip, 6, tcp(rport, port, rs, ls, flags, p)));
            rs += p.size() + ((flags & 0x03) ? 1 : 0);
        };
        auto l2r = [&](uint8_t flags, const Bytes& p) {
            w_.packet(tick(300), ethernet_ipv4(local.mac, gw.mac, local.ip, remote, 6, tcp(port, rport, ls, rs, flags, p)));
            ls += p.size() + ((flags & 0x03) ? 1 : 0);
        };
        r2l(0x02, {});
        l2r(0x12, {});
        r2l(0x10, {});
        const std::string banner = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
        if (port == 22) l2r(0x18, Bytes(banner.begin(), banner.end()));
        for (size_t s = 0; s < up; s += 1400) r2l(0x10, filler(std::min<size_t>(1400, up - s), 5));
        for (size_t s = 0; s < down; s += 1400) l2r(0x10, filler(std::min<size_t>(1400, down - s), 7));
        r2l(0x11, {});
        l2r(0x11, {});
    }

    void arp_announce(const Host& h) {
        Bytes b(6, 0xff);
        b.insert(b.end(), h.mac.b, h.mac.b + 6);
        put16(b, 0x0806);
        put16(b, 1); put16(b, 0x0800); b.push_back(6); b.push_back(4); put16(b, 1);
        b.insert(b.end(), h.mac.b, h.mac.b + 6); put32(b, h.ip);
        for (int i = 0; i < 6; ++i) b.push_back(0);
        put32(b, h.ip);
        b.resize(60, 0);
        w_.packet(tick(), b);
    }

    void pause(uint64_t us) { t_ += us; }

private:
    uint64_t tick(uint64_t gap_us = 1000) { return t_ += gap_us; }
    PcapngWriter& w_;
    uint64_t t_ = 1'760'000'000ULL * 1'000'000ULL;  // 2025-10-09, after the NÚKIB warning
    uint16_t id_ = 0x2a00, next_port_ = 49152;
};

Bytes http_get(const std::string& host, const std::string& path, const std::string& ua) {
    std::string s = fmt::format("GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\nAccept: */*\r\n\r\n", path, host, ua);
    return Bytes(s.begin(), s.end());
}

// Server names and headers an attacker controls, each on traffic to a server in the PRC (Alibaba
// Cloud Hangzhou) so that every one of them reaches a finding. Injected script would set
// window.pwned or open a dialog; the browser test checks that neither happens.
void write_hostile(Scenario& s, const Host& camera, const Host& logger, const Host& workstation, const Host& jump,
                   const Host& gateway, uint32_t resolver) {
    const uint32_t cn1 = ip4(47, 96, 1, 11), cn2 = ip4(47, 96, 1, 12), cn3 = ip4(47, 96, 1, 13), cn4 = ip4(47, 96, 1, 14),
                   cn5 = ip4(47, 96, 1, 15), cn6 = ip4(47, 96, 1, 16), cn7 = ip4(47, 96, 1, 17);
    // A DNS answer names the server; the session carries no TLS, so the name is the DNS one.
    s.dns(camera, gateway, resolver, "<script>alert(1);window.pwned=1</script>.example", cn1);
    s.session(camera, gateway, cn1, 8443, {}, 30'000, 2'000);
    // TLS SNI that would close an attribute and add an element with a handler.
    s.session(logger, gateway, cn2, 443, tls_client_hello("\"><img src=x onerror=alert(2);window.pwned=2>"), 20'000, 1'000);
    // A spreadsheet formula (DNS names may hold any byte but the dot).
    s.dns(workstation, gateway, resolver, "=HYPERLINK(\"http://x\",\"y\")", cn7);
    s.session(workstation, gateway, cn7, 8443, {}, 12'000, 900);
    // HTTP Host as another formula; the User-Agent as a script with a terminal escape.
    s.session(workstation, gateway, cn3, 80, http_get("-1+1|calc!a0", "/", "<script>window.pwned=3</script>\x1b[31m"),
              9'000, 700);
    // SNI with ANSI colour codes, and names that start with + and @ (the other formula prefixes).
    s.session(jump, gateway, cn4, 443, tls_client_hello("\x1b[31mred\x1b[0m.example"), 5'000, 500);
    s.dns(workstation, gateway, resolver, "+cmd|'/c calc'!a0.example", cn5);
    s.session(workstation, gateway, cn5, 8443, {}, 4'000, 400);
    s.dns(workstation, gateway, resolver, "@sum(1+1)*cmd.example", cn6);
    s.session(workstation, gateway, cn6, 8443, {}, 3'000, 300);
}

}  // namespace

int main(int argc, char** argv) {
    static const char* const kUsage =
        "usage: sovscan-sample-capture [--hostile] OUT.pcapng\n"
        "Writes the project's synthetic sample capture (a site network 10.20.0.0/16 talking to PRC\n"
        "and non-PRC servers) for `sovscan scan OUT.pcapng --home-net 10.20.0.0/16`.\n"
        "  --hostile  names and banners carrying HTML, CSV formulas and terminal escapes instead,\n"
        "             to check that every report escapes them\n";
    if (argc == 2 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
        fputs(kUsage, stdout);
        return 0;
    }
    const bool hostile = argc == 3 && std::strcmp(argv[1], "--hostile") == 0;
    // An option where the output path belongs is a mistake, not a file to create.
    if ((argc != 2 && !hostile) || argv[argc - 1][0] == '-') {
        fputs(kUsage, stderr);
        return 2;
    }
    const char* path = argv[argc - 1];
    FILE* f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "sovscan-sample-capture: cannot write %s: %s\n", path, strerror(errno));
        return 2;
    }
    PcapngWriter w(f);
    Scenario s(w);

    // The site network 10.20.0.0/16. MAC prefixes are real IEEE assignments of each maker.
    const Host gateway{{{0xec, 0x1c, 0x5d, 0x00, 0x00, 0x01}}, ip4(10, 20, 0, 1)};       // Siemens AG router
    const Host camera{{{0x44, 0x47, 0xcc, 0x12, 0x34, 0x56}}, ip4(10, 20, 1, 10)};       // Hikvision IP camera
    const Host logger{{{0x24, 0x6f, 0x28, 0xab, 0xcd, 0xef}}, ip4(10, 20, 2, 20)};       // PV logger, Espressif Wi-Fi
    const Host workstation{{{0x98, 0xe7, 0x43, 0x01, 0x02, 0x03}}, ip4(10, 20, 3, 30)};  // Dell workstation
    const Host jump{{{0x98, 0xe7, 0x43, 0x04, 0x05, 0x06}}, ip4(10, 20, 4, 40)};         // SSH jump host
    const Host switch_{{{0x30, 0xfb, 0xb8, 0x77, 0x88, 0x99}}, ip4(10, 20, 0, 2)};       // Huawei switch

    const uint32_t resolver = ip4(10, 20, 0, 53);
    const uint32_t alibaba_cn = ip4(47, 96, 1, 10);        // Alibaba Cloud Hangzhou (CN, AS37963)
    const uint32_t alibaba_de = ip4(8, 209, 76, 12);       // Alibaba Cloud Frankfurt (DE, AS45102)
    const uint32_t tencent_hk = ip4(129, 226, 107, 77);    // Tencent (HK, AS132203)
    const uint32_t chinanet = ip4(218, 94, 1, 1);          // China Telecom (CN, AS4134)
    const uint32_t dns_114 = ip4(114, 114, 114, 114);      // 114DNS public resolver (CN)
    const uint32_t siemens_de = ip4(194, 138, 20, 100);    // Siemens AG (DE): must stay clear
    const uint32_t google_dns = ip4(8, 8, 8, 8);           // Google Public DNS (US): must stay clear

    s.arp_announce(switch_);
    s.arp_announce(camera);

    if (hostile) {
        write_hostile(s, camera, logger, workstation, jump, gateway, resolver);
        if (fclose(f) != 0) {
            fprintf(stderr, "sovscan-sample-capture: writing %s failed\n", path);
            return 2;
        }
        return 0;
    }

    // 1. The camera resolves its vendor cloud and uploads video to a server in the PRC.
    s.dns(camera, gateway, resolver, "api.hik-connect.com", alibaba_cn);
    s.session(camera, gateway, alibaba_cn, 443, tls_client_hello("api.hik-connect.com"), 180'000, 6'000);

    // 2. The PV logger reports to its vendor cloud, hosted by a PRC-controlled cloud in Frankfurt.
    s.dns(logger, gateway, resolver, "mqtt.solarmanpv.com", alibaba_de);
    s.session(logger, gateway, alibaba_de, 443, tls_client_hello("mqtt.solarmanpv.com"), 42'000, 3'000);

    // 3. A workstation uses a PRC public resolver, then fetches from a Tencent server in Hong Kong.
    s.dns(workstation, gateway, dns_114, "pingma.qq.com", tencent_hk);
    s.session(workstation, gateway, tencent_hk, 80, http_get("pingma.qq.com", "/mstat/report", "Mozilla/5.0"), 2'500, 800);

    // 4. Someone in the PRC logs in to the jump host over SSH.
    s.pause(60'000'000);
    s.inbound(jump, gateway, chinanet, 22, 24'000, 96'000);

    // Counter-examples: Google DNS and a Siemens update server in Germany.
    s.dns(workstation, gateway, google_dns, "support.industry.siemens.com", siemens_de);
    s.session(workstation, gateway, siemens_de, 443, tls_client_hello("support.industry.siemens.com"), 12'000, 250'000);

    if (fclose(f) != 0) {
        fprintf(stderr, "sovscan-sample-capture: writing %s failed\n", path);
        return 2;
    }
    return 0;
}
