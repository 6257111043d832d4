#include <gtest/gtest.h>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"

namespace sovscan::test {
namespace {

TEST(NamePriority, NeverDowngrades) {
    Flow f;
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::dns, "Dns.Example."));
    EXPECT_EQ(f.server_name, "dns.example");
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::http_host, "host.example"));
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::quic_sni, "quic.example"));
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::http_host, "later.example"));
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::sni, "sni.example"));
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::sni, "second.example"));  // first SNI stays
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::quic_sni, "q2.example"));
    EXPECT_EQ(f.server_name, "sni.example");
    EXPECT_EQ(f.name_source, NameSource::sni);
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::none, "x"));
}

TEST(NamePriority, CertificateRanksAboveDnsBelowTheClientsOwnWords) {
    Flow f;
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::dns, "dns.example"));
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::tls_certificate, "*.Cert.Example"));
    EXPECT_EQ(f.server_name, "*.cert.example");
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::dns, "later.example"));
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::tls_certificate, "second.example"));
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::http_host, "host.example"));
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::tls_certificate, "cert.example"));
    EXPECT_EQ(f.name_source, NameSource::http_host);
    EXPECT_STREQ(name_source_label(NameSource::tls_certificate), "tls_certificate");
}

// Every byte value, at every position of a word and in the byte tail: only 'A'..'Z' change.
TEST(AsciiLower, ChangesOnlyUpperCaseAsciiLettersWhateverTheirPosition) {
    for (size_t len : {1u, 7u, 8u, 9u, 16u, 23u}) {
        for (size_t pos = 0; pos < len; ++pos) {
            for (int b = 0; b < 256; ++b) {
                std::string s(len, 'Q');
                s[pos] = char(b);
                std::string expected(len, 'q');
                expected[pos] = (b >= 'A' && b <= 'Z') ? char(b + 32) : char(b);
                observe::ascii_lower(s);
                ASSERT_EQ(s, expected) << "byte " << b << " at " << pos << " of " << len;
            }
        }
    }
    std::string mixed = "WWW.\xc3\x89XAMPLE.Com-@[`{Z";
    observe::ascii_lower(mixed);
    EXPECT_EQ(mixed, "www.\xc3\x89xample.com-@[`{z");
}

TEST(NamePriority, EmptyAndOverlongNames) {
    Flow f;
    EXPECT_FALSE(observe::offer_server_name(f, NameSource::sni, "..."));
    EXPECT_EQ(f.name_source, NameSource::none);
    EXPECT_TRUE(observe::offer_server_name(f, NameSource::sni, std::string(1000, 'A')));
    EXPECT_EQ(f.server_name, std::string(255, 'a'));
}

TEST(NamePriority, HttpHostAfterSniIsIgnored) {
    // A TLS-looking start followed by an HTTP request on the same flow cannot happen, so use the
    // flow state directly: SNI already known, then a plain HTTP request on a new flow keeps its own.
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.flow.name_source = NameSource::sni;
    t.flow.server_name = "sni.example";
    t.send(obs, kToServer, bytes("GET / HTTP/1.1\r\nHost: other.example\r\nUser-Agent: ua\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "sni.example");
    EXPECT_EQ(t.flow.http_user_agent, "ua");
}

TEST(Observer, CommonPathIsCut) {
    Observer obs;
    TestFlow t(kProtoTcp, 443);
    t.send(obs, kToServer, tls_records(client_hello_message("fast.example")));
    ASSERT_TRUE(t.flow.inspection_done);
    const uint8_t before = t.flow.inspected[0];
    t.send(obs, kToServer, bytes("\x17\x03\x03\x00\x10................"));
    EXPECT_EQ(t.flow.inspected[0], before);  // not even counted once done
}

// The ClientHello never completes within the packets allowed: the last one allowed gets a
// best-effort parse of what was reassembled (the server_name extension comes early).
TEST(Observer, InspectionStopsAfterLimit) {
    ObserverLimits limits;
    limits.max_inspected_packets = 3;
    Observer obs(limits);
    TestFlow t(kProtoTcp, 443);
    const auto wire = tls_records(client_hello_message("never.example", 4000));
    for (size_t i = 0; i < 6; ++i) t.send(obs, kToServer, slice(wire, i * 300, i * 300 + 300));
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_LE(t.flow.inspected[0], 3);
    EXPECT_EQ(t.flow.server_name, "never.example");
    EXPECT_EQ(obs.counters().at("tls_reassembled"), 1u);
}

TEST(Observer, CountersAreAllReported) {
    Observer obs;
    const auto c = obs.counters();
    for (const char* name : {"dns_messages", "dns_malformed", "dns_tcp_messages", "tls_client_hellos", "tls_reassembled",
                             "tls_malformed", "quic_initials", "quic_initials_decrypted", "quic_decrypt_failed",
                             "quic_unsupported_version", "http_requests", "http_responses"})
        EXPECT_EQ(c.count(name), 1u) << name;
}

}  // namespace
}  // namespace sovscan::test
