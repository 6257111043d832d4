// Later IP fragments counted in their datagram's flow: the first fragment's ports, matched on the
// whole key within the reassembly window, never guessed.
#include "flows/fragment_ports.h"

#include <gtest/gtest.h>

#include <array>

#include "flows/flow_table.h"

namespace sovscan {
namespace {

constexpr int64_t kSec = 1'000'000'000LL;
const std::array<uint8_t, 8> kBytes{};

DecodedPacket fragment(const char* src, const char* dst, uint32_t id, bool first, int64_t t, uint8_t proto = kProtoUdp) {
    DecodedPacket p;
    p.ts_ns = t;
    p.ip_version = IpAddress::parse(src)->is_v4() ? 4 : 6;
    p.src_ip = *IpAddress::parse(src);
    p.dst_ip = *IpAddress::parse(dst);
    p.ip_proto = proto;
    p.is_fragment = true;
    p.frag_id = id;
    p.ip_len = first ? 1500 : 548;
    p.payload = kBytes;
    if (first) {
        p.has_l4 = true;
        p.src_port = 40000;
        p.dst_port = 443;
    }
    return p;
}

TEST(FragmentPorts, LaterFragmentsTakeTheFirstFragmentsPortsAndNoPayload) {
    FragmentPorts f;
    DecodedPacket first = fragment("10.0.0.1", "8.8.8.8", 0x1234, true, 1 * kSec);
    f.on_fragment(first);
    EXPECT_EQ(first.src_port, 40000);  // the first is left as it is
    EXPECT_EQ(first.payload.size(), 8u);
    for (int i = 0; i < 2; ++i) {
        DecodedPacket later = fragment("10.0.0.1", "8.8.8.8", 0x1234, false, 1 * kSec + i);
        f.on_fragment(later);
        EXPECT_EQ(later.src_port, 40000);
        EXPECT_EQ(later.dst_port, 443);
        EXPECT_FALSE(later.has_l4);          // still no transport header of its own
        EXPECT_TRUE(later.payload.empty());  // the middle of a datagram: nothing to inspect
    }
    EXPECT_EQ(f.counters().at("fragments_attributed"), 2u);
    EXPECT_EQ(f.counters().at("fragments_without_first"), 0u);
}

TEST(FragmentPorts, AnythingButTheSameDatagramKeepsPortsZero) {
    FragmentPorts f;
    DecodedPacket first = fragment("10.0.0.1", "8.8.8.8", 7, true, 1 * kSec);
    f.on_fragment(first);
    DecodedPacket other_id = fragment("10.0.0.1", "8.8.8.8", 8, false, 1 * kSec);
    DecodedPacket other_src = fragment("10.0.0.2", "8.8.8.8", 7, false, 1 * kSec);
    DecodedPacket reversed = fragment("8.8.8.8", "10.0.0.1", 7, false, 1 * kSec);
    DecodedPacket other_proto = fragment("10.0.0.1", "8.8.8.8", 7, false, 1 * kSec, kProtoTcp);
    DecodedPacket other_vlan = fragment("10.0.0.1", "8.8.8.8", 7, false, 1 * kSec);
    other_vlan.vlan_id = 20;
    DecodedPacket too_late = fragment("10.0.0.1", "8.8.8.8", 7, false, 1 * kSec + FragmentPorts::kWindowNs + 1);
    for (DecodedPacket* p : {&other_id, &other_src, &reversed, &other_proto, &other_vlan, &too_late}) {
        f.on_fragment(*p);
        EXPECT_EQ(p->src_port, 0);
        EXPECT_EQ(p->dst_port, 0);
        EXPECT_EQ(p->payload.size(), 8u);
    }
    EXPECT_EQ(f.counters().at("fragments_attributed"), 0u);
    EXPECT_EQ(f.counters().at("fragments_without_first"), 6u);
}

TEST(FragmentPorts, IPv6IdentificationsAreThirtyTwoBits) {
    FragmentPorts f;
    DecodedPacket first = fragment("2001:db8::1", "2001:db8::2", 0xdeadbeef, true, kSec);
    f.on_fragment(first);
    DecodedPacket same_low_bits = fragment("2001:db8::1", "2001:db8::2", 0x0000beef, false, kSec);
    f.on_fragment(same_low_bits);
    EXPECT_EQ(same_low_bits.src_port, 0);
    DecodedPacket later = fragment("2001:db8::1", "2001:db8::2", 0xdeadbeef, false, kSec);
    f.on_fragment(later);
    EXPECT_EQ(later.src_port, 40000);
}

// A newer datagram may take an older one's slot in the bounded table: the older one's later
// fragments then go unattributed, never to the newer one's flow.
TEST(FragmentPorts, AnOverwrittenEntryIsNeverMisattributed) {
    FragmentPorts f(1);  // one slot: every datagram collides
    DecodedPacket a = fragment("10.0.0.1", "8.8.8.8", 1, true, kSec);
    f.on_fragment(a);
    DecodedPacket b = fragment("10.0.0.3", "9.9.9.9", 2, true, kSec);
    b.src_port = 50000;
    f.on_fragment(b);
    DecodedPacket a_later = fragment("10.0.0.1", "8.8.8.8", 1, false, kSec);
    f.on_fragment(a_later);
    EXPECT_EQ(a_later.src_port, 0);
    DecodedPacket b_later = fragment("10.0.0.3", "9.9.9.9", 2, false, kSec);
    f.on_fragment(b_later);
    EXPECT_EQ(b_later.src_port, 50000);
}

// With its ports, a later fragment counts in its datagram's flow, in the right direction.
TEST(FragmentPorts, AttributedFragmentsCountInTheirFlow) {
    struct Count : FlowSink {
        std::vector<Flow> ended;
        void on_flow_end(Flow& fl, FlowEnd) override { ended.push_back(fl); }
    } sink;
    FlowTable table({}, sink);
    FragmentPorts f;
    DecodedPacket first = fragment("10.0.0.1", "8.8.8.8", 9, true, kSec);
    DecodedPacket later = fragment("10.0.0.1", "8.8.8.8", 9, false, kSec + 1);
    f.on_fragment(first);
    f.on_fragment(later);
    table.update(first);
    auto up = table.update(later);
    EXPECT_FALSE(up.created);
    EXPECT_EQ(up.dir, kToServer);
    table.flush();
    ASSERT_EQ(sink.ended.size(), 1u);
    EXPECT_EQ(sink.ended[0].packets[kToServer], 2u);
    EXPECT_EQ(sink.ended[0].bytes[kToServer], 1500u + 548u);
}

}  // namespace
}  // namespace sovscan
