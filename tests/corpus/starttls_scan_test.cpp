// End-to-end: a real `scan` of SMTP sessions that upgrade with STARTTLS names the server the
// ClientHello after the upgrade asks for (observe/starttls.h), or, without one, the server's
// certificate (observe/tls_server_certificate.h).
#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

TEST(StartTlsScan, SmtpStartTlsNamesItsServerBySniOrCertificate) {
    ScanRun run = scan_capture(corpus_file("ndpi/smtp-starttls.pcap"));
    ASSERT_TRUE(run.report);
    ASSERT_EQ(run.flows.size(), 2u);
    const Flow* dovecot = nullptr;
    const Flow* google = nullptr;
    for (const Flow& f : run.flows) {
        EXPECT_EQ(f.server_port, 25);
        if (f.server_ip.to_string() == "2003:de:2016:120::a08:53") dovecot = &f;
        if (f.server_ip.to_string() == "173.194.68.26") google = &f;
    }
    ASSERT_NE(dovecot, nullptr);
    EXPECT_EQ(dovecot->server_name, "dovecot.weberlab.de");
    EXPECT_EQ(dovecot->name_source, NameSource::sni);
    // The client's ClientHello (TLS 1.0, only a session_ticket extension) names no server: the
    // server's certificate does, by its first subjectAltName dNSName (tshark x509ce.dNSName;
    // nDPI reports its subject CN, mx.google.com), and the whole scan keeps it (a DNS answer
    // would not replace it).
    ASSERT_NE(google, nullptr);
    EXPECT_EQ(google->server_name, "aspmx.l.google.com");
    EXPECT_EQ(google->name_source, NameSource::tls_certificate);
    EXPECT_EQ(run.report->observe_counters.at("starttls_upgrades"), 2u);
    EXPECT_EQ(run.report->observe_counters.at("tls_client_hellos"), 2u);
    EXPECT_EQ(run.report->observe_counters.at("tls_certificates"), 1u);
    EXPECT_EQ(run.report->observe_counters.at("tls_certificate_unparsed"), 0u);
}

}  // namespace
}  // namespace sovscan::test
