#include <gtest/gtest.h>

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
