#pragma once
// The traffic a report counts per (asset, counterpart, direction): what a SIEM charts over time
// beside the findings' state. One exposure can make several findings (SOV-001 where the server
// is, SOV-002 who runs it): their traffic is that one exposure's, counted once here.
#include <cstdint>
#include <string>
#include <vector>

#include "assess/finding.h"
#include "report/scan_report.h"

namespace sovscan {

enum class TrafficDirection : uint8_t { egress, inbound, dns };
const char* traffic_direction_label(TrafficDirection d);  // "egress", "inbound", "dns"

struct PairTraffic {
    // A finding of the pair (the most severe): its asset, counterpart and endpoints.
    const Finding* finding = nullptr;
    TrafficDirection direction = TrafficDirection::egress;
    std::string asset;        // the asset's address (or first MAC)
    std::string counterpart;  // the counterpart's address, or "name:<server>" reached by name only
    uint64_t bytes_sent = 0, bytes_received = 0, packets_sent = 0, packets_received = 0, flows = 0;
    int64_t first_ns = 0, last_ns = 0;
    std::vector<std::string> finding_ids;  // stable_finding_id of every finding of the pair
    Severity severity = Severity::info;    // the highest of them
};

// The pairs of the report's traffic findings (SOV-001..004), in the order of the findings.
std::vector<PairTraffic> traffic_by_pair(const ScanReport& report);

// Stable message keys for the aggregates: the sensor, what the aggregate is about and the start
// of the period it covers (the report's first packet, UTC seconds). The same capture scanned
// again gives the same keys; a sensor republishing its growing totals at each interval overwrites
// them under one key; a restarted sensor starts new ones (docs/kafka.md).
std::string pair_traffic_key(const std::string& sensor, const PairTraffic& p, int64_t period_start_ns);
std::string country_traffic_key(const std::string& sensor, const CountryTotal& c, int64_t period_start_ns);

}  // namespace sovscan
