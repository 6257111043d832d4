#include "sources/flow_export_decoder.h"

#include "sources/byte_order.h"

namespace sovscan {

void FlowExportDecoder::decode(std::span<const uint8_t> d, const IpAddress& exporter, int64_t receive_ns,
                               RecordSink& sink) {
    const uint16_t version = d.size() >= 2 ? bytes::load<uint16_t, true>(d.data()) : 0;
    switch (version) {
        case 5: v5_.decode(d, exporter, receive_ns, sink); return;
        case 9: v9_.decode(d, exporter, receive_ns, sink); return;
        case 10: ipfix_.decode(d, exporter, receive_ns, sink); return;
        default: break;
    }
    if (d.size() >= 4 && bytes::load<uint32_t, true>(d.data()) == 5) {
        sflow_.decode(d, exporter, receive_ns, sink);
        return;
    }
    if (ExporterState* ex = exporters_.get(exporter)) {
        ++ex->counters.datagrams;
        ++ex->counters.unknown_version;
    }
}

}  // namespace sovscan
