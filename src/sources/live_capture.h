#pragma once
// Packets from network interfaces as they arrive (libpcap): `sovscan live -i IFACE [-i ...]`. Each
// interface is opened once (root or CAP_NET_RAW needed only for this: the caller drops privileges
// afterwards) and read without blocking, all of them through one poll(), so that a quiet interface
// never holds back a busy one and the sensor still wakes up for its intervals and signals.
#include <pcap/pcap.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sources/raw_packet.h"

namespace sovscan {

struct LiveCaptureOptions {
    std::vector<std::string> interfaces;
    std::string filter;  // BPF, as tcpdump takes it; "" = every packet
    int snaplen = 262144;
    bool promiscuous = true;
    int buffer_bytes = 32 << 20;  // the kernel ring per interface: bursts wait here, not dropped
};

// What pcap_stats() says of one interface since it was opened.
struct LiveCaptureStats {
    std::string interface;
    uint64_t received = 0, kernel_drops = 0, interface_drops = 0;
};

class LiveCapture {
public:
    // Opens and activates every interface, compiles and sets the filter. Throws std::runtime_error
    // naming the interface and libpcap's reason (no such device, permission denied, bad filter).
    explicit LiveCapture(const LiveCaptureOptions& options);
    ~LiveCapture();
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    // Up to `max` packets, waiting at most `timeout_ms` for the first; 0 when none came (or a
    // signal interrupted the wait). input_index is the interface's position in the options, plus
    // `first_input`. A packet's bytes stay valid while kSlots - max more packets are handed out.
    size_t next_batch(RawPacket* out, size_t max, int timeout_ms);
    void set_first_input(uint16_t first_input) { first_input_ = first_input; }

    std::vector<LiveCaptureStats> stats() const;
    const std::vector<std::string>& interfaces() const { return names_; }

private:
    struct Interface;
    std::vector<std::unique_ptr<Interface>> ifaces_;
    std::vector<std::string> names_;
    uint16_t first_input_ = 0;
    // Copies of the latest packets (the pipeline reads a few after handing them over).
    static constexpr size_t kSlots = 16;
    std::vector<uint8_t> slots_[kSlots];
    size_t next_slot_ = 0;
    size_t next_ = 0;  // round robin: the interface read first on the next call
};

}  // namespace sovscan
