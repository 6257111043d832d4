#pragma once
// The project's own knowledge (data/*.csv): vendors, their domains, the networks and OUI
// organisation names that belong to them, public DNS resolvers, official designations and changes
// of ownership. Parsed once at start-up, validated against the compiled ASN and OUI data
// (validate_catalog) by the tests.
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/csv_reader.h"
#include "intel/domain_matcher.h"
#include "intel/intel.h"
#include "intel/model_origin.h"

namespace sovscan {

class AsnTable;
class OuiRegistry;

// An IEEE organisation name that belongs to a vendor (data/oui_vendors.csv).
struct OuiVendorEntry {
    std::string vendor_id, ieee_org_name, registry;  // registry: MA-L, MA-M or MA-S
    uint32_t assignment_count = 0;                   // assignments with that name when curated
    std::string confidence, notes, source;
};

// A name a vendor's products, registrations and documents use for it (data/vendor_names.csv):
// matched as whole words (model_pattern_matches) in manufacturer fields, banners, SBOM suppliers.
struct VendorNameEntry {
    std::string vendor_id, name, confidence, notes, source;
};

// A package namespace a vendor publishes under (data/package_namespaces.csv), in the form
// purl_namespace() gives ("maven/com.alibaba", "npm/@alicloud", "pypi/dashscope").
struct PackageNamespaceEntry {
    std::string namespace_, vendor_id;
    std::string match;  // exact; subtree (also "<ns>." and "<ns>/..."); prefix (any continuation)
    std::string confidence, notes, source;
};

// An official public list or warning that names vendors (data/designation_lists.csv): NÚKIB's
// warnings, the US FCC Covered List, the US DoD 1260H list, ...
struct DesignationList {
    std::string id, name, issuer, country, kind, issued, url, citation, scope;
    std::string name_cs;  // the list's name in Czech, for Czech documents
    // A list that names no company but applies to every vendor controlled from these jurisdictions
    // (NÚKIB's 2025 warning on the PRC); empty for lists of named entities.
    std::vector<std::string> applies_to_jurisdictions;
    std::string confidence, notes, source;
};

// One entity on a designation list (data/designations.csv), tied to the catalogued vendor it is or
// controls; vendor_id is empty for a listed entity the catalogue does not hold.
struct Designation {
    std::string list_id, vendor_id, listed_name, listed_on, removed_on, scope, confidence, notes, source;
    bool current() const { return removed_on.empty(); }
};

// A dated change of control of a vendor or brand (data/ownership_changes.csv): Volvo Cars to Geely
// in 2010, Motorola Mobility to Lenovo in 2014, Grindr back out of Kunlun in 2020, ...
struct OwnershipChange {
    std::string vendor_id, date, event, from_owner, from_country, to_owner, to_country, effect, confidence, notes,
        source;
};

// A legitimate name that a naive matcher would take for a catalogued vendor's (data/lookalikes.csv):
// "Vivo International Corporation Pty Ltd" (an Australian registrant) is not vivo; AS34947 "Alibaba
// Travel Company" is not Alibaba's; volvogroup.com is AB Volvo, not Volvo Cars. Never mapped to the
// vendor it looks like; the tests check each resolves to someone else or to nothing.
struct LookAlike {
    std::string name;  // as written: an IEEE organisation name, an AS number, a domain or a brand
    std::string kind;  // ieee_org_name, asn, domain, brand
    std::string looks_like;  // the vendor_id it must never be taken for
    std::string why, confidence, source;
};

// A designation that applies to a vendor: its own, a catalogued parent's (`via` names the parent),
// or a jurisdiction-wide warning that covers the vendor's controlling country.
struct VendorDesignation {
    const DesignationList* list = nullptr;
    const Designation* entry = nullptr;  // null for a jurisdiction-wide list
    const Vendor* via = nullptr;         // the parent the designation names, when not the vendor itself
};

// The catalog's files, in data/.
struct CatalogFiles {
    static constexpr std::string_view vendors = "vendors.csv";
    static constexpr std::string_view vendor_domains = "vendor_domains.csv";
    static constexpr std::string_view vendor_domains_imported = "vendor_domains_imported.csv";
    static constexpr std::string_view asn_operators = "asn_operators.csv";
    static constexpr std::string_view oui_vendors = "oui_vendors.csv";
    static constexpr std::string_view public_resolvers = "public_resolvers.csv";
    static constexpr std::string_view model_origins = "model_origins.csv";
    static constexpr std::string_view vendor_names = "vendor_names.csv";
    static constexpr std::string_view package_namespaces = "package_namespaces.csv";
    static constexpr std::string_view designation_lists = "designation_lists.csv";
    static constexpr std::string_view designations = "designations.csv";
    static constexpr std::string_view ownership_changes = "ownership_changes.csv";
    static constexpr std::string_view lookalikes = "lookalikes.csv";
};

// One of the files, to ask which CSV line a loaded row came from.
enum class CatalogTable {
    vendors,
    vendor_domains,
    vendor_domains_imported,
    asn_operators,
    oui_vendors,
    public_resolvers,
    model_origins,
    vendor_names,
    package_namespaces,
    designation_lists,
    designations,
    ownership_changes,
    lookalikes,
    count_
};
constexpr size_t kCatalogTableCount = static_cast<size_t>(CatalogTable::count_);
std::string_view catalog_file(CatalogTable t);

// The tables as read, before conversion: lets tests feed in-memory rows.
struct CatalogTables {
    std::array<CsvTable, kCatalogTableCount> tables;
    CsvTable& operator[](CatalogTable t) { return tables[static_cast<size_t>(t)]; }
    const CsvTable& operator[](CatalogTable t) const { return tables[static_cast<size_t>(t)]; }
};

// Where a loaded row came from: its file and CSV line (1-based, the header being line 1).
struct CatalogRowOrigin {
    CatalogTable table = CatalogTable::vendors;
    size_t line = 0;
};

// A vendor named in a free text (a manufacturer field, a banner, an SBOM supplier).
struct VendorNameMatch {
    const VendorNameEntry* entry = nullptr;
    const Vendor* vendor = nullptr;
};

class Catalog {
public:
    // Reads the CSV files from `dir`. Unreadable files, missing columns and rows that cannot be
    // converted (an ASN that is no number, an address that is no IP) are added to `problems`, each
    // starting with the file name; the rows that convert are kept.
    static std::unique_ptr<Catalog> load(const std::string& dir, std::vector<std::string>& problems);
    // The catalog keeps the tables: its domain entries view their text.
    static std::unique_ptr<Catalog> from_tables(CatalogTables&& tables, std::vector<std::string>& problems);

    const std::vector<Vendor>& vendors() const { return vendors_; }
    // The curated domains, then the imported ones (domain_origin() says which file).
    const std::vector<DomainEntry>& domains() const { return domains_; }
    const std::vector<AsnOperator>& asn_operators() const { return asn_operators_; }
    const std::vector<OuiVendorEntry>& oui_vendors() const { return oui_vendors_; }
    const std::vector<PublicResolver>& public_resolvers() const { return resolvers_; }
    // Patterns that say which vendor made an AI model (ModelOriginMatcher matches them).
    const std::vector<ModelOriginRule>& model_origins() const { return model_origins_; }
    const std::vector<VendorNameEntry>& vendor_names() const { return vendor_names_; }
    const std::vector<PackageNamespaceEntry>& package_namespaces() const { return package_namespaces_; }
    const std::vector<DesignationList>& designation_lists() const { return designation_lists_; }
    const std::vector<Designation>& designations() const { return designations_; }
    const std::vector<OwnershipChange>& ownership_changes() const { return ownership_changes_; }
    const std::vector<LookAlike>& lookalikes() const { return lookalikes_; }
    // model_pattern_key() of rule `index`, computed once.
    const std::string& model_origin_key(size_t index) const { return model_origin_keys_[index]; }

    const Vendor* vendor(std::string_view id) const;
    const AsnOperator* asn_operator(uint32_t asn) const;
    // The vendor an IEEE organisation name belongs to (names compared case- and space-folded).
    const Vendor* vendor_for_org(std::string_view ieee_org_name) const;
    const PublicResolver* public_resolver(const IpAddress& ip) const;
    // Longest catalogued domain the name equals or ends with on a label boundary.
    const DomainEntry* domain(std::string_view name) const;
    // Every vendor whose catalogued name occurs in `text` as whole words, one match per vendor,
    // the longest name first ("Hangzhou Hikvision Digital Technology" -> hikvision; "TP-LINK" ->
    // tp-link). Empty when none does.
    std::vector<VendorNameMatch> vendors_named(std::string_view text) const;
    // The catalogued publisher of a package namespace (purl_namespace() form), the longest match.
    const PackageNamespaceEntry* package_namespace(std::string_view ns) const;
    const DesignationList* designation_list(std::string_view id) const;
    // Every designation that applies to `v`: its own entries, its catalogued parents' (the listed
    // company's subsidiaries are covered: FCC and NÚKIB name "subsidiaries and affiliates"), and
    // jurisdiction-wide warnings covering its controlling country unless it is a counter-example.
    // Entries removed from their list are included (Designation::current() says so); in list order.
    std::vector<VendorDesignation> designations_for(const Vendor& v) const;
    // The vendor's dated changes of control, oldest first.
    std::vector<const OwnershipChange*> ownership_changes_for(std::string_view vendor_id) const;

    // The file and CSV line that row `index` of `table` was read from, so that every problem can
    // name file, line and column. Domains: see domain_origin().
    size_t line_of(CatalogTable table, size_t index) const { return lines_[static_cast<size_t>(table)][index]; }
    CatalogRowOrigin domain_origin(size_t index) const { return domain_origins_[index]; }

private:
    friend class CatalogLoader;
    void index();  // builds the lookup maps once the vectors are final (pointers stay valid)
    CatalogTables tables_;  // the CSV text the domain entries view
    std::vector<Vendor> vendors_;
    std::vector<DomainEntry> domains_;
    std::vector<CatalogRowOrigin> domain_origins_;  // parallel to domains_ (two files feed it)
    std::vector<AsnOperator> asn_operators_;
    std::vector<OuiVendorEntry> oui_vendors_;
    std::vector<PublicResolver> resolvers_;
    std::vector<ModelOriginRule> model_origins_;
    std::vector<std::string> model_origin_keys_;
    std::vector<VendorNameEntry> vendor_names_;
    std::vector<std::string> vendor_name_keys_;  // model_pattern_key() of each name
    std::vector<PackageNamespaceEntry> package_namespaces_;
    std::vector<DesignationList> designation_lists_;
    std::vector<Designation> designations_;
    std::vector<OwnershipChange> ownership_changes_;
    std::vector<LookAlike> lookalikes_;
    std::array<std::vector<size_t>, kCatalogTableCount> lines_;  // per CatalogTable, parallel to its vector
    std::unordered_map<std::string, size_t> vendor_by_id_;
    std::unordered_map<uint32_t, size_t> asn_by_number_;
    std::unordered_map<std::string, size_t> vendor_by_org_;  // folded org name -> vendors_ index
    std::unordered_map<IpAddress, size_t> resolver_by_ip_;
    std::unordered_map<std::string, size_t> designation_list_by_id_;
    std::unordered_multimap<std::string, size_t> designations_by_vendor_;
    std::unordered_multimap<std::string, size_t> ownership_by_vendor_;
    DomainSuffixMatcher domain_matcher_;
};

// Every problem with the catalog's content, one line each as "FILE:LINE: COLUMN: what is wrong"
// (e.g. `vendor_domains.csv:12: domain: malformed domain "evil-.com"`): an empty source, a missing
// or unknown confidence, vocabularies and country codes, dates, duplicate keys (a domain in both
// domain files included), vendor ids referenced but not defined (domains, OUI names, resolvers,
// designations, ownership changes, a parent that looks like an id), malformed domains, look-alike
// names and ASNs known to be wrong, imported rows without their list, commit and licence, a routing
// list given as the owner of a PRC-linked vendor's domain, and, when the compiled data is given,
// ASNs absent from the ASN data and organisation names with no assignment in the IEEE registry.
// Domains of counter-example vendors (prc_linked=no) are allowed: they make such names resolve to a
// vendor that is never flagged. Empty when the catalog is sound.
std::vector<std::string> validate_catalog(const Catalog& catalog, const AsnTable* asn, const OuiRegistry* oui);

// Catalog::load plus validate_catalog: every problem of the catalog in `dir`, unreadable files and
// rows that do not convert included (what the catalog tests run on data/ and on broken copies).
std::vector<std::string> check_catalog_dir(const std::string& dir, const AsnTable* asn, const OuiRegistry* oui);

}  // namespace sovscan
