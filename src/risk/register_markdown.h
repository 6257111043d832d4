#pragma once
// The risk analysis as one Markdown document: (1) risk-assessment report with threats, assets,
// the register and each risk's derivation, (2) statement of applicability, (3) risk-treatment plan
// with the seven items of decree 409/2025 § 8, (4) register of suppliers (§ 9). One layout; the
// words come from risk/messages.h in the language asked for. Every value from the inputs
// goes through markdown_text().
#include <ostream>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

void write_risk_markdown(const RiskRegister& reg, RiskLang lang, std::ostream& out);

}  // namespace sovscan
