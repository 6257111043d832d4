#include "store/run_diff.h"

#include <algorithm>
#include <unordered_map>

namespace sovscan {

namespace {

uint64_t traffic(const StoredFinding& f) { return f.bytes_sent + f.bytes_received; }
uint64_t traffic(const StoredAsset& a) { return a.bytes_sent + a.bytes_received; }

bool grown(uint64_t before, uint64_t now, double factor) {
    return before > 0 && static_cast<double>(now) >= factor * static_cast<double>(before);
}

ExposureChange change_of(ExposureChange::Kind kind, const StoredFinding& now, const StoredFinding* before) {
    ExposureChange c;
    c.kind = kind;
    c.finding_id = now.id;
    c.rule = now.rule;
    c.asset = now.asset;
    c.counterpart = now.counterpart;
    c.country = now.country;
    c.vendor = now.vendor;
    c.summary = now.summary;
    c.severity = now.severity;
    c.previous_severity = before ? before->severity : now.severity;
    c.bytes = kind == ExposureChange::Kind::gone ? 0 : traffic(now);
    c.previous_bytes = before ? traffic(*before) : 0;
    return c;
}

}  // namespace

RunRef run_ref(const RunInfo& i) { return {i.id, i.sensor, i.generated_at, i.first_ns, i.last_ns}; }

RunChanges diff_runs(const RunRecord& from, const RunRecord& to, double growth_factor) {
    RunChanges out;
    out.from = run_ref(from.info);
    out.to = run_ref(to.info);
    out.growth_factor = growth_factor;
    using K = ExposureChange::Kind;

    std::unordered_map<std::string_view, const StoredFinding*> before;
    before.reserve(from.findings.size());
    for (const StoredFinding& f : from.findings) before.emplace(f.id, &f);
    std::unordered_map<std::string_view, const StoredFinding*> now;
    now.reserve(to.findings.size());
    for (const StoredFinding& f : to.findings) {
        now.emplace(f.id, &f);
        auto it = before.find(f.id);
        if (it == before.end()) {
            out.exposures.push_back(change_of(K::added, f, nullptr));
            continue;
        }
        const StoredFinding& b = *it->second;
        if (f.severity > b.severity) out.exposures.push_back(change_of(K::severity_up, f, &b));
        else if (f.severity < b.severity) out.exposures.push_back(change_of(K::severity_down, f, &b));
        else if (grown(traffic(b), traffic(f), growth_factor)) out.exposures.push_back(change_of(K::traffic_grown, f, &b));
    }
    for (const StoredFinding& f : from.findings)
        if (!now.count(f.id)) out.exposures.push_back(change_of(K::gone, f, &f));
    std::sort(out.exposures.begin(), out.exposures.end(), [](const ExposureChange& a, const ExposureChange& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.severity != b.severity) return a.severity > b.severity;
        return a.finding_id < b.finding_id;
    });

    using A = AssetChange::Kind;
    std::unordered_map<std::string_view, const StoredAsset*> assets_before;
    for (const StoredAsset& a : from.assets) assets_before.emplace(a.id, &a);
    std::unordered_map<std::string_view, const StoredAsset*> assets_now;
    auto asset_change = [](A kind, const StoredAsset& a, const StoredAsset* b) {
        AssetChange c{kind, a.id, a.name, a.vendor, a.verdict, b ? b->verdict : a.verdict,
                      kind == A::gone ? 0 : traffic(a), b ? traffic(*b) : 0};
        return c;
    };
    for (const StoredAsset& a : to.assets) {
        assets_now.emplace(a.id, &a);
        auto it = assets_before.find(a.id);
        if (it == assets_before.end()) out.assets.push_back(asset_change(A::added, a, nullptr));
        else if (a.verdict != it->second->verdict) out.assets.push_back(asset_change(A::verdict_changed, a, it->second));
        else if (grown(traffic(*it->second), traffic(a), growth_factor))
            out.assets.push_back(asset_change(A::traffic_grown, a, it->second));
    }
    for (const StoredAsset& a : from.assets)
        if (!assets_now.count(a.id)) out.assets.push_back(asset_change(A::gone, a, &a));
    std::sort(out.assets.begin(), out.assets.end(), [](const AssetChange& a, const AssetChange& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.asset_id < b.asset_id;
    });
    return out;
}

}  // namespace sovscan
