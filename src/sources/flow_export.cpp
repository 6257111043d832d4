#include "sources/flow_export.h"

#include <algorithm>

#include "sources/byte_order.h"

namespace sovscan {

namespace {
// Bounds on what one exporter can make us remember beyond its templates.
constexpr size_t kMaxKeyedEntries = 1024;
// NetFlow v9 options scope fields are of their own namespace (System, Interface, ...), not
// information elements: marked with this so the record decoder skips them by length.
constexpr uint32_t kV9ScopeNamespace = 0xffffffffu;

uint64_t saturating_mul(uint64_t a, uint64_t b) {
    uint64_t out;
    return __builtin_mul_overflow(a, b, &out) ? UINT64_MAX : out;
}
}  // namespace

std::string flow_export_protocols_label(uint8_t protocols) {
    std::string out;
    const std::pair<uint8_t, const char*> names[] = {
        {kNetflowV5, "netflow-v5"}, {kNetflowV9, "netflow-v9"}, {kIpfix, "ipfix"}, {kSflowV5, "sflow-v5"}};
    for (const auto& [bit, name] : names) {
        if (!(protocols & bit)) continue;
        if (!out.empty()) out += ',';
        out += name;
    }
    return out;
}

void ExporterState::check_sequence(uint64_t key, uint32_t sequence, uint32_t advance, bool inclusive_ok) {
    auto it = next_sequence.find(key);
    if (it != next_sequence.end()) {
        const uint32_t gap = sequence - it->second.next;
        const bool inclusive = inclusive_ok && sequence - advance == it->second.last;
        // A gap under 2^31 is loss; a step back (reordering, a restarted exporter) only resyncs.
        if (gap != 0 && gap < 0x80000000u && !inclusive) counters.sequence_lost += gap;
        it->second = {sequence + advance, sequence};
    } else if (next_sequence.size() < kMaxKeyedEntries) {
        next_sequence.emplace(key, SequenceState{sequence + advance, sequence});
    }
}

void ExporterState::note_sample_pool(uint64_t source, uint32_t pool) {
    auto it = sample_pools.find(source);
    if (it == sample_pools.end()) {
        if (sample_pools.size() >= kMaxKeyedEntries) return;
        it = sample_pools.emplace(source, 0).first;
    }
    // The pool only grows (modulo 2^32): add what it grew by since the last sample.
    counters.sample_pool += uint32_t(pool - it->second);
    it->second = pool;
}

uint32_t ExporterState::rate_for(uint64_t scope, const DecodedRecord& r) const {
    if (uint32_t own = r.sampling_rate()) return own;
    if (r.has_sampler_id) {
        if (auto it = sampling.find({scope, r.sampler_id}); it != sampling.end()) return it->second;
    }
    if (auto it = sampling.find({scope, kAnySampler}); it != sampling.end()) return it->second;
    // Records that do not name their sampler, from a domain whose options name one: its rate.
    auto it = sampling.lower_bound({scope, 0});
    if (it != sampling.end() && it->first.first == scope) return it->second;
    return 1;
}

void ExporterState::learn_options(uint64_t scope, const DecodedRecord& r) {
    if (uint32_t rate = r.sampling_rate()) {
        const std::pair<uint64_t, uint64_t> key{scope, r.has_sampler_id ? r.sampler_id : kAnySampler};
        if (sampling.size() < kMaxKeyedEntries || sampling.count(key)) sampling[key] = rate;
    }
    if (r.system_init_ms >= 0 && (system_init_ms.size() < kMaxKeyedEntries || system_init_ms.count(scope)))
        system_init_ms[scope] = r.system_init_ms;
}

ExporterState* ExporterTable::get(const IpAddress& address) {
    auto it = by_address_.find(address);
    if (it != by_address_.end()) return it->second.get();
    if (by_address_.size() >= kMaxExporters) {
        ++refused_;
        return nullptr;
    }
    auto state = std::make_unique<ExporterState>();
    state->address = address;
    return by_address_.emplace(address, std::move(state)).first->second.get();
}

std::vector<const ExporterState*> ExporterTable::exporters() const {
    std::vector<const ExporterState*> out;
    for (const auto& [address, state] : by_address_) out.push_back(state.get());
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->address < b->address; });
    return out;
}

NamedCounters ExporterTable::totals() const {
    NamedCounters out;
    out["exporters"] = by_address_.size();
    out["datagrams_from_refused_exporters"] = refused_;
    for (const auto& [address, s] : by_address_) {
        const ExporterCounters& c = s->counters;
        out["datagrams"] += c.datagrams;
        out["records"] += c.records;
        out["malformed_datagrams"] += c.malformed;
        out["data_before_template"] += c.before_template;
        out["unknown_version_datagrams"] += c.unknown_version;
        out["templates"] += c.templates;
        out["template_changes"] += c.template_changes;
        out["template_withdrawals"] += c.template_withdrawals;
        out["templates_refused"] += c.templates_refused;
        out["exporter_sequence_lost"] += c.sequence_lost;
        out["sampled_packets"] += c.sampled_packets;
        out["sflow_sample_pool"] += c.sample_pool;
        out["counter_samples"] += c.counter_samples;
        out["records_skipped"] += c.skipped;
    }
    return out;
}

namespace {

int64_t record_time_ns(bool has_abs, int64_t abs_ns, bool has_uptime, uint32_t uptime_ms, int64_t record_init_ms,
                       const ExportClock& clock) {
    if (has_abs) return abs_ns;
    if (has_uptime) {
        // NetFlow v9: relative to the header's sysUpTime at export time; the signed difference
        // survives the 49.7-day wrap of the 32-bit uptime.
        if (clock.has_uptime)
            return (clock.export_ms + static_cast<int32_t>(uptime_ms - clock.uptime_ms)) * 1'000'000LL;
        // IPFIX flowStart/EndSysUpTime: relative to systemInitTimeMilliseconds.
        const int64_t init = record_init_ms >= 0 ? record_init_ms : clock.system_init_ms;
        if (init >= 0) return (init + uptime_ms) * 1'000'000LL;
    }
    return clock.export_ms * 1'000'000LL;  // no time of its own: when it was exported
}

}  // namespace

void emit_template_record(DecodedRecord& r, ExporterState& ex, uint64_t scope, const ExportClock& clock,
                          uint16_t input_index, RecordSink& sink) {
    if (!r.has_src || !r.has_dst) {  // a record of no IP flow (layer 2 only, an options-like record)
        ++ex.counters.skipped;
        return;
    }
    const uint32_t rate = ex.rate_for(scope, r);
    FlowRecord f;
    f.src_ip = r.src;
    f.dst_ip = r.dst;
    f.src_port = r.src_port;
    f.dst_port = r.dst_port;
    f.proto = r.proto;
    int fwd = 0;
    if (r.has_reverse) {
        // RFC 5103: the biflow's source initiated it, unless biflowDirection (239) says the
        // direction is arbitrary (0) or that the destination initiated it (2).
        f.src_began = r.biflow_direction != 0;
        if (r.biflow_direction == 2) {
            std::swap(f.src_ip, f.dst_ip);
            std::swap(f.src_port, f.dst_port);
            fwd = 1;
        }
    }
    for (int d = 0; d < 2; ++d) {
        const int from = d ^ fwd;
        f.packets[d] = saturating_mul(r.packets[from], rate);
        f.bytes[d] = saturating_mul(r.bytes[from], rate);
        f.tcp_flags[d] = r.tcp_flags[from];
    }
    f.sampling_rate = rate;
    f.first_ns = record_time_ns(r.has_start, r.start_ns, r.has_start_uptime, r.start_uptime_ms, r.system_init_ms, clock);
    f.last_ns = record_time_ns(r.has_end, r.end_ns, r.has_end_uptime, r.end_uptime_ms, r.system_init_ms, clock);
    if (f.last_ns < f.first_ns) f.last_ns = f.first_ns;
    if (r.has_src_mac && r.has_dst_mac) {
        f.has_macs = true;
        f.src_mac = fwd ? r.dst_mac : r.src_mac;
        f.dst_mac = fwd ? r.src_mac : r.dst_mac;
    }
    f.vlan = r.vlan;
    f.input_index = input_index;
    ++ex.counters.records;
    ex.counters.packets += f.packets[0] + f.packets[1];
    ex.counters.bytes += f.bytes[0] + f.bytes[1];
    ex.sampling_rate = rate;
    sink.on_flow_record(f);
}

bool read_template_set(const uint8_t* p, size_t n, TemplateSetFormat format, uint64_t scope, ExporterState& ex) {
    const uint16_t set_id = format.ipfix ? (format.options ? 3 : 2) : (format.options ? 1 : 0);
    size_t at = 0;
    while (n - at >= 4) {
        const uint16_t id = bytes::load<uint16_t, true>(p + at);
        const uint16_t count = bytes::load<uint16_t, true>(p + at + 2);
        if (format.ipfix && count == 0) {  // RFC 7011 8.1: a withdrawal (the set's own id: all of them)
            at += 4;
            if (id == set_id) {
                ex.counters.template_withdrawals += ex.templates.withdraw_all(scope, format.options);
            } else if (id >= 256) {
                if (ex.templates.withdraw(scope, id)) ++ex.counters.template_withdrawals;
            } else {
                return false;
            }
            continue;
        }
        if (id < 256) {
            // Padding at the end of the set is zeros; anything else below 256 is no template id.
            for (size_t i = at; i < n; ++i)
                if (p[i] != 0) return false;
            return true;
        }
        FlowTemplate t;
        t.options = format.options;
        size_t fields = count, scope_fields = 0;
        if (format.options) {
            if (format.ipfix) {  // template id, field count, scope field count
                if (n - at < 6) return false;
                scope_fields = bytes::load<uint16_t, true>(p + at + 4);
                if (scope_fields == 0 || scope_fields > fields) return false;
                at += 6;
            } else {  // NetFlow v9: template id, scope length, option length (in octets)
                if (n - at < 6) return false;
                const uint16_t scope_len = count, option_len = bytes::load<uint16_t, true>(p + at + 4);
                if (scope_len % 4 || option_len % 4) return false;
                scope_fields = scope_len / 4;
                fields = scope_fields + option_len / 4;
                at += 6;
            }
        } else {
            at += 4;
        }
        t.scope_fields = static_cast<uint16_t>(scope_fields);
        t.fields.reserve(std::min<size_t>(fields, (n - at) / 4));
        for (size_t i = 0; i < fields; ++i) {
            if (n - at < 4) return false;
            TemplateField f;
            f.id = bytes::load<uint16_t, true>(p + at);
            f.length = bytes::load<uint16_t, true>(p + at + 2);
            at += 4;
            if (format.ipfix && (f.id & 0x8000)) {  // enterprise bit: a 4-octet enterprise number follows
                if (n - at < 4) return false;
                f.id &= 0x7fff;
                f.enterprise = bytes::load<uint32_t, true>(p + at);
                at += 4;
            } else if (!format.ipfix && format.options && i < scope_fields) {
                f.enterprise = kV9ScopeNamespace;
            }
            t.min_record_length += f.length == kVariableLength ? 1u : f.length;
            t.fields.push_back(f);
        }
        if (t.min_record_length == 0) {  // records of no length cannot be counted through a set
            ++ex.counters.templates_refused;
            continue;
        }
        switch (ex.templates.add(scope, id, std::move(t))) {
            case TemplateStore::Added::full: ++ex.counters.templates_refused; break;
            case TemplateStore::Added::changed: ++ex.counters.template_changes, ++ex.counters.templates; break;
            default: ++ex.counters.templates; break;
        }
    }
    return true;
}

size_t read_data_set(const uint8_t* p, size_t n, uint16_t set_id, uint64_t scope, const ExportClock& clock,
                     ExporterState& ex, uint16_t input_index, RecordSink& sink, bool* template_known) {
    // Data before its template is counted and dropped, not buffered: exporters on UDP resend their
    // templates every few datagrams or minutes (RFC 7011 8.4), so only the first records of a
    // restart go, and a buffer of them would be memory a forged source address could fill.
    const FlowTemplate* t = ex.templates.find(scope, set_id);
    *template_known = t != nullptr;
    if (!t) {
        ++ex.counters.before_template;
        return 0;
    }
    size_t at = 0, records = 0;
    DecodedRecord r;
    while (n - at >= t->min_record_length) {
        const size_t used = decode_template_record(*t, p + at, n - at, r);
        if (used == 0) break;  // a variable-length field running past the set: the rest is lost
        at += used;
        ++records;
        if (t->options) ex.learn_options(scope, r);
        else emit_template_record(r, ex, scope, clock, input_index, sink);
    }
    return records;
}

}  // namespace sovscan
