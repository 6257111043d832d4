#include "risk/register_csv.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "risk/messages.h"
#include "report/utf8_text.h"

namespace sovscan {

namespace {

std::string t(std::string_view raw) { return readable_text(raw); }

std::string ids(const std::vector<ExceptionRef>& refs, std::string ExceptionRef::*field) {
    std::vector<std::string> v;
    for (const ExceptionRef& r : refs) v.push_back(r.*field);
    return fmt::format("{}", fmt::join(v, "; "));
}

}  // namespace

void write_risk_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    out << "risk_id,asset_id,asset_name,threat_id,threat,impact,impact_aspects,threat_level,vulnerability,score,level,"
           "level_name,level_meaning,status,accepted_by,exception_owner,exception_expires,justification,"
           "expired_exceptions,measures,vendors,findings,vulnerability_derivation,inherent_vulnerability,inherent_score,"
           "inherent_level,residual_vulnerability,residual_score,residual_level\r\n";
    for (const RiskEntry& r : reg.risks) {
        // Each cell made readable once: raw text through readable_text(), a finding's summary
        // (readable since the finding was made) through readable_again(), so that its \xNN stay.
        std::vector<std::string> expires, derivation, findings;
        for (const ExceptionRef& x : r.accepted_by) expires.push_back(x.expires.to_string());
        for (const RiskReason& reason : r.derivation) derivation.push_back(render_reason(reason, lang));
        for (const RiskFindingRef& f : r.findings)
            findings.push_back(f.suppressed_by.empty()
                                   ? fmt::format("{}: {}", t(f.rule), readable_again(f.summary))
                                   : fmt::format("{}: {} [{}]", t(f.rule), readable_again(f.summary), t(f.suppressed_by)));
        const std::string cells[] = {
            t(r.id),
            t(r.asset_id),
            t(r.asset_name),
            t(r.threat_id),
            t(r.threat_name.in(lang)),
            std::to_string(r.impact),
            t(r.impact_aspects),
            std::to_string(r.threat_level),
            std::to_string(r.vulnerability),
            std::to_string(r.score),
            risk_level_code(r.level),
            t(risk_level_name(r.level).in(lang)),
            t(risk_level_wording(r.level).in(lang)),
            risk_status_code(r.status),
            t(ids(r.accepted_by, &ExceptionRef::id)),
            t(ids(r.accepted_by, &ExceptionRef::owner)),
            fmt::format("{}", fmt::join(expires, "; ")),
            t(ids(r.accepted_by, &ExceptionRef::justification)),
            t(ids(r.expired_exceptions, &ExceptionRef::id)),
            t(fmt::format("{}", fmt::join(r.measure_ids, "; "))),
            t(fmt::format("{}", fmt::join(r.vendors, "; "))),
            fmt::format("{}", fmt::join(findings, " | ")),
            t(fmt::format("{}", fmt::join(derivation, " | "))),
            std::to_string(r.inherent_vulnerability),
            std::to_string(r.inherent_score),
            risk_level_code(r.inherent_level),
            std::to_string(r.vulnerability),
            std::to_string(r.score),
            risk_level_code(r.level),
        };
        bool first = true;
        for (const std::string& cell : cells) {
            if (!first) out << ',';
            first = false;
            out << csv_cell(cell);
        }
        out << "\r\n";
    }
}

}  // namespace sovscan
