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
#include "common/escape.h"
#include "engine/scan_engine.h"
#include "report/csv_report.h"
#include "report/flow_csv.h"
#include "report/json_report.h"
#include "report/terminal_report.h"

namespace sovscan::cli {

namespace {

struct ScanArgs {
    std::vector<std::string> inputs;
    std::vector<std::string> home_nets;
    std::string output;
    std::string flows_out;
    std::string format;  // table, json, csv; "" = by -o extension
    std::string fail_on = "high";
    std::string high_risk = "CN,HK,MO";
    double tcp_idle = 300, idle = 120, active = 1800;
    uint32_t max_flows = 1u << 20;
    std::string intel_dir, catalog_dir;
    std::string color = "auto";
    bool no_progress = false, quiet = false;
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
    return "";
}

void print_problems(const Diagnostics& diag) {
    for (const auto& p : diag.problems())
        std::cerr << fmt::format("sovscan: {}: {}{}{}\n", p.level == ProblemLevel::error ? "error" : "warning",
                                 terminal_safe(p.input), p.input.empty() ? "" : ": ", p.message);
}

int run_scan(const ScanArgs& a, const std::vector<std::string>& argv) {
    ScanOptions opt;
    opt.inputs = a.inputs;
    opt.command_line = argv;

    // Policy from the command line.
    opt.policy.high_risk_jurisdictions.clear();
    std::string item;
    for (size_t i = 0; i <= a.high_risk.size(); ++i) {
        if (i == a.high_risk.size() || a.high_risk[i] == ',') {
            if (item.size() != 2) {
                std::cerr << fmt::format("sovscan: error: --high-risk: '{}' is not a 2-letter ISO country code\n",
                                         terminal_safe(item));
                return kExitUsage;
            }
            for (char& c : item) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
            opt.policy.high_risk_jurisdictions.insert(item);
            item.clear();
        } else if (a.high_risk[i] != ' ') {
            item.push_back(a.high_risk[i]);
        }
    }
    for (const std::string& n : a.home_nets) {
        auto c = Cidr::parse(n);
        if (!c) {
            std::cerr << fmt::format("sovscan: error: --home-net: '{}' is not a CIDR prefix such as 10.20.0.0/16\n",
                                     terminal_safe(n));
            return kExitUsage;
        }
        opt.policy.home_networks.push_back(*c);
    }
    auto fail_on = parse_severity(a.fail_on);
    if (!fail_on) {
        std::cerr << fmt::format("sovscan: error: --fail-on: '{}' is not one of info, low, medium, high, critical\n",
                                 terminal_safe(a.fail_on));
        return kExitUsage;
    }
    opt.policy.fail_on = *fail_on;
    std::string fmt_name = format_for(a);
    if (!a.output.empty() && fmt_name.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .json or .csv, "
                                 "or --format json|csv\n", terminal_safe(a.output));
        return kExitUsage;
    }

    opt.flows.tcp_idle_ns = static_cast<int64_t>(a.tcp_idle * 1e9);
    opt.flows.other_idle_ns = static_cast<int64_t>(a.idle * 1e9);
    opt.flows.active_ns = static_cast<int64_t>(a.active * 1e9);
    opt.flows.max_flows = a.max_flows;
    if (!a.intel_dir.empty()) opt.intel_paths.intel_dir = a.intel_dir;
    if (!a.catalog_dir.empty()) opt.intel_paths.catalog_dir = a.catalog_dir;

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

    const bool machine_stdout = a.output.empty() && (fmt_name == "json" || fmt_name == "csv");
    if (!a.output.empty()) {
        std::ofstream out(a.output, std::ios::binary | std::ios::trunc);
        if (!out) {
            std::cerr << fmt::format("sovscan: error: cannot write {}: {}\n", terminal_safe(a.output), std::strerror(errno));
            return kExitUsage;
        }
        if (fmt_name == "json") write_json_report(*report, out);
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
    return report->count_at_or_above(opt.policy.fail_on) > 0 ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner add_scan_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<ScanArgs>();
    CLI::App* cmd = app.add_subcommand("scan", "Read captures, follow every flow, name who is on the other end, and "
                                               "report exposure to high-risk jurisdictions and vendors.");
    cmd->add_option("inputs", a->inputs, "pcap/pcapng files or directories (searched recursively)")->required();
    cmd->add_option("--home-net", a->home_nets,
                    "a local prefix (repeatable); RFC 1918, ULA and link-local addresses are always local")
        ->type_name("CIDR");
    cmd->add_option("-o,--output", a->output, "write the report to FILE; .json or .csv picks the format")
        ->type_name("FILE");
    cmd->add_option("--flows", a->flows_out, "also write every flow as CSV to FILE (5-tuple, packets and bytes each "
                                             "way, server name and how it was learnt)")
        ->type_name("FILE");
    cmd->add_option("--format", a->format, "report format: json (full report), csv (findings) or table (terminal only)")
        ->check(CLI::IsMember({"json", "csv", "table"}));
    cmd->add_option("--fail-on", a->fail_on, "exit 1 when a finding is at or above this severity")
        ->capture_default_str()
        ->type_name("info|low|medium|high|critical");
    cmd->add_option("--high-risk", a->high_risk, "high-risk jurisdictions, ISO 3166-1 alpha-2 codes")
        ->capture_default_str()
        ->type_name("CC,CC,...");
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
    cmd->add_option("--intel-dir", a->intel_dir, "compiled intel (default $SOVSCAN_INTEL_DIR or " SOVSCAN_DEFAULT_INTEL_DIR ")")
        ->type_name("DIR");
    cmd->add_option("--catalog-dir", a->catalog_dir, "vendor/domain/ASN catalog CSVs (default: the project's data/)")
        ->type_name("DIR");
    cmd->add_option("--color", a->color, "colour the table: auto (only on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_flag("--no-progress", a->no_progress, "no progress line on stderr");
    cmd->add_flag("-q,--quiet", a->quiet, "print nothing but errors");
    cmd->footer(
        "Examples:\n"
        "  sovscan scan site-a/*.pcapng --home-net 10.20.0.0/16 -o report.json\n"
        "  sovscan scan /captures --format csv > findings.csv\n"
        "  sovscan scan cap.pcap --fail-on critical   # exit 1 only for critical findings\n"
        "Rules: SOV-001 data to a server located in a high-risk jurisdiction; SOV-002 to a server operated by a\n"
        "company controlled from one; SOV-003 sessions initiated from one (remote administration); SOV-004 DNS\n"
        "resolvers there; SOV-005 local devices from high-risk vendors (MAC OUI).");
    return [a, argv]() { return run_scan(*a, argv); };
}

}  // namespace sovscan::cli
