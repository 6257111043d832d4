// Observe on real captures: facts from ../shared/corpus/FACTS.md (tshark), and every TLS/QUIC SNI
// that nDPI reports (ndpi-expected/NAME.out) must be found on the same flow.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "observe/gquic_packet.h"
#include "observe/observe_test_util.h"
#include "observe/quic_crypto_chlo.h"
#include "support/ndpi_expected.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

const Flow* find_named(const CaptureRun& run, const std::string& name, uint8_t proto) {
    for (const auto& f : run.flows)
        if (f.server_name == name && f.proto == proto) return &f;
    return nullptr;
}

TEST(ObserveCorpus, Quic1kxunAndFriendsHaveSni) {
    // FACTS.md "TLS SNI (transport dst)" lists these UDP SNIs (tshark decrypts the Initials).
    struct Case {
        const char* file;
        const char* sni;
        NameSource source;
    };
    for (const Case& c : {Case{"ndpi/quic-29.pcap", "localhost", NameSource::quic_sni},
                          Case{"ndpi/quic-23.pcap", "quic.aiortc.org", NameSource::quic_sni},
                          Case{"ndpi/quic-27.pcap", "play.google.com", NameSource::quic_sni},
                          Case{"ndpi/quic_0RTT.pcap", "", NameSource::quic_sni}}) {
        auto run = run_capture(corpus_file(c.file));
        if (*c.sni) {
            const Flow* f = find_named(run, c.sni, kProtoUdp);
            ASSERT_NE(f, nullptr) << c.file;
            EXPECT_EQ(f->name_source, c.source);
        }
        EXPECT_GT(run.observer->counters().at("quic_initials_decrypted"), 0u) << c.file;
    }
}

TEST(ObserveCorpus, QuicChInSeveralPacketsAndOutOfOrder) {
    // A ClientHello (without server_name) in CRYPTO frames over two Initials.
    auto multi = run_capture(corpus_file("ndpi/quic_frags_ch_in_multiple_packets.pcapng"));
    EXPECT_EQ(multi.observer->counters().at("quic_client_hellos"), 1u);
    // Chrome's CRYPTO frames shuffled inside each Initial: nDPI names 113 QUIC flows.
    auto crazy = run_capture(corpus_file("ndpi/quic_frags_ch_out_of_order_same_packet_craziness.pcapng"));
    size_t named = 0;
    for (const auto& f : crazy.flows) named += f.name_source == NameSource::quic_sni;
    EXPECT_GE(named, 113u);
}

// One capture per Google QUIC variant, with the name nDPI found (ndpi-expected/<f>.out): the
// unencrypted CHLO of Q039/Q043, the Q050 CHLO and T050/T051 ClientHello inside Initials opened
// with Google's salts.
TEST(ObserveCorpus, GoogleQuicVariantsNameTheirServers) {
    struct Case {
        const char* file;
        const char* name;
        const char* counter;  // what read the name
    };
    for (const Case& c : {Case{"ndpi/quic_q39.pcap", "s.youtube.com", "gquic_chlos"},
                          Case{"ndpi/quic_q43.pcap", "dns.google.com", "gquic_chlos"},
                          Case{"ndpi/quic_q50.pcap", "www.googletagmanager.com", "gquic_chlos"},
                          Case{"ndpi/quic_t50.pcap", "fonts.googleapis.com", "quic_client_hellos"},
                          Case{"ndpi/quic_t51.pcap", "www.google.com", "quic_client_hellos"}}) {
        auto run = run_capture(corpus_file(c.file));
        ASSERT_EQ(run.flows.size(), 1u) << c.file;
        EXPECT_EQ(run.flows[0].server_name, c.name) << c.file;
        EXPECT_EQ(run.flows[0].name_source, NameSource::quic_sni) << c.file;
        EXPECT_EQ(run.observer->counters().at(c.counter), 1u) << c.file;
        EXPECT_EQ(run.observer->counters().at("gquic_malformed"), 0u) << c.file;
        EXPECT_EQ(run.observer->counters().at("quic_unsupported_version"), 0u) << c.file;
    }
}

// Every Google QUIC Q024..Q046 client packet to port 443 in the corpus, read as the handshake
// reader reads it (the version of a packet that does not carry it is the flow's, from its first
// packet). Per packet: frame number, whether its message authentication hash holds (sent in the
// clear), and the stream 1 offset where a CHLO begins in it (-1: none). The two second CHLOs,
// sent at a non-zero offset without the version once the server's REJ arrived, one behind an ACK
// and a STOP_WAITING, are what a capture that lost the first packet still names the flow by. Every
// other gQUIC packet of these flows is encrypted: its hash must fail.
TEST(ObserveCorpus, GoogleQuicHandshakePacketsAsTheReaderSeesThem) {
    struct Expect {
        size_t frame;
        bool in_clear;
        int64_t chlo_at;
        const char* sni;  // of that CHLO when whole in the packet
    };
    struct Case {
        const char* file;
        std::vector<Expect> packets;
    };
    const std::vector<Case> cases{
        {"ndpi/quic_q39.pcap", {{0, true, 0, "s.youtube.com"}, {1, false, -1, ""}}},
        {"ndpi/quic_q43.pcap", {{0, true, 0, "dns.google.com"}}},
        {"ndpi/telegram.pcap", {{724, true, 0, "www.google.com"}, {725, true, 0, "www.google.com"}}},
        // Q035: the hash without "Client". Frames 49 and 999 are 0-RTT data (encrypted), 50 a
        // retransmission of the CHLO of 48.
        {"ndpi/wechat.pcap", {{48, true, 0, "ssl.gstatic.com"}, {49, false, -1, ""}, {50, true, 0, "ssl.gstatic.com"},
                              {63, true, 0, "docs.google.com"}, {64, false, -1, ""},
                              {998, true, 0, "ssl.gstatic.com"}, {999, false, -1, ""}}},
        {"ndpi/youtubeupload.pcap", {{0, true, 0, "upload.youtube.com"}, {4, true, -1, ""}, {5, true, 1300, "upload.youtube.com"},
                                     {28, true, 0, "upload.youtube.com"}, {31, true, 1300, "upload.youtube.com"}}},
        {"arkime/quic24-wireshark.pcap", {{0, true, 0, "www.google.fr"}, {3, true, -1, ""}, {4, true, 1300, "www.google.fr"}}},
        {"arkime/quic33-wireshark.pcap", {{0, true, 0, "www.google.com"}, {1, true, 0, "www.google.com"}}},
        // The one packet whose hash does not hold: the capture's bytes were altered somewhere. Its
        // CHLO is whole and begins a stream piece, which is taken from any packet.
        {"arkime/quic34.pcap", {{0, false, 0, "ssl.gstatic.com"}}},
        {"arkime/quic43.pcap", {{0, true, 0, "r3---sn-n4v7knl6.googlevideo.com"}}},
    };
    for (const Case& c : cases) {
        const auto frames = read_capture(corpus_file(c.file));
        ASSERT_FALSE(frames.empty()) << c.file;
        std::map<uint16_t, int> version_of;  // by client port
        std::vector<Expect> seen;
        for (size_t i = 0; i < frames.size(); ++i) {
            DecodedPacket p;
            if (!decode_frame(frames[i], p) || p.ip_proto != kProtoUdp || p.dst_port != 443) continue;
            const auto known = version_of.find(p.src_port);
            observe::gquic::ClientPacket packet;
            std::vector<observe::gquic::StreamChunk> chunks;
            const auto st = observe::gquic::read_client_packet(p.payload, known == version_of.end() ? -1 : known->second,
                                                                packet, chunks);
            if (st == observe::gquic::PacketStatus::not_gquic) continue;
            if (packet.carries_version) version_of[p.src_port] = packet.version;
            Expect e{i, observe::gquic::sent_unencrypted(p.payload, packet), -1, ""};
            for (const auto& chunk : chunks) {
                observe::gquic::ChloInfo info;
                if (chunk.data.size() < 4 || std::memcmp(chunk.data.data(), "CHLO", 4) != 0) continue;
                e.chlo_at = int64_t(chunk.offset);
                if (observe::gquic::parse_chlo(chunk.data, info) == observe::ParseStatus::ok) {
                    static std::string name;
                    name.assign(info.server_name);
                    e.sni = name.c_str();
                    EXPECT_EQ(to_hex(info.server_name), to_hex(std::string(e.sni)));
                }
            }
            // Compare at once: `sni` points at a buffer reused for the next packet. Packets not
            // listed are the flows' encrypted ones: their hash must fail.
            const auto want = std::find_if(c.packets.begin(), c.packets.end(), [&](const Expect& x) { return x.frame == i; });
            if (want == c.packets.end()) {
                EXPECT_FALSE(e.in_clear) << c.file << " frame " << i;
                continue;
            }
            seen.push_back(e);
            EXPECT_EQ(e.in_clear, want->in_clear) << c.file << " frame " << i;
            EXPECT_EQ(e.chlo_at, want->chlo_at) << c.file << " frame " << i;
            EXPECT_EQ(std::string(e.sni), want->sni) << c.file << " frame " << i;
        }
        EXPECT_EQ(seen.size(), c.packets.size()) << c.file;
    }
}

TEST(ObserveCorpus, DnsAnswersAndHttpHostsIn1kxun) {
    auto run = run_capture(corpus_file("ndpi/1kxun.pcap"));
    const auto server = *IpAddress::parse("203.205.151.234");
    // By the end of the capture (a flow beginning then), for its client and for any other.
    const DnsNameMatch own = run.observer->dns_name(*IpAddress::parse("192.168.115.8"), server, INT64_MAX);
    ASSERT_NE(own.name, nullptr);
    EXPECT_EQ(own.name->query, "vv.video.qq.com");
    EXPECT_EQ(own.name->resolver.to_string(), "8.8.8.8");
    EXPECT_EQ(own.basis, DnsNameBasis::own_before);
    const DnsNameMatch other = run.observer->dns_name(IpAddress(), server, INT64_MAX);
    EXPECT_EQ(other.name, own.name);
    EXPECT_EQ(other.basis, DnsNameBasis::other_client_before);
    // FACTS.md HTTP Host (dst).
    const Flow* f = find_named(run, "vv.video.qq.com", kProtoTcp);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->server_ip, server);
    EXPECT_EQ(f->name_source, NameSource::http_host);
    for (const char* host : {"cgi.connect.qq.com", "qzonestyle.gtimg.cn", "analytics.rayjump.com", "pingma.qq.com",
                             "42.120.51.152", "hkbn.content.1kxun.com"})
        EXPECT_NE(find_named(run, host, kProtoTcp), nullptr) << host;
    const auto c = run.observer->counters();
    EXPECT_GT(c.at("http_requests"), 50u);
    EXPECT_GT(c.at("http_responses"), 50u);
    EXPECT_GT(c.at("dns_responses"), 0u);
    // The user agent of the flow to 42.120.51.152 (nDPI: Mozilla/5.0).
    const Flow* proxy = find_named(run, "42.120.51.152", kProtoTcp);
    ASSERT_NE(proxy, nullptr);
    EXPECT_EQ(proxy->http_user_agent, "Mozilla/5.0");
}

TEST(ObserveCorpus, TlsSplitClientHellos) {
    // ClientHellos over several TCP segments.
    // gaijin_mobile_mixed: tshark reassembles the ClientHello naming yupmaster.gaijinent.com from 2 segments.
    auto gaijin = run_capture(corpus_file("ndpi/gaijin_mobile_mixed.pcap"));
    EXPECT_GT(gaijin.observer->counters().at("tls_reassembled"), 0u);
    const Flow* f = find_named(gaijin, "yupmaster.gaijinent.com", kProtoTcp);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name_source, NameSource::sni);
    // tls_with_huge_ch: a 12-segment ClientHello, larger than the reassembly bound: read up to it.
    auto huge = run_capture(corpus_file("ndpi/tls_with_huge_ch.pcapng"));
    EXPECT_GT(huge.observer->counters().at("tls_reassembled"), 0u);
    EXPECT_EQ(huge.observer->counters().at("tls_malformed"), 0u);
}

TEST(ObserveCorpus, StartTlsUpgrades) {
    // Two SMTP flows upgrade with STARTTLS after EHLO (tshark: the ClientHello is the client's 3rd
    // payload packet). Only the second ClientHello has a server_name; the first (TLS 1.0, one
    // extension) has none: its name comes from the server's certificate (see
    // ServerCertificatesNameFlowsWithoutSni).
    auto smtp = run_capture(corpus_file("ndpi/smtp-starttls.pcap"));
    const Flow* dovecot = smtp.find("2003:de:2016:125:fc36:8317:4e86:cb72", 7562, "2003:de:2016:120::a08:53", 25, kProtoTcp);
    ASSERT_NE(dovecot, nullptr);
    EXPECT_EQ(dovecot->server_name, "dovecot.weberlab.de");
    EXPECT_EQ(dovecot->name_source, NameSource::sni);
    const Flow* google = smtp.find("10.0.0.1", 57406, "173.194.68.26", 25, kProtoTcp);
    ASSERT_NE(google, nullptr);
    EXPECT_EQ(google->name_source, NameSource::tls_certificate);
    EXPECT_TRUE(google->upgrading_to_tls);
    auto c = smtp.observer->counters();
    EXPECT_EQ(c.at("starttls_upgrades"), 2u);
    EXPECT_EQ(c.at("tls_client_hellos"), 2u);
    EXPECT_EQ(c.at("tls_malformed"), 0u);
    // IMAP ". STARTTLS" and FTP "AUTH TLS" (the server sends every packet twice): both ClientHellos
    // are read, neither has a server_name (nDPI: no Hostname/SNI; "Missing SNI TLS Extn" for IMAP):
    // the server's certificate names them.
    for (const char* file : {"ndpi/imap-starttls.pcap", "ndpi/ftp-start-tls.pcap"}) {
        auto run = run_capture(corpus_file(file));
        c = run.observer->counters();
        EXPECT_EQ(c.at("starttls_upgrades"), 1u) << file;
        EXPECT_EQ(c.at("tls_client_hellos"), 1u) << file;
        ASSERT_EQ(run.flows.size(), 1u) << file;
        EXPECT_TRUE(run.flows[0].upgrading_to_tls) << file;
        EXPECT_EQ(run.flows[0].name_source, NameSource::tls_certificate) << file;
    }
    // POP3 sessions that list STLS in CAPA but never send it: no upgrade, nothing taken for TLS.
    auto pop3 = run_capture(corpus_file("ndpi/pop3.pcap"));
    c = pop3.observer->counters();
    EXPECT_EQ(c.at("starttls_upgrades"), 0u);
    EXPECT_EQ(c.at("tls_client_hellos"), 0u);
    EXPECT_EQ(c.at("tls_malformed"), 0u);
}

// TLS 1.0-1.2 flows whose ClientHello has no server_name are named by the server's leaf
// certificate: its first subjectAltName dNSName, else its subject CN. Each expected name is what
//   tshark -r F -Y 'tls.handshake.type==11' -T fields -e tcp.stream -e x509ce.dNSName
// shows first for the flow's leaf (lower-cased), on a flow for which
//   tshark -r F -Y 'tls.handshake.type==1 && !tls.handshake.extensions_server_name'
// lists the ClientHello.
TEST(ObserveCorpus, ServerCertificatesNameFlowsWithoutSni) {
    struct Case {
        const char* file;
        const char* client;
        uint16_t client_port;
        const char* server;
        uint16_t server_port;
        const char* name;
    };
    for (const Case& c : {
             // Huawei OSS over FTP AUTH TLS, TLS 1.2 (the server sends every segment twice):
             // dNSName "OSS.huawei.com" (the subject CN is "OSS Certificate").
             Case{"ndpi/ftp-start-tls.pcap", "10.238.26.36", 62092, "10.220.50.76", 21, "oss.huawei.com"},
             // SMTP STARTTLS, TLS 1.0, certificate over three segments: dNSName "aspmx.l.google.com"
             // first of 20 (nDPI shows the subject CN, "mx.google.com").
             Case{"ndpi/smtp-starttls.pcap", "10.0.0.1", 57406, "173.194.68.26", 25, "aspmx.l.google.com"},
             // IMAP STARTTLS: dNSName "imap.gmx.net", then "imap.gmx.de".
             Case{"ndpi/imap-starttls.pcap", "192.168.17.53", 49640, "212.227.17.186", 143, "imap.gmx.net"},
             // TLS 1.0 to 443 without SNI, a wildcard kept as written: dNSName "*.webex.com" (tcp.stream 10).
             Case{"ndpi/webex.pcap", "10.8.0.1", 51646, "114.29.204.49", 443, "*.webex.com"},
             // DNS over TLS (853), TLS 1.2 without SNI: dNSName "dns.google".
             Case{"ndpi/dns_dot.pcap", "192.168.1.185", 58290, "8.8.8.8", 853, "dns.google"},
         }) {
        auto run = run_capture(corpus_file(c.file));
        const Flow* f = run.find(c.client, c.client_port, c.server, c.server_port, kProtoTcp);
        ASSERT_NE(f, nullptr) << c.file;
        EXPECT_EQ(f->server_name, c.name) << c.file;
        EXPECT_EQ(f->name_source, NameSource::tls_certificate) << c.file;
        EXPECT_GE(run.observer->counters().at("tls_certificates"), 1u) << c.file;
        EXPECT_EQ(run.observer->counters().at("tls_malformed"), 0u) << c.file;
    }
    // AnyDesk's certificates name no host ("AnyDesk Client"): read, but no name taken.
    auto anydesk = run_capture(corpus_file("ndpi/anydesk.pcapng"));
    EXPECT_GT(anydesk.observer->counters().at("tls_certificates"), 0u);
    for (const auto& f : anydesk.flows) EXPECT_NE(f.name_source, NameSource::tls_certificate) << f.server_name;
}

// --- nDPI comparison ---------------------------------------------------------------------------

// Differences with nDPI that are understood (docs/observe.md lists why).
const std::set<std::string> kExplained = {
    // IPv4 in IPv6 tunnel: the tiny test reader does not decapsulate (decode/ does).
    "ndpi/4in6tunnel.pcap www.bing.com",
    // PPP link layer (DLT_PPP): the tiny test reader knows Ethernet, Linux cooked, null and raw IP
    // only (decode/ reads PPP).
    "ndpi/dlt_ppp.pcap server4",
    // STARTTLS without server_name: both name the flow from the server's certificate, nDPI by its
    // subject CN, sovscan by its first subjectAltName dNSName ("aspmx.l.google.com").
    "ndpi/smtp-starttls.pcap mx.google.com",
    // A one-way QUIC flow on a PPP link (DLT_PPP): the tiny test reader has no PPP (decode/ does).
    "ndpi/dlt_ppp.pcap server4",
};

// The observe stage alone (the tests' tiny reader, no tunnels crossed): nDPI's TLS and QUIC names
// of flows not inside a tunnel. tests/corpus/ndpi_name_recall_test.cpp compares every family
// through the whole engine.
TEST(ObserveCorpus, EveryNdpiTlsAndQuicSniIsFound) {
    const std::string dir = corpus_dir();
    size_t captures = 0, expected = 0;
    std::vector<std::string> missing;
    std::vector<std::filesystem::path> outs;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/ndpi-expected")) outs.push_back(e.path());
    std::sort(outs.begin(), outs.end());
    for (const auto& out : outs) {
        std::vector<NdpiFlow> snis;
        for (NdpiFlow& f : read_ndpi_flows(out.string())) {
            const NdpiNameFamily family = ndpi_name_family(f.master);
            if (!f.hostname.empty() && f.tunnel.empty() && (family == NdpiNameFamily::tls || family == NdpiNameFamily::quic))
                snis.push_back(std::move(f));
        }
        if (snis.empty()) continue;
        const std::string capture = "ndpi/" + out.stem().string();  // NAME.pcap.out -> NAME.pcap
        ++captures;
        auto run = run_capture(corpus_file(capture));
        for (const auto& s : snis) {
            ++expected;
            const Flow* f = run.find(s.a, s.pa, s.b, s.pb, s.ip_proto);
            std::string got = f ? f->server_name : "<no flow>";
            if (got != comparable_name(s.hostname)) {
                const std::string key = capture + " " + s.hostname;
                if (!kExplained.count(key))
                    missing.push_back(key + " (" + s.transport + " " + s.a + ":" + std::to_string(s.pa) + " <-> " + s.b +
                                      ":" + std::to_string(s.pb) + ") got '" + got + "'");
            }
        }
    }
    EXPECT_GE(captures, 85u);
    std::string report;
    for (const auto& m : missing) report += "  " + m + "\n";
    EXPECT_TRUE(missing.empty()) << missing.size() << " of " << expected << " nDPI SNIs not found in " << captures
                                 << " captures:\n"
                                 << report;
    std::cout << expected << " nDPI TLS/QUIC names in " << captures << " captures\n";
}

// Every HTTP flow nDPI names (HTTP and its sub-protocols, HTTP_Proxy, HTTP_Connect) outside a tunnel
// (the tiny reader crosses none; ndpi_name_recall_test.cpp covers those) gets the same name on the same 5-tuple: the Host header, the server behind a proxy, or the SNI sent through a
// CONNECT tunnel (ndpi/http_connect.pcap, where nDPI shows it too).
TEST(ObserveCorpus, EveryNdpiHttpHostIsFound) {
    const std::string dir = corpus_dir();
    size_t captures = 0, expected = 0;
    std::vector<std::string> missing;
    std::vector<std::filesystem::path> outs;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/ndpi-expected")) outs.push_back(e.path());
    std::sort(outs.begin(), outs.end());
    for (const auto& out : outs) {
        std::vector<NdpiFlow> hosts;
        for (NdpiFlow& f : read_ndpi_flows(out.string()))
            if (!f.hostname.empty() && f.tunnel.empty() && ndpi_name_family(f.master) == NdpiNameFamily::http)
                hosts.push_back(std::move(f));
        if (hosts.empty()) continue;
        const std::string capture = "ndpi/" + out.stem().string();
        ++captures;
        auto run = run_capture(corpus_file(capture));
        for (const auto& h : hosts) {
            ++expected;
            const Flow* f = run.find(h.a, h.pa, h.b, h.pb, h.ip_proto);
            const std::string got = f ? f->server_name : "<no flow>";
            if (got != comparable_name(h.hostname))
                missing.push_back(capture + " " + h.hostname + " (" + h.a + ":" + std::to_string(h.pa) + " <-> " + h.b +
                                  ":" + std::to_string(h.pb) + ") got '" + got + "'");
        }
    }
    EXPECT_GE(captures, 40u);
    EXPECT_GE(expected, 1000u);
    std::string report;
    for (const auto& m : missing) report += "  " + m + "\n";
    EXPECT_TRUE(missing.empty()) << missing.size() << " of " << expected << " nDPI HTTP hosts not found in " << captures
                                 << " captures:\n"
                                 << report;
}

// Requests that are not the flow's first payload, from the corpus (tshark's view of each flow's
// payloads): the server's bytes came first, or a later part of the request overtook its start.
TEST(ObserveCorpus, RequestsAfterTheFirstPayload) {
    struct Case {
        const char* file;
        const char* client;
        uint16_t client_port;
        const char* name;
    };
    for (const Case& c : {
             // The capture began during a response: three server segments, then the client's GET.
             Case{"ndpi/http_starting_with_reply.pcapng", "192.168.1.103", 1044, "proxy.wiresharkfest.acropolis.local"},
             // The response (85 bytes) overtook the request (Suricata's CVE-2018-6794 test); Host is
             // "192.168.235.136:8089".
             Case{"arkime/CVE-2018-6794.pcap", "192.168.235.1", 53649, "192.168.235.136"},
             Case{"arkime/CVE-2018-6794.pcap", "192.168.235.1", 53656, "192.168.235.136"},
             // The last 300 bytes of the POST's first segment were sent (and captured) first.
             Case{"arkime/http-tcp-seq-issue.pcap", "10.11.12.13", 54162, "xxx.xxxxxxxxxxxx.xxx.xx"},
             // The POST's body segment (2,506 bytes ahead) came before its headers.
             Case{"ndpi/soap.pcap", "192.168.2.100", 50100, "go.microsoft.com"},
         }) {
        auto run = run_capture(corpus_file(c.file));
        const Flow* f = nullptr;
        for (const auto& fl : run.flows)
            if (fl.client_ip == *IpAddress::parse(c.client) && fl.client_port == c.client_port) f = &fl;
        ASSERT_NE(f, nullptr) << c.file;
        EXPECT_EQ(f->server_name, c.name) << c.file;
        EXPECT_EQ(f->name_source, NameSource::http_host) << c.file;
    }
    // HTTP after a SOCKS handshake belongs to the tunnel, not to the flow to the SOCKS server:
    // neither sovscan nor nDPI names these four flows.
    auto socks = run_capture(corpus_file("ndpi/socks.pcap"));
    for (const auto& f : socks.flows)
        if (f.proto == kProtoTcp) {
            EXPECT_TRUE(f.server_name.empty()) << f.client_port << " " << f.server_name;
        }
}

// RTSP looks like HTTP up to its version ("OPTIONS rtsp://10.2.2.2:8554/ RTSP/1.0", VLC): a
// method list took the six of its seven sessions that open with OPTIONS for HTTP requests (and
// VLC's User-Agent for an HTTP one); read by shape, none is.
TEST(ObserveCorpus, RtspIsNotHttp) {
    auto rtsp = run_capture(corpus_file("ndpi/rtsp.pcap"));
    EXPECT_EQ(rtsp.observer->counters().at("http_requests"), 0u);
    size_t sessions = 0;
    for (const auto& f : rtsp.flows) {
        if (f.proto != kProtoTcp || f.server_port != 8554) continue;
        ++sessions;
        EXPECT_TRUE(f.http_user_agent.empty()) << f.client_port;
    }
    EXPECT_EQ(sessions, 7u);
}

// Explicit proxies in the corpus: CONNECT through a proxy on 8080, then TLS through the tunnel.
TEST(ObserveCorpus, ExplicitProxiesNameTheServerBehindThem) {
    // nDPI: HTTP_Connect, apache.org. The ClientHello through the tunnel names it too.
    auto apache = run_capture(corpus_file("ndpi/http_connect.pcap"));
    const Flow* f = apache.find("192.168.1.103", 1714, "192.168.1.146", 8080, kProtoTcp);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->server_name, "apache.org");
    EXPECT_EQ(f->name_source, NameSource::sni);
    EXPECT_EQ(f->proxy_target_port, 443);
    EXPECT_EQ(apache.observer->counters().at("http_proxy_requests"), 1u);
    // CrowdStrike's sensor through a proxy: "CONNECT ts01-b.cloudsink.net:443 HTTP/1.0"; its
    // ClientHello has no SNI, and the certificate's name does not replace what the client asked for.
    auto falcon = run_capture(corpus_file("arkime/https-connect.pcap"));
    f = falcon.find("10.11.12.13", 54723, "10.9.8.7", 8080, kProtoTcp);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->server_name, "ts01-b.cloudsink.net");
    EXPECT_EQ(f->name_source, NameSource::proxy_connect);
    EXPECT_EQ(f->proxy_target_port, 443);
    EXPECT_EQ(falcon.observer->counters().at("tls_client_hellos"), 1u);
    EXPECT_EQ(falcon.observer->counters().at("tls_certificates"), 1u);
    // WeChat posts absolute URIs to Tencent's own servers on port 80 (nDPI: HTTP_Proxy.QQ): named
    // by the URI, but no proxy.
    auto wechat = run_capture(corpus_file("ndpi/quickplay.pcap"));
    size_t absolute = 0;
    for (const auto& fl : wechat.flows) {
        if (fl.name_source != NameSource::http_absolute_uri) continue;
        ++absolute;
        EXPECT_EQ(fl.proxy_target_port, 0) << fl.server_name;
        EXPECT_TRUE(fl.server_name == "hkextshort.weixin.qq.com" || fl.server_name == "hkminorshort.weixin.qq.com");
    }
    EXPECT_EQ(absolute, 5u);
}

}  // namespace
}  // namespace sovscan::test
