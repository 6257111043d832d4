#include "assess/asset_profiler.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "intel/catalog.h"
#include "intel/category.h"

namespace sovscan {
namespace {

const AssetAttribute* attribute_from(const MergedAsset& a, std::string_view name, AssetSourceKind kind) {
    for (const AssetAttribute& attr : a.attributes)
        if (attr.name == name && attr.source.kind == kind) return &attr;
    return nullptr;
}

bool is_traffic_finding(RuleId r) { return rule_info(r).subject == RuleSubject::traffic; }

}  // namespace

AssetProfiler::AssetProfiler(const Intel& intel, const Policy& policy)
    : intel_(intel), policy_(policy), attributor_(intel), judge_(policy), model_judge_(intel.catalog(), policy) {}

std::string AssetProfiler::model_label(const ModelArtifact& m) { return m.name.empty() ? m.path : m.name; }

void AssetProfiler::profile(std::vector<MergedAsset>& assets, const ExposuresAndFindings& traffic) const {
    // Traffic by local address, once for all assets.
    std::unordered_map<IpAddress, std::vector<const Exposure*>, IpAddressHash> exposures_by_ip;
    if (traffic.exposures) {
        for (const Exposure& e : traffic.exposures->exposures()) exposures_by_ip[e.asset].push_back(&e);
        // Counterparts the memory bound folded still count in their asset's traffic (a group for
        // every asset at once has no address, and matches none).
        for (const FoldedExposures& g : traffic.exposures->folded()) exposures_by_ip[g.totals.asset].push_back(&g.totals);
    }
    std::unordered_map<IpAddress, std::vector<const Finding*>, IpAddressHash> findings_by_ip;
    if (traffic.findings)
        for (const Finding& f : *traffic.findings)
            if (is_traffic_finding(f.rule) && f.asset.has_ip) findings_by_ip[f.asset.ip].push_back(&f);

    for (MergedAsset& a : assets) {
        AssetTraffic t;  // kept only when traffic involved the asset (Boxed: most inventory assets have none)
        bool seen_in_traffic = false;
        std::map<std::pair<std::string, std::string>, AssetTraffic::CloudContact> clouds;  // (vendor, domain)
        auto seen = [&](int64_t first, int64_t last) {
            if (first && (!t.first_ns || first < t.first_ns)) t.first_ns = first;
            if (last > t.last_ns) t.last_ns = last;
        };
        for (const IpAddress& ip : a.ips) {
            if (auto it = exposures_by_ip.find(ip); it != exposures_by_ip.end())
                for (const Exposure* e : it->second) {
                    seen_in_traffic = true;
                    t.bytes_sent += e->bytes_sent, t.bytes_received += e->bytes_received, t.flows += e->flows;
                    seen(e->first_ns, e->last_ns);
                    if (e->kind != ExposureKind::egress) continue;
                    for (const auto& [name, sighting] : e->names) {
                        DomainAnswer d = intel_.domain(name);
                        if (!d.entry || !d.vendor || !VendorAttributor::names_device_maker(*d.entry)) continue;
                        auto& c = clouds[{d.vendor->id, std::string(d.entry->domain)}];
                        c.vendor_id = d.vendor->id, c.domain = std::string(d.entry->domain);
                        c.flows += sighting.flows;
                        c.bytes_sent += e->bytes_sent;
                    }
                }
            if (auto it = findings_by_ip.find(ip); it != findings_by_ip.end())
                for (const Finding* f : it->second) {
                    seen_in_traffic = true;
                    t.high_risk_bytes_sent += f->bytes_sent, t.high_risk_bytes_received += f->bytes_received;
                    t.high_risk_flows += f->flows;
                    if (f->rule == RuleId::inbound_from_high_risk) {
                        t.inbound_from_high_risk = true;
                        if (!f->services.empty()) t.admin_port_inbound = true;
                    }
                }
        }
        for (auto& [key, c] : clouds) t.vendor_clouds.push_back(c);
        std::stable_sort(t.vendor_clouds.begin(), t.vendor_clouds.end(),
                         [](const auto& x, const auto& y) { return x.flows > y.flows; });
        if (seen_in_traffic) a.traffic = std::move(t);
        attribute(a);
        judge(a);
        categorise(a);
    }
}

void AssetProfiler::attribute(MergedAsset& a) const {
    std::vector<VendorAttribution>& out = a.vendors;
    if (!a.randomised_mac)
        for (const MacAddress& m : a.macs) {
            if (m.is_locally_administered()) continue;
            // Cite the source that gave this MAC: the first record's source of that kind is enough
            // for a reader to find it, and traffic names the frames.
            AssetSource src{a.sources.empty() ? AssetSourceKind::traffic : a.sources.front(), "", "", ""};
            attributor_.from_mac(m, src, out);
        }
    attributor_.from_attributes(a.attributes, out);
    for (const SoftwareComponent& c : a.software) attributor_.from_component(c, out);
    for (const AssetTraffic::CloudContact& c : a.traffic->vendor_clouds) attributor_.from_cloud(c.domain, c.flows, out);
    for (const ModelArtifact& m : a.models) {
        ModelAssessment assessed = model_judge_.assess(m);
        if (!assessed.vendor) continue;
        VendorAttribution v;
        v.vendor_id = assessed.vendor->id, v.vendor_name = assessed.vendor->name;
        v.controlled_by = assessed.vendor->control_country, v.prc_linked = assessed.vendor->prc_linked;
        v.basis = "model_origin";
        v.value = assessed.family;
        v.confidence = assessed.confidence;
        v.source = m.source;
        if (!assessed.evidence.empty()) v.source.detail = assessed.evidence.front().fact;
        v.component = model_label(m);
        out.push_back(std::move(v));
    }
    rank_attributions(out);
}

void AssetProfiler::judge(MergedAsset& a) const {
    JurisdictionJudgement& j = a.judgement;
    for (const VendorAttribution& v : a.vendors) {
        JurisdictionFacts facts;
        facts.vendor = v.vendor_id.empty() ? nullptr : intel_.vendor(v.vendor_id);
        if (!facts.vendor) facts.registrant_country = v.registrant_country;
        JurisdictionJudgement one = judge_.judge(facts);
        // Low-confidence evidence alone (a host name, a User-Agent, an nmap OS guess, a module
        // maker's OUI) asks for review; it does not make the asset high-risk. Neither does a
        // library in its SBOM: that is SOV-008's matter, not what the asset is.
        const bool weak = v.confidence == "low" || v.software;
        j.vendor_controlled = j.vendor_controlled || (one.vendor_controlled && !one.vendor_review && !weak);
        j.vendor_review = j.vendor_review || one.vendor_review || ((one.vendor_controlled || one.registrant) && weak);
        j.registrant = j.registrant || (one.registrant && !weak);
        for (const std::string& iso : one.jurisdictions)
            if (std::find(j.jurisdictions.begin(), j.jurisdictions.end(), iso) == j.jurisdictions.end())
                j.jurisdictions.push_back(iso);
    }
    // One high-risk vendor makes the asset high-risk even when another is only for review.
    if (j.vendor_controlled) j.vendor_review = false;
    a.verdict = j.verdict();
}

void AssetProfiler::categorise(MergedAsset& a) const {
    auto set = [&](std::string_view category, std::string_view basis) {
        if (a.category.empty() && !category.empty()) a.category = words_.intern(category), a.category_basis = words_.intern(basis);
    };
    if (const AssetAttribute* c = attribute_from(a, "category", AssetSourceKind::cmdb)) set(c->value, "cmdb");
    if (const AssetAttribute* c = attribute_from(a, "device_type", AssetSourceKind::nmap)) set(c->value, "nmap");
    if (!a.models.empty()) set("ai_model", "model file");
    // A vendor cloud for one kind of device says what the device is.
    for (const AssetTraffic::CloudContact& c : a.traffic->vendor_clouds)
        if (const DomainEntry* d = intel_.catalog().domain(c.domain)) set(first_device_category(d->categories), "vendor cloud");
    // A maker of one kind of device only (not by its software, not by a host name).
    for (const VendorAttribution& v : a.vendors) {
        if (v.software || v.basis == "hostname" || v.basis == "banner" || v.vendor_id.empty()) continue;
        const Vendor* vendor = intel_.vendor(v.vendor_id);
        if (vendor && vendor->categories.size() == 1 && is_device_category(vendor->categories[0]))
            set(vendor->categories[0], "vendor category");
    }
    if (const AssetAttribute* c = attribute_from(a, "type", AssetSourceKind::sbom)) set(c->value, "sbom");
}

}  // namespace sovscan
