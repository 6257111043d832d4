#pragma once
// Folds ended flows into per-(asset, counterpart) exposures and per-MAC device sightings. Memory
// grows with distinct pairs and devices, not with packets or flows.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "assess/asset_address.h"
#include "assess/finding.h"
#include "assess/policy.h"
#include "common/flat_hash_map.h"
#include "flows/flow.h"

namespace sovscan {

enum class ExposureKind : uint8_t { egress, inbound, dns };

// An explicit HTTP proxy an asset reached a counterpart through (Flow::proxy_target_port).
struct ProxyUse {
    IpAddress ip;
    uint16_t port = 0;
    uint64_t flows = 0;
};

struct Exposure {
    ExposureKind kind = ExposureKind::egress;
    // The counterpart is unspecified for a server reached through a proxy by name only (no
    // address in the request, no DNS answer for the name): `names` then holds that name.
    IpAddress asset, counterpart;
    bool asset_is_local = true;
    uint64_t bytes_sent = 0, bytes_received = 0, packets_sent = 0, packets_received = 0;
    uint64_t flows = 0, answered_flows = 0;
    int64_t first_ns = 0, last_ns = 0;
    struct NameSighting {
        NameSource best = NameSource::none;  // strongest way the name was learnt
        DnsNameBasis dns_basis = DnsNameBasis::none;  // strongest answer, over its flows named by DNS
        uint64_t flows = 0;
    };
    std::map<std::string, NameSighting> names;  // server names seen for the counterpart
    std::set<uint16_t> server_ports;
    // A port already in server_ports (-1: none yet). Most flows of a pair repeat it, and comparing
    // with it spares a walk into the set's nodes, a cache miss per flow.
    int32_t known_port = -1;
    std::set<MacAddress> asset_macs;
    MacAddress known_mac;  // the same for asset_macs (zero: none yet; a zero MAC is never kept)
    std::vector<SampleFlow> samples;  // first few flows, for tracing back to packets
    // Explicit HTTP proxies the asset reached the counterpart through, at most 4, in the order
    // first seen; empty when it reached it directly only.
    std::vector<ProxyUse> proxies;
};

struct DeviceSighting {
    MacAddress mac;
    std::set<IpAddress> local_ips;
    IpAddress last_ip;  // the address most recently added: a device's flows mostly repeat it
    uint64_t frames = 0;
    int64_t first_ns = 0, last_ns = 0;
};

struct TrafficTotals {
    uint64_t flows = 0, local_to_remote_flows = 0, remote_to_local_flows = 0, internal_flows = 0, transit_flows = 0;
};

class ExposureAggregator {
public:
    ExposureAggregator(const Policy& policy, std::vector<std::string> input_names);

    // An ended flow with its final server name (observe and DNS already applied). A flow through
    // an explicit proxy counts twice: toward the proxy (without the name, which is not the
    // proxy's) and, for its client, toward the server it asked the proxy for.
    void add(const Flow& flow);
    // A link-layer source address seen (also from non-IP frames such as ARP).
    void add_mac(const MacAddress& mac, const IpAddress* ip, int64_t ts_ns, uint64_t frames = 1);

    const std::vector<Exposure>& exposures() const { return exposures_; }
    // By MAC (as_u64); iterate as pairs (key, DeviceSighting), in no particular order.
    const FlatHashMap<uint64_t, DeviceSighting>& devices() const { return devices_; }
    const TrafficTotals& totals() const { return totals_; }

private:
    Exposure& exposure_for(ExposureKind kind, const IpAddress& asset, const IpAddress& counterpart, bool local);
    // The exposure toward a server reached through a proxy whose address is unknown: by its name.
    Exposure& exposure_by_name(const IpAddress& asset, const std::string& name, bool local);
    // The flow's client toward the server it asked an explicit proxy for.
    void add_through_proxy(const Flow& f, bool client_local);
    // Adds the flow's traffic, port, asset MAC (when `macs_are_theirs`: the asset is local, so the
    // frame's MAC is its own), name (`with_name`) and a sample to `e`, from the asset's side: the
    // client's (`asset_is_client`) or the server's.
    void account(Exposure& e, const Flow& f, bool asset_is_client, uint16_t server_port, bool with_name,
                 bool macs_are_theirs);

    const Policy& policy_;
    // A device's own addresses exclude 0.0.0.0 (a DHCP client before its lease) and broadcast.
    AssetAddressRule addresses_;
    std::vector<std::string> input_names_;
    std::vector<Exposure> exposures_;
    struct PairKey {
        IpAddress asset, counterpart;
        uint8_t kind;
        friend bool operator==(const PairKey&, const PairKey&) = default;
    };
    struct PairKeyHash {
        size_t operator()(const PairKey& k) const noexcept {
            return IpAddressHash{}(k.asset) * 31 + IpAddressHash{}(k.counterpart) * 7 + k.kind;
        }
    };
    // Both are looked up for every ended flow: flat tables, one cache miss a lookup.
    FlatHashMap<PairKey, size_t, PairKeyHash> index_;  // into exposures_
    FlatHashMap<uint64_t, DeviceSighting> devices_;
    // (asset, server name) -> into exposures_, for servers reached through a proxy by name only.
    // Only such flows look here: a tree is cheap enough.
    std::map<std::pair<IpAddress, std::string>, size_t> by_name_;
    TrafficTotals totals_;
};

}  // namespace sovscan
