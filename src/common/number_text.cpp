#include "common/number_text.h"

#include <fmt/format.h>

#include <array>

namespace sovscan {

namespace {

constexpr std::string_view kNoBreakSpace = "\u00a0";

std::string with_decimal_mark(std::string s, NumberStyle style) {
    if (style == NumberStyle::czech)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

}  // namespace

std::string decimal_bytes(double b, NumberStyle style) {
    if (b < 1000) return fmt::format("{:.0f} B", b);
    static constexpr std::array<std::string_view, 5> kUnits = {"kB", "MB", "GB", "TB", "PB"};
    double v = b / 1000.0;
    size_t u = 0;
    while (v >= 999.95 && u + 1 < kUnits.size()) v /= 1000.0, ++u;  // 999.96 kB would print as "1000.0 kB"
    const std::string text = u >= 2 ? fmt::format("{:.2f} {}", v, kUnits[u]) : fmt::format("{:.1f} {}", v, kUnits[u]);
    return with_decimal_mark(text, style);
}

std::string grouped_integer(uint64_t n, NumberStyle style) {
    const std::string digits = std::to_string(n);
    if (style == NumberStyle::czech && digits.size() <= 4) return digits;
    const std::string_view sep = style == NumberStyle::czech ? kNoBreakSpace : std::string_view(",");
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::string_view plural_form(uint64_t n, std::string_view forms, NumberStyle style) {
    const size_t wanted = style == NumberStyle::czech ? (n == 1 ? 0 : n >= 2 && n <= 4 ? 1 : 2) : (n == 1 ? 0 : 1);
    size_t start = 0;
    for (size_t i = 0; i < wanted; ++i) {
        const size_t bar = forms.find('|', start);
        if (bar == std::string_view::npos) break;  // fewer forms given: the last one stands
        start = bar + 1;
    }
    return forms.substr(start, forms.find('|', start) - start);
}

std::string_view czech_z_before(uint64_t n) {
    // The first word read out decides: dvou, tří, čtyř, šesti, sedmi, dvanácti ... and sta take
    // "ze"; jednoho, pěti, osmi, devíti, deseti, tisíce, milionu take "z".
    for (;;) {
        if (n >= 1'000'000) {
            if (n < 2'000'000) return "z";  // milionu
            n /= 1'000'000;
        } else if (n >= 1000) {
            if (n < 2000) return "z";  // tisíce
            n /= 1000;
        } else if (n >= 100) {
            if (n < 200) return "ze";  // sta
            n /= 100;
        } else if (n >= 20) {
            n /= 10;  // dvaceti, třiceti, čtyřiceti, šedesáti, sedmdesáti as 2, 3, 4, 6, 7
        } else if (n >= 10) {
            return n == 12 || n == 13 || n == 14 || n == 16 || n == 17 ? "ze" : "z";
        } else {
            return n == 2 || n == 3 || n == 4 || n == 6 || n == 7 ? "ze" : "z";
        }
    }
}

}  // namespace sovscan
