#pragma once
// The project's own knowledge (data/*.csv): vendors, their domains, the networks and OUI
// organisation names that belong to them, and public DNS resolvers. Small, parsed once at start-up,
// validated against the compiled ASN and OUI data (validate_catalog) by the tests.
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

// The catalog's files, in data/.
struct CatalogFiles {
    static constexpr std::string_view vendors = "vendors.csv";
    static constexpr std::string_view vendor_domains = "vendor_domains.csv";
    static constexpr std::string_view asn_operators = "asn_operators.csv";
    static constexpr std::string_view oui_vendors = "oui_vendors.csv";
    static constexpr std::string_view public_resolvers = "public_resolvers.csv";
    static constexpr std::string_view model_origins = "model_origins.csv";
    static constexpr std::string_view vendor_names = "vendor_names.csv";
    static constexpr std::string_view package_namespaces = "package_namespaces.csv";
};

// The tables as read, before conversion: lets tests feed in-memory rows.
struct CatalogTables {
    CsvTable vendors, vendor_domains, asn_operators, oui_vendors, public_resolvers, model_origins, vendor_names,
        package_namespaces;
};

// One of the files, to ask which CSV line a loaded row came from.
enum class CatalogTable {
    vendors,
    vendor_domains,
    asn_operators,
    oui_vendors,
    public_resolvers,
    model_origins,
    vendor_names,
    package_namespaces,
    count_
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
    static std::unique_ptr<Catalog> from_tables(const CatalogTables& tables, std::vector<std::string>& problems);

    const std::vector<Vendor>& vendors() const { return vendors_; }
    const std::vector<DomainEntry>& domains() const { return domains_; }
    const std::vector<AsnOperator>& asn_operators() const { return asn_operators_; }
    const std::vector<OuiVendorEntry>& oui_vendors() const { return oui_vendors_; }
    const std::vector<PublicResolver>& public_resolvers() const { return resolvers_; }
    // Patterns that say which vendor made an AI model (ModelOriginMatcher matches them).
    const std::vector<ModelOriginRule>& model_origins() const { return model_origins_; }
    const std::vector<VendorNameEntry>& vendor_names() const { return vendor_names_; }
    const std::vector<PackageNamespaceEntry>& package_namespaces() const { return package_namespaces_; }
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

    // The CSV line (1-based, the header being line 1) that row `index` of `table` was read from, so
    // that every problem can name file, line and column.
    size_t line_of(CatalogTable table, size_t index) const { return lines_[static_cast<size_t>(table)][index]; }

private:
    void index();  // builds the lookup maps once the vectors are final (pointers stay valid)
    std::vector<Vendor> vendors_;
    std::vector<DomainEntry> domains_;
    std::vector<AsnOperator> asn_operators_;
    std::vector<OuiVendorEntry> oui_vendors_;
    std::vector<PublicResolver> resolvers_;
    std::vector<ModelOriginRule> model_origins_;
    std::vector<std::string> model_origin_keys_;
    std::vector<VendorNameEntry> vendor_names_;
    std::vector<std::string> vendor_name_keys_;  // model_pattern_key() of each name
    std::vector<PackageNamespaceEntry> package_namespaces_;
    std::array<std::vector<size_t>, static_cast<size_t>(CatalogTable::count_)> lines_;  // per CatalogTable, parallel to its vector
    std::unordered_map<std::string, size_t> vendor_by_id_;
    std::unordered_map<uint32_t, size_t> asn_by_number_;
    std::unordered_map<std::string, size_t> vendor_by_org_;  // folded org name -> vendors_ index
    std::unordered_map<IpAddress, size_t> resolver_by_ip_;
    DomainSuffixMatcher domain_matcher_;
};

// Every problem with the catalog's content, one line each as "FILE:LINE: COLUMN: what is wrong"
// (e.g. `vendor_domains.csv:12: domain: malformed domain "evil-.com"`): an empty source, a missing
// or unknown confidence, vocabularies and country codes, duplicate keys, vendor ids referenced but
// not defined (domains, OUI names, resolvers, a parent that looks like an id), malformed domains,
// look-alike names and ASNs known to be wrong, and, when the compiled data is given, ASNs absent
// from the ASN data and organisation names with no assignment in the IEEE registry. Domains of
// counter-example vendors (prc_linked=no) are allowed: they make such names resolve to a vendor that
// is never flagged. Empty when the catalog is sound.
std::vector<std::string> validate_catalog(const Catalog& catalog, const AsnTable* asn, const OuiRegistry* oui);

// Catalog::load plus validate_catalog: every problem of the catalog in `dir`, unreadable files and
// rows that do not convert included (what the catalog tests run on data/ and on broken copies).
std::vector<std::string> check_catalog_dir(const std::string& dir, const AsnTable* asn, const OuiRegistry* oui);

}  // namespace sovscan
