#include "export/traffic_aggregates.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/stable_id.h"

namespace sovscan {

const char* traffic_direction_label(TrafficDirection d) {
    switch (d) {
    case TrafficDirection::egress: return "egress";
    case TrafficDirection::inbound: return "inbound";
    case TrafficDirection::dns: return "dns";
    }
    return "egress";
}

namespace {

TrafficDirection direction_of(RuleId rule) {
    if (rule == RuleId::inbound_from_high_risk) return TrafficDirection::inbound;
    if (rule == RuleId::resolver_high_risk) return TrafficDirection::dns;
    return TrafficDirection::egress;
}

// Whole seconds: the key must not change with how precisely a source timestamps packets.
std::string period_text(int64_t start_ns) { return std::to_string(start_ns / 1'000'000'000); }

}  // namespace

std::vector<PairTraffic> traffic_by_pair(const ScanReport& report) {
    std::vector<PairTraffic> pairs;
    std::map<std::tuple<std::string, std::string, TrafficDirection>, size_t> index;
    for (const Finding& f : report.findings) {
        if (rule_info(f.rule).subject != RuleSubject::traffic) continue;
        const Counterpart& c = f.counterpart;
        // As stable_finding_id identifies the two sides, so that a pair's key and its findings' ids agree.
        std::string asset = f.asset.has_ip ? f.asset.ip.to_string()
                                           : f.asset.macs.empty() ? "" : f.asset.macs.front().to_string();
        std::string counterpart = c.has_ip() || c.names.empty() ? c.ip.to_string() : "name:" + c.names.front().name;
        const TrafficDirection direction = direction_of(f.rule);
        auto [it, added] = index.try_emplace({asset, counterpart, direction}, pairs.size());
        if (added) {
            PairTraffic p;
            p.direction = direction;
            p.asset = std::move(asset);
            p.counterpart = std::move(counterpart);
            pairs.push_back(std::move(p));
        }
        PairTraffic& p = pairs[it->second];
        p.finding_ids.push_back(stable_finding_id(f));
        if (!p.finding || f.severity > p.severity) p.finding = &f, p.severity = f.severity;
        // Every finding of the pair counts the same exposure: its largest count is the pair's (a
        // finding never sums exposures of other pairs).
        p.bytes_sent = std::max(p.bytes_sent, f.bytes_sent);
        p.bytes_received = std::max(p.bytes_received, f.bytes_received);
        p.packets_sent = std::max(p.packets_sent, f.packets_sent);
        p.packets_received = std::max(p.packets_received, f.packets_received);
        p.flows = std::max(p.flows, f.flows);
        if (f.first_ns && (!p.first_ns || f.first_ns < p.first_ns)) p.first_ns = f.first_ns;
        p.last_ns = std::max(p.last_ns, f.last_ns);
    }
    return pairs;
}

std::string pair_traffic_key(const std::string& sensor, const PairTraffic& p, int64_t period_start_ns) {
    return stable_hex_id("pair|" + sensor + "|" + p.asset + "|" + p.counterpart + "|" +
                         traffic_direction_label(p.direction) + "|" + period_text(period_start_ns));
}

std::string country_traffic_key(const std::string& sensor, const CountryTotal& c, int64_t period_start_ns) {
    return stable_hex_id("country|" + sensor + "|" + c.country + "|" + period_text(period_start_ns));
}

}  // namespace sovscan
