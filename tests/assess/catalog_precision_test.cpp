// Precision and recall of the whole catalog through `sovscan lookup`'s own path (Lookup::answer under
// the default policy: CN, HK, MO). The tests walk the catalog's rows, so a row added tomorrow is
// covered the day it is added, and each can fail:
// - a counter-example's (prc_linked=no) domains, hosts under them, IEEE names and the networks
//   catalogued as operated from outside the policy's jurisdictions are all `clear`;
// - a PRC-controlled vendor's domains are `high_risk`, a partial vendor's `review`;
// - look-alikes of every catalogued domain ("evil-<domain>", "<domain>.example.net") never take that
//   entry's vendor;
// - every sector the catalog must cover (issue 14) has PRC vendors with domains and non-PRC
//   competitors, and the catalog has the size that makes it an order of magnitude wider.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "assess/lookup.h"
#include "intel/catalog.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

class CatalogPrecision : public ::testing::Test {
protected:
    LookupAnswer ask(const std::string& query) { return Lookup(*intel_, policy_).answer(query); }
    bool high_risk_country(const std::string& c) const { return policy_.is_high_risk(c); }

    void SetUp() override {
        intel_ = test::installed_intel();
        ASSERT_NE(intel_, nullptr);
    }
    const Intel* intel_ = nullptr;
    Policy policy_;  // the default policy
};

TEST_F(CatalogPrecision, CounterExampleDomainsAreClear) {
    size_t checked = 0;
    std::vector<std::string> wrong;
    for (const DomainEntry& d : intel_->catalog().domains()) {
        const Vendor* v = intel_->vendor(d.vendor_id);
        if (!v || v->prc_linked != "no") continue;
        const std::string domain(d.domain);
        for (const std::string& name : {domain, d.match == "suffix" ? "eu-api.device." + domain : domain}) {
            LookupAnswer a = ask(name);
            ASSERT_TRUE(a.ok()) << name << ": " << a.error;
            if (a.verdict != Verdict::clear) wrong.push_back(name + " -> " + std::string(verdict_label(a.verdict)));
            ++checked;
        }
    }
    EXPECT_GE(checked, 1000u);
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " counter-example names not clear, e.g. " << wrong.front();
}

TEST_F(CatalogPrecision, PrcVendorDomainsAreHighRiskAndPartialOnesReview) {
    size_t high = 0, review = 0;
    std::vector<std::string> wrong;
    for (const DomainEntry& d : intel_->catalog().domains()) {
        const Vendor* v = intel_->vendor(d.vendor_id);
        if (!v || v->prc_linked == "no") continue;
        LookupAnswer a = ask(std::string(d.domain));
        // prc_linked=yes vendors are controlled from CN, HK or MO (validate_catalog); partial ones
        // (mixed ownership) are for review whatever their country.
        const Verdict expected = v->prc_linked == "partial" ? Verdict::review : Verdict::high_risk;
        if (a.verdict != expected)
            wrong.push_back(std::string(d.domain) + " (" + v->id + ") -> " + std::string(verdict_label(a.verdict)));
        (expected == Verdict::high_risk ? high : review) += 1;
    }
    EXPECT_GE(high, 5000u);
    EXPECT_GT(review, 0u);
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " wrong, e.g. " << wrong.front();
}

TEST_F(CatalogPrecision, LookAlikesOfCataloguedDomainsNeverTakeTheirVendor) {
    const Catalog& c = intel_->catalog();
    size_t checked = 0;
    for (const DomainEntry& d : c.domains()) {
        // A name under a look-alike registration is matched by nothing at all: no entry ends with
        // example.net, and "<domain>.example.net" must not be taken for <domain>.
        const std::string domain(d.domain);
        const DomainEntry* under = c.domain(domain + ".example.net");
        EXPECT_EQ(under, nullptr) << domain << ".example.net matched " << under->domain;
        // "evil-<domain>" may lie under a catalogued parent of the domain (evil-api.deepseek.com is
        // under deepseek.com), never under the domain itself.
        const std::string evil_name = "evil-" + domain;
        const DomainEntry* evil = c.domain(evil_name);
        if (evil) {
            const std::string parent = "." + std::string(evil->domain);
            EXPECT_NE(evil->domain, d.domain) << evil_name;
            EXPECT_TRUE(evil_name.size() > parent.size() &&
                        evil_name.compare(evil_name.size() - parent.size(), std::string::npos, parent) == 0)
                << evil_name << " matched " << evil->domain;
        }
        ++checked;
    }
    EXPECT_GE(checked, 5000u);
}

// data/lookalikes.csv: names a naive matcher would take for a catalogued vendor's. None resolves to
// the vendor it only looks like, whatever the other rows of the catalog say.
TEST_F(CatalogPrecision, LookAlikesNeverResolveToTheVendorTheyLookLike) {
    const Catalog& c = intel_->catalog();
    std::map<std::string, int> checked;
    for (const LookAlike& l : c.lookalikes()) {
        ASSERT_NE(c.vendor(l.looks_like), nullptr) << l.name;
        if (l.kind == "domain") {
            for (const std::string& name : {l.name, "www." + l.name}) {
                const DomainAnswer a = intel_->domain(name);
                if (a.vendor) EXPECT_NE(a.vendor->id, l.looks_like) << name;
            }
        } else if (l.kind == "ieee_org_name") {
            const auto macs = test::macs_assigned_to(l.name);
            EXPECT_FALSE(macs.empty()) << l.name << " has no assignment in the installed registry";
            for (const MacAddress& mac : macs) {
                const auto a = intel_->oui(mac);
                ASSERT_TRUE(a) << mac.to_string();
                if (a->vendor) EXPECT_NE(a->vendor->id, l.looks_like) << mac.to_string() << " " << l.name;
            }
        } else if (l.kind == "asn") {
            const AsnOperator* op = c.asn_operator(static_cast<uint32_t>(std::stoul(l.name)));
            if (op) EXPECT_FALSE(op->control_country == "CN" || op->control_country == "HK") << "AS" << l.name;
        } else if (l.kind == "brand") {
            for (const VendorNameMatch& m : c.vendors_named(l.name)) EXPECT_NE(m.entry->vendor_id, l.looks_like) << l.name;
        }
        ++checked[l.kind];
    }
    EXPECT_GE(checked["ieee_org_name"], 20);
    EXPECT_GE(checked["asn"], 5);
    EXPECT_GE(checked["brand"], 5);
    EXPECT_GE(checked["domain"], 1);
}

TEST_F(CatalogPrecision, CounterExampleOuiNamesAreClear) {
    size_t checked = 0;
    std::vector<std::string> wrong;
    for (const OuiVendorEntry& o : intel_->catalog().oui_vendors()) {
        const Vendor* v = intel_->vendor(o.vendor_id);
        if (!v || v->prc_linked != "no") continue;
        for (const MacAddress& mac : test::macs_assigned_to(o.ieee_org_name)) {
            LookupAnswer a = ask(mac.to_string());
            if (a.verdict != Verdict::clear) wrong.push_back(mac.to_string() + " " + o.ieee_org_name);
            ++checked;
        }
    }
    EXPECT_GE(checked, 500u);
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " counter-example MACs not clear, e.g. " << wrong.front();
}

TEST_F(CatalogPrecision, NetworksOperatedFromElsewhereAreClear) {
    size_t clear = 0, flagged = 0;
    for (const AsnOperator& op : intel_->catalog().asn_operators()) {
        LookupAnswer a = ask("AS" + std::to_string(op.asn));
        if (high_risk_country(op.control_country)) {
            EXPECT_EQ(a.verdict, Verdict::high_risk) << op.asn << " " << op.operator_name;
            ++flagged;
        } else {
            EXPECT_EQ(a.verdict, Verdict::clear) << op.asn << " " << op.operator_name;
            ++clear;
        }
    }
    EXPECT_GE(clear, 60u);  // the counter-example networks: clouds, carriers, CDNs of other countries
    EXPECT_GE(flagged, 270u);
}

// The sectors of issue 14: each has PRC-controlled vendors the catalog can name by domain, and
// non-PRC competitors it keeps clear.
TEST_F(CatalogPrecision, EverySectorHasPrcVendorsAndTheirCompetitors) {
    const Catalog& c = intel_->catalog();
    std::set<std::string> with_domains;
    for (const DomainEntry& d : c.domains()) with_domains.insert(std::string(d.vendor_id));
    std::set<std::string> with_ouis;
    for (const OuiVendorEntry& o : c.oui_vendors()) with_ouis.insert(o.vendor_id);
    std::map<std::string, int> prc, competitors;
    for (const Vendor& v : c.vendors()) {
        for (const std::string& cat : v.categories) {
            if (v.prc_linked == "yes" && with_domains.count(v.id)) ++prc[cat];
            if (v.prc_linked == "no" && (with_domains.count(v.id) || with_ouis.count(v.id))) ++competitors[cat];
        }
    }
    for (const char* sector :
         {"ecommerce", "social_media", "video", "maps", "travel", "payment", "games", "input_method", "browser",
          "smartphone", "consumer_electronics", "home_appliance", "smart_home", "robotics", "ev", "pv_inverter",
          "battery", "ev_charger", "iot_module", "router", "network_equipment", "ip_camera", "access_control", "drone",
          "server", "pc", "printer", "medical", "industrial_automation", "telecom", "cloud", "cdn", "llm_ai",
          "security_software"})
        EXPECT_GE(prc[sector], 2) << sector;
    for (const char* sector :
         {"smartphone", "consumer_electronics", "home_appliance", "smart_home", "robotics", "ev", "pv_inverter",
          "battery", "ev_charger", "iot_module", "router", "network_equipment", "ip_camera", "access_control", "drone",
          "server", "pc", "printer", "medical", "industrial_automation", "telecom", "cloud", "cdn", "llm_ai",
          "security_software", "ecommerce"})
        EXPECT_GE(competitors[sector], 2) << sector;
}

TEST_F(CatalogPrecision, IsAnOrderOfMagnitudeWider) {
    const Catalog& c = intel_->catalog();
    size_t prc = 0, counter = 0;
    for (const Vendor& v : c.vendors()) {
        prc += v.prc_linked == "yes";
        counter += v.prc_linked == "no";
    }
    EXPECT_GE(prc, 600u);
    EXPECT_GE(counter, 300u);
    EXPECT_GE(c.domains().size(), 5000u);
}

}  // namespace
}  // namespace sovscan
