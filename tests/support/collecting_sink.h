#pragma once
// The tests' observer of what a reader hands on: every record kept as given (sampled packets
// copied, since a RawPacket is valid during the call only).
#include <cstdint>
#include <vector>

#include "sources/record_sink.h"

namespace sovscan::test {

struct SampledPacket {
    std::vector<uint8_t> bytes;
    RawPacket raw;  // raw.data points into `bytes`
    uint32_t sampling_rate = 1;
};

class CollectingSink : public RecordSink {
public:
    std::vector<FlowRecord> flows;
    std::vector<DnsAnswerRecord> answers;
    std::vector<AssetRecord> devices;
    std::vector<SampledPacket> packets;

    void on_flow_record(FlowRecord& r) override { flows.push_back(r); }
    void on_dns_answer(DnsAnswerRecord& a) override { answers.push_back(a); }
    void on_device_record(AssetRecord r) override { devices.push_back(std::move(r)); }
    void on_sampled_packet(const RawPacket& raw, uint32_t rate) override {
        SampledPacket p;
        p.bytes.assign(raw.data, raw.data + raw.caplen);
        p.raw = raw;
        p.sampling_rate = rate;
        packets.push_back(std::move(p));
        packets.back().raw.data = packets.back().bytes.data();
    }
};

}  // namespace sovscan::test
