#include "export/ecs_documents.h"

#include <fmt/format.h>

#include "alert/ecs_alert.h"
#include "common/escape.h"
#include "common/time_format.h"
#include "report/asset_json.h"

namespace sovscan {

using nlohmann::ordered_json;

namespace {

AlertContext context_for(const std::string& sensor, int64_t now_ns) {
    AlertContext ctx;
    ctx.observer_hostname = sensor;
    ctx.created_ns = now_ns;
    return ctx;
}

// ECS's common head: @timestamp, message, ecs.version, event, observer.
ordered_json document_head(int64_t timestamp_ns, std::string message, ordered_json event, const std::string& sensor,
                           int64_t now_ns) {
    ordered_json j;
    j["@timestamp"] = rfc3339_utc(timestamp_ns ? timestamp_ns : now_ns);
    j["message"] = std::move(message);
    j["ecs"] = {{"version", kEcsVersion}};
    event["module"] = "sovscan";
    event["created"] = rfc3339_utc(now_ns);
    j["event"] = std::move(event);
    j["observer"] = ecs_observer(context_for(sensor, now_ns));
    return j;
}

void add_period(ordered_json& event, int64_t start_ns, int64_t end_ns) {
    if (start_ns) event["start"] = rfc3339_utc(start_ns);
    if (end_ns) event["end"] = rfc3339_utc(end_ns);
}

}  // namespace

ordered_json ecs_finding_document(const Finding& f, const std::string& sensor, int64_t now_ns) {
    ordered_json j = ecs_alert(f, context_for(sensor, now_ns));
    // A stream carries every finding's state, also those the operator accepted (a SIEM filters on
    // it); alerts leave those out.
    j["sovscan"]["accepted_by_exception"] = f.suppressed_by ? ordered_json(f.suppressed_by->id) : ordered_json(nullptr);
    return j;
}

ordered_json ecs_asset_document(const MergedAsset& a, const std::string& sensor, int64_t report_ns, int64_t now_ns) {
    ordered_json event{{"kind", "asset"},
                       {"category", ordered_json::array({"host"})},
                       {"type", ordered_json::array({"info"})},
                       {"dataset", kAssetDataset},
                       {"id", printable(a.id)}};
    add_period(event, a.traffic->first_ns, a.traffic->last_ns);
    const std::string verdict(verdict_label(a.verdict));
    ordered_json j = document_head(a.traffic->last_ns ? a.traffic->last_ns : report_ns,
                                   fmt::format("asset {}: {}", printable(a.name.empty() ? a.id : a.name), verdict),
                                   std::move(event), sensor, now_ns);
    ordered_json host = ordered_json::object();
    if (!a.name.empty()) host["name"] = printable(a.name);
    if (!a.hostnames.empty()) host["hostname"] = printable(a.hostnames.front());
    if (!a.ips.empty()) {
        host["ip"] = ordered_json::array();
        for (const IpAddress& ip : a.ips) host["ip"].push_back(ip.to_string());
    }
    if (!a.macs.empty()) {
        host["mac"] = ordered_json::array();
        for (const MacAddress& m : a.macs) host["mac"].push_back(ecs_mac(m));
    }
    if (!a.category.empty()) host["type"] = a.category;
    j["host"] = host;
    // The asset as the JSON report writes it (docs/report-schema.md): one shape for both.
    j["sovscan"] = {{"asset_id", printable(a.id)}, {"verdict", verdict}, {"asset", asset_json(a)}};
    return j;
}

ordered_json ecs_pair_traffic_document(const PairTraffic& p, const std::string& key, const std::string& sensor,
                                       int64_t period_start_ns, int64_t period_end_ns, int64_t now_ns) {
    const Finding& f = *p.finding;
    const bool inbound = p.direction == TrafficDirection::inbound;
    ordered_json event{{"kind", "metric"},
                       {"category", ordered_json::array({"network"})},
                       {"type", ordered_json::array({"connection", "info"})},
                       {"dataset", kPairTrafficDataset},
                       {"id", key},
                       {"severity", ecs_severity(p.severity)}};
    add_period(event, period_start_ns, period_end_ns);
    ordered_json j = document_head(
        period_start_ns,
        fmt::format("{} {} {}: {} bytes sent, {} received in {} flows", printable(p.asset),
                    inbound ? "<-" : "->", printable(p.counterpart), p.bytes_sent, p.bytes_received, p.flows),
        std::move(event), sensor, now_ns);
    // Who opened the sessions is the source, as in the finding's alert.
    j["source"] = inbound ? ecs_remote_endpoint(f, false) : ecs_local_endpoint(f, false);
    j["destination"] = inbound ? ecs_local_endpoint(f, true) : ecs_remote_endpoint(f, true);
    j["source"]["bytes"] = inbound ? p.bytes_received : p.bytes_sent;
    j["source"]["packets"] = inbound ? p.packets_received : p.packets_sent;
    j["destination"]["bytes"] = inbound ? p.bytes_sent : p.bytes_received;
    j["destination"]["packets"] = inbound ? p.packets_sent : p.packets_received;
    j["network"] = {{"direction", inbound ? "inbound" : f.asset.is_local ? "outbound" : "external"},
                    {"bytes", p.bytes_sent + p.bytes_received},
                    {"packets", p.packets_sent + p.packets_received}};
    const Counterpart& c = f.counterpart;
    ordered_json own{{"asset", printable(p.asset)},
                     {"counterpart", printable(p.counterpart)},
                     {"direction", traffic_direction_label(p.direction)},
                     {"located_in", c.located_in},
                     {"controlled_by", c.operator_controlled_by},
                     {"bytes_sent", p.bytes_sent},
                     {"bytes_received", p.bytes_received},
                     {"packets_sent", p.packets_sent},
                     {"packets_received", p.packets_received},
                     {"flows", p.flows},
                     {"first_seen", p.first_ns ? ordered_json(rfc3339_utc(p.first_ns)) : ordered_json(nullptr)},
                     {"last_seen", p.last_ns ? ordered_json(rfc3339_utc(p.last_ns)) : ordered_json(nullptr)},
                     {"finding_ids", p.finding_ids}};
    if (!f.asset.id.empty()) own["asset_id"] = printable(f.asset.id);
    if (!c.operator_name.empty()) own["operator"] = printable(c.operator_name);
    if (!c.vendor_id.empty()) own["vendor"] = {{"id", c.vendor_id}, {"name", c.vendor_name}};
    j["sovscan"] = own;
    return j;
}

ordered_json ecs_country_traffic_document(const CountryTotal& c, bool high_risk, const std::string& key,
                                          const std::string& sensor, int64_t period_start_ns, int64_t period_end_ns,
                                          int64_t now_ns) {
    ordered_json event{{"kind", "metric"},
                       {"category", ordered_json::array({"network"})},
                       {"type", ordered_json::array({"info"})},
                       {"dataset", kCountryTrafficDataset},
                       {"id", key}};
    add_period(event, period_start_ns, period_end_ns);
    const std::string where = c.country.empty() ? "an unknown country" : c.country;
    ordered_json j = document_head(period_start_ns,
                                   fmt::format("egress to {}: {} bytes sent, {} received in {} flows to {} counterparts",
                                               where, c.bytes_sent, c.bytes_received, c.flows, c.counterparts),
                                   std::move(event), sensor, now_ns);
    ordered_json destination = ordered_json::object();
    if (!c.country.empty()) destination["geo"] = {{"country_iso_code", c.country}};
    j["destination"] = destination;
    j["network"] = {{"direction", "outbound"}, {"bytes", c.bytes_sent + c.bytes_received}};
    j["sovscan"] = {{"located_in", c.country.empty() ? ordered_json(nullptr) : ordered_json(c.country)},
                    {"high_risk", high_risk},
                    {"bytes_sent", c.bytes_sent},
                    {"bytes_received", c.bytes_received},
                    {"flows", c.flows},
                    {"counterparts", c.counterparts}};
    return j;
}

DocumentCounts for_each_ecs_document(const ScanReport& report, int64_t now_ns,
                                     const std::function<void(const EcsDocument&)>& take) {
    DocumentCounts n;
    EcsDocument doc;
    for (const Finding& f : report.findings) {
        doc.key = stable_finding_id(f);
        doc.dataset = kFindingDataset;
        doc.body = ecs_finding_document(f, report.sensor, now_ns);
        take(doc);
        ++n.findings;
    }
    if (report.inventory) {
        for (const MergedAsset& a : report.inventory->assets) {
            doc.key = a.id;
            doc.dataset = kAssetDataset;
            doc.body = ecs_asset_document(a, report.sensor, report.last_ns, now_ns);
            take(doc);
            ++n.assets;
        }
    }
    for (const PairTraffic& p : traffic_by_pair(report)) {
        doc.key = pair_traffic_key(report.sensor, p, report.first_ns);
        doc.dataset = kPairTrafficDataset;
        doc.body = ecs_pair_traffic_document(p, doc.key, report.sensor, report.first_ns, report.last_ns, now_ns);
        take(doc);
        ++n.pair_traffic;
    }
    for (const CountryTotal& c : report.egress_by_country) {
        doc.key = country_traffic_key(report.sensor, c, report.first_ns);
        doc.dataset = kCountryTrafficDataset;
        doc.body = ecs_country_traffic_document(c, report.policy.is_high_risk(c.country), doc.key, report.sensor,
                                                report.first_ns, report.last_ns, now_ns);
        take(doc);
        ++n.country_traffic;
    }
    return n;
}

std::string ecs_wire_text(const ordered_json& body) {
    return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace sovscan
