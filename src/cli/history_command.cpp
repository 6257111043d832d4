// `sovscan history`: the runs a store keeps, oldest first, as a table or JSON.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scan_options.h"
#include "cli/store_options.h"
#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan::cli {

namespace {

struct HistoryArgs {
    std::string store, sensor, output;
    bool json = false;
    size_t limit = 0;
};

std::string when(int64_t ns) { return ns ? rfc3339_utc(ns).substr(0, 19) + "Z" : "-"; }

void write_json(const std::vector<RunInfo>& runs, std::ostream& out) {
    nlohmann::json list = nlohmann::json::array();
    for (const RunInfo& r : runs) {
        nlohmann::json inputs = nlohmann::json::array();
        for (const RunInput& in : r.inputs)
            inputs.push_back({{"path", printable(in.path)}, {"kind", in.kind}, {"size", in.size}, {"sha256", in.sha256}});
        list.push_back({{"id", r.id},
                        {"sensor", printable(r.sensor)},
                        {"generated_at", r.generated_at},
                        {"recorded_at", when(r.recorded_ns)},
                        {"first_seen", r.first_ns ? rfc3339_utc(r.first_ns) : ""},
                        {"last_seen", r.last_ns ? rfc3339_utc(r.last_ns) : ""},
                        {"complete", r.complete},
                        {"partial", r.partial},
                        {"packets", r.packets},
                        {"findings", r.findings},
                        {"assets", r.assets},
                        {"command_line", printable(r.command_line)},
                        {"intel_versions", r.intel_versions},
                        {"catalog_version", r.catalog_version},
                        {"policy_digest", r.policy_digest},
                        {"inputs", inputs}});
    }
    out << nlohmann::json{{"runs", list}}.dump(2) << "\n";
}

void write_table(const std::vector<RunInfo>& runs, std::ostream& out) {
    if (runs.empty()) {
        out << "no runs in the store\n";
        return;
    }
    out << fmt::format("{:>6}  {:<20} {:<20}  {:<41} {:>8} {:>6} {:>10}  {:<9} {}\n", "RUN", "SENSOR", "MADE",
                       "TRAFFIC", "FINDINGS", "ASSETS", "PACKETS", "STATUS", "INPUTS");
    for (const RunInfo& r : runs) {
        std::string inputs;
        for (const RunInput& in : r.inputs) inputs += (inputs.empty() ? "" : ", ") + in.path;
        const std::string status = !r.complete ? "incomplete" : r.partial ? "partial" : "complete";
        out << fmt::format("{:>6}  {:<20} {:<20}  {:<41} {:>8} {:>6} {:>10}  {:<9} {}\n", r.id, terminal_safe(r.sensor),
                           r.generated_at.substr(0, 19), r.first_ns ? when(r.first_ns) + " " + when(r.last_ns) : "-",
                           r.findings, r.assets, r.packets, status, terminal_safe(inputs));
    }
}

int run_history(const HistoryArgs& a) {
    return answer_from_store(a.store, a.output, [&](RunStore& store) {
        RunFilter filter;
        filter.sensor = a.sensor;
        filter.limit = a.limit;
        const std::vector<RunInfo> runs = store.list_runs(filter);
        const bool json = a.json || format_by_extension(a.output, {{".json", "json"}}) == "json";
        return write_output(a.output, [&](std::ostream& out) { json ? write_json(runs, out) : write_table(runs, out); })
                   ? kExitOk
                   : kExitUsage;
    });
}

}  // namespace

CommandRunner add_history_command(CLI::App& app) {
    auto a = std::make_shared<HistoryArgs>();
    CLI::App* cmd = app.add_subcommand("history", "List the runs a store keeps (scan, live, collect, assets and risk "
                                                  "with --store write one each), oldest first.");
    cmd->add_option("--store", a->store, "the store (default $SOVSCAN_STORE)")->type_name("FILE");
    cmd->add_option("--sensor", a->sensor, "only this sensor's runs")->type_name("NAME");
    cmd->add_option("--last", a->limit, "only the newest N runs")->type_name("N");
    cmd->add_flag("--json", a->json, "JSON instead of the table");
    cmd->add_option("-o,--output", a->output, "write to FILE (.json for JSON) instead of standard output")
        ->type_name("FILE");
    cmd->footer("Examples:\n"
                "  sovscan scan monday.pcap --store runs.db\n"
                "  sovscan history --store runs.db\n"
                "  SOVSCAN_STORE=runs.db sovscan history --sensor site-a --last 10 --json\n"
                "Each run lists its sensor, when it was made, the traffic's time span, its findings and inputs.\n"
                "Then `sovscan diff` compares two of them (docs/store.md).");
    return [a]() { return run_history(*a); };
}

}  // namespace sovscan::cli
