#include "engine/scan_engine.h"

#include <chrono>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>

#include "assess/assessor.h"
#include "assess/designation_tagger.h"
#include "assess/exception_applier.h"
#include "assess/exposure.h"
#include "common/time_format.h"
#include "engine/packet_pipeline.h"

#include <fmt/format.h>
#include "enrich/enricher.h"
#include "sources/capture_bytes.h"
#include "sources/capture_set.h"

namespace sovscan {

namespace {

// Ended, named flows go to the aggregator (and to the caller's tap).
class FlowCollector : public FlowSink {
public:
    FlowCollector(ExposureAggregator& agg, const std::function<void(const Flow&)>& tap) : agg_(agg), tap_(tap) {}
    void on_flow_end(Flow& flow, FlowEnd) override {
        agg_.add(flow);
        if (tap_) tap_(flow);
    }

private:
    ExposureAggregator& agg_;
    const std::function<void(const Flow&)>& tap_;
};

struct InputStats {
    uint64_t packets = 0;
    int64_t first_ns = 0, last_ns = 0;
};

std::vector<CountryTotal> egress_by_country(const ExposureAggregator& agg, Enricher& enricher) {
    std::map<std::string, CountryTotal> by;
    for (const Exposure& e : agg.exposures()) {
        if (e.kind == ExposureKind::inbound) continue;
        const std::string& cc = enricher.endpoint(e.counterpart).located_in;
        CountryTotal& t = by[cc];
        t.country = cc;
        t.bytes_sent += e.bytes_sent;
        t.bytes_received += e.bytes_received;
        t.flows += e.flows;
        ++t.counterparts;
    }
    // Folded counterparts count in their country's totals, exactly.
    for (const FoldedExposures& g : agg.folded()) {
        if (g.totals.kind == ExposureKind::inbound) continue;
        CountryTotal& t = by[g.located_in];
        t.country = g.located_in;
        t.bytes_sent += g.totals.bytes_sent;
        t.bytes_received += g.totals.bytes_received;
        t.flows += g.totals.flows;
        t.counterparts += g.counterparts;
    }
    std::vector<CountryTotal> out;
    for (auto& [cc, t] : by) out.push_back(t);
    std::sort(out.begin(), out.end(), [](const CountryTotal& a, const CountryTotal& b) { return a.bytes_sent > b.bytes_sent; });
    return out;
}

// An exception naming a vendor the catalog lacks would silently never match: refuse it, pointing
// at its line in the policy file.
bool check_exception_vendors(const Policy& policy, const Intel& intel, Diagnostics& diag) {
    bool ok = true;
    for (const PolicyException& e : policy.exceptions) {
        const std::string& vendor = e.match().vendor;
        if (vendor.empty() || intel.vendor(vendor)) continue;
        diag.error(e.ref().defined_at, fmt::format("exception {}: vendor '{}' is not in the catalog (data/vendors.csv)",
                                                   e.ref().id, vendor));
        ok = false;
    }
    return ok;
}

}  // namespace

std::optional<ScanReport> ScanEngine::run(const ScanOptions& opt, Diagnostics& diag) {
    const auto started = std::chrono::steady_clock::now();
    auto intel = Intel::load(opt.intel_paths, diag);
    if (!intel) return std::nullopt;
    if (!check_exception_vendors(opt.policy, *intel, diag)) return std::nullopt;
    // Inventory files first: a broken one stops the run before a long scan, not after it.
    std::optional<AssetInventoryBuilder> assets;
    if (opt.assets.wanted()) {
        assets.emplace(*intel, opt.policy);
        if (!assets->read_files(opt.assets, diag)) return std::nullopt;
    }

    CaptureSet captures(opt.inputs, diag);
    // An inventory alone (`sovscan assets --inventory F`) reads no capture; given captures, at
    // least one must open.
    const bool inventory_only = opt.inputs.empty() && opt.assets.any_file();
    if (captures.open_count() == 0 && !inventory_only) {
        if (!diag.has_errors()) diag.error("", "no capture to read");
        return std::nullopt;
    }

    ScanReport report;
    report.policy = opt.policy;
    report.command_line = opt.command_line;
    report.intel = intel->sources();

    // Enrichment and assessment are also asked while reading, when the memory bound folds
    // counterparts (ExposureLimits): which make findings, where the others are.
    Enricher enricher(*intel);
    Assessor assessor(opt.policy, enricher);
    AssessorTriage triage(assessor, enricher);
    ExposureAggregator agg(opt.policy, captures.inputs());
    agg.limit(opt.exposures, triage);
    FlowCollector collector(agg, opt.on_flow);
    PacketPipeline pipeline(opt.flows, opt.observe, collector);
    pipeline.on_non_ip([&agg](const DecodedPacket& p) { agg.add_mac(p.src_mac, nullptr, p.ts_ns); });
    std::vector<InputStats> per_input(captures.inputs().size());

    // Packets are taken from the readers a batch at a time (one call, not one virtual call each);
    // every packet of a batch is handed out before the first is decoded, so the batch and the
    // packets the pipeline keeps in flight must fit in what a reader keeps readable.
    static constexpr size_t kBatch = 8;
    static_assert(kBatch + PacketPipeline::kInFlight + 1 <= CaptureBytes::kKeepPackets);
    RawPacket batch[kBatch];
    auto last_progress = started;
    while (const size_t n = captures.next_batch(batch, kBatch)) {
        if (opt.stop && opt.stop->requested()) [[unlikely]] {
            report.interrupted_by = opt.stop->signal_number();
            break;  // this batch unread: the flows end at the packets before it
        }
        const uint64_t before = report.packets;
        for (size_t i = 0; i < n; ++i) {
            const RawPacket& raw = batch[i];
            report.wire_bytes += raw.wire_len;
            InputStats& in = per_input[raw.input_index];
            if (in.packets++ == 0) in.first_ns = raw.ts_ns;
            in.last_ns = raw.ts_ns;
            pipeline.process(raw);
        }
        report.packets += n;

        if ((report.packets >> 16) != (before >> 16) && opt.on_progress) {
            auto now = std::chrono::steady_clock::now();
            if (now - last_progress > std::chrono::milliseconds(500)) {
                last_progress = now;
                opt.on_progress(ScanProgress{captures.bytes_consumed(), captures.total_bytes(), report.packets,
                                             pipeline.flows().live_flows(), std::chrono::duration<double>(now - started).count()});
            }
        }
    }
    pipeline.finish();
    report.ip_packets = pipeline.ip_packets();

    for (size_t i = 0; i < captures.inputs().size(); ++i) {
        // A link type decode does not know: its packets were read and counted, never decoded.
        for (uint16_t lt : captures.file(i).link_types())
            if (!Decoder::supports_link_type(lt))
                diag.warn(captures.inputs()[i], fmt::format("unsupported link type {}: its packets are counted as "
                                                            "unsupported_link_type and not analysed", lt));
        InputSummary s;
        s.path = captures.inputs()[i];
        s.packets = per_input[i].packets;
        s.first_ns = per_input[i].first_ns;
        s.last_ns = per_input[i].last_ns;
        // The reader's size: a stream (standard input, a FIFO) has no file size, only what was read.
        const CaptureFile& file = captures.file(i);
        s.bytes = file.size_known() ? file.size_bytes() : file.offset();
        for (const auto& p : diag.partial_inputs())
            if (p == s.path) s.partial = true;
        if (s.packets) {
            if (!report.first_ns || s.first_ns < report.first_ns) report.first_ns = s.first_ns;
            if (s.last_ns > report.last_ns) report.last_ns = s.last_ns;
        }
        report.inputs.push_back(std::move(s));
    }

    report.findings = assessor.assess(agg);
    report.devices = assessor.devices(agg);
    if (assets) {
        const std::vector<AssetRecord> observed = pipeline.observer().device_records();
        const ScanObservations traffic{&observed, &report.devices, &agg, &report.findings};
        assets->add_traffic(traffic);
        report.inventory = assets->build(traffic, report.findings);
    }
    report.egress_by_country = egress_by_country(agg, enricher);
    report.traffic = agg.totals();
    report.folding = FoldingSummary{agg.limits().max_counterparts, agg.fold_stats(), agg.folded()};
    report.decode_counters = pipeline.decoder().counters();
    report.flow_counters = pipeline.flows().counters();
    report.flow_counters.merge(pipeline.fragments().counters());
    report.observe_counters = pipeline.observer().counters();
    report.problems = diag.problems();

    std::time_t now = std::time(nullptr);
    report.generated_at = rfc3339_utc(static_cast<int64_t>(now) * 1'000'000'000LL).substr(0, 19) + "Z";
    report.policy_date = opt.today.value_or(CalendarDate::utc_day_of(now));
    DesignationTagger(intel->catalog()).tag(report.findings);
    ExceptionApplier(opt.policy, report.policy_date).apply(report.findings);
    auto finished = std::chrono::steady_clock::now();
    report.elapsed_seconds = std::chrono::duration<double>(finished - started).count();
    if (opt.on_progress)
        opt.on_progress(ScanProgress{captures.total_bytes(), captures.total_bytes(), report.packets, 0,
                                     report.elapsed_seconds});
    return report;
}

}  // namespace sovscan
