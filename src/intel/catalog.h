#pragma once
// The project's own knowledge (data/*.csv): vendors, their domains, the networks and OUI
// organisation names that belong to them, and public DNS resolvers. Small, parsed once at start-up,
// validated against the compiled ASN and OUI data (validate_catalog) by the tests.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intel/csv_reader.h"
#include "intel/domain_matcher.h"
#include "intel/intel.h"

namespace sovscan {

class AsnTable;
class OuiRegistry;

// An IEEE organisation name that belongs to a vendor (data/oui_vendors.csv).
struct OuiVendorEntry {
    std::string vendor_id, ieee_org_name, registry;  // registry: MA-L, MA-M or MA-S
    uint32_t assignment_count = 0;                   // assignments with that name when curated
    std::string confidence, notes, source;
};

// The catalog's files, in data/.
struct CatalogFiles {
    static constexpr std::string_view vendors = "vendors.csv";
    static constexpr std::string_view vendor_domains = "vendor_domains.csv";
    static constexpr std::string_view asn_operators = "asn_operators.csv";
    static constexpr std::string_view oui_vendors = "oui_vendors.csv";
    static constexpr std::string_view public_resolvers = "public_resolvers.csv";
};

// The tables as read, before conversion: lets tests feed in-memory rows.
struct CatalogTables {
    CsvTable vendors, vendor_domains, asn_operators, oui_vendors, public_resolvers;
};

class Catalog {
public:
    // Reads the five CSV files from `dir`. Unreadable files, missing columns and rows that cannot be
    // converted (an ASN that is no number, an address that is no IP) are added to `problems`, each
    // starting with the file name; the rows that convert are kept.
    static std::unique_ptr<Catalog> load(const std::string& dir, std::vector<std::string>& problems);
    static std::unique_ptr<Catalog> from_tables(const CatalogTables& tables, std::vector<std::string>& problems);

    const std::vector<Vendor>& vendors() const { return vendors_; }
    const std::vector<DomainEntry>& domains() const { return domains_; }
    const std::vector<AsnOperator>& asn_operators() const { return asn_operators_; }
    const std::vector<OuiVendorEntry>& oui_vendors() const { return oui_vendors_; }
    const std::vector<PublicResolver>& public_resolvers() const { return resolvers_; }

    const Vendor* vendor(std::string_view id) const;
    const AsnOperator* asn_operator(uint32_t asn) const;
    // The vendor an IEEE organisation name belongs to (names compared case- and space-folded).
    const Vendor* vendor_for_org(std::string_view ieee_org_name) const;
    const PublicResolver* public_resolver(const IpAddress& ip) const;
    // Longest catalogued domain the name equals or ends with on a label boundary.
    const DomainEntry* domain(std::string_view name) const;

private:
    void index();  // builds the lookup maps once the vectors are final (pointers stay valid)
    std::vector<Vendor> vendors_;
    std::vector<DomainEntry> domains_;
    std::vector<AsnOperator> asn_operators_;
    std::vector<OuiVendorEntry> oui_vendors_;
    std::vector<PublicResolver> resolvers_;
    std::unordered_map<std::string, size_t> vendor_by_id_;
    std::unordered_map<uint32_t, size_t> asn_by_number_;
    std::unordered_map<std::string, size_t> vendor_by_org_;  // folded org name -> vendors_ index
    std::unordered_map<IpAddress, size_t> resolver_by_ip_;
    DomainSuffixMatcher domain_matcher_;
};

// Every problem with the catalog's content, one line each naming the file and the row's key:
// vocabularies, country codes, empty source, duplicate keys, unknown vendor ids, malformed domains,
// counter-example vendors with domains or OUIs, look-alike names and ASNs known to be wrong, and,
// when the compiled data is given, ASNs absent from the ASN data and organisation names absent from
// the IEEE registry (or with a different assignment count). Empty when the catalog is sound.
std::vector<std::string> validate_catalog(const Catalog& catalog, const AsnTable* asn, const OuiRegistry* oui);

}  // namespace sovscan
