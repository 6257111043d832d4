// `sovscan scan`: captures -> flows -> findings -> terminal summary and report files.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli/alert_options.h"
#include "cli/commands.h"
#include "cli/kafka_options.h"
#include "cli/signal_watcher.h"
#include "cli/scan_options.h"
#include "cli/shared_options.h"
#include "common/atomic_file.h"
#include "common/escape.h"
#include "engine/scan_engine.h"
#include "report/csv_report.h"
#include "report/flow_csv.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"

namespace sovscan::cli {

namespace {

struct ScanArgs {
    ScanSourceOptions sources;
    std::string output;
    std::string flows_out;
    std::string format;  // table, json, csv, html; "" = by -o extension
    std::string lang = "en";  // of the HTML report: en, or cs for an operator's Czech set of documents
    AlertOptions alerts;
    KafkaOptions kafka;
};

int run_scan(ScanArgs& a, const std::vector<std::string>& argv) {
    ScanOptions opt;
    opt.command_line = argv;
    if (!a.sources.build(opt)) return kExitUsage;
    const std::optional<std::string> format = report_format_for(a.format, a.output);
    if (!format) return kExitUsage;
    const std::string& fmt_name = *format;

    const bool progress = a.sources.progress_wanted();
    if (progress) opt.on_progress = ScanSourceOptions::print_progress;

    if (!a.sources.check_outputs({{"-o", a.output}, {"--flows", a.flows_out}, {"--alerts", a.alerts.alerts_file()}}))
        return kExitUsage;
    if (!a.alerts.open(opt.sensor)) return kExitUsage;
    if (!a.kafka.open()) return kExitUsage;
    if (!a.sources.store.open(opt.policy, a.sources.read_paths())) return kExitUsage;

    std::unique_ptr<AtomicFile> flows_file;
    std::unique_ptr<FlowCsvWriter> flow_writer;
    if (!a.flows_out.empty()) {
        std::string error;
        flows_file = AtomicFile::open(a.flows_out, error);
        if (!flows_file) {
            std::cerr << "sovscan: error: " << error << "\n";
            return kExitUsage;
        }
        flow_writer = std::make_unique<FlowCsvWriter>(flows_file->stream());
        opt.on_flow = [&flow_writer](const Flow& f) { flow_writer->write(f); };
    }

    const SignalWatcher signals;  // SIGINT/SIGTERM: stop reading, write what was read
    opt.stop = &signals.stop_request();
    Diagnostics diag;
    auto report = ScanEngine::run(opt, diag);
    if (progress) ScanSourceOptions::clear_progress();
    if (!report) {
        print_problems(diag);
        return kExitUsage;  // the flows file, if any, is not written: nothing was read
    }
    // A flows file that could not be written costs the report nothing: it is still written, and the
    // run ends with exit code 2.
    bool outputs_failed = false;
    if (flows_file) {
        std::string error;
        if (!flows_file->commit(error)) {
            std::cerr << "sovscan: error: " << error << "\n";
            outputs_failed = true;
        }
    }

    // The run into the store (before the report is written: the HTML report shows what changed).
    std::vector<Finding> unseen;
    if (!a.sources.store.record(*report, a.alerts.wanted() ? &unseen : nullptr)) outputs_failed = true;
    // Without a store every finding is new to a single scan: each raises its alert (exceptions'
    // accepted ones none). With one, only those the store never saw.
    if (!a.alerts.raise_new(a.sources.store.enabled() ? unseen : report->findings)) outputs_failed = true;
    // Streamed before the report is written, so that the report counts what the stream lost.
    a.kafka.publish(*report);
    if (!a.kafka.finish(*report)) outputs_failed = true;

    bool report_written = false;
    const bool machine_stdout = a.output.empty() && (fmt_name == "json" || fmt_name == "csv" || fmt_name == "html");
    if (!a.output.empty() || machine_stdout) {
        auto write = [&](std::ostream& out) {
            write_scan_report(*report, out, fmt_name, *parse_risk_lang(a.lang));  // CLI11 checked the language
        };
        report_written = write_output(a.output, write);
        if (!report_written) outputs_failed = true;
    }

    if (!a.sources.quiet && !machine_stdout) {
        TerminalStyle style;
        style.colour = a.sources.colour_wanted();
        write_terminal_report(*report, std::cout, style);
        if (report_written && !a.output.empty()) std::cout << fmt::format("report written to {}\n", terminal_safe(a.output));
    } else {
        print_problems(diag);  // the table would have shown them
    }

    if (outputs_failed) return kExitUsage;
    return exit_code_for(*report, opt.policy, diag);
}

}  // namespace

CommandRunner add_scan_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<ScanArgs>();
    CLI::App* cmd = app.add_subcommand("scan", "Read captures (or Zeek and Suricata logs), follow every flow, name who is "
                                               "on the other end, and report exposure to high-risk jurisdictions and vendors.");
    a->sources.add_to(*cmd, CaptureArgs::required, /*inventory_options=*/true);
    cmd->add_option("-o,--output", a->output, "write the report to FILE; .json, .csv or .html picks the format")
        ->type_name("FILE");
    cmd->add_option("--flows", a->flows_out, "also write every flow as CSV to FILE (5-tuple, packets and bytes each "
                                             "way, server name and how it was learnt)")
        ->type_name("FILE");
    cmd->add_option("--format", a->format,
                    "report format: json (full report), csv (findings), html (self-contained page with charts and "
                    "sortable tables) or table (terminal only)")
        ->check(CLI::IsMember({"json", "csv", "html", "table"}));
    cmd->add_option("--lang", a->lang,
                    "language of the HTML report: en (English, the default) or cs (Czech, as `sovscan risk` writes)")
        ->check(CLI::IsMember({"cs", "en"}));
    a->alerts.add_to(*cmd);
    a->kafka.add_to(*cmd);
    cmd->footer(
        "Examples:\n"
        "  sovscan scan site-a/*.pcapng --home-net 10.20.0.0/16 -o report.json\n"
        "  sovscan scan /captures --format csv > findings.csv\n"
        "  sovscan scan cap.pcap -o report.html         # charts and sortable tables, opens offline, prints to A4\n"
        "  sovscan scan cap.pcap -o zprava.html --lang cs  # the same page in Czech\n"
        "  sovscan scan cap.pcap --fail-on critical   # exit 1 only for critical findings\n"
        "  sovscan scan cap.pcap --policy site-a.yaml # jurisdictions, severities, exceptions from a file\n"
        "  sovscan scan cap.pcap --kafka kafka1:9092 --kafka-topic sovscan   # to the SIEM (docs/kafka.md)\n"
        "  sovscan scan cap.pcap --store runs.db -o report.html  # keep the run; the page shows what changed since\n"
        "                                             # the previous one (sovscan history, diff, report)\n"
        "Rules: SOV-001 data to a server located in a high-risk jurisdiction; SOV-002 to a server operated by a\n"
        "company controlled from one; SOV-003 sessions initiated from one (remote administration); SOV-004 DNS\n"
        "resolvers there; SOV-005 local devices from high-risk vendors (MAC OUI); SOV-006 a policy exception\n"
        "past its expiry date. Exit codes: 0 ok, 1 findings at --fail-on, 2 errors (also when --kafka lost messages).\n"
        "With --inventory/--nmap/--sbom/--models the report also lists the merged assets\n"
        "(`sovscan assets`) and SOV-007..010: assets, SBOM components and AI models of high-risk vendors.");
    return [a, argv]() {
        a->sources.note_given();
        return run_scan(*a, argv);
    };
}

}  // namespace sovscan::cli
