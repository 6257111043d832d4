// The operator's supplier list (--suppliers, issue 15 item 8) and the name key suppliers are
// matched on.
#include <gtest/gtest.h>

#include "risk/supplier_list.h"

namespace sovscan {
namespace {

TEST(SupplierList, CommaFileWithoutBom) {
    std::vector<std::string> errors;
    const SupplierList l = parse_supplier_list(
        "supplier,contract,contact,last_assessment,significant\n"
        "hikvision,\"C-1, annex 2\",soc@example.cz,2025-06-30,no\n"
        "Espressif Systems,,,,\n",
        "s.csv", errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(l.rows.size(), 2u);
    EXPECT_EQ(l.rows[0].supplier, "hikvision");
    EXPECT_EQ(l.rows[0].contract, "C-1, annex 2");
    EXPECT_EQ(l.rows[0].last_assessment, CalendarDate(2025, 6, 30));
    EXPECT_EQ(l.rows[0].significant, false);
    EXPECT_EQ(l.rows[0].listed_at, "s.csv:2");
    EXPECT_FALSE(l.rows[1].significant.has_value());
    EXPECT_FALSE(l.rows[1].last_assessment.has_value());
}

TEST(SupplierList, SemicolonsInsideQuotesSurvive) {
    std::vector<std::string> errors;
    const SupplierList l = parse_supplier_list("dodavatel;smlouva\r\n\"A; B, s.r.o.\";\"1; 2, 3\"\r\n", "s.csv", errors);
    ASSERT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(l.rows.size(), 1u);
    EXPECT_EQ(l.rows[0].supplier, "A; B, s.r.o.");
    EXPECT_EQ(l.rows[0].contract, "1; 2, 3");
}

TEST(SupplierList, EmptyFileAndMissingSupplierColumn) {
    std::vector<std::string> errors;
    parse_supplier_list("\xEF\xBB\xBF", "e.csv", errors);
    EXPECT_EQ(errors, std::vector<std::string>{"e.csv: empty file (no header row)"});
    errors.clear();
    parse_supplier_list("contract\nX\n", "n.csv", errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].rfind("n.csv:1: no supplier column", 0), 0u) << errors[0];
}

TEST(SupplierList, NamesNormalised) {
    EXPECT_EQ(normalised_supplier_name("Espressif Systems (Shanghai) Co., Ltd."), "espressif systems shanghai");
    EXPECT_EQ(normalised_supplier_name("SMARTER APPLICATIONS, LTD"), "smarter applications");
    EXPECT_EQ(normalised_supplier_name("ÚDRŽBA NOVÁK s.r.o."), "údržba novák");
    EXPECT_EQ(normalised_supplier_name("eQ-3 AG"), "eq 3");
    EXPECT_EQ(normalised_supplier_name("Co., Ltd."), "");
}

}  // namespace
}  // namespace sovscan
