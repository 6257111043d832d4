#include "assess/policy_file.h"
#include "common/atomic_file.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>

#include "risk/catalog.h"
#include "common/escape.h"
#include "intel/domain_matcher.h"
#include "intel/sha256.h"

namespace sovscan {

namespace {

using YAML::Node;
using YAML::NodeType;

const char* kind_of(const Node& n) {
    switch (n.Type()) {
        case NodeType::Map: return "a map";
        case NodeType::Sequence: return "a list";
        case NodeType::Scalar: return "a single value";
        default: return "nothing";
    }
}

std::string quote_value(std::string_view s) { return "'" + printable(s) + "'"; }

std::string known_rule_codes() {
    std::vector<std::string_view> codes;
    for (const RuleInfo& r : all_rules()) codes.push_back(r.code);
    return fmt::format("{}", fmt::join(codes, ", "));
}

// Operator-chosen ids appear in reports, terminals and SIEM searches: keep them to a plain alphabet.
bool is_exception_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':' || c == '/';
    });
}

// Catalog vendor ids are lower-case slugs (data/README.md).
bool is_vendor_slug(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Reads one policy file. Each method checks one key and throws on the first problem, with the
// line of the node at fault.
class PolicyFileReader {
public:
    explicit PolicyFileReader(std::string path) : path_(std::move(path)) {}

    Policy read(std::string_view text);

private:
    using KeyReader = void (PolicyFileReader::*)(const Node& value, Policy& policy);
    struct Key {
        std::string_view name;
        KeyReader read;
    };
    static const Key kKeys[];
    static const std::string_view kExceptionKeys[];

    [[noreturn]] void fail(const Node& at, const std::string& what) const;
    // "<file>:<line>" of a node, kept with what it defines and shown in reports. Made readable
    // here, once: each writer adds only its own format's escaping (readable_again).
    std::string location(const Node& at) const { return fmt::format("{}:{}", readable_text(path_), at.Mark().line + 1); }
    // A map's entries in file order; every key a single value, none given twice.
    std::vector<std::pair<Node, Node>> entries(const Node& map, std::string_view what) const;
    void expect(const Node& n, NodeType::value type, std::string_view what, std::string_view expected) const;
    // A non-empty single value without control characters (a line break only when `multi_line`).
    std::string text(const Node& n, std::string_view what, bool multi_line = false) const;

    void read_high_risk(const Node& value, Policy& policy);
    void read_home_networks(const Node& value, Policy& policy);
    void read_admin_ports(const Node& value, Policy& policy);
    void read_severity(const Node& value, Policy& policy);
    void read_fail_on(const Node& value, Policy& policy);
    void read_exceptions(const Node& value, Policy& policy);
    void read_risk(const Node& value, Policy& policy);
    void read_document(const Node& value, Policy& policy);
    void read_primary_assets(const Node& value, Policy& policy);
    void read_store(const Node& value, Policy& policy);
    void read_risk_evidence(const Node& value, RiskSettings& risk);
    CiaValues read_cia(const Node& value, const std::string& what);
    // The `risk:` section's parts (docs/policy.md, "Risk register").
    void read_risk_cutoffs(const Node& value, RiskSettings& risk);
    void read_risk_asset_values(const Node& value, RiskSettings& risk);
    void read_risk_threat_levels(const Node& value, RiskSettings& risk);
    void read_risk_deadline_days(const Node& value, RiskSettings& risk);
    void read_risk_measures(const Node& value, RiskSettings& risk);
    int level_1_to_4(const Node& n, const std::string& what) const;
    long long whole_number(const Node& n, const std::string& what, long long min, long long max) const;
    PolicyException read_exception(const Node& node, size_t position) const;
    void read_match_field(std::string_view key, const Node& value, const std::string& what, ExceptionMatch& m) const;

    std::string path_;
    // Line of the key being read: where an error about its empty value points. Error context only.
    mutable int key_line_ = 1;
};

const PolicyFileReader::Key PolicyFileReader::kKeys[] = {
    {"high_risk_jurisdictions", &PolicyFileReader::read_high_risk},
    {"home_networks", &PolicyFileReader::read_home_networks},
    {"admin_ports", &PolicyFileReader::read_admin_ports},
    {"severity", &PolicyFileReader::read_severity},
    {"fail_on", &PolicyFileReader::read_fail_on},
    {"exceptions", &PolicyFileReader::read_exceptions},
    {"risk", &PolicyFileReader::read_risk},
    {"document", &PolicyFileReader::read_document},
    {"primary_assets", &PolicyFileReader::read_primary_assets},
    {"store", &PolicyFileReader::read_store},
};

const std::string_view PolicyFileReader::kExceptionKeys[] = {"id",     "asset", "counterpart",   "domain", "vendor",
                                                              "rule",   "justification", "owner", "expires"};

void PolicyFileReader::fail(const Node& at, const std::string& what) const {
    // An empty value's position is that of the next token, often a line further down.
    int line = at.IsNull() || at.Mark().is_null() ? key_line_ : at.Mark().line + 1;
    // Values are quoted with quote_value() where they are named, but a message also holds key paths
    // built from the file's own keys ("risk: asset_values: <category>"): made printable here, once.
    throw std::runtime_error(fmt::format("{}:{}: {}", printable(path_), line, printable_again(what)));
}

void PolicyFileReader::expect(const Node& n, NodeType::value type, std::string_view what,
                              std::string_view expected) const {
    if (n.Type() != type) fail(n, fmt::format("{}: expected {}, found {}", what, expected, kind_of(n)));
}

std::vector<std::pair<Node, Node>> PolicyFileReader::entries(const Node& map, std::string_view what) const {
    std::vector<std::pair<Node, Node>> out;
    std::map<std::string, int> seen;  // key -> line
    for (auto it = map.begin(); it != map.end(); ++it) {
        const Node key = it->first;  // by value: `it->` yields a temporary proxy (Nodes are handles)
        if (!key.IsScalar()) fail(key, fmt::format("{}: a key must be a single value, found {}", what, kind_of(key)));
        int line = key.Mark().line + 1;
        auto [at, fresh] = seen.emplace(key.Scalar(), line);
        if (!fresh)
            fail(key, fmt::format("{}: key {} given twice (first on line {})", what, quote_value(key.Scalar()), at->second));
        const Node value = it->second;
        out.emplace_back(key, value);
    }
    return out;
}

std::string PolicyFileReader::text(const Node& n, std::string_view what, bool multi_line) const {
    if (!n.IsScalar()) fail(n, fmt::format("{}: expected a single value, found {}", what, kind_of(n)));
    std::string s = n.Scalar();
    // Folded and literal YAML blocks end with a line break: not part of the text.
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    if (s.empty()) fail(n, fmt::format("{}: is empty", what));
    for (unsigned char c : s) {
        bool allowed = c >= 0x20 && c != 0x7f;
        if (multi_line && (c == '\n' || c == '\t')) allowed = true;
        // Escape sequences in a policy file would reach terminals through the reports.
        if (!allowed) fail(n, fmt::format("{}: {} contains a control character", what, quote_value(s)));
    }
    return s;
}

Policy PolicyFileReader::read(std::string_view source) {
    Node root;
    try {
        root = YAML::Load(std::string(source));
    } catch (const YAML::Exception& e) {
        if (e.mark.is_null()) throw std::runtime_error(fmt::format("{}: YAML syntax error: {}", printable(path_), printable(e.msg)));
        throw std::runtime_error(
            fmt::format("{}:{}: YAML syntax error: {}", printable(path_), e.mark.line + 1, printable(e.msg)));
    }
    Policy policy;
    if (root.IsNull()) return policy;  // an empty file: every default stands
    std::vector<std::string_view> allowed;
    for (const Key& k : kKeys) allowed.push_back(k.name);
    expect(root, NodeType::Map, "policy file", fmt::format("a map of policy keys ({})", fmt::join(allowed, ", ")));
    for (const auto& [key, value] : entries(root, "policy file")) {
        // A copy, not the structured binding: C++20 lambdas may not capture bindings (clang refuses).
        const std::string name = key.Scalar();
        const Key* k = std::find_if(std::begin(kKeys), std::end(kKeys), [&name](const Key& k) { return k.name == name; });
        if (k == std::end(kKeys))
            fail(key, fmt::format("unknown key {}; allowed keys: {}", quote_value(key.Scalar()), fmt::join(allowed, ", ")));
        key_line_ = key.Mark().line + 1;
        (this->*(k->read))(value, policy);
    }
    return policy;
}

void PolicyFileReader::read_high_risk(const Node& value, Policy& policy) {
    constexpr std::string_view what = "high_risk_jurisdictions";
    expect(value, NodeType::Sequence, what, "a list of ISO 3166-1 alpha-2 country codes such as [CN, HK, MO]");
    if (value.size() == 0) fail(value, fmt::format("{}: the list is empty: nothing would be high-risk", what));
    policy.high_risk_jurisdictions.clear();
    for (const Node& item : value) {
        std::string cc = text(item, what);
        if (cc.size() != 2 || !std::isalpha(static_cast<unsigned char>(cc[0])) || !std::isalpha(static_cast<unsigned char>(cc[1])))
            fail(item, fmt::format("{}: {} is not a 2-letter ISO 3166-1 alpha-2 country code", what, quote_value(cc)));
        for (char& c : cc) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        policy.high_risk_jurisdictions.insert(cc);
    }
}

void PolicyFileReader::read_home_networks(const Node& value, Policy& policy) {
    constexpr std::string_view what = "home_networks";
    expect(value, NodeType::Sequence, what, "a list of CIDR prefixes such as [10.20.0.0/16]");
    policy.home_networks.clear();
    for (const Node& item : value) {
        std::string s = text(item, what);
        auto cidr = Cidr::parse(s);
        if (!cidr) fail(item, fmt::format("{}: {} is not a CIDR prefix such as 10.20.0.0/16", what, quote_value(s)));
        policy.home_networks.push_back(*cidr);
    }
}

void PolicyFileReader::read_admin_ports(const Node& value, Policy& policy) {
    constexpr std::string_view what = "admin_ports";
    expect(value, NodeType::Map, what, "a map of port number to label such as {22: SSH}");
    policy.admin_ports.clear();  // the file's list replaces the defaults (docs/policy.md)
    for (const auto& [key, label] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string& s = key.Scalar();
        unsigned port = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), port);
        if (ec != std::errc() || end != s.data() + s.size() || port < 1 || port > 65535 || s[0] == '0')
            fail(key, fmt::format("{}: {} is not a port number (1-65535)", what, quote_value(s)));
        if (!policy.admin_ports.emplace(static_cast<uint16_t>(port), text(label, fmt::format("{}: {}", what, port))).second)
            fail(key, fmt::format("{}: port {} given twice", what, port));
    }
}

void PolicyFileReader::read_severity(const Node& value, Policy& policy) {
    constexpr std::string_view what = "severity";
    expect(value, NodeType::Map, what, "a map of rule id to severity such as {SOV-002: high}");
    std::set<RuleId> given;
    for (const auto& [key, level] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        auto rule = parse_rule_code(key.Scalar());
        if (!rule)
            fail(key, fmt::format("{}: unknown rule {}; known rules: {}", what, quote_value(key.Scalar()), known_rule_codes()));
        if (!given.insert(*rule).second) fail(key, fmt::format("{}: rule {} given twice", what, rule_info(*rule).code));
        std::string label = text(level, fmt::format("{}: {}", what, rule_info(*rule).code));
        auto severity = parse_severity(label);
        if (!severity)
            fail(level, fmt::format("{}: {}: {} is not one of info, low, medium, high, critical", what,
                                    rule_info(*rule).code, quote_value(label)));
        policy.severity[static_cast<size_t>(*rule)] = *severity;
    }
}

void PolicyFileReader::read_fail_on(const Node& value, Policy& policy) {
    std::string label = text(value, "fail_on");
    if (label == "never") {
        policy.fail_never = true;
        return;
    }
    auto severity = parse_severity(label);
    if (!severity)
        fail(value, fmt::format("fail_on: {} is not one of info, low, medium, high, critical, never", quote_value(label)));
    policy.fail_on = *severity;
    policy.fail_never = false;
}

void PolicyFileReader::read_exceptions(const Node& value, Policy& policy) {
    expect(value, NodeType::Sequence, "exceptions", "a list of exceptions (each a map)");
    std::map<std::string, int> line_of_id;
    policy.exceptions.clear();
    size_t position = 0;
    for (const Node& item : value) {
        PolicyException e = read_exception(item, ++position);
        auto [at, fresh] = line_of_id.emplace(e.ref().id, item.Mark().line + 1);
        if (!fresh)
            fail(item, fmt::format("exception {}: id already used by the exception on line {}", quote_value(e.ref().id), at->second));
        policy.exceptions.push_back(std::move(e));
    }
}

long long PolicyFileReader::whole_number(const Node& n, const std::string& what, long long min, long long max) const {
    const std::string s = text(n, what);
    long long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
        fail(n, fmt::format("{}: {} is not a whole number from {} to {}", what, quote_value(s), min, max));
    return v;
}

int PolicyFileReader::level_1_to_4(const Node& n, const std::string& what) const {
    return static_cast<int>(whole_number(n, what, 1, 4));
}

void PolicyFileReader::read_risk(const Node& value, Policy& policy) {
    static const std::string_view kRiskKeys[] = {"cutoffs", "asset_values", "threat_levels", "volume_bytes",
                                                 "deadline_days", "measures", "evidence"};
    expect(value, NodeType::Map, "risk", fmt::format("a map of risk keys ({})", fmt::join(kRiskKeys, ", ")));
    for (const auto& [key, item] : entries(value, "risk")) {
        const std::string& k = key.Scalar();
        key_line_ = key.Mark().line + 1;
        if (k == "cutoffs") read_risk_cutoffs(item, policy.risk);
        else if (k == "asset_values") read_risk_asset_values(item, policy.risk);
        else if (k == "threat_levels") read_risk_threat_levels(item, policy.risk);
        else if (k == "volume_bytes")
            policy.risk.volume_bytes = static_cast<uint64_t>(whole_number(item, "risk: volume_bytes", 1, 1LL << 60));
        else if (k == "deadline_days") read_risk_deadline_days(item, policy.risk);
        else if (k == "measures") read_risk_measures(item, policy.risk);
        else if (k == "evidence") read_risk_evidence(item, policy.risk);
        else fail(key, fmt::format("risk: unknown key {}; allowed keys: {}", quote_value(k), fmt::join(kRiskKeys, ", ")));
    }
}

void PolicyFileReader::read_risk_cutoffs(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: cutoffs";
    expect(value, NodeType::Map, what, "a map {medium: N, high: N, critical: N} of the lowest score of each level");
    RiskCutoffs c = risk.cutoffs;
    for (const auto& [key, item] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string& k = key.Scalar();
        const std::string field = fmt::format("{}: {}", what, k);
        int* slot = k == "medium" ? &c.medium : k == "high" ? &c.high : k == "critical" ? &c.critical : nullptr;
        if (!slot) fail(key, fmt::format("{}: unknown level {}; allowed: medium, high, critical", what, quote_value(k)));
        *slot = static_cast<int>(whole_number(item, field, 2, 64));
    }
    if (!c.valid())
        fail(value, fmt::format("{}: the levels must rise: medium ({}) < high ({}) < critical ({}) <= 64", what, c.medium,
                                c.high, c.critical));
    risk.cutoffs = c;
}

void PolicyFileReader::read_risk_asset_values(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: asset_values";
    expect(value, NodeType::Map, what, "a map of category to {c: 1-4, i: 1-4, a: 1-4} such as {camera: {c: 3, i: 2, a: 2}}");
    for (const auto& [key, item] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string category = category_key(text(key, std::string(what)));
        risk.asset_values[category] = read_cia(item, fmt::format("{}: {}", what, category));
    }
}

void PolicyFileReader::read_risk_threat_levels(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: threat_levels";
    expect(value, NodeType::Map, what, "a map of threat id to level 1-4 such as {NUKIB-2025-PRC: 3}");
    for (const auto& [key, level] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string id = text(key, std::string(what));
        risk.threat_levels[id] = level_1_to_4(level, fmt::format("{}: {}", what, printable(id)));
        risk.threat_levels_at[id] = location(key);
    }
}

void PolicyFileReader::read_risk_deadline_days(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: deadline_days";
    expect(value, NodeType::Map, what, "a map of risk level to days such as {critical: 30, high: 180}");
    risk.deadline_days.clear();
    for (const auto& [key, days] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        auto level = parse_risk_level(key.Scalar());
        if (!level)
            fail(key, fmt::format("{}: {} is not one of low, medium, high, critical", what, quote_value(key.Scalar())));
        risk.deadline_days[*level] = static_cast<int>(whole_number(days, fmt::format("{}: {}", what, key.Scalar()), 0, 3650));
    }
}

void PolicyFileReader::read_risk_measures(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: measures";
    expect(value, NodeType::Map, what, "a map of measure id to {status, note, owner, resources, deadline}");
    for (const auto& [key, item] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string id = text(key, std::string(what));
        const std::string field = fmt::format("{}: {}", what, printable(id));
        expect(item, NodeType::Map, field, "a map with status (applied, planned, not_applied) and note, owner, resources, deadline");
        MeasureDecision d;
        d.defined_at = location(key);
        for (const auto& [k, v] : entries(item, field)) {
            key_line_ = k.Mark().line + 1;
            const std::string& name = k.Scalar();
            const std::string sub = fmt::format("{}: {}", field, name);
            if (name == "status") {
                d.status = text(v, sub);
                if (d.status != "applied" && d.status != "planned" && d.status != "not_applied")
                    fail(v, fmt::format("{}: {} is not one of applied, planned, not_applied", sub, quote_value(d.status)));
            } else if (name == "note") d.note = text(v, sub, true);
            else if (name == "owner") d.owner = text(v, sub);
            else if (name == "resources") d.resources = text(v, sub, true);
            else if (name == "deadline") {
                const std::string s = text(v, sub);
                d.deadline = CalendarDate::parse(s);
                if (!d.deadline) fail(v, fmt::format("{}: {} is not a date YYYY-MM-DD", sub, quote_value(s)));
            } else if (name == "deadline_days") {
                d.deadline_days = static_cast<int>(whole_number(v, sub, 0, 3650));
            } else {
                fail(k, fmt::format("{}: unknown key {}; allowed keys: status, note, owner, resources, deadline, "
                                    "deadline_days",
                                    field, quote_value(name)));
            }
        }
        key_line_ = key.Mark().line + 1;
        if (d.status.empty()) fail(item, field + ": missing 'status' (applied, planned or not_applied)");
        // The statement of applicability must say why a measure is not applied (§ 8).
        if (d.status == "not_applied" && d.note.empty()) fail(item, field + ": missing 'note' (why it is not applied)");
        risk.measures[id] = std::move(d);
    }
}

void PolicyFileReader::read_risk_evidence(const Node& value, RiskSettings& risk) {
    constexpr std::string_view what = "risk: evidence";
    expect(value, NodeType::Map, what, "a map {min_hours: N, max_age_days: N}");
    for (const auto& [key, item] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string& k = key.Scalar();
        const std::string field = fmt::format("{}: {}", what, k);
        if (k == "min_hours") risk.evidence.min_hours = static_cast<int>(whole_number(item, field, 0, 24 * 3650));
        else if (k == "max_age_days") risk.evidence.max_age_days = static_cast<int>(whole_number(item, field, 0, 3650));
        else fail(key, fmt::format("{}: unknown key {}; allowed keys: min_hours, max_age_days", what, quote_value(k)));
    }
}

void PolicyFileReader::read_document(const Node& value, Policy& policy) {
    constexpr std::string_view what = "document";
    static const std::string_view kKeysAllowed[] = {"organisation", "scope",   "author",        "approver",
                                                    "version",      "date",    "classification"};
    expect(value, NodeType::Map, what,
           fmt::format("a map of the document's header ({})", fmt::join(kKeysAllowed, ", ")));
    DocumentInfo d;
    d.defined_at = location(value);
    for (const auto& [key, item] : entries(value, what)) {
        key_line_ = key.Mark().line + 1;
        const std::string& k = key.Scalar();
        const std::string field = fmt::format("{}: {}", what, k);
        if (k == "organisation") d.organisation = text(item, field);
        else if (k == "scope") d.scope = text(item, field, true);
        else if (k == "author") d.author = text(item, field);
        else if (k == "approver") d.approver = text(item, field);
        else if (k == "version") d.version = text(item, field);
        else if (k == "classification") d.classification = text(item, field);
        else if (k == "date") {
            const std::string s = text(item, field);
            d.date = CalendarDate::parse(s);
            if (!d.date) fail(item, fmt::format("{}: {} is not a date YYYY-MM-DD", field, quote_value(s)));
        } else {
            fail(key, fmt::format("{}: unknown key {}; allowed keys: {}", what, quote_value(k),
                                  fmt::join(kKeysAllowed, ", ")));
        }
    }
    policy.risk.document = std::move(d);
}

CiaValues PolicyFileReader::read_cia(const Node& item, const std::string& field) {
    expect(item, NodeType::Map, field, "a map {c: 1-4, i: 1-4, a: 1-4}");
    CiaValues cia;
    for (const auto& [aspect, level] : entries(item, field)) {
        key_line_ = aspect.Mark().line + 1;
        const std::string& a = aspect.Scalar();
        uint8_t* slot = a == "c" ? &cia.c : a == "i" ? &cia.i : a == "a" ? &cia.a : nullptr;
        if (!slot) fail(aspect, fmt::format("{}: unknown key {}; allowed keys: c, i, a", field, quote_value(a)));
        *slot = static_cast<uint8_t>(level_1_to_4(level, fmt::format("{}: {}", field, a)));
    }
    if (!cia.c || !cia.i || !cia.a) fail(item, fmt::format("{}: give all three of c, i, a", field));
    return cia;
}

void PolicyFileReader::read_store(const Node& value, Policy& policy) {
    std::string where = text(value, "store");
    // A path is the policy file's neighbour wherever sovscan runs from (a service's working
    // directory is rarely the policy's); a URL (scheme://) is taken as it is.
    const bool url = where.find("://") != std::string::npos;
    if (!url && where.front() != '/') {
        const std::string dir = directory_of(path_);
        if (dir != ".") where = dir + "/" + where;
    }
    policy.store = std::move(where);
}

void PolicyFileReader::read_primary_assets(const Node& value, Policy& policy) {
    constexpr std::string_view what = "primary_assets";
    expect(value, NodeType::Sequence, what,
           "a list of primary assets, each {id, name, cia: {c, i, a}, supporting: [asset ids or addresses]}");
    std::map<std::string, int> line_of_id;
    policy.risk.primary_assets.clear();
    size_t position = 0;
    for (const Node& node : value) {
        ++position;
        const std::string item_what = fmt::format("{} [{}]", what, position);
        expect(node, NodeType::Map, item_what, "a map {id, name, cia: {c, i, a}, supporting: [...]}");
        PrimaryAssetSpec p;
        p.defined_at = location(node);
        bool has_cia = false;
        for (const auto& [key, item] : entries(node, item_what)) {
            key_line_ = key.Mark().line + 1;
            const std::string& k = key.Scalar();
            const std::string field = fmt::format("{}: {}", item_what, k);
            if (k == "id") {
                p.id = text(item, field);
                if (!is_exception_id(p.id))
                    fail(item, fmt::format("{}: {} must be letters, digits and - _ . : / (at most 64)", field,
                                           quote_value(p.id)));
            } else if (k == "name") p.name = text(item, field);
            else if (k == "cia") {
                p.cia = read_cia(item, field);
                has_cia = true;
            } else if (k == "supporting") {
                expect(item, NodeType::Sequence, field, "a list of asset ids, IP or MAC addresses");
                for (const Node& s : item) p.supporting.push_back(text(s, field));
            } else {
                fail(key, fmt::format("{}: unknown key {}; allowed keys: id, name, cia, supporting", item_what,
                                      quote_value(k)));
            }
        }
        key_line_ = node.Mark().line + 1;
        if (p.id.empty()) fail(node, item_what + ": missing 'id'");
        if (!has_cia) fail(node, fmt::format("{} {}: missing 'cia' ({{c: 1-4, i: 1-4, a: 1-4}})", what, quote_value(p.id)));
        if (p.name.empty()) p.name = p.id;
        auto [at, fresh] = line_of_id.emplace(p.id, node.Mark().line + 1);
        if (!fresh)
            fail(node, fmt::format("{}: id {} already used on line {}", what, quote_value(p.id), at->second));
        policy.risk.primary_assets.push_back(std::move(p));
    }
}

void PolicyFileReader::read_match_field(std::string_view key, const Node& value, const std::string& what,
                                        ExceptionMatch& m) const {
    const std::string field = fmt::format("{}: {}", what, key);
    const std::string s = text(value, field);
    if (key == "asset") {
        // An address or prefix first: some IPv6 addresses are also 12 hex digits, as a MAC is.
        if (auto cidr = Cidr::parse(s)) m.asset_network = *cidr;
        else if (auto mac = MacAddress::parse(s)) m.asset_mac = *mac;
        else fail(value, fmt::format("{}: {} is neither an IP address, a CIDR prefix nor a MAC address", field, quote_value(s)));
    } else if (key == "counterpart") {
        auto cidr = Cidr::parse(s);
        if (!cidr) fail(value, fmt::format("{}: {} is not an IP address or CIDR prefix", field, quote_value(s)));
        m.counterpart = *cidr;
    } else if (key == "domain") {
        m.domain = normalise_dns_name(s);
        if (!is_well_formed_domain(m.domain))
            fail(value, fmt::format("{}: {} is not a domain name such as hik-connect.com (ASCII; xn-- for IDNs; no "
                                    "wildcard)", field, quote_value(s)));
    } else if (key == "vendor") {
        if (!is_vendor_slug(s))
            fail(value, fmt::format("{}: {} is not a catalog vendor id (lower-case slug such as hikvision)", field, quote_value(s)));
        m.vendor = s;
    } else if (key == "rule") {
        auto rule = parse_rule_code(s);
        if (!rule) fail(value, fmt::format("{}: unknown rule {}; known rules: {}", field, quote_value(s), known_rule_codes()));
        if (rule_info(*rule).subject == RuleSubject::policy)
            fail(value, fmt::format("{}: {} cannot be excepted; renew or remove the expired exception instead", field,
                                    rule_info(*rule).code));
        m.rule = *rule;
    }
}

PolicyException PolicyFileReader::read_exception(const Node& node, size_t position) const {
    const std::string default_id = fmt::format("EXC-{}", position);
    expect(node, NodeType::Map, fmt::format("exception {}", default_id),
           "a map with match keys (asset, counterpart, domain, vendor, rule) and justification, owner, expires");
    const auto fields = entries(node, fmt::format("exception {}", default_id));

    ExceptionRef ref;
    ref.id = default_id;
    ref.defined_at = location(node);
    // The id first, so that every later message names the exception as its author does.
    for (const auto& [key, value] : fields) {
        if (key.Scalar() != "id") continue;
        key_line_ = key.Mark().line + 1;
        ref.id = text(value, fmt::format("exception {}: id", default_id));
        if (!is_exception_id(ref.id))
            fail(value, fmt::format("exception {}: id {} must be letters, digits and - _ . : / (at most 64)", default_id,
                                    quote_value(ref.id)));
    }
    const std::string what = fmt::format("exception {}", ref.id);

    ExceptionMatch match;
    bool has_expiry = false;
    for (const auto& [key, value] : fields) {
        const std::string& k = key.Scalar();
        key_line_ = key.Mark().line + 1;
        if (std::find(std::begin(kExceptionKeys), std::end(kExceptionKeys), k) == std::end(kExceptionKeys))
            fail(key, fmt::format("{}: unknown key {}; allowed keys: {}", what, quote_value(k),
                                  fmt::join(std::begin(kExceptionKeys), std::end(kExceptionKeys), ", ")));
        if (k == "id") continue;
        if (k == "justification") ref.justification = text(value, what + ": justification", true);
        else if (k == "owner") ref.owner = text(value, what + ": owner");
        else if (k == "expires") {
            std::string s = text(value, what + ": expires");
            auto date = CalendarDate::parse(s);
            if (!date) fail(value, fmt::format("{}: expires: {} is not a date YYYY-MM-DD", what, quote_value(s)));
            ref.expires = *date;
            has_expiry = true;
        } else {
            read_match_field(k, value, what, match);
        }
    }
    if (ref.justification.empty()) fail(node, what + ": missing 'justification' (why the finding is accepted)");
    if (ref.owner.empty()) fail(node, what + ": missing 'owner' (who accepted it)");
    if (!has_expiry) fail(node, what + ": missing 'expires' (YYYY-MM-DD: every exception is reviewed by a date)");
    if (match.empty())
        fail(node, what + ": nothing to match; give at least one of asset, counterpart, domain, vendor, rule");
    return PolicyException(std::move(match), std::move(ref));
}

}  // namespace

Policy parse_policy_file(std::string_view text, const std::string& path) {
    Policy policy = PolicyFileReader(path).read(text);
    Sha256 sha;
    sha.update(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    policy.file_path = path;
    policy.file_sha256 = Sha256::hex(sha.finish());
    return policy;
}

Policy load_policy_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw std::runtime_error(fmt::format("{}: cannot read policy file: is a directory", printable(path)));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("{}: cannot read policy file: {}", printable(path), std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw std::runtime_error(fmt::format("{}: cannot read policy file: read error", printable(path)));
    return parse_policy_file(text.str(), path);
}

}  // namespace sovscan
