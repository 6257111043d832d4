#include "risk/register_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "assess/asset_address.h"
#include "risk/documents.h"
#include "risk/evidence.h"
#include "risk/frame.h"
#include "risk/ids.h"
#include "risk/residual.h"
#include "risk/valuation.h"
#include "risk/vulnerability.h"
#include "common/escape.h"
#include "report/report_words.h"

namespace sovscan {

namespace {

// Pairs each finding with the merged asset it is about, exactly one: the asset AssetAssessor::link
// named, else the one with its MAC, else the one with its address when that address identifies a
// host (never 0.0.0.0, broadcast or multicast: assess/asset_address.h). A finding about an asset
// no input listed gets an asset of its own, named like the merge names one.
class FindingPairer {
public:
    FindingPairer(std::span<const MergedAsset> assets, std::span<const Finding> findings, const AssetAddressRule& addresses)
        : addresses_(addresses) {
        synthesized_.reserve(findings.size());  // pointers into it stay valid
        for (const MergedAsset& a : assets) pairs_.push_back({&a, {}});
        for (const Finding& f : findings) {
            if (rule_info(f.rule).subject == RuleSubject::policy) continue;
            size_t at = find(f);
            if (at == pairs_.size()) {
                const bool by_ip = f.asset.has_ip && addresses_.identifies(f.asset.ip);
                MergedAsset own;
                own.id = by_ip ? "ip:" + f.asset.ip.to_string()
                               : (f.asset.macs.empty() ? "finding:" + f.summary : "mac:" + f.asset.macs[0].to_string());
                own.name = by_ip ? f.asset.ip.to_string() : (f.asset.macs.empty() ? "" : f.asset.macs[0].to_string());
                if (by_ip) own.ips.push_back(f.asset.ip);
                own.macs = f.asset.macs;
                synthesized_.push_back(std::move(own));
                pairs_.push_back({&synthesized_.back(), {}});
            }
            pairs_[at].findings.push_back(&f);
        }
        std::sort(pairs_.begin(), pairs_.end(),
                  [](const AssetWithFindings& a, const AssetWithFindings& b) { return a.asset->id < b.asset->id; });
    }
    const std::vector<AssetWithFindings>& pairs() const { return pairs_; }

private:
    template <typename T>
    static bool contains(const std::vector<T>& v, const T& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    }
    size_t find(const Finding& f) const {
        if (!f.asset.id.empty())
            for (size_t i = 0; i < pairs_.size(); ++i)
                if (pairs_[i].asset->id == f.asset.id) return i;
        for (const MacAddress& mac : f.asset.macs)
            for (size_t i = 0; i < pairs_.size(); ++i)
                if (contains(pairs_[i].asset->macs, mac)) return i;
        if (f.asset.has_ip && addresses_.identifies(f.asset.ip))
            for (size_t i = 0; i < pairs_.size(); ++i)
                if (contains(pairs_[i].asset->ips, f.asset.ip)) return i;
        return pairs_.size();
    }

    const AssetAddressRule& addresses_;
    std::vector<MergedAsset> synthesized_;
    std::vector<AssetWithFindings> pairs_;
};

int impact_of(const ValuedAsset& v, const ThreatEntry& t, std::string& aspects) {
    int impact = 0;
    std::vector<std::string> used;
    if (t.c) impact = std::max(impact, v.c.value), used.emplace_back("C");
    if (t.i) impact = std::max(impact, v.i.value), used.emplace_back("I");
    if (t.a) impact = std::max(impact, v.a.value), used.emplace_back("A");
    aspects = fmt::format("{}", fmt::join(used, ";"));
    return impact;
}

}  // namespace

const char* risk_status_code(RiskStatus s) { return s == RiskStatus::accepted ? "accepted" : "open"; }

const char* measure_status_code(MeasureStatus s) {
    switch (s) {
        case MeasureStatus::applied: return "applied";
        case MeasureStatus::planned: return "planned";
        case MeasureStatus::not_applied: return "not_applied";
        case MeasureStatus::in_plan: return "in_plan";
        case MeasureStatus::not_required: return "not_required";
        case MeasureStatus::not_applicable: return "not_applicable";
    }
    return "not_applicable";
}

std::vector<std::string> check_risk_settings(const RiskSettings& settings, const RiskCatalog& catalog) {
    std::vector<std::string> problems;
    for (const auto& [id, level] : settings.threat_levels)
        if (!catalog.threat(id)) {
            auto at = settings.threat_levels_at.find(id);
            problems.push_back(fmt::format("{}: risk: threat_levels: unknown threat '{}' (not in {})",
                                           at == settings.threat_levels_at.end() ? "policy" : at->second, printable(id),
                                           RiskCatalogFiles::threats));
        }
    for (const auto& [id, d] : settings.measures)
        if (!catalog.measure(id))
            problems.push_back(fmt::format("{}: risk: measures: unknown measure '{}' (not in {})",
                                           d.defined_at.empty() ? "policy" : d.defined_at, printable(id),
                                           RiskCatalogFiles::measures));
    return problems;
}

RiskRegister build_risk_register(const RiskInputs& in) {
    const RiskSettings& settings = in.policy.risk;
    RiskRegister reg;
    reg.assessed_on = in.today;
    reg.policy_file = in.policy.file_path;
    reg.policy_sha256 = in.policy.file_sha256;
    reg.cutoffs = settings.cutoffs;
    reg.volume_bytes = settings.volume_bytes;
    reg.problems = check_risk_settings(settings, in.catalog);

    for (const ThreatEntry& t : in.catalog.threats()) {
        AppliedThreat a{t, t.level, "", 0};
        if (auto it = settings.threat_levels.find(t.id); it != settings.threat_levels.end()) {
            a.level = it->second;
            auto at = settings.threat_levels_at.find(t.id);
            a.level_defined_at = at == settings.threat_levels_at.end() ? readable_text(in.policy.file_path) : at->second;
        }
        reg.threats.push_back(std::move(a));
    }

    const AssetAddressRule addresses(in.policy.home_networks);
    FindingPairer pairer(in.assets, in.findings, addresses);
    const AssetValuer valuer(in.catalog, settings);
    PrimaryAssetLinker primaries(settings, in.assets);
    const RiskEvidenceCollector collector(in.policy);
    const VulnerabilityDeriver deriver(settings.volume_bytes);
    const std::vector<AppliedMeasure> measures = applied_measures(in.catalog, settings);
    // Expired exceptions, to flag the risks whose findings they would have covered.
    std::vector<const PolicyException*> expired;
    for (const PolicyException& e : in.policy.exceptions)
        if (e.expired_on(in.today)) expired.push_back(&e);

    for (const AssetWithFindings& pair : pairer.pairs()) {
        ValuedAsset valued = valuer.value(*pair.asset);
        primaries.apply(*pair.asset, valued);
        // What is left once the operator's decisions count (risk/residual.h).
        const EvidenceScope after_exceptions = without_accepted(*pair.asset, pair.findings);
        const EvidenceScope after_measures = without_answered(after_exceptions, measures);
        for (AppliedThreat& threat : reg.threats) {
            RiskEvidence e = collector.collect(*pair.asset, pair.findings, threat.entry);
            if (!e.any()) continue;
            std::vector<ExceptionRef> expired_for_asset;
            if (e.findings.empty())
                for (const PolicyException& x : in.policy.exceptions)
                    if (x.accepts_asset(*pair.asset))
                        (x.expired_on(in.today) ? expired_for_asset : e.asset_exceptions).push_back(x.ref());
            const RiskEvidence e_accepted = collector.collect(after_exceptions.asset, after_exceptions.findings, threat.entry);
            const RiskEvidence e_measured = collector.collect(after_measures.asset, after_measures.findings, threat.entry);
            VulnerabilityResult v = deriver.derive({e, e_accepted, e_measured, measures});
            RiskEntry r;
            r.asset_id = valued.id;
            r.asset_name = valued.name;
            r.threat_id = threat.entry.id;
            r.threat_name = threat.entry.name;
            r.impact = impact_of(valued, threat.entry, r.impact_aspects);
            r.threat_level = threat.level;
            r.vulnerability = v.level;
            r.derivation = std::move(v.derivation);
            r.score = r.impact * r.threat_level * r.vulnerability;
            r.level = settings.cutoffs.level_of(r.score);
            r.inherent_vulnerability = v.inherent_level;
            r.inherent_score = r.impact * r.threat_level * r.inherent_vulnerability;
            r.inherent_level = settings.cutoffs.level_of(r.inherent_score);
            r.status = v.status;
            r.accepted_by = std::move(v.accepted_by);
            r.expired_exceptions = std::move(expired_for_asset);
            for (const Finding* f : e.findings) {
                r.findings.push_back(RiskFindingRef{std::string(rule_info(f->rule).code), f->summary, f->bytes_sent,
                                                    f->suppressed_by ? f->suppressed_by->id : ""});
                r.findings.back().text = {finding_summary_text(*f, RiskLang::cs), finding_summary_text(*f, RiskLang::en)};
                for (const PolicyException* x : expired)
                    if (x->matches(*f) && std::none_of(r.expired_exceptions.begin(), r.expired_exceptions.end(),
                                                       [&](const ExceptionRef& k) { return k.id == x->ref().id; }))
                        r.expired_exceptions.push_back(x->ref());
            }
            r.vendors = e.vendor_names;
            r.triggers = e.triggers();
            // Applicability follows the evidence, before decisions: an applied replacement stays applicable.
            if (e.vendor_device && r.inherent_level >= RiskLevel::high) r.triggers.emplace_back("vendor_device_high");
            r.triggers.emplace_back("any");
            ++threat.risks;
            reg.risks.push_back(std::move(r));
        }
        reg.assets.push_back(std::move(valued));
    }

    // Ids from the asset and the threat (risk/ids.h), so that other inputs renumber nothing; shown
    // highest score first, ties in (asset id, catalog order) order.
    std::set<std::string> asset_ids;
    for (const ValuedAsset& a : reg.assets) asset_ids.insert(a.id);
    const RiskIds ids(in.catalog, asset_ids);
    for (RiskEntry& r : reg.risks) r.id = ids.risk_id(r.asset_id, r.threat_id);
    std::map<std::string, ValuedAsset*> by_id;
    for (ValuedAsset& a : reg.assets) by_id[a.id] = &a;
    for (const RiskEntry& r : reg.risks) by_id[r.asset_id]->risk_ids.push_back(r.id);
    std::stable_sort(reg.risks.begin(), reg.risks.end(),
                     [](const RiskEntry& a, const RiskEntry& b) { return a.score > b.score; });

    for (const PolicyException& e : in.policy.exceptions) {
        ExceptionStatus s{e.ref(), e.expired_on(in.today), {}};
        for (const RiskEntry& r : reg.risks) {
            const auto& list = s.expired ? r.expired_exceptions : r.accepted_by;
            bool covers = std::any_of(list.begin(), list.end(), [&](const ExceptionRef& k) { return k.id == e.ref().id; });
            if (!s.expired)
                covers = covers || std::any_of(r.findings.begin(), r.findings.end(),
                                               [&](const RiskFindingRef& f) { return f.suppressed_by == e.ref().id; });
            if (covers) s.risk_ids.push_back(r.id);
        }
        reg.exceptions.push_back(std::move(s));
    }

    fill_applicability(reg, in.catalog, settings);
    fill_treatment(reg, in.catalog, settings, in.today);
    fill_suppliers(reg, pairer.pairs(), in.policy, in.suppliers);
    reg.primary_assets = primaries.entries();
    for (const std::string& p : primaries.problems()) reg.problems.push_back(p);
    const RiskProvenance& pv = in.provenance;
    fill_frame(reg, settings, pv.has_traffic, pv.first_ns, pv.last_ns, pv.inputs, pv.knowledge);
    return reg;
}

}  // namespace sovscan
