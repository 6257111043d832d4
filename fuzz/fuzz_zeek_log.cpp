// libFuzzer: any bytes as a Zeek log (TSV or JSON lines, plain or gzip): the reader must count and
// skip what is malformed and keep fuzz_log_checks.h. Seeds: fuzz/seeds/fuzz_zeek_log and the
// corpus's zeek/ logs (scripts/fuzz.sh).
// Seeds in fuzz/seeds/fuzz_zeek_log: lines of Zeek's own btest baselines (zeek/zeek @ a13de64fbbdb,
// BSD-3-Clause; ../shared/corpus/FORMATS.md), cut short; http-json.log has its canonified ts made a
// number again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_log_checks.h"
#include "sources/zeek_log.h"
#include "sources/zeek_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sovscan::fuzz::read_and_check_log(data, size);
    // The row reader and the record mapping alone, whatever the sniffer says: the first byte
    // chooses TSV or JSON, every line of the rest goes through.
    if (size == 0) return 0;
    using namespace sovscan;
    ZeekLogReader reader(data[0] & 1 ? LogFormat::zeek_json : LogFormat::zeek_tsv);
    ZeekRecord record;
    ZeekContext cx{"fuzz", 0, 0, 0};
    std::string problem;
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (reader.read(line, record, problem) != ZeekLogReader::Line::record) continue;
        const ZeekLogKind kind = zeek_log_kind(record);
        (void)zeek_conn_flow(record, cx);
        (void)zeek_dns_answer(record, cx);
        (void)zeek_flow_note(record, kind, cx);
        (void)zeek_certificate(record);
        (void)zeek_device_record(record, kind, cx);
    }
    return 0;
}
