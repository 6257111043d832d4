#pragma once
// One flow export datagram, whatever its protocol: told apart by content (the first 16 bits are
// 5, 9 or 10 for NetFlow v5, v9 and IPFIX; sFlow's first 32 are its version, 5) and handed to its
// decoder. Owns the exporter table the decoders share, so a listener or a fuzz target needs only this.
#include <cstdint>
#include <span>

#include "sources/flow_export.h"
#include "sources/ipfix.h"
#include "sources/netflow_v5.h"
#include "sources/netflow_v9.h"
#include "sources/sflow_v5.h"

namespace sovscan {

class FlowExportDecoder {
public:
    explicit FlowExportDecoder(uint16_t input_index = 0)
        : v5_(exporters_, input_index), v9_(exporters_, input_index), ipfix_(exporters_, input_index),
          sflow_(exporters_, input_index) {}
    FlowExportDecoder(const FlowExportDecoder&) = delete;
    FlowExportDecoder& operator=(const FlowExportDecoder&) = delete;

    void decode(std::span<const uint8_t> datagram, const IpAddress& exporter, int64_t receive_ns, RecordSink& sink);
    const ExporterTable& exporters() const { return exporters_; }

private:
    ExporterTable exporters_;
    NetflowV5Decoder v5_;
    NetflowV9Decoder v9_;
    IpfixDecoder ipfix_;
    SflowV5Decoder sflow_;
};

}  // namespace sovscan
