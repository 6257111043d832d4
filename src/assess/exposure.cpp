#include "assess/exposure.h"

#include <algorithm>

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
                                           bool local, bool& folded) {
    folded = false;
    PairKey key{asset, counterpart, static_cast<uint8_t>(kind)};
    if (size_t* index = index_.find(key)) return exposures_[*index];
    // A new pair: under a bound, it may have been folded before, or the table may be full.
    if (triage_) {
        const uint64_t print = fingerprint(kind, asset, counterpart);
        if (Exposure* group = folded_exposure(print)) {
            folded = true;
            return *group;
        }
        make_room();
    }
    *index_.try_emplace(key).first = exposures_.size();
    Exposure& e = exposures_.emplace_back();
    e.kind = kind;
    e.asset = asset;
    e.counterpart = counterpart;
    e.asset_is_local = local;
    return e;
}

void ExposureAggregator::limit(const ExposureLimits& limits, ExposureTriage& triage) {
    limits_ = limits;
    triage_ = limits.max_counterparts ? &triage : nullptr;
    next_compaction_ = limits.max_counterparts;
}

void ExposureAggregator::rejudge(ExposureTriage& triage) {
    addresses_ = AssetAddressRule(policy_.home_networks);
    if (triage_) triage_ = &triage;
    for (Exposure& e : exposures_) {
        e.addresses_high_risk = -1;
        e.names_judged = 0;
        e.names_high_risk = false;
    }
}

uint64_t ExposureAggregator::fingerprint(ExposureKind kind, const IpAddress& asset, const IpAddress& counterpart) {
    // Two 64-bit mixes (splitmix64's finaliser) of the addresses' hashes: a pair folded by mistake
    // takes two pairs with the same 64 bits, about 10^-7 for 2 million folded pairs.
    auto mix = [](uint64_t x) {
        x ^= x >> 30, x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27, x *= 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    return mix(mix(IpAddressHash{}(asset)) ^ IpAddressHash{}(counterpart)) + static_cast<uint64_t>(kind);
}

uint64_t ExposureAggregator::fingerprint(const MacAddress& mac) {
    // A MAC is 48 bits; a pair's fingerprint this equals is as unlikely as two pairs' equal.
    return fingerprint(ExposureKind::egress, IpAddress{}, IpAddress{}) ^ (mac.as_u64() * 0x9e3779b97f4a7c15ULL);
}

uint64_t ExposureAggregator::fingerprint(const IpAddress& asset, const std::string& name) {
    return fingerprint(ExposureKind::egress, asset, IpAddress{}) ^ std::hash<std::string>{}(name);
}

Exposure* ExposureAggregator::folded_exposure(uint64_t print) {
    if (folded_pairs_.empty()) return nullptr;
    const uint32_t* group = folded_pairs_.find(print);
    return group ? &folded_[*group].totals : nullptr;
}

namespace {

// Adds `from`'s traffic to `into` (a fold group's totals), within the same caps as account().
void merge_traffic(Exposure& into, const Exposure& from) {
    into.bytes_sent += from.bytes_sent, into.bytes_received += from.bytes_received;
    into.packets_sent += from.packets_sent, into.packets_received += from.packets_received;
    if (into.flows == 0 || (from.flows && from.first_ns < into.first_ns)) into.first_ns = from.first_ns;
    if (from.last_ns > into.last_ns) into.last_ns = from.last_ns;
    into.flows += from.flows;
    into.answered_flows += from.answered_flows;
    for (uint16_t p : from.server_ports) {
        if (into.server_ports.size() >= 32) break;
        into.server_ports.insert(p);
    }
    for (const MacAddress& m : from.asset_macs) {
        if (into.asset_macs.size() >= 4) break;
        into.asset_macs.insert(m);
    }
    for (const SampleFlow& s : from.samples) {
        if (into.samples.size() >= 3) break;
        into.samples.push_back(s);
    }
}

// Which exposure is worth more kept one by one: one with names (what the asset reached), then
// one with answered flows (a session, not a probe), then the most bytes.
bool more_useful(const Exposure& a, const Exposure& b) {
    if (a.names.empty() != b.names.empty()) return !a.names.empty();
    if ((a.answered_flows == 0) != (b.answered_flows == 0)) return a.answered_flows != 0;
    return a.bytes_sent + a.bytes_received > b.bytes_sent + b.bytes_received;
}

}  // namespace

void ExposureAggregator::make_room() {
    if (exposures_.size() < next_compaction_) return;
    ++fold_stats_.compactions;
    const size_t n = exposures_.size();
    // Every exposure that makes a finding stays; the most useful others fill half the table.
    std::vector<uint8_t> stays(n, 0);
    std::vector<size_t> others;
    size_t kept = 0;
    for (size_t i = 0; i < n; ++i) {
        Exposure& e = exposures_[i];
        if (e.addresses_high_risk < 0) e.addresses_high_risk = triage_->addresses_high_risk(e);
        if (e.names_judged != e.names.size()) {
            e.names_high_risk = triage_->names_high_risk(e);
            e.names_judged = static_cast<uint8_t>(e.names.size());
        }
        // Only a high-risk address, name or a proxy can make a finding: the Assessor is asked then.
        const bool may_be_finding = e.addresses_high_risk || e.names_high_risk || !e.proxies.empty();
        if (may_be_finding && triage_->makes_finding(e)) {
            stays[i] = 1;
            ++kept;
        } else {
            others.push_back(i);
        }
    }
    const size_t half = limits_.max_counterparts / 2;
    const size_t room = std::min(others.size(), half > kept ? half - kept : 0);
    std::nth_element(others.begin(), others.begin() + room, others.end(),
                     [this](size_t a, size_t b) { return more_useful(exposures_[a], exposures_[b]); });
    for (size_t j = 0; j < room; ++j) stays[others[j]] = 1;

    // Servers reached by name only are keyed by name: which name each is.
    std::vector<const std::string*> by_name(n, nullptr);
    for (const auto& [key, i] : by_name_) by_name[i] = &key.second;
    std::vector<Exposure> kept_exposures;
    kept_exposures.reserve(n - others.size() + room + 1);
    std::map<std::pair<IpAddress, std::string>, size_t> kept_by_name;
    index_.clear();
    for (size_t i = 0; i < n; ++i) {
        Exposure& e = exposures_[i];
        if (!stays[i]) {
            fold(e, by_name[i] ? fingerprint(e.asset, *by_name[i]) : fingerprint(e.kind, e.asset, e.counterpart));
            continue;
        }
        if (by_name[i])
            kept_by_name.emplace(std::make_pair(e.asset, *by_name[i]), kept_exposures.size());
        else
            *index_.try_emplace(PairKey{e.asset, e.counterpart, static_cast<uint8_t>(e.kind)}).first = kept_exposures.size();
        kept_exposures.push_back(std::move(e));
    }
    exposures_ = std::move(kept_exposures);
    by_name_ = std::move(kept_by_name);
    // Exposures that make findings are never folded: when they fill the table, the next sort
    // through waits until half a table more has come, so that each new exposure costs O(1) on average.
    next_compaction_ = std::max(limits_.max_counterparts, exposures_.size() + half);
}

void ExposureAggregator::fold(Exposure& e, uint64_t print) {
    FoldedExposures placed;
    if (!e.counterpart.is_unspecified()) triage_->place(e.counterpart, placed);
    GroupKey key{e.asset, static_cast<uint8_t>(e.kind), e.asset_is_local, placed.located_in, placed.asn};
    // Groups are bounded too (a flood of spoofed remote sources spans every network, one of
    // spoofed local sources as many assets): beyond a quarter of the table, a new group is for
    // every network of its country; beyond half, for every asset as well. Per-asset and
    // per-country totals stay exact until then, per-country ones always.
    const size_t detailed = std::max<size_t>(64, limits_.max_counterparts / 4);
    if (group_index_.size() >= detailed && !group_index_.count(key)) {
        key.asn = 0;
        placed.asn = 0;
        placed.as_org.clear();
        if (group_index_.size() >= 2 * detailed && !group_index_.count(key)) {
            key.asset = IpAddress{};
            key.local = false;
        }
    }
    auto [it, inserted] = group_index_.try_emplace(key, folded_.size());
    if (inserted) {
        FoldedExposures& g = folded_.emplace_back(std::move(placed));
        g.totals.kind = e.kind;
        g.totals.asset = key.asset;
        g.totals.asset_is_local = key.local;
    }
    FoldedExposures& g = folded_[it->second];
    merge_traffic(g.totals, e);
    ++g.counterparts;
    ++fold_stats_.counterparts;
    fold_stats_.flows += e.flows;
    remember_folded(print, static_cast<uint32_t>(it->second));
}

void ExposureAggregator::remember_folded(uint64_t print, uint32_t group) {
    if (folded_pairs_.size() < limits_.max_counterparts * ExposureLimits::kFoldedPairsPerCounterpart)
        *folded_pairs_.try_emplace(print).first = group;
    else
        fold_stats_.counterparts_exact = false;
}

void ExposureAggregator::add_mac(const MacAddress& mac, const IpAddress* ip, int64_t ts_ns, uint64_t frames) {
    if (mac.is_group() || mac.is_zero()) return;
    DeviceSighting* found = devices_.find(mac.as_u64());
    if (!found) {
        // A new device under the bound: a flood of random source MACs is counted, not kept.
        if (triage_ && devices_.size() >= limits_.max_counterparts) {
            const uint64_t print = fingerprint(mac);
            if (folded_pairs_.find(print)) {  // seen and not kept before: counted once
                fold_stats_.device_frames_not_kept += frames;
                return;
            }
            if (!triage_->device_makes_finding(mac)) {
                ++fold_stats_.devices_not_kept;
                fold_stats_.device_frames_not_kept += frames;
                remember_folded(print, 0);
                return;
            }
        }
        found = devices_.try_emplace(mac.as_u64()).first;
        found->mac = mac;
        found->first_ns = found->last_ns = ts_ns;
    }
    DeviceSighting& d = *found;
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
    bool folded = false;
    Exposure& e = exposure_for(kind, asset, other, asset_local, folded);
    if (folded) ++fold_stats_.flows;
    // A proxy's flow carries the name of the server behind it, which says nothing of the proxy.
    // The flow's MACs are its own frame's (the inner one in a tunnel): the asset's when it is local.
    // A fold group keeps no names.
    account(e, f, asset_is_client, f.server_port, f.proxy_target_port == 0 && !folded, asset_local);
}

void ExposureAggregator::add_through_proxy(const Flow& f, bool client_local) {
    const IpAddress& server = f.proxy_target_ip;
    const bool address_known = !server.is_unspecified();
    // A local server behind the proxy is internal traffic, whoever asked for it.
    if (address_known ? policy_.is_local(server) : f.server_name.empty()) return;
    bool folded = false;
    Exposure& e = address_known ? exposure_for(ExposureKind::egress, f.client_ip, server, client_local, folded)
                                : exposure_by_name(f.client_ip, f.server_name, client_local, folded);
    account(e, f, true, f.proxy_target_port, !folded, client_local);
    if (folded) {
        ++fold_stats_.flows;
        return;  // a fold group keeps no proxies
    }
    for (ProxyUse& p : e.proxies)
        if (p.ip == f.server_ip && p.port == f.server_port) {
            ++p.flows;
            return;
        }
    if (e.proxies.size() < 4) e.proxies.push_back(ProxyUse{f.server_ip, f.server_port, 1});
}

Exposure& ExposureAggregator::exposure_by_name(const IpAddress& asset, const std::string& name, bool local,
                                               bool& folded) {
    folded = false;
    if (auto it = by_name_.find({asset, name}); it != by_name_.end()) return exposures_[it->second];
    if (triage_) {
        if (Exposure* group = folded_exposure(fingerprint(asset, name))) {
            folded = true;
            return *group;
        }
        make_room();
    }
    by_name_.emplace(std::make_pair(asset, name), exposures_.size());
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
