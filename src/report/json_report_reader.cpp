#include "report/json_report_reader.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "common/escape.h"
#include "common/json_nesting.h"
#include "common/time_format.h"

namespace sovscan {

namespace {

using nlohmann::json;

const char* kind_of(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_unsigned: return "a number";
        case json::value_t::number_integer: return v.get<int64_t>() < 0 ? "a negative number" : "a number";
        case json::value_t::number_float: return "a fraction";
        default: return "something else";
    }
}

// "/findings/3/counterpart/names/0/name" (RFC 6901: '~' and '/' in a key escaped as ~0 and ~1).
std::string pointer_to(const std::string& parent, std::string_view key) {
    std::string out = parent + "/";
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// One value of the document and where it is. Every accessor checks the type it expects and
// throws, naming the place, when the value is not what sovscan writes there.
class Node {
public:
    Node(const json& value, std::string pointer, const std::string& file)
        : v_(&value), pointer_(std::move(pointer)), file_(&file) {}

    [[noreturn]] void fail(std::string_view what) const {
        throw ReportReadError(fmt::format("{}: {}: {}", printable(*file_), printable(pointer_.empty() ? "/" : pointer_),
                                          printable_again(what)));
    }

    bool is_null() const { return v_->is_null(); }
    const std::string& pointer() const { return pointer_; }

    // A member that must be there (it may be null).
    Node operator[](std::string_view key) const {
        const json& obj = object();
        const auto it = obj.find(key);
        if (it == obj.end()) fail(fmt::format("missing member \"{}\"", key));
        return Node(*it, pointer_to(pointer_, key), *file_);
    }
    // A member that a report may leave out (added by a later minor version, or present only
    // sometimes); nullopt when absent.
    std::optional<Node> optional(std::string_view key) const {
        const json& obj = object();
        const auto it = obj.find(key);
        if (it == obj.end()) return std::nullopt;
        return Node(*it, pointer_to(pointer_, key), *file_);
    }
    bool has(std::string_view key) const { return object().contains(key); }

    std::vector<Node> elements() const {
        if (!v_->is_array()) wrong("an array");
        std::vector<Node> out;
        out.reserve(v_->size());
        for (size_t i = 0; i < v_->size(); ++i) out.emplace_back((*v_)[i], pointer_ + "/" + std::to_string(i), *file_);
        return out;
    }
    std::vector<std::pair<std::string, Node>> members() const {
        std::vector<std::pair<std::string, Node>> out;
        for (const auto& [k, v] : object().items()) out.emplace_back(k, Node(v, pointer_to(pointer_, k), *file_));
        return out;
    }

    // The string as it stands: text sovscan wrote (catalog names, summaries, facts). Made safe
    // again for a terminal: readable_again() changes nothing in what sovscan wrote, and escapes
    // what a hand-edited or hostile file slipped in.
    std::string text() const {
        if (!v_->is_string()) wrong("a string");
        return readable_again(v_->get_ref<const std::string&>());
    }
    std::string text_or_null() const { return is_null() ? std::string() : text(); }
    // A string from the wire that the writer made printable() (or readable_text()): the bytes it was.
    std::string wire() const {
        if (!v_->is_string()) wrong("a string");
        std::optional<std::string> raw = unprintable(v_->get_ref<const std::string&>());
        if (!raw) fail("a backslash that begins no \\xNN escape");
        return *raw;
    }
    std::string wire_or_null() const { return is_null() ? std::string() : wire(); }
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const Node& e : elements()) out.push_back(e.text());
        return out;
    }

    uint64_t count(uint64_t max = std::numeric_limits<uint64_t>::max()) const {
        if (!v_->is_number_unsigned() && !(v_->is_number_integer() && v_->get<int64_t>() >= 0))
            wrong("a non-negative integer");
        const uint64_t n = v_->get<uint64_t>();
        if (n > max) fail(fmt::format("{} is more than {}", n, max));
        return n;
    }
    double number() const {
        if (!v_->is_number()) wrong("a number");
        return v_->get<double>();
    }
    bool boolean() const {
        if (!v_->is_boolean()) wrong("true or false");
        return v_->get<bool>();
    }
    // An RFC 3339 time, or null for none (0).
    int64_t time() const {
        if (is_null()) return 0;
        const std::string s = text();
        const std::optional<int64_t> ns = parse_iso8601(s);
        if (!ns || *ns <= 0) fail(fmt::format("\"{}\" is not an RFC 3339 time after 1970", s));
        return *ns;
    }
    CalendarDate date() const {
        const std::string s = text();
        const std::optional<CalendarDate> d = CalendarDate::parse(s);
        if (!d) fail(fmt::format("\"{}\" is not a YYYY-MM-DD date", s));
        return *d;
    }
    IpAddress ip() const {
        const std::string s = text();
        const std::optional<IpAddress> ip = IpAddress::parse(s);
        if (!ip) fail(fmt::format("\"{}\" is not an IP address", s));
        return *ip;
    }
    MacAddress mac() const {
        const std::string s = text();
        const std::optional<MacAddress> m = MacAddress::parse(s);
        if (!m) fail(fmt::format("\"{}\" is not a MAC address", s));
        return *m;
    }
    // An ISO 3166-1 alpha-2 code ("" for null when `nullable`).
    std::string country(bool nullable = true) const {
        if (nullable && is_null()) return "";
        const std::string s = text();
        if (s.size() != 2 || !std::isupper(static_cast<unsigned char>(s[0])) ||
            !std::isupper(static_cast<unsigned char>(s[1])))
            fail(fmt::format("\"{}\" is not a two-letter country code", s));
        return s;
    }
    std::string one_of(const std::vector<std::string_view>& allowed) const {
        const std::string s = text();
        for (std::string_view a : allowed)
            if (s == a) return s;
        fail(fmt::format("\"{}\" is not one of {}", s, fmt::join(allowed, ", ")));
    }

private:
    const json& object() const {
        if (!v_->is_object()) wrong("an object");
        return *v_;
    }
    [[noreturn]] void wrong(const char* expected) const { fail(fmt::format("expected {}, found {}", expected, kind_of(*v_))); }

    const json* v_;
    std::string pointer_;
    const std::string* file_;
};

const std::vector<std::string_view> kNameSources = {
    "sni", "quic_sni", "proxy_connect", "http_absolute_uri", "http_host", "tls_certificate", "dns"};

ExceptionRef exception_of(const Node& n, std::string_view id_key) {
    ExceptionRef e;
    e.id = n[id_key].wire();
    e.justification = n["justification"].wire();
    e.owner = n["owner"].wire();
    e.expires = n["expires"].date();
    e.defined_at = n["defined_at"].text();
    return e;
}

Asset asset_of(const Node& n) {
    Asset a;
    if (const auto id = n.optional("id")) a.id = id->text();
    if (const auto name = n.optional("name")) a.name = name->text();
    const Node ip = n["ip"];
    a.has_ip = !ip.is_null();
    if (a.has_ip) a.ip = ip.ip();
    a.is_local = n["is_local"].boolean();
    for (const Node& m : n["macs"].elements()) a.macs.push_back(m.mac());
    a.mac_organisation = n["mac_organisation"].text_or_null();
    if (const auto v = n.optional("vendor")) {
        a.mac_vendor_id = (*v)["id"].text_or_null();
        a.mac_vendor_name = (*v)["name"].text_or_null();
        a.mac_vendor_controlled_by = (*v)["controlled_by"].country();
    }
    return a;
}

Counterpart counterpart_of(const Node& n) {
    Counterpart c;
    if (const Node ip = n["ip"]; !ip.is_null()) c.ip = ip.ip();
    for (const Node& name : n["names"].elements()) {
        ObservedName o;
        o.name = name["name"].wire();
        o.how = name["source"].one_of(kNameSources);
        o.dns_basis = name["dns_basis"].text_or_null();
        o.flows = name["flows"].count();
        c.names.push_back(std::move(o));
    }
    if (!c.has_ip() && c.names.empty()) n.fail("a counterpart with neither an address nor a name");
    c.located_in = n["located_in"].country();
    c.registry_country = n["registry_country"].country();
    if (const Node asn = n["asn"]; !asn.is_null()) c.asn = static_cast<uint32_t>(asn.count(UINT32_MAX));
    c.as_org = n["as_org"].text_or_null();
    if (const Node op = n["operator"]; !op.is_null()) {
        c.operator_name = op["name"].text();
        c.operator_controlled_by = op["controlled_by"].country();
    }
    if (const Node v = n["vendor"]; !v.is_null()) {
        c.vendor_id = v["id"].text();
        c.vendor_name = v["name"].text();
        c.vendor_controlled_by = v["controlled_by"].country();
    }
    if (const Node r = n["public_resolver"]; !r.is_null()) {
        c.resolver_operator = r["operator"].text();
        c.resolver_controlled_by = r["controlled_by"].country();
    }
    for (const Node& p : n["proxies"].elements())
        c.proxies.push_back(ProxyRef{p["ip"].ip(), static_cast<uint16_t>(p["port"].count(65535)), p["flows"].count()});
    return c;
}

Finding finding_of(const Node& n) {
    Finding f;
    const Node rule = n["rule_id"];
    const std::optional<RuleId> id = parse_rule_code(rule.text());
    if (!id) rule.fail(fmt::format("\"{}\" is not a rule of this sovscan", rule.text()));
    f.rule = *id;
    const Node severity = n["severity"];
    const std::optional<Severity> s = parse_severity(severity.text());
    if (!s) severity.fail(fmt::format("\"{}\" is not a severity", severity.text()));
    f.severity = *s;
    f.confidence = n["confidence"].one_of({"high", "medium", "low"});
    f.summary = n["summary"].text();
    for (const Node& j : n["jurisdictions"].elements()) f.jurisdictions.push_back(j.country(false));
    f.asset = asset_of(n["asset"]);
    const bool traffic = rule_info(f.rule).subject == RuleSubject::traffic;
    if (traffic) f.counterpart = counterpart_of(n["counterpart"]);
    else if (n.has("counterpart")) n["counterpart"].fail(fmt::format("rule {} has no counterpart", rule.text()));
    if (const auto e = n.optional("exception")) f.about_exception = exception_of(*e, "id");
    if (f.rule == RuleId::policy_exception_expired && !f.about_exception)
        n.fail("missing member \"exception\" (the expired exception)");
    if (const Node sup = n["suppressed"]; !sup.is_null()) f.suppressed_by = exception_of(sup, "exception");

    const Node t = n["traffic"];
    f.bytes_sent = t["bytes_sent"].count();
    f.bytes_received = t["bytes_received"].count();
    f.packets_sent = t["packets_sent"].count();
    f.packets_received = t["packets_received"].count();
    f.flows = t["flows"].count();
    f.first_ns = t["first_seen"].time();
    f.last_ns = t["last_seen"].time();
    for (const Node& p : t["server_ports"].elements()) f.server_ports.push_back(static_cast<uint16_t>(p.count(65535)));
    f.services = t["services"].texts();
    for (const Node& e : n["evidence"].elements())
        f.evidence.push_back(Evidence{e["fact"].text(), e["source"].text(), e["version"].text_or_null()});
    std::vector<FindingDesignation> designations;
    for (const Node& d : n["designations"].elements()) {
        FindingDesignation x;
        x.list_id = d["list"].text();
        x.list_name = d["name"].text();
        x.issuer = d["issuer"].text();
        x.kind = d["kind"].text();
        x.vendor_id = d["vendor"].text();
        x.listed_name = d["listed_name"].text_or_null();
        x.listed_on = d["listed_on"].text();
        x.via_parent = d["via_parent"].text_or_null();
        x.url = d["url"].text();
        designations.push_back(std::move(x));
    }
    f.designations = FindingDesignations(std::move(designations));
    for (const Node& s : n["sample_flows"].elements()) {
        SampleFlow x;
        x.proto = s["proto"].text();
        x.client = s["client"].ip();
        x.client_port = static_cast<uint16_t>(s["client_port"].count(65535));
        x.server = s["server"].ip();
        x.server_port = static_cast<uint16_t>(s["server_port"].count(65535));
        x.first_ns = s["first_seen"].time();
        x.input = s["input"].text();
        f.sample_flows.push_back(std::move(x));
    }
    if (const auto sensors = n.optional("sensors")) f.sensors = sensors->texts();

    // The id is derived from what was just read (rule, asset, counterpart): one that does not match
    // means the file was edited, and merging by it would unite findings that are not the same.
    const Node written = n["id"];
    if (written.text() != stable_finding_id(f))
        written.fail(fmt::format("\"{}\" is not the id of this finding's rule, asset and counterpart ({})", written.text(),
                                 stable_finding_id(f)));
    return f;
}

NamedCounters counters_of(const Node& n) {
    NamedCounters c;
    for (const auto& [name, value] : n.members()) c[readable_again(name)] = value.count();
    return c;
}

FoldedExposures folded_group_of(const Node& g) {
    FoldedExposures x;
    if (const Node asset = g["asset"]; !asset.is_null()) x.totals.asset = asset.ip();
    const std::string kind = g["kind"].one_of({"egress", "inbound", "dns"});
    x.totals.kind = kind == "inbound" ? ExposureKind::inbound : kind == "dns" ? ExposureKind::dns : ExposureKind::egress;
    x.located_in = g["located_in"].country();
    if (const Node asn = g["asn"]; !asn.is_null()) x.asn = static_cast<uint32_t>(asn.count(UINT32_MAX));
    x.as_org = g["as_org"].wire_or_null();
    x.counterparts = g["counterparts"].count();
    x.totals.flows = g["flows"].count();
    x.totals.answered_flows = g["answered_flows"].count();
    x.totals.bytes_sent = g["bytes_sent"].count();
    x.totals.bytes_received = g["bytes_received"].count();
    x.totals.packets_sent = g["packets_sent"].count();
    x.totals.packets_received = g["packets_received"].count();
    x.totals.first_ns = g["first_seen"].time();
    x.totals.last_ns = g["last_seen"].time();
    return x;
}

FoldingSummary folding_of(const Node& n) {
    FoldingSummary f;
    f.max_counterparts = n["max_counterparts"].count();
    f.stats.counterparts = n["folded_counterparts"].count();
    f.stats.counterparts_exact = n["folded_counterparts_exact"].boolean();
    f.stats.flows = n["folded_flows"].count();
    f.stats.devices_not_kept = n["devices_not_kept"].count();
    f.stats.device_frames_not_kept = n["device_frames_not_kept"].count();
    for (const Node& g : n["groups"].elements()) f.groups.push_back(folded_group_of(g));
    return f;
}

DeviceRecord device_of(const Node& n) {
    DeviceRecord d;
    d.mac = n["mac"].mac();
    for (const Node& ip : n["ips"].elements()) d.ips.push_back(ip.ip());
    d.frames = n["frames"].count();
    d.first_ns = n["first_seen"].time();
    d.last_ns = n["last_seen"].time();
    d.locally_administered = n["locally_administered"].boolean();
    d.oui_prefix = n["oui"].text_or_null();
    d.organisation = n["organisation"].text_or_null();
    d.registrant_country = n["registrant_country"].country();
    if (const Node v = n["vendor"]; !v.is_null()) {
        d.vendor_id = v["id"].text();
        d.vendor_name = v["name"].text();
        d.vendor_controlled_by = v["controlled_by"].country();
        d.prc_linked = v["prc_linked"].text();
    }
    return d;
}

void read_policy(const Node& n, ScanReport& r) {
    r.policy.high_risk_jurisdictions.clear();
    for (const Node& cc : n["high_risk_jurisdictions"].elements()) r.policy.high_risk_jurisdictions.insert(cc.country(false));
    for (const Node& net : n["home_networks"].elements()) {
        const std::optional<Cidr> c = Cidr::parse(net.text());
        if (!c) net.fail(fmt::format("\"{}\" is not a network (CIDR)", net.text()));
        r.policy.home_networks.push_back(*c);
    }
    const Node fail_on = n["fail_on"];
    if (fail_on.text() == "never") {
        r.policy.fail_never = true;
    } else {
        const std::optional<Severity> s = parse_severity(fail_on.text());
        if (!s) fail_on.fail(fmt::format("\"{}\" is not a severity or never", fail_on.text()));
        r.policy.fail_on = *s;
    }
    if (const Node file = n["file"]; !file.is_null()) {
        r.policy.file_path = file["path"].wire();
        r.policy.file_sha256 = file["sha256"].text();
    }
    r.policy_date = n["exceptions_judged_on"].date();
    // What each exception matched is not in a report; the findings say what it suppressed.
    for (const Node& e : n["exceptions"].elements()) r.policy.exceptions.emplace_back(ExceptionMatch{}, exception_of(e, "id"));
}

InputSummary input_of(const Node& n) {
    InputSummary i;
    i.path = n["path"].wire();
    i.kind = n["kind"].one_of(
        {"capture", "interface", "zeek", "suricata-eve", "netflow-v5", "netflow-v9", "ipfix", "sflow"});
    i.bytes = n["bytes"].count();
    i.packets = n["packets"].count();
    i.records = n["records"].count();
    i.first_ns = n["first_seen"].time();
    i.last_ns = n["last_seen"].time();
    i.partial = n["partial"].boolean();
    if (i.kind == "interface") {
        i.kernel_drops = n["kernel_drops"].count();
        i.interface_drops = n["interface_drops"].count();
    }
    return i;
}

IntelSource intel_of(const Node& n, bool whole) {
    IntelSource s;
    s.id = n["id"].text();
    s.name = n["name"].text();
    s.version = n["version"].text();
    if (whole) {
        s.licence = n["licence"].text();
        s.file = n["file"].text();
    }
    return s;
}

ReportSource source_of(const Node& n, const std::string& file) {
    ReportSource s;
    s.report = n["report"].wire();
    s.sensor = n["sensor"].text();
    s.generated_at = n["generated_at"].text();
    for (const Node& i : n["inputs"].elements()) s.inputs.push_back(i.wire());
    for (const Node& i : n["intel"].elements()) s.intel.push_back(intel_of(i, false));
    const Node policy = n["policy"];
    if (const Node f = policy["file"]; !f.is_null()) {
        s.policy_file = f["path"].wire();
        s.policy_sha256 = f["sha256"].text();
    }
    for (const Node& cc : policy["high_risk_jurisdictions"].elements()) s.high_risk_jurisdictions.insert(cc.country(false));
    s.home_networks = policy["home_networks"].texts();
    s.fail_on = policy["fail_on"].text();
    s.partial_reasons = n["partial_reasons"].texts();
    if (n["partial"].boolean() != !s.partial_reasons.empty())
        n["partial"].fail("partial does not agree with partial_reasons");
    return s;
}

// The one source a single sensor's report is.
ReportSource single_source(const ScanReport& r, const std::vector<std::string>& partial_reasons, const std::string& file) {
    ReportSource s;
    s.report = file;
    s.sensor = r.sensor;
    s.generated_at = r.generated_at;
    for (const InputSummary& i : r.inputs) s.inputs.push_back(i.path);
    for (const IntelSource& i : r.intel) s.intel.push_back(IntelSource{i.id, i.name, i.version, "", "", "", ""});
    s.policy_file = r.policy.file_path;
    s.policy_sha256 = r.policy.file_sha256;
    s.high_risk_jurisdictions = r.policy.high_risk_jurisdictions;
    for (const Cidr& c : r.policy.home_networks) s.home_networks.push_back(c.to_string());
    s.fail_on = r.policy.fail_on_label();
    s.partial_reasons = partial_reasons;
    return s;
}

void check_schema(const Node& root) {
    const Node schema = root["schema"];
    if (schema.text() != "sovscan-scan-report")
        schema.fail(fmt::format("\"{}\" is not a sovscan scan report (sovscan-scan-report)", schema.text()));
    const Node version = root["schema_version"];
    const std::string v = version.text();
    int major = 0, minor = 0;
    const char* end = v.data() + v.size();
    auto [p, ec] = std::from_chars(v.data(), end, major);
    bool ok = ec == std::errc() && p != end && *p == '.';
    if (ok) {
        auto [q, ec2] = std::from_chars(p + 1, end, minor);
        ok = ec2 == std::errc() && q == end;
    }
    const std::string readable = fmt::format("1.{} to {}", kOldestReadableSchemaMinor, kReportSchemaVersion);
    if (!ok) version.fail(fmt::format("\"{}\" is not a schema version (MAJOR.MINOR)", v));
    const int current_minor = std::stoi(std::string(kReportSchemaVersion).substr(2));
    if (major != 1 || minor > current_minor)
        version.fail(fmt::format("schema {} is newer than this sovscan reads ({}); merge with the sovscan that wrote it", v,
                                 readable));
    if (minor < kOldestReadableSchemaMinor)
        version.fail(fmt::format("schema {} is older than this sovscan reads ({}: reports that name their sensor); "
                                 "scan again with this sovscan",
                                 v, readable));
}

ReadScanReport read_document(const json& doc, const std::string& file) {
    const Node root(doc, "", file);
    check_schema(root);
    ReadScanReport out;
    ScanReport& r = out.report;
    r.generated_at = root["generated_at"].text();
    r.command_line = root["command_line"].texts();
    r.sensor = root["sensor"].text();
    read_policy(root["policy"], r);
    for (const Node& i : root["inputs"].elements()) r.inputs.push_back(input_of(i));
    for (const Node& i : root["intel"].elements()) r.intel.push_back(intel_of(i, true));

    const Node summary = root["summary"];
    r.packets = summary["packets"].count();
    r.ip_packets = summary["ip_packets"].count();
    r.wire_bytes = summary["wire_bytes"].count();
    r.first_ns = summary["first_seen"].time();
    r.last_ns = summary["last_seen"].time();
    r.traffic.flows = summary["flows"].count();
    r.traffic.local_to_remote_flows = summary["flows_local_to_remote"].count();
    r.traffic.remote_to_local_flows = summary["flows_remote_to_local"].count();
    r.traffic.internal_flows = summary["flows_internal"].count();
    r.traffic.transit_flows = summary["flows_neither_side_local"].count();
    r.elapsed_seconds = summary["elapsed_seconds"].number();

    for (const Node& c : root["egress_by_country"].elements())
        r.egress_by_country.push_back(CountryTotal{c["located_in"].country(), c["bytes_sent"].count(),
                                                   c["bytes_received"].count(), c["flows"].count(),
                                                   c["counterparts"].count()});
    r.folding = folding_of(root["folding"]);
    for (const Node& f : root["findings"].elements()) r.findings.push_back(finding_of(f));
    for (const Node& d : root["devices"].elements()) r.devices.push_back(device_of(d));
    if (summary["findings"].count() != r.findings.size())
        summary["findings"].fail(fmt::format("says {} finding(s), the report has {}", summary["findings"].count(),
                                             r.findings.size()));
    // An asset inventory is a site's CMDB, not traffic: merging two is a different job (docs/merge.md).
    if (root.has("inventory") || root.has("assets"))
        root["inventory"].fail("a report with an asset inventory cannot be merged; merge the scans without "
                               "--inventory/--nmap/--sbom/--models");

    const Node counters = root["counters"];
    r.decode_counters = counters_of(counters["decode"]);
    r.flow_counters = counters_of(counters["flows"]);
    r.observe_counters = counters_of(counters["observe"]);
    if (const auto inputs = counters.optional("inputs")) r.input_counters = counters_of(*inputs);
    for (const Node& p : root["problems"].elements())
        r.problems.push_back(InputProblem{p["level"].one_of({"error", "warning"}) == "error" ? ProblemLevel::error
                                                                                          : ProblemLevel::warning,
                                          p["input"].wire(), p["message"].text()});

    if (const auto merged = root.optional("merged_from")) {
        for (const Node& s : merged->elements()) r.merged_from.push_back(source_of(s, file));
        if (r.merged_from.empty()) merged->fail("a merged report made from no report");
        for (const Finding& f : r.findings)
            if (f.sensors.empty())
                root["findings"].fail(fmt::format("finding {} of a merged report names no sensor", stable_finding_id(f)));
        out.sources = r.merged_from;
    } else {
        const std::vector<std::string> reasons = root["partial_reasons"].texts();
        if (root["partial"].boolean() != !reasons.empty()) root["partial"].fail("partial does not agree with partial_reasons");
        out.sources.push_back(single_source(r, reasons, file));
    }
    return out;
}

}  // namespace

ReadScanReport read_json_report(std::string_view text, const std::string& file) {
    if (text.size() > kMaxScanReportBytes)
        throw ReportReadError(fmt::format("{}: {} bytes is more than a scan report's limit of {}", printable(file),
                                          text.size(), kMaxScanReportBytes));
    if (json_nesting_exceeds(text, kMaxScanReportJsonDepth))
        throw ReportReadError(fmt::format("{}: JSON nested deeper than {} levels: not a sovscan scan report",
                                          printable(file), kMaxScanReportJsonDepth));
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        // nlohmann's "[json.exception.parse_error.101] " means nothing to an operator.
        std::string_view m = e.what();
        if (const size_t close = m.find("] "); !m.empty() && m.front() == '[' && close != std::string_view::npos)
            m.remove_prefix(close + 2);
        throw ReportReadError(fmt::format("{}: not JSON: {}", printable(file), printable(m)));
    }
    return read_document(doc, file);
}

ReadScanReport read_json_report_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ReportReadError(fmt::format("{}: cannot open: {}", printable(path), std::strerror(errno)));
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw ReportReadError(fmt::format("{}: cannot read: not a regular file", printable(path)));
    if (static_cast<uint64_t>(size) > kMaxScanReportBytes)
        throw ReportReadError(fmt::format("{}: {} bytes is more than a scan report's limit of {}", printable(path), size,
                                          kMaxScanReportBytes));
    in.seekg(0);
    std::string text(static_cast<size_t>(size), '\0');
    if (!in.read(text.data(), size)) throw ReportReadError(fmt::format("{}: cannot read: {}", printable(path), std::strerror(errno)));
    return read_json_report(text, path);
}

}  // namespace sovscan
