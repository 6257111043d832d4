// The memory bound on counterparts (issue 19, ExposureLimits): beyond max_counterparts the
// exposures that make no finding are folded into per-(asset, kind, country, network) groups whose
// totals stay exact; those that make findings are never folded, so the findings and their traffic
// are those of an unbounded run. Judged with the installed intel, as a scan judges.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "decode/decoded_packet.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

const IpAddress kServer = *IpAddress::parse("10.0.0.10");
const IpAddress kClient = *IpAddress::parse("10.0.0.20");

Flow tcp_flow(const IpAddress& client, const IpAddress& server, uint16_t port, uint64_t bytes, bool answered,
              int64_t ts) {
    Flow f;
    f.client_ip = client;
    f.server_ip = server;
    f.client_port = 40000;
    f.server_port = port;
    f.proto = kProtoTcp;
    f.first_ns = ts, f.last_ns = ts + 1000;
    f.packets[kToServer] = 2, f.bytes[kToServer] = bytes;
    if (answered) f.packets[kToClient] = 1, f.bytes[kToClient] = bytes / 2;
    return f;
}

IpAddress ip(const std::string& s) { return *IpAddress::parse(s); }

uint32_t full_asn(const Intel& intel, const std::string& a) { return Enricher(intel).endpoint(ip(a)).asn; }

// Benign probes from Siemens' German range and Google's US range (both clear, tests/corpus
// counter-examples), PRC sessions each way, and a PRC probe nobody answered (no finding), twice over:
// a folded pair seen again must join its group, not count as a new counterpart.
std::vector<Flow> traffic() {
    std::vector<Flow> flows;
    int64_t ts = 1'000'000'000;
    for (int round = 0; round < 2; ++round) {
        flows.push_back(tcp_flow(kClient, ip("47.96.1.11"), 443, 3000 + round, true, ts++));  // Alibaba Hangzhou
        flows.push_back(tcp_flow(ip("218.94.1.1"), kServer, 22, 700, true, ts++));          // China Telecom
        flows.push_back(tcp_flow(ip("218.94.1.2"), kServer, 22, 60, false, ts++));
        for (int i = 1; i <= 40; ++i) {
            flows.push_back(tcp_flow(ip("194.138.20." + std::to_string(i)), kServer, 443, 60 + i, false, ts++));
            flows.push_back(tcp_flow(kClient, ip("8.8.4." + std::to_string(i)), 443, 100 + i, true, ts++));
        }
        flows.push_back(tcp_flow(kClient, ip("47.96.1.12"), 443, 5000, false, ts++));  // egress: a finding unanswered
    }
    return flows;
}

struct ScanResult {
    std::vector<Finding> findings;
    FoldStats stats;
    size_t kept = 0;
    std::vector<FoldedExposures> folded;
    // (kind, asset, country) -> bytes sent, bytes received, flows, counterparts
    std::map<std::tuple<int, std::string, std::string>, std::tuple<uint64_t, uint64_t, uint64_t, uint64_t>> totals;
};

ScanResult scan(const Intel& intel, size_t max_counterparts) {
    Policy policy;
    Enricher enricher(intel);
    Assessor assessor(policy, enricher);
    AssessorTriage triage(assessor, enricher);
    ExposureAggregator agg(policy, {"test"});
    agg.limit(ExposureLimits{.max_counterparts = max_counterparts}, triage);
    for (const Flow& f : traffic()) agg.add(f);
    ScanResult r;
    r.findings = assessor.assess(agg);
    r.stats = agg.fold_stats();
    r.kept = agg.exposures().size();
    r.folded = agg.folded();
    auto add = [&](const Exposure& e, const std::string& country, uint64_t counterparts) {
        auto& [sent, received, flows, n] = r.totals[{static_cast<int>(e.kind), e.asset.to_string(), country}];
        sent += e.bytes_sent, received += e.bytes_received, flows += e.flows, n += counterparts;
    };
    for (const Exposure& e : agg.exposures()) add(e, enricher.endpoint(e.counterpart).located_in, 1);
    for (const FoldedExposures& g : agg.folded()) add(g.totals, g.located_in, g.counterparts);
    return r;
}

TEST(ExposureFold, UnboundedFoldsNothing) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const ScanResult r = scan(*intel, 0);
    EXPECT_EQ(r.kept, 84u);  // 40 + 40 benign, 2 PRC egress, 2 PRC inbound
    EXPECT_EQ(r.stats.counterparts, 0u);
    EXPECT_TRUE(r.folded.empty());
}

TEST(ExposureFold, FindingsAndTotalsAreThoseOfAnUnboundedRun) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const ScanResult full = scan(*intel, 0);
    const ScanResult bounded = scan(*intel, 24);
    EXPECT_GT(bounded.stats.counterparts, 0u);
    EXPECT_TRUE(bounded.stats.counterparts_exact);
    EXPECT_LE(bounded.kept, 24u);
    // Every pair is either kept or folded, once, though each was seen twice.
    EXPECT_EQ(bounded.kept + bounded.stats.counterparts, full.kept);
    uint64_t folded_flows = 0, group_counterparts = 0;
    for (const FoldedExposures& g : bounded.folded) folded_flows += g.totals.flows, group_counterparts += g.counterparts;
    EXPECT_EQ(folded_flows, bounded.stats.flows);
    EXPECT_EQ(group_counterparts, bounded.stats.counterparts);
    // Per kind, asset and country: bytes each way, flows and counterparts, exactly.
    EXPECT_EQ(bounded.totals, full.totals);

    ASSERT_EQ(full.findings.size(), 3u);  // the two PRC egress pairs and the answered PRC session
    ASSERT_EQ(bounded.findings.size(), full.findings.size());
    for (size_t i = 0; i < full.findings.size(); ++i) {
        const Finding &a = full.findings[i], &b = bounded.findings[i];
        EXPECT_EQ(b.rule, a.rule);
        EXPECT_EQ(b.counterpart->ip, a.counterpart->ip);
        EXPECT_EQ(b.asset.ip, a.asset.ip);
        EXPECT_EQ(b.bytes_sent, a.bytes_sent);
        EXPECT_EQ(b.bytes_received, a.bytes_received);
        EXPECT_EQ(b.packets_sent, a.packets_sent);
        EXPECT_EQ(b.flows, a.flows);
        EXPECT_EQ(b.first_ns, a.first_ns);
        EXPECT_EQ(b.last_ns, a.last_ns);
    }
}

TEST(ExposureFold, GroupsAreByAssetKindCountryAndNetwork) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const ScanResult bounded = scan(*intel, 24);
    // The German probes inbound to the server, the US servers egress from the client, the PRC probe
    // nobody answered inbound: one group each, with the exact sums of what was folded.
    std::map<std::tuple<std::string, int, std::string>, const FoldedExposures*> by;
    for (const FoldedExposures& g : bounded.folded) by[{g.totals.asset.to_string(), static_cast<int>(g.totals.kind), g.located_in}] = &g;
    ASSERT_EQ(by.size(), 3u);
    const FoldedExposures* de = by.at({"10.0.0.10", static_cast<int>(ExposureKind::inbound), "DE"});
    const FoldedExposures* us = by.at({"10.0.0.20", static_cast<int>(ExposureKind::egress), "US"});
    const FoldedExposures* cn = by.at({"10.0.0.10", static_cast<int>(ExposureKind::inbound), "CN"});
    EXPECT_EQ(de->asn, full_asn(*intel, "194.138.20.1"));
    EXPECT_EQ(us->asn, full_asn(*intel, "8.8.4.1"));
    // Each folded pair brought both its flows (the one before the fold and the one after).
    EXPECT_EQ(de->totals.flows, 2 * de->counterparts);
    EXPECT_EQ(de->totals.bytes_sent, 0u);  // the server sent nothing back
    EXPECT_EQ(de->totals.answered_flows, 0u);
    EXPECT_EQ(us->totals.flows, 2 * us->counterparts);
    EXPECT_EQ(us->totals.answered_flows, 2 * us->counterparts);
    EXPECT_EQ(cn->counterparts, 1u);  // 218.94.1.2: probes nobody answered make no finding
    EXPECT_EQ(cn->totals.flows, 2u);
    EXPECT_EQ(cn->totals.bytes_received, 120u);
    // The most useful are kept: answered US sessions outlast the German probes.
    EXPECT_EQ(de->counterparts, 35u);
    EXPECT_EQ(us->counterparts, 24u);  // of 40 each; 5 and 16 kept
}

TEST(ExposureFold, BeyondTheFoldedPairsRememberedCountsAreAnUpperBoundAndTrafficStaysExact) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const ScanResult full = scan(*intel, 0);
    // 8 kept, 32 folded pairs remembered: the 33rd and later, seen again, count again.
    const ScanResult bounded = scan(*intel, 8);
    EXPECT_FALSE(bounded.stats.counterparts_exact);
    EXPECT_GT(bounded.kept + bounded.stats.counterparts, full.kept);
    ASSERT_EQ(bounded.totals.size(), full.totals.size());
    for (const auto& [key, t] : full.totals) {
        const auto& b = bounded.totals.at(key);
        EXPECT_EQ(std::get<0>(b), std::get<0>(t));  // bytes sent
        EXPECT_EQ(std::get<1>(b), std::get<1>(t));  // bytes received
        EXPECT_EQ(std::get<2>(b), std::get<2>(t));  // flows
        EXPECT_GE(std::get<3>(b), std::get<3>(t));  // counterparts, at most
    }
    EXPECT_EQ(bounded.findings.size(), full.findings.size());
}

TEST(ExposureFold, DevicesBeyondTheBoundAreCountedUnlessTheyMakeAFinding) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Policy policy;
    Enricher enricher(*intel);
    Assessor assessor(policy, enricher);
    AssessorTriage triage(assessor, enricher);
    ExposureAggregator agg(policy, {"test"});
    agg.limit(ExposureLimits{.max_counterparts = 2}, triage);
    const MacAddress samsung = *MacAddress::parse("54:f2:01:e1:b2:99"), dell = *MacAddress::parse("98:e7:43:01:02:03");
    const MacAddress other = *MacAddress::parse("54:f2:01:00:00:01");
    const MacAddress huawei = *MacAddress::parse("a4:c6:4f:3b:b3:ab");  // a PRC vendor's OUI: a finding
    agg.add_mac(samsung, nullptr, 1, 3);
    agg.add_mac(dell, nullptr, 2, 4);
    agg.add_mac(other, nullptr, 3, 5);  // the table is full
    agg.add_mac(huawei, nullptr, 4, 6);
    agg.add_mac(other, nullptr, 5, 7);  // seen again: one device, its frames added
    agg.add_mac(samsung, nullptr, 6, 1);
    EXPECT_EQ(agg.devices().size(), 3u);
    EXPECT_TRUE(agg.devices().find(huawei.as_u64()));
    EXPECT_FALSE(agg.devices().find(other.as_u64()));
    EXPECT_EQ(agg.devices().find(samsung.as_u64())->frames, 4u);
    EXPECT_EQ(agg.fold_stats().devices_not_kept, 1u);
    EXPECT_EQ(agg.fold_stats().device_frames_not_kept, 12u);
    std::vector<Finding> findings = assessor.assess(agg);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].rule, RuleId::device_high_risk_vendor);
    EXPECT_EQ(findings[0].packets_sent, 6u);
}

TEST(EnricherBound, AFullCacheIsEmptiedAndAnswersStayRight) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Enricher bounded(*intel, 2), unbounded(*intel);
    for (const char* a : {"47.96.1.11", "194.138.20.1", "8.8.4.1", "47.96.1.11", "218.94.1.1", "194.138.20.1"}) {
        const EndpointIntel& x = bounded.endpoint(ip(a));
        const std::string located = x.located_in;
        const uint32_t asn = x.asn;
        EXPECT_EQ(located, unbounded.endpoint(ip(a)).located_in) << a;
        EXPECT_EQ(asn, unbounded.endpoint(ip(a)).asn) << a;
    }
    EXPECT_EQ(unbounded.endpoint(ip("47.96.1.11")).located_in, "CN");
}

}  // namespace
}  // namespace sovscan
