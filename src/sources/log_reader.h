#pragma once
// Reads Zeek logs and Suricata EVE files (plain or gzip, told apart by content) into a RecordSink:
// the entry point the engine calls for the inputs that are logs rather than captures.
//
// Two passes over the inputs, streamed line by line (memory: sources/log_join.h):
//   1. everything but the flows: DNS answers, devices and software are handed on as they are read;
//      what ssl/http/quic/x509 (Zeek) and tls/http/quic/alert (EVE) records say about a flow is
//      kept by the flow's id;
//   2. the inputs that hold flows (Zeek conn, EVE flow/netflow) again: each flow is handed on with
//      what pass 1 learnt of it. Annotated flows no flow record claimed follow as flows of their own.
// So files may come in any order, and every DNS answer is known before the first flow.
// A malformed line is counted and skipped with a warning naming file:line; nothing is fatal.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "sources/log_format.h"
#include "sources/record_sink.h"

namespace sovscan {

struct LogInput {
    std::string path;
    uint16_t input_index = 0;  // as the sink numbers its inputs (ScanSession::add_input)
};

// What one input gave: for the report's list of inputs.
struct LogInputSummary {
    std::string path;
    std::optional<LogFormat> format;  // nullopt: not a log (or could not be opened)
    bool compressed = false;
    uint64_t records = 0;          // lines that were records (header and comment lines aside)
    uint64_t malformed_lines = 0;  // counted and skipped
    uint64_t flows = 0;            // flow records handed on (conn, flow, netflow; and annotated flows without one)
    uint64_t dns_answers = 0;
    uint64_t device_records = 0;
    bool partial = false;  // ended early (a truncated or corrupt gzip stream, a read error)
};

struct LogReadOptions {
    size_t max_annotated_flows = size_t(1) << 20;  // sources/log_join.h
    size_t warnings_per_input = 5;                 // malformed lines named one by one, then a total
};

// Reads `inputs` into `sink`. Counters (log_records, log_malformed_lines, log_unknown_record_types,
// log_records_without_flow, log_invalid_values, zeek_<log>, eve_<event_type>, ...) are added to
// `counters`. False when an input could not be opened or is not a log (an error in `diag`); the
// others are still read.
bool read_log_inputs(const std::vector<LogInput>& inputs, RecordSink& sink, Diagnostics& diag, NamedCounters& counters,
                     std::vector<LogInputSummary>* summaries = nullptr, const LogReadOptions& options = {});

// The same for one input in memory (tests, fuzz targets), named `name`.
bool read_log_bytes(std::span<const uint8_t> bytes, const std::string& name, RecordSink& sink, Diagnostics& diag,
                    NamedCounters& counters, LogInputSummary* summary = nullptr, const LogReadOptions& options = {});

// The format of the file at `path`, judged from its first (decompressed) bytes; nullopt when it is
// no log or cannot be read. For the engine, to tell logs from captures.
std::optional<LogFormat> sniff_log_file(const std::string& path);

}  // namespace sovscan
