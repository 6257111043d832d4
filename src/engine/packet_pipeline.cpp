#include "engine/packet_pipeline.h"

namespace sovscan {

PacketPipeline::PacketPipeline(const FlowTableConfig& flows, const ObserverLimits& observe, FlowSink& downstream)
    : observer_(observe), downstream_(downstream), flows_(flows, *this) {}

void PacketPipeline::on_flow_end(Flow& flow, FlowEnd why) {
    observer_.on_flow_end(flow);
    name_flow(flow);
    downstream_.on_flow_end(flow, why);
}

void PacketPipeline::name_flow(Flow& flow) const {
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
    if (flow.proxy_target_port) resolve_proxy_target(flow);
}

void PacketPipeline::resolve_proxy_target(Flow& flow) const {
    // A client that resolved the name itself and connected to that address asked the server
    // directly, in absolute form (some apps do, observe/http.cpp): there is no proxy in between.
    const DnsNameMatch own = observer_.dns_name(flow.client_ip, flow.server_ip, flow.first_ns);
    if (own.name && own.name->query == flow.server_name) {
        flow.proxy_target_port = 0;
        flow.proxy_target_ip = IpAddress{};
        return;
    }
    // The proxy resolves the name; its own lookups (or any client's) say where the server is.
    if (flow.proxy_target_ip.is_unspecified())
        if (const IpAddress* a = observer_.dns_address(flow.server_name)) flow.proxy_target_ip = *a;
}

}  // namespace sovscan
