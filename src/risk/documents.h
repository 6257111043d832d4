#pragma once
// The documents of decree 409/2025 § 8-9 that follow from the risks: statement of applicability,
// risk-treatment plan and supplier register. Each builder fills its part of a register whose risks
// are already derived (risk_register_builder.cpp calls them in this order).
#include <span>
#include <vector>

#include "common/calendar_date.h"
#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "risk/catalog.h"
#include "risk/register.h"
#include "risk/supplier_list.h"

namespace sovscan {

// An asset and the findings about it (matched by address or MAC), as the builder pairs them.
struct AssetWithFindings {
    const MergedAsset* asset = nullptr;
    std::vector<const Finding*> findings;
};

// Statement of applicability: a measure is applicable when some risk has evidence among its
// triggers; its status is the operator's decision (policy `risk: measures`) or, without one,
// in_plan (answers an open risk at medium or above) or not_required (only low or accepted risks).
// Also links each risk to its applicable measures (RiskEntry::measure_ids).
void fill_applicability(RiskRegister& reg, const RiskCatalog& catalog, const RiskSettings& settings);

// Treatment plan: one item per applicable measure that is neither applied nor refused and answers
// an open risk at medium or above. Owner and deadline from the policy, else the assets' common
// owner and `deadline_days`, else left empty ("to be decided"): never invented.
void fill_treatment(RiskRegister& reg, const RiskCatalog& catalog, const RiskSettings& settings, CalendarDate today);

// Supplier register: the organisations the operator buys from or depends on — manufacturers,
// software and model vendors, the services its assets use — each keyed by catalog vendor id or
// else by normalised name, with its jurisdiction, dependants, findings, risks and significance,
// merged with the operator's own list (`listed`, may be null). The network operators of the
// findings' counterparts go to reg.counterpart_operators, apart. Needs the risks and valued assets.
void fill_suppliers(RiskRegister& reg, std::span<const AssetWithFindings> assets, const Policy& policy,
                    const SupplierList* listed = nullptr);

}  // namespace sovscan
