#pragma once
// The per-packet path: decode -> flow table -> observe. One instance per thread (a shard); flows
// that end go to the downstream FlowSink with their final name (DNS applied when nothing better).
#include <functional>

#include "decode/decoder.h"
#include "flows/flow_table.h"
#include "flows/fragment_ports.h"
#include "observe/observer.h"
#include "sources/raw_packet.h"

namespace sovscan {

class PacketPipeline : private FlowSink {
public:
    // Packets decoded but not yet accounted after process() returns: the raw bytes of this many
    // earlier packets are still read.
    static constexpr uint64_t kInFlight = 2;

    PacketPipeline(const FlowTableConfig& flows, const ObserverLimits& observe, FlowSink& downstream);

    // Decodes one packet and accounts the one taken two calls earlier. The packets in between
    // are in flight: their flow table slot and flow are being loaded into cache (a cache miss per
    // packet otherwise), which is why the raw bytes of the last two packets must stay valid — they
    // do: a reader keeps a packet's bytes for 16 more of its packets (CaptureBytes::kKeepPackets). Order is kept: packets are accounted as they came.
    void process(const RawPacket& raw) {
        InFlight& in = ring_[head_++ & kRingMask];
        in.is_ip = decoder_.decode(raw, in.pkt);
        if (in.is_ip && in.pkt.is_fragment) [[unlikely]]
            fragments_.on_fragment(in.pkt);  // in capture order, before its flow key is made
        if (in.is_ip) flows_.lookup_into(in.pkt, in.lookup);
        if (head_ - tail_ >= 2) {
            const InFlight& middle = ring_[(head_ - 2) & kRingMask];
            if (middle.is_ip) flows_.prefetch_flow(middle.lookup);
        }
        if (head_ - tail_ > kDepth) account(ring_[tail_++ & kRingMask]);
    }
    // Accounts the packets in flight, then ends every live flow.
    void finish() {
        while (tail_ != head_) account(ring_[tail_++ & kRingMask]);
        flows_.flush();
    }

    // A flow another tool measured (engine/scan_session.h): named from the DNS answers when it
    // has no name of its own, as an ended flow is, and passed downstream.
    void add_ended_flow(Flow& flow) { on_flow_end(flow, FlowEnd::end_of_input); }
    // A DNS answer another tool recorded (Observer::record_dns_answer).
    void record_dns_answer(const IpAddress& client, const IpAddress& address, DnsName name) {
        observer_.record_dns_answer(client, address, std::move(name));
    }
    // Calls `f` with a named copy of every live flow, ending none.
    template <class F>
    void for_each_live_named(F&& f) const {
        flows_.for_each_live([&](const Flow& live) {
            Flow copy = live;
            name_flow(copy);
            f(copy);
        });
    }

    // Frames without IP that still carry a link-layer source (ARP, LLDP...).
    void on_non_ip(std::function<void(const DecodedPacket&)> f) { on_non_ip_ = std::move(f); }

    const Decoder& decoder() const { return decoder_; }
    const FlowTable& flows() const { return flows_; }
    const FragmentPorts& fragments() const { return fragments_; }
    const Observer& observer() const { return observer_; }
    uint64_t ip_packets() const { return ip_packets_; }

private:
    struct InFlight {
        DecodedPacket pkt;
        FlowLookup lookup;
        bool is_ip = false;
    };
    static constexpr uint64_t kDepth = kInFlight, kRingMask = 3;  // ring of 4 > kDepth + 1

    void account(const InFlight& in) {
        if (in.is_ip) {
            ++ip_packets_;
            FlowUpdate up = flows_.update(in.pkt, in.lookup);
            observer_.on_packet(*up.flow, up.dir, in.pkt);
        } else if (in.pkt.has_macs && on_non_ip_) {
            on_non_ip_(in.pkt);
        }
    }
    void on_flow_end(Flow& flow, FlowEnd why) override;
    // The name from DNS answers when the flow has none of its own; a proxied flow's target.
    void name_flow(Flow& flow) const;
    // A flow through an explicit proxy: the address of the server it asked for, from DNS answers
    // for that server's name; or no proxy after all, when the client itself resolved the name to
    // the address it reached.
    void resolve_proxy_target(Flow& flow) const;

    Decoder decoder_;
    Observer observer_;
    FlowSink& downstream_;
    FlowTable flows_;
    FragmentPorts fragments_;
    InFlight ring_[kRingMask + 1];
    uint64_t head_ = 0, tail_ = 0;  // packets decoded, packets accounted
    uint64_t ip_packets_ = 0;
    std::function<void(const DecodedPacket&)> on_non_ip_;
};

}  // namespace sovscan
