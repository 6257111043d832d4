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
#include "engine/scan_session.h"
#include "sources/input_classifier.h"
#include "sources/log_reader.h"

#include <fmt/format.h>
#include "enrich/enricher.h"
#include "sources/capture_bytes.h"
#include "sources/capture_set.h"

namespace sovscan {

bool ScanEngine::check_exception_vendors(const Policy& policy, const Intel& intel, Diagnostics& diag) {
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


// Reads the log files into the session and lists each in the report with its format and record
// count (records read, not only those handed on: a dns.log of queries alone still counts).
static void read_logs(const std::vector<std::string>& files, ScanSession& session, Diagnostics& diag) {
    if (files.empty()) return;
    std::vector<LogInput> inputs;
    for (const std::string& f : files) inputs.push_back({f, session.add_input(f)});
    NamedCounters counters;
    std::vector<LogInputSummary> summaries;
    read_log_inputs(inputs, session, diag, counters, &summaries);
    session.add_counters("logs.", counters);
    for (size_t i = 0; i < summaries.size(); ++i) {
        const LogInputSummary& sum = summaries[i];
        InputSummary& s = session.input(inputs[i].input_index);
        if (sum.format) s.kind = *sum.format == LogFormat::suricata_eve ? "suricata-eve" : "zeek";
        s.records = sum.records;
        std::error_code ec;
        const auto size = std::filesystem::file_size(sum.path, ec);
        if (!ec) s.bytes = size;
        s.partial = s.partial || sum.partial;
    }
}

std::optional<ScanReport> ScanEngine::run(const ScanOptions& opt, Diagnostics& diag) {
    const auto started = std::chrono::steady_clock::now();
    std::shared_ptr<const Intel> intel = Intel::load(opt.intel_paths, diag);
    if (!intel) return std::nullopt;
    if (!check_exception_vendors(opt.policy, *intel, diag)) return std::nullopt;
    // Inventory files first: a broken one stops the run before a long scan, not after it.
    std::optional<AssetInventoryBuilder> assets;
    if (opt.assets.wanted()) {
        assets.emplace(*intel, opt.policy);
        if (!assets->read_files(opt.assets, diag)) return std::nullopt;
    }

    // Inputs by content: captures go to the CaptureSet, Zeek and Suricata EVE logs to their reader.
    const ClassifiedInputs classified = classify_inputs(opt.inputs, diag);
    CaptureSet captures(classified.captures, diag);
    // An inventory alone (`sovscan assets --inventory F`) reads no capture; given captures or logs,
    // at least one must open.
    const bool inventory_only = opt.inputs.empty() && opt.assets.any_file();
    if (captures.open_count() == 0 && classified.logs.empty() && !inventory_only) {
        if (!diag.has_errors()) diag.error("", "no capture or log to read");
        return std::nullopt;
    }

    ScanSession session(opt, intel);
    // Captures first: their input indices are the CaptureSet's, which RawPacket carries.
    for (const std::string& input : captures.inputs()) session.add_input(input);
    // Logs before packets: their DNS answers are then known to every flow, whichever input it is in.
    read_logs(classified.logs, session, diag);
    int interrupted_by = 0;

    // Packets are taken from the readers a batch at a time (one call, not one virtual call each);
    // every packet of a batch is handed out before the first is decoded, so the batch and the
    // packets the pipeline keeps in flight must fit in what a reader keeps readable.
    static constexpr size_t kBatch = 8;
    static_assert(kBatch + PacketPipeline::kInFlight + 1 <= CaptureBytes::kKeepPackets);
    RawPacket batch[kBatch];
    auto last_progress = started;
    while (const size_t n = captures.next_batch(batch, kBatch)) {
        if (opt.stop && opt.stop->requested()) [[unlikely]] {
            interrupted_by = opt.stop->signal_number();
            break;  // this batch unread: the flows end at the packets before it
        }
        const uint64_t before = session.packets();
        for (size_t i = 0; i < n; ++i) session.add_packet(batch[i]);
        if ((session.packets() >> 16) != (before >> 16) && opt.on_progress) {
            auto now = std::chrono::steady_clock::now();
            if (now - last_progress > std::chrono::milliseconds(500)) {
                last_progress = now;
                opt.on_progress(ScanProgress{captures.bytes_consumed(), captures.total_bytes(), session.packets(),
                                             session.live_flows(), std::chrono::duration<double>(now - started).count()});
            }
        }
    }

    for (size_t i = 0; i < captures.inputs().size(); ++i) {
        // A link type decode does not know: its packets were read and counted, never decoded.
        for (uint16_t lt : captures.file(i).link_types())
            if (!Decoder::supports_link_type(lt))
                diag.warn(captures.inputs()[i], fmt::format("unsupported link type {}: its packets are counted as "
                                                            "unsupported_link_type and not analysed", lt));
        InputSummary& s = session.input(static_cast<uint16_t>(i));
        // The reader's size: a stream (standard input, a FIFO) has no file size, only what was read.
        const CaptureFile& file = captures.file(i);
        s.bytes = file.size_known() ? file.size_bytes() : file.offset();
        for (const auto& p : diag.partial_inputs())
            if (p == s.path) s.partial = true;
    }

    ScanReport report = session.finish(diag, assets ? &*assets : nullptr);
    report.interrupted_by = interrupted_by;
    report.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (opt.on_progress)
        opt.on_progress(ScanProgress{captures.total_bytes(), captures.total_bytes(), report.packets, 0,
                                     report.elapsed_seconds});
    return report;
}

}  // namespace sovscan
