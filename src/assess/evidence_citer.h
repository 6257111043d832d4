#pragma once
// The evidence sentences for intel answers, written once for findings and for `sovscan lookup`:
// each names the fact and where it came from. A fact from a data set cites the set's name and
// version (Intel::sources()); a fact from the catalog cites the row's own source and, as version,
// the catalog file it is in. Names from the wire are escaped with printable().
#include <string>
#include <string_view>

#include "assess/finding.h"
#include "intel/catalog.h"
#include "intel/intel.h"

namespace sovscan {

// A vendor that only makes modules or chips (every category iot_module or semiconductor): its OUI in a device means
// a PRC component is present, not that the device is a PRC vendor's.
bool is_component_maker(const Vendor& v);

class EvidenceCiter {
public:
    explicit EvidenceCiter(const Intel& intel) : intel_(intel) {}

    // A fact from one of the data sets (intel_source ids), cited by its name and version.
    Evidence cite(std::string_view source_id, std::string fact) const;

    Evidence located(std::string_view address, std::string_view country) const;
    Evidence registered(std::string_view address, std::string_view country) const;
    Evidence announced(std::string_view address, uint32_t asn, std::string_view as_org) const;
    Evidence operated(uint32_t asn, const AsnOperator& op) const;
    Evidence resolver(std::string_view address, const PublicResolver& r) const;
    // A server name seen in traffic, how it was learnt (how_learnt: a DNS name from a weak answer
    // says so) and in how many flows.
    Evidence observed_name(const ObservedName& n) const;
    // A server name that belongs to a catalogued vendor (through `entry`, when known).
    Evidence name_vendor(std::string_view name, const Vendor& v, const DomainEntry* entry) const;
    // `subject` is a MAC address or a bare prefix.
    Evidence oui_assignment(std::string_view subject, std::string_view prefix, std::string_view registry,
                            std::string_view organisation, std::string_view country) const;
    // Says so when the vendor only makes modules or chips (is_component_maker).
    Evidence oui_vendor(std::string_view organisation, const Vendor& v) const;

    // Who controls the vendor and why that country (the reviewed control_basis of data/vendors.csv).
    Evidence vendor_control(const Vendor& v) const;
    // An official designation that applies to `v` (Catalog::designations_for).
    Evidence designation(const Vendor& v, const VendorDesignation& d) const;

    // For facts asked about directly (`sovscan lookup`) rather than seen in traffic:
    Evidence asn_organisation(uint32_t asn, std::string_view as_org) const;
    // A name that is a catalogued domain or lies under one (on a label boundary).
    Evidence domain_match(std::string_view name, const DomainEntry& entry) const;
    Evidence vendor_parent(const Vendor& v, const Vendor* parent) const;  // parent: when catalogued
    Evidence resolver_vendor(std::string_view address, const PublicResolver& r, const Vendor& v) const;

private:
    const Intel& intel_;
};

}  // namespace sovscan
