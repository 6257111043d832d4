#include "risk/evidence.h"

#include <algorithm>

namespace sovscan {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return !s.empty() && std::find(v.begin(), v.end(), s) != v.end();
}

void add_once(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && !contains(v, s)) v.push_back(s);
}

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

}  // namespace

std::vector<std::string> RiskEvidence::triggers() const {
    std::vector<std::string> t;
    if (located) t.push_back("located");
    if (operated) t.push_back("operated");
    if (resolver) t.push_back("resolver");
    if (vendor_cloud) t.push_back("vendor_cloud");
    if (vendor_device) t.push_back("vendor_device");
    if (inbound) t.push_back("inbound");
    if (admin_port) t.push_back("admin_port");
    if (model) t.push_back("model");
    return t;
}

RiskEvidence RiskEvidenceCollector::collect(const MergedAsset& asset, const std::vector<const Finding*>& findings,
                                            const ThreatEntry& threat) const {
    RiskEvidence e;
    // A vendor the threat concerns: named by id, or (jurisdiction threats) PRC-linked and controlled
    // from one of its jurisdictions. prc_linked=partial is for review only, "no" never counts.
    auto vendor_concerned = [&](const std::string& id, const std::string& controlled_by, const std::string& prc_linked) {
        if (contains(threat.vendor_ids, id)) return true;
        return prc_linked == "yes" && contains(threat.jurisdictions, controlled_by);
    };

    for (const Finding* f : findings) {
        if (f->rule == RuleId::policy_exception_expired) continue;
        const bool by_jurisdiction = intersects(f->jurisdictions, threat.jurisdictions);
        const bool by_vendor = contains(threat.vendor_ids, f->counterpart->vendor_id) ||
                               contains(threat.vendor_ids, f->asset.mac_vendor_id);
        if (!by_jurisdiction && !by_vendor) continue;
        e.findings.push_back(f);
        const std::string counterpart =
            !f->counterpart->names.empty() ? f->counterpart->names[0].name : f->counterpart->ip.to_string();
        switch (f->rule) {
            case RuleId::egress_located_high_risk: e.located = true; break;
            case RuleId::egress_operator_high_risk: e.operated = true; break;
            case RuleId::resolver_high_risk: e.resolver = true; break;
            case RuleId::inbound_from_high_risk:
                e.inbound = true;
                if (!f->services.empty()) e.admin_port = true;
                for (const std::string& s : f->services) add_once(e.services, s);
                break;
            case RuleId::device_high_risk_vendor:
                e.vendor_device = true;
                add_once(e.vendor_names, f->asset.mac_vendor_name);
                add_once(e.vendor_bases, "mac_oui");
                break;
            default: break;
        }
        if (rule_info(f->rule).subject == RuleSubject::traffic) {
            // Data the asset sent counts in either direction; an inbound session's source is no
            // server the asset connects to (the inbound line names it).
            if (f->rule != RuleId::inbound_from_high_risk) add_once(e.counterparts, counterpart);
            e.bytes_sent += f->bytes_sent;
            if (!f->counterpart->vendor_id.empty() && f->rule != RuleId::inbound_from_high_risk) {
                e.vendor_cloud = true;
                add_once(e.vendor_names, f->counterpart->vendor_name);
            }
        }
    }

    for (const VendorAttribution& v : asset.vendors) {
        if (!vendor_concerned(v.vendor_id, v.controlled_by, v.prc_linked)) continue;
        add_once(e.vendor_names, v.vendor_name);
        if (v.basis == "model_origin") {
            e.model = true;
        } else if (v.basis == "vendor_cloud") {
            e.vendor_cloud = true;
            add_once(e.vendor_bases, v.basis);
        } else {
            e.vendor_device = true;
            add_once(e.vendor_bases, v.basis);
        }
    }
    if (e.model) {
        e.models_local_only = !asset.models.empty() &&
                              std::all_of(asset.models.begin(), asset.models.end(),
                                          [](const ModelArtifact& m) { return m.local_weights; });
        for (const ModelArtifact& m : asset.models) add_once(e.model_names, m.name.empty() ? m.path : m.name);
    }

    // The asset's traffic totals count for a jurisdiction threat when the policy's high-risk
    // jurisdictions are among the threat's (the totals are kept per policy, not per country).
    const bool policy_in_threat = std::any_of(threat.jurisdictions.begin(), threat.jurisdictions.end(),
                                              [&](const std::string& j) { return policy_.is_high_risk(j); });
    const AssetTraffic& t = asset.traffic;
    if (policy_in_threat) {
        if (t.inbound_from_high_risk) e.inbound = true;
        if (t.admin_port_inbound) e.admin_port = e.inbound = true;
        e.bytes_sent = std::max(e.bytes_sent, t.high_risk_bytes_sent);
    }
    uint64_t cloud_bytes = 0;
    for (const AssetTraffic::CloudContact& c : t.vendor_clouds) {
        const VendorAttribution* attributed = nullptr;
        for (const VendorAttribution& v : asset.vendors)
            if (v.vendor_id == c.vendor_id) attributed = &v;
        const bool concerned = contains(threat.vendor_ids, c.vendor_id) ||
                               (attributed && vendor_concerned(c.vendor_id, attributed->controlled_by, attributed->prc_linked));
        if (!concerned) continue;
        e.vendor_cloud = true;
        add_once(e.counterparts, c.domain);
        cloud_bytes += c.bytes_sent;
    }
    e.bytes_sent = std::max(e.bytes_sent, cloud_bytes);
    return e;
}

}  // namespace sovscan
