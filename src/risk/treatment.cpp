// Risk-treatment plan (decree 409/2025 § 8 with its seven items), declared in
// risk/documents.h.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "risk/documents.h"
#include "risk/ids.h"

namespace sovscan {

namespace {

CalendarDate add_days(CalendarDate d, int days) {
    // CalendarDate has no arithmetic of its own: go through its text form and sys_days.
    using namespace std::chrono;
    const std::string s = d.to_string();
    const year_month_day ymd{year(std::stoi(s.substr(0, 4))), month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                             day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
    const year_month_day later{sys_days(ymd) + std::chrono::days(days)};
    return CalendarDate(static_cast<int>(later.year()), static_cast<unsigned>(later.month()),
                        static_cast<unsigned>(later.day()));
}

}  // namespace

void fill_treatment(RiskRegister& reg, const RiskCatalog& catalog, const RiskSettings& settings, CalendarDate today) {
    std::map<std::string, const ValuedAsset*> assets;
    for (const ValuedAsset& a : reg.assets) assets[a.id] = &a;
    for (const ApplicabilityEntry& a : reg.applicability) {
        if (a.status != MeasureStatus::in_plan && a.status != MeasureStatus::planned) continue;
        const MeasureEntry* m = catalog.measure(a.measure_id);
        TreatmentItem t;
        t.measure_id = a.measure_id;
        t.name = m->name;
        t.description = m->description;
        t.goal = m->goal;
        t.resources = m->resources;
        t.implementation = m->implementation;
        // The risks it treats: open ones at medium and above.
        std::vector<std::string> owners;
        for (const std::string& id : a.risk_ids) {
            const RiskEntry* r = reg.risk(id);
            if (r->status != RiskStatus::open || r->level < RiskLevel::medium) continue;
            t.risk_ids.push_back(id);
            if (r->score > t.highest_score) {
                t.highest_score = r->score;
                t.highest = r->level;
            }
            const ValuedAsset* asset = assets[r->asset_id];
            if (std::find(owners.begin(), owners.end(), asset->owner) == owners.end()) owners.push_back(asset->owner);
        }
        if (t.risk_ids.empty()) continue;

        const MeasureDecision* d = nullptr;
        if (auto it = settings.measures.find(a.measure_id); it != settings.measures.end()) d = &it->second;
        if (d && !d->resources.empty()) t.resources_note = d->resources;
        if (d && !d->owner.empty()) {
            t.owner = d->owner;
            t.owner_basis = "policy";
        } else if (owners.size() == 1 && !owners[0].empty()) {
            // Every asset it treats has the same owner in the inventory.
            t.owner = owners[0];
            t.owner_basis = "asset_owner";
        }
        if (d && d->deadline) {
            t.deadline = d->deadline;
            t.deadline_basis = "policy";
        } else if (d && d->deadline_days) {
            t.deadline = add_days(today, *d->deadline_days);
            t.deadline_basis = "measure_days";
        } else if (auto it = settings.deadline_days.find(t.highest); it != settings.deadline_days.end()) {
            t.deadline = add_days(today, it->second);
            t.deadline_basis = "deadline_days";
        }
        reg.treatment.push_back(std::move(t));
    }
    // Most urgent first; ids from the measure (risk/ids.h), so that applying one renumbers nothing.
    std::stable_sort(reg.treatment.begin(), reg.treatment.end(),
                     [](const TreatmentItem& a, const TreatmentItem& b) { return a.highest_score > b.highest_score; });
    for (TreatmentItem& t : reg.treatment) t.id = treatment_id(t.measure_id);
}

}  // namespace sovscan
