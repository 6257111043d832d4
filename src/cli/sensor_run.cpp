#include "cli/sensor_run.h"

#include <fmt/format.h>
#include <pwd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/privileges.h"
#include "cli/shared_options.h"
#include "cli/signal_watcher.h"
#include "common/escape.h"
#include "report/terminal_report.h"

namespace sovscan::cli {

namespace {

using Clock = std::chrono::steady_clock;

// The policy and intel a sensor judges by: read at start and again at every SIGHUP.
struct Judgement {
    ScanOptions options;
    std::shared_ptr<const Intel> intel;
};

bool load_judgement(const ScanSourceOptions& sources, Judgement& out, Diagnostics& diag) {
    if (!sources.build(out.options)) return false;
    out.intel = Intel::load(out.options.intel_paths, diag);
    return out.intel && ScanEngine::check_exception_vendors(out.options.policy, *out.intel, diag);
}

}  // namespace

void SensorOptions::add_to(CLI::App& cmd) {
    cmd.add_option("-o,--output", output,
                   "write the report to FILE at every interval and at the end (through a temporary file renamed "
                   "into place: a reader never sees half a report); .json, .csv or .html picks the format")
        ->type_name("FILE");
    cmd.add_option("--format", format, "report format: json, csv (findings) or html")
        ->check(CLI::IsMember({"json", "csv", "html"}));
    cmd.add_option("--interval", interval, "seconds between reports")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 86400.0 * 7));
    alerts.add_to(cmd);
    kafka.add_to(cmd);
    cmd.add_option("--user", user,
                   "once the source is open, run as this user (its groups, no capabilities, no_new_privs)")
        ->type_name("NAME");
    cmd.add_flag("--allow-root", allow_root, "keep running as root when --user is not given (not recommended)");
}

bool SensorOptions::check(const ScanSourceOptions& sources) const {
    if (running_as_root() && user.empty() && !allow_root) {
        std::cerr << "sovscan: error: refusing to read a network as root: give --user NAME (root is given up once the "
                     "source is open) or --allow-root\n";
        return false;
    }
    if (!user.empty()) {
        if (!::getpwnam(user.c_str())) {
            std::cerr << fmt::format("sovscan: error: --user {}: no such user\n", terminal_safe(user));
            return false;
        }
        if (!running_as_root()) {
            std::cerr << "sovscan: error: --user needs to be started as root (it gives root up)\n";
            return false;
        }
    }
    if (!report_format_for(format, output)) return false;
    return sources.check_outputs({{"-o", output}, {"--alerts", alerts.alerts_file()}});
}

int run_sensor(ScanSourceOptions& sources, SensorOptions& sensor, SensorSource& source,
               const std::vector<std::string>& argv) {
    if (!sensor.user.empty()) {
        std::string error;
        if (!drop_privileges(sensor.user, error)) {
            std::cerr << "sovscan: error: " << terminal_safe(error) << "\n";
            return kExitUsage;
        }
    }
    Diagnostics diag;
    Judgement judged;
    if (!load_judgement(sources, judged, diag)) {
        print_problems(diag);
        return kExitUsage;
    }
    judged.options.command_line = argv;
    AlertOptions& alerts = sensor.alerts;
    if (!alerts.open(judged.options.sensor)) return kExitUsage;
    if (!sensor.kafka.open()) return kExitUsage;
    // Opened after root was given up: the store belongs to the account the sensor runs as.
    StoreOptions& store = sources.store;
    if (!store.open(judged.options.policy)) return kExitUsage;

    SignalWatcher signals(/*reload=*/true);
    auto session = std::make_unique<ScanSession>(judged.options, judged.intel);
    source.register_inputs(*session);
    const std::string fmt_name = report_format_for(sensor.format, sensor.output).value_or("json");  // checked before
    bool outputs_failed = false;

    // At every interval every finding's current state goes to the stream (a compacted topic keeps
    // the latest by key); at the end the stream is waited for, and what it lost counted in the report.
    auto publish = [&](ScanReport& report, bool final) {
        source.annotate(report);
        // One run per interval (each a snapshot of everything so far); alerts, with a store, only
        // for what no earlier run had.
        std::vector<Finding> unseen;
        if (!store.record(report, alerts.wanted() ? &unseen : nullptr)) outputs_failed = true;  // said; the next interval tries again
        if (!alerts.raise_new(store.enabled() ? unseen : report.findings)) outputs_failed = true;
        sensor.kafka.publish(report);
        if (!final) sensor.kafka.account(report);
        else if (!sensor.kafka.finish(report)) outputs_failed = true;
        if (sensor.output.empty()) return;
        const bool ok = write_output(sensor.output, [&](std::ostream& out) {
            write_scan_report(report, out, fmt_name, RiskLang::en);
        });
        if (!ok) outputs_failed = true;  // said on stderr; the next interval tries again
    };

    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(sensor.interval));
    auto next_report = Clock::now() + interval;
    if (!sources.quiet)
        std::cerr << fmt::format("sovscan {}: reading; a report every {} s{}; SIGTERM or Ctrl-C ends it, SIGHUP "
                                 "re-reads the policy and intel\n",
                                 source.command(), sensor.interval,
                                 sensor.output.empty() ? "" : " to " + terminal_safe(sensor.output));
    try {
        while (!signals.stop_request().requested()) {
            const auto now = Clock::now();
            const int wait_ms = static_cast<int>(std::clamp<int64_t>(
                std::chrono::duration_cast<std::chrono::milliseconds>(next_report - now).count(), 0, 200));
            source.poll(*session, wait_ms);
            if (signals.take_reload()) {
                Diagnostics reload_diag;
                Judgement fresh;
                if (load_judgement(sources, fresh, reload_diag)) {
                    fresh.options.command_line = argv;
                    judged.intel = fresh.intel;
                    session->reload(fresh.options.policy, fresh.intel);
                    std::cerr << "sovscan: SIGHUP: policy and intel re-read; flows kept\n";
                } else {
                    print_problems(reload_diag);
                    std::cerr << "sovscan: SIGHUP: keeping the previous policy and intel\n";
                }
            }
            if (Clock::now() >= next_report) {
                ScanReport report = session->snapshot(diag);
                publish(report, false);
                next_report += interval;
                if (next_report < Clock::now()) next_report = Clock::now() + interval;
            }
        }
    } catch (const std::runtime_error& e) {
        std::cerr << fmt::format("sovscan: error: {}: {}\n", source.command(), terminal_safe(e.what()));
        diag.error("", e.what());
    }

    // What the source already holds (a capture ring, a socket buffer) was seen before the signal:
    // read it, within reason, before the live flows end.
    try {
        for (int rounds = 0; rounds < 4096 && source.poll(*session, 0) > 0; ++rounds) {
        }
    } catch (const std::runtime_error&) {
    }
    // The end (SIGINT, SIGTERM, or the source failed): every live flow ends, the final report.
    ScanReport report = session->finish(diag);
    publish(report, true);
    if (!sources.quiet && sensor.output.empty()) {
        TerminalStyle style;
        style.colour = sources.colour_wanted();
        write_terminal_report(report, std::cout, style);
    }
    if (outputs_failed) return kExitUsage;
    return exit_code_for(report, report.policy, diag);
}

}  // namespace sovscan::cli
