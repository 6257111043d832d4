#pragma once
// The comparison of two stored runs (`sovscan diff`, the scan report's "changed since the previous
// run"): exposures matched by stable id, assets by MergedAsset::id. Backend-neutral: it reads two
// RunRecords, wherever they came from.
#include "report/run_changes.h"
#include "store/run_record.h"

namespace sovscan {

// `from` the earlier run, `to` the later. Traffic (bytes sent + received) counts as grown when the
// later is at least `growth_factor` times the earlier (and the earlier was not zero).
RunChanges diff_runs(const RunRecord& from, const RunRecord& to, double growth_factor);

RunRef run_ref(const RunInfo& info);

}  // namespace sovscan
