#pragma once
// Values as logs write them, read the way the capture path reads the same things off the wire, so
// that a name or a count means the same whatever the input: shared by the Zeek and EVE readers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/ip_address.h"

namespace sovscan {

// A server name as observe stores one: trailing dots dropped, cut at 255 bytes, ASCII lower case.
std::string log_server_name(std::string_view raw);
// An HTTP Host value as a server name (its port dropped, an address literal kept).
std::string log_http_host(std::string_view raw);
// The CN of an X.500 subject as Zeek ("CN=a,O=b") or older Suricata ("CN=a/O=b", "CN=a, O=b")
// write it, when it looks like a host name; "" otherwise.
std::string subject_common_name(std::string_view subject);

std::optional<uint64_t> parse_count(std::string_view text);
std::optional<uint16_t> parse_port(std::string_view text);
// Transport protocol by name ("tcp", "UDP", "icmp", "ipv6-icmp", "sctp") or number; nullopt otherwise.
std::optional<uint8_t> parse_transport(std::string_view text);
// A Zeek interval ("0.922231" seconds) -> ns.
std::optional<int64_t> parse_interval(std::string_view text);
// A time as Zeek (epoch seconds) or anyone else (ISO 8601) writes it -> ns.
std::optional<int64_t> parse_log_time(std::string_view text);

}  // namespace sovscan
