// A synthetic assessment of the catalog's counter-examples (prc_linked=no) under the default policy:
// met as a server name or as a device's MAC, none of them is ever judged high-risk — while every
// PRC-linked vendor controlled from a high-risk jurisdiction is, so the check can fail. Walks the
// catalog rows; no vendor is named here.
#include <gtest/gtest.h>

#include "assess/jurisdiction_judge.h"
#include "intel/catalog.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

class CounterExamplesJudge : public ::testing::Test {
protected:
    // Every way a judgement can come out against the vendor.
    void expect_never_flagged(const JurisdictionFacts& facts, const std::string& what) {
        JurisdictionJudgement j = judge.judge(facts);
        EXPECT_FALSE(j.vendor_controlled) << what;
        EXPECT_FALSE(j.vendor_review) << what;
        EXPECT_FALSE(j.registrant) << what;
        EXPECT_NE(j.verdict(), Verdict::high_risk) << what;
        EXPECT_TRUE(j.jurisdictions.empty()) << what;
    }
    Policy policy;  // default: CN, HK, MO
    JurisdictionJudge judge{policy};
};

TEST_F(CounterExamplesJudge, AsTheVendorOfAServerName) {
    SOVSCAN_REQUIRE_INTEL(intel);
    size_t judged = 0;
    for (const auto& d : intel->catalog().domains()) {
        const Vendor* owner = intel->vendor(d.vendor_id);
        if (!owner || owner->prc_linked != "no") continue;
        JurisdictionFacts facts;
        const std::string domain(d.domain);
        facts.vendor = intel->domain(d.match == "exact" ? domain : "www." + domain).vendor;
        ASSERT_NE(facts.vendor, nullptr) << domain;
        expect_never_flagged(facts, domain);
        ++judged;
    }
    EXPECT_GT(judged, 0u);
}

TEST_F(CounterExamplesJudge, AsTheVendorOfADevicesMac) {
    SOVSCAN_REQUIRE_INTEL(intel);
    size_t judged = 0;
    for (const auto& o : intel->catalog().oui_vendors()) {
        const Vendor* owner = intel->vendor(o.vendor_id);
        if (!owner || owner->prc_linked != "no") continue;
        for (const MacAddress& mac : test::macs_assigned_to(o.ieee_org_name)) {
            auto a = intel->oui(mac);
            ASSERT_TRUE(a) << mac.to_string();
            JurisdictionFacts facts;
            facts.vendor = a->vendor;
            // A counter-example's subsidiary may be registered at an address in the PRC; the
            // catalogued vendor, not that address, decides.
            facts.registrant_country = a->country;
            expect_never_flagged(facts, mac.to_string() + " " + a->organisation);
            ++judged;
        }
    }
    EXPECT_GT(judged, 0u);
}

TEST_F(CounterExamplesJudge, WhilePrcLinkedVendorsAreFlagged) {
    SOVSCAN_REQUIRE_INTEL(intel);
    size_t flagged = 0;
    for (const auto& v : intel->vendors()) {
        if (v.prc_linked != "yes" || !policy.is_high_risk(v.control_country)) continue;
        JurisdictionFacts facts;
        facts.vendor = &v;
        EXPECT_EQ(judge.judge(facts).verdict(), Verdict::high_risk) << v.id;
        ++flagged;
    }
    EXPECT_GT(flagged, 100u);
}

}  // namespace
}  // namespace sovscan
