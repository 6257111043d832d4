#pragma once
// Numbers and counted nouns as the documents print them, in English or Czech typography: one
// place decides the unit of bytes (decimal: kB = 1000 B, as the policy's thresholds and the risk
// method are written), the decimal mark, digit grouping and which plural form a count takes.
#include <cstdint>
#include <string>
#include <string_view>

namespace sovscan {

enum class NumberStyle : uint8_t { english, czech };

// 950 B, 2.9 kB, 3.3 MB, 1.25 GB in English; 2,9 kB, 3,3 MB in Czech (decimal comma). Decimal
// units everywhere (the scan report, the register, the summaries): one transfer, one number.
std::string decimal_bytes(double bytes, NumberStyle style = NumberStyle::english);

// 10000000 as "10,000,000" (English) or "10 000 000" with no-break spaces (Czech, ČSN 01 6910:
// groups of three from five digits on; four-digit numbers stay whole).
std::string grouped_integer(uint64_t n, NumberStyle style = NumberStyle::english);

// Which plural form a count takes: English 0 = one, 1 = other; Czech 0 = one (1), 1 = few (2–4),
// 2 = many (0, 5 and more). `forms` is "aktivum|aktiva|aktiv" or "asset|assets"; a missing form
// falls back to the last one given.
std::string_view plural_form(uint64_t n, std::string_view forms, NumberStyle style);

// The Czech preposition "z" or "ze" before the number `n` as it is read out ("ze 2" = ze dvou,
// "z 5" = z pěti, "ze 100" = ze sta, "z 1000" = z tisíce).
std::string_view czech_z_before(uint64_t n);

}  // namespace sovscan
