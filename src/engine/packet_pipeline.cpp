#include "engine/packet_pipeline.h"

namespace sovscan {

PacketPipeline::PacketPipeline(const FlowTableConfig& flows, const ObserverLimits& observe, FlowSink& downstream)
    : observer_(observe), downstream_(downstream), flows_(flows, *this) {}

void PacketPipeline::on_flow_end(Flow& flow, FlowEnd why) {
    observer_.on_flow_end(flow);
    // A flow without a name of its own gets the one the client's resolver had given for the server
    // when the flow began (or a weaker one, flagged in dns_basis: see Observer::dns_name).
    if (flow.name_source == NameSource::none) {
        const DnsNameMatch m = observer_.dns_name(flow.client_ip, flow.server_ip, flow.first_ns);
        if (m.name) {
            flow.server_name = m.name->query;
            flow.name_source = NameSource::dns;
            flow.dns_basis = m.basis;
        }
    }
    downstream_.on_flow_end(flow, why);
}

}  // namespace sovscan
