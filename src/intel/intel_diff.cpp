#include "intel/intel_diff.h"

#include <fmt/format.h>

#include <filesystem>
#include <string_view>

#include "intel/intel_build.h"
#include "intel/oui_registry.h"

namespace sovscan {
namespace fs = std::filesystem;

namespace {

// Walks two ascending sequences side by side by key: `only_old` and `only_new` get the items one
// side lacks, `both` the pairs with equal keys. Linear, so comparing 400k ranges stays cheap.
template <typename OldAt, typename NewAt, typename Key, typename OnlyOld, typename OnlyNew, typename Both>
void merge_by_key(uint32_t n_old, OldAt old_at, uint32_t n_new, NewAt new_at, Key key, OnlyOld only_old,
                  OnlyNew only_new, Both both) {
    uint32_t i = 0, j = 0;
    while (i < n_old || j < n_new) {
        if (j == n_new) {
            only_old(old_at(i++));
        } else if (i == n_old) {
            only_new(new_at(j++));
        } else {
            auto a = old_at(i), b = new_at(j);
            auto ka = key(a), kb = key(b);
            if (ka < kb) {
                only_old(a);
                ++i;
            } else if (kb < ka) {
                only_new(b);
                ++j;
            } else {
                both(a, b);
                ++i;
                ++j;
            }
        }
    }
}

struct AsnEntry {
    uint32_t asn;
    std::string_view org;
};

// The compiled tables of one directory; `opened` false when there are none to compare with.
struct CompiledTables {
    AsnTable asn;
    OuiRegistry oui;
    bool opened = false;

    bool open(const std::string& dir, std::string& error) {
        opened = asn.open(dir + "/asn.bin", error) && oui.open(dir + "/oui.bin", error);
        return opened;
    }
    IntelCounts counts() const {
        IntelCounts c;
        if (!opened) return c;
        c.v4_ranges = asn.v4_count(), c.v6_ranges = asn.v6_count(), c.asns = asn.asn_count();
        for (int r = 0; r < 3; ++r) c.oui[r] = oui.count(static_cast<OuiRegistryKind>(r));
        return c;
    }
};

void diff_ranges(const CompiledTables& o, const CompiledTables& n, IntelDiff& d) {
    auto same = [](const AsnRange& r) { return r; };  // ranges differ in start, end or ASN
    auto removed = [&](const AsnRange& r) { d.ranges_removed.push_back(r); };
    auto added = [&](const AsnRange& r) { d.ranges_added.push_back(r); };
    auto unchanged = [](const AsnRange&, const AsnRange&) {};
    merge_by_key(o.opened ? o.asn.v4_count() : 0, [&](uint32_t i) { return o.asn.v4_range(i); }, n.asn.v4_count(),
                 [&](uint32_t i) { return n.asn.v4_range(i); }, same, removed, added, unchanged);
    merge_by_key(o.opened ? o.asn.v6_count() : 0, [&](uint32_t i) { return o.asn.v6_range(i); }, n.asn.v6_count(),
                 [&](uint32_t i) { return n.asn.v6_range(i); }, same, removed, added, unchanged);
}

void diff_asns(const CompiledTables& o, const CompiledTables& n, IntelDiff& d) {
    merge_by_key(
        o.opened ? o.asn.asn_count() : 0, [&](uint32_t i) { return AsnEntry{o.asn.asn_at(i), o.asn.asn_org_at(i)}; },
        n.asn.asn_count(), [&](uint32_t i) { return AsnEntry{n.asn.asn_at(i), n.asn.asn_org_at(i)}; },
        [](const AsnEntry& e) { return e.asn; },
        [&](const AsnEntry& e) { d.asns_removed.push_back({e.asn, std::string(e.org)}); },
        [&](const AsnEntry& e) { d.asns_added.push_back({e.asn, std::string(e.org)}); },
        [&](const AsnEntry& a, const AsnEntry& b) {
            if (a.org != b.org) d.asns_renamed.push_back({a.asn, std::string(a.org), std::string(b.org)});
        });
}

void diff_oui(const CompiledTables& o, const CompiledTables& n, IntelDiff& d) {
    auto assignment = [](const OuiHit& h) {
        return OuiAssignment{std::string(kOuiRegistryNames[static_cast<int>(h.registry)]), h.prefix_hex(),
                             std::string(h.organisation)};
    };
    for (int r = 0; r < 3; ++r) {
        const auto kind = static_cast<OuiRegistryKind>(r);
        merge_by_key(
            o.opened ? o.oui.count(kind) : 0, [&](uint32_t i) { return o.oui.entry_at(kind, i); }, n.oui.count(kind),
            [&](uint32_t i) { return n.oui.entry_at(kind, i); }, [](const OuiHit& h) { return h.prefix; },
            [&](const OuiHit& h) { d.oui_removed.push_back(assignment(h)); },
            [&](const OuiHit& h) { d.oui_added.push_back(assignment(h)); },
            [&](const OuiHit& a, const OuiHit& b) {
                if (a.organisation == b.organisation) return;
                d.oui_removed.push_back(assignment(a));  // reassigned: the old holder goes, the new one comes
                d.oui_added.push_back(assignment(b));
            });
    }
}

void diff_sources(const std::vector<IntelSource>& olds, const std::vector<IntelSource>& news, IntelDiff& d) {
    auto find = [](const std::vector<IntelSource>& v, const std::string& id) -> const IntelSource* {
        for (const auto& s : v)
            if (s.id == id) return &s;
        return nullptr;
    };
    for (const auto& n : news) {
        IntelSourceChange c{n.id, n.name, "", n.version, "", n.sha256};
        if (const IntelSource* o = find(olds, n.id)) c.old_version = o->version, c.old_sha256 = o->sha256;
        d.sources.push_back(std::move(c));
    }
    for (const auto& o : olds)
        if (!find(news, o.id)) d.sources.push_back(IntelSourceChange{o.id, o.name, o.version, "", o.sha256, ""});
}

}  // namespace

bool IntelDiff::changed() const {
    if (!had_previous) return true;
    for (const auto& s : sources)
        if (s.version_changed() || s.inputs_changed()) return true;
    return !ranges_added.empty() || !ranges_removed.empty() || !asns_added.empty() || !asns_removed.empty() ||
           !asns_renamed.empty() || !oui_added.empty() || !oui_removed.empty();
}

bool diff_intel_dirs(const std::string& old_dir, const std::string& new_dir, IntelDiff& out, Diagnostics& diag) {
    out = IntelDiff{};
    std::vector<IntelSource> news, olds;
    if (!read_intel_manifest(new_dir, news, diag)) return false;
    CompiledTables n, o;
    std::string error;
    if (!n.open(new_dir, error)) {
        diag.error(new_dir, error);
        return false;
    }

    // The installed side may be absent (a first install) or from an older format: then everything
    // counts as new, which is what replacing it will do.
    if (fs::exists(fs::path(old_dir) / kIntelManifest)) {
        Diagnostics old_diag;
        out.had_previous = read_intel_manifest(old_dir, olds, old_diag);
        for (const auto& p : old_diag.problems())
            diag.warn(p.input, fmt::format("{} (treated as no previous intel)", p.message));
        if (out.had_previous && !o.open(old_dir, error)) {
            diag.warn(old_dir, fmt::format("{} (its tables count as empty)", error));
        }
    }

    diff_sources(olds, news, out);
    out.old_counts = o.counts();
    out.new_counts = n.counts();
    diff_ranges(o, n, out);
    diff_asns(o, n, out);
    diff_oui(o, n, out);
    return true;
}

}  // namespace sovscan
