#include "sources/netflow_v5.h"

#include "sources/byte_order.h"

namespace sovscan {

namespace {
constexpr size_t kHeader = 24, kRecord = 48;
uint32_t be32(const uint8_t* p) { return bytes::load<uint32_t, true>(p); }
uint16_t be16(const uint8_t* p) { return bytes::load<uint16_t, true>(p); }
}  // namespace

void NetflowV5Decoder::decode(std::span<const uint8_t> d, const IpAddress& exporter, int64_t receive_ns,
                              RecordSink& sink) {
    (void)receive_ns;  // v5 carries its own clock
    ExporterState* ex = exporters_.get(exporter);
    if (!ex) return;
    ex->protocols |= kNetflowV5;
    ++ex->counters.datagrams;
    if (d.size() < kHeader) {
        ++ex->counters.malformed;
        return;
    }
    const uint8_t* p = d.data();
    size_t count = be16(p + 2);
    const uint32_t uptime = be32(p + 4);
    const int64_t export_ms = int64_t(be32(p + 8)) * 1000 + be32(p + 12) / 1'000'000;
    const uint32_t sequence = be32(p + 16);
    const uint16_t engine = be16(p + 20);
    // Top two bits: sampling mode; the other 14: the interval (1 in N packets), 0 when unsampled.
    const uint32_t interval = be16(p + 22) & 0x3fff;
    const uint32_t rate = interval ? interval : 1;
    const size_t fits = (d.size() - kHeader) / kRecord;
    if (count > fits) {  // the header promises more records than arrived: read those that did
        ++ex->counters.malformed;
        count = fits;
    }
    ex->check_sequence((uint64_t(5) << 32) | engine, sequence, static_cast<uint32_t>(count));
    for (size_t i = 0; i < count; ++i) {
        const uint8_t* r = p + kHeader + i * kRecord;
        FlowRecord f;
        f.src_ip = IpAddress::v4_bytes(r);
        f.dst_ip = IpAddress::v4_bytes(r + 4);
        f.packets[0] = uint64_t(be32(r + 16)) * rate;
        f.bytes[0] = uint64_t(be32(r + 20)) * rate;
        // First and Last are sysUpTime at the flow's first and last packet; the signed difference
        // to the header's sysUpTime survives the uptime's wrap.
        f.first_ns = (export_ms + static_cast<int32_t>(be32(r + 24) - uptime)) * 1'000'000LL;
        f.last_ns = (export_ms + static_cast<int32_t>(be32(r + 28) - uptime)) * 1'000'000LL;
        if (f.last_ns < f.first_ns) f.last_ns = f.first_ns;
        f.src_port = be16(r + 32);
        f.dst_port = be16(r + 34);
        f.tcp_flags[0] = r[37];
        f.proto = r[38];
        f.sampling_rate = rate;
        f.input_index = input_index_;
        ++ex->counters.records;
        ex->counters.packets += f.packets[0];
        ex->counters.bytes += f.bytes[0];
        ex->sampling_rate = rate;
        sink.on_flow_record(f);
    }
}

}  // namespace sovscan
