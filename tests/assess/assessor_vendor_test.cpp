// Which vendor a counterpart is attributed to when its flows carry several catalogued names: the
// strongest name wins, except that a vendor controlled from a high-risk jurisdiction is never hidden
// behind a counter-example's name seen at the same address (a shared CDN front, say).
#include <gtest/gtest.h>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "decode/decoded_packet.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

Flow named_flow(const char* server, const char* name, NameSource how, int64_t ts) {
    Flow f;
    f.client_ip = *IpAddress::parse("10.20.0.5");
    f.server_ip = *IpAddress::parse(server);
    f.client_port = 50000;
    f.server_port = 443;
    f.proto = kProtoTcp;
    f.first_ns = f.last_ns = ts;
    f.packets[kToServer] = 3, f.bytes[kToServer] = 900;
    f.packets[kToClient] = 2, f.bytes[kToClient] = 4000;
    f.server_name = name;
    f.name_source = how;
    return f;
}

std::vector<Finding> assess(const Intel& intel, const std::vector<Flow>& flows) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    for (const Flow& f : flows) agg.add(f);
    Enricher enricher(intel);
    return Assessor(policy, enricher).assess(agg);
}

TEST(AssessorVendor, HighRiskVendorIsNotHiddenByACounterExampleName) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // A non-PRC address (Siemens' own range, see tests/corpus counter-examples) serving a
    // counter-example's name in most flows and a PRC vendor's cloud name in one.
    const char* server = "194.138.20.100";
    std::vector<Flow> flows;
    for (int i = 0; i < 5; ++i) flows.push_back(named_flow(server, "www.apple.com", NameSource::sni, i));
    flows.push_back(named_flow(server, "api.hik-connect.com", NameSource::sni, 10));
    std::vector<Finding> findings = assess(*intel, flows);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].rule, RuleId::egress_operator_high_risk);
    EXPECT_EQ(findings[0].counterpart->vendor_id, "hikvision");
    EXPECT_EQ(findings[0].counterpart->vendor_controlled_by, "CN");
}

TEST(AssessorVendor, CounterExampleNamesAloneAreNoFinding) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const char* server = "194.138.20.100";
    std::vector<Flow> flows{named_flow(server, "www.apple.com", NameSource::sni, 0),
                            named_flow(server, "support.apple.com", NameSource::http_host, 1)};
    EXPECT_TRUE(assess(*intel, flows).empty());
}

}  // namespace
}  // namespace sovscan
