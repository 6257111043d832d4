#pragma once
// Wires the stages for `sovscan scan`: sources -> decode -> flows -> observe -> enrich -> assess,
// and returns the report value. Knows nothing of the command line or the terminal.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assess/policy.h"
#include "engine/asset_inventory.h"
#include "common/diagnostics.h"
#include "common/stop_request.h"
#include "flows/flow_table.h"
#include "intel/intel.h"
#include "observe/observer.h"
#include "report/scan_report.h"

namespace sovscan {

struct ScanProgress {
    uint64_t bytes_done = 0, bytes_total = 0, packets = 0;  // bytes_total 0: unknown (a stream)
    size_t live_flows = 0;
    double elapsed_seconds = 0;
};

struct ScanOptions {
    std::vector<std::string> inputs;  // capture files or directories
    Policy policy;
    FlowTableConfig flows;
    ObserverLimits observe;
    // The bound on memory per distinct counterpart (--max-counterparts; docs/security.md, "Floods
    // and memory limits"): 2^16 exposures kept one by one are about 70 MB; the pairs folded beyond
    // them cost 4 times as many fingerprints (about 12 MB).
    ExposureLimits exposures{.max_counterparts = 1u << 16};
    IntelPaths intel_paths = default_intel_paths();
    std::vector<std::string> command_line;  // recorded in the report
    // The sensor that made the report (--sensor; the host name by default): runs in the store,
    // alerts and merged reports are kept apart by it.
    std::string sensor;
    // The date policy exceptions are judged against; unset = the UTC day the scan ends (the day of
    // the report's generated_at). Tests set it.
    std::optional<CalendarDate> today;
    // Inventory inputs merged with what traffic shows into the report's asset list (when wanted()).
    AssetInputs assets;
    std::function<void(const ScanProgress&)> on_progress;  // called about twice a second, and at the end
    std::function<void(const Flow&)> on_flow;  // every ended flow, named (flow export, tests)
    // Set (SIGINT, SIGTERM): stop reading, end the live flows, report what was read, marked partial.
    const StopRequest* stop = nullptr;
};

class ScanEngine {
public:
    // Runs the scan. Returns nullopt when nothing could be scanned (no readable input, intel
    // missing, a policy exception naming a vendor the catalog does not have); the reasons are in
    // `diag`. Problems with some inputs still yield a report.
    static std::optional<ScanReport> run(const ScanOptions& options, Diagnostics& diag);
    // An exception naming a vendor the catalog lacks would silently never match: false after an
    // error pointing at its line in the policy file.
    static bool check_exception_vendors(const Policy& policy, const Intel& intel, Diagnostics& diag);
};

}  // namespace sovscan
