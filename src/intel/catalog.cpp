// Loading the catalog's CSV files (one converter per file, one loop for all) and answering from it.
// The checks of its content are in catalog_validator.cpp.
#include "intel/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "intel/oui_registry.h"

namespace sovscan {

std::string_view domain_evidence_label(DomainEvidence e) {
    switch (e) {
        case DomainEvidence::curated: return "curated";
        case DomainEvidence::company_list: return "company_list";
        case DomainEvidence::routing_list: return "routing_list";
    }
    return "curated";
}

std::string_view catalog_file(CatalogTable t) {
    switch (t) {
        case CatalogTable::vendors: return CatalogFiles::vendors;
        case CatalogTable::vendor_domains: return CatalogFiles::vendor_domains;
        case CatalogTable::vendor_domains_imported: return CatalogFiles::vendor_domains_imported;
        case CatalogTable::asn_operators: return CatalogFiles::asn_operators;
        case CatalogTable::oui_vendors: return CatalogFiles::oui_vendors;
        case CatalogTable::public_resolvers: return CatalogFiles::public_resolvers;
        case CatalogTable::model_origins: return CatalogFiles::model_origins;
        case CatalogTable::vendor_names: return CatalogFiles::vendor_names;
        case CatalogTable::package_namespaces: return CatalogFiles::package_namespaces;
        case CatalogTable::designation_lists: return CatalogFiles::designation_lists;
        case CatalogTable::designations: return CatalogFiles::designations;
        case CatalogTable::ownership_changes: return CatalogFiles::ownership_changes;
        case CatalogTable::lookalikes: return CatalogFiles::lookalikes;
        case CatalogTable::count_: break;
    }
    return "?";
}

namespace {

template <typename T>
bool parse_uint(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

std::optional<DomainEvidence> parse_domain_evidence(std::string_view s) {
    if (s == "company_list") return DomainEvidence::company_list;
    if (s == "routing_list") return DomainEvidence::routing_list;
    if (s == "curated") return DomainEvidence::curated;
    return std::nullopt;
}

// One row of a table being converted: its fields by column name, and a place to say why it is
// dropped ("FILE:LINE: COLUMN: what is wrong", the form every catalog problem takes).
// The columns a converter asks for, resolved to indices once per table: the converters name columns
// by string literal, so a pointer comparison finds the column before any string comparison does.
using ColumnIndex = std::vector<std::pair<std::string_view, size_t>>;

class RowReader {
public:
    RowReader(CatalogTable table, const CsvTable& t, const ColumnIndex& columns, size_t row,
              std::vector<std::string>& problems)
        : table_(table), t_(t), columns_(columns), row_(row), problems_(problems) {}
    std::string operator()(std::string_view column) const { return std::string(view(column)); }
    // The field itself, a view into the table's text (valid as long as the table).
    std::string_view view(std::string_view column) const {
        for (const auto& [name, index] : columns_)
            if (name.data() == column.data()) return t_.field(row_, index);
        return t_.get(row_, column);
    }
    void reject(std::string_view column, const std::string& what) const {
        problems_.push_back(fmt::format("{}:{}: {}: {}", catalog_file(table_), t_.line_of(row_), column, what));
    }
    size_t line() const { return t_.line_of(row_); }

private:
    CatalogTable table_;
    const CsvTable& t_;
    const ColumnIndex& columns_;
    size_t row_;
    std::vector<std::string>& problems_;
};

}  // namespace

// Converts every table with the same loop: check the columns, convert each row (a row that cannot
// be converted is reported and dropped), remember the line it came from.
class CatalogLoader {
public:
    CatalogLoader(const CatalogTables& t, Catalog& c, std::vector<std::string>& problems)
        : t_(t), c_(c), problems_(problems) {}

    template <typename T, typename Convert>
    void load(CatalogTable table, std::initializer_list<std::string_view> columns, std::vector<T>& out,
              Convert convert) {
        const CsvTable& t = t_[table];
        if (!has_columns(table, columns)) return;
        ColumnIndex index;
        for (std::string_view name : columns) index.emplace_back(name, static_cast<size_t>(t.column(name)));
        out.reserve(out.size() + t.size());
        for (size_t r = 0; r < t.size(); ++r) {
            RowReader row(table, t, index, r, problems_);
            std::optional<T> value = convert(row);
            if (!value) continue;
            out.push_back(std::move(*value));
            on_row(table, row.line());
        }
    }

    void run() {
        load(CatalogTable::vendors,
             {"vendor_id", "name", "parent", "hq_country", "control_country", "categories", "prc_linked", "confidence",
              "control_basis", "notes", "source"},
             c_.vendors_, [](const RowReader& g) -> std::optional<Vendor> {
                 Vendor v;
                 v.id = g("vendor_id");
                 v.name = g("name");
                 v.parent = g("parent");
                 v.hq_country = g("hq_country");
                 v.control_country = g("control_country");
                 v.categories = split_field_list(g("categories"));
                 v.prc_linked = g("prc_linked");
                 v.control_basis = g("control_basis");
                 v.source = g("source");
                 v.confidence = g("confidence");
                 v.notes = g("notes");
                 return v;
             });
        auto domain = [](const RowReader& g) -> std::optional<DomainEntry> {
            DomainEntry d;
            d.domain = g.view("domain");
            d.vendor_id = g.view("vendor_id");
            d.purpose = g.view("purpose");
            d.categories = g.view("categories");
            d.match = g.view("match");
            d.confidence = g.view("confidence");
            d.notes = g.view("notes");
            d.source = g.view("source");
            return d;
        };
        const std::initializer_list<std::string_view> domain_cols = {
            "domain", "vendor_id", "purpose", "categories", "match", "confidence", "notes", "source"};
        load(CatalogTable::vendor_domains, domain_cols, c_.domains_, domain);
        load(CatalogTable::vendor_domains_imported,
             {"domain", "vendor_id", "purpose", "categories", "match", "confidence", "evidence", "notes", "source",
              "list", "list_commit", "licence"},
             c_.domains_, [&](const RowReader& g) -> std::optional<DomainEntry> {
                 auto evidence = parse_domain_evidence(g.view("evidence"));
                 if (!evidence || *evidence == DomainEvidence::curated) {
                     g.reject("evidence", fmt::format("{:?} is not company_list or routing_list", g.view("evidence")));
                     return std::nullopt;
                 }
                 auto d = domain(g);
                 d->evidence = *evidence;
                 d->list = g.view("list");
                 d->list_commit = g.view("list_commit");
                 d->licence = g.view("licence");
                 return d;
             });
        load(CatalogTable::asn_operators,
             {"asn", "as_org", "operator", "control_country", "kind", "confidence", "notes", "source"},
             c_.asn_operators_, [](const RowReader& g) -> std::optional<AsnOperator> {
                 AsnOperator a;
                 if (!parse_uint(g("asn"), a.asn) || a.asn == 0) {
                     g.reject("asn", fmt::format("{:?} is not an AS number", g("asn")));
                     return std::nullopt;
                 }
                 a.as_org = g("as_org");
                 a.operator_name = g("operator");
                 a.control_country = g("control_country");
                 a.kind = g("kind");
                 a.confidence = g("confidence");
                 a.notes = g("notes");
                 a.source = g("source");
                 return a;
             });
        load(CatalogTable::oui_vendors,
             {"vendor_id", "ieee_org_name", "registry", "assignment_count", "confidence", "notes", "source"},
             c_.oui_vendors_, [](const RowReader& g) -> std::optional<OuiVendorEntry> {
                 OuiVendorEntry o;
                 if (!parse_uint(g("assignment_count"), o.assignment_count)) {
                     g.reject("assignment_count", fmt::format("{:?} is not a number", g("assignment_count")));
                     return std::nullopt;
                 }
                 o.vendor_id = g("vendor_id");
                 o.ieee_org_name = g("ieee_org_name");
                 o.registry = g("registry");
                 o.confidence = g("confidence");
                 o.notes = g("notes");
                 o.source = g("source");
                 return o;
             });
        load(CatalogTable::public_resolvers,
             {"address", "operator", "service", "jurisdiction", "vendor_id", "confidence", "notes", "source"},
             c_.resolvers_, [](const RowReader& g) -> std::optional<PublicResolver> {
                 auto ip = IpAddress::parse(g("address"));
                 if (!ip) {
                     // A resolver is one address; a network (CIDR) or a name is not accepted either.
                     g.reject("address", fmt::format("{:?} is not an IP address", g("address")));
                     return std::nullopt;
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
                 return p;
             });
        load(CatalogTable::model_origins, {"field", "pattern", "vendor_id", "family", "confidence", "notes", "source"},
             c_.model_origins_, [](const RowReader& g) -> std::optional<ModelOriginRule> {
                 auto field = parse_model_field(g("field"));
                 if (!field) {
                     g.reject("field", fmt::format("{:?} is not organization, name, architecture, tokenizer or "
                                                   "special_token",
                                                   g("field")));
                     return std::nullopt;
                 }
                 ModelOriginRule m;
                 m.field = *field;
                 m.pattern = g("pattern");
                 m.vendor_id = g("vendor_id");
                 m.family = g("family");
                 m.confidence = g("confidence");
                 m.notes = g("notes");
                 m.source = g("source");
                 return m;
             });
        load(CatalogTable::vendor_names, {"vendor_id", "name", "confidence", "notes", "source"}, c_.vendor_names_,
             [](const RowReader& g) -> std::optional<VendorNameEntry> {
                 return VendorNameEntry{g("vendor_id"), g("name"), g("confidence"), g("notes"), g("source")};
             });
        load(CatalogTable::package_namespaces, {"namespace", "vendor_id", "match", "confidence", "notes", "source"},
             c_.package_namespaces_, [](const RowReader& g) -> std::optional<PackageNamespaceEntry> {
                 return PackageNamespaceEntry{g("namespace"), g("vendor_id"), g("match"),
                                              g("confidence"), g("notes"),     g("source")};
             });
        load(CatalogTable::designation_lists,
             {"list_id", "name", "name_cs", "issuer", "country", "kind", "issued", "url", "citation", "scope",
              "applies_to_jurisdictions", "confidence", "notes", "source"},
             c_.designation_lists_, [](const RowReader& g) -> std::optional<DesignationList> {
                 DesignationList l;
                 l.id = g("list_id");
                 l.name = g("name");
                 l.name_cs = g("name_cs");
                 l.issuer = g("issuer");
                 l.country = g("country");
                 l.kind = g("kind");
                 l.issued = g("issued");
                 l.url = g("url");
                 l.citation = g("citation");
                 l.scope = g("scope");
                 l.applies_to_jurisdictions = split_field_list(g("applies_to_jurisdictions"));
                 l.confidence = g("confidence");
                 l.notes = g("notes");
                 l.source = g("source");
                 return l;
             });
        load(CatalogTable::designations,
             {"list_id", "vendor_id", "listed_name", "listed_on", "removed_on", "scope", "confidence", "notes",
              "source"},
             c_.designations_, [](const RowReader& g) -> std::optional<Designation> {
                 return Designation{g("list_id"), g("vendor_id"), g("listed_name"), g("listed_on"), g("removed_on"),
                                    g("scope"),   g("confidence"), g("notes"),      g("source")};
             });
        load(CatalogTable::ownership_changes,
             {"vendor_id", "date", "event", "from_owner", "from_country", "to_owner", "to_country", "effect",
              "confidence", "notes", "source"},
             c_.ownership_changes_, [](const RowReader& g) -> std::optional<OwnershipChange> {
                 return OwnershipChange{g("vendor_id"),  g("date"),     g("event"),      g("from_owner"),
                                        g("from_country"), g("to_owner"), g("to_country"), g("effect"),
                                        g("confidence"),   g("notes"),    g("source")};
             });
        load(CatalogTable::lookalikes, {"name", "kind", "looks_like", "why", "confidence", "source"}, c_.lookalikes_,
             [](const RowReader& g) -> std::optional<LookAlike> {
                 return LookAlike{g("name"), g("kind"), g("looks_like"), g("why"), g("confidence"), g("source")};
             });
    }

private:
    bool has_columns(CatalogTable table, std::initializer_list<std::string_view> columns) {
        const CsvTable& t = t_[table];
        if (t.header().empty()) return false;  // unreadable: already reported by whoever read it
        bool ok = true;
        for (auto name : columns)
            if (t.column(name) < 0) {
                problems_.push_back(fmt::format("{}:1: {}: missing column", catalog_file(table), name));
                ok = false;
            }
        return ok;
    }
    void on_row(CatalogTable table, size_t line) {
        c_.lines_[static_cast<size_t>(table)].push_back(line);
        if (table == CatalogTable::vendor_domains || table == CatalogTable::vendor_domains_imported)
            c_.domain_origins_.push_back({table, line});
    }

    const CatalogTables& t_;
    Catalog& c_;
    std::vector<std::string>& problems_;
};

std::unique_ptr<Catalog> Catalog::load(const std::string& dir, std::vector<std::string>& problems) {
    CatalogTables t;
    for (size_t i = 0; i < kCatalogTableCount; ++i) {
        std::string error;
        const std::string path = fmt::format("{}/{}", dir, catalog_file(static_cast<CatalogTable>(i)));
        if (!CsvTable::read_file(path, t.tables[i], error)) problems.push_back(fmt::format("{}: {}", path, error));
    }
    return from_tables(std::move(t), problems);
}

std::unique_ptr<Catalog> Catalog::from_tables(CatalogTables&& t, std::vector<std::string>& problems) {
    auto c = std::unique_ptr<Catalog>(new Catalog());
    c->tables_ = std::move(t);  // first: the entries view the tables where the catalog keeps them
    CatalogLoader(c->tables_, *c, problems).run();
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
        domain_matcher_.add_stable(domains_[i].domain, static_cast<uint32_t>(i), domains_[i].match == "exact");
    for (const ModelOriginRule& m : model_origins_) model_origin_keys_.push_back(model_pattern_key(m.pattern));
    for (const VendorNameEntry& n : vendor_names_) vendor_name_keys_.push_back(model_pattern_key(n.name));
    for (size_t i = 0; i < designation_lists_.size(); ++i) designation_list_by_id_.try_emplace(designation_lists_[i].id, i);
    for (size_t i = 0; i < designations_.size(); ++i)
        if (!designations_[i].vendor_id.empty()) designations_by_vendor_.emplace(designations_[i].vendor_id, i);
    for (size_t i = 0; i < ownership_changes_.size(); ++i)
        ownership_by_vendor_.emplace(ownership_changes_[i].vendor_id, i);
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

const DesignationList* Catalog::designation_list(std::string_view id) const {
    auto it = designation_list_by_id_.find(std::string(id));
    return it == designation_list_by_id_.end() ? nullptr : &designation_lists_[it->second];
}

std::vector<VendorDesignation> Catalog::designations_for(const Vendor& v) const {
    std::vector<VendorDesignation> out;
    // The vendor, then its catalogued parents up the chain (bounded: a cycle in the data must not
    // hang a lookup; validate_catalog reports none today, and groups are a few levels deep).
    const Vendor* holder = &v;
    for (int depth = 0; holder && depth < 8; ++depth) {
        std::vector<size_t> rows;
        auto [first, last] = designations_by_vendor_.equal_range(holder->id);
        for (auto it = first; it != last; ++it) rows.push_back(it->second);
        std::sort(rows.begin(), rows.end());  // file order: stable output
        for (size_t r : rows)
            if (const DesignationList* list = designation_list(designations_[r].list_id))
                out.push_back({list, &designations_[r], holder == &v ? nullptr : holder});
        const Vendor* parent = vendor(holder->parent);
        holder = parent == holder ? nullptr : parent;
    }
    // Warnings that name no company but a jurisdiction cover every vendor controlled from it,
    // never a counter-example.
    if (v.prc_linked != "no")
        for (const DesignationList& l : designation_lists_)
            if (std::find(l.applies_to_jurisdictions.begin(), l.applies_to_jurisdictions.end(), v.control_country) !=
                l.applies_to_jurisdictions.end())
                out.push_back({&l, nullptr, nullptr});
    return out;
}

std::vector<const OwnershipChange*> Catalog::ownership_changes_for(std::string_view vendor_id) const {
    std::vector<const OwnershipChange*> out;
    auto [first, last] = ownership_by_vendor_.equal_range(std::string(vendor_id));
    for (auto it = first; it != last; ++it) out.push_back(&ownership_changes_[it->second]);
    // ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) sort as text; file order breaks ties.
    std::sort(out.begin(), out.end(), [](const OwnershipChange* a, const OwnershipChange* b) {
        return a->date != b->date ? a->date < b->date : a < b;
    });
    return out;
}

std::vector<VendorNameMatch> Catalog::vendors_named(std::string_view text) const {
    // A few hundred names against a short text: a linear pass is cheaper than any index here, and
    // inputs (CMDB rows, banners, SBOM suppliers) are counted in thousands, not millions.
    std::vector<std::pair<size_t, VendorNameMatch>> found;  // (name length, match)
    for (size_t i : model_pattern_hits(vendor_name_keys_, text)) {
        const std::string& key = vendor_name_keys_[i];
        if (key.size() < 2) continue;
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

std::vector<std::string> check_catalog_dir(const std::string& dir, const AsnTable* asn, const OuiRegistry* oui) {
    std::vector<std::string> problems;
    auto catalog = Catalog::load(dir, problems);
    auto found = validate_catalog(*catalog, asn, oui);
    problems.insert(problems.end(), found.begin(), found.end());
    return problems;
}

}  // namespace sovscan
