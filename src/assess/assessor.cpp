#include "assess/assessor.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/escape.h"
#include "common/number_text.h"

namespace sovscan {

namespace {

void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

Assessor::Assessor(const Policy& policy, Enricher& enricher)
    : policy_(policy), enricher_(enricher), judge_(policy), cite_(enricher.intel()) {}

Counterpart Assessor::describe(const Exposure& e, std::vector<Evidence>& ev, const Vendor*& name_vendor,
                               std::string& name_how) {
    Counterpart c;
    c.ip = e.counterpart;
    for (const ProxyUse& p : e.proxies) c.proxies.push_back(ProxyRef{p.ip, p.port, p.flows});
    const std::string addr = e.counterpart.to_string();
    if (c.has_ip()) {
        const EndpointIntel& ip = enricher_.endpoint(e.counterpart);
        c.located_in = ip.located_in;
        c.registry_country = ip.registry_country;
        c.asn = ip.asn;
        c.as_org = ip.as_org;
        if (!ip.located_in.empty()) ev.push_back(cite_.located(addr, ip.located_in));
        if (!ip.registry_country.empty()) ev.push_back(cite_.registered(addr, ip.registry_country));
        if (ip.asn) ev.push_back(cite_.announced(addr, ip.asn, ip.as_org));
        if (ip.op) {
            c.operator_name = ip.op->operator_name;
            c.operator_controlled_by = ip.op->control_country;
            ev.push_back(cite_.operated(ip.asn, *ip.op));
        }
    }

    if (e.kind == ExposureKind::dns) {
        if (const PublicResolver* r = enricher_.intel().public_resolver(e.counterpart)) {
            c.resolver_operator = r->operator_name;
            c.resolver_controlled_by = r->jurisdiction;
            ev.push_back(cite_.resolver(addr, *r));
        }
    }

    // Names, strongest source first, then by flows.
    std::vector<std::pair<std::string, Exposure::NameSighting>> names(e.names.begin(), e.names.end());
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
        return a.second.best != b.second.best ? a.second.best > b.second.best : a.second.flows > b.second.flows;
    });
    name_vendor = nullptr;
    for (const auto& [name, seen] : names) {
        c.names.push_back(ObservedName{name, name_source_label(seen.best), seen.flows,
                                       seen.best == NameSource::dns ? dns_name_basis_label(seen.dns_basis) : ""});
        const NameIntel& ni = enricher_.name(name);
        ev.push_back(cite_.observed_name(c.names.back()));
        // The strongest name with a catalogued vendor names the vendor, unless a later name
        // belongs to a vendor controlled from a high-risk jurisdiction: an address serving both
        // apple.com and a PRC vendor's cloud must not hide the latter.
        if (ni.vendor && ni.vendor != name_vendor) {
            const bool risky = policy_.is_high_risk(ni.vendor->control_country);
            if (!name_vendor || (risky && !policy_.is_high_risk(name_vendor->control_country))) {
                ev.push_back(cite_.name_vendor(name, *ni.vendor, ni.entry));
                name_vendor = ni.vendor;
                name_how = name_source_label(seen.best);
            }
        }
    }
    // Through an explicit proxy the server is the one the client asked for, not the proxy: where
    // it is comes from its address in the request or a DNS answer for its name, if the capture
    // has one (the proxy's own lookups).
    for (const ProxyRef& p : c.proxies)
        ev.push_back(Evidence{fmt::format("{} asked the explicit HTTP proxy {} for this server in {} flow(s)",
                                          e.asset.to_string(), p.to_string(), p.flows),
                              "observed", ""});
    if (!c.proxies.empty() && !c.names.empty()) {
        const std::string name = printable(c.names[0].name);
        ev.push_back(Evidence{c.has_ip() ? fmt::format("{} is at {}: the address in the request, or the capture's DNS "
                                                       "answer for the name",
                                                       name, addr)
                                         : fmt::format("no DNS answer in the capture gives the address of {}: where "
                                                       "it is located is unknown",
                                                       name),
                              "observed", ""});
    }
    if (name_vendor) {
        // Why that country: the reviewed basis of the vendor's control, for the auditor.
        if (!name_vendor->control_basis.empty()) ev.push_back(cite_.vendor_control(*name_vendor));
        c.vendor_id = name_vendor->id;
        c.vendor_name = name_vendor->name;
        c.vendor_controlled_by = name_vendor->control_country;
    }
    return c;
}

void Assessor::assess_exposure(const Exposure& e, std::vector<Finding>& out) {
    Finding f;
    const Vendor* name_vendor = nullptr;
    std::string name_how;
    f.counterpart = describe(e, f.evidence, name_vendor, name_how);
    const Counterpart& c = f.counterpart;

    JurisdictionFacts facts;
    facts.located_in = c.located_in;
    facts.registry_country = c.registry_country;
    facts.operator_controlled_by = c.operator_controlled_by;
    facts.resolver_controlled_by = c.resolver_controlled_by;
    facts.vendor = name_vendor;
    const JurisdictionJudgement judged = judge_.judge(facts);
    const bool located = judged.located, registered = judged.registered, operated = judged.operated;
    const bool named = judged.vendor_controlled;
    const bool controlled = judged.controlled();
    f.jurisdictions = judged.jurisdictions;

    f.asset.ip = e.asset;
    f.asset.has_ip = true;
    f.asset.is_local = e.asset_is_local;
    f.asset.macs.assign(e.asset_macs.begin(), e.asset_macs.end());
    f.bytes_sent = e.bytes_sent, f.bytes_received = e.bytes_received;
    f.packets_sent = e.packets_sent, f.packets_received = e.packets_received;
    f.flows = e.flows;
    f.first_ns = e.first_ns, f.last_ns = e.last_ns;
    f.server_ports.assign(e.server_ports.begin(), e.server_ports.end());
    f.sample_flows = e.samples;

    const std::string where = located ? fmt::format("located in {}", c.located_in)
                              : operated ? fmt::format("operated by {} ({})", c.operator_name, c.operator_controlled_by)
                              : named ? fmt::format("{} ({})", c.vendor_name, c.vendor_controlled_by)
                                      : fmt::format("registered in {}", c.registry_country);
    const std::string label = c.names.empty() ? e.counterpart.to_string()
                              : !c.has_ip()   ? printable(c.names[0].name)
                                              : fmt::format("{} [{}]", e.counterpart.to_string(), printable(c.names[0].name));
    const std::string via = c.proxies.empty() ? ""
                            : c.proxies.size() == 1
                                ? fmt::format(" through proxy {}", c.proxies[0].to_string())
                                : fmt::format(" through proxy {} (and {} more)", c.proxies[0].to_string(), c.proxies.size() - 1);

    // A server reached through a proxy is judged as the client's egress, never turned round.
    if (e.kind == ExposureKind::inbound ||
        (e.kind != ExposureKind::dns && !e.asset_is_local && !located && !controlled && e.proxies.empty())) {
        // Inbound: the counterpart initiated. For a transit exposure with a harmless server, look at
        // the client instead: it may be the high-risk side reaching into the network.
        if (e.kind != ExposureKind::inbound) {
            Exposure flipped = e;
            flipped.kind = ExposureKind::inbound;
            std::swap(flipped.asset, flipped.counterpart);
            std::swap(flipped.bytes_sent, flipped.bytes_received);
            std::swap(flipped.packets_sent, flipped.packets_received);
            flipped.names.clear();  // names describe the server, which is now the asset
            flipped.asset_macs.clear();
            const JurisdictionJudgement client_judged = judge_address(flipped.counterpart);
            if (client_judged.located || client_judged.controlled()) assess_exposure(flipped, out);
            return;
        }
        if (!(located || controlled) || e.answered_flows == 0) return;  // unanswered probes are not sessions
        f.rule = RuleId::inbound_from_high_risk;
        f.severity = policy_.severity_of(f.rule);
        for (uint16_t p : e.server_ports) {
            auto it = policy_.admin_ports.find(p);
            if (it != policy_.admin_ports.end()) add_unique(f.services, fmt::format("{}/{}", it->second, p));
        }
        if (!f.services.empty()) f.severity = raise(f.severity);
        f.confidence = located && registered ? "high" : "medium";
        f.summary = fmt::format("{} ({}) opened {} session(s) to {}{}{}", label, where, e.answered_flows,
                                e.asset.to_string(), f.services.empty() ? "" : " on ",
                                f.services.empty() ? "" : f.services[0]);
        f.evidence.push_back(Evidence{fmt::format("{} initiated {} flow(s), {} answered, to server port(s) {}",
                                                  e.counterpart.to_string(), e.flows, e.answered_flows,
                                                  fmt::join(f.server_ports, ", ")),
                                      "observed", ""});
        out.push_back(std::move(f));
        return;
    }

    if (!located && !controlled) return;
    if (e.kind == ExposureKind::dns) {
        f.rule = RuleId::resolver_high_risk;
        f.confidence = located && (registered || operated) ? "high" : "medium";
        const std::string who = c.resolver_operator.empty() ? where : fmt::format("{}, {}", c.resolver_operator, where);
        f.summary = fmt::format("{} asks DNS resolver {} ({}): {} flow(s)", e.asset.to_string(), label, who, e.flows);
    } else if (located) {
        f.rule = RuleId::egress_located_high_risk;
        f.confidence = registered || operated || named ? "high" : "medium";
        f.summary =
            fmt::format("{} sent {} to {}{} ({})", e.asset.to_string(), decimal_bytes(static_cast<double>(e.bytes_sent)), label, via, where);
    } else {
        f.rule = RuleId::egress_operator_high_risk;
        bool strong_name = named && name_how != "dns";
        f.confidence = (operated && named) ? "high" : (operated || strong_name) ? "medium" : "low";
        f.summary = fmt::format("{} sent {} to {}{} ({}, hosted in {})", e.asset.to_string(),
                                decimal_bytes(static_cast<double>(e.bytes_sent)), label, via, where,
                                c.located_in.empty() ? "unknown" : c.located_in);
    }
    f.severity = policy_.severity_of(f.rule);
    out.push_back(std::move(f));
}

DeviceRecord Assessor::describe_device(const DeviceSighting& d) {
    DeviceRecord r;
    r.mac = d.mac;
    r.ips.assign(d.local_ips.begin(), d.local_ips.end());
    r.frames = d.frames;
    r.first_ns = d.first_ns, r.last_ns = d.last_ns;
    r.locally_administered = d.mac.is_locally_administered();
    const DeviceIntel& di = enricher_.device(d.mac);
    if (di.oui) {
        r.organisation = di.oui->organisation;
        r.registrant_country = di.oui->country;
        r.oui_prefix = di.oui->prefix;
        r.registry = di.oui->registry;
        if (const Vendor* v = di.oui->vendor) {
            r.vendor_id = v->id, r.vendor_name = v->name, r.vendor_controlled_by = v->control_country;
            r.prc_linked = v->prc_linked;
        }
    }
    return r;
}

std::vector<DeviceRecord> Assessor::devices(const ExposureAggregator& agg) {
    std::vector<DeviceRecord> out;
    for (const auto& [key, d] : agg.devices()) out.push_back(describe_device(d));
    std::sort(out.begin(), out.end(), [](const DeviceRecord& a, const DeviceRecord& b) { return a.mac < b.mac; });
    return out;
}

bool Assessor::device_makes_finding(const MacAddress& mac) {
    DeviceSighting d;
    d.mac = mac;
    scratch_.clear();
    assess_device(describe_device(d), scratch_);
    return !scratch_.empty();
}

void Assessor::assess_device(const DeviceRecord& d, std::vector<Finding>& out) {
    if (d.locally_administered || d.organisation.empty()) return;
    // A catalogued PRC-linked vendor; a "partial" one (strong PRC ties, controlled elsewhere) is
    // raised for review; an uncatalogued registrant in a high-risk jurisdiction on the registry's word.
    const Vendor* v = d.vendor_id.empty() ? nullptr : enricher_.intel().vendor(d.vendor_id);
    JurisdictionFacts facts;
    facts.vendor = v;
    facts.registrant_country = d.registrant_country;
    const JurisdictionJudgement judged = judge_.judge(facts);
    const bool review = judged.vendor_review;
    const bool vendor_hr = judged.vendor_controlled || judged.vendor_review;
    const bool registrant_hr = judged.registrant;
    if (!vendor_hr && !registrant_hr) return;

    Finding f;
    f.rule = RuleId::device_high_risk_vendor;
    f.severity = policy_.severity_of(f.rule);
    const bool component_only = v && is_component_maker(*v);
    if (review || component_only) f.severity = lower(f.severity);
    f.confidence = vendor_hr ? (review ? "low" : "high") : "medium";
    f.asset.macs = {d.mac};
    if (!d.ips.empty()) {
        f.asset.ip = d.ips.front();
        f.asset.has_ip = true;
    }
    f.asset.mac_organisation = d.organisation;
    f.asset.mac_vendor_id = d.vendor_id;
    f.asset.mac_vendor_name = d.vendor_name;
    f.asset.mac_vendor_controlled_by = vendor_hr ? d.vendor_controlled_by : d.registrant_country;
    f.jurisdictions = judged.jurisdictions;
    f.packets_sent = d.frames;
    f.first_ns = d.first_ns, f.last_ns = d.last_ns;
    f.evidence.push_back(
        cite_.oui_assignment(d.mac.to_string(), d.oui_prefix, d.registry, d.organisation, d.registrant_country));
    if (v) {
        f.evidence.push_back(cite_.oui_vendor(d.organisation, *v));
        if (!v->control_basis.empty()) f.evidence.push_back(cite_.vendor_control(*v));
    }
    std::string who = v ? v->name.str() : d.organisation;
    f.summary = fmt::format("{}{} is a {} device/interface ({}){}", d.mac.to_string(),
                            d.ips.empty() ? "" : fmt::format(" ({})", d.ips.front().to_string()), printable(who),
                            f.asset.mac_vendor_controlled_by, review ? ": vendor with strong PRC ties, review" : "");
    out.push_back(std::move(f));
}

JurisdictionJudgement Assessor::judge_address(const IpAddress& ip) {
    const EndpointIntel& where = enricher_.endpoint(ip);
    JurisdictionFacts facts;
    facts.located_in = where.located_in;
    facts.registry_country = where.registry_country;
    if (where.op) facts.operator_controlled_by = where.op->control_country;
    return judge_.judge(facts);
}

bool Assessor::addresses_high_risk(const Exposure& e) {
    auto high_risk = [](const JurisdictionJudgement& j) { return j.located || j.controlled(); };
    if (e.counterpart.is_unspecified()) return false;  // a server reached by name only: its name decides
    if (high_risk(judge_address(e.counterpart))) return true;
    if (e.kind == ExposureKind::dns)
        if (const PublicResolver* r = enricher_.intel().public_resolver(e.counterpart))
            if (policy_.is_high_risk(r->jurisdiction)) return true;
    // A transit exposure is also judged from its client's side (assess_exposure turns it round).
    return !e.asset_is_local && high_risk(judge_address(e.asset));
}

bool Assessor::names_high_risk(const Exposure& e) {
    // describe() names the vendor of a high-risk name whenever one is among the names.
    for (const auto& [name, seen] : e.names) {
        const NameIntel& ni = enricher_.name(name);
        if (!ni.vendor) continue;
        JurisdictionFacts facts;
        facts.vendor = ni.vendor;
        if (judge_.judge(facts).vendor_controlled) return true;
    }
    return false;
}

bool Assessor::makes_finding(const Exposure& e) {
    scratch_.clear();
    assess_exposure(e, scratch_);
    return !scratch_.empty();
}

void AssessorTriage::place(const IpAddress& counterpart, FoldedExposures& group) {
    const EndpointIntel& where = enricher_.endpoint(counterpart);
    group.located_in = where.located_in;
    group.asn = where.asn;
    group.as_org = where.as_org;
}

std::vector<Finding> Assessor::assess(const ExposureAggregator& agg) {
    std::vector<Finding> out;
    for (const Exposure& e : agg.exposures()) assess_exposure(e, out);
    for (const DeviceRecord& d : devices(agg)) assess_device(d, out);
    sort_findings(out);
    return out;
}

}  // namespace sovscan
