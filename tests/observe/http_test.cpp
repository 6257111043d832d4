#include <gtest/gtest.h>

#include "observe/http_request_line.h"
#include "observe/observe_test_util.h"

namespace sovscan::test {
namespace {

TEST(HttpDissector, RequestAndResponse) {
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToServer, bytes("GET /x HTTP/1.1\r\nHost: WWW.Example.com:8080\r\nUser-Agent: curl/8.0\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "www.example.com");
    EXPECT_EQ(t.flow.name_source, NameSource::http_host);
    EXPECT_EQ(t.flow.http_user_agent, "curl/8.0");
    EXPECT_FALSE(t.flow.inspection_done);  // waits for the response
    t.send(obs, kToClient, bytes("HTTP/1.1 200 OK\r\nServer: nginx/1.2\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_EQ(t.flow.http_server, "nginx/1.2");
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(obs.counters().at("http_requests"), 1u);
    EXPECT_EQ(obs.counters().at("http_responses"), 1u);
}

TEST(HttpDissector, HeaderLinesSplitAcrossSegments) {
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToServer, bytes("POST /upload HTTP/1.1\r\nAccept: */*\r\nHo"));
    EXPECT_TRUE(t.flow.server_name.empty());
    t.send(obs, kToServer, bytes("st: split.exa"));
    t.send(obs, kToServer, bytes("mple\r\nUser-Agent: UA/1\r\n\r\nbody"));
    EXPECT_EQ(t.flow.server_name, "split.example");
    EXPECT_EQ(t.flow.http_user_agent, "UA/1");
}

TEST(HttpDissector, IpLiteralHostsAreKept) {
    Observer obs;
    TestFlow a(kProtoTcp, 80, 1), b(kProtoTcp, 80, 2);
    a.send(obs, kToServer, bytes("GET / HTTP/1.0\r\nHost: 42.120.51.152:8080\r\n\r\n"));
    b.send(obs, kToServer, bytes("GET / HTTP/1.0\r\nhost: [2001:DB8::1]:80\r\n\r\n"));
    EXPECT_EQ(a.flow.server_name, "42.120.51.152");
    EXPECT_EQ(b.flow.server_name, "2001:db8::1");
}

TEST(HttpDissector, GarbageAndTruncationAreHarmless) {
    const std::string req = "GET / HTTP/1.1\r\nHost: t.example\r\nUser-Agent: x\r\n\r\n";
    for (size_t n = 0; n <= req.size(); ++n) {
        Observer obs;
        TestFlow t(kProtoTcp, 80);
        t.send(obs, kToServer, bytes(req.substr(0, n)));
        t.send(obs, kToClient, bytes("\x00\xff garbage"));
        if (!t.flow.server_name.empty()) {
            EXPECT_EQ(t.flow.server_name, "t.example");
        }
    }
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToServer, bytes("\x01\x02GET / HTTP/1.1\r\nHost: no.example\r\n\r\n"));
    EXPECT_TRUE(t.flow.server_name.empty());
}

}  // namespace
}  // namespace sovscan::test

// --- request lines by shape (http_request_line.h) ---------------------------------------------

namespace sovscan::test {
namespace {

TEST(HttpRequestLine, AnyMethodTokenWithAnHttp1VersionIsARequest) {
    for (const char* line : {"PROPFIND /dav/ HTTP/1.1\r\n", "MKCOL /dav/new/ HTTP/1.1\r\n", "SUBSCRIBE /evt HTTP/1.1\r\n",
                             "X-CUSTOM.v2 * HTTP/1.0\n", "GET  \t /a%20b  HTTP/1.1 \r\n"}) {
        observe::RequestLine rl;
        EXPECT_EQ(observe::read_request_line(line, rl), observe::RequestLineShape::request) << line;
        EXPECT_EQ(rl.length, std::string_view(line).size()) << line;
    }
    observe::RequestLine rl;
    // The target runs from the method to the version, spaces included (attack requests send them raw).
    ASSERT_EQ(observe::read_request_line("GET /cgi-bin/x;cat /etc/passwd| HTTP/1.1\r\nHost: h\r\n", rl),
              observe::RequestLineShape::request);
    EXPECT_EQ(rl.method, "GET");
    EXPECT_EQ(rl.target, "/cgi-bin/x;cat /etc/passwd|");
}

TEST(HttpRequestLine, OtherProtocolsAndBinaryAreNot) {
    using namespace std::string_literals;
    for (const std::string& line : {"DESCRIBE rtsp://cam.example/live RTSP/1.0\r\n"s, "INVITE sip:bob@example.com SIP/2.0\r\n"s,
                                    "PRI * HTTP/2.0\r\n"s, "SSH-2.0-OpenSSH_9.2 Debian-2\r\n"s, "EHLO mail.example\r\n"s,
                                    "GET HTTP/1.1\r\n"s, "GET / HTTP/1.1x\r\n"s, "GET / http/1.1\r\n"s,
                                    "GET /\0 HTTP/1.1\r\n"s, "GET / HTTP/1.1\r\r\n"s, "\x16\x03\x01\x02\x00\x01"s,
                                    " GET / HTTP/1.1\r\n"s, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG / HTTP/1.1\r\n"s}) {
        observe::RequestLine rl;
        EXPECT_EQ(observe::read_request_line(line, rl), observe::RequestLineShape::not_request) << line;
    }
}

TEST(HttpRequestLine, APrefixOfOneIsIncomplete) {
    const std::string line = "PROPFIND /dav/file.txt HTTP/1.1\r\n";
    for (size_t n = 0; n < line.size(); ++n) {
        observe::RequestLine rl;
        EXPECT_EQ(observe::read_request_line(std::string_view(line).substr(0, n), rl),
                  observe::RequestLineShape::incomplete)
            << n;
    }
}

TEST(HttpRequestLine, ProxyTargets) {
    auto connect = observe::connect_target("Api.Example.com:8443");
    ASSERT_TRUE(connect);
    EXPECT_EQ(connect->host, "Api.Example.com");
    EXPECT_EQ(connect->port, 8443);
    auto v6 = observe::connect_target("[2001:db8::7]:443");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "2001:db8::7");
    for (const char* bad : {"example.com", "example.com:0", "example.com:65536", ":443", "a:b:443", "[2001:db8::7]",
                            "host/x:443", "user@host:443", "example.com:44x"})
        EXPECT_FALSE(observe::connect_target(bad)) << bad;

    struct Case {
        const char* target;
        const char* host;
        uint16_t port;
    };
    for (const Case& c : {Case{"http://www.example.com/a/b?c", "www.example.com", 80},
                          Case{"HTTP://www.example.com", "www.example.com", 80},
                          Case{"https://secure.example:8443/", "secure.example", 8443},
                          Case{"ftp://user:secret@files.example/pub/", "files.example", 21},
                          Case{"ws://[2001:db8::1]:8080/socket", "2001:db8::1", 8080},
                          Case{"http://host.example:/x", "host.example", 80}}) {
        auto t = observe::absolute_uri_target(c.target);
        ASSERT_TRUE(t) << c.target;
        EXPECT_EQ(t->host, c.host) << c.target;
        EXPECT_EQ(t->port, c.port) << c.target;
    }
    for (const char* bad : {"/index.html", "*", "rtsp://cam/live", "http:///x", "http://@/", "http://h:99999/"})
        EXPECT_FALSE(observe::absolute_uri_target(bad)) << bad;
}

// --- which payloads may start the request -----------------------------------------------------

TEST(HttpDissector, AnyMethodNamesTheFlowNotOnlyAList) {
    for (const char* method : {"PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "REPORT", "SEARCH", "SUBSCRIBE", "NOTIFY",
                               "BPROPFIND", "X-ACME-SYNC"}) {
        Observer obs;
        TestFlow t(kProtoTcp, 80);
        t.send(obs, kToServer, bytes(std::string(method) + " /dav/ HTTP/1.1\r\nHost: dav.example\r\n\r\n"));
        EXPECT_EQ(t.flow.server_name, "dav.example") << method;
        EXPECT_EQ(obs.counters().at("http_requests"), 1u) << method;
    }
    // RTSP and SIP have a Host-like header too, but are not HTTP.
    for (const char* text : {"DESCRIBE rtsp://cam.example/live RTSP/1.0\r\nCSeq: 2\r\nHost: cam.example\r\n\r\n",
                             "OPTIONS sip:bob@sip.example SIP/2.0\r\nHost: sip.example\r\n\r\n"}) {
        Observer obs;
        TestFlow t(kProtoTcp, 554);
        t.send(obs, kToServer, bytes(text));
        EXPECT_TRUE(t.flow.server_name.empty()) << text;
        EXPECT_EQ(obs.counters().at("http_requests"), 0u) << text;
    }
}

TEST(HttpDissector, RequestLineSplitOverSegments) {
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToServer, bytes("PROPF"));
    EXPECT_EQ(obs.counters().at("http_requests"), 0u);  // not known yet
    t.send(obs, kToServer, bytes("IND /a/very/long/path HTTP/1."));
    t.send(obs, kToServer, bytes("1\r\nHost: split.example\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "split.example");
    EXPECT_EQ(obs.counters().at("http_requests"), 1u);
    // A start that turns out not to be one (RTSP) is dropped without a name.
    Observer rtsp_obs;
    TestFlow r(kProtoTcp, 554);
    r.send(rtsp_obs, kToServer, bytes("SETUP rtsp://cam.example/track1 RT"));
    r.send(rtsp_obs, kToServer, bytes("SP/1.0\r\nHost: cam.example\r\n\r\n"));
    EXPECT_TRUE(r.flow.server_name.empty());
    EXPECT_EQ(rtsp_obs.counters().at("http_requests"), 0u);
}

TEST(HttpDissector, ServerThatSpeaksFirstThenTheRequest) {
    // The capture began after a request: the rest of its response comes first
    // (ndpi/http_starting_with_reply.pcapng), then the client's next request and its response.
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToClient, bytes("HTTP/1.1 200 OK\r\nServer: Apache/2.4\r\nContent-Length: 3000\r\n\r\n"));
    t.send(obs, kToClient, std::vector<uint8_t>(1460, 0x5a));
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToServer, bytes("GET /icons/logo.png HTTP/1.1\r\nHost: late.example\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "late.example");
    t.send(obs, kToClient, bytes("HTTP/1.1 200 OK\r\nServer: Apache/2.4.41\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_EQ(t.flow.http_server, "Apache/2.4.41");  // the response after the request
    EXPECT_TRUE(t.flow.inspection_done);
}

TEST(HttpDissector, ZeroPaddingBeforeTheRequest) {
    for (const auto& first : {std::vector<uint8_t>{0}, std::vector<uint8_t>(16, 0)}) {
        Observer obs;
        TestFlow t(kProtoTcp, 80);
        t.send(obs, kToServer, first);  // alone in its segment
        t.send(obs, kToServer, bytes("GET / HTTP/1.1\r\nHost: padded.example\r\n\r\n"));
        EXPECT_EQ(t.flow.server_name, "padded.example") << first.size();
    }
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    std::vector<uint8_t> in_front(3, 0);  // in front of it in the same segment
    const auto req = bytes("GET / HTTP/1.1\r\nHost: padded.example\r\n\r\n");
    in_front.insert(in_front.end(), req.begin(), req.end());
    t.send(obs, kToServer, in_front);
    EXPECT_EQ(t.flow.server_name, "padded.example");
    // 17 zero bytes are data, not padding; so is any other byte.
    for (const auto& first : {std::vector<uint8_t>(17, 0), std::vector<uint8_t>{0, 1}}) {
        Observer o;
        TestFlow u(kProtoTcp, 80);
        auto payload = first;
        payload.insert(payload.end(), req.begin(), req.end());
        u.send(o, kToServer, payload);
        EXPECT_TRUE(u.flow.server_name.empty()) << first.size();
    }
}

TEST(HttpDissector, ALaterPartOfTheRequestThatOvertookItsStart) {
    // ndpi/soap.pcap: the client's first segment is the body, 2506 bytes ahead; the headers follow.
    const auto head = bytes("POST /fwlink HTTP/1.1\r\nHost: reordered.example\r\nContent-Length: 9\r\n\r\n");
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send_at(obs, kToServer, head.size(), bytes("<body/>\r\n"));
    t.send_at(obs, kToServer, 0, head);
    EXPECT_EQ(t.flow.server_name, "reordered.example");
    // Client bytes of their own before the request (a SOCKS handshake): that request is another
    // protocol's payload, not this flow's HTTP.
    Observer socks_obs;
    TestFlow s(kProtoTcp, 1080);
    s.send(socks_obs, kToServer, std::vector<uint8_t>{0x04, 0x01, 0x00, 0x50, 93, 184, 216, 119, 0x00});
    s.send(socks_obs, kToServer, bytes("GET / HTTP/1.1\r\nHost: tunnelled.example\r\n\r\n"));
    EXPECT_TRUE(s.flow.server_name.empty());
    EXPECT_EQ(socks_obs.counters().at("http_requests"), 0u);
}

// --- explicit proxies ---------------------------------------------------------------------------

TEST(HttpProxy, ConnectThenTheTunnelsClientHello) {
    Observer obs;
    TestFlow t(kProtoTcp, 3128);
    t.flow.server_ip = *IpAddress::parse("10.0.0.3");
    t.send(obs, kToServer, bytes("CONNECT API.Example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "api.example.com");
    EXPECT_EQ(t.flow.name_source, NameSource::proxy_connect);
    EXPECT_EQ(t.flow.proxy_target_port, 443);
    EXPECT_TRUE(t.flow.proxy_target_ip.is_unspecified());
    // A 407 asks for credentials; the client sends the CONNECT again on the same connection.
    t.send(obs, kToClient, bytes("HTTP/1.1 407 Proxy Authentication Required\r\nServer: squid/5.7\r\n\r\n"));
    t.send(obs, kToServer, bytes("CONNECT api.example.com:443 HTTP/1.1\r\nProxy-Authorization: Basic eDp5\r\n\r\n"));
    t.send(obs, kToClient, bytes("HTTP/1.1 200 Connection established\r\n\r\n"));
    EXPECT_FALSE(t.flow.inspection_done);
    t.send(obs, kToServer, tls_records(client_hello_message("api.example.com")));
    EXPECT_EQ(t.flow.name_source, NameSource::sni);  // the ClientHello through the tunnel
    EXPECT_EQ(t.flow.server_name, "api.example.com");
    EXPECT_EQ(t.flow.proxy_target_port, 443);
    EXPECT_TRUE(t.flow.inspection_done);
    EXPECT_EQ(t.flow.http_server, "squid/5.7");  // the proxy's own answer
    EXPECT_EQ(obs.counters().at("http_proxy_requests"), 1u);
    EXPECT_EQ(obs.counters().at("tls_client_hellos"), 1u);
}

TEST(HttpProxy, ConnectToAnAddressKeepsItAndTheSniNamesIt) {
    Observer obs;
    TestFlow t(kProtoTcp, 8080);
    t.send(obs, kToServer, bytes("CONNECT [2001:db8::7]:8443 HTTP/1.1\r\n\r\n"));
    EXPECT_EQ(t.flow.proxy_target_ip, *IpAddress::parse("2001:db8::7"));
    EXPECT_EQ(t.flow.proxy_target_port, 8443);
    t.send(obs, kToClient, bytes("HTTP/1.0 200 OK\r\n\r\n"));
    t.send(obs, kToServer, tls_records(client_hello_message("named.example")));
    EXPECT_EQ(t.flow.server_name, "named.example");
    EXPECT_EQ(t.flow.proxy_target_ip, *IpAddress::parse("2001:db8::7"));
}

TEST(HttpProxy, AbsoluteUriToAProxyNamesTheServerBehindIt) {
    Observer obs;
    TestFlow t(kProtoTcp, 3128);
    t.flow.server_ip = *IpAddress::parse("10.0.0.3");  // a local proxy
    t.send(obs, kToServer,
           bytes("GET http://user:pw@Cloud.Example.net/status?x=1 HTTP/1.1\r\nHost: other.example\r\n"
                 "User-Agent: curl/8.5\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "cloud.example.net");  // the URI's host, not the Host header
    EXPECT_EQ(t.flow.name_source, NameSource::http_absolute_uri);
    EXPECT_EQ(t.flow.proxy_target_port, 80);
    t.send(obs, kToClient, bytes("HTTP/1.1 200 OK\r\nServer: origin-httpd\r\nVia: 1.1 proxy\r\n\r\n"));
    EXPECT_EQ(t.flow.http_server, "origin-httpd");
    // The origin's Server, relayed, is no banner of the proxy's address.
    for (const AssetRecord& r : obs.device_records())
        for (const auto& a : r.attributes) EXPECT_NE(a.name, "server_banner") << a.value;
    // A public address asked for a server on another port is a proxy as well.
    Observer o2;
    TestFlow u(kProtoTcp, 8080);
    u.send(o2, kToServer, bytes("GET http://www.example.com/ HTTP/1.1\r\n\r\n"));
    EXPECT_EQ(u.flow.proxy_target_port, 80);
}

TEST(HttpProxy, AbsoluteUriToTheOriginItselfIsNoProxy) {
    // WeChat posts absolute URIs to Tencent's servers on port 80 (ndpi/quickplay.pcap): a public
    // address asked on its own port is the origin. So is an address asked for itself.
    Observer obs;
    TestFlow t(kProtoTcp, 80);
    t.send(obs, kToServer, bytes("POST http://hkextshort.weixin.qq.com/cgi-bin/micromsg-bin/mmsnssync HTTP/1.1\r\n"
                                 "Host: hkextshort.weixin.qq.com\r\n\r\n"));
    EXPECT_EQ(t.flow.server_name, "hkextshort.weixin.qq.com");
    EXPECT_EQ(t.flow.name_source, NameSource::http_absolute_uri);
    EXPECT_EQ(t.flow.proxy_target_port, 0);
    Observer o2;
    TestFlow u(kProtoTcp, 8080);
    u.send(o2, kToServer, bytes("GET http://198.51.100.7:8080/ HTTP/1.1\r\n\r\n"));
    EXPECT_EQ(u.flow.proxy_target_port, 0);
    EXPECT_EQ(o2.counters().at("http_proxy_requests"), 0u);
}

}  // namespace
}  // namespace sovscan::test
