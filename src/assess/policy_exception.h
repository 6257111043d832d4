#pragma once
// One decision of the operator: findings of a given shape are accepted, for a stated reason, by a
// named owner, until a date. Exceptions never hide a finding; ExceptionApplier marks what they cover.
#include <optional>
#include <string>

#include "common/calendar_date.h"
#include "assess/finding.h"
#include "assess/rules.h"
#include "common/ip_address.h"
#include "common/mac_address.h"
#include "intel/domain_matcher.h"

namespace sovscan {

struct MergedAsset;  // assess/merged_asset.h, which reaches this header through the policy

// What an exception covers. Every criterion given must hold; one absent matches anything.
struct ExceptionMatch {
    std::optional<Cidr> asset_network;     // the local side's address (a single address is a /32 or /128)
    std::optional<MacAddress> asset_mac;   // or one of the local side's link-layer addresses
    std::optional<Cidr> counterpart;       // the remote side's address
    std::string domain;                    // normalised; every observed server name must lie under it
    std::string vendor;                    // catalog vendor id, of the counterpart or of the device
    std::optional<RuleId> rule;

    bool empty() const {
        return !asset_network && !asset_mac && !counterpart && domain.empty() && vendor.empty() && !rule;
    }
};

class PolicyException {
public:
    // `match.domain` must be normalised and well formed (the policy file reader checks it).
    PolicyException(ExceptionMatch match, ExceptionRef ref);

    const ExceptionMatch& match() const { return match_; }
    const ExceptionRef& ref() const { return ref_; }

    bool matches(const Finding& f) const;
    // Accepts a merged asset itself, for a risk that rests on inventory facts with no finding to
    // cover (a PRC vendor's camera in the CMDB that the capture never saw talk): an exception that
    // names only the asset's side — its address, MAC or vendor, at least one of them — and no rule
    // but SOV-005 (the device rule), each named criterion met by the asset.
    bool accepts_asset(const MergedAsset& a) const;
    // Valid through its expiry day; from the day after, it suppresses nothing.
    bool expired_on(const CalendarDate& today) const { return today > ref_.expires; }

private:
    bool asset_matches(const Asset& a) const;
    bool names_match(const Counterpart& c) const;

    ExceptionMatch match_;
    ExceptionRef ref_;
    DomainSuffixMatcher domain_;  // holds match_.domain: label-boundary suffix matching
};

}  // namespace sovscan
