// `sovscan scan --policy FILE` as a user runs it, on the project's sample capture: one-line errors
// with file and line, exceptions that keep findings but take them out of the exit code and the
// table, expired exceptions reported as SOV-006, and command-line options over the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

class PolicyCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("sovscan-policy-cli-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
        // The sample: SOV-001 to 47.96.1.10 and 129.226.107.77, SOV-002 to 8.209.76.12, SOV-003
        // (critical) from 218.94.1.1, SOV-004 to 114.114.114.114, three SOV-005 devices.
        sample_ = path("sample.pcapng");
        const std::string tool = std::filesystem::path(sovscan_binary()).parent_path().string() + "/sovscan-sample-capture";
        ASSERT_EQ(std::system((tool + " " + sample_).c_str()), 0);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::string write_policy(const std::string& yaml) {
        std::string p = path("policy" + std::to_string(policies_++) + ".yaml");
        std::ofstream(p) << yaml;
        return p;
    }
    CliResult scan(const std::string& args) { return run_sovscan("scan " + sample_ + " --no-progress " + args); }
    nlohmann::json scan_json(const std::string& args, int expected_exit) {
        CliResult r = scan(args + " --format json");
        EXPECT_EQ(r.exit_code, expected_exit) << r.err;
        return nlohmann::json::parse(r.out);
    }

    std::filesystem::path dir_;
    std::string sample_;
    int policies_ = 0;
};

const nlohmann::json* finding_to(const nlohmann::json& report, const std::string& counterpart) {
    for (const auto& f : report["findings"])
        if (f.contains("counterpart") && f["counterpart"]["ip"] == counterpart) return &f;
    return nullptr;
}

const char* kSuppressHighAndAbove =
    "exceptions:\n"
    "  - id: ACCEPT-EGRESS\n"
    "    rule: SOV-001\n"
    "    justification: vendor clouds under contract\n"
    "    owner: ops@example.cz\n"
    "    expires: 2999-12-31\n"
    "  - rule: SOV-003\n"
    "    asset: 10.20.4.40\n"
    "    justification: supplier maintenance via the jump host\n"
    "    owner: ot-security@example.cz\n"
    "    expires: 2999-12-31\n"
    "  - counterpart: 114.114.114.114\n"
    "    justification: test resolver\n"
    "    owner: netops@example.cz\n"
    "    expires: 2999-12-31\n";

TEST_F(PolicyCli, WithoutPolicyEveryFindingSaysNotSuppressed) {
    auto j = scan_json("", 1);
    EXPECT_EQ(j["schema_version"], "1.9");
    EXPECT_TRUE(j["policy"]["file"].is_null());
    EXPECT_EQ(j["summary"]["findings_suppressed"], 0);
    ASSERT_EQ(j["findings"].size(), 8u);
    for (const auto& f : j["findings"]) {
        ASSERT_TRUE(f.contains("suppressed")) << f.dump();
        EXPECT_TRUE(f["suppressed"].is_null());
    }
}

TEST_F(PolicyCli, SuppressedFindingsStayInTheReportButNotInTheExitCode) {
    std::string policy = write_policy(kSuppressHighAndAbove);
    auto j = scan_json("--policy " + policy, 0);  // only medium findings remain: below --fail-on high
    ASSERT_EQ(j["findings"].size(), 8u);          // nothing removed
    EXPECT_EQ(j["summary"]["findings_suppressed"], 4);
    EXPECT_EQ(j["summary"]["unsuppressed_by_severity"]["critical"], 0);
    EXPECT_EQ(j["summary"]["unsuppressed_by_severity"]["high"], 0);
    EXPECT_EQ(j["summary"]["findings_by_severity"]["critical"], 1);

    const auto* hik = finding_to(j, "47.96.1.10");
    ASSERT_TRUE(hik);
    EXPECT_EQ((*hik)["suppressed"]["exception"], "ACCEPT-EGRESS");
    EXPECT_EQ((*hik)["suppressed"]["justification"], "vendor clouds under contract");
    EXPECT_EQ((*hik)["suppressed"]["owner"], "ops@example.cz");
    EXPECT_EQ((*hik)["suppressed"]["expires"], "2999-12-31");
    EXPECT_EQ((*finding_to(j, "218.94.1.1"))["suppressed"]["exception"], "EXC-2");
    EXPECT_EQ((*finding_to(j, "114.114.114.114"))["suppressed"]["exception"], "EXC-3");
    EXPECT_TRUE((*finding_to(j, "8.209.76.12"))["suppressed"].is_null());

    EXPECT_EQ(j["policy"]["file"]["path"], policy);
    EXPECT_EQ(j["policy"]["file"]["sha256"].get<std::string>().size(), 64u);
    ASSERT_EQ(j["policy"]["exceptions"].size(), 3u);
    EXPECT_EQ(j["policy"]["exceptions"][0]["suppressed_findings"], 2);  // both SOV-001
    EXPECT_EQ(j["policy"]["exceptions"][0]["expired"], false);

    CliResult table = scan("--policy " + policy + " --color never");
    EXPECT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("4 findings suppressed by policy exceptions (see JSON)"), std::string::npos) << table.out;
    EXPECT_EQ(table.out.find("47.96.1.10"), std::string::npos) << "suppressed finding in the table:\n" << table.out;
    EXPECT_NE(table.out.find("8.209.76.12"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("4 finding(s): 3 medium, 1 low"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("policy: " + policy), std::string::npos) << table.out;

    CliResult csv = scan("--policy " + policy + " --format csv");
    EXPECT_NE(csv.out.find(",summary,suppressed_by,proxies,name_dns_basis,designations,report_partial,report_counterparts_folded\r\n"), std::string::npos) << csv.out;
    size_t row = csv.out.find(",47.96.1.10,");
    ASSERT_NE(row, std::string::npos);
    const std::string line = csv.out.substr(row, csv.out.find("\r\n", row) - row);
    // suppressed_by, then no proxies, no name_dns_basis (the finding's name is an SNI), designations
    EXPECT_NE(line.find(",ACCEPT-EGRESS,,,"), std::string::npos) << line;
}

TEST_F(PolicyCli, ExpiredExceptionSuppressesNothingAndIsSov006) {
    std::string policy = write_policy(
        "fail_on: high\n"
        "exceptions:\n"
        "  - id: OLD-1\n"
        "    counterpart: 47.96.1.10\n"
        "    justification: old contract\n"
        "    owner: former-ops@example.cz\n"
        "    expires: 2000-01-01\n");
    auto j = scan_json("--policy " + policy, 1);
    ASSERT_EQ(j["findings"].size(), 9u);
    EXPECT_TRUE((*finding_to(j, "47.96.1.10"))["suppressed"].is_null());
    const nlohmann::json* expired = nullptr;
    for (const auto& f : j["findings"])
        if (f["rule_id"] == "SOV-006") expired = &f;
    ASSERT_TRUE(expired);
    EXPECT_EQ((*expired)["rule"], "policy-exception-expired");
    EXPECT_EQ((*expired)["severity"], "medium");
    EXPECT_FALSE(expired->contains("counterpart"));
    EXPECT_EQ((*expired)["exception"]["id"], "OLD-1");
    EXPECT_EQ((*expired)["exception"]["owner"], "former-ops@example.cz");
    const std::string summary = (*expired)["summary"];
    EXPECT_NE(summary.find("OLD-1"), std::string::npos) << summary;
    EXPECT_NE(summary.find("former-ops@example.cz"), std::string::npos) << summary;
    EXPECT_NE(summary.find("2000-01-01"), std::string::npos) << summary;
    EXPECT_EQ((*expired)["evidence"][0]["source"], policy + ":3");
    EXPECT_EQ((*expired)["evidence"][0]["version"], "sha256:" + j["policy"]["file"]["sha256"].get<std::string>());
    EXPECT_EQ(j["policy"]["exceptions"][0]["expired"], true);

    CliResult table = scan("--policy " + policy + " --color never");
    EXPECT_NE(table.out.find("SOV-006"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("exception OLD-1"), std::string::npos) << table.out;
    EXPECT_EQ(table.out.find("suppressed by policy exceptions"), std::string::npos) << table.out;
}

// The policy author's text reaches SOV-006's summary and the CSV. Control characters are refused
// when the policy is read; a bidi override passes that check, and must not reach a terminal or a
// spreadsheet unescaped. Letters stay, and the summary is escaped once.
TEST_F(PolicyCli, HostileExceptionTextIsEscapedInTheCsv) {
    const std::string with_escape = write_policy(
        "exceptions:\n"
        "  - {id: \"OLD\\x1b[31m-2\", counterpart: 47.96.1.10, justification: x, owner: y, expires: 2000-01-01}\n");
    CliResult refused = scan("--policy " + with_escape + " --format csv");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("contains a control character"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find('\x1b'), std::string::npos) << refused.err;

    const std::string policy = write_policy(
        "exceptions:\n"
        "  - id: OLD-2\n"
        "    counterpart: 47.96.1.10\n"
        "    justification: x\n"
        "    owner: \"Spr\u00e1vce \\u202egpj.exe\"\n"
        "    expires: 2000-01-01\n");
    CliResult csv = scan("--policy " + policy + " --format csv");
    ASSERT_EQ(csv.exit_code, 1) << csv.err;
    EXPECT_EQ(csv.out.find("\u202e"), std::string::npos) << "bidi override reached the CSV";
    EXPECT_NE(csv.out.find("policy exception OLD-2 (owner: Spr\u00e1vce \\xe2\\x80\\xaegpj.exe) expired"),
              std::string::npos)
        << csv.out;
    EXPECT_EQ(csv.out.find("x5c"), std::string::npos) << csv.out;
}

TEST_F(PolicyCli, DomainExceptionsMatchOnLabelBoundaries) {
    auto with_domain = [&](const std::string& domain) {
        std::string policy = write_policy("exceptions:\n  - {domain: " + domain +
                                          ", justification: x, owner: y, expires: 2999-12-31}\n");
        return scan_json("--policy " + policy, 1);
    };
    EXPECT_EQ((*finding_to(with_domain("hik-connect.com"), "47.96.1.10"))["suppressed"]["exception"], "EXC-1");
    EXPECT_TRUE((*finding_to(with_domain("connect.com"), "47.96.1.10"))["suppressed"].is_null());
}

TEST_F(PolicyCli, CommandLineOptionsOverrideTheFile) {
    std::string ru = write_policy("high_risk_jurisdictions: [RU]\n");
    EXPECT_EQ(scan_json("--policy " + ru, 0)["findings"].size(), 0u);
    EXPECT_EQ(scan("--policy " + ru + " -q --high-risk CN,HK,MO").exit_code, 1);

    // The file fails only on critical and suppresses the one critical finding...
    std::string lenient = write_policy(
        "fail_on: critical\n"
        "exceptions:\n"
        "  - {rule: SOV-003, justification: x, owner: y, expires: 2999-12-31}\n");
    EXPECT_EQ(scan("--policy " + lenient + " -q").exit_code, 0);
    EXPECT_EQ(scan("--policy " + lenient + " -q --fail-on high").exit_code, 1);  // ...the option wins

    // Severities from the file apply to the findings.
    std::string strict = write_policy("fail_on: critical\nseverity: {SOV-002: critical, SOV-003: low}\n");
    auto j = scan_json("--policy " + strict, 1);
    EXPECT_EQ((*finding_to(j, "8.209.76.12"))["severity"], "critical");
    EXPECT_EQ((*finding_to(j, "218.94.1.1"))["severity"], "medium");  // low, raised one level for SSH
}

// A report-only site (a dashboard's nightly scan) says so in its policy, as --fail-on never does
// on the command line; the report shows the threshold as "never". An option still wins.
TEST_F(PolicyCli, FailOnNeverInThePolicyFile) {
    std::string never = write_policy("fail_on: never\n");
    auto j = scan_json("--policy " + never, 0);
    EXPECT_FALSE(j["findings"].empty());
    EXPECT_EQ(j["policy"]["fail_on"], "never");
    EXPECT_EQ(scan("--policy " + never + " -q --fail-on high").exit_code, 1);
    EXPECT_EQ(scan_json("--fail-on never", 0)["policy"]["fail_on"], "never");
    EXPECT_EQ(scan_json("", 1)["policy"]["fail_on"], "high");

    std::string bad = write_policy("fail_on: sometimes\n");
    CliResult r = scan("--policy " + bad);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: " + bad + ":1: fail_on: 'sometimes' is not one of info, low, medium, high, critical, never\n");
}

TEST_F(PolicyCli, BadPolicyFileIsAOneLineErrorWithFileAndLine) {
    std::string policy = write_policy("fail_on: high\nseverity:\n  SOV-001: urgent\n");
    CliResult r = scan("--policy " + policy);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: " + policy +
                         ":3: severity: SOV-001: 'urgent' is not one of info, low, medium, high, critical\n");
    EXPECT_TRUE(r.out.empty()) << r.out;

    r = scan("--policy " + path("missing.yaml"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "sovscan: error: " + path("missing.yaml") + ": cannot read policy file: No such file or directory\n");

    // A vendor the catalog does not know would never match: refused, with its line.
    policy = write_policy("fail_on: high\nexceptions:\n  - {vendor: no-such-vendor, justification: x, owner: y, "
                          "expires: 2999-12-31}\n");
    r = scan("--policy " + policy);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan: error: " + policy +
                         ":3: exception EXC-1: vendor 'no-such-vendor' is not in the catalog"),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace sovscan::test
