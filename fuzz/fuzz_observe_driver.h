#pragma once
// Shared driver of the fuzz_observe_* targets: the input is a sequence of packets on one flow,
// each `dir|flags (1) seq_delta (2) len (1) bytes (len)`, so that the fuzzer explores splits,
// reordering, retransmission and both directions as well as the bytes themselves. The flags byte:
// bit 0 the direction, bit 1 a larger segment, bits 2-6 a step of the packet time in ms and bit 7
// that step backwards (time out of order, as in merged captures).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "observe/observer.h"

namespace sovscan::fuzz {

// Called after each packet with the packet as the observer saw it.
using AfterPacket = std::function<void(const Observer&, const Flow&, const DecodedPacket&)>;

// What a target may do to each payload before the Observer sees it (`flags` is the packet's
// first byte): fix a checksum a fuzzer would never find, for instance. Nothing by default.
struct KeepPayload {
    void operator()(std::vector<uint8_t>&, uint8_t) const {}
};

// `server` is the server's address (a private one makes an absolute-form HTTP request a proxy's).
template <typename Prepare = KeepPayload>
void run_observe(const uint8_t* data, size_t size, uint8_t proto, uint16_t server_port, Prepare prepare = {},
                 const char* server = "198.51.100.7", const AfterPacket& after_packet = {}) {
    ObserverLimits limits;
    limits.max_reassembly_bytes = 4096;  // small, so that the bound is reached too
    limits.max_dns_answers = 8;  // small, so that runs are dropped too (8 a key is the most kept)
    limits.max_devices = 4;  // small device bounds too, so that they are reached
    limits.max_device_attributes = 32;
    Observer obs(limits);
    Flow flow;
    flow.id = 1;
    flow.proto = proto;
    flow.client_ip = *IpAddress::parse("192.0.2.1");
    flow.server_ip = *IpAddress::parse(server);
    flow.client_port = 50000;
    flow.server_port = server_port;
    uint32_t seq[2] = {1000, 90000};
    const MacAddress client_mac = *MacAddress::parse("02:00:5e:10:00:01");  // locally administered
    const MacAddress server_mac = *MacAddress::parse("00:17:88:24:76:ff");
    int64_t ts_ns = 1'000'000'000;
    size_t pos = 0;
    while (pos + 4 <= size) {
        const auto dir = Direction(data[pos] & 1);
        const int64_t step_ns = int64_t((data[pos] >> 2) & 0x1f) * 1'000'000;
        ts_ns += (data[pos] & 0x80) ? -step_ns : step_ns;
        const int16_t delta = int16_t((data[pos + 1] << 8) | data[pos + 2]);
        size_t len = data[pos + 3];
        if (data[pos] & 2) len *= 8;  // larger segments now and then
        pos += 4;
        if (len > size - pos) len = size - pos;
        // Heap copy of exactly the payload: ASan sees any read past it.
        std::vector<uint8_t> payload(data + pos, data + pos + len);
        prepare(payload, data[pos - 4]);
        pos += len;
        DecodedPacket p;
        p.ip_version = 4;
        p.ip_proto = proto;
        p.has_l4 = true;
        p.src_ip = dir == kToServer ? flow.client_ip : flow.server_ip;
        p.dst_ip = dir == kToServer ? flow.server_ip : flow.client_ip;
        // Link addresses too, so that device observations are keyed by MAC as on Ethernet.
        p.has_macs = true;
        p.src_mac = dir == kToServer ? client_mac : server_mac;
        p.dst_mac = dir == kToServer ? server_mac : client_mac;
        p.tcp_seq = seq[dir] + uint32_t(int32_t(delta));
        p.payload = payload;
        p.ts_ns = ts_ns;
        seq[dir] += uint32_t(len);
        obs.on_packet(flow, dir, p);
        if (after_packet) after_packet(obs, flow, p);
    }
    obs.on_flow_end(flow);
    (void)obs.counters();
    (void)obs.device_records();
}

}  // namespace sovscan::fuzz
