#pragma once
// The one entry point of the risk analysis: findings (after ExceptionApplier) and merged assets in,
// the register with its four documents out (risk/register.h). `sovscan risk` calls it.
#include <span>
#include <string>
#include <vector>

#include "common/calendar_date.h"
#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "risk/catalog.h"
#include "risk/register.h"
#include "risk/supplier_list.h"

namespace sovscan {

// Where the evidence and the knowledge came from (issue 15's frame): the capture time span, the
// input files and the versions of the intel and catalog files. Empty for a register built from
// inventories alone.
struct RiskProvenance {
    bool has_traffic = false;
    int64_t first_ns = 0, last_ns = 0;  // first and last packet, Unix ns
    std::vector<std::string> inputs;
    std::vector<KnowledgeVersion> knowledge;
};

struct RiskInputs {
    std::span<const MergedAsset> assets;
    std::span<const Finding> findings;  // with exceptions applied (suppressed_by, SOV-006)
    const Policy& policy;
    const RiskCatalog& catalog;
    CalendarDate today;  // the assessment date: deadlines and exception expiry count from it
    RiskProvenance provenance{};
    const SupplierList* suppliers = nullptr;  // the operator's list (--suppliers), issue 15 item 8
};

RiskRegister build_risk_register(const RiskInputs& in);

// Problems of the policy's `risk:` section that need the catalog: threat and measure ids it does
// not have. Each "<policy file>:<line>: ..." (values escaped).
std::vector<std::string> check_risk_settings(const RiskSettings& settings, const RiskCatalog& catalog);

}  // namespace sovscan
