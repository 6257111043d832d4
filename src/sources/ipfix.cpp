#include "sources/ipfix.h"

#include "sources/byte_order.h"

namespace sovscan {

namespace {
constexpr size_t kHeader = 16;
uint32_t be32(const uint8_t* p) { return bytes::load<uint32_t, true>(p); }
uint16_t be16(const uint8_t* p) { return bytes::load<uint16_t, true>(p); }
}  // namespace

void IpfixDecoder::decode(std::span<const uint8_t> d, const IpAddress& exporter, int64_t receive_ns,
                          RecordSink& sink) {
    (void)receive_ns;
    ExporterState* ex = exporters_.get(exporter);
    if (!ex) return;
    ex->protocols |= kIpfix;
    ++ex->counters.datagrams;
    if (d.size() < kHeader) {
        ++ex->counters.malformed;
        return;
    }
    const uint8_t* p = d.data();
    const size_t length = be16(p + 2);
    if (length < kHeader || length > d.size()) {
        ++ex->counters.malformed;
        return;
    }
    ExportClock clock;
    clock.export_ms = int64_t(be32(p + 4)) * 1000;
    const uint32_t sequence = be32(p + 8), domain = be32(p + 12);
    const uint64_t scope = TemplateStore::scope_key(10, domain);
    size_t at = kHeader, data_records = 0;
    bool malformed = false, all_known = true;
    while (length - at >= 4) {
        const uint16_t id = be16(p + at), set_length = be16(p + at + 2);
        if (set_length < 4 || set_length > length - at) {
            malformed = true;
            break;
        }
        const uint8_t* body = p + at + 4;
        const size_t n = set_length - 4u;
        if (id == 2 || id == 3) {
            if (!read_template_set(body, n, {true, id == 3}, scope, *ex)) malformed = true;
        } else if (id >= 256) {
            // An options record earlier in this message may have told the domain's init time.
            auto init = ex->system_init_ms.find(scope);
            clock.system_init_ms = init == ex->system_init_ms.end() ? -1 : init->second;
            bool known;
            data_records += read_data_set(body, n, id, scope, clock, *ex, input_index_, sink, &known);
            all_known = all_known && known;
        }  // 0, 1 (NetFlow v9's ids), 4-255: reserved, skipped
        at += set_length;
    }
    if (malformed || at != length) ++ex->counters.malformed;
    // The sequence number counts data records; with a set of unknown template they cannot be
    // counted, so the next message starts the count afresh rather than report a false loss.
    if (all_known) ex->check_sequence((uint64_t(10) << 32) | domain, sequence, static_cast<uint32_t>(data_records), true);
    else ex->next_sequence.erase((uint64_t(10) << 32) | domain);
}

}  // namespace sovscan
