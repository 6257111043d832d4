// `sovscan assets`: one asset list from every source an operator has — captures (what devices say
// about themselves and the clouds they contact), CMDB exports, nmap scans, SBOMs and model files —
// merged per asset, with vendor, jurisdiction and evidence.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/kafka_options.h"
#include "cli/signal_watcher.h"
#include "cli/scan_options.h"
#include "common/escape.h"
#include "engine/scan_engine.h"
#include "report/asset_report.h"
#include "report/json_report.h"

namespace sovscan::cli {
namespace {

struct AssetsArgs {
    ScanSourceOptions sources;
    std::string output;
    std::string format;  // table, json, csv; "" = by -o extension
    std::string lang = "en";  // of the table (JSON and CSV are for programs and stay as they are)
    KafkaOptions kafka;
};

std::string format_for(const AssetsArgs& a) {
    if (!a.format.empty()) return a.format;
    return format_by_extension(a.output, {{".json", "json"}, {".csv", "csv"}});
}

void write_format(const std::string& format, const ScanReport& report, std::ostream& out) {
    if (format == "json") write_json_report(report, out);
    else write_asset_csv(*report.inventory, out);
}

int run_assets(AssetsArgs& a, const std::vector<std::string>& argv) {
    if (nothing_to_read(a.sources, "assets")) return kExitUsage;
    if (!a.sources.check_outputs({{"-o", a.output}})) return kExitUsage;
    if (!a.kafka.open()) return kExitUsage;
    ScanOptions opt;
    opt.command_line = argv;
    if (!a.sources.build(opt)) return kExitUsage;
    opt.assets.from_traffic = true;
    const std::string format = format_for(a);
    if (!a.output.empty() && format.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .json or .csv, "
                                 "or --format json|csv\n",
                                 terminal_safe(a.output));
        return kExitUsage;
    }
    StoreOptions& store = a.sources.store;
    if (!store.open(opt.policy, a.sources.read_paths())) return kExitUsage;
    const bool progress = a.sources.progress_wanted() && !opt.inputs.empty();
    if (progress) opt.on_progress = ScanSourceOptions::print_progress;

    const SignalWatcher signals;  // SIGINT/SIGTERM: stop reading, write what was read
    opt.stop = &signals.stop_request();
    Diagnostics diag;
    auto report = ScanEngine::run(opt, diag);
    if (progress) ScanSourceOptions::clear_progress();
    if (!report) {
        print_problems(diag);
        return kExitUsage;
    }

    // Streamed before the list is written, so that the JSON counts what the stream lost.
    a.kafka.publish(*report);
    const bool streamed = a.kafka.finish(*report);
    const bool stored = store.record(*report, nullptr);
    const bool machine_stdout = a.output.empty() && (format == "json" || format == "csv");
    if ((!a.output.empty() || machine_stdout) &&
        !write_output(a.output, [&](std::ostream& out) { write_format(format, *report, out); }))
        return kExitUsage;
    if (!a.sources.quiet && !machine_stdout) {
        TerminalStyle style;
        style.colour = a.sources.colour_wanted();
        write_asset_table(*report, std::cout, style, *parse_risk_lang(a.lang));  // CLI11 checked it
        if (!a.output.empty()) std::cout << fmt::format("written to {}\n", terminal_safe(a.output));
    } else {
        print_problems(diag);
    }
    if (!streamed || !stored) return kExitUsage;
    return exit_code_for(*report, opt.policy, diag);
}

}  // namespace

CommandRunner add_assets_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<AssetsArgs>();
    CLI::App* cmd = app.add_subcommand(
        "assets", "List every asset the inputs show — from captures, CMDB exports, nmap scans, SBOMs and AI model "
                  "files — merged per asset, with its vendor, the vendor's jurisdiction and the evidence.");
    a->sources.add_to(*cmd, CaptureArgs::optional, /*inventory_options=*/true);
    cmd->add_option("-o,--output", a->output,
                    "write the list to FILE: .json (the scan report with an \"assets\" array) or .csv (one row per "
                    "asset)")
        ->type_name("FILE");
    cmd->add_option("--format", a->format, "json, csv or table (terminal only)")
        ->check(CLI::IsMember({"json", "csv", "table"}));
    cmd->add_option("--lang", a->lang, "language of the table: en (English, the default) or cs (Czech)")
        ->check(CLI::IsMember({"cs", "en"}));
    a->kafka.add_to(*cmd);
    cmd->footer(
        "Examples:\n"
        "  sovscan assets site-a.pcapng --inventory cmdb.csv --nmap scan.xml\n"
        "  sovscan assets --inventory cmdb.csv --sbom scada-hmi.cdx.json -o assets.json\n"
        "  sovscan assets --models /opt/llm --format csv > models.csv\n"
        "  sovscan assets site-a.pcapng --inventory cmdb.csv --kafka kafka1:9092 --kafka-topic sovscan\n"
        "Records that share an inventory id, a MAC address, an IP address or a host name are one asset\n"
        "(docs/assets.md). Findings: SOV-007 an asset made by a high-risk vendor; SOV-008 SBOM components of one;\n"
        "SOV-009 an AI model of high-risk origin used through an API; SOV-010 one run from local weights; with\n"
        "captures also SOV-001..005 as `sovscan scan` reports them. Exit 1 when a finding reaches --fail-on, 2 after\n"
        "errors (also when --kafka lost messages).");
    return [a, argv]() {
        a->sources.note_given();
        return run_assets(*a, argv);
    };
}

}  // namespace sovscan::cli
