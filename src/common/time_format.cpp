#include "common/time_format.h"

#include <fmt/format.h>

#include <chrono>
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

namespace {

constexpr int64_t kNs = 1'000'000'000LL;
// Seconds beyond which ns no longer fit an int64 (year 2262): a time past it is not a log's.
constexpr int64_t kMaxSeconds = INT64_MAX / kNs - 1;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exactly `n` digits at `pos`, advancing it.
bool digits(std::string_view s, size_t& pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!is_digit(s[pos + i])) return false;
        v = v * 10 + (s[pos + i] - '0');
    }
    out = v;
    pos += n;
    return true;
}

// ".123456" at `pos` (any number of digits, the first 9 counted) -> ns; nothing there is 0.
bool fraction(std::string_view s, size_t& pos, int64_t& ns) {
    ns = 0;
    if (pos >= s.size() || s[pos] != '.') return true;
    ++pos;
    size_t n = 0;
    int64_t scale = kNs;
    while (pos < s.size() && is_digit(s[pos])) {
        if (n < 9) {
            scale /= 10;
            ns += (s[pos] - '0') * scale;
        }
        ++n, ++pos;
    }
    return n > 0;
}

}  // namespace

std::optional<int64_t> parse_epoch_seconds(std::string_view s) {
    size_t pos = 0;
    int64_t secs = 0;
    if (s.empty() || !is_digit(s[0])) return std::nullopt;
    while (pos < s.size() && is_digit(s[pos])) {
        secs = secs * 10 + (s[pos] - '0');
        if (secs > kMaxSeconds) return std::nullopt;
        ++pos;
    }
    int64_t ns = 0;
    if (!fraction(s, pos, ns) || pos != s.size()) return std::nullopt;
    return secs * kNs + ns;
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
    size_t pos = 0;
    int year, month, day, hour, minute, second;
    if (!digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, month) ||
        pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, day))
        return std::nullopt;
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
    ++pos;
    if (!digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, minute) ||
        pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, second))
        return std::nullopt;
    int64_t ns = 0;
    if (!fraction(s, pos, ns)) return std::nullopt;
    int64_t offset_s = 0;
    if (pos < s.size()) {
        const char sign = s[pos++];
        if (sign == 'Z' || sign == 'z') {
            if (pos != s.size()) return std::nullopt;
        } else if (sign == '+' || sign == '-') {
            int oh, om;
            if (!digits(s, pos, 2, oh)) return std::nullopt;
            if (pos < s.size() && s[pos] == ':') ++pos;
            if (!digits(s, pos, 2, om) || pos != s.size() || oh > 23 || om > 59) return std::nullopt;
            offset_s = (oh * 3600 + om * 60) * (sign == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year(year), std::chrono::month(unsigned(month)), std::chrono::day(unsigned(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    const int64_t days = sys_days(ymd).time_since_epoch().count();
    const int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
    if (secs < -kMaxSeconds || secs > kMaxSeconds) return std::nullopt;
    return secs * kNs + ns;
}

}  // namespace sovscan
