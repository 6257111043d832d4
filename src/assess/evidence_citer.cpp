#include "assess/evidence_citer.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/escape.h"

namespace sovscan {

bool is_component_maker(const Vendor& v) {
    return !v.categories.empty() && std::all_of(v.categories.begin(), v.categories.end(), [](const std::string& c) {
               return c == "iot_module" || c == "semiconductor";
           });
}

Evidence EvidenceCiter::cite(std::string_view source_id, std::string fact) const {
    if (const IntelSource* s = intel_.source(source_id)) return Evidence{std::move(fact), s->name, s->version};
    return Evidence{std::move(fact), std::string(source_id), ""};
}

Evidence EvidenceCiter::located(std::string_view address, std::string_view country) const {
    return cite(intel_source::geo_country, fmt::format("{} is located in {}", address, country));
}

Evidence EvidenceCiter::registered(std::string_view address, std::string_view country) const {
    return cite(intel_source::registry_country, fmt::format("{} is registered to a holder in {}", address, country));
}

Evidence EvidenceCiter::announced(std::string_view address, uint32_t asn, std::string_view as_org) const {
    return cite(intel_source::asn, fmt::format("{} is announced by AS{} ({})", address, asn, printable(as_org)));
}

Evidence EvidenceCiter::operated(uint32_t asn, const AsnOperator& op) const {
    return Evidence{fmt::format("AS{} is operated by {}, controlled from {} ({} confidence)", asn, op.operator_name,
                                op.control_country, op.confidence),
                    op.source, "data/asn_operators.csv"};
}

Evidence EvidenceCiter::resolver(std::string_view address, const PublicResolver& r) const {
    return Evidence{fmt::format("{} is the public resolver {} ({}), run from {}", address, r.operator_name, r.service,
                                r.jurisdiction),
                    r.source, "data/public_resolvers.csv"};
}

namespace {

// The catalog file a domain row is in, as an evidence's version.
std::string_view domain_file(const DomainEntry& e) {
    return e.evidence == DomainEvidence::curated ? "data/vendor_domains.csv" : "data/vendor_domains_imported.csv";
}

// "; listed by v2fly/domain-list-community:data/xiaomi at c975cce (MIT)" for an imported row.
std::string list_clause(const DomainEntry& e) {
    if (e.evidence == DomainEvidence::curated) return {};
    return fmt::format("; {} by {} at {} ({})",
                       e.evidence == DomainEvidence::routing_list ? "listed as served from there" : "listed",
                       e.list, e.list_commit.substr(0, 7), e.licence);
}

}  // namespace

Evidence EvidenceCiter::observed_name(const ObservedName& n) const {
    return Evidence{fmt::format("server name {} seen in {} flow(s) ({})", printable(n.name), n.flows, how_learnt(n)),
                    "observed", ""};
}

Evidence EvidenceCiter::name_vendor(std::string_view name, const Vendor& v, const DomainEntry* entry) const {
    return Evidence{fmt::format("{} belongs to vendor {} ({}), controlled from {}", printable(name), v.id, v.name,
                                v.control_country),
                    entry ? std::string(entry->source) : v.source,
                    entry ? std::string(domain_file(*entry)) : "data/vendors.csv"};
}

Evidence EvidenceCiter::vendor_control(const Vendor& v) const {
    return Evidence{fmt::format("vendor {} is controlled from {}: {}", v.id, v.control_country, v.control_basis),
                    v.source, "data/vendors.csv"};
}

Evidence EvidenceCiter::designation(const Vendor& v, const VendorDesignation& d) const {
    const DesignationList& l = *d.list;
    std::string fact;
    if (!d.entry)
        fact = fmt::format("{} ({}, {}) applies to vendors controlled from {}, as {} is", l.name, l.issuer, l.issued,
                           v.control_country, v.id);
    else
        fact = fmt::format("{} ({}) lists \"{}\"{} {} {}{}{}", l.name, l.issuer, d.entry->listed_name,
                           d.via ? fmt::format(", parent {} of {},", d.via->id, v.id) : std::string(),
                           d.entry->current() ? "since" : "from", d.entry->listed_on,
                           d.entry->current() ? std::string() : fmt::format(" until {} (removed)", d.entry->removed_on),
                           d.entry->scope.empty() ? std::string() : fmt::format(": {}", d.entry->scope));
    return Evidence{std::move(fact), d.entry && !d.entry->source.empty() ? d.entry->source : l.url,
                    d.entry ? "data/designations.csv" : "data/designation_lists.csv"};
}

Evidence EvidenceCiter::oui_assignment(std::string_view subject, std::string_view prefix, std::string_view registry,
                                       std::string_view organisation, std::string_view country) const {
    return cite(intel_source::ieee_oui, fmt::format("{} prefix {} ({}) is assigned to \"{}\", registered in {}", subject,
                                                    prefix, registry, printable(organisation), country));
}

Evidence EvidenceCiter::oui_vendor(std::string_view organisation, const Vendor& v) const {
    return Evidence{fmt::format("\"{}\" is vendor {} ({}), controlled from {}{}", printable(organisation), v.id, v.name,
                                v.control_country,
                                is_component_maker(v) ? "; a module/chip maker: a PRC component is present" : ""),
                    v.source, "data/oui_vendors.csv"};
}

Evidence EvidenceCiter::asn_organisation(uint32_t asn, std::string_view as_org) const {
    return cite(intel_source::asn, fmt::format("AS{} announces address ranges as \"{}\"", asn, printable(as_org)));
}

Evidence EvidenceCiter::domain_match(std::string_view name, const DomainEntry& entry) const {
    const bool same = name == entry.domain;
    return Evidence{fmt::format("{} {} the catalogued domain {} ({} match; {}{})", printable(name),
                                same ? "is" : "is under", entry.domain, entry.match, entry.purpose, list_clause(entry)),
                    std::string(entry.source), std::string(domain_file(entry))};
}

Evidence EvidenceCiter::vendor_parent(const Vendor& v, const Vendor* parent) const {
    std::string fact = parent ? fmt::format("vendor {} belongs to {} ({}), controlled from {}", v.id, parent->id,
                                            parent->name, parent->control_country)
                              : fmt::format("vendor {} belongs to {}", v.id, v.parent);
    return Evidence{std::move(fact), v.source, "data/vendors.csv"};
}

Evidence EvidenceCiter::resolver_vendor(std::string_view address, const PublicResolver& r, const Vendor& v) const {
    return Evidence{fmt::format("the resolver at {} is run by vendor {} ({}), controlled from {}", address, v.id, v.name,
                                v.control_country),
                    r.source, "data/public_resolvers.csv"};
}

}  // namespace sovscan
