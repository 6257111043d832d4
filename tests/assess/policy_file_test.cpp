// The policy file: defaults, every key, and a one-line "path:line: what" error for every kind of
// mistake an operator can make in it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "assess/policy_file.h"
#include "intel/catalog.h"
#include "intel/sha256.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

Policy parse(const std::string& yaml) { return parse_policy_file(yaml, "site.yaml"); }

// The error message for `yaml`, or a failure when it loads.
std::string error_of(const std::string& yaml) {
    try {
        parse(yaml);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "loaded without error:\n" << yaml;
    return "";
}

// Asserts the error starts with "site.yaml:<line>: " and contains `text`.
void expect_error(const std::string& yaml, int line, const std::string& text) {
    std::string e = error_of(yaml);
    std::string prefix = "site.yaml:" + std::to_string(line) + ": ";
    EXPECT_EQ(e.rfind(prefix, 0), 0u) << "expected line " << line << ", got: " << e;
    EXPECT_NE(e.find(text), std::string::npos) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << "not one line: " << e;
}

const char* kValidException =
    "    justification: accepted\n"
    "    owner: ops\n"
    "    expires: 2030-01-01\n";

TEST(PolicyFile, EmptyFileKeepsEveryDefault) {
    Policy d;
    for (const char* text : {"", "# only a comment\n"}) {
        Policy p = parse(text);
        EXPECT_EQ(p.high_risk_jurisdictions, d.high_risk_jurisdictions);
        EXPECT_EQ(p.admin_ports, d.admin_ports);
        EXPECT_EQ(p.severity, d.severity);
        EXPECT_EQ(p.fail_on, Severity::high);
        EXPECT_TRUE(p.home_networks.empty());
        EXPECT_TRUE(p.exceptions.empty());
    }
    EXPECT_EQ(d.high_risk_jurisdictions, (std::set<std::string>{"CN", "HK", "MO"}));
    EXPECT_EQ(d.severity_of(RuleId::policy_exception_expired), Severity::medium);
}

TEST(PolicyFile, KeysGivenReplaceDefaultsOthersStay) {
    Policy p = parse(
        "high_risk_jurisdictions: [ru, BY]\n"
        "home_networks: [198.51.100.0/24, '2001:db8::/32']\n"
        "admin_ports: {8443: HMI}\n"
        "severity: {sov-002: critical, SOV-006: low}\n"
        "fail_on: medium\n");
    EXPECT_EQ(p.high_risk_jurisdictions, (std::set<std::string>{"RU", "BY"}));
    ASSERT_EQ(p.home_networks.size(), 2u);
    EXPECT_EQ(p.home_networks[0].to_string(), "198.51.100.0/24");
    EXPECT_TRUE(p.is_local(*IpAddress::parse("198.51.100.7")));
    EXPECT_TRUE(p.is_local(*IpAddress::parse("2001:db8::5")));
    EXPECT_EQ(p.admin_ports, (std::map<uint16_t, std::string>{{8443, "HMI"}}));  // replaced, not added
    EXPECT_EQ(p.severity_of(RuleId::egress_operator_high_risk), Severity::critical);
    EXPECT_EQ(p.severity_of(RuleId::policy_exception_expired), Severity::low);
    EXPECT_EQ(p.severity_of(RuleId::egress_located_high_risk), Severity::high);  // not named: default
    EXPECT_EQ(p.fail_on, Severity::medium);
    EXPECT_EQ(parse("admin_ports: {}\n").admin_ports.size(), 0u);
}

TEST(PolicyFile, ExceptionFieldsAndDefaultIds) {
    Policy p = parse(std::string("exceptions:\n"
                                 "  - asset: 10.0.0.0/8\n") +
                     kValidException +
                     "  - id: CHG-7\n"
                     "    asset: 44-47-CC-12-34-56\n"
                     "    counterpart: 47.96.1.10\n"
                     "    domain: Hik-Connect.COM.\n"
                     "    vendor: hikvision\n"
                     "    rule: sov-005\n"
                     "    justification: |\n"
                     "      two\n"
                     "      lines\n"
                     "    owner: J. Novák\n"
                     "    expires: 2026-12-31\n"
                     "  - rule: SOV-001\n" +
                     kValidException);
    ASSERT_EQ(p.exceptions.size(), 3u);
    EXPECT_EQ(p.exceptions[0].ref().id, "EXC-1");
    EXPECT_EQ(p.exceptions[0].ref().defined_at, "site.yaml:2");
    EXPECT_EQ(p.exceptions[0].match().asset_network->to_string(), "10.0.0.0/8");
    EXPECT_EQ(p.exceptions[2].ref().id, "EXC-3");  // by position, whatever ids the others have

    const PolicyException& e = p.exceptions[1];
    EXPECT_EQ(e.ref().id, "CHG-7");
    EXPECT_EQ(e.ref().defined_at, "site.yaml:6");
    EXPECT_EQ(e.match().asset_mac->to_string(), "44:47:cc:12:34:56");
    EXPECT_FALSE(e.match().asset_network);
    EXPECT_EQ(e.match().counterpart->to_string(), "47.96.1.10/32");
    EXPECT_EQ(e.match().domain, "hik-connect.com");
    EXPECT_EQ(e.match().vendor, "hikvision");
    EXPECT_EQ(e.match().rule, RuleId::device_high_risk_vendor);
    EXPECT_EQ(e.ref().justification, "two\nlines");  // the block's final line break dropped
    EXPECT_EQ(e.ref().owner, "J. Novák");
    EXPECT_EQ(e.ref().expires, CalendarDate(2026, 12, 31));
}

TEST(PolicyFile, FileIsNamedWithItsSha256) {
    auto path = std::filesystem::temp_directory_path() / ("sovscan-policy-" + std::to_string(getpid()) + ".yaml");
    const std::string text = "fail_on: low\n";
    std::ofstream(path) << text;
    Policy p = load_policy_file(path.string());
    std::filesystem::remove(path);
    EXPECT_EQ(p.fail_on, Severity::low);
    EXPECT_EQ(p.file_path, path.string());
    Sha256 sha;
    sha.update(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    EXPECT_EQ(p.file_sha256, Sha256::hex(sha.finish()));
    EXPECT_TRUE(Policy().file_path.empty());
}

TEST(PolicyFile, UnreadableFileNamesIt) {
    try {
        load_policy_file("/nonexistent/policy.yaml");
        ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "/nonexistent/policy.yaml: cannot read policy file: No such file or directory");
    }
}

TEST(PolicyFile, YamlSyntaxErrorHasItsLine) {
    expect_error("fail_on: high\nseverity: {SOV-001: high\nexceptions: []\n", 3, "YAML syntax error");
    expect_error("fail_on: high\nseverity:\n  SOV-001: high\n SOV-002: low\n", 4, "YAML syntax error: end of map not found");
    expect_error("fail_on: high\n\tseverity: {}\n", 2, "YAML syntax error: illegal tab");
    expect_error("fail_on: high\nhome_networks: &nets [10.0.0.0/8]\nexceptions: *other\n", 3, "YAML syntax error");
}

TEST(PolicyFile, UnknownKeysNameTheAllowedOnes) {
    expect_error("fail_on: high\n\nfail-on: low\n", 3,
                 "unknown key 'fail-on'; allowed keys: high_risk_jurisdictions, home_networks, admin_ports, severity, "
                 "fail_on, exceptions, risk");
    expect_error(std::string("exceptions:\n  - rule: SOV-001\n") + kValidException + "    expiry: 2030-01-01\n", 6,
                 "exception EXC-1: unknown key 'expiry'; allowed keys: id, asset, counterpart, domain, vendor, rule, "
                 "justification, owner, expires");
    expect_error("fail_on: high\nfail_on: low\n", 2, "key 'fail_on' given twice (first on line 1)");
}

// Keys become part of the message's path ("risk: asset_values: <category>: ..."): a key with a
// terminal escape or an invalid byte is escaped like a value (fuzz_policy_yaml found it raw).
TEST(PolicyFile, KeysInTheMessagePathAreEscaped) {
    const std::string e =
        error_of("risk:\n  asset_values:\n    cam\xff\xfe: {c: 1, i: 2, b: 3}\n");
    EXPECT_EQ(e, "site.yaml:3: risk: asset_values: cam\\xff\\xfe: unknown key 'b'; allowed keys: c, i, a") << e;
    for (const char c : e) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << e;
}

TEST(PolicyFile, WrongTypes) {
    expect_error("high_risk_jurisdictions: CN\n", 1, "high_risk_jurisdictions: expected a list of ISO 3166-1 alpha-2");
    expect_error("fail_on: high\nhome_networks: {a: b}\n", 2, "home_networks: expected a list of CIDR prefixes such as [10.20.0.0/16], found a map");
    expect_error("admin_ports: [22]\n", 1, "admin_ports: expected a map of port number to label");
    expect_error("severity:\n  - SOV-001\n", 2, "severity: expected a map of rule id to severity");
    expect_error("fail_on: [high]\n", 1, "fail_on: expected a single value, found a list");
    expect_error("exceptions:\n  rule: SOV-001\n", 2, "exceptions: expected a list of exceptions");
    expect_error("exceptions:\n  - SOV-001\n", 2, "exception EXC-1: expected a map");
    expect_error("- CN\n", 1, "policy file: expected a map of policy keys");
    expect_error("fail_on:\n", 1, "fail_on: expected a single value, found nothing");
    // An empty value has no position of its own: the key's line is the one to fix.
    expect_error("fail_on:\n\n\nseverity: {}\n", 1, "fail_on: expected a single value, found nothing");
    expect_error(std::string("exceptions:\n  - rule: SOV-001\n    owner:\n    justification: x\n    expires: 2030-01-01\n"), 3,
                 "exception EXC-1: owner: expected a single value, found nothing");
}

TEST(PolicyFile, CountryCodesAreTwoLetters) {
    expect_error("high_risk_jurisdictions:\n  - CN\n  - CHN\n", 3, "'CHN' is not a 2-letter ISO 3166-1 alpha-2 country code");
    expect_error("high_risk_jurisdictions: [C1]\n", 1, "'C1' is not a 2-letter");
    expect_error("high_risk_jurisdictions: []\n", 1, "the list is empty");
}

TEST(PolicyFile, BadCidrPortsAndAddresses) {
    expect_error("home_networks:\n  - 10.0.0.0/8\n  - 10.0.0.0/33\n", 3, "'10.0.0.0/33' is not a CIDR prefix");
    expect_error("admin_ports:\n  22: SSH\n  70000: big\n", 3, "admin_ports: '70000' is not a port number (1-65535)");
    expect_error("admin_ports:\n  0: zero\n", 2, "'0' is not a port number");
    expect_error("admin_ports:\n  ssh: 22\n", 2, "'ssh' is not a port number");
    expect_error("admin_ports:\n  22: SSH\n  022: again\n", 3, "'022' is not a port number");
    expect_error("admin_ports:\n  22: ''\n", 2, "admin_ports: 22: is empty");
    expect_error(std::string("exceptions:\n  - asset: 10.0.0.300\n") + kValidException, 2,
                 "exception EXC-1: asset: '10.0.0.300' is neither an IP address, a CIDR prefix nor a MAC address");
    expect_error(std::string("exceptions:\n  - counterpart: 44:47:cc:12:34:56\n") + kValidException, 2,
                 "counterpart: '44:47:cc:12:34:56' is not an IP address or CIDR prefix");
    expect_error(std::string("exceptions:\n  - domain: '*.hik-connect.com'\n") + kValidException, 2,
                 "domain: '*.hik-connect.com' is not a domain name");
    expect_error(std::string("exceptions:\n  - vendor: Hikvision\n") + kValidException, 2,
                 "vendor: 'Hikvision' is not a catalog vendor id");
}

TEST(PolicyFile, UnknownRulesAndSeverities) {
    expect_error("severity:\n  SOV-001: high\n  SOV-099: low\n", 3,
                 "severity: unknown rule 'SOV-099'; known rules: SOV-001, SOV-002, SOV-003, SOV-004, SOV-005, SOV-006");
    expect_error("severity:\n  SOV-001: urgent\n", 2, "severity: SOV-001: 'urgent' is not one of info, low, medium, high, critical");
    expect_error("severity:\n  SOV-001: high\n  sov-001: low\n", 3, "rule SOV-001 given twice");
    expect_error("fail_on: always\n", 1, "fail_on: 'always' is not one of info, low, medium, high, critical, never");
    // A severity (in a rule's severity map) is never "never": that is only a threshold.
    expect_error("severity:\n  SOV-001: never\n", 2, "severity: SOV-001: 'never' is not one of info, low, medium, high, critical");
    expect_error(std::string("exceptions:\n  - rule: SOV-7\n") + kValidException, 2, "rule: unknown rule 'SOV-7'");
    expect_error(std::string("exceptions:\n  - rule: SOV-006\n") + kValidException, 2, "SOV-006 cannot be excepted");
}

TEST(PolicyFile, FailOnIsASeverityOrNever) {
    EXPECT_FALSE(parse("").fail_never);
    EXPECT_STREQ(parse("").fail_on_label(), "high");
    Policy p = parse("fail_on: never\n");
    EXPECT_TRUE(p.fail_never);
    EXPECT_STREQ(p.fail_on_label(), "never");
    EXPECT_FALSE(p.fails_with(3));
    p = parse("fail_on: medium\n");
    EXPECT_FALSE(p.fail_never);
    EXPECT_EQ(p.fail_on, Severity::medium);
    EXPECT_TRUE(p.fails_with(1));
    EXPECT_FALSE(p.fails_with(0));
}

TEST(PolicyFile, BadDates) {
    for (const char* date : {"2026-02-30", "2026-1-5", "2026-13-01", "31.12.2026", "2026-12-31T00:00"}) {
        expect_error(std::string("exceptions:\n  - rule: SOV-001\n    justification: x\n    owner: y\n    expires: ") + date +
                         "\n",
                     5, std::string("exception EXC-1: expires: '") + date + "' is not a date YYYY-MM-DD");
    }
    EXPECT_EQ(parse("exceptions:\n  - {rule: SOV-001, justification: x, owner: y, expires: 2028-02-29}\n")
                  .exceptions[0].ref().expires,
              CalendarDate(2028, 2, 29));  // a leap day
}

TEST(PolicyFile, ExceptionsNeedCriteriaAndTheirMandatoryFields) {
    const std::string head = "fail_on: high\nexceptions:\n  - rule: SOV-001\n";
    expect_error(head + "    owner: ops\n    expires: 2030-01-01\n", 3, "exception EXC-1: missing 'justification'");
    expect_error(head + "    justification: x\n    expires: 2030-01-01\n", 3, "exception EXC-1: missing 'owner'");
    expect_error(head + "    justification: x\n    owner: ops\n", 3, "exception EXC-1: missing 'expires'");
    expect_error("exceptions:\n  - id: CHG-1\n    justification: x\n    owner: ops\n    expires: 2030-01-01\n", 2,
                 "exception CHG-1: nothing to match; give at least one of asset, counterpart, domain, vendor, rule");
    expect_error(head + "    justification: x\n    owner: \"ops\\e[31m\"\n    expires: 2030-01-01\n", 5,
                 "exception EXC-1: owner: 'ops\\x1b[31m' contains a control character");
    expect_error(head + "    justification: x\n    owner: ''\n    expires: 2030-01-01\n", 5, "owner: is empty");
}

TEST(PolicyFile, ExceptionIdsAreUniqueAndPlain) {
    expect_error(std::string("exceptions:\n  - rule: SOV-001\n") + kValidException + "  - id: EXC-1\n    rule: SOV-002\n" +
                     kValidException,
                 6, "exception 'EXC-1': id already used by the exception on line 2");
    expect_error(std::string("exceptions:\n  - id: 'a b'\n    rule: SOV-001\n") + kValidException, 2,
                 "id 'a b' must be letters, digits");
}

TEST(PolicyFile, TheExampleLoadsAndKeepsTheDefaultAdminPorts) {
    const std::string path = source_dir() + "/docs/examples/policy.yaml";
    Policy p = load_policy_file(path);
    EXPECT_EQ(p.file_path, path);
    EXPECT_EQ(p.file_sha256.size(), 64u);
    EXPECT_EQ(p.high_risk_jurisdictions, (std::set<std::string>{"CN", "HK", "MO"}));
    EXPECT_FALSE(p.home_networks.empty());
    EXPECT_FALSE(p.exceptions.empty());
    // The example says its admin_ports are the defaults plus the site's own: keep that true.
    for (const auto& [port, label] : Policy().admin_ports) {
        auto it = p.admin_ports.find(port);
        ASSERT_NE(it, p.admin_ports.end()) << "default admin port " << port << " missing from the example";
        EXPECT_EQ(it->second, label);
    }
    EXPECT_GT(p.admin_ports.size(), Policy().admin_ports.size());
    // Every vendor id it uses is in the project's catalog (the scan refuses unknown ones).
    std::vector<std::string> problems;
    auto catalog = Catalog::load(source_dir() + "/data", problems);
    ASSERT_TRUE(catalog) << (problems.empty() ? "" : problems[0]);
    for (const PolicyException& e : p.exceptions) {
        if (!e.match().vendor.empty()) {
            EXPECT_TRUE(catalog->vendor(e.match().vendor)) << e.match().vendor;
        }
    }
}

TEST(CalendarDate, ParsesOnlyRealDatesAndOrders) {
    EXPECT_EQ(CalendarDate::parse("2026-11-23")->to_string(), "2026-11-23");
    EXPECT_FALSE(CalendarDate::parse("2027-02-29"));
    EXPECT_FALSE(CalendarDate::parse("2026-00-10"));
    EXPECT_FALSE(CalendarDate::parse(" 2026-11-23"));
    EXPECT_LT(*CalendarDate::parse("2026-11-23"), *CalendarDate::parse("2026-11-24"));
    EXPECT_LT(*CalendarDate::parse("2025-12-31"), *CalendarDate::parse("2026-01-01"));
    EXPECT_EQ(CalendarDate::utc_day_of(0).to_string(), "1970-01-01");
    EXPECT_EQ(CalendarDate::utc_day_of(1795478399).to_string(), "2026-11-23");  // 23:59:59 UTC
    EXPECT_EQ(CalendarDate::utc_day_of(1795478400).to_string(), "2026-11-24");
}

}  // namespace
}  // namespace sovscan::test
