#pragma once
// The risk analysis as one self-contained HTML page (html_document.h) that a manager reads at a
// glance and an auditor prints to PDF: summary (date, policy, cut-offs, counts by level), charts
// (risk heat map impact x likelihood, exposure by jurisdiction and operator, top assets by bytes
// sent, findings over time), then the four documents of decree 409/2025 § 8-9 as tables that sort
// and filter: risk register with each risk's derivation, threats, assets with C/I/A, statement of
// applicability, treatment plan with the seven items of § 8, supplier register (§ 9), accepted and
// expired exceptions. One layout; every word from risk/messages in Czech or English.
// Every string from a capture, an inventory or the policy file is escaped (html_text.h).
#include <ostream>

#include "risk/register.h"
#include "risk/text.h"
#include "report/scan_report.h"

namespace sovscan {

// `scan` supplies the exposure charts (the same scan the register was built from).
void write_risk_html(const RiskRegister& reg, const ScanReport& scan, RiskLang lang, std::ostream& out);

}  // namespace sovscan
