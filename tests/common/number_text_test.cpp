// Numbers and counted nouns as the documents print them (issue 15): one decimal unit system for
// bytes, Czech decimal comma and no-break-space grouping, the three Czech plural forms, "z"/"ze".
#include <gtest/gtest.h>

#include "common/number_text.h"

namespace sovscan {
namespace {

constexpr auto en = NumberStyle::english;
constexpr auto cs = NumberStyle::czech;

TEST(DecimalBytes, OneUnitSystemInBothTypographies) {
    EXPECT_EQ(decimal_bytes(999, en), "999 B");
    EXPECT_EQ(decimal_bytes(2900, en), "2.9 kB");
    EXPECT_EQ(decimal_bytes(2900, cs), "2,9 kB");
    EXPECT_EQ(decimal_bytes(185'400, en), "185.4 kB");  // not "181.1 KiB"
    EXPECT_EQ(decimal_bytes(3'300'000, cs), "3,3 MB");
    EXPECT_EQ(decimal_bytes(10'000'000, en), "10.0 MB");
    EXPECT_EQ(decimal_bytes(999'960, en), "1.0 MB");  // never "1000.0 kB"
    EXPECT_EQ(decimal_bytes(1'250'000'000, cs), "1,25 GB");
}

TEST(GroupedInteger, CzechNoBreakSpacesFromFiveDigits) {
    EXPECT_EQ(grouped_integer(10'000'000, cs), "10\u00a0000\u00a0000");
    EXPECT_EQ(grouped_integer(2109, cs), "2109");
    EXPECT_EQ(grouped_integer(48'080, cs), "48\u00a0080");
    EXPECT_EQ(grouped_integer(10'000'000, en), "10,000,000");
    EXPECT_EQ(grouped_integer(999, en), "999");
    EXPECT_EQ(grouped_integer(0, cs), "0");
}

TEST(PluralForm, CzechOneFewManyEnglishOneOther) {
    const char* aktiv = "aktivum|aktiva|aktiv";
    EXPECT_EQ(plural_form(1, aktiv, cs), "aktivum");
    for (uint64_t n : {2, 3, 4}) EXPECT_EQ(plural_form(n, aktiv, cs), "aktiva") << n;
    for (uint64_t n : {0, 5, 6, 11, 22, 100}) EXPECT_EQ(plural_form(n, aktiv, cs), "aktiv") << n;
    EXPECT_EQ(plural_form(10, "dodavatel|dodavatelé|dodavatelů", cs), "dodavatelů");
    EXPECT_EQ(plural_form(1, "asset|assets", en), "asset");
    EXPECT_EQ(plural_form(2, "asset|assets", en), "assets");
    EXPECT_EQ(plural_form(7, "opatření v plánu", cs), "opatření v plánu");  // one form for all
}

TEST(CzechPreposition, ZOrZeAsTheNumberIsRead) {
    EXPECT_EQ(czech_z_before(2), "ze");     // ze dvou
    EXPECT_EQ(czech_z_before(4), "ze");     // ze čtyř
    EXPECT_EQ(czech_z_before(1), "z");      // z jednoho
    EXPECT_EQ(czech_z_before(5), "z");      // z pěti
    EXPECT_EQ(czech_z_before(10), "z");     // z deseti
    EXPECT_EQ(czech_z_before(12), "ze");    // ze dvanácti
    EXPECT_EQ(czech_z_before(27), "ze");    // ze dvaceti sedmi
    EXPECT_EQ(czech_z_before(58), "z");     // z padesáti osmi
    EXPECT_EQ(czech_z_before(100), "ze");   // ze sta
    EXPECT_EQ(czech_z_before(300), "ze");   // ze tří set
    EXPECT_EQ(czech_z_before(1000), "z");   // z tisíce
    EXPECT_EQ(czech_z_before(7000), "ze");  // ze sedmi tisíc
}

}  // namespace
}  // namespace sovscan
