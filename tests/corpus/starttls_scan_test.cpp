// End-to-end: a real `scan` of SMTP sessions that upgrade with STARTTLS names the server the
// ClientHello after the upgrade asks for (observe/starttls.h).
#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

TEST(StartTlsScan, SmtpStartTlsNamesItsServerBySni) {
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
    // nDPI reports mx.google.com for this flow, from the server's certificate: the client's
    // ClientHello (TLS 1.0, only a session_ticket extension) names no server.
    ASSERT_NE(google, nullptr);
    EXPECT_EQ(google->name_source, NameSource::none);
    EXPECT_EQ(run.report->observe_counters.at("starttls_upgrades"), 2u);
    EXPECT_EQ(run.report->observe_counters.at("tls_client_hellos"), 2u);
}

}  // namespace
}  // namespace sovscan::test
