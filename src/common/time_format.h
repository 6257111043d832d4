#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

// RFC 3339 UTC with microseconds, e.g. 2016-08-02T02:19:33.025824Z.
std::string rfc3339_utc(int64_t ts_ns);

// Times as other tools write them, read exactly (no floating point: a microsecond stays one).
// "1510026415.995389", "1510026415" (seconds since the Unix epoch, up to 9 fraction digits) -> ns.
std::optional<int64_t> parse_epoch_seconds(std::string_view text);
// ISO 8601 / RFC 3339 with a zone: "2019-11-26T16:41:02.504203+0800", "...+08:00", "...Z"; a
// space for the T is accepted. Without a zone the time is taken as UTC (Zeek writes "Z"; Suricata
// always an offset). -> ns since the Unix epoch; nullopt when it names no real time.
std::optional<int64_t> parse_iso8601(std::string_view text);

}  // namespace sovscan
