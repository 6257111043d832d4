#pragma once
// The writers of a RunChanges (report/run_changes.h): a terminal table, JSON, a whole HTML page,
// and the HTML section the scan report includes when it was written to a store.
#include <ostream>
#include <string>

#include "report/run_changes.h"
#include "risk/text.h"

namespace sovscan {

void write_changes_table(const RunChanges& changes, std::ostream& out);
void write_changes_json(const RunChanges& changes, std::ostream& out);
void write_changes_html(const RunChanges& changes, std::ostream& out);
// <section id="changes">: counts and one sortable table of exposure changes and one of assets.
std::string changes_html_section(const RunChanges& changes, RiskLang lang);

}  // namespace sovscan
