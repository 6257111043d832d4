#pragma once
// One run as every store backend keeps it (SQLite here, PostgreSQL next): what was read and how it
// was judged (RunInfo), and what it found, in rows a database holds without the report's nesting.
// Backend-neutral on purpose: a backend maps these structs to its tables and back, nothing more, so
// that history, diff and the period report (store/run_diff.h, store/period_query.h) work the same on
// every backend.
#include <cstdint>
#include <string>
#include <vector>

#include "report/scan_report.h"

namespace sovscan {

struct RunInput {
    std::string path, kind;  // as the report names it ("x.pcap", "interface eth0"), InputSummary::kind
    uint64_t size = 0;       // bytes; 0 for an interface or an exporter
    std::string sha256;      // of a file's content; "" for what is no file (an interface, a stream)
};

struct RunInfo {
    int64_t id = 0;             // assigned by the store when written, increasing
    std::string sensor;         // --sensor, default the host name
    std::string command_line;   // the argv, joined with spaces
    std::string generated_at;   // RFC 3339 UTC, when the report was made
    int64_t recorded_ns = 0;    // when the store wrote the run (wall clock): what --keep prunes by
    int64_t first_ns = 0, last_ns = 0;  // the traffic's time span (0 when no traffic was read)
    std::vector<RunInput> inputs;
    std::string intel_versions;   // "id=version" of each intel data set, joined with ", "
    std::string catalog_version;  // the vendor catalog's version
    std::string policy_digest;    // SHA-256 of the effective policy (file and command-line overrides)
    // Written whole in one transaction: a run read back is complete. A row marked otherwise was
    // left by a writer of another kind (a backend that streams a run in several transactions).
    bool complete = false;
    bool partial = false;  // the scan itself was partial (an input damaged or unreadable, interrupted)
    uint64_t packets = 0, findings = 0, assets = 0;
};

// A finding as stored: its identity (stable_finding_id and what it is about) and this run's numbers.
struct StoredFinding {
    std::string id;  // stable_finding_id(): the same exposure on every run and sensor
    std::string rule;     // "SOV-001"
    Severity severity = Severity::info;
    std::string asset;         // the asset's address (or MAC), as reports show it
    std::string asset_id;      // MergedAsset::id when an inventory was built, else ""
    std::string counterpart;   // address, or the name of a server reached by name only; "" for device rules
    std::string country;       // where the counterpart is located
    std::string vendor;        // the counterpart's or device's vendor name
    std::string summary;
    uint64_t bytes_sent = 0, bytes_received = 0, packets_sent = 0, packets_received = 0, flows = 0;
    int64_t first_ns = 0, last_ns = 0;
    bool suppressed = false;  // accepted by a policy exception
};

struct StoredAsset {
    std::string id;  // MergedAsset::id
    std::string name, category;
    std::string verdict;  // verdict_label: clear, review, high_risk
    std::string vendor;   // the strongest attributed vendor's name, "" for none
    uint64_t bytes_sent = 0, bytes_received = 0, flows = 0;
    int64_t first_ns = 0, last_ns = 0;
};

// Traffic of one UTC day, per counterpart or per asset, each way.
struct DailyAggregate {
    enum class Kind { counterpart, asset };
    std::string day;  // YYYY-MM-DD (UTC)
    Kind kind = Kind::counterpart;
    std::string key;  // the counterpart's address or name; the asset's id or address
    uint64_t bytes_sent = 0, bytes_received = 0, packets_sent = 0, packets_received = 0, flows = 0;
};
const char* aggregate_kind_label(DailyAggregate::Kind k);  // "counterpart", "asset"

// A device seen on the local link (its MAC), as the report's device list has it.
struct StoredDevice {
    std::string mac;
    std::string ips;  // its addresses, joined with ", "
    std::string organisation, vendor;
    uint64_t frames = 0;
    int64_t first_ns = 0, last_ns = 0;
};

struct RunRecord {
    RunInfo info;
    std::vector<StoredFinding> findings;
    std::vector<StoredAsset> assets;
    std::vector<DailyAggregate> aggregates;
    std::vector<StoredDevice> devices;
};

class InputDigests;

// The record of `report`, inputs digested: by `digests` (store/input_digests.h, made while the scan
// read them) when given, else read again here; what cannot be read keeps an empty digest.
// Aggregates are keyed by the UTC day of the traffic's first packet of each finding (counterpart)
// or asset.
RunRecord run_record_from(const ScanReport& report, InputDigests* digests = nullptr);

// SHA-256 of the policy as it was applied: the file's digest and everything the command line can
// override, so that two runs judged alike have the same digest.
std::string policy_digest(const Policy& policy);

// "YYYY-MM-DD" of a time in ns since the epoch (UTC).
std::string utc_day(int64_t ns);

}  // namespace sovscan
