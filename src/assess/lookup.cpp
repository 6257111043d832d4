#include "assess/lookup.h"

#include <fmt/format.h>

#include <algorithm>

namespace sovscan {

namespace {

void add_unique(std::vector<std::string>& v, std::string s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// "ip_camera;cloud" -> each category once.
void add_categories(std::vector<std::string>& out, std::string_view list) {
    while (!list.empty()) {
        size_t semi = list.find(';');
        add_unique(out, std::string(list.substr(0, semi)));
        if (semi == std::string_view::npos) break;
        list.remove_prefix(semi + 1);
    }
}

}  // namespace

Lookup::Lookup(const Intel& intel, const Policy& policy)
    : intel_(intel), policy_(policy), enricher_(intel), judge_(policy), cite_(intel) {}

LookupAnswer Lookup::answer(std::string_view query) {
    LookupAnswer a;
    a.query = std::string(query);
    ParsedQuery p = parse_lookup_query(query);
    if (!p.query) {
        a.error = std::move(p.error);
        return a;
    }
    a.parsed = *p.query;
    JurisdictionFacts facts;
    if (a.parsed.ip) answer_address(*a.parsed.ip, a, facts);
    else if (a.parsed.kind == QueryKind::asn) answer_asn(a.parsed.asn, a, facts);
    else if (a.parsed.mac) answer_mac(*a.parsed.mac, a.parsed.oui_only, a, facts);
    else answer_name(a.parsed.name, a, facts);
    conclude(a, facts);
    return a;
}

void Lookup::answer_address(const IpAddress& ip, LookupAnswer& a, JurisdictionFacts& facts) {
    const std::string addr = ip.to_string();
    if (ip.is_private_or_local()) {
        a.private_address = true;  // no database knows where 10.0.0.1 is (Intel refuses to say)
        return;
    }
    const EndpointIntel& e = enricher_.endpoint(ip);
    a.located_in = facts.located_in = e.located_in;
    a.registry_country = facts.registry_country = e.registry_country;
    if (!e.located_in.empty()) a.evidence.push_back(cite_.located(addr, e.located_in));
    if (!e.registry_country.empty()) a.evidence.push_back(cite_.registered(addr, e.registry_country));
    if (e.asn) {
        a.asn = e.asn;
        a.as_org = e.as_org;
        a.evidence.push_back(cite_.announced(addr, e.asn, e.as_org));
    }
    if (e.op) {
        a.op = e.op;
        facts.operator_controlled_by = e.op->control_country;
        a.evidence.push_back(cite_.operated(e.asn, *e.op));
    }
    if (const PublicResolver* r = intel_.public_resolver(ip)) {
        a.resolver = r;
        facts.resolver_controlled_by = r->jurisdiction;
        a.evidence.push_back(cite_.resolver(addr, *r));
        if (const Vendor* v = r->vendor_id.empty() ? nullptr : intel_.vendor(r->vendor_id)) {
            a.evidence.push_back(cite_.resolver_vendor(addr, *r, *v));
            attach_vendor(*v, a, facts);
        }
    }
}

void Lookup::answer_asn(uint32_t asn, LookupAnswer& a, JurisdictionFacts& facts) {
    a.asn = asn;
    if (auto org = intel_.asn_org(asn)) {
        a.as_org = *org;
        a.evidence.push_back(cite_.asn_organisation(asn, *org));
    }
    if (const AsnOperator* op = intel_.asn_operator(asn)) {
        a.op = op;
        facts.operator_controlled_by = op->control_country;
        a.evidence.push_back(cite_.operated(asn, *op));
    }
}

void Lookup::answer_name(const std::string& name, LookupAnswer& a, JurisdictionFacts& facts) {
    const NameIntel& n = enricher_.name(name);
    if (!n.entry) return;
    a.domain = n.entry;
    add_categories(a.categories, n.entry->categories);
    a.evidence.push_back(cite_.domain_match(name, *n.entry));
    if (n.vendor) {
        a.evidence.push_back(cite_.name_vendor(name, *n.vendor, n.entry));
        attach_vendor(*n.vendor, a, facts);
    }
}

void Lookup::answer_mac(const MacAddress& mac, bool oui_only, LookupAnswer& a, JurisdictionFacts& facts) {
    if (mac.is_group()) {
        a.oui_note = "a group (multicast or broadcast) address, no device's own: it has no OUI";
        return;
    }
    if (mac.is_locally_administered()) {
        a.oui_note = "locally administered (randomised or virtual): its first three bytes are no OUI";
        return;
    }
    std::optional<OuiAnswer> oui = enricher_.device(mac).oui;
    // A bare 24-bit prefix names an MA-L block; a longer match was found only because the prefix
    // was padded with zeros, and would be the answer for one sub-block, not for the prefix.
    if (oui && oui_only && oui->registry != "MA-L") {
        a.oui_note = "an IEEE block divided into MA-M/MA-S assignments: give a whole MAC address";
        return;
    }
    if (!oui) {
        a.oui_note = oui_only ? "no IEEE MA-L assignment for this prefix (unassigned, or divided into MA-M/MA-S: give a "
                                "whole MAC address)"
                              : "no IEEE assignment covers this address";
        return;
    }
    a.oui = oui;
    facts.registrant_country = oui->country;
    a.evidence.push_back(cite_.oui_assignment(oui_only ? "OUI" : mac.to_string(), oui->prefix, oui->registry,
                                              oui->organisation, oui->country.empty() ? "no country" : oui->country));
    if (oui->vendor) {
        a.evidence.push_back(cite_.oui_vendor(oui->organisation, *oui->vendor));
        attach_vendor(*oui->vendor, a, facts);
    }
}

void Lookup::attach_vendor(const Vendor& v, LookupAnswer& a, JurisdictionFacts& facts) {
    a.vendor = facts.vendor = &v;
    for (const std::string& c : v.categories) add_unique(a.categories, c);
    a.evidence.push_back(cite_.vendor_control(v));
    if (!v.parent.empty()) {
        a.parent = intel_.vendor(v.parent);  // `parent` is a vendor id or free text naming the owner
        a.evidence.push_back(cite_.vendor_parent(v, a.parent));
    }
    const Catalog& catalog = intel_.catalog();
    a.ownership_changes = catalog.ownership_changes_for(v.id);
    a.designations = catalog.designations_for(v);
    for (const VendorDesignation& d : a.designations) a.evidence.push_back(cite_.designation(v, d));
}

void Lookup::conclude(LookupAnswer& a, const JurisdictionFacts& facts) const {
    const JurisdictionJudgement& j = a.judgement = judge_.judge(facts);
    a.verdict = j.verdict();
    a.controlled_by = a.op ? a.op->control_country
                      : a.resolver ? a.resolver->jurisdiction
                      : a.vendor ? a.vendor->control_country.str() : "";
    auto& why = a.reasons;
    if (j.located) why.push_back(fmt::format("located in {} (geolocation)", a.located_in));
    if (j.operated)
        why.push_back(fmt::format("AS{} is operated by {}, controlled from {}", a.asn, a.op->operator_name,
                                  a.op->control_country));
    if (j.resolver) why.push_back(fmt::format("a public DNS resolver run from {}", a.resolver->jurisdiction));
    if (j.vendor_controlled && !j.vendor_review)
        why.push_back(fmt::format("vendor {} is controlled from {}", a.vendor->id, a.vendor->control_country));
    if (j.registrant)
        why.push_back(fmt::format("the IEEE registrant's address is in {} and the organisation is not catalogued",
                                  facts.registrant_country));
    if (j.vendor_review)
        why.push_back(fmt::format("vendor {} has strong PRC ties but is controlled from {} (prc_linked=partial): review",
                                  a.vendor->id, a.vendor->control_country));
    if (j.registered)
        why.push_back(j.located ? fmt::format("registered to a holder in {} as well", a.registry_country)
                                : fmt::format("registered to a holder in {}, but located in {}: review",
                                              a.registry_country, a.located_in.empty() ? "an unknown country" : a.located_in));
    if (a.verdict != Verdict::clear) return;

    if (a.private_address) why.push_back("a private, loopback, link-local or multicast address: no place on the Internet");
    if (!a.oui_note.empty()) why.push_back(a.oui_note);
    if (a.vendor && a.vendor->prc_linked == "no")
        why.push_back(fmt::format("vendor {} is a counter-example (prc_linked=no), controlled from {}", a.vendor->id,
                                  a.vendor->control_country));
    if ((a.parsed.kind == QueryKind::domain || (a.parsed.kind == QueryKind::url && !a.parsed.ip)) && !a.domain)
        why.push_back("not a catalogued vendor domain, nor under one");
    if (a.parsed.kind == QueryKind::asn && a.as_org.empty() && !a.op)
        why.push_back(fmt::format("AS{} announces nothing in the ASN data and is not catalogued", a.asn));
    why.push_back(fmt::format("nothing found links it to a high-risk jurisdiction ({})",
                              fmt::join(policy_.high_risk_jurisdictions, ", ")));
}

}  // namespace sovscan
