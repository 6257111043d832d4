#pragma once
// NetFlow v5 (Cisco's fixed 48-octet IPv4 records; header sampling interval).
#include <cstdint>
#include <span>

#include "common/ip_address.h"
#include "sources/flow_export.h"
#include "sources/record_sink.h"

namespace sovscan {

class NetflowV5Decoder {
public:
    // What it learns of each exporter (counters, templates, sampling) goes to `exporters`.
    NetflowV5Decoder(ExporterTable& exporters, uint16_t input_index) : exporters_(exporters), input_index_(input_index) {}
    // One UDP payload from `exporter`, received at `receive_ns` (ns since the epoch). Every
    // length and count in it is checked against the datagram; a malformed one is counted.
    void decode(std::span<const uint8_t> datagram, const IpAddress& exporter, int64_t receive_ns, RecordSink& sink);

private:
    ExporterTable& exporters_;
    uint16_t input_index_;
};

}  // namespace sovscan
