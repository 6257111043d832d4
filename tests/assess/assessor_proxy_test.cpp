// Findings for a server reached through an explicit HTTP proxy: the proxy's client is exposed to
// the server it asked for, judged by that server's address when the request or a DNS answer gave
// it, else by its name alone (vendor from the catalog, location unknown); the evidence says which
// proxy it went through.
#include <gtest/gtest.h>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "decode/decoded_packet.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

Flow through_proxy(const char* name, const char* target) {
    Flow f;
    f.client_ip = *IpAddress::parse("10.0.0.50");
    f.server_ip = *IpAddress::parse("10.0.0.3");
    f.client_port = 50001;
    f.server_port = 3128;
    f.proto = kProtoTcp;
    f.first_ns = f.last_ns = 1'700'000'000'000'000'000;
    f.packets[kToServer] = 9, f.bytes[kToServer] = 2048;
    f.packets[kToClient] = 7, f.bytes[kToClient] = 6000;
    f.server_name = name;
    f.name_source = NameSource::proxy_connect;
    f.proxy_target_port = 443;
    if (*target) f.proxy_target_ip = *IpAddress::parse(target);
    return f;
}

std::vector<Finding> assess(const Intel& intel, const Flow& flow) {
    Policy policy;
    ExposureAggregator agg(policy, {"test"});
    agg.add(flow);
    Enricher enricher(intel);
    return Assessor(policy, enricher).assess(agg);
}

bool has_fact(const Finding& f, const std::string& part) {
    for (const Evidence& e : f.evidence)
        if (e.fact.find(part) != std::string::npos) return true;
    return false;
}

TEST(AssessorProxy, ServerOfKnownAddressIsJudgedByIt) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // Alibaba Cloud in Hangzhou: the address the proxy's DNS answer gave for the name.
    const auto findings = assess(*intel, through_proxy("api.hik-connect.com", "47.96.1.10"));
    ASSERT_EQ(findings.size(), 1u);
    const Finding& f = findings[0];
    EXPECT_EQ(f.rule, RuleId::egress_located_high_risk);
    EXPECT_EQ(f.asset.ip, *IpAddress::parse("10.0.0.50"));
    EXPECT_EQ(f.counterpart->ip, *IpAddress::parse("47.96.1.10"));
    EXPECT_EQ(f.counterpart->located_in, "CN");
    EXPECT_EQ(f.counterpart->vendor_id, "hikvision");
    ASSERT_EQ(f.counterpart->proxies.size(), 1u);
    EXPECT_EQ(f.counterpart->proxies[0].to_string(), "10.0.0.3:3128");
    EXPECT_EQ(f.server_ports, (std::vector<uint16_t>{443}));
    EXPECT_EQ(f.summary, "10.0.0.50 sent 2.0 kB to 47.96.1.10 [api.hik-connect.com] through proxy 10.0.0.3:3128 "
                         "(located in CN)");
    EXPECT_TRUE(has_fact(f, "asked the explicit HTTP proxy 10.0.0.3:3128 for this server in 1 flow(s)"));
}

TEST(AssessorProxy, ServerOfUnknownAddressIsJudgedByItsName) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const auto findings = assess(*intel, through_proxy("cloud.hik-connect.com", ""));
    ASSERT_EQ(findings.size(), 1u);
    const Finding& f = findings[0];
    EXPECT_EQ(f.rule, RuleId::egress_operator_high_risk);
    EXPECT_FALSE(f.counterpart->has_ip());
    EXPECT_TRUE(f.counterpart->located_in.empty());
    EXPECT_EQ(f.counterpart->vendor_id, "hikvision");
    EXPECT_EQ(f.counterpart->vendor_controlled_by, "CN");
    EXPECT_EQ(f.confidence, "medium");  // named by what the client asked for, hosted who knows where
    ASSERT_EQ(f.counterpart->names.size(), 1u);
    EXPECT_EQ(f.counterpart->names[0].how, "proxy_connect");
    EXPECT_NE(f.summary.find("10.0.0.50 sent 2.0 kB to cloud.hik-connect.com through proxy 10.0.0.3:3128 ("),
              std::string::npos)
        << f.summary;
    EXPECT_NE(f.summary.find("hosted in unknown"), std::string::npos) << f.summary;
    EXPECT_TRUE(has_fact(f, "no DNS answer in the capture gives the address of cloud.hik-connect.com"));
}

TEST(AssessorProxy, AHarmlessServerBehindAProxyIsNoFinding) {
    SOVSCAN_REQUIRE_INTEL(intel);
    EXPECT_TRUE(assess(*intel, through_proxy("www.apple.com", "")).empty());
}

}  // namespace
}  // namespace sovscan
