#include "report/scan_report_merger.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "common/escape.h"

namespace sovscan {

namespace {

constexpr size_t kSampleFlows = 3;  // as the scan's ExposureAggregator keeps

// Appends what `from` holds and `into` does not, keeping `into`'s order.
template <typename T, typename Same>
void unite(std::vector<T>& into, const std::vector<T>& from, Same same) {
    for (const T& x : from)
        if (std::none_of(into.begin(), into.end(), [&](const T& y) { return same(x, y); })) into.push_back(x);
}
template <typename T>
void unite(std::vector<T>& into, const std::vector<T>& from) {
    unite(into, from, [](const T& a, const T& b) { return a == b; });
}

// The earliest of two times, 0 meaning none.
int64_t earliest(int64_t a, int64_t b) { return !a ? b : !b ? a : std::min(a, b); }

int confidence_rank(const std::string& c) { return c == "high" ? 2 : c == "medium" ? 1 : 0; }

void add_counters(NamedCounters& into, const NamedCounters& from) {
    for (const auto& [name, n] : from) into[name] += n;
}

// How a source's policy reads in a warning: "site-a (policy.yaml sha256 0123abcd..., high-risk
// CN,HK,MO, home networks 10.0.0.0/8, fail_on high)".
std::string policy_words(const ReportSource& s) {
    return fmt::format("{} ({}, high-risk {}, home networks {}, fail_on {})", s.sensor,
                       s.policy_file.empty() ? "default policy"
                                             : fmt::format("{} sha256 {}", printable(s.policy_file), s.policy_sha256),
                       fmt::join(s.high_risk_jurisdictions, ","),
                       s.home_networks.empty() ? "none" : fmt::format("{}", fmt::join(s.home_networks, ",")), s.fail_on);
}

auto policy_key(const ReportSource& s) {
    return std::tie(s.policy_sha256, s.high_risk_jurisdictions, s.home_networks, s.fail_on);
}

}  // namespace

void ScanReportMerger::add(ReadScanReport read, const std::string& file) {
    ScanReport& r = read.report;
    for (const ReportSource& s : read.sources)
        for (const ReportSource& known : merged_.merged_from)
            if (s.sensor == known.sensor && s.generated_at == known.generated_at)
                throw ReportReadError(fmt::format(
                    "{}: the report of sensor {} generated at {} is merged already (from {}); merging it again would "
                    "count its traffic twice",
                    printable(file), s.sensor, s.generated_at, printable(known.report)));
    merged_.merged_from.insert(merged_.merged_from.end(), read.sources.begin(), read.sources.end());

    if (first_) {
        merged_.policy = r.policy;
        merged_.policy_date = r.policy_date;
        merged_.folding.max_counterparts = r.folding.max_counterparts;
        first_ = false;
    } else {
        Policy& p = merged_.policy;
        p.high_risk_jurisdictions.insert(r.policy.high_risk_jurisdictions.begin(), r.policy.high_risk_jurisdictions.end());
        unite(p.home_networks, r.policy.home_networks,
              [](const Cidr& a, const Cidr& b) { return a.to_string() == b.to_string(); });
        for (const PolicyException& e : r.policy.exceptions)
            if (std::none_of(p.exceptions.begin(), p.exceptions.end(),
                             [&](const PolicyException& x) { return x.ref().id == e.ref().id; }))
                p.exceptions.push_back(e);
        // The strictest threshold: a finding that fails one site's run fails the merged one.
        if (p.fail_never) p.fail_never = r.policy.fail_never, p.fail_on = r.policy.fail_on;
        else if (!r.policy.fail_never) p.fail_on = std::min(p.fail_on, r.policy.fail_on);
        merged_.policy_date = std::max(merged_.policy_date, r.policy_date);
        merged_.folding.max_counterparts = std::max(merged_.folding.max_counterparts, r.folding.max_counterparts);
    }

    merged_.inputs.insert(merged_.inputs.end(), r.inputs.begin(), r.inputs.end());
    unite(merged_.intel, r.intel, [](const IntelSource& a, const IntelSource& b) {
        return a.id == b.id && a.name == b.name && a.version == b.version;
    });
    merged_.packets += r.packets;
    merged_.ip_packets += r.ip_packets;
    merged_.wire_bytes += r.wire_bytes;
    merged_.first_ns = earliest(merged_.first_ns, r.first_ns);
    merged_.last_ns = std::max(merged_.last_ns, r.last_ns);
    merged_.traffic.flows += r.traffic.flows;
    merged_.traffic.local_to_remote_flows += r.traffic.local_to_remote_flows;
    merged_.traffic.remote_to_local_flows += r.traffic.remote_to_local_flows;
    merged_.traffic.internal_flows += r.traffic.internal_flows;
    merged_.traffic.transit_flows += r.traffic.transit_flows;
    merged_.elapsed_seconds += r.elapsed_seconds;

    FoldStats& fs = merged_.folding.stats;
    fs.counterparts += r.folding.stats.counterparts;
    fs.flows += r.folding.stats.flows;
    fs.compactions += r.folding.stats.compactions;
    fs.counterparts_exact = fs.counterparts_exact && r.folding.stats.counterparts_exact;
    fs.devices_not_kept += r.folding.stats.devices_not_kept;
    fs.device_frames_not_kept += r.folding.stats.device_frames_not_kept;
    merged_.folding.groups.insert(merged_.folding.groups.end(), r.folding.groups.begin(), r.folding.groups.end());

    add_counters(merged_.decode_counters, r.decode_counters);
    add_counters(merged_.flow_counters, r.flow_counters);
    add_counters(merged_.observe_counters, r.observe_counters);
    add_counters(merged_.input_counters, r.input_counters);

    for (const CountryTotal& c : r.egress_by_country) {
        auto [it, added] = country_index_.try_emplace(c.country, merged_.egress_by_country.size());
        if (added) {
            merged_.egress_by_country.push_back(c);
            continue;
        }
        CountryTotal& t = merged_.egress_by_country[it->second];
        t.bytes_sent += c.bytes_sent;
        t.bytes_received += c.bytes_received;
        t.flows += c.flows;
        t.counterparts += c.counterparts;  // a counterpart two sensors saw counts twice: reports list no others
    }

    for (DeviceRecord& d : r.devices) {
        auto [it, added] = device_index_.try_emplace(d.mac.to_string(), merged_.devices.size());
        if (added) {
            merged_.devices.push_back(std::move(d));
            continue;
        }
        DeviceRecord& m = merged_.devices[it->second];
        unite(m.ips, d.ips);
        m.frames += d.frames;
        m.first_ns = earliest(m.first_ns, d.first_ns);
        m.last_ns = std::max(m.last_ns, d.last_ns);
    }

    unite(merged_.problems, r.problems, [](const InputProblem& a, const InputProblem& b) {
        return a.level == b.level && a.input == b.input && a.message == b.message;
    });

    for (Finding& f : r.findings) {
        if (f.sensors.empty()) f.sensors.push_back(r.sensor);  // one sensor's report: it saw them all
        add_finding(std::move(f));
    }
}

void ScanReportMerger::add_finding(Finding f) {
    const std::string id = stable_finding_id(f);
    auto [it, added] = finding_index_.try_emplace(id, merged_.findings.size());
    auto [sup, first_seen] = suppressed_everywhere_.try_emplace(id, f.suppressed());
    if (added) {
        merged_.findings.push_back(std::move(f));
        return;
    }
    sup->second = sup->second && f.suppressed();
    Finding& m = merged_.findings[it->second];
    m.severity = std::max(m.severity, f.severity);
    if (confidence_rank(f.confidence) > confidence_rank(m.confidence)) m.confidence = f.confidence;
    unite(m.jurisdictions, f.jurisdictions);
    unite(m.asset.macs, f.asset.macs);

    // Same id: same rule, asset and counterpart; names and proxies add up by which they are.
    if (f.counterpart.has_value()) {
        Counterpart& c = m.counterpart.edit();
        for (const ObservedName& n : f.counterpart->names) {
            auto same = std::find_if(c.names.begin(), c.names.end(),
                                     [&](const ObservedName& x) { return x.name == n.name && x.how == n.how; });
            if (same == c.names.end()) c.names.push_back(n);
            else same->flows += n.flows;
        }
        for (const ProxyRef& p : f.counterpart->proxies) {
            auto same = std::find_if(c.proxies.begin(), c.proxies.end(),
                                     [&](const ProxyRef& x) { return x.ip == p.ip && x.port == p.port; });
            if (same == c.proxies.end()) c.proxies.push_back(p);
            else same->flows += p.flows;
        }
    }

    m.bytes_sent += f.bytes_sent;
    m.bytes_received += f.bytes_received;
    m.packets_sent += f.packets_sent;
    m.packets_received += f.packets_received;
    m.flows += f.flows;
    m.first_ns = earliest(m.first_ns, f.first_ns);
    m.last_ns = std::max(m.last_ns, f.last_ns);
    unite(m.server_ports, f.server_ports);
    std::sort(m.server_ports.begin(), m.server_ports.end());
    unite(m.services, f.services);
    unite(m.evidence, f.evidence, [](const Evidence& a, const Evidence& b) {
        return a.fact == b.fact && a.source == b.source && a.version == b.version;
    });
    std::vector<FindingDesignation> designations(m.designations.begin(), m.designations.end());
    unite(designations, std::vector<FindingDesignation>(f.designations.begin(), f.designations.end()),
          [](const FindingDesignation& a, const FindingDesignation& b) {
              return a.list_id == b.list_id && a.vendor_id == b.vendor_id;
          });
    m.designations = FindingDesignations(std::move(designations));
    // At most three, as a scan keeps: the earliest, when the sensors' together are more.
    unite(m.sample_flows, f.sample_flows, [](const SampleFlow& a, const SampleFlow& b) {
        return std::tie(a.proto, a.client, a.client_port, a.server, a.server_port, a.first_ns) ==
               std::tie(b.proto, b.client, b.client_port, b.server, b.server_port, b.first_ns);
    });
    if (m.sample_flows.size() > kSampleFlows) {
        std::stable_sort(m.sample_flows.begin(), m.sample_flows.end(),
                         [](const SampleFlow& a, const SampleFlow& b) { return a.first_ns < b.first_ns; });
        m.sample_flows.resize(kSampleFlows);
    }
    unite(m.sensors, f.sensors);
}

void ScanReportMerger::note_differences() {
    const std::vector<ReportSource>& sources = merged_.merged_from;
    if (sources.empty()) return;
    const bool same_policy = std::all_of(sources.begin(), sources.end(),
                                         [&](const ReportSource& s) { return policy_key(s) == policy_key(sources[0]); });
    if (!same_policy) {
        std::vector<std::string> each;
        for (const ReportSource& s : sources) each.push_back(policy_words(s));
        merged_.problems.push_back(
            {ProblemLevel::warning, "",
             fmt::format("the reports were made under different policies: {}; the merged report uses their union (the "
                         "high-risk jurisdictions, home networks and exceptions of all, the strictest fail_on) and "
                         "keeps each finding's severity as its sensor judged it",
                         fmt::join(each, "; "))});
    }
    // One policy file named for the merged report only when every source used that same file.
    const bool same_file = std::all_of(sources.begin(), sources.end(), [&](const ReportSource& s) {
        return s.policy_sha256 == sources[0].policy_sha256 && s.policy_file == sources[0].policy_file;
    });
    if (!same_file) merged_.policy.file_path.clear(), merged_.policy.file_sha256.clear();

    std::map<std::string, std::map<std::string, std::vector<std::string>>> versions;  // id -> version -> sensors
    for (const ReportSource& s : sources)
        for (const IntelSource& i : s.intel) unite(versions[i.id][i.name + " " + i.version], {s.sensor});
    std::vector<std::string> differing;
    for (const auto& [id, by_version] : versions) {
        if (by_version.size() < 2) continue;
        std::vector<std::string> each;
        for (const auto& [version, sensors] : by_version)
            each.push_back(fmt::format("{} ({})", version, fmt::join(sensors, ", ")));
        differing.push_back(fmt::format("{}: {}", id, fmt::join(each, " / ")));
    }
    if (!differing.empty())
        merged_.problems.push_back({ProblemLevel::warning, "",
                                    fmt::format("the reports used different intel versions: {}; each finding keeps "
                                                "the facts of the sensor that first reported it",
                                                fmt::join(differing, "; "))});
}

ScanReport ScanReportMerger::finish() {
    for (Finding& f : merged_.findings)
        if (!suppressed_everywhere_[stable_finding_id(f)]) f.suppressed_by.reset();
    sort_findings(merged_.findings);
    std::stable_sort(merged_.egress_by_country.begin(), merged_.egress_by_country.end(),
                     [](const CountryTotal& a, const CountryTotal& b) { return a.bytes_sent > b.bytes_sent; });
    std::sort(merged_.devices.begin(), merged_.devices.end(),
              [](const DeviceRecord& a, const DeviceRecord& b) { return a.mac < b.mac; });
    note_differences();
    return std::move(merged_);
}

}  // namespace sovscan
