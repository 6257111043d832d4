// Register of suppliers (decree 409/2025 § 9), declared in risk/documents.h.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "risk/documents.h"

namespace sovscan {

namespace {

void add_once(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// The designations of the supplier's vendor that a finding carries, as the register lists them.
void add_designations(SupplierEntry& s, const Finding& f) {
    for (const FindingDesignation& d : f.designations)
        if (d.vendor_id == s.id) add_once(s.designations, fmt::format("{} ({})", d.list_name, d.listed_on));
}

class SupplierIndex {
public:
    explicit SupplierIndex(const Policy& policy) : policy_(policy) {}

    SupplierEntry& at(const std::string& kind, const std::string& id, const std::string& name, const std::string& country,
                      bool counter_example) {
        auto [it, fresh] = entries_.try_emplace(kind + ":" + id);
        SupplierEntry& s = it->second;
        if (fresh) {
            s.kind = kind;
            s.id = id;
            s.name = name;
            s.jurisdiction = country;
        }
        // A counter-example (prc_linked=no) is never high-risk whatever its country (JurisdictionJudge).
        if (!counter_example && policy_.is_high_risk(country)) s.high_risk = true;
        return s;
    }
    std::vector<SupplierEntry> take() {
        std::vector<SupplierEntry> out;
        for (auto& [key, s] : entries_) out.push_back(std::move(s));
        // High-risk suppliers first, vendors before network operators, then by the number of
        // dependent assets; ties in key order.
        std::stable_sort(out.begin(), out.end(), [](const SupplierEntry& a, const SupplierEntry& b) {
            if (a.high_risk != b.high_risk) return a.high_risk;
            if (a.kind != b.kind) return a.kind == "vendor";
            return a.asset_ids.size() > b.asset_ids.size();
        });
        return out;
    }

private:
    const Policy& policy_;
    std::map<std::string, SupplierEntry> entries_;
};

}  // namespace

void fill_suppliers(RiskRegister& reg, std::span<const AssetWithFindings> assets, const Policy& policy) {
    SupplierIndex index(policy);
    for (const AssetWithFindings& pair : assets) {
        const MergedAsset& a = *pair.asset;
        for (const VendorAttribution& v : a.vendors) {
            SupplierEntry& s = index.at("vendor", v.vendor_id, v.vendor_name, v.controlled_by, v.prc_linked == "no");
            add_once(s.asset_ids, a.id);
            add_once(s.basis, v.basis);
        }
        for (const Finding* f : pair.findings) {
            const Counterpart& c = f->counterpart;
            const std::string rule(rule_info(f->rule).code);
            if (!c.vendor_id.empty()) {
                SupplierEntry& s = index.at("vendor", c.vendor_id, c.vendor_name, c.vendor_controlled_by, false);
                add_once(s.asset_ids, a.id);
                add_once(s.basis, rule);
                add_designations(s, *f);
                ++s.findings;
            }
            if (!f->asset.mac_vendor_id.empty() && f->rule == RuleId::device_high_risk_vendor) {
                SupplierEntry& s =
                    index.at("vendor", f->asset.mac_vendor_id, f->asset.mac_vendor_name, f->asset.mac_vendor_controlled_by, false);
                add_once(s.asset_ids, a.id);
                add_once(s.basis, rule);
                add_designations(s, *f);
                ++s.findings;
            }
            if (!c.operator_name.empty() && rule_info(f->rule).subject == RuleSubject::traffic) {
                SupplierEntry& s = index.at("operator", c.operator_name, c.operator_name, c.operator_controlled_by, false);
                add_once(s.asset_ids, a.id);
                add_once(s.basis, rule);
                ++s.findings;
            }
        }
    }
    reg.suppliers = index.take();
    // Which risks involve each supplier: the risks of its assets that name the vendor, or (an
    // operator) that rest on data sent to servers located in or run from a high-risk jurisdiction.
    auto has = [](const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    for (SupplierEntry& s : reg.suppliers)
        for (const RiskEntry& r : reg.risks) {
            if (!has(s.asset_ids, r.asset_id)) continue;
            const bool involved = s.kind == "vendor" ? has(r.vendors, s.name)
                                                     : has(r.triggers, "located") || has(r.triggers, "operated");
            if (involved) add_once(s.risk_ids, r.id);
        }
    for (SupplierEntry& s : reg.suppliers) std::sort(s.risk_ids.begin(), s.risk_ids.end());
}

}  // namespace sovscan
