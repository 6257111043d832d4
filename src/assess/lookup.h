#pragma once
// `sovscan lookup`: everything the intel knows about one address, name, URL, MAC or ASN, the chain
// of evidence behind it, and the verdict under the policy (decided by the JurisdictionJudge, as the
// findings of a scan are). Nothing is resolved over the network: a name is judged by the catalog,
// not by the addresses it resolves to today.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/evidence_citer.h"
#include "assess/finding.h"
#include "assess/jurisdiction_judge.h"
#include "assess/lookup_query.h"
#include "assess/policy.h"
#include "enrich/enricher.h"
#include "intel/catalog.h"
#include "intel/intel.h"

namespace sovscan {

struct LookupAnswer {
    std::string query;  // the argument as given (raw: writers escape it)
    std::string error;  // why it could not be read; nothing below is set then
    LookupQuery parsed;

    // An address (ip, or a url whose host is one).
    std::string located_in, registry_country;
    const PublicResolver* resolver = nullptr;
    bool private_address = false;  // private, loopback, link-local, multicast: no place on the Internet
    // The network announcing the address, or the ASN asked for.
    uint32_t asn = 0;
    std::string as_org;               // the ASN data's organisation string
    const AsnOperator* op = nullptr;  // the catalogued operator
    // A name (domain, or a url whose host is one).
    const DomainEntry* domain = nullptr;  // the catalogued domain it equals or lies under
    // A MAC address or OUI.
    std::optional<OuiAnswer> oui;
    std::string oui_note;  // why there is no OUI answer
    // The vendor behind the name, the OUI or the resolver, and its catalogued parent.
    const Vendor* vendor = nullptr;
    const Vendor* parent = nullptr;
    std::vector<std::string> categories;  // the catalogued domain's, then the vendor's
    // Official designations of the vendor or its parents (FCC Covered List, DoD 1260H, NÚKIB
    // warnings, ...) and its dated changes of control, from the catalog.
    std::vector<VendorDesignation> designations;
    std::vector<const OwnershipChange*> ownership_changes;

    std::string controlled_by;  // the operator's, else the resolver's, else the vendor's jurisdiction
    JurisdictionJudgement judgement;
    Verdict verdict = Verdict::clear;
    std::vector<std::string> reasons;  // why the verdict, one line each
    std::vector<Evidence> evidence;    // the chain, each fact with its data set or catalog row

    bool ok() const { return error.empty(); }
};

class Lookup {
public:
    Lookup(const Intel& intel, const Policy& policy);

    LookupAnswer answer(std::string_view query);

private:
    void answer_address(const IpAddress& ip, LookupAnswer& a, JurisdictionFacts& facts);
    void answer_asn(uint32_t asn, LookupAnswer& a, JurisdictionFacts& facts);
    void answer_name(const std::string& name, LookupAnswer& a, JurisdictionFacts& facts);
    void answer_mac(const MacAddress& mac, bool oui_only, LookupAnswer& a, JurisdictionFacts& facts);
    void attach_vendor(const Vendor& v, LookupAnswer& a, JurisdictionFacts& facts);
    void conclude(LookupAnswer& a, const JurisdictionFacts& facts) const;

    const Intel& intel_;
    const Policy& policy_;
    Enricher enricher_;  // the same gathering of facts a scan uses
    JurisdictionJudge judge_;
    EvidenceCiter cite_;
};

}  // namespace sovscan
