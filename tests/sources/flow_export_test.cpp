// The flow export decoders on hand-built datagrams: one test per feature of NetFlow v5/v9, IPFIX
// and sFlow v5 that collect relies on. The real exporters' streams are in flow_exporters_test.cpp.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "sources/flow_export_decoder.h"
#include "sources/flow_export_listener.h"
#include "sources/flow_export_builders.h"
#include "support/collecting_sink.h"

namespace sovscan {
namespace {

using test::CollectingSink;
using test::Datagram;
using test::ipfix_header;
using test::v9_header;

const IpAddress kExporter = *IpAddress::parse("192.0.2.1");
const IpAddress kOtherExporter = *IpAddress::parse("2001:db8::2");
constexpr int64_t kReceived = 1'700'000'100'000'000'000LL;

struct Collector {
    FlowExportDecoder decoder{3};
    CollectingSink sink;
    void feed(const Datagram& d, const IpAddress& from = kExporter) { decoder.decode(d.bytes, from, kReceived, sink); }
    const ExporterCounters& counters(const IpAddress& from = kExporter) {
        for (auto* s : decoder.exporters().exporters())
            if (s->address == from) return s->counters;
        static ExporterCounters none;
        ADD_FAILURE() << "no exporter " << from.to_string();
        return none;
    }
};

// IPFIX template 256: src/dst IPv4, ports, protocol, packetDeltaCount, octetDeltaCount,
// flowStart/EndMilliseconds.
Datagram& ipv4_template(Datagram& d, uint16_t id = 256) {
    d.set(2).u16(id).u16(9);
    d.u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1);
    d.u16(2).u16(8).u16(1).u16(8).u16(152).u16(8).u16(153).u16(8);
    return d.end_set();
}
Datagram& ipv4_record(Datagram& d, const char* src, const char* dst, uint16_t sport, uint16_t dport, uint64_t pkts,
                      uint64_t octets, uint64_t start_ms = 1'700'000'000'000, uint64_t end_ms = 1'700'000'001'500) {
    return d.ip(src).ip(dst).u16(sport).u16(dport).u8(6).u64(pkts).u64(octets).u64(start_ms).u64(end_ms);
}

TEST(NetflowV5, RecordsScaledByTheHeaderSamplingIntervalWithUptimeRelativeTimes) {
    Collector c;
    Datagram d;
    // 2 records, sysUpTime 100000 ms at 1700000000.250 s, sequence 7, sampling mode 1 interval 10.
    d.u16(5).u16(2).u32(100'000).u32(1'700'000'000).u32(250'000'000).u32(7).u8(0).u8(1).u16(0x4000 | 10);
    for (int i = 0; i < 2; ++i) {
        d.ip("10.0.0.5").ip(i ? "198.51.100.9" : "203.0.113.7").ip("0.0.0.0");
        d.u16(1).u16(2).u32(3 + i).u32(400 + i).u32(90'000).u32(99'000).u16(51000 + i).u16(443);
        d.u8(0).u8(0x12).u8(6).u8(0).u16(0).u16(0).u8(24).u8(24).u16(0);
    }
    c.feed(d);
    ASSERT_EQ(c.sink.flows.size(), 2u);
    const FlowRecord& f = c.sink.flows[0];
    EXPECT_EQ(f.src_ip.to_string(), "10.0.0.5");
    EXPECT_EQ(f.dst_ip.to_string(), "203.0.113.7");
    EXPECT_EQ(c.sink.flows[1].dst_ip.to_string(), "198.51.100.9");
    EXPECT_EQ(f.src_port, 51000);
    EXPECT_EQ(f.dst_port, 443);
    EXPECT_EQ(f.proto, 6);
    EXPECT_EQ(f.tcp_flags[0], 0x12);
    EXPECT_EQ(f.packets[0], 30u);
    EXPECT_EQ(f.bytes[0], 4000u);
    EXPECT_EQ(f.sampling_rate, 10u);
    EXPECT_EQ(f.input_index, 3);
    // First = 90000 ms of uptime = 10 s before the export.
    EXPECT_EQ(f.first_ns, 1'699'999'990'250'000'000LL);
    EXPECT_EQ(f.last_ns, 1'699'999'999'250'000'000LL);
    // The next datagram's sequence should be 9: 4 flows never arrived.
    Datagram next;
    next.u16(5).u16(0).u32(100'000).u32(1'700'000'001).u32(0).u32(13).u8(0).u8(1).u16(0);
    c.feed(next);
    EXPECT_EQ(c.counters().sequence_lost, 4u);
    EXPECT_EQ(c.counters().records, 2u);
}

TEST(NetflowV5, ACountBeyondTheDatagramIsMalformedAndOnlyWholeRecordsAreRead) {
    Collector c;
    Datagram d;
    d.u16(5).u16(30).u32(0).u32(0).u32(0).u32(0).u16(0).u16(0);
    d.ip("10.0.0.1").ip("10.0.0.2").raw(std::vector<uint8_t>(40, 0));  // one whole record
    d.raw(std::vector<uint8_t>(20, 0));                                   // and part of another
    c.feed(d);
    EXPECT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.counters().malformed, 1u);
}

// NetFlow v9 template 300: IPv4 src/dst (8, 12), ports (7, 11), protocol (4), IN_PKTS (2, 4
// octets), IN_BYTES (1, 4 octets), FIRST_SWITCHED (22), LAST_SWITCHED (21), IN_SRC_MAC (56), IN_DST_MAC (80).
Datagram v9_template(uint32_t seq) {
    Datagram d = v9_header(500'000, 1'700'000'000, seq, 77);
    d.set(0).u16(300).u16(11);
    d.u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(2).u16(4).u16(1).u16(4);
    d.u16(22).u16(4).u16(21).u16(4).u16(56).u16(6).u16(80).u16(6);
    return d.end_set();
}
Datagram& v9_record(Datagram& d, const char* src, const char* dst) {
    d.ip(src).ip(dst).u16(40000).u16(53).u8(17).u32(2).u32(150).u32(440'000).u32(499'000);
    return d.raw({0x02, 0, 0, 0, 0, 1}).raw({0x02, 0, 0, 0, 0, 2});
}

TEST(NetflowV9, TemplateThenDataWithSysUpTimeRelativeTimes) {
    Collector c;
    Datagram d = v9_template(1);
    d.set(300);
    v9_record(d, "10.1.1.1", "8.8.8.8");
    v9_record(d, "10.1.1.2", "8.8.4.4");
    d.u16(0);  // padding to 4 octets
    d.end_set();
    c.feed(d);
    ASSERT_EQ(c.sink.flows.size(), 2u);
    const FlowRecord& f = c.sink.flows[1];
    EXPECT_EQ(f.src_ip.to_string(), "10.1.1.2");
    EXPECT_EQ(f.dst_ip.to_string(), "8.8.4.4");
    EXPECT_EQ(f.dst_port, 53);
    EXPECT_EQ(f.proto, 17);
    EXPECT_EQ(f.packets[0], 2u);
    EXPECT_EQ(f.bytes[0], 150u);
    EXPECT_EQ(f.sampling_rate, 1u);
    // FIRST_SWITCHED 440000 ms of uptime, exported at uptime 500000 = 1700000000 s: 60 s before.
    EXPECT_EQ(f.first_ns, 1'699'999'940'000'000'000LL);
    EXPECT_EQ(f.last_ns, 1'699'999'999'000'000'000LL);
    ASSERT_TRUE(f.has_macs);
    EXPECT_EQ(f.dst_mac.to_string(), "02:00:00:00:00:02");
    EXPECT_EQ(c.counters().templates, 1u);
    EXPECT_EQ(c.counters().malformed, 0u);
}

TEST(NetflowV9, DataBeforeItsTemplateIsCountedAndDroppedThenDecodedOnceTheTemplateArrives) {
    Collector c;
    Datagram early = v9_header(500'000, 1'700'000'000, 1, 77);
    early.set(300);
    v9_record(early, "10.1.1.1", "8.8.8.8").end_set();
    c.feed(early);
    EXPECT_EQ(c.sink.flows.size(), 0u);
    EXPECT_EQ(c.counters().before_template, 1u);
    Datagram later = v9_template(2);
    later.set(300);
    v9_record(later, "10.1.1.1", "8.8.8.8").end_set();
    c.feed(later);
    EXPECT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.counters().before_template, 1u);
    // The same template id from another exporter is another template: its data waits for its own.
    c.feed(early, kOtherExporter);
    EXPECT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.counters(kOtherExporter).before_template, 1u);
}

TEST(NetflowV9, OptionsTemplateSamplingIntervalScalesTheSourcesRecords) {
    Collector c;
    Datagram d = v9_template(1);
    // Options template 400: scope System (1, 4 octets); SAMPLING_INTERVAL (34, 4), SAMPLING_ALGORITHM (35, 1).
    d.set(1).u16(400).u16(4).u16(8).u16(1).u16(4).u16(34).u16(4).u16(35).u16(1).u16(0).end_set();
    d.set(400).u32(0).u32(100).u8(2).raw({0, 0, 0}).end_set();
    d.set(300);
    v9_record(d, "10.1.1.1", "8.8.8.8").end_set();
    c.feed(d);
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].sampling_rate, 100u);
    EXPECT_EQ(c.sink.flows[0].packets[0], 200u);
    EXPECT_EQ(c.sink.flows[0].bytes[0], 15000u);
    // Another source id of the same exporter is unsampled.
    Datagram other = v9_header(500'000, 1'700'000'000, 1, 78);
    other.bytes = v9_template(1).bytes;
    other.bytes[19] = 78;
    Datagram data = v9_header(500'000, 1'700'000'000, 2, 78);
    data.set(300);
    v9_record(data, "10.1.1.1", "8.8.8.8").end_set();
    c.feed(other);
    c.feed(data);
    ASSERT_EQ(c.sink.flows.size(), 2u);
    EXPECT_EQ(c.sink.flows[1].sampling_rate, 1u);
    EXPECT_EQ(c.sink.flows[1].packets[0], 2u);
}

TEST(NetflowV9, Ipv6Records) {
    Collector c;
    Datagram d = v9_header(1000, 1'700'000'000, 1, 0);
    d.set(0).u16(260).u16(5).u16(27).u16(16).u16(28).u16(16).u16(4).u16(1).u16(2).u16(8).u16(1).u16(8).end_set();
    d.set(260).ip("2001:db8::10").ip("2600:9000:25ea:1200:1:12d8:5a00:93a1").u8(6).u64(12).u64(9000).end_set();
    c.feed(d);
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].dst_ip.to_string(), "2600:9000:25ea:1200:1:12d8:5a00:93a1");
    EXPECT_EQ(c.sink.flows[0].bytes[0], 9000u);
    // No times in the record: the export time.
    EXPECT_EQ(c.sink.flows[0].first_ns, 1'700'000'000'000'000'000LL);
}

TEST(Ipfix, TemplateThenDataWithAbsoluteTimes) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(d);
    d.set(256);
    ipv4_record(d, "192.168.1.10", "116.211.202.129", 50000, 443, 10, 5000).end_set();
    c.feed(d.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 1u);
    const FlowRecord& f = c.sink.flows[0];
    EXPECT_EQ(f.dst_ip.to_string(), "116.211.202.129");
    EXPECT_EQ(f.packets[0], 10u);
    EXPECT_EQ(f.bytes[0], 5000u);
    EXPECT_FALSE(f.src_began);
    EXPECT_EQ(f.first_ns, 1'700'000'000'000'000'000LL);
    EXPECT_EQ(f.last_ns, 1'700'000'001'500'000'000LL);
}

TEST(Ipfix, WithdrawalForgetsTheTemplateAndWithdrawAllForgetsEveryOne) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(d, 256);
    ipv4_template(d, 257);
    c.feed(d.finish_ipfix());
    Datagram withdraw = ipfix_header(1'700'000'003, 0, 1);
    withdraw.set(2).u16(256).u16(0).end_set();
    c.feed(withdraw.finish_ipfix());
    Datagram data = ipfix_header(1'700'000'004, 0, 1);
    data.set(256);
    ipv4_record(data, "10.0.0.1", "10.0.0.2", 1, 2, 1, 60).end_set();
    data.set(257);
    ipv4_record(data, "10.0.0.1", "10.0.0.3", 1, 2, 1, 60).end_set();
    c.feed(data.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].dst_ip.to_string(), "10.0.0.3");
    EXPECT_EQ(c.counters().before_template, 1u);
    EXPECT_EQ(c.counters().template_withdrawals, 1u);
    Datagram all = ipfix_header(1'700'000'005, 1, 1);
    all.set(2).u16(2).u16(0).end_set();  // template id 2 in set 2: every data template of the domain
    c.feed(all.finish_ipfix());
    c.feed(data);
    EXPECT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.counters().before_template, 3u);
    EXPECT_EQ(c.counters().template_withdrawals, 2u);
}

TEST(Ipfix, RefreshWithAChangedTemplateDecodesLaterRecordsWithTheNewLayout) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(d, 256);
    c.feed(d.finish_ipfix());
    Datagram same = ipfix_header(1'700'000'003, 0, 1);
    ipv4_template(same, 256);
    c.feed(same.finish_ipfix());
    EXPECT_EQ(c.counters().template_changes, 0u);
    // Template 256 redefined: IPv6 addresses, protocol, octets only.
    Datagram changed = ipfix_header(1'700'000'004, 0, 1);
    changed.set(2).u16(256).u16(4).u16(27).u16(16).u16(28).u16(16).u16(4).u16(1).u16(1).u16(4).end_set();
    changed.set(256).ip("2001:db8::1").ip("2001:db8::2").u8(17).u32(777).end_set();
    c.feed(changed.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].dst_ip.to_string(), "2001:db8::2");
    EXPECT_EQ(c.sink.flows[0].bytes[0], 777u);
    EXPECT_EQ(c.counters().templates, 3u);
    EXPECT_EQ(c.counters().template_changes, 1u);
}

TEST(Ipfix, OptionsTemplateWithSamplingPerSelector) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 9);
    // Options template 512: scope selectorId (302); samplingPacketInterval (305), samplingPacketSpace (306).
    d.set(3).u16(512).u16(3).u16(1).u16(302).u16(2).u16(305).u16(4).u16(306).u16(4).u16(0).end_set();
    d.set(512).u16(5).u32(1).u32(63).end_set();  // selector 5: 1 packet of every 64
    // Template 256 with selectorId: its records name their selector.
    d.set(2).u16(256).u16(4).u16(8).u16(4).u16(12).u16(4).u16(2).u16(4).u16(302).u16(2).end_set();
    d.set(256).ip("10.0.0.1").ip("10.0.0.2").u32(3).u16(5).end_set();
    c.feed(d.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].sampling_rate, 64u);
    EXPECT_EQ(c.sink.flows[0].packets[0], 192u);
}

TEST(Ipfix, VariableLengthAndUnknownEnterpriseElementsAreSkippedByTheirLength) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    // interfaceName (82, variable), an enterprise element (9:100, 4 octets), a variable-length
    // element with the three-octet length form, then the addresses and octets.
    d.set(2).u16(256).u16(6).u16(82).u16(65535).u16(0x8000 | 100).u16(4).u32(9).u16(83).u16(65535);
    d.u16(8).u16(4).u16(12).u16(4).u16(1).u16(4).end_set();
    d.set(256);
    d.u8(4).raw({'e', 't', 'h', '0'}).u32(0xdeadbeef).u8(255).u16(300).raw(std::vector<uint8_t>(300, 'x'));
    d.ip("10.0.0.1").ip("10.0.0.9").u32(1234);
    d.u8(0).raw({}).u32(1).u8(0).ip("10.0.0.1").ip("10.0.0.10").u32(99);  // empty variable-length fields
    d.end_set();
    c.feed(d.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 2u);
    EXPECT_EQ(c.sink.flows[0].dst_ip.to_string(), "10.0.0.9");
    EXPECT_EQ(c.sink.flows[0].bytes[0], 1234u);
    EXPECT_EQ(c.sink.flows[1].dst_ip.to_string(), "10.0.0.10");
    EXPECT_EQ(c.sink.flows[1].bytes[0], 99u);
    EXPECT_EQ(c.counters().malformed, 0u);
}

TEST(Ipfix, Rfc5103BiflowReverseCountersAndInitiator) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    // Addresses, ports, octets and packets both ways (reverse: enterprise 29305), biflowDirection.
    d.set(2).u16(256).u16(9).u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2);
    d.u16(1).u16(8).u16(2).u16(8).u16(0x8001).u16(8).u32(29305).u16(0x8002).u16(8).u32(29305).u16(239).u16(1);
    d.end_set();
    d.set(256).ip("10.0.0.1").ip("203.0.113.5").u16(50001).u16(443).u64(1000).u64(10).u64(64000).u64(50).u8(1);
    d.ip("203.0.113.5").ip("10.0.0.1").u16(443).u16(50002).u64(100).u64(2).u64(3000).u64(4).u8(2);
    d.end_set();
    c.feed(d.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 2u);
    const FlowRecord& a = c.sink.flows[0];
    EXPECT_TRUE(a.src_began);
    EXPECT_EQ(a.bytes[0], 1000u);
    EXPECT_EQ(a.packets[0], 10u);
    EXPECT_EQ(a.bytes[1], 64000u);
    EXPECT_EQ(a.packets[1], 50u);
    // biflowDirection 2 (reverseInitiator): the destination began it; the record is turned round.
    const FlowRecord& b = c.sink.flows[1];
    EXPECT_TRUE(b.src_began);
    EXPECT_EQ(b.src_ip.to_string(), "10.0.0.1");
    EXPECT_EQ(b.src_port, 50002);
    EXPECT_EQ(b.dst_port, 443);
    EXPECT_EQ(b.bytes[0], 3000u);
    EXPECT_EQ(b.bytes[1], 100u);
}

TEST(Ipfix, SysUpTimeRelativeTimesUseTheDomainsSystemInitTime) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    // Options template 300: scope observationDomainId (149); systemInitTimeMilliseconds (160).
    d.set(3).u16(300).u16(2).u16(1).u16(149).u16(4).u16(160).u16(8).end_set();
    d.set(300).u32(1).u64(1'600'000'000'000).end_set();
    d.set(2).u16(256).u16(4).u16(8).u16(4).u16(12).u16(4).u16(22).u16(4).u16(21).u16(4).end_set();
    d.set(256).ip("10.0.0.1").ip("10.0.0.2").u32(5000).u32(6000).end_set();
    c.feed(d.finish_ipfix());
    ASSERT_EQ(c.sink.flows.size(), 1u);
    EXPECT_EQ(c.sink.flows[0].first_ns, 1'600'000'005'000'000'000LL);
    EXPECT_EQ(c.sink.flows[0].last_ns, 1'600'000'006'000'000'000LL);
}

TEST(Ipfix, SequenceGapsCountLostRecordsPerDomain) {
    Collector c;
    Datagram t = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(t);
    c.feed(t.finish_ipfix());
    for (uint32_t seq : {0u, 1u, 5u}) {  // one record each: 2, 3 and 4 never arrived
        Datagram d = ipfix_header(1'700'000'003, seq, 1);
        d.set(256);
        ipv4_record(d, "10.0.0.1", "10.0.0.2", 1, 2, 1, 60).end_set();
        c.feed(d.finish_ipfix());
    }
    EXPECT_EQ(c.counters().sequence_lost, 3u);
}

TEST(Ipfix, SequenceNumbersThatIncludeTheirOwnMessagesRecordsAreNoLoss) {
    // softflowd numbers each message with the records sent up to and including it (1, 3, 4 for
    // messages of 1, 2 and 1 records) where RFC 7011 says before it (0, 1, 3).
    Collector c;
    Datagram t = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(t);
    c.feed(t.finish_ipfix());
    for (auto [seq, records] : {std::pair{1u, 1}, {3u, 2}, {4u, 1}}) {
        Datagram d = ipfix_header(1'700'000'003, seq, 1);
        d.set(256);
        for (int i = 0; i < records; ++i) ipv4_record(d, "10.0.0.1", "10.0.0.2", 1, 2, 1, 60);
        c.feed(d.end_set().finish_ipfix());
    }
    EXPECT_EQ(c.sink.flows.size(), 4u);
    EXPECT_EQ(c.counters().sequence_lost, 0u);
}

TEST(Ipfix, LengthFieldsPastTheEndAreMalformedNeverRead) {
    Collector c;
    Datagram d = ipfix_header(1'700'000'002, 0, 1);
    ipv4_template(d);
    d.set(256);
    ipv4_record(d, "10.0.0.1", "10.0.0.2", 1, 2, 1, 60).end_set();
    d.finish_ipfix();
    const std::vector<uint8_t> whole = d.bytes;
    // Every truncation of a valid message: the header's length no longer fits.
    for (size_t n = 0; n < whole.size(); ++n) {
        Datagram cut;
        cut.bytes.assign(whole.begin(), whole.begin() + n);
        c.feed(cut);
    }
    EXPECT_EQ(c.sink.flows.size(), 0u);
    // (Under two octets there is no version to tell IPFIX by.)
    EXPECT_EQ(c.counters().malformed + c.counters().unknown_version, whole.size());
    EXPECT_EQ(c.counters().unknown_version, 2u);
    // A set length larger than the message.
    Datagram bad = ipfix_header(1'700'000'002, 0, 1);
    bad.u16(256).u16(4000).u32(0);
    c.feed(bad.finish_ipfix());
    EXPECT_EQ(c.counters().malformed, whole.size() - 2 + 1);
}

TEST(FlowExportDecoder, UnknownVersionsAreCounted) {
    Collector c;
    Datagram d;
    d.u16(7).u16(1).u32(0);
    c.feed(d);
    EXPECT_EQ(c.counters().unknown_version, 1u);
    EXPECT_EQ(c.counters().datagrams, 1u);
}

// sFlow v5: a datagram from agent 192.0.2.50 with the given samples.
Datagram sflow_datagram(uint32_t sequence, const std::vector<Datagram>& samples) {
    Datagram d;
    d.u32(5).u32(1).ip("192.0.2.50").u32(0).u32(sequence).u32(123456).u32(samples.size());
    for (const auto& s : samples) d.raw(s.bytes);
    return d;
}
// A flow sample (format 1, or 3 expanded) with one raw packet header record.
Datagram sflow_flow_sample(bool expanded, uint32_t rate, const std::vector<uint8_t>& header, uint32_t frame_len) {
    Datagram record;
    record.u32(1).u32(frame_len + 4).u32(4).u32(header.size()).raw(header);
    while (record.bytes.size() % 4) record.u8(0);
    Datagram body;
    if (expanded) body.u32(1).u32(0).u32(3).u32(rate).u32(rate * 10).u32(0).u32(0).u32(3).u32(0).u32(4);
    else body.u32(1).u32(3).u32(rate).u32(rate * 10).u32(0).u32(3).u32(4);
    body.u32(1).u32(1).u32(record.bytes.size()).raw(record.bytes);
    Datagram s;
    s.u32(expanded ? 3 : 1).u32(body.bytes.size()).raw(body.bytes);
    return s;
}
// Ethernet + IPv4 + UDP 53 header: 42 octets of a DNS packet.
std::vector<uint8_t> ethernet_udp_header() {
    Datagram h;
    h.raw({0, 1, 2, 3, 4, 5, 0x02, 0, 0, 0, 0, 9}).u16(0x0800);
    h.u8(0x45).u8(0).u16(80).u16(1).u16(0).u8(64).u8(17).u16(0).ip("10.0.0.1").ip("9.9.9.9");
    h.u16(33333).u16(53).u16(60).u16(0);
    return h.bytes;
}

TEST(SflowV5, RawPacketHeadersGoToDecodeWithTheSamplingRateAndCounterSamplesAreCounted) {
    Collector c;
    Datagram counters;
    counters.u32(2).u32(8).u32(1).u32(0);  // a counter sample: counted, not read
    c.feed(sflow_datagram(1, {sflow_flow_sample(false, 512, ethernet_udp_header(), 94), counters,
                              sflow_flow_sample(true, 1000, ethernet_udp_header(), 94)}));
    ASSERT_EQ(c.sink.packets.size(), 2u);
    const auto& p = c.sink.packets[0];
    EXPECT_EQ(p.sampling_rate, 512u);
    EXPECT_EQ(p.raw.link_type, kLinkEthernet);
    EXPECT_EQ(p.raw.caplen, 42u);
    EXPECT_EQ(p.raw.wire_len, 94u);  // frame length less the 4 stripped (FCS) octets
    EXPECT_EQ(p.raw.ts_ns, kReceived);
    EXPECT_EQ(p.raw.input_index, 3);
    EXPECT_EQ(p.bytes[37], 53);  // the header as sampled
    EXPECT_EQ(c.sink.packets[1].sampling_rate, 1000u);
    EXPECT_EQ(c.counters().counter_samples, 1u);
    EXPECT_EQ(c.counters().sampled_packets, 2u);
    EXPECT_EQ(c.counters().packets, 1512u);
    EXPECT_EQ(c.counters().malformed, 0u);
    c.feed(sflow_datagram(4, {}));
    EXPECT_EQ(c.counters().sequence_lost, 2u);
}

TEST(SflowV5, ASampleLongerThanTheDatagramIsMalformed) {
    Collector c;
    Datagram d = sflow_datagram(1, {sflow_flow_sample(false, 512, ethernet_udp_header(), 94)});
    for (size_t n = 0; n < d.bytes.size(); ++n) {
        Datagram cut;
        cut.bytes.assign(d.bytes.begin(), d.bytes.begin() + n);
        c.feed(cut);
    }
    EXPECT_EQ(c.sink.packets.size(), 0u);
    EXPECT_EQ(c.counters().malformed + c.counters().unknown_version, d.bytes.size());
}

TEST(ListenSpec, ParsesPortAddressAndBracketedIpv6) {
    EXPECT_EQ(ListenSpec::parse("2055")->port, 2055);
    EXPECT_FALSE(ListenSpec::parse("2055")->address);
    EXPECT_EQ(ListenSpec::parse("127.0.0.1:9995")->address->to_string(), "127.0.0.1");
    EXPECT_EQ(ListenSpec::parse("[::1]:6343")->address->to_string(), "::1");
    EXPECT_EQ(ListenSpec::parse("[::1]:6343")->port, 6343);
    for (const char* bad : {"", "x", "65536", "::1:2055", "[::1]", "[::1]2055", "1.2.3.4:", "[1.2.3.4]:5", "1.2.3:5"})
        EXPECT_FALSE(ListenSpec::parse(bad)) << bad;
}

// Sends `bytes` over UDP from a fresh socket of the loopback address's family to `port`.
void send_loopback(bool v6, uint16_t port, const std::vector<uint8_t>& bytes) {
    const int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_storage ss{};
    socklen_t len;
    if (v6) {
        auto& a = reinterpret_cast<sockaddr_in6&>(ss);
        a.sin6_family = AF_INET6, a.sin6_port = htons(port), a.sin6_addr = in6addr_loopback;
        len = sizeof a;
    } else {
        auto& a = reinterpret_cast<sockaddr_in&>(ss);
        a.sin_family = AF_INET, a.sin_port = htons(port), a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof a;
    }
    ASSERT_EQ(sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&ss), len), ssize_t(bytes.size()));
    close(fd);
}

TEST(FlowExportListener, ReceivesOnIpv4AndIpv6SocketsAndKeepsEachExporterApart) {
    FlowExportListener listener(2);
    listener.listen("127.0.0.1:0");
    listener.listen("[::1]:0");
    ASSERT_EQ(listener.sockets().size(), 2u);
    EXPECT_EQ(listener.sockets()[0].local.rfind("127.0.0.1:", 0), 0u);
    EXPECT_EQ(listener.sockets()[1].local.rfind("[::1]:", 0), 0u);
    for (const auto& s : listener.sockets()) EXPECT_GE(s.receive_buffer, 1 << 20) << s.local;
    Datagram v5;
    v5.u16(5).u16(1).u32(0).u32(1'700'000'000).u32(0).u32(0).u16(0).u16(0);
    v5.ip("10.0.0.1").ip("203.0.113.1").raw(std::vector<uint8_t>(40, 1));
    send_loopback(false, listener.sockets()[0].port, v5.bytes);
    send_loopback(true, listener.sockets()[1].port, v5.bytes);
    send_loopback(true, listener.sockets()[1].port, {1, 2, 3});
    CollectingSink sink;
    size_t got = 0;
    for (int i = 0; i < 50 && got < 3; ++i) got += listener.poll(100, sink);
    EXPECT_EQ(got, 3u);
    ASSERT_EQ(sink.flows.size(), 2u);
    EXPECT_EQ(sink.flows[0].input_index, 2);
    const auto exporters = listener.exporter_summary();
    ASSERT_EQ(exporters.size(), 2u);
    EXPECT_EQ(exporters[0].address, "::1");  // address order: IPv6 ::1 before IPv4-mapped
    EXPECT_EQ(exporters[0].protocols, "netflow-v5");
    EXPECT_EQ(exporters[0].datagrams, 2u);
    EXPECT_EQ(exporters[1].address, "127.0.0.1");
    EXPECT_EQ(exporters[1].records, 1u);
    NamedCounters counters = listener.counters();
    EXPECT_EQ(counters["datagrams_received"], 3u);
    EXPECT_EQ(counters["unknown_version_datagrams"], 1u);
    EXPECT_EQ(counters["socket_drops"], 0u);
}

TEST(FlowExportListener, RefusesABadSpecAndAPortInUse) {
    FlowExportListener listener;
    EXPECT_THROW(listener.listen("localhost:2055"), std::runtime_error);
    listener.listen("127.0.0.1:0");
    EXPECT_THROW(listener.listen("127.0.0.1:" + std::to_string(listener.sockets()[0].port)), std::runtime_error);
}

}  // namespace
}  // namespace sovscan
