#pragma once
// DHCPv4 message parsing (RFC 2131, options RFC 2132). Internal to observe/; exposed for tests and
// fuzzers. See dhcp.cpp for the dissector.
#include <cstdint>
#include <optional>
#include <string>

#include "common/ip_address.h"
#include "common/mac_address.h"
#include "observe/dissector.h"

namespace sovscan::observe {

struct DhcpMessage {
    uint8_t op = 0;                    // 1 = BOOTREQUEST (client), 2 = BOOTREPLY (server)
    uint8_t message_type = 0;          // option 53 (1 DISCOVER ... 8 INFORM); 0 = none (plain BOOTP)
    std::optional<MacAddress> chaddr;  // client hardware address when Ethernet (htype 1, hlen 6)
    IpAddress ciaddr, yiaddr;
    std::optional<IpAddress> requested_ip;  // option 50
    // Options as the client sent them (bytes kept; outputs escape). Empty when absent.
    std::string host_name;       // 12, trailing NULs removed
    std::string vendor_class;    // 60, trailing NULs removed
    std::string parameter_list;  // 55 as the fingerprint string "1,3,6,15"
    std::string client_id;       // 61 as hex bytes "01:5c:cf:7f:07:ae:fb" (type byte first)
    std::string client_fqdn;     // 81, the domain name (wire or ASCII form), no trailing dot
};

// "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK", "NAK", "RELEASE", "INFORM", or "" for others.
const char* dhcp_message_type_label(uint8_t type);

// ok, or malformed (too short, no magic cookie, an option running past its area) with `out`
// holding what was read before the problem. Options split into several instances are joined
// (RFC 3396); the sname and file fields are read for options when option 52 says so.
ParseStatus parse_dhcp_message(Bytes payload, DhcpMessage& out);

}  // namespace sovscan::observe
