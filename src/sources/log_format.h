#pragma once
// Which log format a text input holds, judged from its first bytes, never from its name: a Zeek
// ASCII (TSV) log, Zeek JSON lines, or Suricata EVE JSON lines (docs/inputs.md).
#include <cstdint>
#include <optional>
#include <string_view>

namespace sovscan {

enum class LogFormat : uint8_t { zeek_tsv, zeek_json, suricata_eve };
const char* log_format_label(LogFormat f);  // "zeek-tsv", "zeek-json", "suricata-eve"

// How many (decompressed) bytes sniff_log_format wants to see.
inline constexpr size_t kLogSniffBytes = 4096;

// The format of a text that starts with `first_bytes`, or nullopt when it is none of them:
// - Zeek TSV: a `#separator ` line among the leading `#` lines (a log's header starts with it; a
//   comment line may come first, as in Zeek's own test baselines);
// - otherwise the first line that is neither empty nor a `#` comment is a JSON object: EVE when it
//   has "event_type" and "timestamp", Zeek JSON when it has "ts" and one of the keys every Zeek log
//   names its record with ("uid", "uids", "id.orig_h", "_path", or the host keys of software,
//   known_services and x509 logs).
std::optional<LogFormat> sniff_log_format(std::string_view first_bytes);

}  // namespace sovscan
