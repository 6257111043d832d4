#pragma once
// Which facts about a counterpart (an address, a network, a name, a device) put it under a
// high-risk jurisdiction by the policy, and how strongly. The one place this is decided: the
// Assessor turns the judgement into findings, `sovscan lookup` into its verdict.
#include <string>
#include <string_view>
#include <vector>

#include "assess/policy.h"
#include "intel/intel.h"

namespace sovscan {

// What is known about one counterpart; empty strings and null pointers are unknown.
struct JurisdictionFacts {
    std::string located_in;              // geolocation of the address
    std::string registry_country;        // the RIR/whois record's country of the address
    std::string operator_controlled_by;  // the catalogued operator of the announcing network
    std::string resolver_controlled_by;  // the jurisdiction of a catalogued public DNS resolver
    const Vendor* vendor = nullptr;      // the catalogued vendor (of a server name or a MAC's OUI)
    std::string registrant_country;      // the IEEE registrant's country (MAC OUI)
};

// How a lookup answers "is this high-risk?".
enum class Verdict { clear, review, high_risk };
std::string_view verdict_label(Verdict v);  // "clear", "review", "high_risk"

struct JurisdictionJudgement {
    bool located = false;     // located in a high-risk jurisdiction
    bool registered = false;  // the registry says a holder in one (weaker than geolocation)
    bool operated = false;    // the network's operator is controlled from one
    bool resolver = false;    // a public resolver run from one
    // A PRC-linked vendor (prc_linked yes or partial; never a counter-example) controlled from one.
    bool vendor_controlled = false;
    // A vendor with strong PRC ties that is controlled elsewhere (prc_linked=partial): for review.
    bool vendor_review = false;
    // No catalogued vendor, and the IEEE registrant's address is in one.
    bool registrant = false;
    // Every high-risk jurisdiction among the facts that count, in the order located, registry,
    // operator, vendor, resolver, registrant; no repeats. A counter-example vendor's country and
    // registrant address do not count.
    std::vector<std::string> jurisdictions;

    // Controlled from (rather than located in) a high-risk jurisdiction, as the exposure rules count it.
    bool controlled() const { return operated || vendor_controlled || registered || resolver; }
    // high_risk: located in, run by or made by a company controlled from a high-risk jurisdiction
    // (or, with no catalogued vendor, an IEEE registrant there); review: only a partial vendor or
    // only the registry country; clear otherwise.
    Verdict verdict() const;
};

class JurisdictionJudge {
public:
    explicit JurisdictionJudge(const Policy& policy) : policy_(policy) {}
    JurisdictionJudgement judge(const JurisdictionFacts& facts) const;

private:
    const Policy& policy_;
};

}  // namespace sovscan
