// Statement of applicability (decree 409/2025 § 8: measures applied and how, measures not applied
// and why), declared in risk/documents.h.
#include <algorithm>

#include "risk/documents.h"

namespace sovscan {

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// An open risk that the method says to treat: medium and above ("Nízké" is acceptable).
bool needs_treatment(const RiskEntry& r) { return r.status == RiskStatus::open && r.level >= RiskLevel::medium; }

}  // namespace

void fill_applicability(RiskRegister& reg, const RiskCatalog& catalog, const RiskSettings& settings) {
    for (const MeasureEntry& m : catalog.measures()) {
        ApplicabilityEntry a;
        a.measure_id = m.id;
        a.name = m.name;
        a.description = m.description;
        a.decree = m.decree;
        bool treat = false;
        for (RiskEntry& r : reg.risks) {
            bool answers = false;
            for (const std::string& t : m.triggers)
                if (has(r.triggers, t)) {
                    answers = true;
                    if (!has(a.triggers, t)) a.triggers.push_back(t);
                }
            if (!answers) continue;
            a.risk_ids.push_back(r.id);
            r.measure_ids.push_back(m.id);
            treat = treat || needs_treatment(r);
        }
        a.applicable = !a.risk_ids.empty();
        std::sort(a.risk_ids.begin(), a.risk_ids.end());
        if (auto it = settings.measures.find(m.id); it != settings.measures.end()) {
            const MeasureDecision& d = it->second;
            a.note = d.note;
            a.defined_at = d.defined_at;
            if (d.status == "applied") a.status = MeasureStatus::applied;
            else if (d.status == "planned") a.status = MeasureStatus::planned;
            else a.status = MeasureStatus::not_applied;
        } else if (!a.applicable) {
            a.status = MeasureStatus::not_applicable;
        } else {
            a.status = treat ? MeasureStatus::in_plan : MeasureStatus::not_required;
        }
        reg.applicability.push_back(std::move(a));
    }
}

}  // namespace sovscan
