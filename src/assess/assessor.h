#pragma once
// Turns exposures and device sightings, enriched with intel, into findings under the policy.
#include <string>
#include <vector>

#include "assess/evidence_citer.h"
#include "assess/exposure.h"
#include "assess/finding.h"
#include "assess/jurisdiction_judge.h"
#include "assess/policy.h"
#include "enrich/enricher.h"

namespace sovscan {

// Every local link-layer address seen, with who made it (for the device inventory in reports).
struct DeviceRecord {
    MacAddress mac;
    std::vector<IpAddress> ips;
    uint64_t frames = 0;
    int64_t first_ns = 0, last_ns = 0;
    bool locally_administered = false;
    std::string organisation, registrant_country, oui_prefix, registry;
    std::string vendor_id, vendor_name, vendor_controlled_by, prc_linked;
};

class Assessor {
public:
    Assessor(const Policy& policy, Enricher& enricher);

    // Findings, most severe first, then by bytes sent.
    std::vector<Finding> assess(const ExposureAggregator& agg);
    std::vector<DeviceRecord> devices(const ExposureAggregator& agg);
    // Whether assess() would make a finding of `e` as it stands (the memory bound keeps those).
    bool makes_finding(const Exposure& e);
    // Whether assess() would make a finding of a device with this MAC.
    bool device_makes_finding(const MacAddress& mac);
    // ExposureTriage::addresses_high_risk and names_high_risk, judged as assess() judges.
    bool addresses_high_risk(const Exposure& e);
    bool names_high_risk(const Exposure& e);

private:
    void assess_exposure(const Exposure& e, std::vector<Finding>& out);
    void assess_device(const DeviceRecord& d, std::vector<Finding>& out);
    // The device record of a sighting, with who made the interface.
    DeviceRecord describe_device(const DeviceSighting& d);
    // Where an address is and who runs its network, judged (located, registered, operated).
    JurisdictionJudgement judge_address(const IpAddress& ip);
    Counterpart describe(const Exposure& e, std::vector<Evidence>& evidence, const Vendor*& name_vendor,
                         std::string& name_how);

    const Policy& policy_;
    Enricher& enricher_;
    JurisdictionJudge judge_;
    EvidenceCiter cite_;
    std::vector<Finding> scratch_;  // makes_finding's, reused
};

// The memory bound's triage (ExposureLimits): an exposure stays when the Assessor makes a finding
// of it; a folded counterpart's group is its country by geolocation and its announcing network.
class AssessorTriage : public ExposureTriage {
public:
    AssessorTriage(Assessor& assessor, Enricher& enricher) : assessor_(assessor), enricher_(enricher) {}
    bool addresses_high_risk(const Exposure& e) override { return assessor_.addresses_high_risk(e); }
    bool names_high_risk(const Exposure& e) override { return assessor_.names_high_risk(e); }
    bool makes_finding(const Exposure& e) override { return assessor_.makes_finding(e); }
    bool device_makes_finding(const MacAddress& mac) override { return assessor_.device_makes_finding(mac); }
    void place(const IpAddress& counterpart, FoldedExposures& group) override;

private:
    Assessor& assessor_;
    Enricher& enricher_;
};

}  // namespace sovscan
