#pragma once
// Where readers of already-analysed inputs put what they read: flow exports (NetFlow, IPFIX,
// sFlow), Zeek logs and Suricata EVE. The scan session (engine/scan_session.h) is the sink that
// matters; a reader knows nothing of it, so that it can be tested and fuzzed alone.
#include <cstdint>
#include <string>
#include <vector>

#include "common/ip_address.h"
#include "flows/flow_record.h"
#include "inventory/asset_record.h"
#include "sources/raw_packet.h"

namespace sovscan {

// A DNS answer a log recorded: which name `client`'s resolver gave for `addresses` (A and AAAA
// records reached through `cnames`). The same table the DNS dissector fills names flows with it.
struct DnsAnswerRecord {
    IpAddress client, resolver;
    std::string query;                // lower case, no trailing dot
    std::vector<std::string> cnames;  // chain from query to the addresses, lower case
    std::vector<IpAddress> addresses;
    int64_t ts_ns = 0;
    uint16_t input_index = 0;
};

class RecordSink {
public:
    virtual ~RecordSink() = default;
    // A flow measured elsewhere. The sink may move from it.
    virtual void on_flow_record(FlowRecord& record) = 0;
    virtual void on_dns_answer(DnsAnswerRecord& answer) = 0;
    // What an input says about a device (a DHCP host name, software seen on it): source kind
    // traffic, the log file and line in `source`, the protocol field as detail.
    virtual void on_device_record(AssetRecord record) = 0;
    // A sampled packet's header (sFlow): decoded and observed like a captured one, every count of
    // it multiplied by `sampling_rate`. `raw` is valid during the call only.
    virtual void on_sampled_packet(const RawPacket& raw, uint32_t sampling_rate) = 0;
};

}  // namespace sovscan
