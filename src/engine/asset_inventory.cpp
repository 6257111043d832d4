#include "engine/asset_inventory.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <unordered_set>

#include "assess/asset_assessor.h"
#include "assess/asset_merger.h"
#include "assess/asset_profiler.h"
#include "inventory/inventory_reader.h"
#include "inventory/model_scanner.h"

namespace sovscan {
bool AssetInventoryBuilder::read_files(const AssetInputs& inputs, Diagnostics& diag) {
    bool ok = true;
    auto report = [&](const std::vector<InventoryProblem>& problems) {
        for (const InventoryProblem& p : problems) diag.warn(p.where, p.message);
        problems_ += problems.size();
    };
    // The same file given twice (under one name or two) is read once, as captures are: its records
    // would otherwise become every asset twice.
    std::vector<std::pair<std::string, struct stat>> read_already;
    auto given_before = [&](const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return false;  // the reader reports it
        for (const auto& [first, other] : read_already)
            if (other.st_dev == st.st_dev && other.st_ino == st.st_ino) {
                diag.warn(path, fmt::format("given twice (the same file as {}); read once", first));
                return true;
            }
        read_already.emplace_back(path, st);
        return false;
    };
    auto read = [&](const std::string& path, InventoryFormat format, const char* what, bool sbom_only) {
        if (given_before(path)) return;
        files_.push_back(path);
        InventoryReadResult r = read_inventory_file(path, format);
        if (sbom_only && !r.records.empty() && r.records.front().source.kind != AssetSourceKind::sbom) {
            diag.error(path, "not a CycloneDX or SPDX JSON document (--sbom); give CMDB exports with --inventory");
            ok = false;
            return;
        }
        report(r.problems);
        if (r.records.empty() && !r.problems.empty()) {
            diag.error(path, fmt::format("no {} read from it (see the problems above)", what));
            ok = false;
        }
        if (records_.empty())
            records_ = std::move(r.records);  // the first file's vector as it is: no second copy growing beside it
        else
            for (AssetRecord& rec : r.records) records_.push_back(std::move(rec));
    };
    for (const std::string& f : inputs.inventory) read(f, InventoryFormat::auto_detect, "asset", false);
    for (const std::string& f : inputs.nmap) read(f, InventoryFormat::nmap_xml, "host", false);
    for (const std::string& f : inputs.sbom) read(f, InventoryFormat::auto_detect, "SBOM", true);
    if (!inputs.models.empty()) {
        ModelInventory models = scan_models(inputs.models);
        for (const std::string& m : inputs.models) files_.push_back(m);
        report(models.problems);
        for (ModelArtifact& m : models.models) {
            report(m.problems);
            AssetRecord rec;
            rec.source = m.source;
            rec.source.kind = AssetSourceKind::model;
            if (rec.source.file.empty()) rec.source.file = m.path;
            rec.models.push_back(std::move(m));
            records_.push_back(std::move(rec));
        }
    }
    return ok;
}

void AssetInventoryBuilder::add_traffic(const ScanObservations& t) {
    // A device seen on the local link (by MAC) or at a local address; an HTTP banner of a remote
    // server is about the server, not about an asset.
    auto local = [&](const AssetRecord& r) {
        return !r.macs.empty() ||
               std::any_of(r.ips.begin(), r.ips.end(), [&](const IpAddress& ip) { return policy_.is_local(ip); });
    };
    if (t.observed)
        for (const AssetRecord& r : *t.observed)
            if (local(r)) records_.push_back(r);
    if (t.devices)
        for (const DeviceRecord& d : *t.devices) {
            AssetRecord r;
            r.source = AssetSource{AssetSourceKind::traffic, "", "",
                                   fmt::format("Ethernet source address, {} frame(s)", d.frames)};
            r.macs = {d.mac};
            r.ips = d.ips;
            records_.push_back(std::move(r));
        }
    if (t.exposures) {
        std::unordered_set<IpAddress, IpAddressHash> seen;
        auto add = [&](const Exposure& e) {
            if (!e.asset_is_local || !seen.insert(e.asset).second) return;
            AssetRecord r;
            r.source = AssetSource{AssetSourceKind::traffic, "", "", "IP traffic to or from other networks"};
            r.ips = {e.asset};
            records_.push_back(std::move(r));
        };
        for (const Exposure& e : t.exposures->exposures()) add(e);
        for (const FoldedExposures& g : t.exposures->folded()) add(g.totals);  // the memory bound's groups
    }
}

AssetInventory AssetInventoryBuilder::build(const ScanObservations& traffic, std::vector<Finding>& findings) {
    AssetInventory inv;
    inv.records = records_.size();
    inv.files = files_;
    inv.problems = problems_;
    // The records move into the merged assets: held once, not twice (issue 19).
    inv.assets = AssetMerger(AssetAddressRule(policy_.home_networks)).merge(std::move(records_));
    records_.clear();
    AssetProfiler(intel_, policy_).profile(inv.assets, ExposuresAndFindings{traffic.exposures, traffic.findings});
    std::vector<Finding> asset_findings = AssetAssessor(intel_, policy_).assess(inv.assets, findings);
    // Without traffic findings the asset findings are the list (`sovscan assets`): taken over whole,
    // not moved one by one into a second vector growing beside the first (issue 19).
    if (findings.empty()) {
        findings = std::move(asset_findings);
    } else {
        findings.reserve(findings.size() + asset_findings.size());
        for (Finding& f : asset_findings) findings.push_back(std::move(f));
    }
    AssetAssessor::link(findings, inv.assets);
    sort_findings(findings);
    return inv;
}

}  // namespace sovscan
