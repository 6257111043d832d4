// `sovscan report --since 30d | --from DATE --to DATE -o FILE`: one report over a period from a
// store — every exposure seen in it with its first and last sighting, and the timeline by day.
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/scan_options.h"
#include "cli/store_options.h"
#include "common/calendar_date.h"
#include "common/escape.h"
#include "common/time_format.h"
#include "report/period_report.h"
#include "store/period_query.h"

namespace sovscan::cli {

namespace {

constexpr int64_t kSecondNs = 1000000000LL;

struct ReportArgs {
    std::string store, sensor, output, format, since, from, to;
};

// "30d", "12h", "2w" -> nanoseconds; nullopt when it is none of those.
std::optional<int64_t> parse_span(const std::string& text) {
    if (text.size() < 2) return std::nullopt;
    int64_t n = 0;
    const char* end = text.data() + text.size() - 1;
    auto [p, ec] = std::from_chars(text.data(), end, n);
    if (ec != std::errc() || p != end || n <= 0 || n > 36500 * 24) return std::nullopt;
    switch (text.back()) {
        case 'h': return n * 3600 * kSecondNs;
        case 'd': return n * 86400 * kSecondNs;
        case 'w': return n * 7 * 86400 * kSecondNs;
        default: return std::nullopt;
    }
}

// YYYY-MM-DD (a whole UTC day: its start, or with `end_of_day` its last nanosecond) or an RFC 3339
// time; nullopt after printing why.
std::optional<int64_t> parse_when(const std::string& option, const std::string& text, bool end_of_day) {
    if (auto day = CalendarDate::parse(text)) {
        auto start = parse_iso8601(day->to_string() + "T00:00:00Z");
        if (start) return *start + (end_of_day ? 86400 * kSecondNs - 1 : 0);
    }
    if (auto t = parse_iso8601(text)) return *t;
    std::cerr << fmt::format("sovscan: error: {} {}: not a date YYYY-MM-DD or a time such as 2026-03-01T08:00:00Z\n",
                             option, terminal_safe(text));
    return std::nullopt;
}

int run_report(const ReportArgs& a) {
    const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    int64_t from = 0, to = now;
    if (!a.since.empty()) {
        auto span = parse_span(a.since);
        if (!span) {
            std::cerr << fmt::format("sovscan: error: --since {}: give a number of hours, days or weeks such as 12h, "
                                     "30d, 2w\n",
                                     terminal_safe(a.since));
            return kExitUsage;
        }
        from = now - *span;
    } else if (!a.from.empty()) {
        auto f = parse_when("--from", a.from, false);
        if (!f) return kExitUsage;
        from = *f;
        if (!a.to.empty()) {
            auto t = parse_when("--to", a.to, true);
            if (!t) return kExitUsage;
            to = *t;
        }
    } else {
        std::cerr << "sovscan: error: report: give the period: --since 30d, or --from DATE [--to DATE]\n";
        return kExitUsage;
    }
    if (to < from) {
        std::cerr << "sovscan: error: report: --to is before --from\n";
        return kExitUsage;
    }
    const std::string format =
        !a.format.empty() ? a.format
                          : format_by_extension(a.output, {{".json", "json"}, {".csv", "csv"}, {".html", "html"}, {".htm", "html"}});
    if (format.empty()) {
        std::cerr << fmt::format("sovscan: error: report: give -o FILE.html|.json|.csv, or --format html|json|csv for "
                                 "standard output{}\n",
                                 a.output.empty() ? "" : " (" + terminal_safe(a.output) + " has no known extension)");
        return kExitUsage;
    }
    return answer_from_store(a.store, a.output, [&](RunStore& store) {
        const PeriodReport report = build_period_report(store, from, to, a.sensor, rfc3339_utc(now));
        const bool ok = write_output(a.output, [&](std::ostream& out) {
            if (format == "json") write_period_json(report, out);
            else if (format == "csv") write_period_csv(report, out);
            else write_period_html(report, out);
        });
        if (ok && !a.output.empty())
            std::cerr << fmt::format("sovscan report: {} run(s), {} exposure(s) from {} to {}; written to {}\n",
                                     report.runs, report.findings.size(), rfc3339_utc(from), rfc3339_utc(to),
                                     terminal_safe(a.output));
        return ok ? kExitOk : kExitUsage;
    });
}

}  // namespace

CommandRunner add_report_command(CLI::App& app) {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "report", "One report over a period from a store: every exposure seen in it, first and last seen, and the "
                  "timeline by day.");
    CLI::Option* since = cmd->add_option("--since", a->since, "the last N hours, days or weeks: 12h, 30d, 2w")
                             ->type_name("SPAN");
    CLI::Option* from = cmd->add_option("--from", a->from, "from this UTC day (YYYY-MM-DD) or time (RFC 3339)")
                            ->type_name("DATE");
    cmd->add_option("--to", a->to, "to this UTC day (inclusive) or time; default now")->type_name("DATE")->needs(from);
    since->excludes(from);
    cmd->add_option("--store", a->store, "the store (default $SOVSCAN_STORE)")->type_name("FILE");
    cmd->add_option("--sensor", a->sensor, "only this sensor's runs")->type_name("NAME");
    cmd->add_option("-o,--output", a->output, "write to FILE: .html, .json or .csv (the findings) picks the format")
        ->type_name("FILE");
    cmd->add_option("--format", a->format, "html, json or csv")->check(CLI::IsMember({"html", "json", "csv"}));
    cmd->footer("Examples:\n"
                "  sovscan report --store runs.db --since 30d -o month.html\n"
                "  sovscan report --store runs.db --from 2026-01-01 --to 2026-03-31 -o q1.csv\n"
                "  sovscan report --since 1w --sensor site-a --format json   # $SOVSCAN_STORE\n"
                "Times are the traffic's (when a capture's packets were seen), not when it was scanned.");
    return [a]() { return run_report(*a); };
}

}  // namespace sovscan::cli
