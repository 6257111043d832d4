#pragma once
// The scan report as one self-contained HTML page (html_document.h): summary, charts a manager
// reads at a glance (exposure by jurisdiction and by operator, top local assets, findings over
// time), then the evidence: findings and devices in tables that sort and filter. Loads nothing,
// runs only its own hashed script, prints to A4. Every string from a capture, the intel or the
// policy file is escaped.
#include <ostream>

#include "report/scan_report.h"
#include "risk/text.h"

namespace sovscan {

// In English (the default) or Czech: every heading, label and summary from report_words.cpp.
void write_html_report(const ScanReport& report, std::ostream& out, RiskLang lang = RiskLang::en);

}  // namespace sovscan
