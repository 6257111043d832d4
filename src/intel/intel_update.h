#pragma once
// `sovscan intel update`: rebuild the intel from newer installed data packages without disturbing
// the intel in use until the new build is complete. build_intel writes into a staging directory
// beside the target; the result is compared with what is installed (intel_diff.h); unless it is a
// dry run and if anything changed, each file is then renamed into place, the manifest last, as
// `intel build` does. The staging directory is removed in every case.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "common/diagnostics.h"
#include "intel/intel_build.h"
#include "intel/intel_diff.h"

namespace sovscan {

struct IntelUpdateOptions {
    IntelBuildOptions build;  // the same inputs as `intel build`; build.out_dir is the intel to update
    bool dry_run = false;     // compare and report only
};

struct IntelUpdateReport {
    std::string intel_dir;  // the directory updated (or that would be)
    bool dry_run = false;
    bool replaced = false;  // the new files are in place
    IntelDiff diff;
};

// False (with errors in `diag` naming the directory or file) when the package directory is missing,
// the build fails or the files cannot be put in place; the installed intel is then as it was.
bool update_intel(const IntelUpdateOptions& options, Diagnostics& diag, IntelUpdateReport& report);

// The report as JSON (`sovscan intel update --json`). Each list holds at most `list_limit` items,
// with its full count beside it: a first install "adds" every one of half a million ranges.
nlohmann::json intel_update_json(const IntelUpdateReport& report, size_t list_limit);

}  // namespace sovscan
