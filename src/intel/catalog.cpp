#include "intel/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "intel/asn_table.h"
#include "intel/oui_registry.h"

namespace sovscan {
namespace {

struct Columns {
    std::string_view file;
    std::vector<std::string_view> required;
};

const Columns kVendorCols{CatalogFiles::vendors,
                          {"vendor_id", "name", "parent", "hq_country", "control_country", "categories", "prc_linked",
                           "confidence", "notes", "source"}};
const Columns kDomainCols{CatalogFiles::vendor_domains,
                          {"domain", "vendor_id", "purpose", "categories", "match", "confidence", "notes", "source"}};
const Columns kAsnCols{CatalogFiles::asn_operators,
                       {"asn", "as_org", "operator", "control_country", "kind", "confidence", "notes", "source"}};
const Columns kOuiCols{CatalogFiles::oui_vendors,
                       {"vendor_id", "ieee_org_name", "registry", "assignment_count", "confidence", "notes", "source"}};
const Columns kResolverCols{CatalogFiles::public_resolvers,
                            {"address", "operator", "service", "jurisdiction", "vendor_id", "confidence", "notes",
                             "source"}};

bool has_columns(const CsvTable& t, const Columns& c, std::vector<std::string>& problems) {
    if (t.header().empty()) return false;  // unreadable: already reported by whoever read it
    bool ok = true;
    for (auto name : c.required)
        if (t.column(name) < 0) {
            problems.push_back(fmt::format("{}: missing column {}", c.file, name));
            ok = false;
        }
    return ok;
}

std::vector<std::string> split_semicolons(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        size_t p = s.find(';');
        std::string_view item = s.substr(0, p);
        if (!item.empty()) out.emplace_back(item);
        if (p == std::string_view::npos) break;
        s.remove_prefix(p + 1);
    }
    return out;
}

template <typename T>
bool parse_uint(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// ---- validation vocabularies (mirroring shared/reference/tools/validate.py) ----

const std::set<std::string_view> kCategories = {"smartphone", "ip_camera", "ev", "pv_inverter", "llm_ai",
                                                "medical", "network_equipment", "iot_module", "drone", "router",
                                                "consumer_iot", "cloud", "other"};
const std::set<std::string_view> kConfidence = {"high", "medium", "low"};
const std::set<std::string_view> kPrcLinked = {"yes", "partial", "no"};
const std::set<std::string_view> kAsnKinds = {"telecom", "cloud", "cdn", "enterprise"};
const std::set<std::string_view> kRegistries = {"MA-L", "MA-M", "MA-S"};
const std::set<std::string_view> kMatch = {"suffix", "exact"};

// IEEE names and ASNs that look like a PRC vendor's but are not (see shared/reference/README.md).
const std::set<std::string_view> kLookAlikeOrgs = {
    "Vivo International Corporation Pty Ltd", "Minimax GmbH & Co KG", "SAIC IDEAS GROUP", "ANKER-EAST",
    "CONTEC CO., LTD.", "Contec GmbH", "Contec Americas Inc.", "Polestar Corp.", "TCL INCORPORATED",
    "Shanghai Dahua Scale Factory", "byd:sign Corporation", "BYDA Co. Ltd.,", "Beijing Autelan Technology Co.,Ltd",
    "Autelis, LLC", "Vivotek, Inc.", "Vuzix / Lenovo", "Grandeye Ltd",
    "HONGKONG UCLOUDLINK NETWORK TECHNOLOGY LIMITED"};
const std::set<uint32_t> kLookAlikeAsns = {18976, 48877, 205620, 133878, 34947, 211914, 11983};

bool is_country(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool is_slug(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

}  // namespace

std::unique_ptr<Catalog> Catalog::load(const std::string& dir, std::vector<std::string>& problems) {
    CatalogTables t;
    auto read = [&](std::string_view name, CsvTable& table) {
        std::string error;
        std::string path = fmt::format("{}/{}", dir, name);
        if (!CsvTable::read_file(path, table, error)) problems.push_back(fmt::format("{}: {}", path, error));
    };
    read(CatalogFiles::vendors, t.vendors);
    read(CatalogFiles::vendor_domains, t.vendor_domains);
    read(CatalogFiles::asn_operators, t.asn_operators);
    read(CatalogFiles::oui_vendors, t.oui_vendors);
    read(CatalogFiles::public_resolvers, t.public_resolvers);
    return from_tables(t, problems);
}

std::unique_ptr<Catalog> Catalog::from_tables(const CatalogTables& t, std::vector<std::string>& problems) {
    auto c = std::unique_ptr<Catalog>(new Catalog());
    if (has_columns(t.vendors, kVendorCols, problems))
        for (size_t r = 0; r < t.vendors.size(); ++r) {
            auto g = [&](std::string_view col) { return t.vendors.get(r, col); };
            Vendor v;
            v.id = g("vendor_id");
            v.name = g("name");
            v.parent = g("parent");
            v.hq_country = g("hq_country");
            v.control_country = g("control_country");
            v.categories = split_semicolons(g("categories"));
            v.prc_linked = g("prc_linked");
            v.source = g("source");
            v.confidence = g("confidence");
            v.notes = g("notes");
            c->vendors_.push_back(std::move(v));
        }
    if (has_columns(t.vendor_domains, kDomainCols, problems))
        for (size_t r = 0; r < t.vendor_domains.size(); ++r) {
            auto g = [&](std::string_view col) { return t.vendor_domains.get(r, col); };
            DomainEntry d;
            d.domain = g("domain");
            d.vendor_id = g("vendor_id");
            d.purpose = g("purpose");
            d.categories = g("categories");
            d.match = g("match");
            d.confidence = g("confidence");
            d.notes = g("notes");
            d.source = g("source");
            c->domains_.push_back(std::move(d));
        }
    if (has_columns(t.asn_operators, kAsnCols, problems))
        for (size_t r = 0; r < t.asn_operators.size(); ++r) {
            auto g = [&](std::string_view col) { return t.asn_operators.get(r, col); };
            AsnOperator a;
            if (!parse_uint(g("asn"), a.asn) || a.asn == 0) {
                problems.push_back(fmt::format("{}:{}: asn {:?} is not a number", CatalogFiles::asn_operators,
                                               t.asn_operators.line_of(r), g("asn")));
                continue;
            }
            a.as_org = g("as_org");
            a.operator_name = g("operator");
            a.control_country = g("control_country");
            a.kind = g("kind");
            a.confidence = g("confidence");
            a.notes = g("notes");
            a.source = g("source");
            c->asn_operators_.push_back(std::move(a));
        }
    if (has_columns(t.oui_vendors, kOuiCols, problems))
        for (size_t r = 0; r < t.oui_vendors.size(); ++r) {
            auto g = [&](std::string_view col) { return t.oui_vendors.get(r, col); };
            OuiVendorEntry o;
            o.vendor_id = g("vendor_id");
            o.ieee_org_name = g("ieee_org_name");
            o.registry = g("registry");
            if (!parse_uint(g("assignment_count"), o.assignment_count)) {
                problems.push_back(fmt::format("{}:{}: assignment_count {:?} is not a number",
                                               CatalogFiles::oui_vendors, t.oui_vendors.line_of(r),
                                               g("assignment_count")));
                continue;
            }
            o.confidence = g("confidence");
            o.notes = g("notes");
            o.source = g("source");
            c->oui_vendors_.push_back(std::move(o));
        }
    if (has_columns(t.public_resolvers, kResolverCols, problems))
        for (size_t r = 0; r < t.public_resolvers.size(); ++r) {
            auto g = [&](std::string_view col) { return t.public_resolvers.get(r, col); };
            auto ip = IpAddress::parse(g("address"));
            if (!ip) {
                problems.push_back(fmt::format("{}:{}: address {:?} is not an IP address",
                                               CatalogFiles::public_resolvers, t.public_resolvers.line_of(r),
                                               g("address")));
                continue;
            }
            PublicResolver p;
            p.address = *ip;
            p.operator_name = g("operator");
            p.service = g("service");
            p.jurisdiction = g("jurisdiction");
            p.vendor_id = g("vendor_id");
            p.confidence = g("confidence");
            p.notes = g("notes");
            p.source = g("source");
            c->resolvers_.push_back(std::move(p));
        }
    c->index();
    return c;
}

void Catalog::index() {
    // First row wins on duplicates; validate_catalog reports them.
    for (size_t i = 0; i < vendors_.size(); ++i) vendor_by_id_.try_emplace(vendors_[i].id, i);
    for (size_t i = 0; i < asn_operators_.size(); ++i) asn_by_number_.try_emplace(asn_operators_[i].asn, i);
    for (const auto& o : oui_vendors_)
        if (auto it = vendor_by_id_.find(o.vendor_id); it != vendor_by_id_.end())
            vendor_by_org_.try_emplace(fold_org_name(o.ieee_org_name), it->second);
    for (size_t i = 0; i < resolvers_.size(); ++i) resolver_by_ip_.try_emplace(resolvers_[i].address, i);
    for (size_t i = 0; i < domains_.size(); ++i)
        domain_matcher_.add(domains_[i].domain, static_cast<uint32_t>(i), domains_[i].match == "exact");
}

const Vendor* Catalog::vendor(std::string_view id) const {
    auto it = vendor_by_id_.find(std::string(id));
    return it == vendor_by_id_.end() ? nullptr : &vendors_[it->second];
}

const AsnOperator* Catalog::asn_operator(uint32_t asn) const {
    auto it = asn_by_number_.find(asn);
    return it == asn_by_number_.end() ? nullptr : &asn_operators_[it->second];
}

const Vendor* Catalog::vendor_for_org(std::string_view ieee_org_name) const {
    auto it = vendor_by_org_.find(fold_org_name(ieee_org_name));
    return it == vendor_by_org_.end() ? nullptr : &vendors_[it->second];
}

const PublicResolver* Catalog::public_resolver(const IpAddress& ip) const {
    auto it = resolver_by_ip_.find(ip);
    return it == resolver_by_ip_.end() ? nullptr : &resolvers_[it->second];
}

const DomainEntry* Catalog::domain(std::string_view name) const {
    auto i = domain_matcher_.match(name);
    return i ? &domains_[*i] : nullptr;
}

std::vector<std::string> validate_catalog(const Catalog& c, const AsnTable* asn, const OuiRegistry* oui) {
    std::vector<std::string> p;
    auto common = [&](std::string_view file, const std::string& key, const std::string& source,
                      const std::string& confidence) {
        if (source.find_first_not_of(" \t") == std::string::npos) p.push_back(fmt::format("{}: {}: empty source", file, key));
        if (!kConfidence.count(confidence))
            p.push_back(fmt::format("{}: {}: confidence {:?} not high/medium/low", file, key, confidence));
    };

    std::set<std::string> ids;
    for (const auto& v : c.vendors()) {
        auto f = CatalogFiles::vendors;
        common(f, v.id, v.source, v.confidence);
        if (!is_slug(v.id)) p.push_back(fmt::format("{}: vendor_id {:?} is not a lower-case slug", f, v.id));
        if (!ids.insert(v.id).second) p.push_back(fmt::format("{}: duplicate vendor_id {}", f, v.id));
        if (v.name.empty()) p.push_back(fmt::format("{}: {}: empty name", f, v.id));
        if (!is_country(v.hq_country)) p.push_back(fmt::format("{}: {}: hq_country {:?} is no ISO code", f, v.id, v.hq_country));
        if (!is_country(v.control_country))
            p.push_back(fmt::format("{}: {}: control_country {:?} is no ISO code", f, v.id, v.control_country));
        if (!kPrcLinked.count(v.prc_linked)) p.push_back(fmt::format("{}: {}: prc_linked {:?} not yes/partial/no", f, v.id, v.prc_linked));
        if (v.categories.empty()) p.push_back(fmt::format("{}: {}: no categories", f, v.id));
        for (const auto& cat : v.categories)
            if (!kCategories.count(cat)) p.push_back(fmt::format("{}: {}: unknown category {:?}", f, v.id, cat));
    }
    for (const auto& v : c.vendors())
        if (is_slug(v.parent) && !c.vendor(v.parent))
            p.push_back(fmt::format("{}: {}: parent {:?} looks like a vendor_id but is not defined", CatalogFiles::vendors,
                                    v.id, v.parent));

    auto vendor_ref = [&](std::string_view file, const std::string& key, const std::string& id) -> const Vendor* {
        const Vendor* v = c.vendor(id);
        if (!v) p.push_back(fmt::format("{}: {}: unknown vendor_id {:?}", file, key, id));
        return v;
    };

    std::set<std::string> domains;
    for (const auto& d : c.domains()) {
        auto f = CatalogFiles::vendor_domains;
        common(f, d.domain, d.source, d.confidence);
        if (!is_well_formed_domain(d.domain)) p.push_back(fmt::format("{}: malformed domain {:?}", f, d.domain));
        if (!domains.insert(d.domain).second) p.push_back(fmt::format("{}: duplicate domain {}", f, d.domain));
        if (!kMatch.count(d.match)) p.push_back(fmt::format("{}: {}: match {:?} not suffix/exact", f, d.domain, d.match));
        if (d.purpose.empty()) p.push_back(fmt::format("{}: {}: empty purpose", f, d.domain));
        for (const auto& cat : split_semicolons(d.categories))
            if (!kCategories.count(cat)) p.push_back(fmt::format("{}: {}: unknown category {:?}", f, d.domain, cat));
        if (const Vendor* v = vendor_ref(f, d.domain, d.vendor_id); v && v->prc_linked == "no")
            p.push_back(fmt::format("{}: {}: counter-example vendor {} must not have domains", f, d.domain, v->id));
    }

    std::set<uint32_t> asns;
    for (const auto& a : c.asn_operators()) {
        auto f = CatalogFiles::asn_operators;
        std::string key = fmt::format("AS{}", a.asn);
        common(f, key, a.source, a.confidence);
        if (!asns.insert(a.asn).second) p.push_back(fmt::format("{}: duplicate {}", f, key));
        if (kLookAlikeAsns.count(a.asn)) p.push_back(fmt::format("{}: {} is a known look-alike, not PRC-controlled", f, key));
        if (!kAsnKinds.count(a.kind)) p.push_back(fmt::format("{}: {}: kind {:?} not telecom/cloud/cdn/enterprise", f, key, a.kind));
        if (!is_country(a.control_country))
            p.push_back(fmt::format("{}: {}: control_country {:?} is no ISO code", f, key, a.control_country));
        if (a.operator_name.empty()) p.push_back(fmt::format("{}: {}: empty operator", f, key));
        if (asn && !asn->asn_org(a.asn)) p.push_back(fmt::format("{}: {} is not in the installed ASN data", f, key));
    }

    std::unordered_map<std::string, std::array<uint32_t, 3>> registry_counts;
    if (oui) registry_counts = oui->assignment_counts();
    std::unordered_map<std::string, std::string> org_owner;
    std::set<std::pair<std::string, std::string>> org_rows;
    for (const auto& o : c.oui_vendors()) {
        auto f = CatalogFiles::oui_vendors;
        std::string key = fmt::format("{:?} ({})", o.ieee_org_name, o.registry);
        common(f, key, o.source, o.confidence);
        const Vendor* v = vendor_ref(f, key, o.vendor_id);
        std::string folded = fold_org_name(o.ieee_org_name);
        if (!org_rows.emplace(folded, o.registry).second) p.push_back(fmt::format("{}: duplicate row {}", f, key));
        if (auto [it, fresh] = org_owner.try_emplace(folded, o.vendor_id); !fresh && it->second != o.vendor_id)
            p.push_back(fmt::format("{}: {} is mapped to both {} and {}", f, key, it->second, o.vendor_id));
        if (kLookAlikeOrgs.count(o.ieee_org_name)) p.push_back(fmt::format("{}: {} is a known look-alike", f, key));
        if (o.assignment_count == 0) p.push_back(fmt::format("{}: {}: assignment_count 0", f, key));
        auto reg = std::find(kOuiRegistryNames.begin(), kOuiRegistryNames.end(), o.registry);
        if (reg == kOuiRegistryNames.end()) {
            p.push_back(fmt::format("{}: {}: registry not MA-L/MA-M/MA-S", f, key));
        } else if (oui) {
            auto it = registry_counts.find(folded);
            uint32_t n = it == registry_counts.end() ? 0 : it->second[reg - kOuiRegistryNames.begin()];
            if (n == 0) p.push_back(fmt::format("{}: {} has no assignment in the installed IEEE registry", f, key));
        }
        (void)v;
    }

    std::set<IpAddress> addrs;
    for (const auto& r : c.public_resolvers()) {
        auto f = CatalogFiles::public_resolvers;
        std::string key = r.address.to_string();
        common(f, key, r.source, r.confidence);
        if (!addrs.insert(r.address).second) p.push_back(fmt::format("{}: duplicate address {}", f, key));
        if (r.operator_name.empty()) p.push_back(fmt::format("{}: {}: empty operator", f, key));
        if (!is_country(r.jurisdiction)) p.push_back(fmt::format("{}: {}: jurisdiction {:?} is no ISO code", f, key, r.jurisdiction));
        if (r.address.is_private_or_local()) p.push_back(fmt::format("{}: {}: not a public address", f, key));
        if (!r.vendor_id.empty()) vendor_ref(f, key, r.vendor_id);
    }
    return p;
}

}  // namespace sovscan
