#include "intel/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
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
const Columns kModelOriginCols{CatalogFiles::model_origins,
                               {"field", "pattern", "vendor_id", "family", "confidence", "notes", "source"}};

const Columns kVendorNameCols{CatalogFiles::vendor_names, {"vendor_id", "name", "confidence", "notes", "source"}};
const Columns kPackageNamespaceCols{CatalogFiles::package_namespaces,
                                   {"namespace", "vendor_id", "match", "confidence", "notes", "source"}};

bool has_columns(const CsvTable& t, const Columns& c, std::vector<std::string>& problems) {
    if (t.header().empty()) return false;  // unreadable: already reported by whoever read it
    bool ok = true;
    for (auto name : c.required)
        if (t.column(name) < 0) {
            problems.push_back(fmt::format("{}:1: {}: missing column", c.file, name));
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

// smart_meter is the project's addition to the reference vocabulary: the warning names smart meters.
const std::set<std::string_view> kCategories = {"smartphone", "ip_camera", "ev", "pv_inverter", "llm_ai",
                                                "medical", "network_equipment", "iot_module", "drone", "router",
                                                "consumer_iot", "cloud", "smart_meter", "other"};
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
    read(CatalogFiles::model_origins, t.model_origins);
    read(CatalogFiles::vendor_names, t.vendor_names);
    read(CatalogFiles::package_namespaces, t.package_namespaces);
    return from_tables(t, problems);
}

std::unique_ptr<Catalog> Catalog::from_tables(const CatalogTables& t, std::vector<std::string>& problems) {
    auto c = std::unique_ptr<Catalog>(new Catalog());
    ProblemSink sink(problems);
    auto lines = [&](CatalogTable table) -> std::vector<size_t>& { return c->lines_[static_cast<size_t>(table)]; };
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
            lines(CatalogTable::vendors).push_back(t.vendors.line_of(r));
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
            lines(CatalogTable::vendor_domains).push_back(t.vendor_domains.line_of(r));
        }
    if (has_columns(t.asn_operators, kAsnCols, problems))
        for (size_t r = 0; r < t.asn_operators.size(); ++r) {
            auto g = [&](std::string_view col) { return t.asn_operators.get(r, col); };
            AsnOperator a;
            if (!parse_uint(g("asn"), a.asn) || a.asn == 0) {
                sink.add(CatalogFiles::asn_operators, t.asn_operators.line_of(r), "asn",
                         fmt::format("{:?} is not an AS number", g("asn")));
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
            lines(CatalogTable::asn_operators).push_back(t.asn_operators.line_of(r));
        }
    if (has_columns(t.oui_vendors, kOuiCols, problems))
        for (size_t r = 0; r < t.oui_vendors.size(); ++r) {
            auto g = [&](std::string_view col) { return t.oui_vendors.get(r, col); };
            OuiVendorEntry o;
            o.vendor_id = g("vendor_id");
            o.ieee_org_name = g("ieee_org_name");
            o.registry = g("registry");
            if (!parse_uint(g("assignment_count"), o.assignment_count)) {
                sink.add(CatalogFiles::oui_vendors, t.oui_vendors.line_of(r), "assignment_count",
                         fmt::format("{:?} is not a number", g("assignment_count")));
                continue;
            }
            o.confidence = g("confidence");
            o.notes = g("notes");
            o.source = g("source");
            c->oui_vendors_.push_back(std::move(o));
            lines(CatalogTable::oui_vendors).push_back(t.oui_vendors.line_of(r));
        }
    if (has_columns(t.public_resolvers, kResolverCols, problems))
        for (size_t r = 0; r < t.public_resolvers.size(); ++r) {
            auto g = [&](std::string_view col) { return t.public_resolvers.get(r, col); };
            auto ip = IpAddress::parse(g("address"));
            if (!ip) {
                // A resolver is one address; a network (CIDR) or a name is not accepted either.
                sink.add(CatalogFiles::public_resolvers, t.public_resolvers.line_of(r), "address",
                         fmt::format("{:?} is not an IP address", g("address")));
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
            lines(CatalogTable::public_resolvers).push_back(t.public_resolvers.line_of(r));
        }
    if (has_columns(t.model_origins, kModelOriginCols, problems))
        for (size_t r = 0; r < t.model_origins.size(); ++r) {
            auto g = [&](std::string_view col) { return t.model_origins.get(r, col); };
            auto field = parse_model_field(g("field"));
            if (!field) {
                sink.add(CatalogFiles::model_origins, t.model_origins.line_of(r), "field",
                         fmt::format("{:?} is not organization, name, architecture, tokenizer or special_token",
                                     g("field")));
                continue;
            }
            ModelOriginRule m;
            m.field = *field;
            m.pattern = g("pattern");
            m.vendor_id = g("vendor_id");
            m.family = g("family");
            m.confidence = g("confidence");
            m.notes = g("notes");
            m.source = g("source");
            c->model_origins_.push_back(std::move(m));
            lines(CatalogTable::model_origins).push_back(t.model_origins.line_of(r));
        }
    if (has_columns(t.vendor_names, kVendorNameCols, problems))
        for (size_t r = 0; r < t.vendor_names.size(); ++r) {
            auto g = [&](std::string_view col) { return t.vendor_names.get(r, col); };
            c->vendor_names_.push_back(
                VendorNameEntry{g("vendor_id"), g("name"), g("confidence"), g("notes"), g("source")});
            lines(CatalogTable::vendor_names).push_back(t.vendor_names.line_of(r));
        }
    if (has_columns(t.package_namespaces, kPackageNamespaceCols, problems))
        for (size_t r = 0; r < t.package_namespaces.size(); ++r) {
            auto g = [&](std::string_view col) { return t.package_namespaces.get(r, col); };
            c->package_namespaces_.push_back(PackageNamespaceEntry{g("namespace"), g("vendor_id"), g("match"),
                                                                   g("confidence"), g("notes"), g("source")});
            lines(CatalogTable::package_namespaces).push_back(t.package_namespaces.line_of(r));
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
    for (const ModelOriginRule& m : model_origins_) model_origin_keys_.push_back(model_pattern_key(m.pattern));
    for (const VendorNameEntry& n : vendor_names_) vendor_name_keys_.push_back(model_pattern_key(n.name));
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

std::vector<VendorNameMatch> Catalog::vendors_named(std::string_view text) const {
    // A few hundred names against a short text: a linear pass is cheaper than any index here, and
    // inputs (CMDB rows, banners, SBOM suppliers) are counted in thousands, not millions.
    std::vector<std::pair<size_t, VendorNameMatch>> found;  // (name length, match)
    for (size_t i = 0; i < vendor_names_.size(); ++i) {
        const std::string& key = vendor_name_keys_[i];
        if (key.size() < 2 || !model_pattern_matches(key, text)) continue;
        found.emplace_back(key.size(), VendorNameMatch{&vendor_names_[i], vendor(vendor_names_[i].vendor_id)});
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<VendorNameMatch> out;
    for (auto& found_match : found) {
        const VendorNameMatch& m = found_match.second;  // (a structured binding: clang 14 cannot capture it)
        // A name inside a longer one that matched is the same words: "Alibaba Cloud" names
        // alibaba-cloud, not alibaba as well.
        const std::string& key = vendor_name_keys_[m.entry - vendor_names_.data()];
        bool covered = std::any_of(out.begin(), out.end(), [&](const VendorNameMatch& o) {
            return o.entry->vendor_id == m.entry->vendor_id ||
                   model_pattern_matches(key, vendor_name_keys_[o.entry - vendor_names_.data()]);
        });
        if (!covered) out.push_back(m);
    }
    return out;
}

namespace {
bool namespace_matches(const PackageNamespaceEntry& e, std::string_view ns) {
    if (ns.size() < e.namespace_.size() || ns.compare(0, e.namespace_.size(), e.namespace_) != 0) return false;
    if (ns.size() == e.namespace_.size()) return true;
    if (e.match == "prefix") return true;
    const char next = ns[e.namespace_.size()];
    return e.match == "subtree" && (next == '.' || next == '/');
}
}  // namespace

const PackageNamespaceEntry* Catalog::package_namespace(std::string_view ns) const {
    const PackageNamespaceEntry* best = nullptr;
    for (const PackageNamespaceEntry& e : package_namespaces_)
        if (namespace_matches(e, ns) && (!best || e.namespace_.size() > best->namespace_.size())) best = &e;
    return best;
}

namespace {

// The checks of validate_catalog, one method per file; each problem names file, line and column.
class CatalogValidator {
public:
    CatalogValidator(const Catalog& c, const AsnTable* asn, const OuiRegistry* oui, std::vector<std::string>& out)
        : c_(c), asn_(asn), oui_(oui), sink_(out) {}

    void run() {
        vendors();
        domains();
        asn_operators();
        oui_vendors();
        resolvers();
        model_origins();
        vendor_names();
        package_namespaces();
    }

private:
    // Every file: where the fact comes from and how sure it is.
    void provenance(std::string_view file, size_t line, const std::string& source, const std::string& confidence) {
        if (source.find_first_not_of(" \t") == std::string::npos) sink_.add(file, line, "source", "empty");
        if (confidence.empty())
            sink_.add(file, line, "confidence", "empty (high, medium or low)");
        else if (!kConfidence.count(confidence))
            sink_.add(file, line, "confidence", fmt::format("{:?} is not high, medium or low", confidence));
    }
    void country(std::string_view file, size_t line, std::string_view column, const std::string& value) {
        if (!is_country(value)) sink_.add(file, line, column, fmt::format("{:?} is not an ISO 3166-1 alpha-2 code", value));
    }
    void not_empty(std::string_view file, size_t line, std::string_view column, const std::string& value) {
        if (value.empty()) sink_.add(file, line, column, "empty");
    }
    void categories(std::string_view file, size_t line, const std::vector<std::string>& cats) {
        for (const auto& cat : cats)
            if (!kCategories.count(cat)) sink_.add(file, line, "categories", fmt::format("unknown category {:?}", cat));
    }
    const Vendor* vendor_ref(std::string_view file, size_t line, const std::string& id) {
        const Vendor* v = c_.vendor(id);
        if (!v) sink_.add(file, line, "vendor_id", fmt::format("{:?} is not defined in {}", id, CatalogFiles::vendors));
        return v;
    }
    size_t line(CatalogTable t, size_t i) const { return c_.line_of(t, i); }

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
            country(f, l, "hq_country", v.hq_country);
            country(f, l, "control_country", v.control_country);
            if (!kPrcLinked.count(v.prc_linked))
                sink_.add(f, l, "prc_linked", fmt::format("{:?} is not yes, partial or no", v.prc_linked));
            if (v.categories.empty()) sink_.add(f, l, "categories", "empty");
            categories(f, l, v.categories);
            // A parent is an id or free text naming the owner; one that looks like an id must exist.
            if (is_slug(v.parent) && !c_.vendor(v.parent))
                sink_.add(f, l, "parent", fmt::format("{:?} looks like a vendor_id but is not defined", v.parent));
        }
    }

    void domains() {
        const auto f = CatalogFiles::vendor_domains;
        FirstSeen<std::string> seen;
        for (size_t i = 0; i < c_.domains().size(); ++i) {
            const DomainEntry& d = c_.domains()[i];
            const size_t l = line(CatalogTable::vendor_domains, i);
            provenance(f, l, d.source, d.confidence);
            if (!is_catalog_domain(d.domain)) sink_.add(f, l, "domain", fmt::format("malformed domain {:?}", d.domain));
            // Compared as matched: "bücher.example" and "xn--bcher-kva.example" are the same entry.
            if (size_t first = seen.seen(normalise_dns_name(d.domain), l))
                sink_.add(f, l, "domain", fmt::format("duplicate {:?} (first on line {})", d.domain, first));
            if (!kMatch.count(d.match)) sink_.add(f, l, "match", fmt::format("{:?} is not suffix or exact", d.match));
            not_empty(f, l, "purpose", d.purpose);
            categories(f, l, split_semicolons(d.categories));
            vendor_ref(f, l, d.vendor_id);
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
            if (kLookAlikeAsns.count(a.asn))
                sink_.add(f, l, "asn", fmt::format("AS{} is a known look-alike, not PRC-controlled", a.asn));
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
            if (kLookAlikeOrgs.count(o.ieee_org_name))
                sink_.add(f, l, "ieee_org_name", fmt::format("{:?} is a known look-alike", o.ieee_org_name));
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

    const Catalog& c_;
    const AsnTable* asn_;
    const OuiRegistry* oui_;
    ProblemSink sink_;
};

}  // namespace

std::vector<std::string> validate_catalog(const Catalog& c, const AsnTable* asn, const OuiRegistry* oui) {
    std::vector<std::string> problems;
    CatalogValidator(c, asn, oui, problems).run();
    return problems;
}

std::vector<std::string> check_catalog_dir(const std::string& dir, const AsnTable* asn, const OuiRegistry* oui) {
    std::vector<std::string> problems;
    auto catalog = Catalog::load(dir, problems);
    auto found = validate_catalog(*catalog, asn, oui);
    problems.insert(problems.end(), found.begin(), found.end());
    return problems;
}

}  // namespace sovscan
