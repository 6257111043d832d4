// `sovscan scan`: captures -> flows -> findings -> terminal summary and report files.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/shared_options.h"
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
    std::vector<std::string> inputs;
    std::vector<std::string> home_nets;
    std::string output;
    std::string flows_out;
    std::string format;  // table, json, csv, html; "" = by -o extension
    std::string fail_on = "high";
    std::string high_risk = "CN,HK,MO";
    double tcp_idle = 300, idle = 120, active = 1800;
    uint32_t max_flows = 1u << 20;
    IntelDirOptions intel;
    std::string color = "auto";
    bool no_progress = false, quiet = false;
    std::string policy_file;
    // Options given on the command line override the policy file; their defaults do not.
    bool fail_on_given = false, high_risk_given = false, home_net_given = false;
};

bool stdout_is_tty() { return isatty(STDOUT_FILENO); }
bool stderr_is_tty() { return isatty(STDERR_FILENO); }

std::string format_for(const ScanArgs& a) {
    if (!a.format.empty()) return a.format;
    auto ends = [&](const char* ext) {
        std::string e(ext);
        return a.output.size() >= e.size() && a.output.compare(a.output.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".json")) return "json";
    if (ends(".csv")) return "csv";
    if (ends(".html") || ends(".htm")) return "html";
    return "";
}

// The policy file (or the defaults), then the options given on the command line over it. Prints
// the one-line error and returns false on bad input.
bool build_policy(const ScanArgs& a, Policy& policy) {
    if (!a.policy_file.empty() && !load_policy_option(a.policy_file, policy)) return false;
    if (a.high_risk_given && !parse_high_risk_option(a.high_risk, policy.high_risk_jurisdictions)) return false;
    if (a.home_net_given) policy.home_networks.clear();
    for (const std::string& n : a.home_nets) {
        auto c = Cidr::parse(n);
        if (!c) {
            std::cerr << fmt::format("sovscan: error: --home-net: '{}' is not a CIDR prefix such as 10.20.0.0/16\n",
                                     terminal_safe(n));
            return false;
        }
        policy.home_networks.push_back(*c);
    }
    if (a.fail_on_given && a.fail_on != "never") {
        auto fail_on = parse_severity(a.fail_on);
        if (!fail_on) {
            std::cerr << fmt::format("sovscan: error: --fail-on: '{}' is not one of info, low, medium, high, critical, never\n",
                                     terminal_safe(a.fail_on));
            return false;
        }
        policy.fail_on = *fail_on;
    }
    return true;
}

int run_scan(const ScanArgs& a, const std::vector<std::string>& argv) {
    ScanOptions opt;
    opt.inputs = a.inputs;
    opt.command_line = argv;
    if (!build_policy(a, opt.policy)) return kExitUsage;
    std::string fmt_name = format_for(a);
    if (!a.output.empty() && fmt_name.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .json, .csv "
                                 "or .html, or --format json|csv|html\n", terminal_safe(a.output));
        return kExitUsage;
    }

    opt.flows.tcp_idle_ns = static_cast<int64_t>(a.tcp_idle * 1e9);
    opt.flows.other_idle_ns = static_cast<int64_t>(a.idle * 1e9);
    opt.flows.active_ns = static_cast<int64_t>(a.active * 1e9);
    opt.flows.max_flows = a.max_flows;
    opt.intel_paths = a.intel.paths();

    const bool progress = !a.no_progress && !a.quiet && stderr_is_tty();
    if (progress) {
        opt.on_progress = [](const ScanProgress& p) {
            double pct = p.bytes_total ? 100.0 * p.bytes_done / p.bytes_total : 0;
            double mpps = p.elapsed_seconds > 0 ? p.packets / p.elapsed_seconds / 1e6 : 0;
            std::cerr << fmt::format("\r\033[K{:5.1f}%  {:.1f}/{:.1f} MB  {} packets  {:.2f} Mpps  {} live flows", pct,
                                     p.bytes_done / 1e6, p.bytes_total / 1e6, p.packets, mpps, p.live_flows)
                      << std::flush;
        };
    }

    std::ofstream flows_file;
    std::unique_ptr<FlowCsvWriter> flow_writer;
    if (!a.flows_out.empty()) {
        flows_file.open(a.flows_out, std::ios::binary | std::ios::trunc);
        if (!flows_file) {
            std::cerr << fmt::format("sovscan: error: cannot write {}: {}\n", terminal_safe(a.flows_out), std::strerror(errno));
            return kExitUsage;
        }
        flow_writer = std::make_unique<FlowCsvWriter>(flows_file);
        opt.on_flow = [&flow_writer](const Flow& f) { flow_writer->write(f); };
    }

    Diagnostics diag;
    auto report = ScanEngine::run(opt, diag);
    if (progress) std::cerr << "\r\033[K" << std::flush;
    if (!report) {
        print_problems(diag);
        return kExitUsage;
    }

    const bool machine_stdout = a.output.empty() && (fmt_name == "json" || fmt_name == "csv" || fmt_name == "html");
    if (!a.output.empty()) {
        std::ofstream out(a.output, std::ios::binary | std::ios::trunc);
        if (!out) {
            std::cerr << fmt::format("sovscan: error: cannot write {}: {}\n", terminal_safe(a.output), std::strerror(errno));
            return kExitUsage;
        }
        if (fmt_name == "json") write_json_report(*report, out);
        else if (fmt_name == "html") write_html_report(*report, out);
        else write_csv_findings(*report, out);
        out.close();
        if (!out) {
            std::cerr << fmt::format("sovscan: error: writing {} failed\n", terminal_safe(a.output));
            return kExitUsage;
        }
    } else if (fmt_name == "json") {
        write_json_report(*report, std::cout);
    } else if (fmt_name == "csv") {
        write_csv_findings(*report, std::cout);
    } else if (fmt_name == "html") {
        write_html_report(*report, std::cout);
    }

    if (!a.quiet && !machine_stdout) {
        TerminalStyle style;
        bool tty = stdout_is_tty();
        style.colour = a.color == "always" || (a.color == "auto" && tty && !std::getenv("NO_COLOR"));
        write_terminal_report(*report, std::cout, style);
        if (!a.output.empty()) std::cout << fmt::format("report written to {}\n", terminal_safe(a.output));
    } else {
        print_problems(diag);  // the table would have shown them
    }

    if (diag.has_errors()) return kExitUsage;
    // `--fail-on never`: report-only runs (dashboards, benchmarks) where findings are no failure.
    if (a.fail_on_given && a.fail_on == "never") return kExitOk;
    return report->count_at_or_above(opt.policy.fail_on) > 0 ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner add_scan_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<ScanArgs>();
    CLI::App* cmd = app.add_subcommand("scan", "Read captures, follow every flow, name who is on the other end, and "
                                               "report exposure to high-risk jurisdictions and vendors.");
    cmd->add_option("inputs", a->inputs, "pcap/pcapng files or directories (searched recursively)")->required();
    CLI::Option* home_net =
        cmd->add_option("--home-net", a->home_nets,
                        "a local prefix (repeatable; replaces the policy file's home_networks); RFC 1918, ULA and "
                        "link-local addresses are always local")
            ->type_name("CIDR");
    cmd->add_option("-o,--output", a->output, "write the report to FILE; .json, .csv or .html picks the format")
        ->type_name("FILE");
    cmd->add_option("--flows", a->flows_out, "also write every flow as CSV to FILE (5-tuple, packets and bytes each "
                                             "way, server name and how it was learnt)")
        ->type_name("FILE");
    cmd->add_option("--format", a->format, "report format: json (full report), csv (findings), html (self-contained page with charts and "
                    "sortable tables) or table (terminal only)")
        ->check(CLI::IsMember({"json", "csv", "html", "table"}));
    cmd->add_option("--policy", a->policy_file,
                    "policy file (YAML, docs/policy.md): jurisdictions, home networks, admin ports, severities, "
                    "fail_on and exceptions; --high-risk, --home-net and --fail-on, when given, override it")
        ->type_name("FILE");
    CLI::Option* fail_on = cmd->add_option("--fail-on", a->fail_on,
                                           "exit 1 when a finding no exception suppresses is at or above this severity")
                               ->capture_default_str()
                               ->type_name("info|low|medium|high|critical|never");
    CLI::Option* high_risk = add_high_risk_option(*cmd, a->high_risk);
    cmd->add_option("--tcp-idle-timeout", a->tcp_idle, "seconds without a packet that end a TCP flow")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--idle-timeout", a->idle, "seconds without a packet that end a UDP/ICMP/other flow")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--active-timeout", a->active, "seconds after which a long flow is split into a new record")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-flows", a->max_flows, "live flows kept in memory; the least recent is ended beyond it")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1u << 26));
    a->intel.add_to(*cmd);
    cmd->add_option("--color", a->color, "colour the table: auto (only on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_flag("--no-progress", a->no_progress, "no progress line on stderr");
    cmd->add_flag("-q,--quiet", a->quiet, "print nothing but errors");
    cmd->footer(
        "Examples:\n"
        "  sovscan scan site-a/*.pcapng --home-net 10.20.0.0/16 -o report.json\n"
        "  sovscan scan /captures --format csv > findings.csv\n"
        "  sovscan scan cap.pcap -o report.html         # charts and sortable tables, opens offline, prints to A4\n"
        "  sovscan scan cap.pcap --fail-on critical   # exit 1 only for critical findings\n"
        "  sovscan scan cap.pcap --policy site-a.yaml # jurisdictions, severities, exceptions from a file\n"
        "Rules: SOV-001 data to a server located in a high-risk jurisdiction; SOV-002 to a server operated by a\n"
        "company controlled from one; SOV-003 sessions initiated from one (remote administration); SOV-004 DNS\n"
        "resolvers there; SOV-005 local devices from high-risk vendors (MAC OUI); SOV-006 a policy exception\n"
        "past its expiry date.");
    return [a, argv, fail_on, high_risk, home_net]() {
        a->fail_on_given = fail_on->count() > 0;
        a->high_risk_given = high_risk->count() > 0;
        a->home_net_given = home_net->count() > 0;
        return run_scan(*a, argv);
    };
}

}  // namespace sovscan::cli
