#pragma once
// What is left of one asset's evidence once the operator's decisions are counted, so that the
// vulnerability can be derived again for the residual risk (docs/risk-method.md, "Residual risk"):
//   after exceptions: the findings a valid exception accepts are taken out, and so are the
//     asset's traffic facts that only they explain (bytes, an inbound session, a vendor-cloud
//     contact);
//   after applied measures: every finding or fact whose channel an applied measure closes is taken
//     out — a finding is closed when any of its evidence kinds is among the triggers of a measure
//     the policy marks `applied` (one flow to a vendor's cloud in CN is stopped by blocking CN or by
//     switching the vendor cloud off).
// RiskEvidenceCollector then collects from what is left exactly as from the whole.
#include <set>
#include <string>
#include <vector>

#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "risk/catalog.h"
#include "risk/settings.h"

namespace sovscan {

// An asset and the findings about it, as one stage of the residual computation sees them.
struct EvidenceScope {
    MergedAsset asset;
    std::vector<const Finding*> findings;
};

// A measure the policy marks applied, with the evidence kinds it answers (its catalog triggers;
// `vendor_device_high` answers `vendor_device`, `any` answers nothing in particular).
struct AppliedMeasure {
    std::string id;
    std::set<std::string> answers;
};

// The applied measures of the policy that the catalog knows, in catalog order.
std::vector<AppliedMeasure> applied_measures(const RiskCatalog& catalog, const RiskSettings& settings);

// The evidence kinds a finding stands for (located, operated, resolver, vendor_cloud, inbound,
// admin_port, vendor_device, model): the measures' trigger words.
std::set<std::string> finding_kinds(const Finding& f);

// The scope without the findings a valid exception accepts (Finding::suppressed_by).
EvidenceScope without_accepted(const MergedAsset& asset, const std::vector<const Finding*>& findings);

// The scope without what the applied measures close.
EvidenceScope without_answered(const EvidenceScope& scope, const std::vector<AppliedMeasure>& measures);

}  // namespace sovscan
