#include "risk/register_csv.h"

#include <fmt/format.h>

#include <map>

#include "common/escape.h"
#include "risk/messages.h"
#include "risk/supplier_words.h"
#include "report/utf8_text.h"

namespace sovscan {

namespace {

std::string t(std::string_view raw) { return readable_text(raw); }

std::string ids(const std::vector<ExceptionRef>& refs, std::string ExceptionRef::*field) {
    std::vector<std::string> v;
    for (const ExceptionRef& r : refs) v.push_back(r.*field);
    return fmt::format("{}", fmt::join(v, "; "));
}

// One CSV row: every cell through csv_cell() (no cell starts a formula).
void csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    bool first = true;
    for (const std::string& cell : cells) {
        if (!first) out << ',';
        first = false;
        out << csv_cell(cell);
    }
    out << "\r\n";
}

std::string list(const std::vector<std::string>& v) { return t(fmt::format("{}", fmt::join(v, "; "))); }


// The stable column identifiers of the standard CSV; the Czech-Excel one shows "csv.<id>" from the
// message table instead.
constexpr const char* kColumns[] = {"risk_id", "asset_id", "asset_name", "threat_id", "threat", "impact", "impact_aspects",
                                    "threat_level", "vulnerability", "score", "level", "level_name", "level_meaning",
                                    "status", "accepted_by", "exception_owner", "exception_expires", "justification",
                                    "expired_exceptions", "measures", "vendors", "findings", "vulnerability_derivation",
                                    "inherent_vulnerability", "inherent_score", "inherent_level", "residual_vulnerability",
                                    "residual_score", "residual_level", "change", "previous_score", "previous_level"};
constexpr size_t kColumnCount = std::size(kColumns);

// The two CSV dialects: which header, which words for codes, which separator.
struct CsvDialect {
    char separator = ',';
    bool bom = false;
    bool words = false;  // headers from the message table, level and status as words
};

// "new", "raised", "lowered" or "unchanged" since the previous register; "" without one.
std::string change_of(const RiskRegister& reg, const std::map<std::string, const RiskChange*>& changed, const std::string& id) {
    if (!reg.changes) return "";
    auto it = changed.find(id);
    return it == changed.end() ? "unchanged" : it->second->change;
}

std::string previous_of(const std::map<std::string, const RiskChange*>& changed, const std::string& id, bool score) {
    auto it = changed.find(id);
    if (it == changed.end() || it->second->previous_score == 0) return "";
    return score ? std::to_string(it->second->previous_score) : risk_level_code(it->second->previous_level);
}

void write_csv(const RiskRegister& reg, RiskLang lang, const CsvDialect& dialect, std::ostream& out) {
    if (dialect.bom) out << "\xEF\xBB\xBF";
    auto write_row = [&](const auto& cells) {
        bool first = true;
        for (const std::string& cell : cells) {
            if (!first) out << dialect.separator;
            first = false;
            out << csv_cell_separated(cell, dialect.separator);
        }
        out << "\r\n";
    };
    std::vector<std::string> header;
    for (const char* c : kColumns) header.push_back(dialect.words ? risk_msg(fmt::format("csv.{}", c), lang) : c);
    write_row(header);
    // With --previous: how each risk changed, and a row per closed risk (its previous values only).
    std::map<std::string, const RiskChange*> changed;
    if (reg.changes)
        for (const RiskChange& x : reg.changes->risks) changed[x.id] = &x;
    for (const RiskEntry& r : reg.risks) {
        // Each cell made readable once: raw text through readable_text(), a finding's summary
        // (readable since the finding was made) through readable_again(), so that its \xNN stay.
        std::vector<std::string> expires, derivation, findings;
        for (const ExceptionRef& x : r.accepted_by) expires.push_back(x.expires.to_string());
        for (const RiskReason& reason : r.derivation) derivation.push_back(render_reason(reason, lang));
        for (const RiskFindingRef& f : r.findings)
            findings.push_back(f.suppressed_by.empty()
                                   ? fmt::format("{}: {}", t(f.rule), readable_again(f.text.in(lang)))
                                   : fmt::format("{}: {} [{}]", t(f.rule), readable_again(f.text.in(lang)), t(f.suppressed_by)));
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
            dialect.words ? t(risk_level_name(r.level).in(lang)) : risk_level_code(r.level),
            t(risk_level_name(r.level).in(lang)),
            t(risk_level_wording(r.level).in(lang)),
            dialect.words ? render_risk_status(r.status, lang) : risk_status_code(r.status),
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
            dialect.words ? t(risk_level_name(r.inherent_level).in(lang)) : risk_level_code(r.inherent_level),
            std::to_string(r.vulnerability),
            std::to_string(r.score),
            dialect.words ? t(risk_level_name(r.level).in(lang)) : risk_level_code(r.level),
            change_of(reg, changed, r.id),
            previous_of(changed, r.id, true),
            previous_of(changed, r.id, false),
        };
        static_assert(std::size(cells) == kColumnCount);
        write_row(cells);
    }
    if (reg.changes)
        for (const RiskChange& x : reg.changes->risks) {
            if (x.change != "closed") continue;
            std::vector<std::string> cells(kColumnCount);
            cells[0] = readable_again(x.id);
            cells[1] = readable_again(x.asset_id);
            cells[2] = readable_again(x.asset_name);
            cells[3] = readable_again(x.threat_id);
            cells[kColumnCount - 3] = "closed";
            cells[kColumnCount - 2] = std::to_string(x.previous_score);
            cells[kColumnCount - 1] = risk_level_code(x.previous_level);
            write_row(cells);
        }
}

}  // namespace

void write_risk_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out) { write_csv(reg, lang, CsvDialect{}, out); }

void write_risk_csv_excel(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    write_csv(reg, lang, CsvDialect{';', true, true}, out);
}


void write_supplier_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    out << "supplier_id,catalogued,name,roles,jurisdiction,high_risk,significant,significance,assets,dependants,basis,findings,"
           "designations,risks,contract,contact,last_assessment,listed_at\r\n";
    for (const SupplierEntry& s : reg.suppliers)
        csv_row(out, {t(s.id), s.catalogued ? "yes" : "no", t(s.name), t(render_supplier_roles(s, lang)), t(s.jurisdiction),
                      s.high_risk ? "yes" : "no", s.significant ? "yes" : "no", t(render_significance(s, lang)),
                      list(s.asset_ids), t(render_supplier_dependants(s, lang)), list(s.basis), std::to_string(s.findings), list(s.designations_in(lang)), list(s.risk_ids),
                      t(s.contract), t(s.contact), s.last_assessment ? s.last_assessment->to_string() : "", t(s.listed_at)});
}

void write_counterpart_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out) {
    out << "operator,roles,jurisdiction,high_risk,counterparts,assets,rules,findings,risks\r\n";
    for (const CounterpartOperator& c : reg.counterpart_operators)
        csv_row(out, {t(c.name), t(render_counterpart_roles(c, lang)), t(c.jurisdiction), c.high_risk ? "yes" : "no",
                      list(c.counterparts), list(c.asset_ids), list(c.rules), std::to_string(c.findings), list(c.risk_ids)});
}

}  // namespace sovscan
