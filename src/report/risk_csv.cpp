#include "report/risk_csv.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "report/risk_messages.h"
#include "report/utf8_text.h"

namespace sovscan {

namespace {

std::string ids(const std::vector<ExceptionRef>& refs, std::string ExceptionRef::*field) {
    std::vector<std::string> v;
    for (const ExceptionRef& r : refs) v.push_back(r.*field);
    return fmt::format("{}", fmt::join(v, "; "));
}

}  // namespace

void write_risk_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    out << "risk_id,asset_id,asset_name,threat_id,threat,impact,impact_aspects,threat_level,vulnerability,score,level,"
           "level_name,level_meaning,status,accepted_by,exception_owner,exception_expires,justification,"
           "expired_exceptions,measures,vendors,findings,vulnerability_derivation\r\n";
    for (const RiskEntry& r : reg.risks) {
        std::vector<std::string> expires, derivation, findings;
        for (const ExceptionRef& x : r.accepted_by) expires.push_back(x.expires.to_string());
        for (const RiskReason& reason : r.derivation) derivation.push_back(render_reason(reason, lang));
        for (const RiskFindingRef& f : r.findings)
            findings.push_back(f.suppressed_by.empty() ? fmt::format("{}: {}", f.rule, f.summary)
                                                       : fmt::format("{}: {} [{}]", f.rule, f.summary, f.suppressed_by));
        const std::string cells[] = {
            r.id,
            r.asset_id,
            r.asset_name,
            r.threat_id,
            r.threat_name.in(lang),
            std::to_string(r.impact),
            r.impact_aspects,
            std::to_string(r.threat_level),
            std::to_string(r.vulnerability),
            std::to_string(r.score),
            risk_level_code(r.level),
            risk_level_name(r.level).in(lang),
            risk_level_wording(r.level).in(lang),
            risk_status_code(r.status),
            ids(r.accepted_by, &ExceptionRef::id),
            ids(r.accepted_by, &ExceptionRef::owner),
            fmt::format("{}", fmt::join(expires, "; ")),
            ids(r.accepted_by, &ExceptionRef::justification),
            ids(r.expired_exceptions, &ExceptionRef::id),
            fmt::format("{}", fmt::join(r.measure_ids, "; ")),
            fmt::format("{}", fmt::join(r.vendors, "; ")),
            fmt::format("{}", fmt::join(findings, " | ")),
            fmt::format("{}", fmt::join(derivation, " | ")),
        };
        bool first = true;
        for (const std::string& cell : cells) {
            if (!first) out << ',';
            first = false;
            out << csv_cell(readable_text(cell));
        }
        out << "\r\n";
    }
}

}  // namespace sovscan
