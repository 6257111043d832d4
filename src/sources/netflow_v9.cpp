#include "sources/netflow_v9.h"

#include "sources/byte_order.h"

namespace sovscan {

namespace {
constexpr size_t kHeader = 20;
uint32_t be32(const uint8_t* p) { return bytes::load<uint32_t, true>(p); }
uint16_t be16(const uint8_t* p) { return bytes::load<uint16_t, true>(p); }
}  // namespace

void NetflowV9Decoder::decode(std::span<const uint8_t> d, const IpAddress& exporter, int64_t receive_ns,
                              RecordSink& sink) {
    (void)receive_ns;
    ExporterState* ex = exporters_.get(exporter);
    if (!ex) return;
    ex->protocols |= kNetflowV9;
    ++ex->counters.datagrams;
    if (d.size() < kHeader) {
        ++ex->counters.malformed;
        return;
    }
    const uint8_t* p = d.data();
    // The header's record count is not trusted (exporters disagree on what it counts): the
    // flowset lengths delimit everything.
    ExportClock clock;
    clock.has_uptime = true;
    clock.uptime_ms = be32(p + 4);
    clock.export_ms = int64_t(be32(p + 8)) * 1000;
    const uint32_t source_id = be32(p + 16);
    ex->check_sequence((uint64_t(9) << 32) | source_id, be32(p + 12), 1);
    const uint64_t scope = TemplateStore::scope_key(9, source_id);
    size_t at = kHeader;
    bool malformed = false;
    while (d.size() - at >= 4) {
        const uint16_t id = be16(p + at), length = be16(p + at + 2);
        if (length < 4 || length > d.size() - at) {
            malformed = true;
            break;
        }
        const uint8_t* body = p + at + 4;
        const size_t n = length - 4u;
        if (id == 0 || id == 1) {
            if (!read_template_set(body, n, {false, id == 1}, scope, *ex)) malformed = true;
        } else if (id >= 256) {
            bool known;
            read_data_set(body, n, id, scope, clock, *ex, input_index_, sink, &known);
        }  // 2-255: reserved, skipped
        at += length;
    }
    if (malformed) ++ex->counters.malformed;
}

}  // namespace sovscan
