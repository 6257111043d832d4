#pragma once
// Everything a scan produced, as one value that every writer (terminal, JSON, CSV) reads.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "common/diagnostics.h"
#include "intel/intel.h"
#include "report/run_changes.h"

namespace sovscan {

inline constexpr const char* kReportSchemaVersion = "1.9";

struct InputSummary {
    std::string path;  // a file, an interface ("interface eth0"), an exporter ("exporter 192.0.2.1")
    // What it is: "capture" (a file or stream of packets), "interface", "zeek", "suricata-eve",
    // "netflow-v5", "netflow-v9", "ipfix", "sflow"...
    std::string kind = "capture";
    uint64_t packets = 0;
    uint64_t records = 0;  // flow records, log records, sampled packets read from it
    uint64_t bytes = 0;  // file size
    int64_t first_ns = 0, last_ns = 0;
    bool partial = false;
    // A live interface's capture statistics (pcap_stats): packets the kernel dropped for want of
    // buffer space, and the interface (driver) dropped. Either makes the report partial.
    uint64_t kernel_drops = 0, interface_drops = 0;
};

struct CountryTotal {  // egress volume by where the counterpart is located
    std::string country;  // ISO code, "" = unknown
    uint64_t bytes_sent = 0, bytes_received = 0, flows = 0, counterparts = 0;
};

// What the memory bound on counterparts did (--max-counterparts; ExposureLimits).
struct FoldingSummary {
    size_t max_counterparts = 0;  // 0 = unbounded
    FoldStats stats;
    std::vector<FoldedExposures> groups;  // exact traffic of the folded counterparts
    bool happened() const { return stats.counterparts > 0 || stats.devices_not_kept > 0; }
    // One line for the terminal, HTML and CSV notes; "" when nothing was folded.
    std::string note() const;
};

// One sensor's report that a merged report was made from (`sovscan merge`, docs/merge.md): kept
// apart, so that the merged report says who contributed, with which intel and policy, and how
// complete each contribution was.
struct ReportSource {
    std::string report;  // the report file merge read it from
    std::string sensor, generated_at;
    std::vector<std::string> inputs;  // the paths of its inputs
    std::vector<IntelSource> intel;   // id, name, version of each data set it used
    // Its policy, as far as a report tells it: the file (path, sha256; empty for the defaults),
    // the high-risk jurisdictions, the home networks and the threshold.
    std::string policy_file, policy_sha256, fail_on;
    std::set<std::string> high_risk_jurisdictions;
    std::vector<std::string> home_networks;
    std::vector<std::string> partial_reasons;  // as it wrote them; empty when it was complete
};

struct ScanReport {
    std::string generated_at;  // RFC 3339 UTC
    std::vector<std::string> command_line;
    std::string sensor;  // who made it (--sensor, default the host name): merged reports keep sensors apart
    Policy policy;
    CalendarDate policy_date;  // the day exceptions were judged against
    std::vector<InputSummary> inputs;
    std::vector<IntelSource> intel;
    uint64_t packets = 0, ip_packets = 0, wire_bytes = 0;
    int64_t first_ns = 0, last_ns = 0;
    TrafficTotals traffic;
    FoldingSummary folding;
    NamedCounters decode_counters, flow_counters, observe_counters;
    NamedCounters input_counters;  // of the readers of flow exports and logs, "<reader>.<counter>"
    // What the outputs that stream the report counted: "kafka.sent", "kafka.delivered", "kafka.lost".
    NamedCounters export_counters;
    std::vector<CountryTotal> egress_by_country;
    std::vector<Finding> findings;
    std::vector<DeviceRecord> devices;
    // The merged asset list, when inventory inputs were given (or `sovscan assets` ran).
    std::optional<AssetInventory> inventory;
    std::vector<InputProblem> problems;
    // With --store: what changed since the sensor's previous run in the store (from.id 0 when this
    // is its first). The HTML report shows it; other writers leave it to `sovscan diff`.
    std::optional<RunChanges> changes;
    double elapsed_seconds = 0;
    int interrupted_by = 0;  // the signal that stopped the reading (SIGINT, SIGTERM), 0 = read to the end
    // A merged report's sources, one per sensor's report, in the order merged; empty otherwise.
    std::vector<ReportSource> merged_from;

    // Partial: an input was read only up to damage (truncated, corrupt), or one was not read at all
    // (missing, permission denied, not a capture, an inventory with nothing readable). The reasons
    // say which and why, one line each ("x.pcap: skipped: Permission denied"). A merged report is
    // partial when one of its sources was, for the reasons that source gave ("site-a: x.pcap: ...").
    bool partial() const;
    std::vector<std::string> partial_reasons() const;
    // Findings at or above `s` that no exception suppresses (what --fail-on counts).
    size_t count_at_or_above(Severity s) const;
    size_t suppressed_count() const;
};

}  // namespace sovscan
