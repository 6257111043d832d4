#include "common/calendar_date.h"

#include <fmt/format.h>

namespace sovscan {

using namespace std::chrono;

CalendarDate::CalendarDate(int y, unsigned m, unsigned d) : ymd_(year(y), month(m), day(d)) {}

std::optional<CalendarDate> CalendarDate::parse(std::string_view t) {
    // Fixed width, digits only: "2026-1-5" or "2026-01-05T00:00" are refused rather than guessed.
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    auto num = [&](size_t at, size_t len) {
        unsigned v = 0;
        for (size_t i = at; i < at + len; ++i) v = v * 10 + static_cast<unsigned>(t[i] - '0');
        return v;
    };
    year_month_day ymd{year(static_cast<int>(num(0, 4))), month(num(5, 2)), day(num(8, 2))};
    if (!ymd.ok()) return std::nullopt;
    return CalendarDate(ymd);
}

CalendarDate CalendarDate::utc_day_of(std::time_t unix_seconds) {
    return CalendarDate(year_month_day{floor<days>(sys_seconds{seconds{unix_seconds}})});
}

std::string CalendarDate::to_string() const {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd_.year()), static_cast<unsigned>(ymd_.month()),
                       static_cast<unsigned>(ymd_.day()));
}

}  // namespace sovscan
