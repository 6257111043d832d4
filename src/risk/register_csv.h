#pragma once
// The risk register as CSV (RFC 4180, CRLF), one row per risk, for spreadsheets: column names are
// stable identifiers (docs/risk-method.md lists them), values in the language asked for. Every
// cell goes through csv_cell() (no formula can start a cell) after readable_text() (a finding's
// summary, readable already: readable_again()).
#include <ostream>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

void write_risk_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out);

// The same register for Czech Excel (`--format csv-cs`): UTF-8 with a byte-order mark (Excel reads
// UTF-8 only with it), ';' between fields (Excel's separator where the decimal mark is a comma),
// column headers in `lang`, and the level and status as words ("Vysoké", "otevřené") instead of
// codes. The columns are the same as write_risk_csv's, in the same order; no column holds a
// fractional number, so no decimal mark is written.
void write_risk_csv_excel(const RiskRegister& reg, RiskLang lang, std::ostream& out);
// The register of suppliers and the counterpart operators as CSV tables of their own (issue 15
// item 8): `sovscan risk -o X.csv` writes them beside the register as X-suppliers.csv and
// X-counterparts.csv. Columns: docs/risk-method.md, "Outputs".
void write_supplier_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out);
void write_counterpart_csv(const RiskRegister& reg, RiskLang lang, std::ostream& out);

}  // namespace sovscan
