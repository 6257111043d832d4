#pragma once
// What the flow export decoders (NetFlow v5 and v9, IPFIX, sFlow v5) keep per exporter: its
// counters, templates, sampling rates and sequence numbers. The decoders are handed a datagram and
// the address it came from; whatever they learn of that exporter lives here, so that several
// exporters at once never share a template or a sampling rate.
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/diagnostics.h"
#include "common/ip_address.h"
#include "sources/flow_templates.h"
#include "sources/record_sink.h"

namespace sovscan {

enum FlowExportProtocol : uint8_t { kNetflowV5 = 1, kNetflowV9 = 2, kIpfix = 4, kSflowV5 = 8 };
// "netflow-v5", "netflow-v9", "ipfix", "sflow-v5" joined by ","
std::string flow_export_protocols_label(uint8_t protocols);

struct ExporterCounters {
    uint64_t datagrams = 0;
    uint64_t records = 0;           // flow records handed on (sFlow: flow samples)
    uint64_t malformed = 0;         // datagrams with a length or count that does not fit (records before the fault stand)
    uint64_t before_template = 0;   // data sets dropped because their template was not known (yet)
    uint64_t unknown_version = 0;   // datagrams of no protocol sovscan reads
    uint64_t templates = 0;         // template and options template records accepted (refreshes included)
    uint64_t template_changes = 0;  // a template id redefined with another layout
    uint64_t template_withdrawals = 0;
    uint64_t templates_refused = 0; // beyond TemplateStore::kMaxTemplates, or a layout of no length
    uint64_t sequence_lost = 0;     // gaps in the exporter's sequence numbers (v5, IPFIX: records; v9, sFlow: datagrams)
    uint64_t sampled_packets = 0;   // sFlow packet headers handed on to decode and observe
    uint64_t counter_samples = 0;   // sFlow counter samples: counted, not used
    uint64_t skipped = 0;           // records sovscan cannot use (an sFlow header of an unknown link type ...)
    uint64_t packets = 0, bytes = 0;  // totals of the records handed on, after scaling by sampling
    uint64_t sample_pool = 0;  // sFlow: packets the agent's data sources saw (its own count, summed)
};

struct ExporterState {
    IpAddress address;
    uint8_t protocols = 0;  // FlowExportProtocol bits seen from it
    ExporterCounters counters;
    uint32_t sampling_rate = 1;  // the rate applied to its latest record (1: unsampled)
    TemplateStore templates;
    // Per TemplateStore::scope_key: sampling rates options records announced, by sampler id
    // (kAnySampler: the domain's), and the domain's systemInitTimeMilliseconds.
    static constexpr uint64_t kAnySampler = UINT64_MAX;
    std::map<std::pair<uint64_t, uint64_t>, uint32_t> sampling;
    std::unordered_map<uint64_t, int64_t> system_init_ms;
    struct SequenceState {
        uint32_t next = 0;  // what the stream's next sequence number should be
        uint32_t last = 0;  // the latest one seen
    };
    std::unordered_map<uint64_t, SequenceState> next_sequence;
    // sFlow: the latest sample pool (packets the agent's data source saw) per (sub-agent, source id).
    std::unordered_map<uint64_t, uint32_t> sample_pools;

    // Notes `sequence` against the expected one of stream `key` and expects `sequence + advance`
    // next. With `inclusive_ok`, a number that also counts this datagram's own records
    // (`sequence - advance` is the last one; softflowd's IPFIX numbers so) is no loss either.
    void check_sequence(uint64_t key, uint32_t sequence, uint32_t advance, bool inclusive_ok = false);
    void note_sample_pool(uint64_t source, uint32_t pool);
    // The sampling rate for a record of domain `scope` (its own, its sampler's, its domain's, 1).
    uint32_t rate_for(uint64_t scope, const DecodedRecord& r) const;
    // Records what an options record says (sampling, system init time) for domain `scope`.
    void learn_options(uint64_t scope, const DecodedRecord& r);
};

// Every exporter seen, by source address. Bounded: datagrams from addresses beyond kMaxExporters
// are counted and dropped rather than given state.
class ExporterTable {
public:
    static constexpr size_t kMaxExporters = 4096;
    ExporterState* get(const IpAddress& address);  // nullptr when full
    uint64_t refused_datagrams() const { return refused_; }
    // In address order, for the report.
    std::vector<const ExporterState*> exporters() const;
    // Sums over every exporter, named as in the report ("datagrams", "malformed_datagrams", ...).
    NamedCounters totals() const;

private:
    std::unordered_map<IpAddress, std::unique_ptr<ExporterState>> by_address_;
    uint64_t refused_ = 0;
};

// What a NetFlow v9 or IPFIX header says about time, for the records of its datagram.
struct ExportClock {
    int64_t export_ms = 0;         // the header's export time, ms since the epoch
    bool has_uptime = false;       // NetFlow v9: the header's sysUpTime
    uint32_t uptime_ms = 0;
    int64_t system_init_ms = -1;   // IPFIX: the domain's systemInitTimeMilliseconds, when known
};

// Turns a decoded template data record into a FlowRecord and hands it to `sink`. Shared by the
// NetFlow v9 and IPFIX decoders, so both map elements, times, sampling and biflows alike.
void emit_template_record(DecodedRecord& r, ExporterState& ex, uint64_t scope, const ExportClock& clock,
                          uint16_t input_index, RecordSink& sink);

// Reads the template records of one NetFlow v9 or IPFIX template set into `ex` (shared: the two
// formats differ only in the field specifier's enterprise bit and the options layout).
struct TemplateSetFormat {
    bool ipfix = false;
    bool options = false;
};
// Returns false when the set's contents do not fit (malformed).
bool read_template_set(const uint8_t* p, size_t n, TemplateSetFormat format, uint64_t scope, ExporterState& ex);

// Decodes every record of data set `set_id` (length `n`) with its template; counts a set whose
// template is unknown. Returns the number of data records read (0 when the template is unknown).
size_t read_data_set(const uint8_t* p, size_t n, uint16_t set_id, uint64_t scope, const ExportClock& clock,
                     ExporterState& ex, uint16_t input_index, RecordSink& sink, bool* template_known);

}  // namespace sovscan
