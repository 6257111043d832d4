#pragma once
// The risk register as an XLSX workbook (`sovscan risk -o register.xlsx`) for the people who edit
// it in a spreadsheet: the document frame, the risk register, the statement of applicability, the
// treatment plan, suppliers, assets, primary assets and the method, one sheet each, in Czech or
// English. Numbers are numbers and dates are dates; every text is written as a string, never as a
// formula (a CMDB name "=HYPERLINK(...)" stays text).
#include <ostream>
#include <string>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

// Writes the workbook to `out` (built in a temporary file: the library writes files). False with
// `error` when the library fails.
bool write_risk_xlsx(const RiskRegister& reg, RiskLang lang, std::ostream& out, std::string& error);

}  // namespace sovscan
