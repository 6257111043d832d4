#pragma once
// What changed between two runs of a sensor (`sovscan diff`, and the HTML report's "changed since
// the previous run" section): exposures and assets that are new, gone, or changed — severity up or
// down, traffic grown past a factor. Computed from a store (store/run_diff.h); written by
// report/run_changes_report.h.
#include <cstdint>
#include <string>
#include <vector>

#include "assess/severity.h"

namespace sovscan {

// A run as the comparison names it.
struct RunRef {
    int64_t id = 0;
    std::string sensor, generated_at;
    int64_t first_ns = 0, last_ns = 0;
};

struct ExposureChange {
    enum class Kind { added, severity_up, severity_down, traffic_grown, gone };
    Kind kind = Kind::added;
    std::string finding_id, rule, asset, counterpart, country, vendor, summary;
    Severity severity = Severity::info;           // now (for a gone one: when last seen)
    Severity previous_severity = Severity::info;  // before (for a new one: its own)
    uint64_t bytes = 0, previous_bytes = 0;       // sent + received
};

struct AssetChange {
    enum class Kind { added, verdict_changed, traffic_grown, gone };
    Kind kind = Kind::added;
    std::string asset_id, name, vendor;
    std::string verdict, previous_verdict;
    uint64_t bytes = 0, previous_bytes = 0;
};

struct RunChanges {
    RunRef from, to;
    double growth_factor = 2.0;  // traffic counts as grown at this many times the earlier run's
    std::vector<ExposureChange> exposures;  // new, severity up, down, grown, gone; most severe first in each
    std::vector<AssetChange> assets;

    size_t count(ExposureChange::Kind k) const;
    size_t count(AssetChange::Kind k) const;
};

const char* change_kind_label(ExposureChange::Kind k);  // new, severity_up, severity_down, traffic_grown, gone
const char* change_kind_label(AssetChange::Kind k);     // new, verdict_changed, traffic_grown, gone

}  // namespace sovscan
