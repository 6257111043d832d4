// `sovscan merge`: the JSON reports of several sensors (or runs) -> one report (docs/merge.md).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/scan_options.h"
#include "common/escape.h"
#include "common/host_name.h"
#include "common/time_format.h"
#include "report/json_report_reader.h"
#include "report/scan_report_merger.h"
#include "report/terminal_report.h"

namespace sovscan::cli {

namespace {

struct MergeArgs {
    std::vector<std::string> reports;
    std::string output;
    std::string format;  // table, json, csv, html; "" = by -o extension
    std::string lang = "en";
    std::string fail_on;  // "" = the strictest of the reports' policies
    std::string sensor;   // "" = the host name
    std::string color = "auto";
    bool quiet = false;
};

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int run_merge(const MergeArgs& a, const std::vector<std::string>& argv) {
    const std::optional<std::string> format = report_format_for(a.format, a.output);
    if (!format) return kExitUsage;
    // Before any report is read: -o can be written and is none of them.
    if (!check_outputs({{"-o", a.output}}, a.reports, /*force=*/false)) return kExitUsage;

    ScanReportMerger merger;
    try {
        for (const std::string& path : a.reports) merger.add(read_json_report_file(path), path);
    } catch (const ReportReadError& e) {
        std::cerr << "sovscan: error: " << e.what() << "\n";
        return kExitUsage;
    }
    ScanReport report = merger.finish();
    report.generated_at = rfc3339_utc(now_ns());
    report.command_line = argv;
    report.sensor = a.sensor.empty() ? local_host_name() : a.sensor;
    if (!a.fail_on.empty()) {  // CLI11 checked it is a severity or never
        report.policy.fail_never = a.fail_on == "never";
        if (!report.policy.fail_never) report.policy.fail_on = *parse_severity(a.fail_on);
    }

    bool report_written = true;
    const bool machine_stdout = a.output.empty() && (*format == "json" || *format == "csv" || *format == "html");
    if (!a.output.empty() || machine_stdout)
        report_written = write_output(a.output, [&](std::ostream& out) {
            write_scan_report(report, out, *format, *parse_risk_lang(a.lang));  // CLI11 checked the language
        });

    if (!a.quiet && !machine_stdout) {
        std::vector<std::string> sensors;
        for (const ReportSource& s : report.merged_from) sensors.push_back(terminal_safe(s.sensor));
        std::cout << fmt::format("merged {} report(s) of sensor(s) {}\n", report.merged_from.size(),
                                 fmt::join(sensors, ", "));
        TerminalStyle style;
        style.colour = a.color == "always" || (a.color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
        write_terminal_report(report, std::cout, style);
        if (report_written && !a.output.empty()) std::cout << fmt::format("report written to {}\n", terminal_safe(a.output));
    }
    if (!report_written) return kExitUsage;
    return exit_code_for(report, report.policy, Diagnostics{});
}

}  // namespace

CommandRunner add_merge_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<MergeArgs>();
    CLI::App* cmd = app.add_subcommand(
        "merge", "Merge the JSON reports of several sensors (scan, live, collect -o x.json) into one report: sensors "
                 "kept apart, traffic summed, findings united by their stable id.");
    cmd->add_option("reports", a->reports, "JSON scan reports (schema 1.8 or later), merged reports among them")
        ->required()
        ->type_name("REPORT.json");
    cmd->add_option("-o,--output", a->output, "write the merged report to FILE; .json, .csv or .html picks the format")
        ->type_name("FILE");
    cmd->add_option("--format", a->format,
                    "report format: json (full report, readable again by merge), csv (findings), html (page with charts "
                    "and sortable tables) or table (terminal only)")
        ->check(CLI::IsMember({"json", "csv", "html", "table"}));
    cmd->add_option("--lang", a->lang, "language of the HTML report: en (the default) or cs")
        ->check(CLI::IsMember({"cs", "en"}));
    cmd->add_option("--fail-on", a->fail_on,
                    "exit 1 when a merged finding no exception suppresses is at or above this severity (default: the "
                    "strictest fail_on of the merged reports)")
        ->type_name("info|low|medium|high|critical|never")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "never"}));
    cmd->add_option("--sensor", a->sensor, "the name the merged report gives as its `sensor` (default: the host name)")
        ->type_name("NAME");
    cmd->add_option("--color", a->color, "colours in the terminal table")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_flag("-q,--quiet", a->quiet, "no table on the terminal (errors still go to stderr)");
    cmd->footer(
        "Examples:\n"
        "  sovscan scan site-a.pcap --sensor site-a -o a.json; sovscan scan site-b.pcap --sensor site-b -o b.json\n"
        "  sovscan merge a.json b.json -o all.html       # one page over both sites\n"
        "  sovscan merge a.json b.json -o all.json       # merged reports merge again: sovscan merge all.json c.json\n"
        "  sovscan merge week1/*.json --format csv > findings.csv\n"
        "  sovscan merge a.json b.json --fail-on critical  # exit 1 only for critical merged findings\n"
        "Each finding says which sensors saw it (`sensors`); merged_from lists every report with its sensor, time,\n"
        "inputs, intel versions, policy and partial reasons. Traffic, counters and per-finding bytes, packets and\n"
        "flows are summed; first and last seen are the earliest and latest. Reports with an asset inventory, of\n"
        "another schema, or given twice are refused (exit 2). docs/merge.md says exactly what is summed and how.");
    return [a, argv]() { return run_merge(*a, argv); };
}

}  // namespace sovscan::cli
