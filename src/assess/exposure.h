#pragma once
// Folds ended flows into per-(asset, counterpart) exposures and per-MAC device sightings. Memory
// grows with distinct pairs and devices, not with packets or flows.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
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
    // The memory bound's memo of ExposureTriage::addresses_high_risk (-1: not asked yet): the
    // addresses of a pair never change, so the table is sorted through without asking again.
    int8_t addresses_high_risk = -1;
    // And of ExposureTriage::names_high_risk, over the first `names_judged` names (a name is
    // never removed, at most 16 are kept: judged again only when one was added).
    uint8_t names_judged = 0;
    bool names_high_risk = false;
};

struct DeviceSighting {
    MacAddress mac;
    std::set<IpAddress> local_ips;
    IpAddress last_ip;  // the address most recently added: a device's flows mostly repeat it
    uint64_t frames = 0;
    int64_t first_ns = 0, last_ns = 0;
};

// Counterparts folded together when the table of exposures is full (ExposureLimits): the exact
// traffic of every folded (asset, counterpart) pair of one asset, direction, country and network.
struct FoldedExposures {
    Exposure totals;  // counterpart unspecified; no names (a folded pair's names are dropped)
    std::string located_in;  // ISO code by geolocation of the folded counterparts, "" = unknown
    uint32_t asn = 0;        // their announcing network, 0 = unknown
    std::string as_org;
    uint64_t counterparts = 0;  // distinct (asset, counterpart) pairs folded here
};

// What the memory bound did (all zero when it was never reached).
struct FoldStats {
    uint64_t counterparts = 0;  // distinct (asset, counterpart) pairs folded
    uint64_t flows = 0;         // their flows, those seen before and after the fold
    uint64_t compactions = 0;   // times the full table was sorted through
    // False once more pairs were folded than the folded-pair memory holds: a pair folded earlier and
    // seen again may then be counted twice, so `counterparts` is an upper bound.
    bool counterparts_exact = true;
    // Distinct link-layer addresses first seen when max_counterparts devices were kept already, and
    // that make no finding (a flood of random source MACs): not kept, their frames counted here
    // (remembered as folded pairs are, and an upper bound as `counterparts` is beyond them).
    uint64_t devices_not_kept = 0, device_frames_not_kept = 0;
};

// Decides which exposures the memory bound keeps one by one, and where a folded one belongs. The
// engine's implementation asks the Assessor (assess/exposure_triage.h).
class ExposureTriage {
public:
    virtual ~ExposureTriage() = default;
    // Whether the exposure's addresses alone (where the counterpart is, who runs its network, a
    // public resolver's jurisdiction, and for a transit exposure the client too) are under a
    // high-risk jurisdiction. When not, an exposure without names or proxies makes no finding.
    virtual bool addresses_high_risk(const Exposure& e) = 0;
    // Whether one of the exposure's server names belongs to a catalogued vendor controlled from a
    // high-risk jurisdiction. With neither, and no proxy, an exposure makes no finding.
    virtual bool names_high_risk(const Exposure& e) = 0;
    // Whether `e`, as its flows so far stand, makes a finding: it is then never folded.
    virtual bool makes_finding(const Exposure& e) = 0;
    // Whether a device with this link-layer address makes a finding (its OUI's vendor or registrant).
    virtual bool device_makes_finding(const MacAddress& mac) = 0;
    // The group a folded counterpart joins: its country (geolocation) and network.
    virtual void place(const IpAddress& counterpart, FoldedExposures& group) = 0;
};

// The bound on memory per distinct counterpart (issue 19): 0 = unbounded.
struct ExposureLimits {
    // Exposures (asset, counterpart, kind) kept one by one. Reaching it, the table is sorted through:
    // every exposure that makes a finding stays, the most useful others (named, answered, most
    // bytes) fill up to half of it, and the rest are folded into FoldedExposures. Devices (by MAC)
    // are bounded by it too: beyond it, only a new MAC that makes a finding is kept.
    size_t max_counterparts = 0;
    // Folded pairs remembered (24 bytes each, in a table at most half full), so that a folded pair's
    // later flows join its group and are not counted as a new counterpart: kFoldedPairsPerCounterpart (4)
    // times max_counterparts.
    static constexpr size_t kFoldedPairsPerCounterpart = 4;
};

struct TrafficTotals {
    uint64_t flows = 0, local_to_remote_flows = 0, remote_to_local_flows = 0, internal_flows = 0, transit_flows = 0;
};

class ExposureAggregator {
public:
    ExposureAggregator(const Policy& policy, std::vector<std::string> input_names);
    // Bounds the exposures kept one by one (ExposureLimits); `triage` outlives the aggregator.
    void limit(const ExposureLimits& limits, ExposureTriage& triage);

    // An ended flow with its final server name (observe and DNS already applied). A flow through
    // an explicit proxy counts twice: toward the proxy (without the name, which is not the
    // proxy's) and, for its client, toward the server it asked the proxy for.
    void add(const Flow& flow);
    // The policy (the object given at construction, changed in place) or the intel changed: a
    // sensor's SIGHUP. Local addresses follow the policy's home networks from the next flow on
    // (flows already added keep how they were counted); the memory bound judges with `triage`
    // and forgets what it judged before.
    void rejudge(ExposureTriage& triage);
    // An input registered after construction (a sensor's exporter): its index follows the others.
    void add_input_name(std::string name) { input_names_.push_back(std::move(name)); }
    // A link-layer source address seen (also from non-IP frames such as ARP).
    void add_mac(const MacAddress& mac, const IpAddress* ip, int64_t ts_ns, uint64_t frames = 1);

    const std::vector<Exposure>& exposures() const { return exposures_; }
    // By MAC (as_u64); iterate as pairs (key, DeviceSighting), in no particular order.
    const FlatHashMap<uint64_t, DeviceSighting>& devices() const { return devices_; }
    const TrafficTotals& totals() const { return totals_; }
    // Counterparts folded by the memory bound, by (asset, kind, country, network); in no particular order.
    const std::vector<FoldedExposures>& folded() const { return folded_; }
    const FoldStats& fold_stats() const { return fold_stats_; }
    const ExposureLimits& limits() const { return limits_; }

private:
    // The exposure for the pair; its fold group's totals (`folded` set) when the pair was folded.
    Exposure& exposure_for(ExposureKind kind, const IpAddress& asset, const IpAddress& counterpart, bool local,
                           bool& folded);
    // The exposure toward a server reached through a proxy whose address is unknown: by its name.
    Exposure& exposure_by_name(const IpAddress& asset, const std::string& name, bool local, bool& folded);
    // A new exposure is about to be made: sorts the full table through first (ExposureLimits).
    void make_room();
    // Moves `e` into its fold group and remembers its pair under `fingerprint`.
    void fold(Exposure& e, uint64_t fingerprint);
    // The fold group's totals for a pair folded before (its fingerprint remembered), or null.
    Exposure* folded_exposure(uint64_t fingerprint);
    static uint64_t fingerprint(ExposureKind kind, const IpAddress& asset, const IpAddress& counterpart);
    static uint64_t fingerprint(const IpAddress& asset, const std::string& name);
    static uint64_t fingerprint(const MacAddress& mac);  // of a device not kept
    // Remembers a folded pair (or a device not kept) while the folded-pair memory has room.
    void remember_folded(uint64_t print, uint32_t group);
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

    ExposureLimits limits_;
    ExposureTriage* triage_ = nullptr;
    size_t next_compaction_ = 0;  // exposures_.size() that triggers the next sort through
    std::vector<FoldedExposures> folded_;
    struct GroupKey {
        IpAddress asset;
        uint8_t kind;
        bool local;
        std::string country;
        uint32_t asn;
        friend bool operator<(const GroupKey& a, const GroupKey& b) {
            return std::tie(a.asset, a.kind, a.local, a.country, a.asn) < std::tie(b.asset, b.kind, b.local, b.country, b.asn);
        }
    };
    std::map<GroupKey, size_t> group_index_;  // into folded_; only folding looks here
    FlatHashMap<uint64_t, uint32_t> folded_pairs_;  // pair fingerprint -> into folded_; also devices not kept
    FoldStats fold_stats_;
};

}  // namespace sovscan
