#include "cli/app.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/kafka_options.h"

namespace sovscan::cli {

int run(int argc, char** argv) {
    // As reports record it: a password given to --kafka-option never reaches a report or a store.
    const std::vector<std::string> args = KafkaOptions::redacted_command_line({argv, argv + argc});
    CLI::App app{"sovscan finds exposure to high-risk suppliers and jurisdictions: which local assets send data to\n"
                 "servers located in (or run by companies controlled from) high-risk jurisdictions, who reaches in\n"
                 "from there, and which devices on the network come from high-risk vendors.",
                 "sovscan"};
    app.set_version_flag("--version", std::string("sovscan ") + SOVSCAN_VERSION);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage or input error.\n"
               "Run 'sovscan COMMAND --help' for a command's options.");
    // Each command registers itself and returns its runner; the one given on the command line runs.
    const std::vector<std::pair<std::string, CommandRunner>> commands{
        {"scan", add_scan_command(app, args)},     {"live", add_live_command(app, args)},
        {"collect", add_collect_command(app, args)},
        {"intel", add_intel_command(app)},         {"lookup", add_lookup_command(app)},
        {"models", add_models_command(app)},       {"assets", add_assets_command(app, args)},
        {"risk", add_risk_command(app, args)},     {"merge", add_merge_command(app, args)},
        {"history", add_history_command(app)},     {"diff", add_diff_command(app)},
        {"report", add_report_command(app)},
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    }
    try {
        for (const auto& [name, runner] : commands)
            if (app.got_subcommand(name)) return runner();
    } catch (const std::exception& e) {
        std::cerr << "sovscan: error: " << e.what() << "\n";
        return kExitUsage;
    }
    return kExitUsage;
}

}  // namespace sovscan::cli
