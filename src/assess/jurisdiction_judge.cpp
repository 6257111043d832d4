#include "assess/jurisdiction_judge.h"

#include <algorithm>

namespace sovscan {

std::string_view verdict_label(Verdict v) {
    switch (v) {
        case Verdict::high_risk: return "high_risk";
        case Verdict::review: return "review";
        case Verdict::clear: break;
    }
    return "clear";
}

Verdict JurisdictionJudgement::verdict() const {
    if (located || operated || resolver || registrant || (vendor_controlled && !vendor_review)) return Verdict::high_risk;
    if (vendor_review || registered) return Verdict::review;
    return Verdict::clear;
}

JurisdictionJudgement JurisdictionJudge::judge(const JurisdictionFacts& f) const {
    JurisdictionJudgement j;
    auto note = [&](const std::string& iso) {
        if (policy_.is_high_risk(iso) && std::find(j.jurisdictions.begin(), j.jurisdictions.end(), iso) == j.jurisdictions.end())
            j.jurisdictions.push_back(iso);
    };
    j.located = policy_.is_high_risk(f.located_in);
    j.registered = policy_.is_high_risk(f.registry_country);
    j.operated = policy_.is_high_risk(f.operator_controlled_by);
    j.resolver = policy_.is_high_risk(f.resolver_controlled_by);
    // A counter-example vendor (prc_linked=no) is never flagged, whatever its control country.
    const bool linked = f.vendor && f.vendor->prc_linked != "no";
    j.vendor_controlled = linked && policy_.is_high_risk(f.vendor->control_country);
    j.vendor_review = f.vendor && f.vendor->prc_linked == "partial";
    // The registrant's address speaks only when the catalog does not know the organisation.
    j.registrant = !f.vendor && policy_.is_high_risk(f.registrant_country);

    note(f.located_in);
    note(f.registry_country);
    note(f.operator_controlled_by);
    if (linked) note(f.vendor->control_country);
    note(f.resolver_controlled_by);
    // A counter-example's subsidiary may be registered at an address in the set; the catalogued
    // vendor, not that address, decides, so no jurisdiction is involved.
    if (!f.vendor || linked) note(f.registrant_country);
    return j;
}

}  // namespace sovscan
