#pragma once
// The UDP side of `sovscan collect`: sockets bound to `[ADDR:]PORT` (IPv4 or IPv6), a large
// receive buffer, datagrams read in recvmmsg batches and handed, with the sender's address, to
// the flow export decoders. The command's loop calls poll() with the time left to its next
// interval; the listener knows nothing of intervals, signals or reports.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/ip_address.h"
#include "sources/flow_export_decoder.h"
#include "sources/record_sink.h"

namespace sovscan {

// "2055", "127.0.0.1:2055", "[::1]:2055", "[::]:0". No address: every local one, IPv4 and IPv6.
struct ListenSpec {
    std::optional<IpAddress> address;
    uint16_t port = 0;
    static std::optional<ListenSpec> parse(std::string_view text);
};

struct ListenSocketInfo {
    std::string spec;           // as given
    std::string local;          // address and port bound ("127.0.0.1:40123", "[::]:2055")
    uint16_t port = 0;          // the port bound (the kernel's choice for port 0)
    int receive_buffer = 0;     // SO_RCVBUF the kernel granted, octets (it asked for kReceiveBuffer)
    uint64_t datagrams = 0;
    uint64_t kernel_drops = 0;  // datagrams the kernel dropped on this socket (SO_RXQ_OVFL, /proc/net/udp*)
};

// One line of the report's exporter list.
struct ExporterSummary {
    std::string address;
    std::string protocols;  // "netflow-v9,ipfix"
    uint64_t datagrams = 0, records = 0, packets = 0, bytes = 0;
    uint32_t sampling_rate = 1;
    uint64_t sequence_lost = 0, malformed = 0, before_template = 0;
};

class FlowExportListener {
public:
    static constexpr int kReceiveBuffer = 32 << 20;
    static constexpr unsigned kBatch = 64;

    explicit FlowExportListener(uint16_t input_index = 0);
    ~FlowExportListener();
    FlowExportListener(const FlowExportListener&) = delete;
    FlowExportListener& operator=(const FlowExportListener&) = delete;

    // Binds one more socket; throws std::runtime_error saying why it could not.
    void listen(const std::string& spec);
    const std::vector<ListenSocketInfo>& sockets() const { return info_; }

    // Waits at most `timeout_ms` (0: not at all, -1: until something arrives) for datagrams, then
    // reads what the sockets hold (at most kMaxPerPoll per socket, so the caller's loop keeps its
    // pace under a flood) and decodes it into `sink`. Returns the datagrams read; interrupted by a
    // signal, returns 0 early.
    size_t poll(int timeout_ms, RecordSink& sink);
    static constexpr size_t kMaxPerPoll = 8192;

    const ExporterTable& exporters() const { return decoder_.exporters(); }
    std::vector<ExporterSummary> exporter_summary() const;
    // The decoders' totals and the sockets' ("socket_drops", "datagrams_received").
    NamedCounters counters();

private:
    size_t drain(size_t index, RecordSink& sink);
    void refresh_proc_drops();

    FlowExportDecoder decoder_;
    std::vector<int> fds_;
    std::vector<ListenSocketInfo> info_;
    std::vector<uint64_t> inodes_;
    std::vector<uint8_t> buffers_;
};

}  // namespace sovscan
