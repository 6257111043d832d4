#pragma once
// What every reader of logs (Zeek, Suricata EVE) must keep on any input: no crash, hang or throw;
// every problem message and input name escaped (plain printable ASCII); names as observe stores
// them; DNS answers only with a query and an address.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "sources/log_reader.h"
#include "support/collecting_sink.h"

namespace sovscan::fuzz {

inline void require(bool ok) {
    if (!ok) std::abort();
}

inline bool printable_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

inline void read_and_check_log(const uint8_t* data, size_t size) {
    test::CollectingSink sink;
    Diagnostics diag;
    NamedCounters counters;
    LogInputSummary summary;
    LogReadOptions options;
    options.max_annotated_flows = 64;  // the bound's path too, on small inputs
    read_log_bytes(std::span<const uint8_t>(data, size), "fuzz\x1b[0m.log", sink, diag, counters, &summary, options);
    for (const InputProblem& p : diag.problems()) require(printable_ascii(p.input) && printable_ascii(p.message));
    for (const FlowRecord& f : sink.flows) {
        require((f.name_source == NameSource::none) == f.server_name.empty() || f.server_name.empty());
        require(f.server_name.size() <= 255);
        for (char c : f.server_name) require(!(c >= 'A' && c <= 'Z'));
        require(f.last_ns >= f.first_ns || f.last_ns == 0 || f.first_ns == 0);
    }
    for (const DnsAnswerRecord& a : sink.answers) require(!a.addresses.empty() && !a.query.empty());
    require(summary.flows == sink.flows.size());
    require(summary.dns_answers == sink.answers.size());
    require(summary.device_records == sink.devices.size());
}

}  // namespace sovscan::fuzz
