#include "assess/asset_assessor.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "assess/evidence_citer.h"
#include "assess/asset_profiler.h"
#include "common/escape.h"

namespace sovscan {
namespace {

bool high_risk(const VendorAttribution& v, const Policy& policy) {
    return !v.vendor_id.empty() && v.prc_linked != "no" && policy.is_high_risk(v.controlled_by);
}
bool registrant_high_risk(const VendorAttribution& v, const Policy& policy) {
    return v.vendor_id.empty() && policy.is_high_risk(v.registrant_country);
}


Evidence evidence_for(const VendorAttribution& v, TextPool& facts) {
    std::string where = v.source.file.empty() ? std::string(asset_source_label(v.source.kind))
                                              : v.source.file + (v.source.location.empty() ? "" : " " + v.source.location);
    std::string who = v.vendor_id.empty()
                          ? fmt::format("{} (registered in {})", v.vendor_name, v.registrant_country)
                          : fmt::format("{} (controlled from {}{})", v.vendor_name, v.controlled_by,
                                        v.prc_linked == "partial" ? ", strong PRC ties" : "");
    return Evidence{facts.intern(fmt::format("{}{}: \"{}\" names {}; {} confidence; {}", attribution_basis_label(v.basis),
                                             v.component.empty() ? "" : fmt::format(" of {}", readable_text(v.component)),
                                             readable_text(v.value), who, v.confidence, readable_text(v.source.detail))),
                    where, {}};
}

Finding base_finding(const MergedAsset& a, RuleId rule, const Policy& policy) {
    Finding f;
    f.rule = rule;
    f.severity = policy.severity_of(rule);
    f.asset.id = a.id;
    f.asset.name = a.name;
    if (!a.ips.empty()) f.asset.ip = a.ips.front(), f.asset.has_ip = true;
    f.asset.macs = a.macs;
    f.bytes_sent = a.traffic->bytes_sent, f.bytes_received = a.traffic->bytes_received, f.flows = a.traffic->flows;
    f.first_ns = a.traffic->first_ns, f.last_ns = a.traffic->last_ns;
    return f;
}

void set_vendor(Finding& f, const VendorAttribution& v) {
    f.asset.mac_vendor_id = v.vendor_id;
    f.asset.mac_vendor_name = v.vendor_name;
    f.asset.mac_vendor_controlled_by = v.vendor_id.empty() ? v.registrant_country : v.controlled_by;
    f.jurisdictions = {f.asset.mac_vendor_controlled_by};
}

}  // namespace

const char* attribution_basis_label(std::string_view b) {
    if (b == "mac_oui") return "MAC OUI";
    if (b == "manufacturer") return "manufacturer";
    if (b == "model_name") return "model name";
    if (b == "banner") return "banner";
    if (b == "hostname") return "host name";
    if (b == "vendor_cloud") return "vendor cloud contacted";
    if (b == "sbom_supplier") return "SBOM supplier";
    if (b == "purl_namespace") return "package namespace";
    if (b == "cpe_vendor") return "CPE vendor";
    if (b == "model_origin") return "model origin";
    return "attribution";
}

std::vector<Finding> AssetAssessor::assess(const std::vector<MergedAsset>& assets,
                                           const std::vector<Finding>& traffic_findings) const {
    std::vector<MacAddress> reported_macs;  // by SOV-005
    for (const Finding& f : traffic_findings)
        if (f.rule == RuleId::device_high_risk_vendor)
            reported_macs.insert(reported_macs.end(), f.asset.macs.begin(), f.asset.macs.end());
    std::vector<Finding> out;
    // At most one vendor finding an asset, and rarely more: reserved at once, the vector never
    // holds its old and new buffers side by side as it grows (a million assets, issue 19). What is
    // reserved and never written stays untouched address space.
    out.reserve(assets.size());
    for (const MergedAsset& a : assets) {
        vendor_finding(a, reported_macs, out);
        software_findings(a, out);
        model_findings(a, out);
    }
    return out;
}

void AssetAssessor::vendor_finding(const MergedAsset& a, const std::vector<MacAddress>& reported_macs,
                                   std::vector<Finding>& out) const {
    std::vector<const VendorAttribution*> hits;
    for (const VendorAttribution& v : a.vendors) {
        if (v.software || v.basis == "model_origin") continue;
        if (!high_risk(v, policy_) && !registrant_high_risk(v, policy_)) continue;
        if (v.basis == "mac_oui" && std::any_of(reported_macs.begin(), reported_macs.end(), [&](const MacAddress& m) {
                return v.value.rfind(m.to_string(), 0) == 0;
            }))
            continue;  // SOV-005 already reports this MAC
        hits.push_back(&v);
    }
    if (hits.empty()) return;
    const VendorAttribution& top = *hits.front();  // a.vendors is ranked: strongest first
    Finding f = base_finding(a, RuleId::asset_high_risk_vendor, policy_);
    set_vendor(f, top);
    const Vendor* vendor = top.vendor_id.empty() ? nullptr : intel_.vendor(top.vendor_id);
    if (top.prc_linked == "partial" || top.confidence == "low" || (vendor && is_component_maker(*vendor)))
        f.severity = lower(f.severity);
    f.confidence = top.confidence;
    for (const VendorAttribution* h : hits) f.evidence.push_back(evidence_for(*h, facts_));
    std::vector<std::string> bases;
    for (const VendorAttribution* h : hits)
        if (std::find(bases.begin(), bases.end(), attribution_basis_label(h->basis)) == bases.end())
            bases.push_back(attribution_basis_label(h->basis));
    f.summary = fmt::format("{}{} is made by {} ({}) by {}", readable_text(a.name),
                            a.category.empty() ? "" : fmt::format(" ({})", readable_text(a.category)), readable_text(top.vendor_name),
                            f.asset.mac_vendor_controlled_by, fmt::join(bases, ", "));
    out.push_back(std::move(f));
}

void AssetAssessor::software_findings(const MergedAsset& a, std::vector<Finding>& out) const {
    // One finding per vendor, listing its components.
    std::map<std::string, std::vector<const VendorAttribution*>> by_vendor;
    std::vector<std::string> order;
    for (const VendorAttribution& v : a.vendors) {
        if (!v.software || !high_risk(v, policy_)) continue;
        auto [it, fresh] = by_vendor.try_emplace(v.vendor_id);
        if (fresh) order.push_back(v.vendor_id);
        it->second.push_back(&v);
    }
    for (const std::string& id : order) {
        const auto& hits = by_vendor[id];
        Finding f = base_finding(a, RuleId::software_high_risk_vendor, policy_);
        set_vendor(f, *hits.front());
        if (hits.front()->prc_linked == "partial") f.severity = lower(f.severity);
        f.confidence = hits.front()->confidence;
        std::vector<std::string> components;
        for (const VendorAttribution* h : hits) {
            f.evidence.push_back(evidence_for(*h, facts_));
            if (std::find(components.begin(), components.end(), h->component) == components.end())
                components.push_back(h->component);
        }
        std::vector<std::string> shown;
        for (size_t i = 0; i < components.size() && i < 3; ++i) shown.push_back(readable_text(components[i]));
        f.summary = fmt::format("{} contains {} component(s) from {} ({}): {}{}", readable_text(a.name), components.size(),
                                readable_text(hits.front()->vendor_name), hits.front()->controlled_by, fmt::join(shown, ", "),
                                components.size() > shown.size() ? ", ..." : "");
        out.push_back(std::move(f));
    }
}

void AssetAssessor::model_findings(const MergedAsset& a, std::vector<Finding>& out) const {
    for (const ModelArtifact& m : a.models) {
        const std::string label = AssetProfiler::model_label(m);
        auto it = std::find_if(a.vendors.begin(), a.vendors.end(), [&](const VendorAttribution& v) {
            return v.basis == "model_origin" && v.component == label && high_risk(v, policy_);
        });
        if (it == a.vendors.end()) continue;
        Finding f = base_finding(a, m.local_weights ? RuleId::model_high_risk_local : RuleId::model_high_risk_api, policy_);
        set_vendor(f, *it);
        f.confidence = it->confidence;
        f.evidence.push_back(evidence_for(*it, facts_));
        f.evidence.push_back(Evidence{
            m.local_weights ? "weights are present locally: the model can run without reaching the vendor "
                              "(NÚKIB's DeepSeek warning of 10 Jul 2025 exempts such local use)"
                            : "configuration only, no weights: the model is used through a service, likely the "
                              "vendor's API",
            m.path, ""});
        f.summary = fmt::format("{} ({}) is a {} model of {} ({}), {}", readable_text(label), m.format, readable_text(it->value),
                                readable_text(it->vendor_name), it->controlled_by,
                                m.local_weights ? "local weights" : "no local weights (API client)");
        out.push_back(std::move(f));
    }
}

void AssetAssessor::link(std::vector<Finding>& findings, const std::vector<MergedAsset>& assets) {
    // Asset findings name their asset already: the indexes below (a million addresses and MACs)
    // are built only when some finding still needs its asset.
    if (std::none_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.asset.id.empty() && f.asset.is_local; }))
        return;
    std::unordered_map<IpAddress, const MergedAsset*, IpAddressHash> by_ip;
    std::map<MacAddress, const MergedAsset*> by_mac;
    for (const MergedAsset& a : assets) {
        for (const IpAddress& ip : a.ips) by_ip.try_emplace(ip, &a);
        for (const MacAddress& m : a.macs) by_mac.try_emplace(m, &a);
    }
    for (Finding& f : findings) {
        if (!f.asset.id.empty() || !f.asset.is_local) continue;
        const MergedAsset* a = nullptr;
        for (const MacAddress& m : f.asset.macs)
            if (auto it = by_mac.find(m); !a && it != by_mac.end()) a = it->second;
        if (!a && f.asset.has_ip)
            if (auto it = by_ip.find(f.asset.ip); it != by_ip.end()) a = it->second;
        if (a) f.asset.id = a->id, f.asset.name = a->name;
    }
}

}  // namespace sovscan
