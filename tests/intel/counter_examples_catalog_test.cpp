// The catalog's counter-examples (prc_linked=no: Axis, SMA, Fronius, Siemens, Samsung, Apple, ...)
// must never be flagged. Whatever the catalog gives them — domains, IEEE organisation names —
// resolves to them and to nothing PRC-linked. The tests walk the catalog rows; no vendor is named
// here, so a counter-example added to data/ is covered the day it is added.
// (tests/assess/counter_examples_judge_test.cpp judges the same answers under the default policy.)
#include <gtest/gtest.h>

#include <algorithm>

#include "intel/catalog.h"
#include "intel_fixture.h"

namespace sovscan {
namespace {

bool is_counter_example(const Vendor* v) { return v && v->prc_linked == "no"; }

TEST(CounterExamplesCatalog, AreCataloguedWithDomainsAndOuiNames) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const Catalog& c = intel->catalog();
    size_t vendors = 0, with_domains = 0, with_ouis = 0;
    for (const auto& v : c.vendors()) {
        if (!is_counter_example(&v)) continue;
        ++vendors;
        with_domains += std::any_of(c.domains().begin(), c.domains().end(),
                                    [&](const DomainEntry& d) { return d.vendor_id == v.id; });
        with_ouis += std::any_of(c.oui_vendors().begin(), c.oui_vendors().end(),
                                 [&](const OuiVendorEntry& o) { return o.vendor_id == v.id; });
    }
    // The six at least, each with something a scan can meet.
    EXPECT_GE(vendors, 6u);
    EXPECT_GE(with_domains, 6u);
    EXPECT_GE(with_ouis, 6u);
}

TEST(CounterExamplesCatalog, TheirDomainsResolveToThem) {
    SOVSCAN_REQUIRE_INTEL(intel);
    size_t checked = 0;
    for (const auto& d : intel->catalog().domains()) {
        const Vendor* owner = intel->vendor(d.vendor_id);
        if (!is_counter_example(owner)) continue;
        // The name itself, a host below it (for suffix entries) and the forms names take on the wire.
        const std::string domain(d.domain);
        std::vector<std::string> names = {domain, domain + "."};
        if (d.match == "suffix") names.push_back("Host-1.Api." + domain);
        for (const auto& name : names) {
            DomainAnswer a = intel->domain(name);
            ASSERT_NE(a.vendor, nullptr) << name;
            EXPECT_EQ(a.vendor->id, owner->id) << name << " matched " << a.entry->domain;
            EXPECT_TRUE(is_counter_example(a.vendor)) << name;
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
}

TEST(CounterExamplesCatalog, TheirOuiNamesResolveToThem) {
    SOVSCAN_REQUIRE_INTEL(intel);
    size_t checked = 0;
    for (const auto& o : intel->catalog().oui_vendors()) {
        const Vendor* owner = intel->vendor(o.vendor_id);
        if (!is_counter_example(owner)) continue;
        const auto macs = test::macs_assigned_to(o.ieee_org_name);
        EXPECT_FALSE(macs.empty()) << o.ieee_org_name << " has no assignment in the installed registry";
        for (const MacAddress& mac : macs) {
            auto a = intel->oui(mac);
            ASSERT_TRUE(a) << mac.to_string() << " (" << o.ieee_org_name << ")";
            ASSERT_NE(a->vendor, nullptr) << mac.to_string() << " " << a->organisation;
            EXPECT_EQ(a->vendor->id, owner->id) << mac.to_string() << " " << a->organisation;
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
}

TEST(CounterExamplesCatalog, NoPrcLinkedOwnerAboveThem) {
    // A counter-example whose catalogued parent is PRC-linked would be a contradiction in the data.
    SOVSCAN_REQUIRE_INTEL(intel);
    for (const auto& v : intel->vendors()) {
        if (!is_counter_example(&v)) continue;
        if (const Vendor* parent = intel->vendor(v.parent)) {
            EXPECT_TRUE(is_counter_example(parent)) << v.id << " has parent " << parent->id;
        }
    }
}

}  // namespace
}  // namespace sovscan
