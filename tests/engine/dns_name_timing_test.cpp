// The name a flow without one of its own takes from DNS is the answer in force when it began
// (docs/observe.md, "DNS names and time"): hand-built packets through the whole packet path
// (decode, flow table, observe, the naming at the flow's end).
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "decode/packet_builder.h"
#include "engine/packet_pipeline.h"

namespace sovscan::test {
namespace {

constexpr const char* kResolver = "10.0.0.1";
constexpr const char* kClient = "10.0.0.5";
constexpr const char* kOtherClient = "10.0.0.6";
constexpr int64_t kSecond = 1'000'000'000;

// A resolver's answer: `name` has the address `address` (A record, compressed owner).
Bytes dns_answer(const std::string& name, const char* address) {
    Bytes m;
    for (uint16_t v : {0x1234, 0x8180, 1, 1, 0, 0}) put16(m, uint16_t(v));
    size_t start = 0;
    while (start < name.size()) {
        const size_t dot = std::min(name.find('.', start), name.size());
        m.push_back(uint8_t(dot - start));
        m.insert(m.end(), name.begin() + ptrdiff_t(start), name.begin() + ptrdiff_t(dot));
        start = dot + 1;
    }
    m.push_back(0);
    for (uint16_t v : {1, 1, 0xc00c, 1, 1}) put16(m, uint16_t(v));  // question A IN; answer A IN
    put32(m, 60);
    put16(m, 4);
    return cat({m, v4(address)});
}

// Packets at given times through one PacketPipeline; every flow as it ended.
class Timeline : private FlowSink {
public:
    // The resolver answers `client`: `name` is at `address`.
    void answer(int64_t ts_ns, const char* client, const std::string& name, const char* address) {
        add(ts_ns, ipv4(kResolver, client, 17, udp(53, next_port_++, dns_answer(name, address))));
    }
    // `client` opens a TCP connection to `server`:443 from `port` (a SYN: no name of its own).
    void connect(int64_t ts_ns, const char* client, uint16_t port, const char* server) {
        add(ts_ns, ipv4(client, server, 6, tcp(port, 443, kSyn, 1, 0, {})));
    }
    const std::vector<Flow>& run() {
        PacketPipeline pipeline(FlowTableConfig{}, ObserverLimits{}, *this);
        for (const auto& [ts, frame] : packets_) {
            RawPacket raw = raw_packet(kLinkRaw, frame);
            raw.ts_ns = ts;
            pipeline.process(raw);
        }
        pipeline.finish();
        return ended_;
    }
    const Flow& flow(uint16_t client_port) const {
        for (const Flow& f : ended_)
            if (f.client_port == client_port && f.server_port == 443) return f;
        throw std::runtime_error("no flow from port " + std::to_string(client_port));
    }

private:
    void add(int64_t ts_ns, Bytes frame) { packets_.emplace_back(ts_ns, std::move(frame)); }
    void on_flow_end(Flow& flow, FlowEnd) override { ended_.push_back(flow); }

    std::deque<std::pair<int64_t, Bytes>> packets_;  // a deque: the pipeline reads earlier frames
    std::vector<Flow> ended_;
    uint16_t next_port_ = 33000;
};

void expect_dns_name(const Flow& f, const std::string& name, DnsNameBasis basis) {
    EXPECT_EQ(f.server_name, name) << "flow from port " << f.client_port;
    EXPECT_EQ(f.name_source, NameSource::dns) << "flow from port " << f.client_port;
    EXPECT_EQ(f.dns_basis, basis) << dns_name_basis_label(f.dns_basis) << ", flow from port " << f.client_port;
}

// The client looks up two names that the same address serves; a flow opened between the two
// answers was opened for the first, however long after the second it ends.
TEST(DnsNameTiming, TheClientsAnswerInForceWhenTheFlowBegan) {
    Timeline t;
    t.answer(1 * kSecond, kClient, "first.example", "203.0.113.7");
    t.connect(2 * kSecond, kClient, 40000, "203.0.113.7");
    t.answer(3 * kSecond, kClient, "second.example", "203.0.113.7");
    t.connect(4 * kSecond, kClient, 40001, "203.0.113.7");
    t.run();
    expect_dns_name(t.flow(40000), "first.example", DnsNameBasis::own_before);
    expect_dns_name(t.flow(40001), "second.example", DnsNameBasis::own_before);
}

// A client whose own answer was not seen takes another client's answer in force when it began,
// flagged; that ranks above its own answer received after the flow began.
TEST(DnsNameTiming, AnotherClientsEarlierAnswerIsFlagged) {
    Timeline t;
    t.answer(1 * kSecond, kClient, "first.example", "203.0.113.7");
    t.connect(2 * kSecond, kOtherClient, 40002, "203.0.113.7");
    t.answer(3 * kSecond, kClient, "second.example", "203.0.113.7");
    t.answer(3 * kSecond, kOtherClient, "other-later.example", "203.0.113.7");
    t.run();
    expect_dns_name(t.flow(40002), "first.example", DnsNameBasis::other_client_before);
}

// No answer before the flow began: the client's own first answer after it, else any client's,
// flagged as answered after the flow began.
TEST(DnsNameTiming, AnswersAfterTheFlowBeganAreFlagged) {
    Timeline t;
    t.connect(2 * kSecond, kClient, 40003, "203.0.113.9");
    t.connect(2 * kSecond, kOtherClient, 40004, "203.0.113.9");
    t.answer(3 * kSecond, kClient, "later.example", "203.0.113.9");
    t.answer(4 * kSecond, kClient, "latest.example", "203.0.113.9");
    t.run();
    expect_dns_name(t.flow(40003), "later.example", DnsNameBasis::own_after);
    expect_dns_name(t.flow(40004), "later.example", DnsNameBasis::other_client_after);
}

// Captures merged from two interfaces may put the answer a little after the connection it enabled:
// up to kDnsAnswerSkewNs (1 ms) it still counts as received before.
TEST(DnsNameTiming, AnAnswerWithinTheSkewCountsAsBefore) {
    Timeline t;
    t.connect(5 * kSecond, kClient, 40005, "203.0.113.11");
    t.answer(5 * kSecond + 500'000, kClient, "skewed.example", "203.0.113.11");
    t.connect(6 * kSecond, kClient, 40006, "203.0.113.12");
    t.answer(6 * kSecond + 2'000'000, kClient, "too-late.example", "203.0.113.12");
    t.run();
    expect_dns_name(t.flow(40005), "skewed.example", DnsNameBasis::own_before);
    expect_dns_name(t.flow(40006), "too-late.example", DnsNameBasis::own_after);
}

}  // namespace
}  // namespace sovscan::test
