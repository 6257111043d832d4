// The server's certificate as a name source (observe/tls_server_certificate.cpp): the flight
// parser, the name chosen from a certificate, and the TLS dissector following the server's flight
// of a flow whose ClientHello named no server. Certificates are made at test time with OpenSSL.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"
#include "observe/tls_server_certificate.h"

namespace sovscan::test {
namespace {

using observe::CertificateName;
using observe::ServerFlight;

// One namer for the tests below, as the TLS dissector keeps one (its cache included).
observe::CertificateNamer& namer() {
    static observe::CertificateNamer n;
    return n;
}

// A self-signed P-256 certificate with subject CN `cn` (none when empty) and subjectAltName `san`
// in openssl.cnf syntax ("DNS:a.example,IP:192.0.2.1"; none when empty), as DER.
std::vector<uint8_t> make_certificate(const std::string& cn, const std::string& san) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), &X509_free);
    if (!key || !x) return {};
    X509_set_version(x.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 86400);
    X509_set_pubkey(x.get(), key.get());
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Test Org"), -1, -1, 0);
    if (!cn.empty())
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(x.get(), name);
    if (!san.empty()) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
        if (!ext) return {};
        X509_add_ext(x.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(x.get(), key.get(), EVP_sha256()) == 0) return {};
    const int n = i2d_X509(x.get(), nullptr);
    if (n <= 0) return {};
    std::vector<uint8_t> der(static_cast<size_t>(n));
    unsigned char* p = der.data();
    i2d_X509(x.get(), &p);
    return der;
}

// "DNS:filler-0.example.net,..." to make a certificate as large as a real chain's.
std::string filler_sans(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += ",DNS:filler-" + std::to_string(i) + ".example.net";
    return s;
}

std::vector<uint8_t> server_hello_message(bool tls13 = false) {
    std::vector<uint8_t> body{0x03, 0x03};
    for (int i = 0; i < 32; ++i) body.push_back(uint8_t(0x40 + i));  // random
    body.push_back(32);
    for (int i = 0; i < 32; ++i) body.push_back(uint8_t(0x80 + i));  // session id
    body.insert(body.end(), {0xc0, 0x2f, 0x00});                     // ECDHE-RSA-AES128-GCM-SHA256, no compression
    std::vector<uint8_t> ext;
    if (tls13) {
        ext.insert(ext.end(), {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04});  // supported_versions: TLS 1.3
    } else {
        ext.insert(ext.end(), {0xff, 0x01, 0x00, 0x01, 0x00});  // renegotiation_info
    }
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    std::vector<uint8_t> msg{2};
    put24(msg, body.size());
    msg.insert(msg.end(), body.begin(), body.end());
    return msg;
}

std::vector<uint8_t> certificate_message(const std::vector<std::vector<uint8_t>>& chain) {
    std::vector<uint8_t> list;
    for (const auto& c : chain) {
        put24(list, c.size());
        list.insert(list.end(), c.begin(), c.end());
    }
    std::vector<uint8_t> msg{11};
    put24(msg, list.size() + 3);
    put24(msg, list.size());
    msg.insert(msg.end(), list.begin(), list.end());
    return msg;
}

const std::vector<uint8_t> kServerHelloDone{14, 0, 0, 0};

std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
    std::vector<uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// A TLS 1.2 server flight: ServerHello, Certificate (leaf and two more), ServerHelloDone.
struct Flight {
    std::vector<uint8_t> leaf, messages;
};
Flight tls12_flight(const std::string& cn, const std::string& san) {
    Flight f;
    f.leaf = make_certificate(cn, san);
    const auto ca1 = make_certificate("Test Intermediate CA", "");
    const auto ca2 = make_certificate("Test Root CA", "");
    f.messages = concat({server_hello_message(), certificate_message({f.leaf, ca1, ca2}), kServerHelloDone});
    return f;
}

// --- the name a certificate gives -----------------------------------------------------------

TEST(CertificateServerName, FirstHostNameOfSubjectAltNameWins) {
    std::string name;
    auto der = make_certificate("cn.example.com", "DNS:First.Example.COM,DNS:second.example.com");
    ASSERT_FALSE(der.empty());
    EXPECT_EQ(namer().name(der, name), CertificateName::named);
    EXPECT_EQ(name, "First.Example.COM");  // as written; offer_server_name lowers
    // Wildcards are kept as written: the catalogue matches them by suffix.
    der = make_certificate("", "DNS:*.aliyuncs.com");
    EXPECT_EQ(namer().name(der, name), CertificateName::named);
    EXPECT_EQ(name, "*.aliyuncs.com");
    // Entries that are no host name (an address, a single label) are passed over.
    der = make_certificate("cn.example.com", "IP:192.0.2.1,DNS:localhost,DNS:real.example.net");
    EXPECT_EQ(namer().name(der, name), CertificateName::named);
    EXPECT_EQ(name, "real.example.net");
}

TEST(CertificateServerName, CommonNameOnlyWhenItLooksLikeAHostName) {
    std::string name;
    EXPECT_EQ(namer().name(make_certificate("OSS.huawei.com", ""), name), CertificateName::named);
    EXPECT_EQ(name, "OSS.huawei.com");
    EXPECT_EQ(namer().name(make_certificate("*.hik-connect.com", "IP:192.0.2.1"), name),
              CertificateName::named);
    EXPECT_EQ(name, "*.hik-connect.com");
    for (const char* cn : {"AnyDesk Client", "OE", "10.17.51.7", "a..example", "münchen.example", ""}) {
        EXPECT_EQ(namer().name(make_certificate(cn, ""), name), CertificateName::unnamed) << cn;
        EXPECT_EQ(name, "") << cn;
    }
}

TEST(CertificateServerName, BrokenDerIsUnparsedAtEveryLength) {
    const auto der = make_certificate("cut.example.com", "DNS:cut.example.com");
    std::string name;
    for (size_t n = 0; n < der.size(); ++n) {
        // An exact-size heap copy: ASan sees any read past it.
        const std::vector<uint8_t> cut(der.begin(), der.begin() + ptrdiff_t(n));
        EXPECT_EQ(namer().name(cut, name), CertificateName::unparsed) << n;
    }
    const auto junk = bytes("not a certificate at all, just text of some length");
    EXPECT_EQ(namer().name(junk, name), CertificateName::unparsed);
}

TEST(CertificateServerName, RepeatsAreAnsweredAlikeFromTheCache) {
    observe::CertificateNamer own;
    const auto der = make_certificate("", "DNS:again.example.com");
    // Same length, one byte of the name off: never served the other's answer.
    auto other = der;
    const std::string_view text(reinterpret_cast<const char*>(other.data()), other.size());
    const size_t at = text.find("again.example");
    ASSERT_NE(at, std::string_view::npos);
    other[at + 4] = 'o';
    std::string name;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(own.name(der, name), CertificateName::named);
        EXPECT_EQ(name, "again.example.com");
        EXPECT_EQ(own.name(other, name), CertificateName::named);  // the signature is not checked
        EXPECT_EQ(name, "agaio.example.com");
    }
    // Many distinct leaves: the cache is bounded and stays correct across its clearing.
    for (int i = 0; i < 300; ++i) {
        std::vector<uint8_t> garbage(20, uint8_t(i));
        garbage.push_back(uint8_t(i >> 8));
        EXPECT_EQ(own.name(garbage, name), CertificateName::unparsed);
    }
    EXPECT_EQ(own.name(der, name), CertificateName::named);
    EXPECT_EQ(name, "again.example.com");
}

TEST(CertificateServerName, HostNameShape) {
    for (const char* ok : {"a.example", "*.aliyuncs.com", "x-1.y2.example.", "xn--bcher-kva.example", "a.b.c.d.e.f"})
        EXPECT_TRUE(observe::looks_like_host_name(ok)) << ok;
    for (const char* bad : {"", ".", "example", "*.com", "a.*.example", "a b.example", "a_b.example", "1.2.3.4",
                            ".a.example", "a.example..", "*", "*.", "a.example/x", "a\x01.example"})
        EXPECT_FALSE(observe::looks_like_host_name(bad)) << bad;
    EXPECT_FALSE(observe::looks_like_host_name(std::string(64, 'a') + ".example"));
    EXPECT_TRUE(observe::looks_like_host_name(std::string(63, 'a') + ".example"));
}

// --- reading the flight ----------------------------------------------------------------------

TEST(ServerFlightParser, LeafOfATls12Flight) {
    const auto f = tls12_flight("leaf.example.com", "DNS:leaf.example.com");
    std::vector<uint8_t> scratch;
    // One record, and records of 1000 bytes: the leaf spans two of them.
    for (size_t record : {size_t(16384), size_t(1000), size_t(97)}) {
        const auto wire = tls_records(f.messages, record);
        const ServerFlight got = observe::read_server_flight(wire, scratch);
        ASSERT_EQ(got.state, ServerFlight::State::certificate) << record;
        EXPECT_TRUE(std::equal(got.leaf.begin(), got.leaf.end(), f.leaf.begin(), f.leaf.end())) << record;
    }
}

TEST(ServerFlightParser, EveryTruncationWaitsNeverACrash) {
    const auto f = tls12_flight("t.example.com", "DNS:t.example.com");
    const auto wire = tls_records(f.messages, 700);
    std::vector<uint8_t> scratch;
    size_t in_certificate = 0;
    for (size_t n = 0; n < wire.size(); ++n) {
        const std::vector<uint8_t> cut(wire.begin(), wire.begin() + ptrdiff_t(n));
        const ServerFlight got = observe::read_server_flight(cut, scratch);
        // The leaf is read as soon as it is all there, before the rest of the chain.
        ASSERT_TRUE(got.state == ServerFlight::State::need_more || got.state == ServerFlight::State::certificate) << n;
        in_certificate += got.in_certificate;
    }
    EXPECT_GT(in_certificate, f.leaf.size() / 2);
}

TEST(ServerFlightParser, Tls13ResumptionAndAlertsHaveNoCertificate) {
    std::vector<uint8_t> scratch;
    EXPECT_EQ(observe::read_server_flight(tls_records(server_hello_message(true)), scratch).state,
              ServerFlight::State::tls13);
    // An abbreviated handshake: ServerHello, then ChangeCipherSpec.
    auto resumed = tls_records(server_hello_message());
    resumed.insert(resumed.end(), {0x14, 0x03, 0x03, 0x00, 0x01, 0x01});
    EXPECT_EQ(observe::read_server_flight(resumed, scratch).state, ServerFlight::State::no_certificate);
    // An anonymous key exchange: ServerKeyExchange straight after ServerHello.
    const auto anon = tls_records(concat({server_hello_message(), {12, 0, 0, 2, 0xaa, 0xbb}, kServerHelloDone}));
    EXPECT_EQ(observe::read_server_flight(anon, scratch).state, ServerFlight::State::no_certificate);
    const std::vector<uint8_t> alert{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    EXPECT_EQ(observe::read_server_flight(alert, scratch).state, ServerFlight::State::no_certificate);
}

TEST(ServerFlightParser, BrokenLengthsAreMalformed) {
    std::vector<uint8_t> scratch;
    auto cert = certificate_message({make_certificate("m.example.com", "")});
    cert[7] = 0xff;  // the leaf's length beyond the list's
    auto got = observe::read_server_flight(tls_records(concat({server_hello_message(), cert})), scratch);
    EXPECT_EQ(got.state, ServerFlight::State::malformed);
    EXPECT_TRUE(got.in_certificate);
    auto hello = server_hello_message();
    hello[0] = 11;  // no ServerHello first
    EXPECT_EQ(observe::read_server_flight(tls_records(hello), scratch).state, ServerFlight::State::malformed);
    // A handshake message cut by a record of another type.
    auto wire = tls_records(server_hello_message());
    wire.resize(wire.size() - 10);
    wire[3] = 0, wire[4] = uint8_t(wire.size() - 5);
    wire.insert(wire.end(), {0x17, 0x03, 0x03, 0x00, 0x01, 0x00});
    EXPECT_EQ(observe::read_server_flight(wire, scratch).state, ServerFlight::State::malformed);
}

// --- the dissector following a flow ------------------------------------------------------------

TEST(TlsServerCertificate, NamesAFlowWithoutSniFromSegmentsOutOfOrder) {
    // A 3-certificate chain (about 3 KB with the leaf's SANs) in two TLS records, sent as four TCP
    // segments of which the third arrives before the second.
    const auto f = tls12_flight("ignored.example.com", "DNS:Cam-Cloud.Example.CN" + filler_sans(70));
    const size_t half = f.messages.size() / 2;
    const auto wire = concat({tls_records(slice(f.messages, 0, half)), tls_records(slice(f.messages, half, f.messages.size()))});
    ASSERT_GT(wire.size(), 2500u);
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("")));
    EXPECT_FALSE(t.flow.inspection_done);  // no SNI: the server's flight is awaited
    EXPECT_EQ(t.flow.name_source, NameSource::none);
    const size_t q = wire.size() / 4;
    t.send_at(obs, kToClient, 0, slice(wire, 0, q));
    t.send_at(obs, kToClient, 2 * q, slice(wire, 2 * q, 3 * q));
    t.send_at(obs, kToClient, q, slice(wire, q, 2 * q));
    EXPECT_EQ(t.flow.name_source, NameSource::none);  // the leaf (with its 70 filler names) goes on
    EXPECT_FALSE(t.flow.inspection_done);
    t.send_at(obs, kToClient, 3 * q, slice(wire, 3 * q, wire.size()));
    EXPECT_EQ(t.flow.name_source, NameSource::tls_certificate);
    EXPECT_EQ(t.flow.server_name, "cam-cloud.example.cn");
    EXPECT_TRUE(t.flow.inspection_done);
    auto c = obs.counters();
    EXPECT_EQ(c.at("tls_client_hellos"), 1u);
    EXPECT_EQ(c.at("tls_certificates"), 1u);
    EXPECT_EQ(c.at("tls_certificate_unparsed"), 0u);
    EXPECT_EQ(c.at("tls_malformed"), 0u);
    obs.on_flow_end(t.flow);
}

TEST(TlsServerCertificate, ClientPacketsAndRetransmissionsInBetween) {
    const auto f = tls12_flight("between.example.org", "");
    const auto wire = tls_records(f.messages, 1200);
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("")));
    t.send(obs, kToServer, tls_records(client_hello_message("")));  // retransmitted later in the stream
    t.send_at(obs, kToClient, 0, slice(wire, 0, 800));
    t.send_at(obs, kToClient, 0, slice(wire, 0, 800));  // retransmission
    t.send_at(obs, kToClient, 800, slice(wire, 800, wire.size()));
    EXPECT_EQ(t.flow.server_name, "between.example.org");  // from the CN: no subjectAltName
    EXPECT_EQ(t.flow.name_source, NameSource::tls_certificate);
    EXPECT_EQ(obs.counters().at("tls_certificates"), 1u);
}

TEST(TlsServerCertificate, Tls13ServerHelloGivesNoName) {
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("")));
    // TLS 1.3: ServerHello, then ChangeCipherSpec and encrypted records.
    auto wire = tls_records(server_hello_message(true));
    wire.insert(wire.end(), {0x14, 0x03, 0x03, 0x00, 0x01, 0x01, 0x17, 0x03, 0x03, 0x00, 0x02, 0xde, 0xad});
    t.send(obs, kToClient, wire);
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(t.flow.name_source, NameSource::none);
    auto c = obs.counters();
    EXPECT_EQ(c.at("tls_certificates"), 0u);
    EXPECT_EQ(c.at("tls_certificate_unparsed"), 0u);
    EXPECT_EQ(c.at("tls_malformed"), 0u);
}

TEST(TlsServerCertificate, TruncatedCertificateIsCountedNeverACrash) {
    const auto f = tls12_flight("cut.example.com", "DNS:cut.example.com" + filler_sans(80));
    const auto wire = tls_records(f.messages);
    // The flight stops half-way into the leaf and the flow ends.
    {
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send(obs, kToServer, tls_records(client_hello_message("")));
        t.send(obs, kToClient, slice(wire, 0, 200 + f.leaf.size() / 2));
        EXPECT_FALSE(t.flow.inspection_done);
        obs.on_flow_end(t.flow);
        EXPECT_EQ(obs.counters().at("tls_certificate_unparsed"), 1u);
        EXPECT_EQ(t.flow.name_source, NameSource::none);
    }
    // ... or the server's packet budget ends first (tiny segments).
    {
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send(obs, kToServer, tls_records(client_hello_message("")));
        for (size_t off = 0; off < 200 * 8 && !t.flow.inspection_done; off += 200) t.send(obs, kToClient, slice(wire, off, off + 200));
        EXPECT_TRUE(t.flow.inspection_done);
        EXPECT_EQ(obs.counters().at("tls_certificate_unparsed"), 1u);
        obs.on_flow_end(t.flow);
        EXPECT_EQ(obs.counters().at("tls_certificate_unparsed"), 1u);  // counted once
    }
    // A whole Certificate message whose leaf is not DER.
    {
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send(obs, kToServer, tls_records(client_hello_message("")));
        std::vector<uint8_t> junk(900, 0x30);
        t.send(obs, kToClient, tls_records(concat({server_hello_message(), certificate_message({junk}), kServerHelloDone})));
        EXPECT_TRUE(t.flow.inspection_done);
        EXPECT_EQ(obs.counters().at("tls_certificate_unparsed"), 1u);
        EXPECT_EQ(obs.counters().at("tls_certificates"), 0u);
    }
    // Every cut of the flight, handed over in one packet: never a crash, never a name from a part.
    for (size_t n = 1; n < wire.size(); n += 37) {
        Observer obs;
        TestFlow t(kProtoTcp);
        t.send(obs, kToServer, tls_records(client_hello_message("")));
        t.send(obs, kToClient, slice(wire, 0, n));
        obs.on_flow_end(t.flow);
        const bool whole_leaf = n >= 5 + server_hello_message().size() + 10 + f.leaf.size();
        EXPECT_EQ(t.flow.name_source, whole_leaf ? NameSource::tls_certificate : NameSource::none) << n;
    }
}

TEST(TlsServerCertificate, ServerThatIsNotTlsIsLeftAlone) {
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("")));
    t.send(obs, kToClient, bytes("HTTP/1.1 400 Bad Request\r\n\r\n"));
    EXPECT_TRUE(t.flow.inspection_done);
    auto c = obs.counters();
    EXPECT_EQ(c.at("tls_malformed"), 0u);
    EXPECT_EQ(c.at("tls_certificate_unparsed"), 0u);
}

TEST(TlsServerCertificate, FlowWithSniKeepsItAndNeverReadsCertificates) {
    const auto f = tls12_flight("other.example.com", "DNS:other.example.com");
    Observer obs;
    TestFlow t(kProtoTcp);
    t.send(obs, kToServer, tls_records(client_hello_message("asked.example.com")));
    EXPECT_TRUE(t.flow.inspection_done);  // done right after the ClientHello, as before
    t.send(obs, kToClient, tls_records(f.messages));
    EXPECT_EQ(t.flow.server_name, "asked.example.com");
    EXPECT_EQ(t.flow.name_source, NameSource::sni);
    EXPECT_EQ(obs.counters().at("tls_certificates"), 0u);
}

TEST(TlsServerCertificate, NeverReplacesAStrongerName) {
    // The flow already has its client's Host (HTTP over the same flow is contrived, but the rule is
    // offer_server_name's): a certificate name ranks above DNS only.
    const auto f = tls12_flight("", "DNS:cert.example.com");
    Observer obs;
    TestFlow t(kProtoTcp);
    t.flow.server_name = "host.example.com";
    t.flow.name_source = NameSource::http_host;
    t.send(obs, kToServer, tls_records(client_hello_message("")));
    t.send(obs, kToClient, tls_records(f.messages));
    EXPECT_EQ(t.flow.server_name, "host.example.com");
    EXPECT_EQ(obs.counters().at("tls_certificates"), 1u);
}

}  // namespace
}  // namespace sovscan::test
