#pragma once
// The period report from a store (`sovscan report --since 30d | --from --to`): exposures from the
// store's spans, and the timeline by day counted from them. Backend-neutral (RunStore only).
#include <string>

#include "report/period_report.h"
#include "store/run_store.h"

namespace sovscan {

// Exposures seen in [from_ns, to_ns] on `sensor` ("" = every one). `generated_at` is the report's
// own time (RFC 3339).
PeriodReport build_period_report(RunStore& store, int64_t from_ns, int64_t to_ns, const std::string& sensor,
                                 const std::string& generated_at);

}  // namespace sovscan
