#include "store/period_query.h"

#include <algorithm>
#include <set>

namespace sovscan {

namespace {

constexpr int64_t kDayNs = 86400LL * 1000000000LL;

int64_t day_index(int64_t ns) { return ns >= 0 ? ns / kDayNs : (ns - kDayNs + 1) / kDayNs; }

}  // namespace

PeriodReport build_period_report(RunStore& store, int64_t from_ns, int64_t to_ns, const std::string& sensor,
                                 const std::string& generated_at) {
    PeriodReport r;
    r.generated_at = generated_at;
    r.store = store.name();
    r.from_ns = from_ns;
    r.to_ns = to_ns;
    r.sensor = sensor;

    const int64_t first_day = day_index(from_ns), last_day = day_index(to_ns);
    const size_t days = static_cast<size_t>(std::max<int64_t>(0, last_day - first_day + 1));
    std::vector<PeriodDay> timeline(days);
    for (size_t d = 0; d < days; ++d) timeline[d].day = utc_day((first_day + static_cast<int64_t>(d)) * kDayNs);
    auto slot = [&](int64_t ns) { return static_cast<size_t>(std::clamp<int64_t>(day_index(ns) - first_day, 0, static_cast<int64_t>(days) - 1)); };

    RunFilter filter;
    filter.sensor = sensor;
    filter.from_ns = from_ns;
    filter.to_ns = to_ns;
    std::set<std::string> sensors;
    for (const RunInfo& run : store.list_runs(filter)) {
        ++r.runs;
        sensors.insert(run.sensor);
        if (days == 0) continue;
        const int64_t a = run.first_ns ? run.first_ns : run.recorded_ns, b = run.last_ns ? run.last_ns : run.recorded_ns;
        for (size_t d = slot(std::max(a, from_ns)); d <= slot(std::min(b, to_ns)); ++d) ++timeline[d].runs;
    }

    std::vector<uint8_t> seen(days);  // the days one exposure was seen on, reused
    std::vector<PeriodExposure> exposures = store.exposures_in_period(from_ns, to_ns, sensor);
    r.findings.reserve(exposures.size());
    for (PeriodExposure& p : exposures) {
        PeriodFinding f;
        StoredFinding& s = p.latest;
        f.id = std::move(s.id);
        f.rule = std::move(s.rule);
        f.asset = std::move(s.asset);
        f.counterpart = std::move(s.counterpart);
        f.country = std::move(s.country);
        f.vendor = std::move(s.vendor);
        f.summary = std::move(s.summary);
        f.severity = s.severity;
        f.suppressed = s.suppressed;
        f.bytes_sent = s.bytes_sent;
        f.bytes_received = s.bytes_received;
        f.flows = s.flows;
        f.first_seen_ns = p.first_seen_ns;
        f.last_seen_ns = p.last_seen_ns;
        f.ever_first_seen_ns = p.ever_first_seen_ns;
        f.new_in_period = p.ever_first_seen_ns >= from_ns;
        sensors.insert(p.sensors.begin(), p.sensors.end());
        f.sensors = std::move(p.sensors);
        if (days > 0) {
            std::fill(seen.begin(), seen.end(), 0);
            for (const auto& [a, b] : p.spans)
                for (size_t d = slot(a); d <= slot(b); ++d) seen[d] = 1;
            for (size_t d = 0; d < days; ++d) timeline[d].exposures += seen[d];
            if (f.new_in_period && p.ever_first_seen_ns <= to_ns) ++timeline[slot(p.ever_first_seen_ns)].new_exposures;
        }
        r.findings.push_back(std::move(f));
    }
    // Sorted as indices, then moved into place once: a finding is several strings, and swapping
    // hundreds of thousands of them cost more than the query.
    std::vector<uint32_t> order(r.findings.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&r](uint32_t x, uint32_t y) {
        const PeriodFinding& a = r.findings[x];
        const PeriodFinding& b = r.findings[y];
        if (a.severity != b.severity) return a.severity > b.severity;
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.id < b.id;
    });
    std::vector<PeriodFinding> sorted;
    sorted.reserve(order.size());
    for (uint32_t i : order) sorted.push_back(std::move(r.findings[i]));
    r.findings = std::move(sorted);
    r.sensors.assign(sensors.begin(), sensors.end());
    r.timeline = std::move(timeline);
    return r;
}

}  // namespace sovscan
