#pragma once
// The per-packet path: decode -> flow table -> observe. One instance per thread (a shard); flows
// that end go to the downstream FlowSink with their final name (DNS applied when nothing better).
#include <functional>

#include "decode/decoder.h"
#include "flows/flow_table.h"
#include "observe/observer.h"
#include "sources/raw_packet.h"

namespace sovscan {

class PacketPipeline : private FlowSink {
public:
    PacketPipeline(const FlowTableConfig& flows, const ObserverLimits& observe, FlowSink& downstream);

    // Decodes and accounts one packet. Returns false for a frame without an IP packet.
    bool process(const RawPacket& raw) {
        if (decoder_.decode(raw, pkt_)) {
            ++ip_packets_;
            FlowUpdate up = flows_.update(pkt_);
            observer_.on_packet(*up.flow, up.dir, pkt_);
            return true;
        }
        if (pkt_.has_macs && on_non_ip_) on_non_ip_(pkt_);
        return false;
    }
    // Ends every live flow.
    void finish() { flows_.flush(); }

    // Frames without IP that still carry a link-layer source (ARP, LLDP...).
    void on_non_ip(std::function<void(const DecodedPacket&)> f) { on_non_ip_ = std::move(f); }

    const Decoder& decoder() const { return decoder_; }
    const FlowTable& flows() const { return flows_; }
    const Observer& observer() const { return observer_; }
    uint64_t ip_packets() const { return ip_packets_; }

private:
    void on_flow_end(Flow& flow, FlowEnd why) override;

    Decoder decoder_;
    Observer observer_;
    FlowSink& downstream_;
    FlowTable flows_;
    DecodedPacket pkt_;
    uint64_t ip_packets_ = 0;
    std::function<void(const DecodedPacket&)> on_non_ip_;
};

}  // namespace sovscan
