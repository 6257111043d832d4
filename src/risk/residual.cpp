#include "risk/residual.h"

#include <algorithm>
#include <functional>

namespace sovscan {

namespace {

bool is_traffic(const Finding& f) { return rule_info(f.rule).subject == RuleSubject::traffic; }

// The vendor whose cloud a finding shows the asset using ("" for none; an inbound session's source
// is no service the asset uses).
const std::string& cloud_vendor(const Finding& f) {
    static const std::string none;
    return f.rule == RuleId::inbound_from_high_risk ? none : f.counterpart->vendor_id;
}

// Takes the findings `drop` selects out of the scope, with the asset's traffic facts that only they
// explain: their bytes, the inbound session when no kept finding is one, the vendor-cloud contacts
// of vendors no kept finding names.
EvidenceScope drop_findings(const EvidenceScope& in, const std::function<bool(const Finding&)>& drop) {
    EvidenceScope out{in.asset, {}};
    std::vector<const Finding*> dropped;
    for (const Finding* f : in.findings) (drop(*f) ? dropped : out.findings).push_back(f);
    if (dropped.empty()) return out;

    AssetTraffic& t = out.asset.traffic.edit();
    auto kept_any = [&](const std::function<bool(const Finding&)>& p) {
        return std::any_of(out.findings.begin(), out.findings.end(), [&](const Finding* f) { return p(*f); });
    };
    for (const Finding* f : dropped) {
        if (!is_traffic(*f)) continue;
        t.high_risk_bytes_sent -= std::min(t.high_risk_bytes_sent, f->bytes_sent);
        if (f->rule == RuleId::inbound_from_high_risk) {
            if (!kept_any([](const Finding& k) { return k.rule == RuleId::inbound_from_high_risk; }))
                t.inbound_from_high_risk = t.admin_port_inbound = false;
            else if (!kept_any([](const Finding& k) { return k.rule == RuleId::inbound_from_high_risk && !k.services.empty(); }))
                t.admin_port_inbound = false;
        }
        const std::string& vendor = cloud_vendor(*f);
        if (vendor.empty() || kept_any([&](const Finding& k) { return cloud_vendor(k) == vendor; })) continue;
        std::erase_if(t.vendor_clouds, [&](const AssetTraffic::CloudContact& c) { return c.vendor_id == vendor; });
        std::erase_if(out.asset.vendors,
                      [&](const VendorAttribution& v) { return v.vendor_id == vendor && v.basis == "vendor_cloud"; });
    }
    return out;
}

}  // namespace

std::vector<AppliedMeasure> applied_measures(const RiskCatalog& catalog, const RiskSettings& settings) {
    std::vector<AppliedMeasure> out;
    for (const MeasureEntry& m : catalog.measures()) {
        auto it = settings.measures.find(m.id);
        if (it == settings.measures.end() || it->second.status != "applied") continue;
        AppliedMeasure a{m.id, {}};
        for (const std::string& t : m.triggers) {
            if (t == "any") continue;  // e.g. monitoring: it detects, it closes no channel
            a.answers.insert(t == "vendor_device_high" ? "vendor_device" : t);
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::set<std::string> finding_kinds(const Finding& f) {
    std::set<std::string> k;
    switch (f.rule) {
        case RuleId::egress_located_high_risk: k.insert("located"); break;
        case RuleId::egress_operator_high_risk: k.insert("operated"); break;
        case RuleId::resolver_high_risk: k.insert("resolver"); break;
        case RuleId::inbound_from_high_risk:
            k.insert("inbound");
            if (!f.services.empty()) k.insert("admin_port");
            break;
        case RuleId::device_high_risk_vendor:
        case RuleId::asset_high_risk_vendor:
        case RuleId::software_high_risk_vendor: k.insert("vendor_device"); break;
        case RuleId::model_high_risk_api:
        case RuleId::model_high_risk_local: k.insert("model"); break;
        default: break;
    }
    if (!cloud_vendor(f).empty() && is_traffic(f)) k.insert("vendor_cloud");
    return k;
}

EvidenceScope without_accepted(const MergedAsset& asset, const std::vector<const Finding*>& findings) {
    return drop_findings(EvidenceScope{asset, findings}, [](const Finding& f) { return f.suppressed(); });
}

EvidenceScope without_answered(const EvidenceScope& scope, const std::vector<AppliedMeasure>& measures) {
    std::set<std::string> answered;
    for (const AppliedMeasure& m : measures) answered.insert(m.answers.begin(), m.answers.end());
    if (answered.empty()) return scope;
    auto has = [&](const char* kind) { return answered.count(kind) > 0; };
    EvidenceScope out = drop_findings(scope, [&](const Finding& f) {
        const std::set<std::string> kinds = finding_kinds(f);
        return std::any_of(kinds.begin(), kinds.end(), [&](const std::string& k) { return answered.count(k) > 0; });
    });
    AssetTraffic& t = out.asset.traffic.edit();
    if (has("inbound")) t.inbound_from_high_risk = t.admin_port_inbound = false;
    if (has("admin_port")) t.admin_port_inbound = false;
    if (has("vendor_cloud")) t.vendor_clouds.clear();
    std::erase_if(out.asset.vendors, [&](const VendorAttribution& v) {
        if (v.basis == "vendor_cloud") return has("vendor_cloud");
        if (v.basis == "model_origin") return has("model");
        return has("vendor_device");
    });
    return out;
}

}  // namespace sovscan
