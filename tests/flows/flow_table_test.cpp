#include "flows/flow_table.h"

#include <gtest/gtest.h>

#include <vector>

namespace sovscan {
namespace {

constexpr int64_t kSec = 1'000'000'000LL;

struct Recorder : FlowSink {
    std::vector<Flow> ended;
    std::vector<FlowEnd> why;
    void on_flow_end(Flow& f, FlowEnd w) override {
        ended.push_back(f);
        why.push_back(w);
    }
};

DecodedPacket tcp(const char* src, uint16_t sp, const char* dst, uint16_t dp, uint8_t flags, int64_t t,
                  uint32_t len = 60) {
    DecodedPacket p;
    p.ts_ns = t;
    p.ip_version = 4;
    p.src_ip = *IpAddress::parse(src);
    p.dst_ip = *IpAddress::parse(dst);
    p.ip_proto = kProtoTcp;
    p.has_l4 = true;
    p.src_port = sp;
    p.dst_port = dp;
    p.tcp_flags = flags;
    p.ip_len = len;
    return p;
}

DecodedPacket udp(const char* src, uint16_t sp, const char* dst, uint16_t dp, int64_t t, uint32_t len = 80) {
    DecodedPacket p = tcp(src, sp, dst, dp, 0, t, len);
    p.ip_proto = kProtoUdp;
    return p;
}

TEST(FlowTable, BothDirectionsShareOneFlowAndCountSeparately) {
    Recorder r;
    FlowTable t({}, r);
    auto a = t.update(tcp("10.0.0.1", 40000, "1.2.3.4", 443, kSyn, 1 * kSec, 60));
    auto b = t.update(tcp("1.2.3.4", 443, "10.0.0.1", 40000, kSyn | kAck, 2 * kSec, 52));
    auto c = t.update(tcp("10.0.0.1", 40000, "1.2.3.4", 443, kAck, 3 * kSec, 40));
    EXPECT_TRUE(a.created);
    EXPECT_FALSE(b.created);
    EXPECT_EQ(a.flow, b.flow);
    EXPECT_EQ(a.flow, c.flow);
    EXPECT_EQ(a.dir, kToServer);
    EXPECT_EQ(b.dir, kToClient);
    t.flush();
    ASSERT_EQ(r.ended.size(), 1u);
    const Flow& f = r.ended[0];
    EXPECT_EQ(f.client_ip.to_string(), "10.0.0.1");
    EXPECT_EQ(f.server_ip.to_string(), "1.2.3.4");
    EXPECT_EQ(f.server_port, 443);
    EXPECT_EQ(f.packets[kToServer], 2u);
    EXPECT_EQ(f.packets[kToClient], 1u);
    EXPECT_EQ(f.bytes[kToServer], 100u);
    EXPECT_EQ(f.bytes[kToClient], 52u);
    EXPECT_EQ(f.first_ns, 1 * kSec);
    EXPECT_EQ(f.last_ns, 3 * kSec);
    EXPECT_EQ(f.tcp_flags[kToServer], kSyn | kAck);
    EXPECT_EQ(f.tcp_flags[kToClient], kSyn | kAck);
    EXPECT_TRUE(f.client_by_handshake);
    EXPECT_EQ(r.why[0], FlowEnd::end_of_input);
}

TEST(FlowTable, SynAckFirstMakesTheReceiverTheClient) {
    Recorder r;
    FlowTable t({}, r);
    t.update(tcp("1.2.3.4", 5555, "10.0.0.1", 6666, kSyn | kAck, kSec));
    t.flush();
    EXPECT_EQ(r.ended[0].client_ip.to_string(), "10.0.0.1");
    EXPECT_EQ(r.ended[0].server_port, 5555);
}

TEST(FlowTable, WithoutHandshakeTheServicePortSideIsTheServer) {
    Recorder r;
    FlowTable t({}, r);
    t.update(udp("8.8.8.8", 53, "192.168.1.5", 53000, kSec));     // answer seen first
    t.update(tcp("5.6.7.8", 8883, "192.168.1.5", 40001, kAck, kSec));  // MQTT over TLS mid-stream
    t.update(udp("10.0.0.9", 40000, "10.0.0.8", 50000, kSec));     // no service port: first sender
    t.flush();
    ASSERT_EQ(r.ended.size(), 3u);
    for (const Flow& f : r.ended) {
        if (f.proto == kProtoUdp && f.server_port == 53) EXPECT_EQ(f.server_ip.to_string(), "8.8.8.8");
        else if (f.proto == kProtoTcp) EXPECT_EQ(f.server_ip.to_string(), "5.6.7.8");
        else EXPECT_EQ(f.client_ip.to_string(), "10.0.0.9");
    }
}

TEST(FlowTable, LateSynSwapsRolesAndCounts) {
    Recorder r;
    FlowTable t({}, r);
    t.update(tcp("10.0.0.1", 9999, "10.0.0.2", 40000, kAck, kSec, 100));  // guessed: 10.0.0.1 client
    auto s = t.update(tcp("10.0.0.2", 40000, "10.0.0.1", 9999, kSyn, 2 * kSec, 60));
    EXPECT_EQ(s.dir, kToServer);
    t.flush();
    const Flow& f = r.ended[0];
    EXPECT_EQ(f.client_ip.to_string(), "10.0.0.2");
    EXPECT_EQ(f.bytes[kToServer], 60u);
    EXPECT_EQ(f.bytes[kToClient], 100u);
}

TEST(FlowTable, IdleTimeoutEndsFlowsByPacketTime) {
    Recorder r;
    FlowTableConfig cfg;
    cfg.other_idle_ns = 10 * kSec;
    cfg.tcp_idle_ns = 100 * kSec;
    FlowTable t(cfg, r);
    t.update(udp("10.0.0.1", 1000, "1.1.1.1", 53, 0));
    t.update(tcp("10.0.0.1", 1001, "1.1.1.1", 443, kSyn, 0));
    t.update(udp("10.0.0.1", 1000, "1.1.1.1", 53, 10 * kSec));  // exactly at the limit: still alive
    EXPECT_EQ(r.ended.size(), 0u);
    t.update(udp("10.0.0.2", 1000, "1.1.1.1", 53, 21 * kSec));  // another flow moves the clock
    ASSERT_EQ(r.ended.size(), 1u);
    EXPECT_EQ(r.why[0], FlowEnd::idle_timeout);
    EXPECT_EQ(r.ended[0].packets[kToServer], 2u);
    auto again = t.update(udp("10.0.0.1", 1000, "1.1.1.1", 53, 22 * kSec));
    EXPECT_TRUE(again.created);
    EXPECT_EQ(t.live_flows(), 3u);  // the TCP flow is within its own timeout
    EXPECT_EQ(t.counters().at("flows_ended_idle_timeout"), 1u);
}

// Expiry is checked against the earliest time a list's head can time out. Out-of-order timestamps
// can put an older flow behind the head; once the head moves on, that flow must time out on its own
// schedule, not the old head's.
TEST(FlowTable, OutOfOrderFlowBehindTheHeadTimesOutOnItsOwnTime) {
    Recorder r;
    FlowTableConfig cfg;
    cfg.other_idle_ns = 10 * kSec;
    FlowTable t(cfg, r);
    t.update(udp("10.0.0.1", 1000, "1.1.1.1", 53, 5 * kSec));  // A: head, times out after 15 s
    t.update(udp("10.0.0.2", 1000, "1.1.1.1", 53, 4 * kSec));  // B, a second late: times out after 14 s
    t.update(udp("10.0.0.1", 1000, "1.1.1.1", 53, 5 * kSec));  // A moves behind B: B is the head
    t.update(udp("10.0.0.3", 1000, "1.1.1.1", 53, 14 * kSec + kSec / 2));
    ASSERT_EQ(r.ended.size(), 1u);
    EXPECT_EQ(r.ended[0].client_ip, *IpAddress::parse("10.0.0.2"));
    EXPECT_EQ(r.why[0], FlowEnd::idle_timeout);
    t.update(udp("10.0.0.3", 1000, "1.1.1.1", 53, 15 * kSec + kSec / 2));
    ASSERT_EQ(r.ended.size(), 2u);
    EXPECT_EQ(r.ended[1].client_ip, *IpAddress::parse("10.0.0.1"));
}

TEST(FlowTable, ActiveTimeoutSplitsKeepingRoles) {
    Recorder r;
    FlowTableConfig cfg;
    cfg.active_ns = 60 * kSec;
    FlowTable t(cfg, r);
    for (int i = 0; i <= 130; i += 5) t.update(tcp("10.0.0.1", 40000, "1.2.3.4", 443, i == 0 ? kSyn : kAck, i * kSec));
    t.flush();
    ASSERT_EQ(r.ended.size(), 3u);
    EXPECT_EQ(r.why[0], FlowEnd::active_timeout);
    uint64_t total = 0;
    for (const Flow& f : r.ended) {
        EXPECT_EQ(f.server_port, 443);
        total += f.packets[kToServer];
    }
    EXPECT_EQ(total, 27u);
}

TEST(FlowTable, MemoryBoundEvictsLeastRecent) {
    Recorder r;
    FlowTableConfig cfg;
    cfg.max_flows = 100;
    FlowTable t(cfg, r);
    for (int i = 0; i < 250; ++i) t.update(udp("10.0.0.1", static_cast<uint16_t>(10000 + i), "1.1.1.1", 53, i));
    EXPECT_EQ(t.live_flows(), 100u);
    EXPECT_EQ(r.ended.size(), 150u);
    EXPECT_EQ(r.why[0], FlowEnd::evicted);
    EXPECT_EQ(r.ended[0].client_port, 10000);  // the oldest went first
    EXPECT_EQ(t.counters().at("flows_evicted_memory_bound"), 150u);
}

TEST(FlowTable, NewSynAfterCloseStartsANewFlow) {
    Recorder r;
    FlowTable t({}, r);
    t.update(tcp("10.0.0.1", 40000, "1.2.3.4", 80, kSyn, 1));
    t.update(tcp("1.2.3.4", 80, "10.0.0.1", 40000, kRst | kAck, 2));
    auto again = t.update(tcp("10.0.0.1", 40000, "1.2.3.4", 80, kSyn, 3));
    EXPECT_TRUE(again.created);
    ASSERT_EQ(r.ended.size(), 1u);
    EXPECT_EQ(r.why[0], FlowEnd::tcp_reuse);
}

TEST(FlowTable, ManyFlowsSurviveGrowthAndDeletion) {
    Recorder r;
    FlowTableConfig cfg;
    cfg.other_idle_ns = 1000;
    FlowTable t(cfg, r);
    // Interleave creation and expiry so that backward-shift deletion runs across wrapped probes.
    for (int i = 0; i < 20000; ++i) {
        std::string src = "10.1." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256);
        t.update(udp(src.c_str(), 5000, "9.9.9.9", 53, i * 100));
    }
    t.flush();
    EXPECT_EQ(r.ended.size(), 20000u);
    uint64_t pk = 0;
    for (auto& f : r.ended) pk += f.packets[0] + f.packets[1];
    EXPECT_EQ(pk, 20000u);
}


// ---- link addresses ----

const MacAddress kStation = *MacAddress::parse("54:f2:01:e1:b2:99");
const MacAddress kGateway = *MacAddress::parse("e4:c7:22:aa:b9:4f");
const MacAddress kOuterA = *MacAddress::parse("a4:c6:4f:3b:b3:ab");
const MacAddress kOuterB = *MacAddress::parse("00:10:00:1f:6b:62");
const MacAddress kOther = *MacAddress::parse("10:f3:11:ea:ee:c1");

DecodedPacket framed(DecodedPacket p, const MacAddress& src, const MacAddress& dst) {
    p.has_macs = true;
    p.src_mac = src;
    p.dst_mac = dst;
    return p;
}
// The same packet inside a tunnel whose outer link is `outer_src` -> `outer_dst`: with the inner
// frame `src` -> `dst`, or (`inner` false) without one.
DecodedPacket tunnelled(DecodedPacket p, const MacAddress& src, const MacAddress& dst, const MacAddress& outer_src,
                        const MacAddress& outer_dst, bool inner = true) {
    p = framed(p, outer_src, outer_dst);
    p.tunnel_depth = 1;
    p.has_inner_macs = inner;
    if (inner) p.inner_src_mac = src, p.inner_dst_mac = dst;
    return p;
}

// A station's flow in CAPWAP (or VXLAN, GRE/TEB, ...): its MACs are the inner frame's; the outer
// link's are kept apart, as the tunnel's.
TEST(FlowTableMacs, TunnelledFlowTakesTheInnerFrameAndKeepsTheOuterApart) {
    Recorder r;
    FlowTable t({}, r);
    t.update(tunnelled(udp("10.1.3.68", 47025, "74.125.130.188", 443, kSec), kStation, kOther, kOuterA, kOuterB));
    t.update(tunnelled(udp("74.125.130.188", 443, "10.1.3.68", 47025, kSec), kGateway, kStation, kOuterB, kOuterA));
    t.update(tunnelled(udp("74.125.130.188", 443, "10.1.3.68", 47025, kSec), kGateway, kStation, kOuterA, kOuterB));
    t.flush();
    const Flow& f = r.ended.at(0);
    EXPECT_TRUE(f.tunnelled);
    EXPECT_TRUE(f.has_macs);
    EXPECT_EQ(f.client_mac, kStation);
    EXPECT_EQ(f.server_mac, kGateway);
    EXPECT_TRUE(f.has_outer_macs);
    EXPECT_EQ(f.outer_client_mac, kOuterA);
    EXPECT_EQ(f.outer_server_mac, kOuterB);
    ASSERT_EQ(f.extra_macs.size(), 1u);  // the outer link changed in one direction
    EXPECT_EQ(f.extra_macs[0].mac, kOuterA);
    EXPECT_EQ(f.extra_macs[0].dir, kToClient);
    EXPECT_TRUE(f.extra_macs[0].outer);

    // The same conversation on the station's own segment: the frames' MACs, another one as extra.
    Recorder plain_r;
    FlowTable plain(FlowTableConfig{}, plain_r);
    plain.update(framed(udp("10.1.3.68", 47025, "74.125.130.188", 443, kSec), kStation, kGateway));
    plain.update(framed(udp("74.125.130.188", 443, "10.1.3.68", 47025, kSec), kGateway, kStation));
    plain.update(framed(udp("74.125.130.188", 443, "10.1.3.68", 47025, kSec), kOther, kStation));
    plain.flush();
    const Flow& g = plain_r.ended.at(0);
    EXPECT_FALSE(g.tunnelled);
    EXPECT_EQ(g.client_mac, kStation);
    EXPECT_EQ(g.server_mac, kGateway);
    EXPECT_FALSE(g.has_outer_macs);
    ASSERT_EQ(g.extra_macs.size(), 1u);
    EXPECT_EQ(g.extra_macs[0].mac, kOther);
    EXPECT_FALSE(g.extra_macs[0].outer);
}

TEST(FlowTableMacs, TunnelWithoutALinkLayerLeavesOnlyTheOuterMacs) {
    Recorder r;
    FlowTable t({}, r);
    t.update(tunnelled(udp("10.10.0.1", 33000, "10.10.0.2", 53, kSec), {}, {}, kOuterA, kOuterB, false));
    t.flush();
    const Flow& f = r.ended.at(0);
    EXPECT_TRUE(f.tunnelled);
    EXPECT_FALSE(f.has_macs);
    EXPECT_TRUE(f.client_mac.is_zero());
    EXPECT_TRUE(f.has_outer_macs);
    EXPECT_EQ(f.outer_client_mac, kOuterA);
}

// A SYN from the side taken for the server swaps the roles: the MACs of each side, and the
// direction of the extra ones, follow.
TEST(FlowTableMacs, LateSynSwapsTheMacsWithTheRoles) {
    Recorder r;
    FlowTable t({}, r);
    t.update(framed(tcp("10.0.0.1", 9999, "10.0.0.2", 40000, kAck, kSec), kStation, kGateway));
    t.update(framed(tcp("10.0.0.1", 9999, "10.0.0.2", 40000, kAck, kSec), kOther, kGateway));
    t.update(framed(tcp("10.0.0.2", 40000, "10.0.0.1", 9999, kSyn, 2 * kSec), kGateway, kStation));
    t.flush();
    const Flow& f = r.ended.at(0);
    EXPECT_EQ(f.client_ip.to_string(), "10.0.0.2");
    EXPECT_EQ(f.client_mac, kGateway);
    EXPECT_EQ(f.server_mac, kStation);
    ASSERT_EQ(f.extra_macs.size(), 1u);
    EXPECT_EQ(f.extra_macs[0].mac, kOther);
    EXPECT_EQ(f.extra_macs[0].dir, kToClient);  // sent by 10.0.0.1, now the server
}

}  // namespace
}  // namespace sovscan
