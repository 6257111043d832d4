#pragma once
// Shared by fuzz_observe_dns and fuzz_observe_dnstcp: after each packet, the addresses a DNS message
// in it answers are looked up for flows beginning around its time, by the querier and by another
// client, so that every path of the answer table's lookup by time (observe/dns.h) runs on the runs
// the fuzzer builds, out of time order included. A name always comes with its basis.
#include <cstdlib>

#include "fuzz_observe_driver.h"
#include "observe/dns.h"

namespace sovscan::fuzz {

inline void look_up_answers(const Observer& obs, const Flow& flow, const DecodedPacket& pkt) {
    observe::DnsMessage msg;
    // Over TCP the message follows a 2-byte length; over UDP it is the payload (either may be cut:
    // the complete records before the damage are answers too).
    const std::span<const uint8_t> m = flow.proto == kProtoTcp && pkt.payload.size() >= 2 ? pkt.payload.subspan(2) : pkt.payload;
    observe::parse_dns_message(m, msg);
    const IpAddress other = *IpAddress::parse("203.0.113.200");
    for (const auto& res : observe::resolve_answers(msg))
        for (const IpAddress& client : {pkt.dst_ip, other})
            for (int64_t d : {-2'000'000, 0, 500'000, 2'000'000}) {
                const DnsNameMatch n = obs.dns_name(client, res.address, pkt.ts_ns + d);
                if ((n.name == nullptr) != (n.basis == DnsNameBasis::none)) std::abort();
            }
}

}  // namespace sovscan::fuzz
