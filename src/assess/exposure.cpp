#include "assess/exposure.h"

#include "decode/decoded_packet.h"

namespace sovscan {

static const char* proto_label(uint8_t p) {
    switch (p) {
        case kProtoTcp: return "tcp";
        case kProtoUdp: return "udp";
        case kProtoIcmp: return "icmp";
        case kProtoIcmpv6: return "icmpv6";
        case 47: return "gre";
        case 50: return "esp";
        case 132: return "sctp";
        default: return "ip";
    }
}

ExposureAggregator::ExposureAggregator(const Policy& policy, std::vector<std::string> input_names)
    : policy_(policy), addresses_(policy.home_networks), input_names_(std::move(input_names)) {}

Exposure& ExposureAggregator::exposure_for(ExposureKind kind, const IpAddress& asset, const IpAddress& counterpart,
                                           bool local) {
    PairKey key{asset, counterpart, static_cast<uint8_t>(kind)};
    auto [index, inserted] = index_.try_emplace(key);
    if (!inserted) return exposures_[*index];
    *index = exposures_.size();
    Exposure& e = exposures_.emplace_back();
    e.kind = kind;
    e.asset = asset;
    e.counterpart = counterpart;
    e.asset_is_local = local;
    return e;
}

void ExposureAggregator::add_mac(const MacAddress& mac, const IpAddress* ip, int64_t ts_ns, uint64_t frames) {
    if (mac.is_group() || mac.is_zero()) return;
    auto [found, inserted] = devices_.try_emplace(mac.as_u64());
    DeviceSighting& d = *found;
    if (inserted) {
        d.mac = mac;
        d.first_ns = d.last_ns = ts_ns;
    }
    d.frames += frames;
    if (ts_ns < d.first_ns) d.first_ns = ts_ns;
    if (ts_ns > d.last_ns) d.last_ns = ts_ns;
    if (ip && !(d.last_ip == *ip && !d.local_ips.empty()) && d.local_ips.size() < 64 && addresses_.identifies(*ip)) {
        d.local_ips.insert(*ip);
        d.last_ip = *ip;
    }
}

void ExposureAggregator::add(const Flow& f) {
    ++totals_.flows;
    const bool client_local = policy_.is_local(f.client_ip);
    const bool server_local = policy_.is_local(f.server_ip);

    // A MAC belongs to an IP only on the IP's own segment; for a remote IP it is the router's. The
    // flow's client/server MACs are those of the frames that carried its packets: in a tunnel the
    // inner frame's, the station's own (a Wi-Fi station in CAPWAP, a VM in VXLAN). A tunnel's outer
    // link MACs are its endpoints' or a router's in front of them (a station's packets in CAPWAP
    // arrive behind the controller's router): devices seen, tied to no address.
    if (f.has_macs || f.has_outer_macs) {
        uint64_t extra[2][2] = {{0, 0}, {0, 0}};  // frames by [outer][direction]
        for (const Flow::ExtraMac& m : f.extra_macs) {
            extra[m.outer][m.dir] += m.frames;
            const bool local = !m.outer && (m.dir == kToServer ? client_local : server_local);
            add_mac(m.mac, local ? (m.dir == kToServer ? &f.client_ip : &f.server_ip) : nullptr, f.first_ns, m.frames);
        }
        if (f.has_macs) {
            if (f.packets[kToServer] > extra[0][kToServer])
                add_mac(f.client_mac, client_local ? &f.client_ip : nullptr, f.first_ns,
                        f.packets[kToServer] - extra[0][kToServer]);
            if (f.packets[kToClient] > extra[0][kToClient])
                add_mac(f.server_mac, server_local ? &f.server_ip : nullptr, f.first_ns,
                        f.packets[kToClient] - extra[0][kToClient]);
        }
        if (f.has_outer_macs) {
            if (f.packets[kToServer] > extra[1][kToServer])
                add_mac(f.outer_client_mac, nullptr, f.first_ns, f.packets[kToServer] - extra[1][kToServer]);
            if (f.packets[kToClient] > extra[1][kToClient])
                add_mac(f.outer_server_mac, nullptr, f.first_ns, f.packets[kToClient] - extra[1][kToClient]);
        }
    }
    if (f.proxy_target_port) add_through_proxy(f, client_local);
    if (client_local && server_local) {
        ++totals_.internal_flows;
        return;
    }

    ExposureKind kind;
    bool asset_is_client, asset_local = true;
    if (client_local) {
        ++totals_.local_to_remote_flows;
        kind = (f.server_port == 53 || f.server_port == 853) && (f.proto == kProtoUdp || f.proto == kProtoTcp)
                   ? ExposureKind::dns
                   : ExposureKind::egress;
        asset_is_client = true;
    } else if (server_local) {
        ++totals_.remote_to_local_flows;
        kind = ExposureKind::inbound;
        asset_is_client = false;
    } else {
        // Neither side is local (a capture taken upstream, or --home-net not given for public
        // addresses): keep it as the client's egress; the assessor looks at both ends.
        ++totals_.transit_flows;
        kind = (f.server_port == 53 || f.server_port == 853) ? ExposureKind::dns : ExposureKind::egress;
        asset_is_client = true;
        asset_local = false;
    }

    const IpAddress& asset = asset_is_client ? f.client_ip : f.server_ip;
    const IpAddress& other = asset_is_client ? f.server_ip : f.client_ip;
    Exposure& e = exposure_for(kind, asset, other, asset_local);
    // A proxy's flow carries the name of the server behind it, which says nothing of the proxy.
    // The flow's MACs are its own frame's (the inner one in a tunnel): the asset's when it is local.
    account(e, f, asset_is_client, f.server_port, f.proxy_target_port == 0, asset_local);
}

void ExposureAggregator::add_through_proxy(const Flow& f, bool client_local) {
    const IpAddress& server = f.proxy_target_ip;
    const bool address_known = !server.is_unspecified();
    // A local server behind the proxy is internal traffic, whoever asked for it.
    if (address_known ? policy_.is_local(server) : f.server_name.empty()) return;
    Exposure& e = address_known ? exposure_for(ExposureKind::egress, f.client_ip, server, client_local)
                                : exposure_by_name(f.client_ip, f.server_name, client_local);
    account(e, f, true, f.proxy_target_port, true, client_local);
    for (ProxyUse& p : e.proxies)
        if (p.ip == f.server_ip && p.port == f.server_port) {
            ++p.flows;
            return;
        }
    if (e.proxies.size() < 4) e.proxies.push_back(ProxyUse{f.server_ip, f.server_port, 1});
}

Exposure& ExposureAggregator::exposure_by_name(const IpAddress& asset, const std::string& name, bool local) {
    auto [it, inserted] = by_name_.try_emplace({asset, name}, exposures_.size());
    if (!inserted) return exposures_[it->second];
    Exposure& e = exposures_.emplace_back();
    e.kind = ExposureKind::egress;
    e.asset = asset;
    e.asset_is_local = local;
    return e;
}

void ExposureAggregator::account(Exposure& e, const Flow& f, bool asset_is_client, uint16_t server_port,
                                 bool with_name, bool macs_are_theirs) {
    const Direction out = asset_is_client ? kToServer : kToClient;
    const Direction in = asset_is_client ? kToClient : kToServer;
    e.bytes_sent += f.bytes[out];
    e.bytes_received += f.bytes[in];
    e.packets_sent += f.packets[out];
    e.packets_received += f.packets[in];
    ++e.flows;
    if (f.packets[kToClient] > 0) ++e.answered_flows;
    if (e.flows == 1 || f.first_ns < e.first_ns) e.first_ns = f.first_ns;
    if (f.last_ns > e.last_ns) e.last_ns = f.last_ns;
    // Most flows of a pair repeat a port already in the set: skip the set then.
    if (server_port != e.known_port && e.server_ports.size() < 32) {
        e.server_ports.insert(server_port);
        e.known_port = server_port;
    }
    if (f.has_macs && macs_are_theirs && e.asset_macs.size() < 4) {
        const MacAddress& m = asset_is_client ? f.client_mac : f.server_mac;
        if (f.packets[out] && !m.is_zero() && m != e.known_mac) {
            e.asset_macs.insert(m);
            e.known_mac = m;
        }
    }
    if (with_name && f.name_source != NameSource::none && !f.server_name.empty()) {
        auto it = e.names.find(f.server_name);
        if (it == e.names.end() && e.names.size() < 16) it = e.names.emplace(f.server_name, Exposure::NameSighting{}).first;
        if (it != e.names.end()) {
            ++it->second.flows;
            if (f.name_source > it->second.best) it->second.best = f.name_source;
            if (f.name_source == NameSource::dns && f.dns_basis > it->second.dns_basis)
                it->second.dns_basis = f.dns_basis;
        }
    }
    if (e.samples.size() < 3) {
        SampleFlow s;
        s.proto = proto_label(f.proto);
        s.client = f.client_ip, s.server = f.server_ip, s.client_port = f.client_port, s.server_port = f.server_port;
        s.first_ns = f.first_ns;
        s.input = f.input_index < input_names_.size() ? input_names_[f.input_index] : "";
        e.samples.push_back(std::move(s));
    }
}

}  // namespace sovscan
