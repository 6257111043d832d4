#include "engine/packet_pipeline.h"

namespace sovscan {

PacketPipeline::PacketPipeline(const FlowTableConfig& flows, const ObserverLimits& observe, FlowSink& downstream)
    : observer_(observe), downstream_(downstream), flows_(flows, *this) {}

void PacketPipeline::on_flow_end(Flow& flow, FlowEnd why) {
    observer_.on_flow_end(flow);
    // A flow without a name of its own gets the one the client's resolver gave for the server
    // (or, failing that, any client's resolver).
    if (flow.name_source == NameSource::none) {
        const DnsName* n = observer_.dns_name(flow.client_ip, flow.server_ip);
        if (!n) n = observer_.dns_name_any_client(flow.server_ip);
        if (n) {
            flow.server_name = n->query;
            flow.name_source = NameSource::dns;
        }
    }
    downstream_.on_flow_end(flow, why);
}

}  // namespace sovscan
