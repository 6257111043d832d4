#include "common/time_format.h"

#include <fmt/format.h>

#include <ctime>

namespace sovscan {

std::string rfc3339_utc(int64_t ts_ns) {
    int64_t secs = ts_ns / 1'000'000'000LL;
    int64_t frac = ts_ns % 1'000'000'000LL;
    if (frac < 0) {
        frac += 1'000'000'000LL;
        --secs;
    }
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, frac / 1000);
}

}  // namespace sovscan
