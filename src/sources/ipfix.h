#pragma once
// IPFIX (RFC 7011): templates, options templates and withdrawals per exporter and observation domain; RFC 5103 biflows.
#include <cstdint>
#include <span>

#include "common/ip_address.h"
#include "sources/flow_export.h"
#include "sources/record_sink.h"

namespace sovscan {

class IpfixDecoder {
public:
    // What it learns of each exporter (counters, templates, sampling) goes to `exporters`.
    IpfixDecoder(ExporterTable& exporters, uint16_t input_index) : exporters_(exporters), input_index_(input_index) {}
    // One UDP payload from `exporter`, received at `receive_ns` (ns since the epoch). Every
    // length and count in it is checked against the datagram; a malformed one is counted.
    void decode(std::span<const uint8_t> datagram, const IpAddress& exporter, int64_t receive_ns, RecordSink& sink);

private:
    ExporterTable& exporters_;
    uint16_t input_index_;
};

}  // namespace sovscan
