#include "report/json_report.h"

#include "report/asset_json.h"
#include "report/json_stream.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

using nlohmann::ordered_json;

namespace {

ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }
ordered_json time_or_null(int64_t ns) { return ns ? ordered_json(rfc3339_utc(ns)) : ordered_json(nullptr); }

bool has_counterpart(const Finding& f) { return rule_info(f.rule).subject == RuleSubject::traffic; }

// An exception as reports show it; `id_key` names its id ("exception" inside "suppressed").
ordered_json exception_json(const ExceptionRef& e, const char* id_key) {
    // The policy author's words, made readable as other operator text is; the place was made
    // readable when the policy was read.
    return ordered_json{{id_key, readable_text(e.id)},
                        {"justification", readable_text(e.justification)},
                        {"owner", readable_text(e.owner)},
                        {"expires", e.expires.to_string()},
                        {"defined_at", e.defined_at}};
}

ordered_json finding_json(const Finding& f) {
    const RuleInfo& r = rule_info(f.rule);
    ordered_json j;
    j["id"] = stable_finding_id(f);
    j["rule_id"] = r.code;
    j["rule"] = r.slug;
    j["title"] = r.title;
    j["severity"] = severity_label(f.severity);
    j["confidence"] = f.confidence;
    j["summary"] = f.summary;
    j["jurisdictions"] = f.jurisdictions;

    ordered_json asset;
    if (!f.asset.id.empty()) asset["id"] = f.asset.id, asset["name"] = f.asset.name;
    asset["ip"] = f.asset.has_ip ? ordered_json(f.asset.ip.to_string()) : ordered_json(nullptr);
    asset["is_local"] = f.asset.is_local;
    ordered_json macs = ordered_json::array();
    for (const auto& m : f.asset.macs) macs.push_back(m.to_string());
    asset["macs"] = macs;
    asset["mac_organisation"] = nullable(f.asset.mac_organisation);
    if (!f.asset.mac_vendor_id.empty() || !f.asset.mac_vendor_controlled_by.empty())
        asset["vendor"] = {{"id", nullable(f.asset.mac_vendor_id)},
                           {"name", nullable(f.asset.mac_vendor_name)},
                           {"controlled_by", nullable(f.asset.mac_vendor_controlled_by)}};
    j["asset"] = asset;

    if (has_counterpart(f)) {
        const Counterpart& c = f.counterpart;
        ordered_json cp;
        cp["ip"] = c.has_ip() ? ordered_json(c.ip.to_string()) : ordered_json(nullptr);
        ordered_json names = ordered_json::array();
        for (const auto& n : c.names)
            names.push_back({{"name", printable(n.name)},
                             {"source", n.how},
                             {"dns_basis", nullable(n.dns_basis)},
                             {"flows", n.flows}});
        cp["names"] = names;
        cp["located_in"] = nullable(c.located_in);
        cp["registry_country"] = nullable(c.registry_country);
        cp["asn"] = c.asn ? ordered_json(c.asn) : ordered_json(nullptr);
        cp["as_org"] = nullable(c.as_org);
        cp["operator"] = c.operator_name.empty()
                             ? ordered_json(nullptr)
                             : ordered_json{{"name", c.operator_name}, {"controlled_by", nullable(c.operator_controlled_by)}};
        cp["vendor"] = c.vendor_id.empty() ? ordered_json(nullptr)
                                           : ordered_json{{"id", c.vendor_id},
                                                          {"name", c.vendor_name},
                                                          {"controlled_by", nullable(c.vendor_controlled_by)}};
        cp["public_resolver"] = c.resolver_operator.empty()
                                    ? ordered_json(nullptr)
                                    : ordered_json{{"operator", c.resolver_operator},
                                                   {"controlled_by", nullable(c.resolver_controlled_by)}};
        ordered_json proxies = ordered_json::array();
        for (const ProxyRef& p : c.proxies) proxies.push_back({{"ip", p.ip.to_string()}, {"port", p.port}, {"flows", p.flows}});
        cp["proxies"] = proxies;
        j["counterpart"] = cp;
    }

    if (f.about_exception) j["exception"] = exception_json(*f.about_exception, "id");
    j["suppressed"] = f.suppressed_by ? exception_json(*f.suppressed_by, "exception") : ordered_json(nullptr);

    j["traffic"] = {{"bytes_sent", f.bytes_sent},         {"bytes_received", f.bytes_received},
                    {"packets_sent", f.packets_sent},     {"packets_received", f.packets_received},
                    {"flows", f.flows},                   {"first_seen", time_or_null(f.first_ns)},
                    {"last_seen", time_or_null(f.last_ns)}, {"server_ports", f.server_ports},
                    {"services", f.services}};
    ordered_json ev = ordered_json::array();
    for (const auto& e : f.evidence) ev.push_back({{"fact", e.fact}, {"source", e.source}, {"version", nullable(e.version)}});
    j["evidence"] = ev;
    ordered_json designations = ordered_json::array();
    for (const FindingDesignation& d : f.designations)
        designations.push_back({{"list", d.list_id},
                                {"name", d.list_name},
                                {"issuer", d.issuer},
                                {"kind", d.kind},
                                {"vendor", d.vendor_id},
                                {"listed_name", nullable(d.listed_name)},
                                {"listed_on", d.listed_on},
                                {"via_parent", nullable(d.via_parent)},
                                {"url", d.url}});
    j["designations"] = designations;
    ordered_json samples = ordered_json::array();
    for (const auto& s : f.sample_flows)
        samples.push_back({{"proto", s.proto},
                           {"client", s.client.to_string()},
                           {"client_port", s.client_port},
                           {"server", s.server.to_string()},
                           {"server_port", s.server_port},
                           {"first_seen", time_or_null(s.first_ns)},
                           {"input", s.input}});
    j["sample_flows"] = samples;
    if (!f.sensors.empty()) j["sensors"] = f.sensors;  // a merged report's: who saw it
    return j;
}

ordered_json counters_json(const NamedCounters& c) {
    ordered_json j = ordered_json::object();
    for (const auto& [k, v] : c) j[k] = v;
    return j;
}

const char* exposure_kind_label(ExposureKind k) {
    return k == ExposureKind::inbound ? "inbound" : k == ExposureKind::dns ? "dns" : "egress";
}

// The memory bound (--max-counterparts) and, when it was reached, the exact totals of what it folded.
ordered_json folding_json(const FoldingSummary& f) {
    ordered_json groups = ordered_json::array();
    for (const FoldedExposures& g : f.groups)
        groups.push_back({{"asset", g.totals.asset.is_unspecified() ? ordered_json(nullptr)
                                                                     : ordered_json(g.totals.asset.to_string())},
                          {"kind", exposure_kind_label(g.totals.kind)},
                          {"located_in", nullable(g.located_in)},
                          {"asn", g.asn ? ordered_json(g.asn) : ordered_json(nullptr)},
                          {"as_org", nullable(printable(g.as_org))},
                          {"counterparts", g.counterparts},
                          {"flows", g.totals.flows},
                          {"answered_flows", g.totals.answered_flows},
                          {"bytes_sent", g.totals.bytes_sent},
                          {"bytes_received", g.totals.bytes_received},
                          {"packets_sent", g.totals.packets_sent},
                          {"packets_received", g.totals.packets_received},
                          {"first_seen", time_or_null(g.totals.first_ns)},
                          {"last_seen", time_or_null(g.totals.last_ns)}});
    return {{"max_counterparts", f.max_counterparts},
            {"folded_counterparts", f.stats.counterparts},
            {"folded_counterparts_exact", f.stats.counterparts_exact},
            {"folded_flows", f.stats.flows},
            {"devices_not_kept", f.stats.devices_not_kept},
            {"device_frames_not_kept", f.stats.device_frames_not_kept},
            {"groups", groups}};
}

// The sensors' reports a merged report was made from, each as it described itself.
ordered_json merged_from_json(const std::vector<ReportSource>& sources) {
    ordered_json out = ordered_json::array();
    for (const ReportSource& s : sources) {
        ordered_json inputs = ordered_json::array();
        for (const std::string& path : s.inputs) inputs.push_back(printable(path));
        ordered_json intel = ordered_json::array();
        for (const IntelSource& i : s.intel) intel.push_back({{"id", i.id}, {"name", i.name}, {"version", i.version}});
        out.push_back({{"report", printable(s.report)},
                       {"sensor", s.sensor},
                       {"generated_at", s.generated_at},
                       {"inputs", inputs},
                       {"intel", intel},
                       {"policy",
                        {{"file", s.policy_file.empty() ? ordered_json(nullptr)
                                                        : ordered_json{{"path", printable(s.policy_file)},
                                                                       {"sha256", s.policy_sha256}}},
                         {"high_risk_jurisdictions", s.high_risk_jurisdictions},
                         {"home_networks", s.home_networks},
                         {"fail_on", s.fail_on}}},
                       {"partial", !s.partial_reasons.empty()},
                       {"partial_reasons", s.partial_reasons}});
    }
    return out;
}

}  // namespace

void write_json_report(const ScanReport& r, std::ostream& out) {
    // Written member by member, and the arrays that grow with the inputs (findings, devices,
    // assets, problems) element by element: a report of a million assets never exists whole in
    // memory (json_stream.h), and its bytes are those of the whole document's dump(2).
    JsonStreamWriter j(out);
    j.begin_object();
    j.member("schema", "sovscan-scan-report");
    j.member("schema_version", kReportSchemaVersion);
    j.member("tool", {{"name", "sovscan"}, {"version", SOVSCAN_VERSION}});
    j.member("generated_at", r.generated_at);
    j.member("command_line", r.command_line);
    j.member("sensor", r.sensor);
    if (!r.merged_from.empty()) j.member("merged_from", merged_from_json(r.merged_from));
    j.member("partial", r.partial());
    j.member("partial_reasons", r.partial_reasons());

    ordered_json policy;
    policy["high_risk_jurisdictions"] = r.policy.high_risk_jurisdictions;
    ordered_json nets = ordered_json::array();
    for (const auto& c : r.policy.home_networks) nets.push_back(c.to_string());
    policy["home_networks"] = nets;
    policy["fail_on"] = r.policy.fail_on_label();
    policy["file"] = r.policy.file_path.empty()
                         ? ordered_json(nullptr)
                         : ordered_json{{"path", printable(r.policy.file_path)}, {"sha256", r.policy.file_sha256}};
    policy["exceptions_judged_on"] = r.policy_date.to_string();
    ordered_json exceptions = ordered_json::array();
    for (const PolicyException& e : r.policy.exceptions) {
        ordered_json x = exception_json(e.ref(), "id");
        x["expired"] = e.expired_on(r.policy_date);
        x["suppressed_findings"] = std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
            return f.suppressed_by && f.suppressed_by->id == e.ref().id;
        });
        exceptions.push_back(std::move(x));
    }
    policy["exceptions"] = exceptions;
    j.member("policy", policy);

    j.begin_array("inputs");
    for (const auto& i : r.inputs)
    {
        ordered_json in{{"path", printable(i.path)},
                        {"kind", i.kind},
                        {"bytes", i.bytes},
                        {"packets", i.packets},
                        {"records", i.records},
                        {"first_seen", time_or_null(i.first_ns)},
                        {"last_seen", time_or_null(i.last_ns)},
                        {"partial", i.partial}};
        if (i.kind == "interface") {
            in["kernel_drops"] = i.kernel_drops;
            in["interface_drops"] = i.interface_drops;
        }
        j.element(in);
    }
    j.end();

    ordered_json intel = ordered_json::array();
    for (const auto& s : r.intel)
        intel.push_back({{"id", s.id}, {"name", s.name}, {"version", s.version}, {"licence", s.licence}, {"file", s.file}});
    j.member("intel", intel);

    ordered_json by_sev = ordered_json::object(), unsuppressed_by_sev = ordered_json::object();
    for (int s = static_cast<int>(Severity::critical); s >= 0; --s) {
        auto sev = static_cast<Severity>(s);
        by_sev[severity_label(sev)] = std::count_if(r.findings.begin(), r.findings.end(),
                                                    [sev](const Finding& f) { return f.severity == sev; });
        unsuppressed_by_sev[severity_label(sev)] = std::count_if(
            r.findings.begin(), r.findings.end(), [sev](const Finding& f) { return !f.suppressed() && f.severity == sev; });
    }
    j.member("summary", {{"packets", r.packets},
                         {"ip_packets", r.ip_packets},
                         {"wire_bytes", r.wire_bytes},
                         {"first_seen", time_or_null(r.first_ns)},
                         {"last_seen", time_or_null(r.last_ns)},
                         {"flows", r.traffic.flows},
                         {"flows_local_to_remote", r.traffic.local_to_remote_flows},
                         {"flows_remote_to_local", r.traffic.remote_to_local_flows},
                         {"flows_internal", r.traffic.internal_flows},
                         {"flows_neither_side_local", r.traffic.transit_flows},
                         {"findings", r.findings.size()},
                         {"findings_by_severity", by_sev},
                         {"findings_suppressed", r.suppressed_count()},
                         {"unsuppressed_by_severity", unsuppressed_by_sev},
                         {"devices", r.devices.size()},
                         {"elapsed_seconds", r.elapsed_seconds}});

    j.begin_array("egress_by_country");
    for (const auto& c : r.egress_by_country)
        j.element({{"located_in", nullable(c.country)},
                   {"bytes_sent", c.bytes_sent},
                   {"bytes_received", c.bytes_received},
                   {"flows", c.flows},
                   {"counterparts", c.counterparts},
                   {"high_risk", r.policy.is_high_risk(c.country)}});
    j.end();
    j.member("folding", folding_json(r.folding));

    j.begin_array("findings");
    for (const auto& f : r.findings) j.element(finding_json(f));
    j.end();

    j.begin_array("devices");
    for (const auto& d : r.devices) {
        ordered_json ips = ordered_json::array();
        for (const auto& ip : d.ips) ips.push_back(ip.to_string());
        j.element({{"mac", d.mac.to_string()},
                   {"ips", ips},
                   {"frames", d.frames},
                   {"first_seen", time_or_null(d.first_ns)},
                   {"last_seen", time_or_null(d.last_ns)},
                   {"locally_administered", d.locally_administered},
                   {"oui", nullable(d.oui_prefix)},
                   {"organisation", nullable(d.organisation)},
                   {"registrant_country", nullable(d.registrant_country)},
                   {"vendor", d.vendor_id.empty() ? ordered_json(nullptr)
                                                  : ordered_json{{"id", d.vendor_id},
                                                                 {"name", d.vendor_name},
                                                                 {"controlled_by", nullable(d.vendor_controlled_by)},
                                                                 {"prc_linked", d.prc_linked}}}});
    }
    j.end();
    if (r.inventory) {
        j.member("inventory", inventory_summary_json(*r.inventory));
        j.begin_array("assets");
        for (const MergedAsset& a : r.inventory->assets) write_asset_json(j, a);
        j.end();
    }

    ordered_json counters{{"decode", counters_json(r.decode_counters)},
                          {"flows", counters_json(r.flow_counters)},
                          {"observe", counters_json(r.observe_counters)}};
    // What the readers of flow exports and logs counted (records, malformed lines, templates).
    if (!r.input_counters.empty()) counters["inputs"] = counters_json(r.input_counters);
    // What a stream (--kafka) delivered and lost.
    if (!r.export_counters.empty()) counters["export"] = counters_json(r.export_counters);
    j.member("counters", counters);
    j.begin_array("problems");
    for (const auto& p : r.problems)
        j.element({{"level", p.level == ProblemLevel::error ? "error" : "warning"},
                   {"input", printable(p.input)},
                   {"message", p.message}});
    j.end();
    // Invalid UTF-8 from a data set must not abort the report: the writer replaces it (wire strings
    // are already escaped by printable()).
    j.end();
}

}  // namespace sovscan
