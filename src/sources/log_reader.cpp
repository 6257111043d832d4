#include "sources/log_reader.h"

#include <fmt/format.h>

#include <functional>
#include <memory>

#include "common/escape.h"
#include "sources/log_join.h"
#include "sources/suricata_eve.h"
#include "sources/text_lines.h"
#include "sources/zeek_log.h"
#include "sources/zeek_records.h"

namespace sovscan {

namespace {

using OpenStream = std::function<std::unique_ptr<ByteStream>(std::string& error)>;

struct Source {
    std::string name;
    uint16_t input_index = 0;
    OpenStream open;
    LogInputSummary summary;
    bool has_flows = false;  // pass 1 saw flow records: read again in pass 2
};

class LogReader {
public:
    LogReader(RecordSink& sink, Diagnostics& diag, NamedCounters& counters, const LogReadOptions& options)
        : sink_(sink), diag_(diag), counters_(counters), options_(options), notes_(options.max_annotated_flows) {}

    bool read(std::vector<Source>& sources) {
        bool ok = true;
        for (Source& s : sources) ok = pass(s, false) && ok;
        for (Source& s : sources)
            if (s.has_flows) pass(s, true);
        // Annotated flows no flow record claimed: flows of their own (their record's endpoints).
        const uint64_t unclaimed = notes_.unclaimed();
        notes_.drain_unclaimed([&](FlowRecord& f) { emit_unclaimed(f, sources); });
        count("log_records_without_flow", unclaimed);
        count("log_notes_over_limit", notes_.dropped());
        return ok;
    }

private:
    void count(const std::string& name, uint64_t n = 1) {
        if (n) counters_[name] += n;
    }

    void emit_unclaimed(FlowRecord& f, std::vector<Source>& sources) {
        for (Source& s : sources)
            if (s.input_index == f.input_index) ++s.summary.flows;
        count("log_flows");
        sink_.on_flow_record(f);
    }

    // One pass over one input: pass 1 (`flows` false) reads all but the flows, pass 2 only those.
    bool pass(Source& s, bool flows) {
        LogInputSummary& sum = s.summary;
        const std::string where = printable(s.name);
        std::string error;
        std::unique_ptr<ByteStream> stream = s.open(error);
        if (!stream) {
            diag_.error(where, fmt::format("cannot open: {}", printable(error)));
            return false;
        }
        TextLines lines(*stream);
        const std::optional<LogFormat> format = sniff_log_format(lines.peek(kLogSniffBytes));
        if (!format) {
            if (!flows) diag_.error(where, "not a Zeek log or Suricata EVE file (judged by its content)");
            return false;
        }
        sum.format = format;
        sum.compressed = lines.compressed();
        ZeekLogReader zeek(*format);
        ZeekRecord record;
        ZeekContext zcx{s.name, 0, s.input_index, 0};
        EveContext ecx{s.name, 0, s.input_index, 0};
        EveDnsAnswers eve_dns;
        uint64_t warned = 0, first_invalid_line = 0;
        std::string problem;
        std::string_view line;
        auto malformed = [&](std::string_view why) {
            if (flows) return;  // counted in pass 1
            ++sum.malformed_lines;
            count("log_malformed_lines");
            if (warned++ < options_.warnings_per_input)
                diag_.warn(where, fmt::format("{}:{}: {}; line skipped", where, lines.line_number(), why));
        };
        while (lines.next(line)) {
            if (lines.overlong()) {
                malformed(fmt::format("line longer than {} bytes", TextLines::kMaxLine));
                continue;
            }
            const uint64_t invalid_before = zcx.invalid_values + ecx.invalid_values;
            if (*format == LogFormat::suricata_eve) {
                if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
                std::optional<EveEvent> e = parse_eve_event(line, problem);
                if (!e) {
                    malformed(problem);
                    continue;
                }
                ecx.line = lines.line_number();
                eve_event(s, *e, ecx, eve_dns, flows);
            } else {
                const ZeekLogReader::Line kind = zeek.read(line, record, problem);
                if (kind == ZeekLogReader::Line::malformed) {
                    malformed(problem);
                    continue;
                }
                if (kind != ZeekLogReader::Line::record) continue;
                zcx.line = lines.line_number();
                if (record.wrong_types()) zcx.invalid_values += record.wrong_types();
                zeek_record(s, record, zcx, flows);
            }
            if (!first_invalid_line && zcx.invalid_values + ecx.invalid_values > invalid_before)
                first_invalid_line = lines.line_number();
        }
        eve_dns.finish([&](DnsAnswerRecord& a) { dns_answer(s, a); });
        // Each pass maps its own records (pass 2 the flows only): their invalid values are counted once.
        const uint64_t invalid = zcx.invalid_values + ecx.invalid_values;
        if (invalid) {
            count("log_invalid_values", invalid);
            diag_.warn(where, fmt::format("{} values not of their field's type, read as unset (first at {}:{})", invalid,
                                          where, first_invalid_line));
        }
        if (flows) return true;
        if (warned > options_.warnings_per_input)
            diag_.warn(where, fmt::format("{} malformed lines skipped in all", warned));
        if (!lines.error().empty()) {
            sum.partial = true;
            diag_.warn(where, fmt::format("{} after line {}: the records before it are read", lines.error(),
                                          lines.line_number()));
            diag_.mark_partial(where);
        }
        return true;
    }

    void dns_answer(Source& s, DnsAnswerRecord& a) {
        ++s.summary.dns_answers;
        count("log_dns_answers");
        sink_.on_dns_answer(a);
    }
    void device(Source& s, AssetRecord a) {
        ++s.summary.device_records;
        count("log_device_records");
        sink_.on_device_record(std::move(a));
    }
    void note(Source& s, const std::string& key, const std::string& community_id, FlowNote n) {
        if (key.empty() && community_id.empty()) {  // nothing to join on: a flow of its own now
            emit_flow(n.flow, s);
            return;
        }
        FlowRecord copy = n.flow;
        if (!notes_.add(key, community_id, std::move(n))) emit_flow(copy, s);
    }
    void emit_flow(FlowRecord& f, Source& s) {
        ++s.summary.flows;
        count("log_flows");
        sink_.on_flow_record(f);
    }
    void record_seen(Source& s, bool flows, const std::string& kind_counter) {
        if (flows) return;
        ++s.summary.records;
        count("log_records");
        count(kind_counter);
    }

    void zeek_record(Source& s, const ZeekRecord& r, ZeekContext& cx, bool flows) {
        const ZeekLogKind kind = zeek_log_kind(r);
        if (flows) {
            if (kind != ZeekLogKind::conn) return;
            std::optional<FlowRecord> f = zeek_conn_flow(r, cx);
            if (!f) return;
            notes_.attach(join_key('z', r.text("uid")), std::string(r.text("community_id").value_or("")), *f);
            emit_flow(*f, s);
            return;
        }
        record_seen(s, flows, fmt::format("zeek_{}", zeek_log_kind_label(kind)));
        switch (kind) {
            case ZeekLogKind::conn:
                if (!r.text("id.orig_h") || !r.text("id.resp_h")) {
                    missing_endpoints(s, cx.line);
                    return;
                }
                s.has_flows = true;
                return;
            case ZeekLogKind::dns:
                if (auto a = zeek_dns_answer(r, cx)) dns_answer(s, *a);
                return;
            case ZeekLogKind::ssl:
            case ZeekLogKind::http:
            case ZeekLogKind::quic:
                if (auto n = zeek_flow_note(r, kind, cx))
                    note(s, join_key('z', n->uid), n->community_id, std::move(n->note));
                else
                    missing_endpoints(s, cx.line);
                return;
            case ZeekLogKind::x509: {
                ZeekCertificate c = zeek_certificate(r);
                for (const std::string& ref : c.refs) notes_.note_certificate(ref, c.name);
                return;
            }
            case ZeekLogKind::dhcp:
            case ZeekLogKind::software:
            case ZeekLogKind::known_services:
                if (auto a = zeek_device_record(r, kind, cx)) device(s, std::move(*a));
                return;
            case ZeekLogKind::other: count("log_unknown_record_types"); return;
        }
    }

    void eve_event(Source& s, const EveEvent& e, EveContext& cx, EveDnsAnswers& dns, bool flows) {
        const bool is_flow = e.kind == EveKind::flow || e.kind == EveKind::netflow;
        if (flows) {
            if (!is_flow) return;
            std::optional<FlowRecord> f = eve_flow(e, cx);
            if (!f) return;
            notes_.attach(join_key('e', e.flow_key), e.community_id, *f);
            emit_flow(*f, s);
            return;
        }
        record_seen(s, flows, fmt::format("eve_{}", eve_kind_label(e.kind)));
        switch (e.kind) {
            case EveKind::flow:
            case EveKind::netflow:
                if (!e.doc.contains("src_ip") || !e.doc.contains("dest_ip")) {
                    missing_endpoints(s, cx.line);
                    return;
                }
                s.has_flows = true;
                return;
            case EveKind::dns: dns.add(e, cx, [&](DnsAnswerRecord& a) { dns_answer(s, a); }); return;
            case EveKind::tls:
            case EveKind::http:
            case EveKind::quic:
            case EveKind::alert:
            case EveKind::fileinfo:
                if (auto n = eve_flow_note(e, cx)) note(s, join_key('e', e.flow_key), e.community_id, std::move(*n));
                return;
            case EveKind::dhcp:
            case EveKind::ssh:
                for (AssetRecord& a : eve_device_records(e, cx)) device(s, std::move(a));
                return;
            case EveKind::anomaly:
            case EveKind::stats: return;  // counted as eve_<type>: nothing about flows or devices
            case EveKind::other: count("log_unknown_record_types"); return;
        }
    }

    // A record of a connection without both addresses: nothing to join or hand on.
    void missing_endpoints(Source&, uint64_t) { count("log_records_without_endpoints"); }

    // Ids of different sensors never meet: a Zeek uid and an EVE flow_id are kept apart.
    static std::string join_key(char sensor, std::optional<std::string_view> id) {
        if (!id || id->empty()) return {};
        std::string k(1, sensor);
        k += ':';
        k += *id;
        return k;
    }

    RecordSink& sink_;
    Diagnostics& diag_;
    NamedCounters& counters_;
    LogReadOptions options_;
    FlowAnnotations notes_;
};

}  // namespace

bool read_log_inputs(const std::vector<LogInput>& inputs, RecordSink& sink, Diagnostics& diag, NamedCounters& counters,
                     std::vector<LogInputSummary>* summaries, const LogReadOptions& options) {
    std::vector<Source> sources;
    for (const LogInput& in : inputs) {
        Source& s = sources.emplace_back();
        s.name = in.path;
        s.input_index = in.input_index;
        s.summary.path = in.path;
        s.open = [path = in.path](std::string& error) -> std::unique_ptr<ByteStream> {
            auto f = std::make_unique<FileStream>();
            if (!f->open(path, error)) return nullptr;
            return f;
        };
    }
    LogReader reader(sink, diag, counters, options);
    const bool ok = reader.read(sources);
    if (summaries)
        for (Source& s : sources) summaries->push_back(std::move(s.summary));
    return ok;
}

bool read_log_bytes(std::span<const uint8_t> bytes, const std::string& name, RecordSink& sink, Diagnostics& diag,
                    NamedCounters& counters, LogInputSummary* summary, const LogReadOptions& options) {
    std::vector<Source> sources(1);
    sources[0].name = name;
    sources[0].summary.path = name;
    sources[0].open = [bytes](std::string&) -> std::unique_ptr<ByteStream> { return std::make_unique<MemoryStream>(bytes); };
    LogReader reader(sink, diag, counters, options);
    const bool ok = reader.read(sources);
    if (summary) *summary = std::move(sources[0].summary);
    return ok;
}

std::optional<LogFormat> sniff_log_file(const std::string& path) {
    FileStream f;
    std::string error;
    if (!f.open(path, error)) return std::nullopt;
    TextLines lines(f);
    return sniff_log_format(lines.peek(kLogSniffBytes));
}

}  // namespace sovscan
