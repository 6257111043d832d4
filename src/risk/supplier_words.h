#pragma once
// The supplier register's cells in words, the same in every writer (HTML, Markdown, CSV): a
// supplier's roles, its significance with the criteria met, what the operator's list says of it,
// and a counterpart operator's roles. Raw text: each writer escapes it.
#include <string>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

std::string render_supplier_roles(const SupplierEntry& s, RiskLang lang);         // "výrobce; dodavatel softwaru"
std::string render_significance(const SupplierEntry& s, RiskLang lang);           // "ano: riziková jurisdikce …" / "ne"
std::string render_supplier_record(const SupplierEntry& s, RiskLang lang);        // "smlouva: …; kontakt: …"
// "inv:K-1 (výrobce), inv:T-1 (poskytovatel služby (cloud, API))": each asset with what the
// supplier is to it.
std::string render_supplier_dependants(const SupplierEntry& s, RiskLang lang);
std::string render_counterpart_roles(const CounterpartOperator& c, RiskLang lang);  // "cíl odesílaných dat"

}  // namespace sovscan
