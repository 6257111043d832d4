#include "assess/policy_exception.h"

#include <algorithm>

#include "assess/merged_asset.h"

namespace sovscan {

PolicyException::PolicyException(ExceptionMatch match, ExceptionRef ref) : match_(std::move(match)), ref_(std::move(ref)) {
    if (!match_.domain.empty()) domain_.add(match_.domain, 0);
}

bool PolicyException::asset_matches(const Asset& a) const {
    if (match_.asset_network && !(a.has_ip && match_.asset_network->contains(a.ip))) return false;
    if (match_.asset_mac && std::find(a.macs.begin(), a.macs.end(), *match_.asset_mac) == a.macs.end()) return false;
    return true;
}

// Every name, not just one: a counterpart that served an excepted vendor's name and another
// name as well must stay visible, or the exception would hide the other traffic.
bool PolicyException::names_match(const Counterpart& c) const {
    return !c.names.empty() && std::all_of(c.names.begin(), c.names.end(), [this](const ObservedName& n) {
        return domain_.match(n.name).has_value();
    });
}

bool PolicyException::accepts_asset(const MergedAsset& a) const {
    if (match_.counterpart || !match_.domain.empty()) return false;  // about traffic, not the asset
    if (match_.rule && *match_.rule != RuleId::device_high_risk_vendor) return false;
    if (!match_.asset_network && !match_.asset_mac && match_.vendor.empty()) return false;
    if (match_.asset_network &&
        std::none_of(a.ips.begin(), a.ips.end(), [&](const IpAddress& ip) { return match_.asset_network->contains(ip); }))
        return false;
    if (match_.asset_mac && std::find(a.macs.begin(), a.macs.end(), *match_.asset_mac) == a.macs.end()) return false;
    if (!match_.vendor.empty() && std::none_of(a.vendors.begin(), a.vendors.end(), [&](const VendorAttribution& v) {
            return v.vendor_id == match_.vendor;
        }))
        return false;
    return true;
}

bool PolicyException::matches(const Finding& f) const {
    const RuleSubject subject = rule_info(f.rule).subject;
    // An expired exception is reported, never excepted: renewing it is the way to silence it.
    if (subject == RuleSubject::policy) return false;
    if (match_.rule && *match_.rule != f.rule) return false;
    if (!asset_matches(f.asset)) return false;
    const bool traffic = subject == RuleSubject::traffic;
    if (match_.counterpart && !(traffic && match_.counterpart->contains(f.counterpart->ip))) return false;
    if (!match_.domain.empty() && !(traffic && names_match(f.counterpart))) return false;
    if (!match_.vendor.empty()) {
        const std::string& vendor = traffic ? f.counterpart->vendor_id : f.asset.mac_vendor_id.str();
        if (vendor != match_.vendor) return false;
    }
    return !match_.empty();
}

}  // namespace sovscan
