// The checks of validate_catalog, one method per file; each problem names file, line and column.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>
#include <set>

#include "common/calendar_date.h"
#include "intel/asn_table.h"
#include "intel/catalog.h"
#include "intel/category.h"
#include "intel/oui_registry.h"

namespace sovscan {
namespace {

// ---- validation vocabularies (mirroring shared/reference/tools/validate.py) ----

const std::set<std::string_view> kConfidence = {"high", "medium", "low"};
const std::set<std::string_view> kPrcLinked = {"yes", "partial", "no"};
// What prc_linked=yes means: controlled from the PRC or one of its SARs (the policy then decides
// which of them are high-risk).
const std::set<std::string_view> kPrcJurisdictions = {"CN", "HK", "MO"};
const std::set<std::string_view> kAsnKinds = {"telecom", "cloud", "cdn", "enterprise"};
const std::set<std::string_view> kRegistries = {"MA-L", "MA-M", "MA-S"};
const std::set<std::string_view> kMatch = {"suffix", "exact"};
const std::set<std::string_view> kDesignationKinds = {"warning", "ban", "procurement_restriction", "sanctions_list",
                                                      "military_end_user_list", "advisory"};

// A date as the data writes it: YYYY-MM-DD, or YYYY-MM / YYYY where only that is on record.
bool is_catalog_date(std::string_view s) {
    if (CalendarDate::parse(s)) return true;
    auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    if (s.size() == 4) return digits(s);
    if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5)))
        return s[5] < '1' ? s[6] >= '1' : s[5] == '1' && s[6] <= '2';
    return false;
}

// A git commit id as the import records it: 40 lower-case hex digits.
bool is_commit(std::string_view s) {
    return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_country(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool is_slug(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A catalogue domain as written: lower-case LDH labels, or a Unicode name (IDNA) whose ASCII form
// is one. The key it is matched and compared by is normalise_dns_name() of it.
bool is_catalog_domain(std::string_view d) {
    if (is_ascii(d)) return is_well_formed_domain(d);
    if (d.empty() || d.back() == '.') return false;
    if (std::any_of(d.begin(), d.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return false;
    return is_well_formed_domain(normalise_dns_name(d));
}

// Collects problems as "FILE:LINE: COLUMN: message", the form every catalog problem takes.
class ProblemSink {
public:
    explicit ProblemSink(std::vector<std::string>& out) : out_(out) {}
    void add(std::string_view file, size_t line, std::string_view column, const std::string& message) {
        out_.push_back(fmt::format("{}:{}: {}: {}", file, line, column, message));
    }

private:
    std::vector<std::string>& out_;
};

// Remembers the first line each key was seen on, to name it in the duplicate's problem.
template <typename Key>
class FirstSeen {
public:
    // 0 when the key is new, else the line it was first seen on.
    size_t seen(const Key& key, size_t line) {
        auto [it, fresh] = lines_.try_emplace(key, line);
        return fresh ? 0 : it->second;
    }

private:
    std::map<Key, size_t> lines_;
};

// The checks of validate_catalog, one method per file; each problem names file, line and column.
class CatalogValidator {
public:
    CatalogValidator(const Catalog& c, const AsnTable* asn, const OuiRegistry* oui, std::vector<std::string>& out)
        : c_(c), asn_(asn), oui_(oui), sink_(out) {}

    void run() {
        index_lookalikes();
        vendors();
        domains();
        asn_operators();
        oui_vendors();
        resolvers();
        model_origins();
        vendor_names();
        package_namespaces();
        designation_lists();
        designations();
        ownership_changes();
        lookalikes();
    }

private:
    // Every file: where the fact comes from and how sure it is.
    void provenance(std::string_view file, size_t line, std::string_view source, std::string_view confidence) {
        if (source.find_first_not_of(" \t") == std::string::npos) sink_.add(file, line, "source", "empty");
        if (confidence.empty())
            sink_.add(file, line, "confidence", "empty (high, medium or low)");
        else if (!kConfidence.count(confidence))
            sink_.add(file, line, "confidence", fmt::format("{:?} is not high, medium or low", confidence));
    }
    void country(std::string_view file, size_t line, std::string_view column, const std::string& value) {
        if (!is_country(value)) sink_.add(file, line, column, fmt::format("{:?} is not an ISO 3166-1 alpha-2 code", value));
    }
    void not_empty(std::string_view file, size_t line, std::string_view column, std::string_view value) {
        if (value.empty()) sink_.add(file, line, column, "empty");
    }
    void categories(std::string_view file, size_t line, const std::vector<std::string>& cats) {
        for (const auto& cat : cats)
            if (!category_kind(cat)) sink_.add(file, line, "categories", fmt::format("unknown category {:?}", cat));
    }
    const Vendor* vendor_ref(std::string_view file, size_t line, std::string_view id) {
        const Vendor* v = c_.vendor(id);
        if (!v) sink_.add(file, line, "vendor_id", fmt::format("{:?} is not defined in {}", id, CatalogFiles::vendors));
        return v;
    }
    size_t line(CatalogTable t, size_t i) const { return c_.line_of(t, i); }

    // Look-alikes indexed by kind (lookalikes()), so every other check can ask "is this row one?".
    void index_lookalikes() {
        for (const LookAlike& l : c_.lookalikes()) {
            if (l.kind == "ieee_org_name") lookalike_orgs_.emplace(fold_org_name(l.name), &l);
            else if (l.kind == "domain") lookalike_domains_.emplace(normalise_dns_name(l.name), &l);
            else if (l.kind == "brand") lookalike_brands_.emplace(model_pattern_key(l.name), &l);
            else if (l.kind == "asn") {
                uint32_t asn = 0;
                const std::string digits = l.name.rfind("AS", 0) == 0 ? l.name.substr(2) : l.name;
                auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), asn);
                if (ec == std::errc() && p == digits.data() + digits.size()) lookalike_asns_.emplace(asn, &l);
            }
        }
    }
    // A row mapping a look-alike name to the vendor it only looks like.
    template <typename Map, typename Key>
    const LookAlike* taken_for(const Map& m, const Key& key, std::string_view vendor_id) const {
        auto it = m.find(key);
        return it != m.end() && it->second->looks_like == vendor_id ? it->second : nullptr;
    }

    void lookalikes() {
        const auto f = CatalogFiles::lookalikes;
        FirstSeen<std::pair<std::string, std::string>> seen;
        for (size_t i = 0; i < c_.lookalikes().size(); ++i) {
            const LookAlike& l = c_.lookalikes()[i];
            const size_t ln = line(CatalogTable::lookalikes, i);
            provenance(f, ln, l.source, l.confidence);
            not_empty(f, ln, "name", l.name);
            not_empty(f, ln, "why", l.why);
            if (l.kind != "ieee_org_name" && l.kind != "asn" && l.kind != "domain" && l.kind != "brand")
                sink_.add(f, ln, "kind", fmt::format("{:?} is not ieee_org_name, asn, domain or brand", l.kind));
            vendor_ref(f, ln, l.looks_like);
            if (size_t first = seen.seen({l.kind, l.name}, ln))
                sink_.add(f, ln, "name", fmt::format("duplicate {} {:?} (first on line {})", l.kind, l.name, first));
        }
    }

    void vendors() {
        const auto f = CatalogFiles::vendors;
        FirstSeen<std::string> ids;
        for (size_t i = 0; i < c_.vendors().size(); ++i) {
            const Vendor& v = c_.vendors()[i];
            const size_t l = line(CatalogTable::vendors, i);
            provenance(f, l, v.source, v.confidence);
            if (!is_slug(v.id)) sink_.add(f, l, "vendor_id", fmt::format("{:?} is not a lower-case slug", v.id));
            if (size_t first = ids.seen(v.id, l))
                sink_.add(f, l, "vendor_id", fmt::format("duplicate {:?} (first on line {})", v.id, first));
            not_empty(f, l, "name", v.name);
            not_empty(f, l, "control_basis", v.control_basis);
            country(f, l, "hq_country", v.hq_country);
            country(f, l, "control_country", v.control_country);
            if (!kPrcLinked.count(v.prc_linked))
                sink_.add(f, l, "prc_linked", fmt::format("{:?} is not yes, partial or no", v.prc_linked));
            else if (v.prc_linked == "yes" && !kPrcJurisdictions.count(v.control_country))
                sink_.add(f, l, "control_country",
                          fmt::format("{:?}: a prc_linked=yes vendor is controlled from CN, HK or MO", v.control_country));
            if (v.categories.empty()) sink_.add(f, l, "categories", "empty");
            categories(f, l, v.categories);
            // A parent is an id or free text naming the owner; one that looks like an id must exist.
            if (is_slug(v.parent) && !c_.vendor(v.parent))
                sink_.add(f, l, "parent", fmt::format("{:?} looks like a vendor_id but is not defined", v.parent));
        }
    }

    void domains() {
        FirstSeen<std::string> seen;  // over both files: a name has one owner
        for (size_t i = 0; i < c_.domains().size(); ++i) {
            const DomainEntry& d = c_.domains()[i];
            const CatalogRowOrigin origin = c_.domain_origin(i);
            const std::string_view f = catalog_file(origin.table);
            const size_t l = origin.line;
            provenance(f, l, d.source, d.confidence);
            if (!is_catalog_domain(d.domain)) sink_.add(f, l, "domain", fmt::format("malformed domain {:?}", d.domain));
            // Compared as matched: "bücher.example" and "xn--bcher-kva.example" are the same entry.
            if (size_t first = seen.seen(normalise_dns_name(d.domain), l))
                sink_.add(f, l, "domain", fmt::format("duplicate {:?} (first on line {}{})", d.domain, first,
                                                      origin.table == CatalogTable::vendor_domains ||
                                                              first_file_.count(normalise_dns_name(d.domain)) == 0
                                                          ? ""
                                                          : fmt::format(" of {}", CatalogFiles::vendor_domains)));
            first_file_.try_emplace(normalise_dns_name(d.domain), origin.table);
            if (!kMatch.count(d.match)) sink_.add(f, l, "match", fmt::format("{:?} is not suffix or exact", d.match));
            not_empty(f, l, "purpose", d.purpose);
            categories(f, l, split_field_list(d.categories));
            const Vendor* v = vendor_ref(f, l, d.vendor_id);
            if (const LookAlike* la = taken_for(lookalike_domains_, normalise_dns_name(d.domain), d.vendor_id))
                sink_.add(f, l, "domain", fmt::format("{:?} is a known look-alike of {}: {}", d.domain, d.vendor_id, la->why));
            if (origin.table != CatalogTable::vendor_domains_imported) continue;
            // An imported row says which list, at which commit, under which licence.
            not_empty(f, l, "list", d.list);
            if (!is_commit(d.list_commit))
                sink_.add(f, l, "list_commit", fmt::format("{:?} is not a 40-digit git commit", d.list_commit));
            not_empty(f, l, "licence", d.licence);
            // A routing list says where a name is served from, not who owns it: never the evidence
            // that makes a name a PRC-linked vendor's (issue 14; tools/import_domain_lists.py).
            if (d.evidence == DomainEvidence::routing_list && v && v->prc_linked == "yes")
                sink_.add(f, l, "evidence",
                          fmt::format("a routing list cannot make {:?} a domain of {}, a prc_linked=yes vendor", d.domain,
                                      v->id));
        }
    }

    void asn_operators() {
        const auto f = CatalogFiles::asn_operators;
        FirstSeen<uint32_t> seen;
        for (size_t i = 0; i < c_.asn_operators().size(); ++i) {
            const AsnOperator& a = c_.asn_operators()[i];
            const size_t l = line(CatalogTable::asn_operators, i);
            provenance(f, l, a.source, a.confidence);
            if (size_t first = seen.seen(a.asn, l))
                sink_.add(f, l, "asn", fmt::format("duplicate AS{} (first on line {})", a.asn, first));
            // A look-alike network is never catalogued as operated from the PRC.
            if (auto it = lookalike_asns_.find(a.asn);
                it != lookalike_asns_.end() && kPrcJurisdictions.count(a.control_country))
                sink_.add(f, l, "asn", fmt::format("AS{} is a known look-alike of {}, not PRC-controlled: {}", a.asn,
                                                   it->second->looks_like, it->second->why));
            if (!kAsnKinds.count(a.kind))
                sink_.add(f, l, "kind", fmt::format("{:?} is not telecom, cloud, cdn or enterprise", a.kind));
            country(f, l, "control_country", a.control_country);
            not_empty(f, l, "operator", a.operator_name);
            if (asn_ && !asn_->asn_org(a.asn))
                sink_.add(f, l, "asn", fmt::format("AS{} is not in the installed ASN data", a.asn));
        }
    }

    void oui_vendors() {
        const auto f = CatalogFiles::oui_vendors;
        std::unordered_map<std::string, std::array<uint32_t, 3>> registry_counts;
        if (oui_) registry_counts = oui_->assignment_counts();
        FirstSeen<std::pair<std::string, std::string>> rows;
        std::map<std::string, std::pair<std::string, size_t>> owner;  // folded name -> vendor, line
        for (size_t i = 0; i < c_.oui_vendors().size(); ++i) {
            const OuiVendorEntry& o = c_.oui_vendors()[i];
            const size_t l = line(CatalogTable::oui_vendors, i);
            provenance(f, l, o.source, o.confidence);
            vendor_ref(f, l, o.vendor_id);
            // Names are matched case- and space-folded, so rows are keys in that form.
            const std::string folded = fold_org_name(o.ieee_org_name);
            if (size_t first = rows.seen({folded, o.registry}, l))
                sink_.add(f, l, "ieee_org_name",
                          fmt::format("duplicate {:?} ({}) (first on line {})", o.ieee_org_name, o.registry, first));
            if (auto [it, fresh] = owner.try_emplace(folded, o.vendor_id, l); !fresh && it->second.first != o.vendor_id)
                sink_.add(f, l, "ieee_org_name",
                          fmt::format("{:?} is mapped to both {} (line {}) and {}", o.ieee_org_name, it->second.first,
                                      it->second.second, o.vendor_id));
            if (const LookAlike* la = taken_for(lookalike_orgs_, folded, o.vendor_id))
                sink_.add(f, l, "ieee_org_name", fmt::format("{:?} is a known look-alike of {}: {}", o.ieee_org_name,
                                                             o.vendor_id, la->why));
            if (o.assignment_count == 0) sink_.add(f, l, "assignment_count", "0");
            auto reg = std::find(kOuiRegistryNames.begin(), kOuiRegistryNames.end(), o.registry);
            if (reg == kOuiRegistryNames.end()) {
                sink_.add(f, l, "registry", fmt::format("{:?} is not MA-L, MA-M or MA-S", o.registry));
            } else if (oui_) {
                auto it = registry_counts.find(folded);
                uint32_t n = it == registry_counts.end() ? 0 : it->second[reg - kOuiRegistryNames.begin()];
                if (n == 0)
                    sink_.add(f, l, "ieee_org_name",
                              fmt::format("{:?} has no {} assignment in the installed IEEE registry", o.ieee_org_name,
                                          o.registry));
            }
        }
    }

    void resolvers() {
        const auto f = CatalogFiles::public_resolvers;
        FirstSeen<IpAddress> seen;
        for (size_t i = 0; i < c_.public_resolvers().size(); ++i) {
            const PublicResolver& r = c_.public_resolvers()[i];
            const size_t l = line(CatalogTable::public_resolvers, i);
            const std::string addr = r.address.to_string();
            provenance(f, l, r.source, r.confidence);
            if (size_t first = seen.seen(r.address, l))
                sink_.add(f, l, "address", fmt::format("duplicate {} (first on line {})", addr, first));
            if (r.address.is_private_or_local()) sink_.add(f, l, "address", fmt::format("{} is not a public address", addr));
            not_empty(f, l, "operator", r.operator_name);
            country(f, l, "jurisdiction", r.jurisdiction);
            if (!r.vendor_id.empty()) vendor_ref(f, l, r.vendor_id);
        }
    }

    void model_origins() {
        const auto f = CatalogFiles::model_origins;
        FirstSeen<std::pair<ModelField, std::string>> seen;
        for (size_t i = 0; i < c_.model_origins().size(); ++i) {
            const ModelOriginRule& m = c_.model_origins()[i];
            const size_t l = line(CatalogTable::model_origins, i);
            provenance(f, l, m.source, m.confidence);
            vendor_ref(f, l, m.vendor_id);
            not_empty(f, l, "family", m.family);
            // Special tokens are compared whole; every other pattern by its words (model_origin.h).
            const std::string key = m.field == ModelField::special_token ? m.pattern : c_.model_origin_key(i);
            if (key.empty())
                sink_.add(f, l, "pattern",
                          m.pattern.empty() ? std::string("empty")
                                            : fmt::format("{:?} has no letter or digit to match", m.pattern));
            else if (m.field != ModelField::special_token && key.size() < 2)
                sink_.add(f, l, "pattern", fmt::format("{:?} is shorter than two characters", m.pattern));
            else if (size_t first = seen.seen({m.field, key}, l))
                sink_.add(f, l, "pattern",
                          fmt::format("duplicate {} pattern {:?} (first on line {})", model_field_label(m.field),
                                      m.pattern, first));
        }
    }

    void vendor_names() {
        const auto f = CatalogFiles::vendor_names;
        FirstSeen<std::string> seen;
        for (size_t i = 0; i < c_.vendor_names().size(); ++i) {
            const VendorNameEntry& n = c_.vendor_names()[i];
            const size_t l = line(CatalogTable::vendor_names, i);
            provenance(f, l, n.source, n.confidence);
            vendor_ref(f, l, n.vendor_id);
            const std::string key = model_pattern_key(n.name);
            if (const LookAlike* la = taken_for(lookalike_brands_, key, n.vendor_id))
                sink_.add(f, l, "name", fmt::format("{:?} is a known look-alike of {}: {}", n.name, n.vendor_id, la->why));
            if (key.size() < 2)
                sink_.add(f, l, "name", fmt::format("{:?} has fewer than two letters or digits to match", n.name));
            else if (size_t first = seen.seen(key, l))
                sink_.add(f, l, "name", fmt::format("duplicate name {:?} (first on line {})", n.name, first));
        }
    }

    void package_namespaces() {
        const auto f = CatalogFiles::package_namespaces;
        FirstSeen<std::string> seen;
        for (size_t i = 0; i < c_.package_namespaces().size(); ++i) {
            const PackageNamespaceEntry& p = c_.package_namespaces()[i];
            const size_t l = line(CatalogTable::package_namespaces, i);
            provenance(f, l, p.source, p.confidence);
            vendor_ref(f, l, p.vendor_id);
            const size_t slash = p.namespace_.find('/');
            if (slash == std::string::npos || slash == 0 || slash + 1 == p.namespace_.size())
                sink_.add(f, l, "namespace", fmt::format("{:?} is not TYPE/NAMESPACE (e.g. maven/com.alibaba)", p.namespace_));
            else if (size_t first = seen.seen(p.namespace_, l))
                sink_.add(f, l, "namespace", fmt::format("duplicate {:?} (first on line {})", p.namespace_, first));
            if (p.match != "exact" && p.match != "subtree" && p.match != "prefix")
                sink_.add(f, l, "match", fmt::format("{:?} is not exact, subtree or prefix", p.match));
        }
    }

    void designation_lists() {
        const auto f = CatalogFiles::designation_lists;
        FirstSeen<std::string> seen;
        for (size_t i = 0; i < c_.designation_lists().size(); ++i) {
            const DesignationList& d = c_.designation_lists()[i];
            const size_t l = line(CatalogTable::designation_lists, i);
            provenance(f, l, d.source, d.confidence);
            if (!is_slug(d.id)) sink_.add(f, l, "list_id", fmt::format("{:?} is not a lower-case slug", d.id));
            else if (size_t first = seen.seen(d.id, l))
                sink_.add(f, l, "list_id", fmt::format("duplicate {:?} (first on line {})", d.id, first));
            not_empty(f, l, "name", d.name);
            not_empty(f, l, "issuer", d.issuer);
            not_empty(f, l, "citation", d.citation);
            not_empty(f, l, "url", d.url);
            country(f, l, "country", d.country);
            if (!kDesignationKinds.count(d.kind))
                sink_.add(f, l, "kind", fmt::format("{:?} is not warning, ban, procurement_restriction, sanctions_list, "
                                                    "military_end_user_list or advisory",
                                                    d.kind));
            date(f, l, "issued", d.issued);
            for (const std::string& j : d.applies_to_jurisdictions) country(f, l, "applies_to_jurisdictions", j);
        }
    }

    void designations() {
        const auto f = CatalogFiles::designations;
        FirstSeen<std::pair<std::string, std::string>> seen;
        for (size_t i = 0; i < c_.designations().size(); ++i) {
            const Designation& d = c_.designations()[i];
            const size_t l = line(CatalogTable::designations, i);
            provenance(f, l, d.source, d.confidence);
            const DesignationList* list = c_.designation_list(d.list_id);
            if (!list)
                sink_.add(f, l, "list_id", fmt::format("{:?} is not defined in {}", d.list_id, CatalogFiles::designation_lists));
            else if (!list->applies_to_jurisdictions.empty())
                sink_.add(f, l, "list_id", fmt::format("{} applies to jurisdictions, not to listed entities", d.list_id));
            if (!d.vendor_id.empty()) vendor_ref(f, l, d.vendor_id);
            not_empty(f, l, "listed_name", d.listed_name);
            if (size_t first = seen.seen({d.list_id, d.listed_name}, l))
                sink_.add(f, l, "listed_name", fmt::format("duplicate {:?} on {} (first on line {})", d.listed_name,
                                                           d.list_id, first));
            date(f, l, "listed_on", d.listed_on);
            if (!d.removed_on.empty()) {
                date(f, l, "removed_on", d.removed_on);
                if (d.removed_on < d.listed_on)
                    sink_.add(f, l, "removed_on", fmt::format("{} is before listed_on {}", d.removed_on, d.listed_on));
            }
        }
    }

    void ownership_changes() {
        const auto f = CatalogFiles::ownership_changes;
        for (size_t i = 0; i < c_.ownership_changes().size(); ++i) {
            const OwnershipChange& o = c_.ownership_changes()[i];
            const size_t l = line(CatalogTable::ownership_changes, i);
            provenance(f, l, o.source, o.confidence);
            vendor_ref(f, l, o.vendor_id);
            date(f, l, "date", o.date);
            not_empty(f, l, "event", o.event);
            not_empty(f, l, "to_owner", o.to_owner);
            not_empty(f, l, "effect", o.effect);
            if (!o.from_country.empty()) country(f, l, "from_country", o.from_country);
            country(f, l, "to_country", o.to_country);
        }
    }

    void date(std::string_view file, size_t line, std::string_view column, const std::string& value) {
        if (!is_catalog_date(value))
            sink_.add(file, line, column, fmt::format("{:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", value));
    }

    const Catalog& c_;
    const AsnTable* asn_;
    const OuiRegistry* oui_;
    ProblemSink sink_;
    std::map<std::string, CatalogTable> first_file_;
    std::unordered_map<std::string, const LookAlike*> lookalike_orgs_, lookalike_domains_, lookalike_brands_;
    std::unordered_map<uint32_t, const LookAlike*> lookalike_asns_;  // folded domain -> the file it was first in
};

}  // namespace

std::vector<std::string> validate_catalog(const Catalog& c, const AsnTable* asn, const OuiRegistry* oui) {
    std::vector<std::string> problems;
    CatalogValidator(c, asn, oui, problems).run();
    return problems;
}

}  // namespace sovscan
