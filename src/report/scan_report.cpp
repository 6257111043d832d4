#include "report/scan_report.h"

#include <fmt/format.h>

#include <csignal>

#include <algorithm>

namespace sovscan {

std::string FoldingSummary::note() const {
    if (!happened()) return "";
    const std::string devices =
        stats.devices_not_kept ? fmt::format("; {} device(s) without a finding not kept ({} frame(s))",
                                             stats.devices_not_kept, stats.device_frames_not_kept)
                               : "";
    return fmt::format("memory bound reached: {}{} counterpart(s) without a finding ({} flow(s)) folded into {} "
                       "per-asset, per-country, per-network total(s) (--max-counterparts {}){}; every finding and "
                       "every total stays exact",
                       stats.counterparts_exact ? "" : "at most ", stats.counterparts, stats.flows, groups.size(),
                       max_counterparts, devices);
}

bool ScanReport::partial() const { return !partial_reasons().empty(); }

std::vector<std::string> ScanReport::partial_reasons() const {
    std::vector<std::string> reasons;
    if (!merged_from.empty()) {
        for (const ReportSource& s : merged_from)
            for (const std::string& reason : s.partial_reasons) reasons.push_back(s.sensor + ": " + reason);
        return reasons;
    }
    if (interrupted_by)
        reasons.push_back(fmt::format("interrupted by {} after {} packets: the rest of the input was not read, the "
                                      "flows live then were ended there",
                                      interrupted_by == SIGINT ? "SIGINT" : interrupted_by == SIGTERM ? "SIGTERM"
                                                                                                      : "a signal",
                                      packets));
    for (const InputSummary& i : inputs) {
        if (i.partial) reasons.push_back(i.path + ": read up to damage (truncated or corrupt)");
        if (i.kernel_drops || i.interface_drops)
            reasons.push_back(fmt::format("{}: {} packets dropped by the kernel and {} by the interface: not analysed",
                                          i.path, i.kernel_drops, i.interface_drops));
    }
    for (const InputProblem& p : problems)
        if (p.level == ProblemLevel::error)
            reasons.push_back(p.input.empty() ? "not read: " + p.message : p.input + ": not read: " + p.message);
    return reasons;
}

size_t ScanReport::count_at_or_above(Severity s) const {
    return std::count_if(findings.begin(), findings.end(),
                         [s](const Finding& f) { return !f.suppressed() && f.severity >= s; });
}

size_t ScanReport::suppressed_count() const {
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.suppressed(); });
}

}  // namespace sovscan
