#include "risk/frame.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "common/escape.h"
#include "risk/catalog.h"

namespace sovscan {

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// Whether the operator's reference (an inventory id, a merged asset id, an IP or MAC address)
// names `asset`.
bool names_asset(const std::string& ref, const MergedAsset& asset) {
    if (ref == asset.id || "inv:" + ref == asset.id || has(asset.inventory_ids, ref)) return true;
    if (auto ip = IpAddress::parse(ref); ip && std::find(asset.ips.begin(), asset.ips.end(), *ip) != asset.ips.end())
        return true;
    if (auto mac = MacAddress::parse(ref); mac && std::find(asset.macs.begin(), asset.macs.end(), *mac) != asset.macs.end())
        return true;
    return false;
}

std::vector<std::string> split_names(std::string_view value) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = value.find_first_of(";,", start);
        if (end == std::string_view::npos) end = value.size();
        std::string_view part = value.substr(start, end - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) out.emplace_back(part);
        start = end + 1;
    }
    return out;
}

void raise(AspectValue& v, int primary_value, const std::string& primary_id) {
    if (primary_value <= v.value) return;
    v.value = primary_value;
    v.inherited_from = primary_id;
}

std::chrono::sys_days day_of(CalendarDate d) {
    using namespace std::chrono;
    const std::string s = d.to_string();
    return sys_days(year_month_day{year(std::stoi(s.substr(0, 4))), month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                   day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))});
}

}  // namespace

bool is_primary_asset_column(std::string_view attribute_name) {
    const std::string key = category_key(attribute_name);
    return key == "primary_asset" || key == "primary_assets" || key == "service" || key == "services" ||
           key == "primarni_aktivum" || key == "sluzba" || key == "služba";
}

PrimaryAssetLinker::PrimaryAssetLinker(const RiskSettings& settings, std::span<const MergedAsset>) : settings_(settings) {
    for (const PrimaryAssetSpec& p : settings.primary_assets) {
        PrimaryAssetEntry e;
        e.id = p.id;
        e.name = p.name;
        e.c = p.cia.c;
        e.i = p.cia.i;
        e.a = p.cia.a;
        e.valued = true;
        e.basis = "policy";
        e.defined_at = p.defined_at;
        entries_.push_back(std::move(e));
    }
}

size_t PrimaryAssetLinker::entry_for_inventory_name(const std::string& name) {
    for (size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].id == name || entries_[i].name == name) return i;
    PrimaryAssetEntry e;
    e.id = name;
    e.name = name;
    e.basis = "inventory";
    entries_.push_back(std::move(e));
    problems_.push_back(fmt::format(
        "primary asset '{}' is named by the inventory's primary_asset column but not valued in the policy's "
        "primary_assets: its supporting assets keep their own values",
        readable_text(name)));
    return entries_.size() - 1;
}

std::vector<size_t> PrimaryAssetLinker::served_by(const MergedAsset& asset) {
    std::vector<size_t> out;
    auto add = [&out](size_t i) {
        if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    };
    for (size_t i = 0; i < settings_.primary_assets.size(); ++i)
        for (const std::string& ref : settings_.primary_assets[i].supporting)
            if (names_asset(ref, asset)) add(i);
    for (const AssetAttribute& attr : asset.attributes) {
        if (!is_primary_asset_column(attr.name)) continue;
        for (const std::string& name : split_names(attr.value)) {
            const size_t i = entry_for_inventory_name(name);
            PrimaryAssetEntry& e = entries_[i];
            if (e.basis == "policy") e.basis = "policy;inventory";
            add(i);
        }
    }
    return out;
}

void PrimaryAssetLinker::apply(const MergedAsset& asset, ValuedAsset& valued) {
    for (size_t i : served_by(asset)) {
        PrimaryAssetEntry& e = entries_[i];
        if (!has(e.supporting_ids, valued.id)) e.supporting_ids.push_back(valued.id);
        if (!has(valued.primary_ids, e.id)) valued.primary_ids.push_back(e.id);
        if (!e.valued) continue;
        raise(valued.c, e.c, e.id);
        raise(valued.i, e.i, e.id);
        raise(valued.a, e.a, e.id);
    }
}

void fill_frame(RiskRegister& reg, const RiskSettings& settings, bool has_traffic, int64_t first_ns, int64_t last_ns,
                std::vector<std::string> inputs, std::vector<KnowledgeVersion> knowledge) {
    RegisterFrame& f = reg.frame;
    f.document = settings.document;
    f.document_date = settings.document.date.value_or(reg.assessed_on);
    f.thresholds = settings.evidence;
    f.deadline_days = settings.deadline_days;
    f.inputs = std::move(inputs);
    f.knowledge = std::move(knowledge);
    f.has_traffic = has_traffic && last_ns >= first_ns;
    if (f.has_traffic) {
        f.first_ns = first_ns;
        f.last_ns = last_ns;
        f.hours = static_cast<double>(last_ns - first_ns) / 3.6e12;
        const auto last_day = std::chrono::floor<std::chrono::days>(
            std::chrono::sys_time<std::chrono::nanoseconds>(std::chrono::nanoseconds(last_ns)));
        f.age_days = static_cast<int>((day_of(reg.assessed_on) - last_day).count());
        f.evidence_old = f.age_days > f.thresholds.max_age_days;
    }
    // No traffic at all is the shortest evidence there is: the register rests on inventories only.
    f.evidence_short = !f.has_traffic || f.hours < f.thresholds.min_hours;
}

}  // namespace sovscan
