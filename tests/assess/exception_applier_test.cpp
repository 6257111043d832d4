// Applying exceptions to a scan's findings: covered findings are kept and marked, expired
// exceptions suppress nothing and are reported as SOV-006, against a date the test chooses.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/exception_applier.h"
#include "assess/policy_file.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

Finding egress(const char* asset, const char* counterpart, Severity severity = Severity::high) {
    Finding f;
    f.rule = RuleId::egress_located_high_risk;
    f.severity = severity;
    f.asset.ip = *IpAddress::parse(asset);
    f.asset.has_ip = true;
    f.counterpart.edit().ip = *IpAddress::parse(counterpart);
    f.summary = std::string(asset) + " -> " + counterpart;
    return f;
}

const Finding* find_rule(const std::vector<Finding>& v, RuleId rule) {
    auto it = std::find_if(v.begin(), v.end(), [rule](const Finding& f) { return f.rule == rule; });
    return it == v.end() ? nullptr : &*it;
}

const Finding* find_counterpart(const std::vector<Finding>& v, const char* ip) {
    auto it = std::find_if(v.begin(), v.end(), [ip](const Finding& f) {
        return f.rule != RuleId::policy_exception_expired && f.counterpart->ip == *IpAddress::parse(ip);
    });
    return it == v.end() ? nullptr : &*it;
}

const char* kPolicy =
    "exceptions:\n"
    "  - id: CHG-1\n"
    "    counterpart: 47.96.1.10\n"
    "    justification: vendor cloud, contract until the camera swap\n"
    "    owner: ops@example.cz\n"
    "    expires: 2026-11-30\n";

TEST(ExceptionApplier, CoveredFindingIsKeptAndMarked) {
    Policy policy = parse_policy_file(kPolicy, "site.yaml");
    std::vector<Finding> findings = {egress("10.0.0.5", "47.96.1.10"), egress("10.0.0.5", "129.226.107.77")};
    ExceptionApplier(policy, CalendarDate(2026, 11, 23)).apply(findings);
    ASSERT_EQ(findings.size(), 2u);  // nothing removed, nothing added
    const Finding* covered = find_counterpart(findings, "47.96.1.10");
    ASSERT_TRUE(covered && covered->suppressed());
    EXPECT_EQ(covered->suppressed_by->id, "CHG-1");
    EXPECT_EQ(covered->suppressed_by->owner, "ops@example.cz");
    EXPECT_EQ(covered->suppressed_by->justification, "vendor cloud, contract until the camera swap");
    EXPECT_EQ(covered->suppressed_by->expires, CalendarDate(2026, 11, 30));
    EXPECT_EQ(covered->suppressed_by->defined_at, "site.yaml:2");
    EXPECT_FALSE(find_counterpart(findings, "129.226.107.77")->suppressed());
}

TEST(ExceptionApplier, ValidOnItsExpiryDayExpiredTheDayAfter) {
    Policy policy = parse_policy_file(kPolicy, "site.yaml");
    std::vector<Finding> on_the_day = {egress("10.0.0.5", "47.96.1.10")};
    ExceptionApplier(policy, CalendarDate(2026, 11, 30)).apply(on_the_day);
    EXPECT_EQ(on_the_day.size(), 1u);
    EXPECT_TRUE(on_the_day[0].suppressed());

    std::vector<Finding> after = {egress("10.0.0.5", "47.96.1.10")};
    ExceptionApplier(policy, CalendarDate(2026, 12, 1)).apply(after);
    ASSERT_EQ(after.size(), 2u);
    EXPECT_FALSE(find_counterpart(after, "47.96.1.10")->suppressed());
}

TEST(ExceptionApplier, ExpiredExceptionIsReportedAsSov006) {
    Policy policy = parse_policy_file(std::string(kPolicy) + "severity: {SOV-006: low}\n", "site.yaml");
    policy.file_sha256 = "ab12";
    std::vector<Finding> findings = {egress("10.0.0.5", "47.96.1.10")};
    ExceptionApplier(policy, CalendarDate(2027, 1, 15)).apply(findings);
    const Finding* expired = find_rule(findings, RuleId::policy_exception_expired);
    ASSERT_TRUE(expired);
    EXPECT_EQ(rule_info(expired->rule).code, "SOV-006");
    EXPECT_EQ(expired->severity, Severity::low);  // the policy's severity for SOV-006
    EXPECT_FALSE(expired->suppressed());
    EXPECT_NE(expired->summary.find("CHG-1"), std::string::npos) << expired->summary;
    EXPECT_NE(expired->summary.find("ops@example.cz"), std::string::npos) << expired->summary;
    EXPECT_NE(expired->summary.find("2026-11-30"), std::string::npos) << expired->summary;
    ASSERT_TRUE(expired->about_exception);
    EXPECT_EQ(expired->about_exception->id, "CHG-1");
    ASSERT_FALSE(expired->evidence.empty());
    EXPECT_EQ(expired->evidence[0].source, "site.yaml:2");  // the file and line to fix
    EXPECT_EQ(expired->evidence[0].version, "sha256:ab12");
    EXPECT_NE(expired->evidence[0].fact.find("2027-01-15"), std::string::npos);
    EXPECT_NE(expired->evidence[1].fact.find("1 finding(s)"), std::string::npos) << expired->evidence[1].fact;
}

TEST(ExceptionApplier, ExpiredExceptionWithoutMatchesIsStillReported) {
    Policy policy = parse_policy_file(kPolicy, "site.yaml");
    std::vector<Finding> findings;
    ExceptionApplier(policy, CalendarDate(2027, 1, 1)).apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].rule, RuleId::policy_exception_expired);
    EXPECT_NE(findings[0].evidence[1].fact.find("0 finding(s)"), std::string::npos);
}

TEST(ExceptionApplier, FirstValidExceptionInFileOrderWins) {
    Policy policy = parse_policy_file(
        "exceptions:\n"
        "  - {id: OLD, counterpart: 47.96.0.0/16, justification: a, owner: x, expires: 2020-01-01}\n"
        "  - {id: WIDE, rule: SOV-001, justification: b, owner: y, expires: 2030-01-01}\n"
        "  - {id: NARROW, counterpart: 47.96.1.10, justification: c, owner: z, expires: 2030-01-01}\n",
        "site.yaml");
    std::vector<Finding> findings = {egress("10.0.0.5", "47.96.1.10")};
    ExceptionApplier(policy, CalendarDate(2026, 11, 23)).apply(findings);
    const Finding* f = find_counterpart(findings, "47.96.1.10");
    ASSERT_TRUE(f && f->suppressed());
    EXPECT_EQ(f->suppressed_by->id, "WIDE");  // OLD has expired; WIDE comes before NARROW
    ASSERT_TRUE(find_rule(findings, RuleId::policy_exception_expired));
    EXPECT_EQ(find_rule(findings, RuleId::policy_exception_expired)->about_exception->id, "OLD");
}

TEST(ExceptionApplier, ReportOrderIsRestored) {
    Policy policy = parse_policy_file(kPolicy, "site.yaml");
    std::vector<Finding> findings = {egress("10.0.0.5", "47.96.1.10", Severity::critical),
                                     egress("10.0.0.6", "47.96.1.11", Severity::low)};
    ExceptionApplier(policy, CalendarDate(2027, 1, 1)).apply(findings);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].severity, Severity::critical);
    EXPECT_EQ(findings[1].rule, RuleId::policy_exception_expired);  // medium, between the two
    EXPECT_EQ(findings[2].severity, Severity::low);
}

TEST(ExceptionApplier, NoExceptionsChangeNothing) {
    std::vector<Finding> findings = {egress("10.0.0.5", "47.96.1.10")};
    ExceptionApplier(Policy(), CalendarDate(2026, 11, 23)).apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_FALSE(findings[0].suppressed());
}

TEST(ExceptionApplier, TheExampleOnItsOwnTerms) {
    // docs/examples/policy.yaml: the SOV-004 exception expired on 2026-06-30, the others run longer.
    Policy policy = load_policy_file(source_dir() + "/docs/examples/policy.yaml");
    std::vector<Finding> findings;
    ExceptionApplier(policy, CalendarDate(2026, 11, 23)).apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].about_exception->id, "EXC-3");
}

}  // namespace
}  // namespace sovscan::test
