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

}  // namespace sovscan
