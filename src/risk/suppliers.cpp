// Register of suppliers (decree 409/2025 § 9) and the counterpart operators shown beside it,
// declared in risk/documents.h. docs/risk-method.md, "Register of suppliers", says who is a
// supplier, how one is keyed and when one is significant.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "risk/documents.h"
#include "risk/supplier_list.h"

namespace sovscan {

namespace {

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

void add_once(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && !contains(v, s)) v.push_back(s);
}

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

// What the supplier is to the asset, by how the asset was tied to it (merged_asset.h lists the
// bases). A cloud the device contacts makes its operator a service provider, never its maker.
const char* role_of_basis(const VendorAttribution& v) {
    if (v.basis == "vendor_cloud") return "service";
    if (v.basis == "model_origin") return "model";
    if (v.software || v.basis == "sbom_supplier" || v.basis == "purl_namespace") return "software";
    return "manufacturer";
}

// What a device finding says the vendor is to the asset.
const char* role_of_rule(RuleId rule) {
    switch (rule) {
        case RuleId::software_high_risk_vendor: return "software";
        case RuleId::model_high_risk_api:
        case RuleId::model_high_risk_local: return "model";
        default: return "manufacturer";
    }
}

// The manufacturer the operator's own inventory names: the CMDB's field, else another inventory
// input's (nmap, SBOM); what traffic announces is evidence of a catalogued maker only.
std::string inventory_manufacturer(const MergedAsset& a) {
    std::string other;
    for (const AssetAttribute& attr : a.attributes) {
        if (attr.name != "manufacturer" || attr.source.kind == AssetSourceKind::traffic) continue;
        if (attr.source.kind == AssetSourceKind::cmdb) return attr.value;
        if (other.empty()) other = attr.value;
    }
    return other;
}

class SupplierIndex {
public:
    explicit SupplierIndex(const Policy& policy) : policy_(policy) {}

    // The supplier with catalog vendor id `id`, or (no id) with the normalised `name`; null when
    // neither names one.
    SupplierEntry* vendor(const std::string& id, const std::string& name, const std::string& country, bool counter_example) {
        const std::string key = id.empty() ? normalised_supplier_name(name) : id;
        if (key.empty()) return nullptr;
        auto [it, fresh] = suppliers_.try_emplace((id.empty() ? "name:" : "id:") + key);
        SupplierEntry& s = it->second;
        if (fresh) {
            s.kind = "vendor";
            s.id = key;
            s.catalogued = !id.empty();
            s.name = name;
        }
        if (s.jurisdiction.empty()) s.jurisdiction = country;
        add_once(s.aliases, name);
        // A counter-example (prc_linked=no) is never high-risk whatever its country (JurisdictionJudge).
        if (!counter_example && policy_.is_high_risk(country)) s.high_risk = true;
        return &s;
    }

    CounterpartOperator& counterpart(const std::string& name, const std::string& country) {
        CounterpartOperator& c = operators_[name];
        c.name = name;
        if (c.jurisdiction.empty()) c.jurisdiction = country;
        if (policy_.is_high_risk(country)) c.high_risk = true;
        return c;
    }

    // The supplier a row of the operator's list names: by catalog id, else by normalised name
    // (its own or any name the inputs gave it); null when the evidence did not show it.
    SupplierEntry* listed(const std::string& written) {
        const std::string key = normalised_supplier_name(written);
        // "tp-link" or "TP-Link" for the catalog's tp-link.
        for (auto& [k, s] : suppliers_)
            if (s.catalogued && (s.id == written || normalised_supplier_name(s.id) == key)) return &s;
        for (auto& [k, s] : suppliers_) {
            if (normalised_supplier_name(s.name) == key) return &s;
            for (const std::string& alias : s.aliases)
                if (normalised_supplier_name(alias) == key) return &s;
        }
        return nullptr;
    }

    std::map<std::string, uint64_t>& bytes_to() { return bytes_sent_; }
    std::map<std::string, SupplierEntry>& suppliers() { return suppliers_; }
    std::map<std::string, CounterpartOperator>& operators() { return operators_; }

private:
    const Policy& policy_;
    std::map<std::string, SupplierEntry> suppliers_;       // "id:<vendor id>" or "name:<normalised>"
    std::map<std::string, CounterpartOperator> operators_;  // by name
    std::map<std::string, uint64_t> bytes_sent_;            // by supplier id: data sent to its services
};

void depends(SupplierEntry* s, const std::string& asset_id, const std::string& basis, const char* role) {
    if (!s) return;
    add_once(s->asset_ids, asset_id);
    add_once(s->basis, basis);
    add_once(s->roles, role);
    auto it = std::find_if(s->dependencies.begin(), s->dependencies.end(),
                           [&](const SupplierDependency& d) { return d.asset_id == asset_id; });
    if (it == s->dependencies.end()) it = s->dependencies.insert(it, SupplierDependency{asset_id, {}, {}});
    add_once(it->roles, role);
    add_once(it->basis, basis);
}

// The designations of the supplier's vendor that a finding carries, as the register lists them.
void add_designations(SupplierEntry& s, const Finding& f) {
    if (!s.catalogued) return;
    for (const FindingDesignation& d : f.designations)
        if (d.vendor_id == s.id) {
            add_once(s.designations, fmt::format("{} ({})", d.list_name, d.listed_on));
            add_once(s.designations_cs, fmt::format("{} ({})", d.list_name_cs.empty() ? d.list_name : d.list_name_cs,
                                                    d.listed_on));
        }
}

// Manufacturers, software, model and service vendors of one asset, from what the inventory and the
// attribution say about it.
void collect_asset_suppliers(SupplierIndex& index, const MergedAsset& a) {
    bool catalogued_maker = false;
    for (const VendorAttribution& v : a.vendors) {
        if (v.vendor_id.empty()) continue;  // an uncatalogued OUI registrant: below
        const char* role = role_of_basis(v);
        catalogued_maker = catalogued_maker || std::string_view(role) == "manufacturer";
        SupplierEntry* s = index.vendor(v.vendor_id, v.vendor_name, v.controlled_by, v.prc_linked == "no");
        depends(s, a.id, v.basis, role);
    }
    for (const AssetTraffic::CloudContact& c : a.traffic->vendor_clouds) index.bytes_to()[c.vendor_id] += c.bytes_sent;
    // The maker when the catalog does not know it: the inventory's manufacturer field (always: the
    // operator wrote it), else the IEEE registrant of the MAC's OUI when nothing else names a maker.
    const std::string field = inventory_manufacturer(a);
    const bool field_catalogued = std::any_of(a.vendors.begin(), a.vendors.end(), [&](const VendorAttribution& v) {
        return !v.vendor_id.empty() && v.basis == "manufacturer" && v.value == field;
    });
    if (!field.empty() && !field_catalogued) depends(index.vendor("", field, "", false), a.id, "manufacturer", "manufacturer");
    if (field.empty() && !catalogued_maker)
        for (const VendorAttribution& v : a.vendors)
            if (v.vendor_id.empty() && v.basis == "mac_oui")
                depends(index.vendor("", v.vendor_name, v.registrant_country, false), a.id, v.basis, "manufacturer");
}

void collect_finding(SupplierIndex& index, const MergedAsset& a, const Finding& f) {
    const std::string rule(rule_info(f.rule).code);
    if (rule_info(f.rule).subject == RuleSubject::device) {
        // SOV-005 and SOV-007..010 name the vendor of the asset itself, its software or its model.
        const Asset& d = f.asset;
        SupplierEntry* s = index.vendor(d.mac_vendor_id, d.mac_vendor_name.empty() ? d.mac_organisation : d.mac_vendor_name,
                                        d.mac_vendor_controlled_by, false);
        depends(s, a.id, rule, role_of_rule(f.rule));
        if (s) add_designations(*s, f), ++s->findings;
        return;
    }
    if (rule_info(f.rule).subject != RuleSubject::traffic) return;
    const Counterpart& c = f.counterpart;
    // A catalogued vendor's service the asset uses (its cloud, its API): a supplier. The session an
    // outsider opened (SOV-003) makes its source no service of the operator's.
    if (!c.vendor_id.empty() && f.rule != RuleId::inbound_from_high_risk) {
        SupplierEntry* s = index.vendor(c.vendor_id, c.vendor_name, c.vendor_controlled_by, false);
        depends(s, a.id, rule, "service");
        if (s) add_designations(*s, f), ++s->findings;
        index.bytes_to()[c.vendor_id] += f.bytes_sent;
    }
    // The network behind the counterpart: a counterpart operator, never a supplier.
    const bool resolver = f.rule == RuleId::resolver_high_risk && !c.resolver_operator.empty();
    const std::string name = resolver ? c.resolver_operator : !c.operator_name.empty() ? c.operator_name : c.as_org;
    if (name.empty()) return;
    CounterpartOperator& op = index.counterpart(name, resolver ? c.resolver_controlled_by : c.operator_controlled_by);
    add_once(op.roles, f.rule == RuleId::inbound_from_high_risk ? "remote_party" : resolver ? "resolver" : "destination");
    add_once(op.counterparts, !c.names.empty() ? c.names[0].name : c.ip.to_string());
    add_once(op.asset_ids, a.id);
    add_once(op.rules, rule);
    ++op.findings;
}

// Significant supplier: the criteria of docs/risk-method.md, each from the register's evidence.
void judge_significance(SupplierEntry& s, const RiskRegister& reg, uint64_t bytes_to_services) {
    s.significance.clear();
    if (s.high_risk || !s.designations.empty()) s.significance.emplace_back("high_risk_jurisdiction");
    if (contains(s.basis, std::string("vendor_cloud"))) s.significance.emplace_back("remote_access");
    if (bytes_to_services > 0 || contains(s.basis, std::string("SOV-009")))
        s.significance.emplace_back("data");
    const bool supplies = contains(s.roles, std::string("manufacturer")) || contains(s.roles, std::string("software")) ||
                          contains(s.roles, std::string("model"));
    if (supplies && std::any_of(reg.assets.begin(), reg.assets.end(), [&](const ValuedAsset& a) {
            return contains(s.asset_ids, a.id) && std::max({a.c.value, a.i.value, a.a.value}) >= 3;
        }))
        s.significance.emplace_back("important_asset");
    s.significant = s.significance_override.empty() ? !s.significance.empty() : s.significance_override == "yes";
}

void merge_listed(SupplierIndex& index, const SupplierList& list) {
    for (const SupplierListRow& row : list.rows) {
        SupplierEntry* s = index.listed(row.supplier);
        if (!s) {  // the operator's supplier the evidence did not show: kept as listed
            s = index.vendor("", row.supplier, "", false);
            if (!s) continue;
            add_once(s->basis, "suppliers_file");
        }
        s->contract = row.contract;
        s->contact = row.contact;
        s->last_assessment = row.last_assessment;
        s->listed_at = row.listed_at;
        if (row.significant) s->significance_override = *row.significant ? "yes" : "no";
    }
}

}  // namespace

void fill_suppliers(RiskRegister& reg, std::span<const AssetWithFindings> assets, const Policy& policy,
                    const SupplierList* listed) {
    SupplierIndex index(policy);
    for (const AssetWithFindings& pair : assets) {
        collect_asset_suppliers(index, *pair.asset);
        for (const Finding* f : pair.findings) collect_finding(index, *pair.asset, *f);
    }
    if (listed) merge_listed(index, *listed);

    for (auto& [key, s] : index.suppliers()) {
        judge_significance(s, reg, s.catalogued ? index.bytes_to()[s.id] : 0);
        // The risks of its assets that name it.
        for (const RiskEntry& r : reg.risks)
            if (contains(s.asset_ids, r.asset_id) && intersects(s.aliases, r.vendors)) add_once(s.risk_ids, r.id);
        std::sort(s.risk_ids.begin(), s.risk_ids.end());
        reg.suppliers.push_back(std::move(s));
    }
    // High-risk suppliers first, then significant ones, then by the number of dependent assets;
    // ties by key (map order).
    std::stable_sort(reg.suppliers.begin(), reg.suppliers.end(), [](const SupplierEntry& a, const SupplierEntry& b) {
        if (a.high_risk != b.high_risk) return a.high_risk;
        if (a.significant != b.significant) return a.significant;
        return a.asset_ids.size() > b.asset_ids.size();
    });

    for (auto& [name, op] : index.operators()) {
        // Its risks: those of its assets resting on the evidence it stands for.
        for (const RiskEntry& r : reg.risks) {
            if (!contains(op.asset_ids, r.asset_id)) continue;
            const bool involved =
                (contains(op.roles, std::string("destination")) &&
                 (contains(r.triggers, std::string("located")) || contains(r.triggers, std::string("operated")))) ||
                (contains(op.roles, std::string("resolver")) && contains(r.triggers, std::string("resolver"))) ||
                (contains(op.roles, std::string("remote_party")) && contains(r.triggers, std::string("inbound")));
            if (involved) add_once(op.risk_ids, r.id);
        }
        std::sort(op.risk_ids.begin(), op.risk_ids.end());
        reg.counterpart_operators.push_back(std::move(op));
    }
    std::stable_sort(reg.counterpart_operators.begin(), reg.counterpart_operators.end(),
                     [](const CounterpartOperator& a, const CounterpartOperator& b) {
                         if (a.high_risk != b.high_risk) return a.high_risk;
                         return a.findings > b.findings;
                     });
}

}  // namespace sovscan
