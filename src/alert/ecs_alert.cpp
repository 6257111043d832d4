#include "alert/ecs_alert.h"

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

using nlohmann::ordered_json;

namespace {

std::string time_text(int64_t ns) { return rfc3339_utc(ns); }

const char* transport_of(const Finding& f) {
    if (!f.sample_flows.empty()) {
        const std::string& p = f.sample_flows.front().proto;
        if (p == "tcp") return "tcp";
        if (p == "udp") return "udp";
        if (p == "icmp") return "icmp";
        if (p == "icmpv6") return "ipv6-icmp";
    }
    return nullptr;
}

}  // namespace

std::string ecs_mac(const MacAddress& m) {
    std::string mac = m.to_string();
    for (char& ch : mac) ch = ch == ':' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return mac;
}

ordered_json ecs_observer(const AlertContext& ctx) {
    return {{"hostname", ctx.observer_hostname}, {"type", ctx.observer_type}, {"vendor", "sovscan"},
            {"product", "sovscan"}};
}

// The remote side (ECS source or destination) of a traffic finding.
ordered_json ecs_remote_endpoint(const Finding& f, bool with_port) {
    const Counterpart& c = f.counterpart;
    ordered_json e = ordered_json::object();
    if (c.has_ip()) e["ip"] = c.ip.to_string();
    if (with_port && !f.server_ports.empty()) e["port"] = f.server_ports.front();
    if (!c.names.empty()) e["domain"] = printable(c.names.front().name);  // wire bytes
    if (!c.located_in.empty()) e["geo"] = {{"country_iso_code", c.located_in}};
    if (c.asn) {
        e["as"] = {{"number", c.asn}};
        if (!c.as_org.empty()) e["as"]["organization"] = {{"name", printable(c.as_org)}};
    }
    return e;
}

ordered_json ecs_local_endpoint(const Finding& f, bool with_port) {
    ordered_json e = ordered_json::object();
    if (f.asset.has_ip) e["ip"] = f.asset.ip.to_string();
    if (!f.asset.macs.empty()) e["mac"] = ecs_mac(f.asset.macs.front());
    if (!f.asset.name.empty()) e["domain"] = printable(f.asset.name);
    if (with_port && !f.server_ports.empty()) e["port"] = f.server_ports.front();
    return e;
}

int ecs_severity(Severity s) {
    switch (s) {
    case Severity::info: return 1;
    case Severity::low: return 21;
    case Severity::medium: return 47;
    case Severity::high: return 73;
    case Severity::critical: return 99;
    }
    return 1;
}

ordered_json ecs_alert(const Finding& f, const AlertContext& ctx) {
    const RuleInfo& rule = rule_info(f.rule);
    const bool traffic = rule.subject == RuleSubject::traffic;
    const bool inbound = f.rule == RuleId::inbound_from_high_risk;
    const std::string id = stable_finding_id(f);

    ordered_json j;
    j["@timestamp"] = time_text(f.first_ns ? f.first_ns : ctx.created_ns);
    j["message"] = f.summary;
    j["ecs"] = {{"version", kEcsVersion}};
    ordered_json event{{"kind", "alert"},
                       {"category", traffic ? ordered_json::array({"network"})
                                            : rule.subject == RuleSubject::policy ? ordered_json::array({"configuration"})
                                                                                  : ordered_json::array({"host"})},
                       {"type", traffic ? ordered_json::array({"connection"}) : ordered_json::array({"info"})},
                       {"module", "sovscan"},
                       {"dataset", "sovscan.finding"},
                       {"id", id},
                       {"severity", ecs_severity(f.severity)},
                       {"created", time_text(ctx.created_ns)}};
    if (f.first_ns) event["start"] = time_text(f.first_ns);
    if (f.last_ns) event["end"] = time_text(f.last_ns);
    j["event"] = event;
    j["log"] = {{"level", severity_label(f.severity)}};
    j["rule"] = {{"id", rule.code}, {"name", rule.slug}, {"description", rule.title}, {"ruleset", "sovscan"}};
    j["observer"] = ecs_observer(ctx);

    // Who opened the sessions is the source: the local asset, or for SOV-003 the remote side.
    if (traffic) {
        j["source"] = inbound ? ecs_remote_endpoint(f, false) : ecs_local_endpoint(f, false);
        j["destination"] = inbound ? ecs_local_endpoint(f, true) : ecs_remote_endpoint(f, true);
        ordered_json network = ordered_json::object();
        if (const char* t = transport_of(f)) network["transport"] = t;
        network["direction"] = inbound ? "inbound" : f.asset.is_local ? "outbound" : "external";
        network["bytes"] = f.bytes_sent + f.bytes_received;
        network["packets"] = f.packets_sent + f.packets_received;
        j["network"] = network;
        j["source"]["bytes"] = inbound ? f.bytes_received : f.bytes_sent;
        j["destination"]["bytes"] = inbound ? f.bytes_sent : f.bytes_received;
    } else if (f.asset.has_ip || !f.asset.macs.empty()) {
        j["host"] = ordered_json::object();
        if (f.asset.has_ip) j["host"]["ip"] = ordered_json::array({f.asset.ip.to_string()});
        if (!f.asset.macs.empty()) j["host"]["mac"] = ecs_local_endpoint(f, false)["mac"];
        if (!f.asset.name.empty()) j["host"]["name"] = printable(f.asset.name);
    }

    // sovscan's own fields: why it matters, in the terms of the finding.
    const Counterpart& c = f.counterpart;
    ordered_json own{{"finding_id", id},
                     {"severity", severity_label(f.severity)},
                     {"confidence", f.confidence},
                     {"jurisdictions", f.jurisdictions}};
    if (traffic) {
        own["located_in"] = c.located_in;
        own["controlled_by"] = c.operator_controlled_by;
        if (!c.operator_name.empty()) own["operator"] = printable(c.operator_name);
        own["flows"] = f.flows;
        if (!c.names.empty()) {
            own["server_name"] = printable(c.names.front().name);
            own["name_learnt_from"] = how_learnt(c.names.front());
        }
    }
    const std::string& vendor_id = traffic ? c.vendor_id : f.asset.mac_vendor_id.str();
    if (!vendor_id.empty())
        own["vendor"] = {{"id", vendor_id},
                         {"name", traffic ? c.vendor_name : f.asset.mac_vendor_name.str()},
                         {"controlled_by", traffic ? c.vendor_controlled_by : f.asset.mac_vendor_controlled_by.str()}};
    if (!f.asset.id.empty()) own["asset"] = {{"id", printable(f.asset.id)}, {"name", printable(f.asset.name)}};
    ordered_json evidence = ordered_json::array();
    for (const Evidence& e : f.evidence)
        evidence.push_back({{"fact", e.fact}, {"source", e.source}, {"version", e.version}});
    own["evidence"] = evidence;
    ordered_json lists = ordered_json::array();
    for (const FindingDesignation& d : f.designations) lists.push_back(d.list_id);
    if (!lists.empty()) own["designations"] = lists;
    j["sovscan"] = own;
    return j;
}

}  // namespace sovscan
