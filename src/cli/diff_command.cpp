// `sovscan diff [RUN_A] [RUN_B]`: what changed between two runs of a store — exposures and assets
// new, gone, more or less severe, with traffic grown past a factor.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/scan_options.h"
#include "cli/store_options.h"
#include "common/escape.h"
#include "report/run_changes_report.h"
#include "store/run_diff.h"

namespace sovscan::cli {

namespace {

struct DiffArgs {
    std::string store, sensor, output, format;
    std::vector<int64_t> runs;
    double growth = 2.0;
    bool json = false;
};

// The two runs to compare: both given; one given (against its sensor's newest run); or none (the
// sensor's last two; the sensor: --sensor, else the newest run's). False after printing why.
bool pick_runs(RunStore& store, const DiffArgs& a, int64_t& from, int64_t& to) {
    if (a.runs.size() == 2) {
        from = a.runs[0];
        to = a.runs[1];
        return true;
    }
    std::string sensor = a.sensor;
    if (a.runs.size() == 1) {
        auto first = store.load_run(a.runs[0]);
        if (!first) {
            std::cerr << fmt::format("sovscan: error: diff: no run {} in {}\n", a.runs[0], terminal_safe(store.name()));
            return false;
        }
        sensor = first->info.sensor;
    }
    RunFilter filter;
    filter.sensor = sensor;
    filter.limit = a.runs.empty() ? 2 : 1;
    if (sensor.empty()) {
        RunFilter newest;
        newest.limit = 1;
        const auto last = store.list_runs(newest);
        if (last.empty()) {
            std::cerr << fmt::format("sovscan: error: diff: {} has no runs\n", terminal_safe(store.name()));
            return false;
        }
        filter.sensor = last.back().sensor;
    }
    const std::vector<RunInfo> runs = store.list_runs(filter);
    if (a.runs.size() == 1) {
        from = a.runs[0];
        to = runs.back().id;
        return true;
    }
    if (runs.size() < 2) {
        std::cerr << fmt::format("sovscan: error: diff: sensor {} has {} run(s) in {}; diff needs two (scan again with "
                                 "--store, or give RUN_A RUN_B from `sovscan history`)\n",
                                 terminal_safe(filter.sensor), runs.size(), terminal_safe(store.name()));
        return false;
    }
    from = runs[0].id;
    to = runs[1].id;
    return true;
}

int run_diff(const DiffArgs& a) {
    std::string format = a.json ? "json" : a.format;
    if (format.empty()) format = format_by_extension(a.output, {{".json", "json"}, {".html", "html"}, {".htm", "html"}});
    if (!a.output.empty() && format.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .json or "
                                 ".html, or --format json|html|table\n",
                                 terminal_safe(a.output));
        return kExitUsage;
    }
    return answer_from_store(a.store, a.output, [&](RunStore& store) {
        int64_t from = 0, to = 0;
        if (!pick_runs(store, a, from, to)) return kExitUsage;
        auto before = store.load_run(from);
        auto after = store.load_run(to);
        for (auto [id, run] : {std::pair{from, &before}, std::pair{to, &after}})
            if (!*run) {
                std::cerr << fmt::format("sovscan: error: diff: no run {} in {}\n", id, terminal_safe(store.name()));
                return kExitUsage;
            }
        const RunChanges changes = diff_runs(*before, *after, a.growth);
        return write_output(a.output,
                            [&](std::ostream& out) {
                                if (format == "json") write_changes_json(changes, out);
                                else if (format == "html") write_changes_html(changes, out);
                                else write_changes_table(changes, out);
                            })
                   ? kExitOk
                   : kExitUsage;
    });
}

}  // namespace

CommandRunner add_diff_command(CLI::App& app) {
    auto a = std::make_shared<DiffArgs>();
    CLI::App* cmd = app.add_subcommand(
        "diff", "Compare two runs of a store: exposures and assets that are new, gone, more or less severe, or whose "
                "traffic grew past a factor.");
    cmd->add_option("runs", a->runs, "RUN_A RUN_B (ids from `sovscan history`); one: against its sensor's newest "
                                     "run; none: the sensor's last two runs")
        ->expected(0, 2);
    cmd->add_option("--store", a->store, "the store (default $SOVSCAN_STORE)")->type_name("FILE");
    cmd->add_option("--sensor", a->sensor, "without run ids: this sensor's last two runs (default: the newest run's "
                                           "sensor)")
        ->type_name("NAME");
    cmd->add_option("--growth", a->growth, "traffic counts as grown at this many times the earlier run's")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 1e9));
    cmd->add_flag("--json", a->json, "JSON instead of the table");
    cmd->add_option("--format", a->format, "table, json or html")->check(CLI::IsMember({"table", "json", "html"}));
    cmd->add_option("-o,--output", a->output, "write to FILE: .json or .html picks the format")->type_name("FILE");
    cmd->footer("Examples:\n"
                "  sovscan scan week1.pcap --store runs.db && sovscan scan week2.pcap --store runs.db\n"
                "  sovscan diff --store runs.db                 # the last two runs of the newest run's sensor\n"
                "  sovscan diff 12 15 --store runs.db -o changes.html\n"
                "  sovscan diff --sensor site-a --growth 5 --json\n"
                "Exposures are matched by their stable id (the same on every run and sensor), assets by their id.");
    return [a]() { return run_diff(*a); };
}

}  // namespace sovscan::cli
