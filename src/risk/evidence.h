#pragma once
// What the findings and the merged asset say about one asset under one threat: the findings the
// threat concerns, and the kinds of evidence among them (the measures' triggers). The threat
// applies to the asset when there is any such evidence. VulnerabilityDeriver turns it into a level.
#include <cstdint>
#include <string>
#include <vector>

#include "assess/finding.h"
#include "assess/merged_asset.h"
#include "assess/policy.h"
#include "risk/catalog.h"

namespace sovscan {

struct RiskEvidence {
    std::vector<const Finding*> findings;  // the threat's findings of this asset (never SOV-006)
    bool located = false;       // SOV-001: data sent to a server located in the threat's jurisdictions
    bool operated = false;      // SOV-002: ... to a server operated from there
    bool resolver = false;      // SOV-004
    bool vendor_cloud = false;  // the asset contacts the service of a vendor the threat concerns
    bool vendor_device = false; // the asset is made by such a vendor (inventory, OUI, SOV-005)
    bool inbound = false;       // SOV-003 or the asset's traffic: a session opened from there
    bool admin_port = false;    // ... to a management or ICS port
    bool model = false;         // the asset holds an AI model by such a vendor
    bool models_local_only = false;  // all such models have local weights (none is a config only)
    uint64_t bytes_sent = 0;    // to the threat's counterparts
    std::vector<std::string> counterparts;  // names or addresses, raw, each once
    std::vector<std::string> services;      // SSH/22 ...
    std::vector<std::string> vendor_names;  // raw, each once
    std::vector<std::string> vendor_bases;  // how the vendor was attributed (mac_oui, manufacturer, ...)
    std::vector<std::string> model_names;
    // Valid policy exceptions that accept the asset itself (PolicyException::accepts_asset): the
    // decision for a risk with no finding to cover. Filled by the register builder, which knows
    // the day.
    std::vector<ExceptionRef> asset_exceptions;

    bool any() const {
        return located || operated || resolver || vendor_cloud || vendor_device || inbound || model || !findings.empty();
    }
    bool traffic() const { return located || operated || resolver || vendor_cloud || inbound || bytes_sent > 0; }
    // The trigger words of data/measures.csv present here (vendor_device_high and any are added by
    // the builder, which knows the level).
    std::vector<std::string> triggers() const;
};

class RiskEvidenceCollector {
public:
    explicit RiskEvidenceCollector(const Policy& policy) : policy_(policy) {}

    // `findings`: every finding about the asset (SOV-006 ignored).
    RiskEvidence collect(const MergedAsset& asset, const std::vector<const Finding*>& findings,
                         const ThreatEntry& threat) const;

private:
    const Policy& policy_;
};

}  // namespace sovscan
