#pragma once
// Options and messages shared by the commands that read the intel and judge by the policy (scan,
// lookup), so that they take them the same way and say the same things.
#include <CLI/CLI.hpp>

#include <set>
#include <string>

#include "assess/policy.h"
#include "common/diagnostics.h"
#include "intel/intel.h"

namespace sovscan::cli {

// --intel-dir and --catalog-dir; unset ones keep default_intel_paths() ($SOVSCAN_INTEL_DIR, ...).
struct IntelDirOptions {
    std::string intel_dir, catalog_dir;

    void add_to(CLI::App& cmd);
    // --catalog-dir only, for commands that need the catalog and none of the compiled intel.
    void add_catalog_dir_to(CLI::App& cmd);
    IntelPaths paths() const;
};

// --high-risk CC,CC,...: registered with the same help and default everywhere.
CLI::Option* add_high_risk_option(CLI::App& cmd, std::string& value);
// "cn, hk,MO" -> {CN, HK, MO}; false after printing a one-line error naming the item that is no
// 2-letter code.
bool parse_high_risk_option(const std::string& text, std::set<std::string>& out);

// --policy FILE: the file's policy into `policy`; false after printing its one-line "path:line:"
// error.
bool load_policy_option(const std::string& path, Policy& policy);

// Every problem in `diag`, one line each on stderr: "sovscan: error: FILE: message".
void print_problems(const Diagnostics& diag);

}  // namespace sovscan::cli
