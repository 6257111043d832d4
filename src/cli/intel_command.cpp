// `sovscan intel build`: compile the installed public data (npm packages, ieee-data) into the intel
// directory that scans read. scripts/install-intel.sh runs it.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "common/escape.h"
#include "intel/intel.h"
#include "intel/intel_build.h"

namespace sovscan::cli {

namespace {

struct IntelArgs {
    IntelBuildOptions build;
    bool quiet = false;
};

int run_build(const IntelArgs& a) {
    Diagnostics diag;
    IntelBuildSummary s;
    bool ok = build_intel(a.build, diag, &s);
    for (const auto& p : diag.problems())
        std::cerr << fmt::format("sovscan: {}: {}{}{}\n", p.level == ProblemLevel::error ? "error" : "warning",
                                 terminal_safe(p.input), p.input.empty() ? "" : ": ", p.message);
    if (!ok) return kExitUsage;
    if (!a.quiet)
        std::cout << fmt::format(
            "intel built in {}: {} IPv4 and {} IPv6 ranges, {} ASNs; OUI assignments MA-L {}, MA-M {}, MA-S {}\n",
            terminal_safe(a.build.out_dir), s.v4_ranges, s.v6_ranges, s.asns, s.oui_ma_l, s.oui_ma_m, s.oui_ma_s);
    return kExitOk;
}

}  // namespace

CommandRunner add_intel_command(CLI::App& app) {
    auto a = std::make_shared<IntelArgs>();
    CLI::App* intel = app.add_subcommand("intel", "Manage the installed knowledge (geolocation, ASN, IEEE OUI).");
    intel->require_subcommand(1);
    CLI::App* build = intel->add_subcommand(
        "build", "Compile the npm geolocation/ASN packages and the IEEE registry into the intel directory.");
    build->add_option("--npm-dir", a->build.npm_dir, "where npm installed @ip-location-db/* (DIR or DIR/node_modules)")
        ->required()
        ->type_name("DIR");
    build->add_option("--out", a->build.out_dir, "intel directory to write (default " SOVSCAN_DEFAULT_INTEL_DIR ")")
        ->type_name("DIR");
    build->add_option("--ieee-dir", a->build.ieee_dir, "IEEE registry CSVs (Debian ieee-data)")->capture_default_str();
    build->add_option("--ieee-version", a->build.ieee_version, "ieee-data version for the manifest (default: from dpkg)");
    build->add_flag("-q,--quiet", a->quiet, "print nothing but errors");
    a->build.out_dir = default_intel_paths().intel_dir;
    return [a, build]() {
        if (build->parsed()) return run_build(*a);
        return kExitUsage;
    };
}

}  // namespace sovscan::cli
