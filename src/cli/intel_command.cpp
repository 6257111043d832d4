// `sovscan intel build` and `sovscan intel update`: compile the installed public data (npm packages,
// ieee-data) into the intel directory that scans read; update also says what changed and replaces
// the installed files only when something did. scripts/install-intel.sh runs build.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/shared_options.h"
#include "common/escape.h"
#include "intel/intel.h"
#include "intel/intel_build.h"
#include "intel/intel_update.h"

namespace sovscan::cli {

namespace {

// Items of each list printed in the text report; --json has up to kJsonListLimit.
constexpr size_t kTextListLimit = 10;
constexpr size_t kJsonListLimit = 1000;

struct IntelArgs {
    IntelBuildOptions build;
    bool quiet = false;
    bool dry_run = false;
    bool json = false;
};

// The inputs both subcommands compile from; --npm-dir is required for build, defaulted for update.
void add_build_inputs(CLI::App& cmd, IntelBuildOptions& o, bool npm_dir_required) {
    auto npm = cmd.add_option("--npm-dir", o.npm_dir, "where npm installed @ip-location-db/* (DIR or DIR/node_modules)")
                   ->type_name("DIR");
    if (npm_dir_required) npm->required();
    else npm->capture_default_str();
    cmd.add_option("--out", o.out_dir, "intel directory to write (default " SOVSCAN_DEFAULT_INTEL_DIR ")")
        ->type_name("DIR");
    cmd.add_option("--ieee-dir", o.ieee_dir, "IEEE registry CSVs (Debian ieee-data)")->capture_default_str();
    cmd.add_option("--ieee-version", o.ieee_version, "ieee-data version for the manifest (default: from dpkg)");
}

int run_build(const IntelArgs& a) {
    Diagnostics diag;
    IntelBuildSummary s;
    bool ok = build_intel(a.build, diag, &s);
    print_problems(diag);
    if (!ok) return kExitUsage;
    if (!a.quiet)
        std::cout << fmt::format(
            "intel built in {}: {} IPv4 and {} IPv6 ranges, {} ASNs; OUI assignments MA-L {}, MA-M {}, MA-S {}\n",
            terminal_safe(a.build.out_dir), s.v4_ranges, s.v6_ranges, s.asns, s.oui_ma_l, s.oui_ma_m, s.oui_ma_s);
    return kExitOk;
}

std::string signed_change(size_t added, size_t removed) { return fmt::format("+{} -{}", added, removed); }

// Up to kTextListLimit lines of `items`, then how many more there are.
template <typename T, typename Line>
void print_list(std::ostream& out, const std::vector<T>& items, Line line) {
    for (size_t i = 0; i < items.size() && i < kTextListLimit; ++i) out << "    " << line(items[i]) << "\n";
    if (items.size() > kTextListLimit)
        out << fmt::format("    ... and {} more (--json lists up to {})\n", items.size() - kTextListLimit, kJsonListLimit);
}

void print_update_text(std::ostream& out, const IntelUpdateReport& r) {
    const IntelDiff& d = r.diff;
    const std::string dir = terminal_safe(r.intel_dir);
    // The versions are always named, changed or not: a report says what data it stands on.
    auto versions = [&] {
        for (const auto& s : d.sources) {
            std::string what = !d.had_previous           ? fmt::format("{} (new)", terminal_safe(s.new_version))
                               : s.version_changed()    ? fmt::format("{} -> {}", terminal_safe(s.old_version),
                                                                    terminal_safe(s.new_version))
                               : s.inputs_changed()     ? fmt::format("{} (same version, inputs changed)",
                                                                    terminal_safe(s.new_version))
                                                        : fmt::format("{} (unchanged)", terminal_safe(s.new_version));
            out << fmt::format("  {:<17} {:<44} {}\n", terminal_safe(s.id), terminal_safe(s.name), what);
        }
    };
    if (!d.changed()) {
        out << fmt::format("intel in {} is up to date: nothing changed\n", dir);
        versions();
        return;
    }
    out << fmt::format("intel update for {}{}\n", dir,
                       r.dry_run ? " (dry run: nothing replaced)" : !d.had_previous ? " (no previous intel)" : "");
    versions();
    const IntelCounts &o = d.old_counts, &n = d.new_counts;
    out << fmt::format("  IPv4 ranges {} -> {}, IPv6 ranges {} -> {}: {}\n", o.v4_ranges, n.v4_ranges, o.v6_ranges,
                       n.v6_ranges, signed_change(d.ranges_added.size(), d.ranges_removed.size()));
    auto range = [](const AsnRange& x) {
        return fmt::format("{}-{} AS{}", x.first.to_string(), x.last.to_string(), x.asn);
    };
    print_list(out, d.ranges_added, [&](const AsnRange& x) { return "+ " + range(x); });
    print_list(out, d.ranges_removed, [&](const AsnRange& x) { return "- " + range(x); });
    out << fmt::format("  ASNs {} -> {}: {}, {} with another organisation\n", o.asns, n.asns,
                       signed_change(d.asns_added.size(), d.asns_removed.size()), d.asns_renamed.size());
    print_list(out, d.asns_added, [](const AsnNamed& x) { return fmt::format("+ AS{} {}", x.asn, terminal_safe(x.org)); });
    print_list(out, d.asns_removed, [](const AsnNamed& x) { return fmt::format("- AS{} {}", x.asn, terminal_safe(x.org)); });
    print_list(out, d.asns_renamed, [](const AsnRenamed& x) {
        return fmt::format("~ AS{} {} -> {}", x.asn, terminal_safe(x.old_org), terminal_safe(x.new_org));
    });
    out << fmt::format("  OUI assignments MA-L {} -> {}, MA-M {} -> {}, MA-S {} -> {}: {}\n", o.oui[0], n.oui[0], o.oui[1],
                       n.oui[1], o.oui[2], n.oui[2], signed_change(d.oui_added.size(), d.oui_removed.size()));
    auto assignment = [](const OuiAssignment& x) {
        return fmt::format("{} {} {}", x.registry, x.prefix, terminal_safe(x.organisation));
    };
    print_list(out, d.oui_added, [&](const OuiAssignment& x) { return "+ " + assignment(x); });
    print_list(out, d.oui_removed, [&](const OuiAssignment& x) { return "- " + assignment(x); });
    if (r.replaced) out << fmt::format("  replaced: {} files in {}\n", kIntelFiles.size(), dir);
}

int run_update(const IntelArgs& a) {
    Diagnostics diag;
    IntelUpdateReport report;
    IntelUpdateOptions o{a.build, a.dry_run};
    bool ok = update_intel(o, diag, report);
    print_problems(diag);
    if (!ok) return kExitUsage;
    if (a.json)
        // Organisation strings come from the data: invalid UTF-8 is replaced rather than thrown on.
        std::cout << intel_update_json(report, kJsonListLimit).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    else if (!a.quiet)
        print_update_text(std::cout, report);
    return kExitOk;
}

}  // namespace

CommandRunner add_intel_command(CLI::App& app) {
    auto a = std::make_shared<IntelArgs>();
    CLI::App* intel = app.add_subcommand("intel", "Manage the installed knowledge (geolocation, ASN, IEEE OUI).");
    intel->require_subcommand(1);
    a->build.out_dir = default_intel_paths().intel_dir;
    // The set-up installs the npm packages beside the default intel directory (DIR/npm, DIR/intel).
    a->build.npm_dir = (std::filesystem::path(SOVSCAN_DEFAULT_INTEL_DIR).parent_path() / "npm").string();

    CLI::App* build = intel->add_subcommand(
        "build", "Compile the npm geolocation/ASN packages and the IEEE registry into the intel directory.");
    add_build_inputs(*build, a->build, /*npm_dir_required=*/true);
    build->add_flag("-q,--quiet", a->quiet, "print nothing but errors");

    CLI::App* update = intel->add_subcommand(
        "update",
        "Rebuild the intel from the installed (newer) data packages beside the installed one, report what changed\n"
        "(versions, IPv4/IPv6 ranges, ASNs, OUI assignments, input checksums), then replace the installed files.");
    add_build_inputs(*update, a->build, /*npm_dir_required=*/false);
    update->add_flag("-n,--dry-run", a->dry_run, "report what would change; replace nothing");
    update->add_flag("--json", a->json, "the report as JSON on stdout");
    update->add_flag("-q,--quiet", a->quiet, "print nothing but errors");
    update->footer(
        "To move to newer data: bump the pinned versions in scripts/install-intel.sh, run it (it installs the\n"
        "packages and rebuilds), or install them yourself and run `sovscan intel update`.");

    return [a, build, update]() {
        if (build->parsed()) return run_build(*a);
        if (update->parsed()) return run_update(*a);
        return kExitUsage;
    };
}

}  // namespace sovscan::cli
