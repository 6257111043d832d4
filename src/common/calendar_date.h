#pragma once
// A calendar day (no time, no zone), as policy files write expiry dates: YYYY-MM-DD.
#include <chrono>
#include <compare>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

class CalendarDate {
public:
    CalendarDate() = default;  // 1970-01-01
    CalendarDate(int year, unsigned month, unsigned day);  // must be a real date (checked by parse)

    // Exactly "YYYY-MM-DD" naming a day that exists (2026-02-29 does not); nullopt otherwise.
    static std::optional<CalendarDate> parse(std::string_view text);
    // The UTC calendar day of a Unix time. Callers pass the time in, so that logic comparing dates
    // never reads a clock itself (tests choose "today").
    static CalendarDate utc_day_of(std::time_t unix_seconds);

    std::string to_string() const;  // YYYY-MM-DD

    friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
    friend std::strong_ordering operator<=>(const CalendarDate& a, const CalendarDate& b) {
        return std::chrono::sys_days(a.ymd_) <=> std::chrono::sys_days(b.ymd_);
    }

private:
    explicit CalendarDate(std::chrono::year_month_day ymd) : ymd_(ymd) {}
    std::chrono::year_month_day ymd_{std::chrono::year(1970), std::chrono::month(1), std::chrono::day(1)};
};

}  // namespace sovscan
