#include "engine/scan_session.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <map>

#include "assess/designation_tagger.h"
#include "assess/exception_applier.h"
#include "common/time_format.h"

namespace sovscan {

namespace {

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

}  // namespace

ScanSession::ScanSession(const ScanOptions& opt, std::shared_ptr<const Intel> intel)
    : opt_(opt),
      policy_(opt.policy),
      intel_(std::move(intel)),
      judges_(std::make_unique<Judges>(policy_, *intel_)),
      agg_(policy_, {}),
      collector_(agg_, opt.on_flow),
      pipeline_(opt.flows, opt.observe, collector_) {
    agg_.limit(opt.exposures, judges_->triage);
    pipeline_.on_non_ip([this](const DecodedPacket& p) { agg_.add_mac(p.src_mac, nullptr, p.ts_ns); });
}

ScanSession::~ScanSession() = default;

uint16_t ScanSession::add_input(std::string name) {
    if (inputs_.size() >= UINT16_MAX) throw std::length_error("more than 65535 inputs in one run");
    agg_.add_input_name(name);
    InputSummary s;
    s.path = std::move(name);
    inputs_.push_back(std::move(s));
    return static_cast<uint16_t>(inputs_.size() - 1);
}

void ScanSession::note_input_time(uint16_t index, int64_t first_ns, int64_t last_ns) {
    if (index >= inputs_.size()) return;
    InputSummary& in = inputs_[index];
    if (in.packets == 0 && in.records == 0) {
        in.first_ns = first_ns, in.last_ns = last_ns;
        return;
    }
    in.first_ns = std::min(in.first_ns, first_ns);
    in.last_ns = std::max(in.last_ns, last_ns);
}

void ScanSession::note_packet(const RawPacket& raw) {
    ++packets_;
    wire_bytes_ += raw.wire_len;
    if (raw.input_index < inputs_.size()) {
        InputSummary& in = inputs_[raw.input_index];
        // Packets of one input are in its order: the first is its first, the latest its last.
        if (in.packets++ == 0 && in.records == 0) in.first_ns = raw.ts_ns;
        in.last_ns = raw.ts_ns;
    }
}

Flow ScanSession::flow_of(FlowRecord& r) const {
    // Who is client: the record says so (an originator, a biflow's source), or a lone SYN in one
    // direction does, or the ports decide as for a packet flow that began without a SYN.
    bool src_is_client = true;
    if (!r.src_began) {
        const uint8_t syn = 0x02, ack = 0x10;
        const bool fwd_syn_only = (r.tcp_flags[0] & (syn | ack)) == syn, rev_syn_only = (r.tcp_flags[1] & (syn | ack)) == syn;
        if (r.proto == kProtoTcp && fwd_syn_only != rev_syn_only) src_is_client = fwd_syn_only;
        else src_is_client = sender_is_client_by_ports(r.src_port, r.dst_port, r.proto);
    }
    const int c = src_is_client ? 0 : 1, s = 1 - c;  // index of the client's and server's direction in r
    Flow f;
    f.id = 0;
    f.proto = r.proto;
    f.client_ip = c == 0 ? r.src_ip : r.dst_ip;
    f.server_ip = c == 0 ? r.dst_ip : r.src_ip;
    f.client_port = c == 0 ? r.src_port : r.dst_port;
    f.server_port = c == 0 ? r.dst_port : r.src_port;
    const bool client_is_lo = f.client_ip < f.server_ip || (f.client_ip == f.server_ip && f.client_port <= f.server_port);
    f.key = client_is_lo ? FlowKey{f.client_ip, f.server_ip, f.client_port, f.server_port, r.proto, r.vlan}
                         : FlowKey{f.server_ip, f.client_ip, f.server_port, f.client_port, r.proto, r.vlan};
    f.client_by_handshake = r.src_began;
    f.packets[kToServer] = r.packets[c], f.packets[kToClient] = r.packets[s];
    f.bytes[kToServer] = r.bytes[c], f.bytes[kToClient] = r.bytes[s];
    f.tcp_flags[kToServer] = r.tcp_flags[c], f.tcp_flags[kToClient] = r.tcp_flags[s];
    f.first_ns = r.first_ns;
    f.last_ns = std::max(r.first_ns, r.last_ns);
    f.vlan = r.vlan;
    f.input_index = r.input_index;
    if (r.has_macs) {
        // The record's src MAC is on frames from src; its dst MAC is the device that answers for dst
        // on the segment (the host, or the router in front of it), whose replies carry it as source.
        f.has_macs = true;
        f.client_mac = c == 0 ? r.src_mac : r.dst_mac;
        f.server_mac = c == 0 ? r.dst_mac : r.src_mac;
    }
    f.server_name = std::move(r.server_name);
    f.name_source = f.server_name.empty() ? NameSource::none : r.name_source;
    f.http_user_agent = std::move(r.http_user_agent);
    f.http_server = std::move(r.http_server);
    return f;
}

void ScanSession::on_flow_record(FlowRecord& record) {
    ++flow_records_;
    if (record.input_index < inputs_.size()) {
        note_input_time(record.input_index, record.first_ns, std::max(record.first_ns, record.last_ns));
        ++inputs_[record.input_index].records;
    }
    Flow flow = flow_of(record);
    flow.id = next_record_id_++;
    pipeline_.add_ended_flow(flow);
}

void ScanSession::on_dns_answer(DnsAnswerRecord& a) {
    if (a.input_index < inputs_.size()) {
        note_input_time(a.input_index, a.ts_ns, a.ts_ns);
        ++inputs_[a.input_index].records;
    }
    for (size_t i = 0; i < a.addresses.size(); ++i) {
        const bool last = i + 1 == a.addresses.size();
        DnsName name{last ? std::move(a.query) : a.query, last ? std::move(a.cnames) : a.cnames, a.resolver, a.ts_ns};
        pipeline_.record_dns_answer(a.client, a.addresses[i], std::move(name));
    }
}

void ScanSession::on_device_record(AssetRecord record) { logged_devices_.push_back(std::move(record)); }

void ScanSession::on_sampled_packet(const RawPacket& raw, uint32_t sampling_rate) {
    ++sampled_packets_;
    std::vector<uint8_t>& slot = sample_bytes_[next_sample_slot_];
    next_sample_slot_ = (next_sample_slot_ + 1) % kSampleSlots;
    slot.assign(raw.data, raw.data + raw.caplen);
    RawPacket copy = raw;
    copy.data = slot.data();
    copy.weight = std::max<uint32_t>(sampling_rate, 1);
    if (copy.input_index < inputs_.size()) ++inputs_[copy.input_index].records;
    note_packet(copy);
    pipeline_.process(copy);
}

void ScanSession::reload(Policy policy, std::shared_ptr<const Intel> intel) {
    judges_.reset();  // they refer to policy_ and the old intel
    policy_ = std::move(policy);
    intel_ = std::move(intel);
    judges_ = std::make_unique<Judges>(policy_, *intel_);
    agg_.rejudge(judges_->triage);
}

void ScanSession::add_counters(const std::string& prefix, const NamedCounters& counters) {
    for (const auto& [name, n] : counters) reader_counters_[prefix + name] += n;
}

ScanReport ScanSession::snapshot(const Diagnostics& diag, AssetInventoryBuilder* assets) {
    // The aggregator as it stands plus the live flows as if they ended now: a copy, so that the
    // flows go on and are counted once when they do end. Its size is bounded by --max-counterparts.
    ExposureAggregator agg = agg_;
    pipeline_.for_each_live_named([&agg](const Flow& f) { agg.add(f); });
    return compose(agg, diag, assets);
}

ScanReport ScanSession::finish(const Diagnostics& diag, AssetInventoryBuilder* assets) {
    pipeline_.finish();
    return compose(agg_, diag, assets);
}

ScanReport ScanSession::compose(const ExposureAggregator& agg, const Diagnostics& diag, AssetInventoryBuilder* assets) {
    ScanReport report;
    report.policy = policy_;
    report.command_line = opt_.command_line;
    report.sensor = opt_.sensor;
    report.intel = intel_->sources();
    report.inputs = inputs_;
    report.packets = packets_;
    report.wire_bytes = wire_bytes_;
    report.ip_packets = pipeline_.ip_packets();
    for (const InputSummary& s : inputs_) {
        if (!s.packets && !s.records) continue;
        if (!report.first_ns || s.first_ns < report.first_ns) report.first_ns = s.first_ns;
        if (s.last_ns > report.last_ns) report.last_ns = s.last_ns;
    }

    report.findings = judges_->assessor.assess(agg);
    report.devices = judges_->assessor.devices(agg);
    if (assets) {
        std::vector<AssetRecord> observed = pipeline_.observer().device_records();
        observed.insert(observed.end(), logged_devices_.begin(), logged_devices_.end());
        const ScanObservations traffic{&observed, &report.devices, &agg, &report.findings};
        assets->add_traffic(traffic);
        report.inventory = assets->build(traffic, report.findings);
    }
    report.egress_by_country = egress_by_country(agg, judges_->enricher);
    report.traffic = agg.totals();
    report.folding = FoldingSummary{agg.limits().max_counterparts, agg.fold_stats(), agg.folded()};
    report.decode_counters = pipeline_.decoder().counters();
    report.flow_counters = pipeline_.flows().counters();
    report.flow_counters.merge(pipeline_.fragments().counters());
    if (flow_records_) report.flow_counters["flow_records"] = flow_records_;
    if (sampled_packets_) report.flow_counters["sampled_packets"] = sampled_packets_;
    report.observe_counters = pipeline_.observer().counters();
    report.input_counters = reader_counters_;
    report.problems = diag.problems();

    std::time_t now = std::time(nullptr);
    report.generated_at = rfc3339_utc(static_cast<int64_t>(now) * 1'000'000'000LL).substr(0, 19) + "Z";
    report.policy_date = opt_.today.value_or(CalendarDate::utc_day_of(now));
    DesignationTagger(intel_->catalog()).tag(report.findings);
    ExceptionApplier(policy_, report.policy_date).apply(report.findings);
    report.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    return report;
}

}  // namespace sovscan
