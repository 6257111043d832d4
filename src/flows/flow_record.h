#pragma once
// A flow another tool already measured: a NetFlow v5/v9 or IPFIX record, a Zeek conn.log entry, a
// Suricata EVE `flow`/`netflow` event. It enters the same path as a flow the flow table ended
// (engine/scan_session.h): named from DNS answers when it carries no name of its own, aggregated,
// assessed. Readers fill what their format says and leave the rest at its default.
#include <cstdint>
#include <string>

#include "common/ip_address.h"
#include "common/mac_address.h"
#include "flows/flow.h"

namespace sovscan {

struct FlowRecord {
    // The endpoints as the record states them: `src` sent the first packet (Zeek's originator,
    // EVE's src, an RFC 5103 biflow's source) or, for a unidirectional record, the packets counted.
    IpAddress src_ip, dst_ip;
    uint16_t src_port = 0, dst_port = 0;
    uint8_t proto = 0;
    // True when the record says who began the conversation (Zeek, EVE, RFC 5103 biflows): `src` is
    // the client. Otherwise the side on a service port is the server, as for a packet flow without
    // a SYN (flows/client_side.h).
    bool src_began = false;
    // TCP flags of a unidirectional record (NetFlow's tcpFlags): a lone SYN says who is client.
    uint8_t tcp_flags[2] = {0, 0};
    int64_t first_ns = 0, last_ns = 0;  // first and last packet, ns since the Unix epoch
    // [0] src -> dst, [1] dst -> src (biflows; 0 for unidirectional records). Bytes are layer 3
    // (IP header included) as NetFlow, IPFIX and Zeek's *_ip_bytes count them — EVE's bytes_* also
    // count each packet's link-layer header (docs/inputs.md) — already multiplied by the sampling
    // rate when the exporter sampled (`sampling_rate` says by how much).
    uint64_t packets[2] = {0, 0};
    uint64_t bytes[2] = {0, 0};
    uint32_t sampling_rate = 1;  // 1: every packet counted
    bool has_macs = false;
    MacAddress src_mac, dst_mac;
    uint16_t vlan = 0;
    // A name for the server the log itself gives (TLS SNI, HTTP Host, a certificate name, QUIC SNI),
    // lower case, no trailing dot; name_source says which. Left empty, DNS answers name it.
    std::string server_name;
    NameSource name_source = NameSource::none;
    std::string http_user_agent, http_server;
    uint16_t input_index = 0;  // which input it came from (ScanSession::add_input)
};

}  // namespace sovscan
