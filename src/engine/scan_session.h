#pragma once
// One run's stages after the sources: decode -> flows -> observe -> enrich -> assess, fed by any
// input. Packets come from capture files, a live interface or sFlow samples; flows already measured
// by another tool (NetFlow/IPFIX records, Zeek conn, Suricata EVE flow) and DNS answers recorded
// by one enter as records (sources/record_sink.h) and meet the same naming, aggregation and rules,
// so that every input gives the same findings for the same traffic. A report can be taken at any
// time (a sensor's interval) without ending a live flow, and at the end.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "assess/assessor.h"
#include "assess/exposure.h"
#include "engine/packet_pipeline.h"
#include "engine/scan_engine.h"
#include "enrich/enricher.h"
#include "sources/record_sink.h"

namespace sovscan {

class ScanSession : public RecordSink {
public:
    // `opt` outlives the session; opt.inputs is not read here (sources are the caller's). The
    // session judges by its own copy of opt.policy.
    ScanSession(const ScanOptions& opt, std::shared_ptr<const Intel> intel);
    ~ScanSession() override;
    ScanSession(const ScanSession&) = delete;
    ScanSession& operator=(const ScanSession&) = delete;

    // Registers an input (a file, an interface, an exporter): its index goes into RawPacket and
    // FlowRecord::input_index, and the report lists it.
    uint16_t add_input(std::string name);
    const std::vector<InputSummary>& inputs() const { return inputs_; }
    InputSummary& input(uint16_t index) { return inputs_.at(index); }

    // A captured packet, in time order. Its bytes must stay readable while PacketPipeline::kInFlight
    // more packets are added (a reader's buffer keeps them; on_sampled_packet copies).
    void add_packet(const RawPacket& raw) {
        note_packet(raw);
        pipeline_.process(raw);
    }

    // RecordSink: flows, DNS answers, devices and sampled packets from other tools' outputs.
    void on_flow_record(FlowRecord& record) override;
    void on_dns_answer(DnsAnswerRecord& answer) override;
    void on_device_record(AssetRecord record) override;
    void on_sampled_packet(const RawPacket& raw, uint32_t sampling_rate) override;

    // Counters a reader kept (records read, malformed lines, template misses...), added to the
    // report's under `prefix` + name.
    void add_counters(const std::string& prefix, const NamedCounters& counters);

    // A new policy and intel (a sensor's SIGHUP): every report from now on judges by them; flows
    // live and counted are kept. Home networks apply to flows that end from now on.
    void reload(Policy policy, std::shared_ptr<const Intel> intel);

    uint64_t packets() const { return packets_; }
    size_t live_flows() const { return pipeline_.flows().live_flows(); }

    // The report so far: every ended flow, and the live ones as they stand (none is ended). `diag`
    // gives the problems to list.
    ScanReport snapshot(const Diagnostics& diag, AssetInventoryBuilder* assets = nullptr);
    // Ends every live flow, then the report. Nothing may be added after it.
    ScanReport finish(const Diagnostics& diag, AssetInventoryBuilder* assets = nullptr);

private:
    void note_packet(const RawPacket& raw);
    void note_input_time(uint16_t index, int64_t first_ns, int64_t last_ns);
    Flow flow_of(FlowRecord& record) const;
    ScanReport compose(const ExposureAggregator& agg, const Diagnostics& diag, AssetInventoryBuilder* assets);

    // Ended flows go to the aggregator (and to the caller's tap: --flows).
    class Collector : public FlowSink {
    public:
        Collector(ExposureAggregator& agg, const std::function<void(const Flow&)>& tap) : agg_(agg), tap_(tap) {}
        void on_flow_end(Flow& flow, FlowEnd) override {
            agg_.add(flow);
            if (tap_) tap_(flow);
        }

    private:
        ExposureAggregator& agg_;
        const std::function<void(const Flow&)>& tap_;
    };

    // Enrichment and assessment by one policy and intel: replaced whole on reload. They are also
    // asked while reading, when the memory bound folds counterparts (ExposureLimits): which make
    // findings, where the others are.
    struct Judges {
        Judges(const Policy& policy, const Intel& intel) : enricher(intel), assessor(policy, enricher), triage(assessor, enricher) {}
        Enricher enricher;
        Assessor assessor;
        AssessorTriage triage;
    };

    const ScanOptions& opt_;
    Policy policy_;  // the aggregator and the judges read it; reload() assigns it in place
    std::shared_ptr<const Intel> intel_;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::unique_ptr<Judges> judges_;
    ExposureAggregator agg_;
    Collector collector_;
    PacketPipeline pipeline_;
    std::vector<InputSummary> inputs_;
    NamedCounters reader_counters_;
    std::vector<AssetRecord> logged_devices_;
    uint64_t packets_ = 0, wire_bytes_ = 0, flow_records_ = 0, sampled_packets_ = 0;
    uint64_t next_record_id_ = uint64_t{1} << 62;  // flow ids of records: apart from the flow table's
    // Sampled packets are copied here: the pipeline reads a packet's bytes until kInFlight more
    // have come, and a datagram's buffer is reused at once.
    static constexpr size_t kSampleSlots = PacketPipeline::kInFlight + 2;
    std::array<std::vector<uint8_t>, kSampleSlots> sample_bytes_;
    size_t next_sample_slot_ = 0;
};

}  // namespace sovscan
