#include "report/lookup_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/escape.h"

namespace sovscan {

using nlohmann::ordered_json;

namespace {

// ---- text ----

constexpr size_t kKeyWidth = 17;  // "catalog domain: " and the shorter keys

// Writes "key:" padded to the value column; a value of several lines is continued under it. Values
// keep readable UTF-8 (NÚKIB, Industrivärden) with every control character, bidi override and
// malformed byte escaped (readable_text), so nothing can drive the terminal.
class Block {
public:
    explicit Block(std::ostream& out) : out_(out) {}
    void line(std::string_view key, const std::string& value) {
        out_ << fmt::format("{:<{}}{}\n", std::string(key) + ":", kKeyWidth, readable_text(value));
    }
    void lines(std::string_view key, const std::vector<std::string>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            if (i == 0) line(key, values[i]);
            else out_ << fmt::format("{:<{}}{}\n", "", kKeyWidth, readable_text(values[i]));
        }
    }

private:
    std::ostream& out_;
};

// "@ip-location-db/asn 2.3.2026061719", to say which data set a value comes from.
std::string data_set(const std::vector<IntelSource>& sources, std::string_view id) {
    for (const auto& s : sources)
        if (s.id == id) return s.version.empty() ? s.name : s.name + " " + s.version;
    return std::string(id);
}

std::string vendor_line(const Vendor& v) {
    return fmt::format("{}, {} (HQ {}, controlled from {}, prc_linked {}, {} confidence)", v.id, v.name, v.hq_country,
                       v.control_country, v.prc_linked, v.confidence);
}

// "US FCC Covered List (FCC), since 2021-03-12: telecommunications and video surveillance equipment"
std::string designation_line(const VendorDesignation& d) {
    const DesignationList& l = *d.list;
    if (!d.entry) return fmt::format("{} ({}, {}): applies to every vendor controlled from there", l.name, l.issuer, l.issued);
    std::string when = d.entry->current() ? fmt::format("since {}", d.entry->listed_on)
                                          : fmt::format("{} to {}, removed", d.entry->listed_on, d.entry->removed_on);
    return fmt::format("{} ({}), {}{}{}", l.name, l.issuer, when,
                       d.via ? fmt::format(", as parent {}", d.via->id) : std::string(),
                       d.entry->scope.empty() ? std::string() : fmt::format(": {}", d.entry->scope));
}

// "2010-08-02: Ford Motor Company (US) -> Zhejiang Geely Holding Group (CN); prc_linked yes since 2010-08-02"
std::string ownership_line(const OwnershipChange& o) {
    return fmt::format("{}: {}{} -> {} ({}); {}", o.date, o.from_owner.empty() ? "" : o.from_owner,
                       o.from_country.empty() ? std::string() : fmt::format(" ({})", o.from_country), o.to_owner,
                       o.to_country, o.effect);
}

std::string parent_line(const Vendor& v, const Vendor* parent) {
    if (parent) return fmt::format("{}, {} (controlled from {})", parent->id, parent->name, parent->control_country);
    return v.parent;
}

void write_text_answer(const LookupAnswer& a, const std::vector<IntelSource>& src, std::ostream& out) {
    Block b(out);
    const LookupQuery& q = a.parsed;
    b.line("query", a.query);
    b.line("kind", std::string(query_kind_label(q.kind)));
    b.line("verdict", std::string(verdict_label(a.verdict)));
    b.lines("why", a.reasons);
    if (q.ip) b.line("address", q.ip->to_string());
    if (!q.name.empty()) b.line("name", q.name);
    if (q.mac) b.line(q.oui_only ? "oui prefix" : "mac", q.oui_only ? q.mac->to_string().substr(0, 8) : q.mac->to_string());
    if (!a.located_in.empty())
        b.line("located in", fmt::format("{} ({})", a.located_in, data_set(src, intel_source::geo_country)));
    if (!a.registry_country.empty())
        b.line("registry", fmt::format("{} ({})", a.registry_country, data_set(src, intel_source::registry_country)));
    if (a.asn) {
        std::string org = a.as_org.empty() ? "not in the ASN data" : a.as_org;
        b.line("asn", fmt::format("AS{} {} ({})", a.asn, org, data_set(src, intel_source::asn)));
    }
    if (a.op)
        b.line("operator", fmt::format("{}, controlled from {} ({}; {} confidence)", a.op->operator_name,
                                       a.op->control_country, a.op->kind, a.op->confidence));
    if (a.resolver)
        b.line("resolver", fmt::format("{}: {}, run from {}", a.resolver->service, a.resolver->operator_name,
                                       a.resolver->jurisdiction));
    if (a.domain) {
        const bool parent = a.domain->domain != q.name;
        b.line("catalog domain", fmt::format("{} ({} match{})", a.domain->domain, a.domain->match,
                                             parent ? "; a parent domain of the name" : ""));
        b.line("purpose", std::string(a.domain->purpose));
        if (a.domain->evidence != DomainEvidence::curated)
            b.line("listed by", fmt::format("{} at {} ({}){}", a.domain->list, a.domain->list_commit.substr(0, 12),
                                            a.domain->licence,
                                            a.domain->evidence == DomainEvidence::routing_list
                                                ? "; a routing list: where the name is served, not who owns it"
                                                : ""));
    }
    if (a.oui)
        b.line("oui", fmt::format("{} ({}) \"{}\", registered in {} ({})", a.oui->prefix, a.oui->registry,
                                  a.oui->organisation, a.oui->country.empty() ? "no country" : a.oui->country,
                                  data_set(src, intel_source::ieee_oui)));
    if (a.vendor) {
        b.line("vendor", vendor_line(*a.vendor));
        if (!a.vendor->parent.empty()) b.line("parent", parent_line(*a.vendor, a.parent));
        if (!a.vendor->control_basis.empty()) b.line("control", a.vendor->control_basis);
    }
    std::vector<std::string> lines;
    for (const VendorDesignation& d : a.designations) lines.push_back(designation_line(d));
    if (!lines.empty()) b.lines("designations", lines);
    lines.clear();
    for (const OwnershipChange* o : a.ownership_changes) lines.push_back(ownership_line(*o));
    if (!lines.empty()) b.lines("ownership", lines);
    if (!a.categories.empty()) b.line("categories", fmt::format("{}", fmt::join(a.categories, ", ")));
    if (!a.controlled_by.empty()) b.line("controlled by", a.controlled_by);
    if (!a.judgement.jurisdictions.empty())
        b.line("high-risk", fmt::format("{}", fmt::join(a.judgement.jurisdictions, ", ")));
    std::vector<std::string> ev;
    for (size_t i = 0; i < a.evidence.size(); ++i) {
        const Evidence& e = a.evidence[i];
        ev.push_back(fmt::format("{}. {} [{}{}{}]", i + 1, e.fact, e.source, e.version.empty() ? "" : "; ", e.version));
    }
    if (ev.empty()) ev.push_back("none");
    b.lines("evidence", ev);
}

// ---- JSON ----

ordered_json nullable(std::string_view s) { return s.empty() ? ordered_json(nullptr) : ordered_json(std::string(s)); }

ordered_json vendor_json(const Vendor* v, const Vendor* parent) {
    if (!v) return nullptr;
    ordered_json p = nullptr;
    if (!v->parent.empty())
        p = parent ? ordered_json{{"id", parent->id}, {"name", parent->name}, {"controlled_by", nullable(parent->control_country)}}
                   : ordered_json{{"id", nullptr}, {"name", v->parent}, {"controlled_by", nullptr}};
    return {{"id", v->id},
            {"name", v->name},
            {"hq_country", nullable(v->hq_country)},
            {"controlled_by", nullable(v->control_country)},
            {"prc_linked", v->prc_linked},
            {"categories", v->categories},
            {"parent", p},
            {"control_basis", v->control_basis},
            {"confidence", v->confidence},
            {"source", v->source}};
}

ordered_json answer_json(const LookupAnswer& a) {
    const LookupQuery& q = a.parsed;
    const bool ok = a.ok();
    ordered_json j;
    j["query"] = printable(a.query);
    j["kind"] = ok ? ordered_json(std::string(query_kind_label(q.kind))) : ordered_json(nullptr);
    j["verdict"] = ok ? ordered_json(std::string(verdict_label(a.verdict))) : ordered_json(nullptr);
    j["error"] = nullable(a.error);
    j["reasons"] = a.reasons;
    j["jurisdictions"] = a.judgement.jurisdictions;
    j["address"] = q.ip && ok ? ordered_json(q.ip->to_string()) : ordered_json(nullptr);
    j["name"] = nullable(q.name);
    j["located_in"] = nullable(a.located_in);
    j["registry_country"] = nullable(a.registry_country);
    j["controlled_by"] = nullable(a.controlled_by);
    j["asn"] = a.asn ? ordered_json(a.asn) : ordered_json(nullptr);
    j["as_org"] = nullable(a.as_org);
    j["operator"] = a.op ? ordered_json{{"name", a.op->operator_name},
                                        {"controlled_by", nullable(a.op->control_country)},
                                        {"kind", a.op->kind},
                                        {"confidence", a.op->confidence},
                                        {"source", a.op->source}}
                         : ordered_json(nullptr);
    j["resolver"] = a.resolver ? ordered_json{{"operator", a.resolver->operator_name},
                                              {"service", a.resolver->service},
                                              {"controlled_by", nullable(a.resolver->jurisdiction)},
                                              {"source", a.resolver->source}}
                               : ordered_json(nullptr);
    j["catalog_domain"] = a.domain ? ordered_json{{"domain", std::string(a.domain->domain)},
                                                  {"match", std::string(a.domain->match)},
                                                  {"parent_of_name", a.domain->domain != q.name},
                                                  {"purpose", std::string(a.domain->purpose)},
                                                  {"evidence", std::string(domain_evidence_label(a.domain->evidence))},
                                                  {"list", nullable(a.domain->list)},
                                                  {"list_commit", nullable(a.domain->list_commit)},
                                                  {"licence", nullable(a.domain->licence)},
                                                  {"source", std::string(a.domain->source)}}
                                   : ordered_json(nullptr);
    j["mac"] = q.mac && ok ? ordered_json(q.oui_only ? q.mac->to_string().substr(0, 8) : q.mac->to_string())
                           : ordered_json(nullptr);
    j["oui"] = a.oui ? ordered_json{{"prefix", a.oui->prefix},
                                    {"registry", a.oui->registry},
                                    {"organisation", a.oui->organisation},
                                    {"registrant_country", nullable(a.oui->country)}}
                     : ordered_json(nullptr);
    j["mac_organisation"] = a.oui ? ordered_json(a.oui->organisation) : ordered_json(nullptr);
    j["vendor"] = vendor_json(a.vendor, a.parent);
    j["categories"] = a.categories;
    ordered_json designations = ordered_json::array();
    for (const VendorDesignation& d : a.designations)
        designations.push_back({{"list", d.list->id},
                                {"name", d.list->name},
                                {"issuer", d.list->issuer},
                                {"kind", d.list->kind},
                                {"listed_name", d.entry ? nullable(d.entry->listed_name) : ordered_json(nullptr)},
                                {"listed_on", d.entry ? nullable(d.entry->listed_on) : nullable(d.list->issued)},
                                {"removed_on", d.entry ? nullable(d.entry->removed_on) : ordered_json(nullptr)},
                                {"current", !d.entry || d.entry->current()},
                                {"via_parent", d.via ? ordered_json(d.via->id) : ordered_json(nullptr)},
                                {"scope", d.entry && !d.entry->scope.empty() ? nullable(d.entry->scope) : nullable(d.list->scope)},
                                {"citation", d.list->citation},
                                {"url", d.list->url}});
    j["designations"] = designations;
    ordered_json ownership = ordered_json::array();
    for (const OwnershipChange* o : a.ownership_changes)
        ownership.push_back({{"date", o->date},
                             {"event", o->event},
                             {"from", nullable(o->from_owner)},
                             {"from_country", nullable(o->from_country)},
                             {"to", o->to_owner},
                             {"to_country", o->to_country},
                             {"effect", o->effect},
                             {"source", o->source}});
    j["ownership_changes"] = ownership;
    ordered_json ev = ordered_json::array();
    for (const auto& e : a.evidence) ev.push_back({{"fact", e.fact}, {"source", e.source}, {"version", nullable(e.version)}});
    j["evidence"] = ev;
    return j;
}

}  // namespace

void write_lookup_text(const std::vector<LookupAnswer>& answers, const std::vector<IntelSource>& sources,
                       std::ostream& out) {
    bool any = false;
    for (const LookupAnswer& a : answers) {
        if (!a.ok()) continue;
        if (any) out << "\n";
        write_text_answer(a, sources, out);
        any = true;
    }
    if (!any) return;
    out << "\ndata:\n";
    for (const IntelSource& s : sources)
        out << terminal_safe(fmt::format("  {} {}{}{}", s.name, s.version, s.attribution.empty() ? "" : ": ",
                                         s.attribution))
            << "\n";
}

void write_lookup_json(const std::vector<LookupAnswer>& answers, std::ostream& out) {
    ordered_json all = ordered_json::array();
    for (const LookupAnswer& a : answers) all.push_back(answer_json(a));
    // The data's own strings are UTF-8; should one not be, it is replaced rather than failing the run.
    out << all.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace sovscan
