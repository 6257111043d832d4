#pragma once
// The operator's own list of suppliers, `sovscan risk --suppliers FILE` (issue 15 item 8): what the
// evidence cannot know — the contract, the contact, when the supplier was last assessed (decree
// 409/2025 § 9: before the contract and regularly after) and, where the operator decides it, whether
// the supplier is significant. fill_suppliers() merges its rows into the register's suppliers by
// catalog vendor id or normalised name; a supplier the evidence did not show is added as listed.
//
// CSV with a header row, UTF-8 with or without a byte-order mark, separated by commas or (as Czech
// Excel writes it) semicolons. Columns, in any order, by their English or Czech name:
//   supplier | dodavatel   catalog vendor id or name (required)
//   contract | smlouva, contact | kontakt
//   last_assessment | posledni_hodnoceni   YYYY-MM-DD or D.M.YYYY
//   significant | vyznamny   yes/no, ano/ne, true/false, 1/0; empty = by the criteria
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar_date.h"

namespace sovscan {

struct SupplierListRow {
    std::string supplier;  // raw, as written
    std::string contract, contact;
    std::optional<CalendarDate> last_assessment;
    std::optional<bool> significant;
    std::string listed_at;  // "<file>:<line>"
};

struct SupplierList {
    std::string file;
    std::vector<SupplierListRow> rows;  // the rows without problems, in file order
};

// Every problem is one "<file>:<line>: ..." line in `errors` (values escaped); rows with problems
// are left out, the others kept. A file that cannot be read is one error.
SupplierList read_supplier_list(const std::string& path, std::vector<std::string>& errors);
SupplierList parse_supplier_list(std::string_view text, const std::string& file, std::vector<std::string>& errors);

// The key a supplier's name is matched on: lower case, punctuation dropped, legal forms ("Co.",
// "Ltd.", "GmbH", "s.r.o.", "a.s.", ...) removed, so that "Espressif Systems (Shanghai) Co., Ltd."
// and "ESPRESSIF SYSTEMS (SHANGHAI)" are one supplier. "" when nothing is left.
std::string normalised_supplier_name(std::string_view name);

}  // namespace sovscan
