#pragma once
// Shared by the flow export fuzz targets: a sink that checks what the decoders hand on (and reads
// every octet of a sampled header, so a view past the datagram trips the sanitizer) and the
// framing of a fuzz input as a sequence of datagrams.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sources/flow_export_decoder.h"

namespace sovscan::fuzz {

class CheckingSink : public RecordSink {
public:
    uint64_t checksum = 0;
    void on_flow_record(FlowRecord& r) override {
        if (r.sampling_rate == 0 || r.last_ns < r.first_ns) std::abort();
        checksum += r.packets[0] + r.bytes[0] + r.packets[1] + r.bytes[1];
    }
    void on_dns_answer(DnsAnswerRecord&) override { std::abort(); }  // no flow export carries one
    void on_device_record(AssetRecord) override { std::abort(); }
    void on_sampled_packet(const RawPacket& raw, uint32_t rate) override {
        if (rate == 0 || raw.caplen == 0 || raw.wire_len < raw.caplen || !raw.link_type) std::abort();
        for (uint32_t i = 0; i < raw.caplen; ++i) checksum += raw.data[i];
    }
};

// Each datagram: a 2-octet big-endian length, then that many octets (the last one takes what is left).
inline std::vector<std::vector<uint8_t>> split_datagrams(const uint8_t* data, size_t size) {
    std::vector<std::vector<uint8_t>> out;
    size_t at = 0;
    while (at + 2 <= size) {
        size_t len = (size_t(data[at]) << 8) | data[at + 1];
        at += 2;
        if (len > size - at) len = size - at;
        out.emplace_back(data + at, data + at + len);
        at += len;
    }
    return out;
}

}  // namespace sovscan::fuzz
