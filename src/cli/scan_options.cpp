#include "cli/scan_options.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "common/atomic_file.h"
#include "common/escape.h"
#include "common/host_name.h"
#include "report/csv_report.h"
#include "report/json_report.h"

namespace sovscan::cli {

void ScanSourceOptions::add_to(CLI::App& cmd, CaptureArgs capture_args, bool inventory_options) {
    if (capture_args != CaptureArgs::none) {
        CLI::Option* inputs = cmd.add_option(
            "captures", captures,
            "pcap/pcapng files, Zeek or Suricata EVE logs (plain or gzip, told by content) or directories of them "
            "(searched recursively); - reads standard input");
        if (capture_args == CaptureArgs::required) inputs->required();
    }
    if (inventory_options) {
        cmd.add_option("--inventory", assets.inventory,
                       "asset list exported from a CMDB: CSV or JSON with columns id, name, ip, mac, manufacturer, "
                       "model, category, location, owner, c, i, a (docs/assets.md; repeatable)")
            ->type_name("FILE");
        cmd.add_option("--nmap", assets.nmap, "nmap XML output (nmap -oX; repeatable)")->type_name("FILE");
        cmd.add_option("--sbom", assets.sbom, "CycloneDX or SPDX JSON SBOM of a system (repeatable)")->type_name("FILE");
        cmd.add_option("--models", assets.models,
                       "directory or file with AI models (GGUF, safetensors, Hugging Face configs; repeatable)")
            ->type_name("DIR");
    }
    home_net_opt_ = cmd.add_option("--home-net", home_nets,
                                   "a local prefix (repeatable; replaces the policy file's home_networks); RFC 1918, "
                                   "ULA and link-local addresses are always local")
                        ->type_name("CIDR");
    cmd.add_option("--policy", policy_file,
                   "policy file (YAML, docs/policy.md): jurisdictions, home networks, admin ports, severities, "
                   "fail_on and exceptions; --high-risk, --home-net and --fail-on, when given, override it")
        ->type_name("FILE");
    fail_on_opt_ = cmd.add_option("--fail-on", fail_on,
                                  "exit 1 when a finding no exception suppresses is at or above this severity")
                       ->capture_default_str()
                       ->type_name("info|low|medium|high|critical|never");
    high_risk_opt_ = add_high_risk_option(cmd, high_risk);
    cmd.add_option("--tcp-idle-timeout", tcp_idle, "seconds without a packet that end a TCP flow")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd.add_option("--idle-timeout", idle, "seconds without a packet that end a UDP/ICMP/other flow")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd.add_option("--active-timeout", active, "seconds after which a long flow is split into a new record")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd.add_option("--max-flows", max_flows, "live flows kept in memory; the least recent is ended beyond it")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1u << 26));
    cmd.add_option("--max-counterparts", max_counterparts,
                   "(asset, counterpart) pairs kept one by one in memory (about 1 KB each, and 4 "
                   "folded-pair fingerprints of 24 bytes); beyond it those without a finding are folded "
                   "into exact per-asset, per-country, per-network totals, said in the report "
                   "(docs/security.md, \"Floods and memory limits\"); 0 = unbounded")
        ->capture_default_str()
        ->check(CLI::Range(0u, 1u << 26));
    intel.add_to(cmd);
    cmd.add_option("--color", color, "colour the table: auto (only on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd.add_flag("--no-progress", no_progress, "no progress line on stderr");
    cmd.add_flag("--force", force,
                 "overwrite an existing output file that is not a sovscan output (a packet capture); an input of "
                 "the run is never overwritten");
    cmd.add_flag("-q,--quiet", quiet, "print nothing but errors");
    cmd.add_option("--sensor", sensor,
                   "this sensor's name in the report, its alerts (observer.hostname) and merged reports; default: "
                   "the host name")
        ->type_name("NAME");
    store.add_to(cmd);
}

void ScanSourceOptions::note_given() {
    fail_on_given_ = fail_on_opt_ && fail_on_opt_->count() > 0;
    high_risk_given_ = high_risk_opt_ && high_risk_opt_->count() > 0;
    home_net_given_ = home_net_opt_ && home_net_opt_->count() > 0;
}

bool ScanSourceOptions::build(ScanOptions& opt) const {
    Policy& policy = opt.policy;
    if (!policy_file.empty() && !load_policy_option(policy_file, policy)) return false;
    if (high_risk_given_ && !parse_high_risk_option(high_risk, policy.high_risk_jurisdictions)) return false;
    if (home_net_given_) policy.home_networks.clear();
    for (const std::string& n : home_nets) {
        auto c = Cidr::parse(n);
        if (!c) {
            std::cerr << fmt::format("sovscan: error: --home-net: '{}' is not a CIDR prefix such as 10.20.0.0/16\n",
                                     terminal_safe(n));
            return false;
        }
        policy.home_networks.push_back(*c);
    }
    if (fail_on_given_ && fail_on == "never") policy.fail_never = true;
    if (fail_on_given_ && fail_on != "never") {
        auto level = parse_severity(fail_on);
        if (!level) {
            std::cerr << fmt::format(
                "sovscan: error: --fail-on: '{}' is not one of info, low, medium, high, critical, never\n",
                terminal_safe(fail_on));
            return false;
        }
        policy.fail_on = *level;
        policy.fail_never = false;
    }
    opt.inputs = captures;
    opt.flows.tcp_idle_ns = static_cast<int64_t>(tcp_idle * 1e9);
    opt.flows.other_idle_ns = static_cast<int64_t>(idle * 1e9);
    opt.flows.active_ns = static_cast<int64_t>(active * 1e9);
    opt.flows.max_flows = max_flows;
    opt.exposures.max_counterparts = max_counterparts;
    opt.intel_paths = intel.paths();
    opt.assets = assets;
    opt.sensor = sensor.empty() ? local_host_name() : sensor;
    return true;
}

std::vector<std::string> ScanSourceOptions::read_paths() const {
    std::vector<std::string> paths = captures;
    for (const auto* list : {&assets.inventory, &assets.nmap, &assets.sbom, &assets.models})
        paths.insert(paths.end(), list->begin(), list->end());
    return paths;
}

bool ScanSourceOptions::progress_wanted() const { return !no_progress && !quiet && isatty(STDERR_FILENO); }

bool ScanSourceOptions::colour_wanted() const {
    return color == "always" || (color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
}

std::string ScanSourceOptions::progress_line(const ScanProgress& p) {
    const double mpps = p.elapsed_seconds > 0 ? p.packets / p.elapsed_seconds / 1e6 : 0;
    const std::string rest = fmt::format("{} packets  {:.2f} Mpps  {} live flows", p.packets, mpps, p.live_flows);
    // A stream's size is unknown until its end (bytes_total 0): what was read, without a percentage.
    if (p.bytes_total == 0) return fmt::format("{:.1f} MB read  {}", p.bytes_done / 1e6, rest);
    const double pct = 100.0 * p.bytes_done / p.bytes_total;
    return fmt::format("{:5.1f}%  {:.1f}/{:.1f} MB  {}", pct, p.bytes_done / 1e6, p.bytes_total / 1e6, rest);
}

void ScanSourceOptions::print_progress(const ScanProgress& p) {
    std::cerr << "\r\033[K" << progress_line(p) << std::flush;
}

void ScanSourceOptions::clear_progress() { std::cerr << "\r\033[K" << std::flush; }

std::string format_by_extension(const std::string& output,
                                std::initializer_list<std::pair<std::string_view, std::string_view>> by_extension) {
    for (const auto& [ext, format] : by_extension)
        if (output.size() >= ext.size() && output.compare(output.size() - ext.size(), ext.size(), ext) == 0)
            return std::string(format);
    return {};
}

std::optional<std::string> report_format_for(const std::string& format, const std::string& output) {
    if (!format.empty()) return format;
    std::string by_extension =
        format_by_extension(output, {{".json", "json"}, {".csv", "csv"}, {".html", "html"}, {".htm", "html"}});
    if (!output.empty() && by_extension.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .json, .csv "
                                 "or .html, or --format json|csv|html\n",
                                 terminal_safe(output));
        return std::nullopt;
    }
    return by_extension;
}

void write_scan_report(const ScanReport& report, std::ostream& out, const std::string& format, RiskLang lang) {
    if (format == "json") write_json_report(report, out);
    else if (format == "html") write_html_report(report, out, lang);
    else write_csv_findings(report, out);
}

bool write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::string error;
    if (path.empty() || path == "-") {
        write(std::cout);
        if (flush_checked(std::cout, "standard output", error)) return true;
        std::cerr << "sovscan: error: " << error << "\n";
        return false;
    }
    // A temporary file renamed over the target: a full disk or a kill leaves the previous report.
    auto file = AtomicFile::open(path, error);
    if (file) {
        write(file->stream());
        if (file->commit(error)) return true;
    }
    std::cerr << "sovscan: error: " << error << "\n";
    return false;
}

bool ScanSourceOptions::check_outputs(const std::vector<RequestedOutput>& outputs) const {
    std::vector<std::string> inputs = read_paths();
    if (!policy_file.empty()) inputs.push_back(policy_file);
    return cli::check_outputs(outputs, inputs, force);
}

bool nothing_to_read(const ScanSourceOptions& sources, std::string_view command) {
    if (!sources.captures.empty() || sources.assets.any_file()) return false;
    std::cerr << fmt::format("sovscan: error: {0}: nothing to read; give captures, --inventory, --nmap, --sbom or "
                             "--models (sovscan {0} --help)\n",
                             command);
    return true;
}

int exit_code_for(const ScanReport& report, const Policy& policy, const Diagnostics& diag) {
    if (diag.has_errors() || report.interrupted_by) return kExitUsage;  // partial: not a verdict to rely on
    return policy.fails_with(report.count_at_or_above(policy.fail_on)) ? kExitFindings : kExitOk;
}

}  // namespace sovscan::cli
