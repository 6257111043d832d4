// Findings as ECS alerts (alert/ecs_alert.h), on the findings a real capture gives: the fields a SIEM
// rule keys on must hold the finding's facts, and a hostile name must stay inert.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/alert_dispatcher.h"
#include "alert/ecs_alert.h"
#include "engine/scan_engine.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

using nlohmann::json;

const std::vector<Finding>& wechat_findings() {
    static const std::vector<Finding> findings = [] {
        ScanOptions opt;
        opt.inputs = {corpus_file("ndpi/wechat.pcap")};
        Diagnostics diag;
        auto report = ScanEngine::run(opt, diag);
        return report ? report->findings : std::vector<Finding>{};
    }();
    return findings;
}

const Finding* find(RuleId rule, const std::string& counterpart) {
    for (const Finding& f : wechat_findings())
        if (f.rule == rule && f.counterpart->ip.to_string() == counterpart) return &f;
    return nullptr;
}

TEST(EcsAlert, AnEgressFindingCarriesItsEndpointsCountryNetworkAndEvidence) {
    // Tencent's AS132203 address, geolocated abroad by the pinned data: operated from the PRC.
    const Finding* f = find(RuleId::egress_operator_high_risk, "203.205.147.171");
    ASSERT_NE(f, nullptr) << "wechat.pcap: no SOV-002 finding for 203.205.147.171 (FACTS.md: AS132203, Tencent)";
    const json a = json::parse(ecs_alert(*f, AlertContext{"sensor-7", "sensor", 1'700'000'000'000'000'000}).dump());
    EXPECT_EQ(a["ecs"]["version"], kEcsVersion);
    EXPECT_EQ(a["event"]["kind"], "alert");
    EXPECT_EQ(a["event"]["category"], json::array({"network"}));
    EXPECT_EQ(a["event"]["module"], "sovscan");
    EXPECT_EQ(a["event"]["id"], stable_finding_id(*f));
    EXPECT_EQ(a["event"]["severity"], ecs_severity(f->severity));
    EXPECT_EQ(a["event"]["created"], "2023-11-14T22:13:20.000000Z");
    EXPECT_EQ(a["rule"]["id"], "SOV-002");
    EXPECT_EQ(a["rule"]["name"], "egress-operator-high-risk");
    EXPECT_EQ(a["source"]["ip"], f->asset.ip.to_string());
    EXPECT_EQ(a["destination"]["ip"], "203.205.147.171");
    EXPECT_EQ(a["destination"]["port"], 443);
    EXPECT_EQ(a["destination"]["geo"]["country_iso_code"], f->counterpart->located_in);
    EXPECT_NE(f->counterpart->located_in, "CN");
    EXPECT_EQ(a["destination"]["as"]["number"], 132203);
    EXPECT_NE(a["destination"]["as"]["organization"]["name"].get<std::string>().find("Tencent"), std::string::npos);
    EXPECT_EQ(a["destination"]["domain"], "web.wechat.com");
    EXPECT_EQ(a["network"]["transport"], "tcp");
    EXPECT_EQ(a["network"]["direction"], "outbound");
    EXPECT_EQ(a["observer"]["hostname"], "sensor-7");
    EXPECT_EQ(a["sovscan"]["located_in"], f->counterpart->located_in);
    EXPECT_EQ(a["sovscan"]["controlled_by"], "CN");
    EXPECT_EQ(a["sovscan"]["finding_id"], a["event"]["id"]);
    EXPECT_FALSE(a["sovscan"]["evidence"].empty());
    EXPECT_EQ(a["@timestamp"], a["event"]["start"]);
    EXPECT_EQ(a["message"], f->summary);
}

TEST(EcsAlert, ADeviceFindingIsAboutAHostWithAnEcsMac) {
    const Finding* device = nullptr;
    for (const Finding& f : wechat_findings())
        if (f.rule == RuleId::device_high_risk_vendor) device = &f;
    ASSERT_NE(device, nullptr) << "wechat.pcap: FACTS.md lists d0:27:88:17:70:04 (Hon Hai, CN)";
    const json a = json::parse(ecs_alert(*device, AlertContext{"s", "sensor", 1}).dump());
    EXPECT_EQ(a["event"]["category"], json::array({"host"}));
    EXPECT_EQ(a["rule"]["id"], "SOV-005");
    EXPECT_EQ(a["host"]["mac"], "D0-27-88-17-70-04");
    EXPECT_FALSE(a.contains("destination"));
}

TEST(EcsAlert, HostileNamesAreEscapedNotPassedThrough) {
    const Finding* f = find(RuleId::egress_operator_high_risk, "203.205.147.171");
    ASSERT_NE(f, nullptr);
    Finding hostile = *f;
    hostile.counterpart.edit().names.insert(hostile.counterpart->names.begin(),
                                     ObservedName{"evil\x1b[31m<script>\n.example", "sni", 1, ""});
    const std::string line = ecs_alert(hostile, AlertContext{"s", "sensor", 1}).dump();
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const json a = json::parse(line);
    EXPECT_EQ(a["destination"]["domain"], "evil\\x1b[31m<script>\\x0a.example");
}

TEST(AlertDispatcher, AlertsEachFindingOnceAndNeverAnAcceptedOne) {
    std::vector<Finding> findings = wechat_findings();
    ASSERT_GE(findings.size(), 3u);
    findings[0].suppressed_by = ExceptionRef{"EXC-1", "accepted", "ops", CalendarDate{}, "policy.yaml:3"};
    std::ostringstream lines;
    AlertDispatcher alerts("s", &lines, nullptr);
    EXPECT_EQ(alerts.raise_new(findings, 1), findings.size() - 1);
    EXPECT_EQ(alerts.raise_new(findings, 2), 0u);  // seen: nothing new
    std::vector<Finding> more = findings;
    more[1].bytes_sent += 1000;  // the same exposure, grown: still the same finding
    EXPECT_EQ(alerts.raise_new(more, 3), 0u);
    const std::string text = lines.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), static_cast<long>(findings.size() - 1));
    EXPECT_EQ(text.find(stable_finding_id(findings[0])), std::string::npos);
}

}  // namespace
}  // namespace sovscan::test
