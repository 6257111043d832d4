// The one decision of which facts make a counterpart high-risk, on synthetic facts: each fact on
// its own, the vendor's prc_linked levels, and the list of jurisdictions involved.
#include <gtest/gtest.h>

#include "assess/jurisdiction_judge.h"

namespace sovscan {
namespace {

Vendor vendor(const char* control, const char* prc_linked) {
    Vendor v;
    v.id = "v";
    v.control_country = control;
    v.prc_linked = prc_linked;
    return v;
}

class Judge : public ::testing::Test {
protected:
    Policy policy;  // CN, HK, MO
    JurisdictionJudge judge{policy};
};

TEST_F(Judge, NoFactsIsClear) {
    auto j = judge.judge({});
    EXPECT_EQ(j.verdict(), Verdict::clear);
    EXPECT_FALSE(j.controlled());
    EXPECT_TRUE(j.jurisdictions.empty());
}

TEST_F(Judge, LocatedOperatedOrResolverIsHighRisk) {
    JurisdictionFacts located;
    located.located_in = "CN";
    EXPECT_TRUE(judge.judge(located).located);
    EXPECT_EQ(judge.judge(located).verdict(), Verdict::high_risk);

    JurisdictionFacts operated;
    operated.located_in = "DE";  // an Alibaba Cloud region abroad
    operated.operator_controlled_by = "CN";
    auto j = judge.judge(operated);
    EXPECT_FALSE(j.located);
    EXPECT_TRUE(j.operated && j.controlled());
    EXPECT_EQ(j.verdict(), Verdict::high_risk);
    EXPECT_EQ(j.jurisdictions, std::vector<std::string>{"CN"});

    JurisdictionFacts resolver;
    resolver.resolver_controlled_by = "CN";
    EXPECT_EQ(judge.judge(resolver).verdict(), Verdict::high_risk);
}

TEST_F(Judge, RegistryCountryAloneIsReview) {
    JurisdictionFacts f;
    f.located_in = "US";
    f.registry_country = "HK";
    auto j = judge.judge(f);
    EXPECT_TRUE(j.registered);
    EXPECT_TRUE(j.controlled());  // the exposure rules still count it
    EXPECT_EQ(j.verdict(), Verdict::review);
    EXPECT_EQ(j.jurisdictions, std::vector<std::string>{"HK"});
}

TEST_F(Judge, VendorLevels) {
    Vendor yes = vendor("CN", "yes"), partial = vendor("US", "partial"), no = vendor("CN", "no"),
           partial_cn = vendor("CN", "partial");
    JurisdictionFacts f;
    f.vendor = &yes;
    EXPECT_TRUE(judge.judge(f).vendor_controlled);
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::high_risk);

    f.vendor = &partial;
    auto j = judge.judge(f);
    EXPECT_FALSE(j.vendor_controlled);
    EXPECT_TRUE(j.vendor_review);
    EXPECT_EQ(j.verdict(), Verdict::review);

    // A counter-example is never flagged, even with a control country in the set.
    f.vendor = &no;
    j = judge.judge(f);
    EXPECT_FALSE(j.vendor_controlled || j.vendor_review);
    EXPECT_EQ(j.verdict(), Verdict::clear);
    EXPECT_TRUE(j.jurisdictions.empty());

    // Partial stays review even when its control country is in the set.
    f.vendor = &partial_cn;
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::review);
}

TEST_F(Judge, RegistrantCountsOnlyWithoutACataloguedVendor) {
    JurisdictionFacts f;
    f.registrant_country = "CN";
    EXPECT_TRUE(judge.judge(f).registrant);
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::high_risk);

    Vendor samsung = vendor("KR", "no");
    f.vendor = &samsung;
    EXPECT_FALSE(judge.judge(f).registrant);
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::clear);
    EXPECT_TRUE(judge.judge(f).jurisdictions.empty());  // the counter-example decides, not the address

    // A partial vendor's registrant address still names the jurisdiction involved.
    Vendor partial = vendor("US", "partial");
    f.vendor = &partial;
    f.registrant_country = "HK";
    EXPECT_EQ(judge.judge(f).jurisdictions, std::vector<std::string>{"HK"});
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::review);
}

TEST_F(Judge, JurisdictionsInOrderWithoutRepeats) {
    Vendor yes = vendor("CN", "yes");
    JurisdictionFacts f;
    f.located_in = "HK";
    f.registry_country = "CN";
    f.operator_controlled_by = "CN";
    f.vendor = &yes;
    f.resolver_controlled_by = "MO";
    auto j = judge.judge(f);
    EXPECT_EQ(j.jurisdictions, (std::vector<std::string>{"HK", "CN", "MO"}));
}

TEST_F(Judge, PolicyDecidesNotCode) {
    policy.high_risk_jurisdictions = {"RU"};
    JurisdictionFacts f;
    f.located_in = "CN";
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::clear);
    f.located_in = "RU";
    EXPECT_EQ(judge.judge(f).verdict(), Verdict::high_risk);
}

TEST(VerdictLabel, Names) {
    EXPECT_EQ(verdict_label(Verdict::high_risk), "high_risk");
    EXPECT_EQ(verdict_label(Verdict::review), "review");
    EXPECT_EQ(verdict_label(Verdict::clear), "clear");
}

}  // namespace
}  // namespace sovscan
