// The observe stage: hands each packet to the dissectors registered below and keeps the shared
// state (limits, counters, DNS answers). Adding a protocol is one new file defining a
// DissectorSpec, its declaration in dissector.h and one line in kDissectors.
#include "observe/observer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "observe/device_observations.h"
#include "observe/dissector.h"
#include "observe/dns.h"

namespace sovscan {

namespace observe {

namespace {

// Exclusive dissectors first: a flow one of them selects goes to it alone.
const DissectorSpec* const kDissectors[] = {
    &kDnsDissector,
    &kDhcpDissector,
    &kMdnsDissector,
    &kSsdpDissector,
    &kTlsClientHelloDissector,
    &kQuicInitialDissector,
    &kSsdpReplyDissector,
    &kHttpDissector,
};

constexpr size_t kMaxNameBytes = 255;  // no host name is longer; longer SNI/Host values are cut

constexpr const char* kCounterLabels[] = {
    "dns_messages",          "dns_queries",       "dns_responses",         "dns_malformed",
    "dns_tcp_messages",      "dns_answers_recorded", "tls_client_hellos",  "tls_reassembled",
    "tls_malformed",         "tls_certificates",  "tls_certificate_unparsed", "starttls_upgrades",
    "quic_initials",         "quic_initials_decrypted", "quic_decrypt_failed", "quic_unsupported_version",
    "quic_client_hellos",    "gquic_chlos",       "gquic_malformed",       "http_requests",
    "http_responses",        "http_proxy_requests", "reassembly_overflow", "dhcp_messages",
    "dhcp_malformed",        "mdns_messages",     "mdns_malformed",        "ssdp_messages",
    "ssdp_malformed",        "upnp_descriptions",
};
static_assert(std::size(kCounterLabels) == size_t(Counter::kCount));

}  // namespace

const char* counter_label(Counter c) { return kCounterLabels[size_t(c)]; }

void ascii_lower(char* p, size_t n) {
    // Eight bytes at a time (SWAR): every DNS name and SNI passes here, and a byte loop cost more
    // than the parsing around it (a branch-free byte loop is not vectorised at -O2 either). In each
    // byte below 0x80, adding 0x3f sets the top bit from 'A' up and adding 0x25 from 'Z' + 1 up,
    // without a carry into the next byte; the upper-case bytes get 0x20 added.
    constexpr uint64_t kHigh = 0x8080808080808080ULL, kLow7 = 0x7f7f7f7f7f7f7f7fULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        const uint64_t seven = w & kLow7;
        const uint64_t upper = (seven + 0x3f3f3f3f3f3f3f3fULL) & ~(seven + 0x2525252525252525ULL) & ~w & kHigh;
        if (upper) {
            w |= upper >> 2;
            std::memcpy(p + i, &w, 8);
        }
    }
    for (; i < n; ++i)
        if (p[i] >= 'A' && p[i] <= 'Z') p[i] = char(p[i] - 'A' + 'a');
}

void ascii_lower(std::string& s) { ascii_lower(s.data(), s.size()); }

bool offer_server_name(Flow& flow, NameSource source, std::string_view raw) {
    if (source <= flow.name_source) return false;  // never downgrade; an equal source keeps the first
    while (!raw.empty() && raw.back() == '.') raw.remove_suffix(1);
    if (raw.empty()) return false;
    flow.server_name.assign(raw.substr(0, kMaxNameBytes));
    ascii_lower(flow.server_name);
    flow.name_source = source;
    return true;
}

void record_client_user_agent(Shared& shared, const Flow& flow, std::string_view agent, std::string_view detail,
                              int64_t ts_ns) {
    if (!agent.empty() && shared.devices)
        shared.devices->record(DeviceRef::address(flow.client_ip), "user_agent", agent, detail, Confidence::medium,
                               ts_ns);
}

}  // namespace observe

using observe::Dissector;
using observe::DissectorSpec;
using observe::Verdict;

struct Observer::Impl {
    struct Entry {
        const DissectorSpec* spec;
        std::unique_ptr<Dissector> dissector;
        uint8_t bit;  // this dissector's bit in Flow::observed_by; 0 when it keeps no per-flow state
    };

    explicit Impl(ObserverLimits limits)
        : dns(limits.max_dns_answers), devices(device_limits(limits)) {
        shared.limits = limits;
        shared.dns = &dns;
        shared.devices = &devices;
        unsigned next_bit = 1;
        for (const DissectorSpec* spec : observe::kDissectors) {
            uint8_t bit = 0;
            if (spec->keeps_flow_state) {
                if (next_bit > 0x80)
                    throw std::logic_error("observe: more stateful dissectors than Flow::observed_by has bits");
                bit = uint8_t(next_bit);
                next_bit <<= 1;
            }
            (spec->exclusive ? exclusive : handshake).push_back({spec, spec->make(shared), bit});
        }
    }
    static observe::DeviceLimits device_limits(const ObserverLimits& limits) {
        observe::DeviceLimits d;
        d.max_devices = limits.max_devices;
        d.max_attributes = limits.max_device_attributes;
        return d;
    }
    uint8_t route(const Flow& flow) const {
        for (size_t i = 0; i < exclusive.size(); ++i)
            if (exclusive[i].spec->selects(flow)) return uint8_t(kRouteExclusiveBase + i);
        return kRouteHandshake;
    }
    void forget(std::vector<Entry>& entries, Flow& flow) {
        for (auto& e : entries)
            if (flow.observed_by & e.bit) {
                e.dissector->forget(flow.id);
                flow.observed_by &= uint8_t(~e.bit);
            }
    }
    void finish(Flow& flow) {
        flow.inspection_done = true;
        forget(handshake, flow);
    }

    observe::DnsTable dns;
    observe::DeviceObservations devices;
    observe::Shared shared;
    std::vector<Entry> exclusive, handshake;
};

Observer::Observer(ObserverLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
Observer::~Observer() = default;

void Observer::inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) {
    Impl& im = *impl_;
    if (flow.observe_route == kRouteUndecided) [[unlikely]] {
        flow.observe_route = im.route(flow);
        // No handshake dissector looks at flows an exclusive one owns.
        if (flow.observe_route != kRouteHandshake) flow.inspection_done = true;
    }
    if (flow.observe_route != kRouteHandshake) {
        if (pkt.payload.empty()) return;
        auto& e = im.exclusive[flow.observe_route - kRouteExclusiveBase];
        flow.observed_by |= e.bit;
        e.dissector->inspect(flow, dir, pkt);
        return;
    }
    if (flow.inspection_done || pkt.payload.empty()) return;
    // Zero bytes a side sends before its first message (keep-alive padding) are no payload to the
    // handshake dissectors: not counted, so that the message after them is still its side's first.
    if (flow.inspected[dir] == 0 && pkt.payload.size() <= observe::kMaxZeroPadding &&
        observe::zero_padding(pkt.payload) == pkt.payload.size()) [[unlikely]]
        return;
    const uint8_t max = observe::inspection_budget(flow, im.shared.limits);
    if (flow.inspected[dir] >= max) return;
    ++flow.inspected[dir];
    bool more = false;
    for (auto& e : im.handshake) {
        if (!e.spec->selects(flow)) continue;
        flow.observed_by |= e.bit;
        if (e.dissector->inspect(flow, dir, pkt) == Verdict::more) more = true;
    }
    // Stop when nobody wants more, or when either direction used up its packets: what was not
    // seen by then is not a handshake at the start of the flow. The budget is read again: this
    // packet may have asked for a STARTTLS upgrade, which raises it.
    const uint8_t budget = observe::inspection_budget(flow, im.shared.limits);
    if (!more || flow.inspected[kToServer] >= budget || flow.inspected[kToClient] >= budget) im.finish(flow);
}

void Observer::on_flow_end(Flow& flow) {
    if (!flow.observed_by) return;  // the common case: nothing was ever kept for it
    impl_->forget(impl_->exclusive, flow);
    impl_->forget(impl_->handshake, flow);
}

DnsNameMatch Observer::dns_name(const IpAddress& client, const IpAddress& server, int64_t began_ns) const {
    return impl_->dns.find(client, server, began_ns);
}

void Observer::record_dns_answer(const IpAddress& client, const IpAddress& address, DnsName name) {
    impl_->dns.record(client, address, std::move(name));
    impl_->shared.count(observe::Counter::dns_answers_recorded);
}

const IpAddress* Observer::dns_address(std::string_view name) const { return impl_->dns.find_address(name); }

std::vector<AssetRecord> Observer::device_records() const { return impl_->devices.records(); }

NamedCounters Observer::counters() const {
    NamedCounters out;
    for (size_t i = 0; i < size_t(observe::Counter::kCount); ++i)
        out[observe::counter_label(observe::Counter(i))] = impl_->shared.counters[i];
    // The device table's own state, read here rather than counted on every observation.
    out["devices_observed"] = impl_->devices.size();
    out["device_observations_dropped"] = impl_->devices.dropped();
    return out;
}

}  // namespace sovscan
