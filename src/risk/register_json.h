#pragma once
// The risk analysis for machines: schema "sovscan-risk" version 1 (docs/risk-schema.md). Codes
// (levels, statuses, triggers, derivation codes with their arguments) are language-independent;
// each text is in the language asked for, named by "lang". Strings from inputs go through
// readable_text(); findings' summaries, readable already, through readable_again().
#include <ostream>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

void write_risk_json(const RiskRegister& reg, RiskLang lang, std::ostream& out);

}  // namespace sovscan
