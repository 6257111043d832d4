// STARTTLS: the ClientHello after a clear-text upgrade (SMTP, IMAP, POP3, FTP), hand-built
// exchanges through the whole Observer, and StartTls on its own.
#include <gtest/gtest.h>

#include <random>

#include "observe/dissector.h"
#include "observe/observe_test_util.h"
#include "observe/starttls.h"

namespace sovscan::test {
namespace {

using observe::StartTls;

struct Step {
    Direction dir;
    std::string payload;  // "" = the ClientHello naming the server
};

// Plays `steps` on a new flow to `port`; returns the flow after the last step.
Flow play(Observer& obs, uint16_t port, const std::vector<Step>& steps, std::string_view sni = "mail.example.net") {
    TestFlow t(kProtoTcp, port);
    for (const Step& s : steps)
        t.send(obs, s.dir, s.payload.empty() ? tls_records(client_hello_message(sni)) : bytes(s.payload));
    return t.flow;
}

const std::vector<Step> kSmtp = {
    {kToClient, "220 mx.example.net ESMTP Postfix\r\n"},
    {kToServer, "EHLO client.example\r\n"},
    {kToClient, "250-mx.example.net\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n"},
    {kToServer, "STARTTLS\r\n"},
    {kToClient, "220 2.0.0 Ready to start TLS\r\n"},
    {kToServer, ""},
};

TEST(StartTlsUpgrade, SmtpNamesTheServer) {
    Observer obs;
    const Flow f = play(obs, 25, kSmtp);
    EXPECT_EQ(f.server_name, "mail.example.net");
    EXPECT_EQ(f.name_source, NameSource::sni);
    EXPECT_TRUE(f.inspection_done);
    EXPECT_TRUE(f.upgrading_to_tls);
    const auto c = obs.counters();
    EXPECT_EQ(c.at("starttls_upgrades"), 1u);
    EXPECT_EQ(c.at("tls_client_hellos"), 1u);
    EXPECT_EQ(c.at("tls_malformed"), 0u);
}

TEST(StartTlsUpgrade, ImapPop3AndFtpNameTheServer) {
    struct Case {
        const char* what;
        uint16_t port;
        std::vector<Step> steps;
    };
    const Case cases[] = {
        {"imap", 143,
         {{kToClient, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.\r\n"},
          {kToServer, "a1 CAPABILITY\r\n"},
          {kToClient, "* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK Pre-login capabilities listed.\r\n"},
          {kToServer, "a2 starttls\r\n"},
          {kToClient, "* BYE not yet\r\na1 OK not this tag\r\na2 OK Begin TLS negotiation now.\r\n"},
          {kToServer, ""}}},
        {"pop3", 110,
         {{kToClient, "+OK POP3 server ready\r\n"},
          {kToServer, "CAPA\r\n"},
          {kToClient, "+OK Capability list follows\r\nUSER\r\nSTLS\r\n.\r\n"},
          {kToServer, "stls\r\n"},
          {kToClient, "+OK Begin TLS negotiation\r\n"},
          {kToServer, ""}}},
        {"ftp", 21,
         {{kToClient, "220-Welcome\r\n220-Authorized users only\r\n220 Ready\r\n"},
          {kToServer, "AUTH TLS\r\n"},
          {kToClient, "234 Proceed with negotiation.\r\n"},
          {kToServer, ""}}},
        {"ftp auth ssl", 21,
         {{kToClient, "220 ProFTPD Server\r\n"},
          {kToServer, "auth ssl\r\n"},
          {kToClient, "334 AUTH SSL accepted\r\n"},
          {kToServer, ""}}},
        {"smtp pipelined, no answer seen", 587,
         {{kToClient, "220 mx.example.net ESMTP\r\n"},
          {kToServer, "EHLO client.example\r\nSTARTTLS\r\n"},
          {kToServer, ""}}},
    };
    for (const Case& c : cases) {
        Observer obs;
        const Flow f = play(obs, c.port, c.steps);
        EXPECT_EQ(f.server_name, "mail.example.net") << c.what;
        EXPECT_EQ(f.name_source, NameSource::sni) << c.what;
        EXPECT_EQ(obs.counters().at("starttls_upgrades"), 1u) << c.what;
    }
}

TEST(StartTlsUpgrade, RefusedThenClearTextNamesNothing) {
    Observer obs;
    TestFlow t(kProtoTcp, 25);
    t.send(obs, kToClient, bytes("220 mx.example.net ESMTP\r\n"));
    t.send(obs, kToServer, bytes("EHLO client.example\r\n"));
    t.send(obs, kToClient, bytes("250 mx.example.net\r\n"));
    t.send(obs, kToServer, bytes("STARTTLS\r\n"));
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToClient, bytes("454 4.7.0 TLS not available due to temporary reason\r\n"));
    EXPECT_TRUE(t.flow.inspection_done);  // nothing more to wait for
    t.send(obs, kToServer, bytes("MAIL FROM:<a@example.net>\r\n"));
    t.send(obs, kToServer, tls_records(client_hello_message("late.example")));
    EXPECT_TRUE(t.flow.server_name.empty());
    EXPECT_EQ(obs.counters().at("starttls_upgrades"), 0u);
    EXPECT_EQ(obs.counters().at("tls_client_hellos"), 0u);
}

TEST(StartTlsUpgrade, RefusedByEveryProtocolEndsTheWait) {
    struct Case {
        const char* greeting;
        const char* command;
        const char* refusal;
    };
    for (const Case& c : {Case{"* OK ready\r\n", "x STARTTLS\r\n", "x NO not now\r\n"},
                          Case{"* OK ready\r\n", "x STARTTLS\r\n", "x BAD what\r\n"},
                          Case{"+OK ready\r\n", "STLS\r\n", "-ERR no TLS\r\n"},
                          Case{"220 ftp\r\n", "AUTH TLS\r\n", "500 AUTH not understood\r\n"}}) {
        Observer obs;
        const Flow f = play(obs, 1234, {{kToClient, c.greeting}, {kToServer, c.command}, {kToClient, c.refusal}});
        EXPECT_TRUE(f.inspection_done) << c.refusal;
        EXPECT_EQ(obs.counters().at("starttls_upgrades"), 0u);
    }
}

TEST(StartTlsUpgrade, ClearTextAfterTheCommandIsNoUpgrade) {
    Observer obs;
    const Flow f = play(obs, 25,
                        {{kToClient, "220 mx ESMTP\r\n"}, {kToServer, "STARTTLS\r\n"}, {kToServer, "QUIT\r\n"},
                         {kToServer, ""}});
    EXPECT_TRUE(f.server_name.empty());
    EXPECT_EQ(obs.counters().at("starttls_upgrades"), 0u);
}

TEST(StartTlsUpgrade, CommandNotAtALineStartIsNoUpgrade) {
    for (const char* line : {"NOOP STARTTLS\r\n", "MAIL FROM:<starttls@example.net>\r\n", " STARTTLS\r\n",
                             "XSTARTTLS\r\n", "STARTTLSX\r\n", "STARTTLS now\r\n", "STARTTLS", "HELP\r\nSTARTTLS\r\nNOOP\r\n"}) {
        Observer obs;
        const Flow f = play(obs, 25, {{kToClient, "220 mx ESMTP\r\n"}, {kToServer, line}, {kToClient, "220 ok\r\n"}, {kToServer, ""}});
        EXPECT_TRUE(f.server_name.empty()) << line;
        EXPECT_FALSE(f.upgrading_to_tls) << line;
        EXPECT_EQ(obs.counters().at("starttls_upgrades"), 0u) << line;
    }
    // Each protocol's command only after its own greeting: STLS is POP3's, not SMTP's; an IMAP
    // command needs a tag; "*" is no tag.
    for (const auto& [greeting, command] : std::vector<std::pair<const char*, const char*>>{
             {"220 mx ESMTP\r\n", "STLS\r\n"},
             {"+OK pop\r\n", "STARTTLS\r\n"},
             {"* OK imap\r\n", "STARTTLS\r\n"},
             {"* OK imap\r\n", "* STARTTLS\r\n"},
             {"* OK imap\r\n", "a b STARTTLS\r\n"}}) {
        Observer obs;
        const Flow f = play(obs, 1000, {{kToClient, greeting}, {kToServer, command}, {kToServer, ""}});
        EXPECT_TRUE(f.server_name.empty()) << greeting << command;
    }
}

TEST(StartTlsUpgrade, OnlyAServerGreetingBeforeTheClientStartsTheWatch) {
    // Client first: not one of these protocols, and left alone as before.
    Observer obs;
    const Flow f = play(obs, 25, {{kToServer, "EHLO x\r\n"}, {kToClient, "220 mx ESMTP\r\n"}});
    EXPECT_TRUE(f.inspection_done);
    // A server greeting of another protocol (SSH) is no candidate either: the flow is left alone
    // once its client has spoken (until then, a ClientHello or an HTTP request may still come).
    const Flow ssh = play(obs, 22, {{kToClient, "SSH-2.0-OpenSSH_9.2\r\n"}, {kToServer, "SSH-2.0-OpenSSH_9.6\r\n"}});
    EXPECT_FALSE(ssh.upgrading_to_tls);
    EXPECT_TRUE(ssh.inspection_done);
    EXPECT_FALSE(play(obs, 80, {{kToClient, "HTTP/1.1 220 OK\r\n"}}).upgrading_to_tls);
}

TEST(StartTlsUpgrade, ClientHelloSplitAfterTheUpgrade) {
    Observer obs;
    TestFlow t(kProtoTcp, 25);
    for (size_t i = 0; i + 1 < kSmtp.size(); ++i) t.send(obs, kSmtp[i].dir, bytes(kSmtp[i].payload));
    const auto wire = tls_records(client_hello_message("split.example.net", 1500), 600);
    for (size_t off = 0; off < wire.size(); off += 500) t.send(obs, kToServer, slice(wire, off, off + 500));
    EXPECT_EQ(t.flow.server_name, "split.example.net");
    EXPECT_EQ(obs.counters().at("tls_reassembled"), 1u);
    EXPECT_EQ(obs.counters().at("starttls_upgrades"), 1u);
}

// A long clear-text exchange before STARTTLS: the command is the client's 7th payload packet, the
// server's answer its 8th, the ClientHello the client's 8th. Without the upgrade's extra packets
// the server's 8th would end inspection before the ClientHello.
TEST(StartTlsUpgrade, UpgradeLateInTheBudgetGetsMorePackets) {
    auto run = [](uint8_t extra) {
        ObserverLimits limits;
        limits.max_upgrade_packets = extra;
        Observer obs(limits);
        TestFlow t(kProtoTcp, 25);
        t.send(obs, kToClient, bytes("220 mx.example.net ESMTP\r\n"));
        for (int i = 0; i < 6; ++i) {
            t.send(obs, kToServer, bytes("NOOP\r\n"));
            t.send(obs, kToClient, bytes("250 2.0.0 Ok\r\n"));
        }
        t.send(obs, kToServer, bytes("STARTTLS\r\n"));
        t.send(obs, kToClient, bytes("220 2.0.0 Ready to start TLS\r\n"));
        t.send(obs, kToServer, tls_records(client_hello_message("late.example.net")));
        return t.flow;
    };
    const Flow with = run(8);
    EXPECT_EQ(with.server_name, "late.example.net");
    EXPECT_EQ(with.inspected[kToServer], 8);
    EXPECT_EQ(with.inspected[kToClient], 8);
    EXPECT_TRUE(with.inspection_done);
    const Flow without = run(0);
    EXPECT_TRUE(without.server_name.empty());
}

TEST(StartTlsUpgrade, NoUpgradeStopsAtTheNormalBudget) {
    ObserverLimits limits;
    Observer obs(limits);
    TestFlow t(kProtoTcp, 110);
    t.send(obs, kToClient, bytes("+OK POP3 ready\r\n"));
    for (int i = 0; i < 20 && !t.flow.inspection_done; ++i) {
        t.send(obs, kToServer, bytes("NOOP\r\n"));
        t.send(obs, kToClient, bytes("+OK\r\n"));
    }
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_FALSE(t.flow.upgrading_to_tls);
    EXPECT_LE(t.flow.inspected[kToServer], limits.max_inspected_packets);
}

// Hostile input: random bytes and text around the commands, in both directions, on flows that
// began with each greeting. Never a crash, never a read out of bounds (run under ASan by the
// sanitizer build), and inspection always ends within the budget with upgrade packets.
TEST(StartTlsUpgrade, HostileExchangesNeverCrash) {
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {"STARTTLS\r\n", "STLS\r\n", "AUTH TLS\r\n", "a STARTTLS\r\n", "\r\n", "\n",
                                             "220 ", "234 ", "+OK ", "-ERR ", "a OK ", "454 ", "\x16\x03\x01",
                                             std::string(1, '\0'), std::string(300, 'A'), "* OK "};
    const char* greetings[] = {"220 x\r\n", "* OK x\r\n", "+OK x\r\n", "220-x\r\n"};
    Observer obs;
    for (int flow = 0; flow < 400; ++flow) {
        TestFlow t(kProtoTcp, 25, uint64_t(flow + 1));
        t.send(obs, kToClient, bytes(greetings[flow % 4]));
        for (int p = 0; p < 40; ++p) {
            std::string payload;
            const int n = int(rng() % 4);
            for (int k = 0; k < n; ++k) payload += pieces[rng() % pieces.size()];
            for (int k = int(rng() % 8); k > 0; --k) payload.push_back(char(rng()));
            if (payload.empty()) payload = "x";
            std::vector<uint8_t> b = bytes(payload);
            if (rng() % 5 == 0) b = tls_records(client_hello_message("h.example"));
            if (rng() % 7 == 0) b.resize(rng() % (b.size() + 1) + 1);
            t.send(obs, rng() % 2 ? kToServer : kToClient, b);
        }
        EXPECT_TRUE(t.flow.inspection_done) << flow;
        EXPECT_LE(t.flow.inspected[kToServer], 16);
        obs.on_flow_end(t.flow);
    }
}

TEST(StartTls, Greetings) {
    using P = StartTls::Protocol;
    auto greet = [](std::string_view s) { return StartTls::from_greeting(observe::as_bytes(s)); };
    EXPECT_EQ(greet("220 mx.google.com ESMTP s4si9696358qcc.63 - gsmtp\r\n")->protocol(), P::smtp_or_ftp);
    EXPECT_EQ(greet("220-multi\r\n220 line\r\n")->protocol(), P::smtp_or_ftp);
    EXPECT_EQ(greet("220\r\n")->protocol(), P::smtp_or_ftp);
    EXPECT_EQ(greet("* OK [CAPABILITY IMAP4rev1] ready\r\n")->protocol(), P::imap);
    EXPECT_EQ(greet("* ok\r\n")->protocol(), P::imap);
    EXPECT_EQ(greet("+OK POP server ready\r\n")->protocol(), P::pop3);
    for (std::string_view no : {"", "2", "22", "2200 x", "221 bye", "SSH-2.0-x", "HTTP/1.1 220 OK", "* OKAY",
                                "* PREAUTH ready", "+OKAY", "-ERR", " 220 x", "\x16\x03\x01"})
        EXPECT_FALSE(greet(no)) << no;
}

TEST(StartTls, StateFollowsCommandAndAnswer) {
    auto s = *StartTls::from_greeting(observe::as_bytes("* OK hi\r\n"));
    EXPECT_EQ(s.state(), StartTls::State::clear_text);
    s.on_server(observe::as_bytes("tag OK\r\n"));  // nothing asked yet: not an answer
    EXPECT_EQ(s.state(), StartTls::State::clear_text);
    s.on_client(observe::as_bytes("tag StartTLS  \r\n"));
    EXPECT_EQ(s.state(), StartTls::State::asked);
    EXPECT_TRUE(s.upgrading());
    s.on_server(observe::as_bytes("* OK still\r\ntag2 NO other\r\ntag OK"));  // the last line is not complete
    EXPECT_EQ(s.state(), StartTls::State::asked);
    s.on_server(observe::as_bytes("tag ok go\n"));
    EXPECT_EQ(s.state(), StartTls::State::accepted);
    s.on_server(observe::as_bytes("tag NO\r\n"));  // decided: later lines change nothing
    EXPECT_EQ(s.state(), StartTls::State::accepted);

    auto tag = *StartTls::from_greeting(observe::as_bytes("* OK hi\r\n"));
    tag.on_client(observe::as_bytes(std::string(33, 't') + " STARTTLS\r\n"));  // longer than any real tag
    EXPECT_EQ(tag.state(), StartTls::State::clear_text);

    auto smtp = *StartTls::from_greeting(observe::as_bytes("220 mx\r\n"));
    smtp.on_client(observe::as_bytes("starttls\r\n"));
    smtp.on_server(observe::as_bytes("250-pipelined answer\r\n250 ok\r\n"));
    EXPECT_EQ(smtp.state(), StartTls::State::asked);
    smtp.on_server(observe::as_bytes("454-4.7.0 TLS\r\n454 not available\r\n"));
    EXPECT_EQ(smtp.state(), StartTls::State::refused);
    EXPECT_FALSE(smtp.upgrading());

    auto ftp = *StartTls::from_greeting(observe::as_bytes("220 ftp\r\n"));
    ftp.on_client(observe::as_bytes("AUTH TLS\r\n"));
    ftp.on_server(observe::as_bytes("220 not the answer to AUTH\r\n"));
    EXPECT_EQ(ftp.state(), StartTls::State::asked);
    ftp.on_server(observe::as_bytes("234 go\r\n"));
    EXPECT_EQ(ftp.state(), StartTls::State::accepted);
}

}  // namespace
}  // namespace sovscan::test
