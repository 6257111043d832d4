// `sovscan risk`: the risk analysis decree 409/2025 § 8-9 asks for — risk-assessment report,
// statement of applicability, risk-treatment plan, supplier register — from the same inputs as
// `scan` and `assets` (captures, inventory files, the policy), in Czech or English.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "risk/register_builder.h"
#include "cli/commands.h"
#include "cli/signal_watcher.h"
#include "cli/scan_options.h"
#include "common/escape.h"
#include "engine/scan_engine.h"
#include "risk/register_csv.h"
#include "risk/register_html.h"
#include "risk/register_json.h"
#include "risk/register_markdown.h"

namespace sovscan::cli {
namespace {

struct RiskArgs {
    ScanSourceOptions sources;
    std::string output;
    std::string format;  // html, md, csv, json; "" = by -o extension
    std::string lang = "cs";
};

std::string format_for(const RiskArgs& a) {
    if (!a.format.empty()) return a.format;
    return format_by_extension(a.output,
                               {{".html", "html"}, {".htm", "html"}, {".md", "md"}, {".csv", "csv"}, {".json", "json"}});
}

void write_format(const std::string& format, const RiskRegister& reg, const ScanReport& report, RiskLang lang,
                  std::ostream& out) {
    if (format == "html") write_risk_html(reg, report, lang, out);
    else if (format == "md") write_risk_markdown(reg, lang, out);
    else if (format == "csv") write_risk_csv(reg, lang, out);
    else write_risk_json(reg, lang, out);
}

int run_risk(const RiskArgs& a, const std::vector<std::string>& argv) {
    if (nothing_to_read(a.sources, "risk")) return kExitUsage;
    if (!a.sources.check_outputs({{"-o", a.output}})) return kExitUsage;
    const std::string format = format_for(a);
    if (a.output.empty() && format.empty()) {
        std::cerr << "sovscan: error: risk: give -o FILE (.html, .md, .csv or .json) or --format html|md|csv|json "
                     "for standard output\n";
        return kExitUsage;
    }
    if (format.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .html, .md, "
                                 ".csv or .json, or --format html|md|csv|json\n",
                                 terminal_safe(a.output));
        return kExitUsage;
    }
    const RiskLang lang = *parse_risk_lang(a.lang);  // CLI11 checked the value
    ScanOptions opt;
    opt.command_line = argv;
    if (!a.sources.build(opt)) return kExitUsage;
    opt.assets.from_traffic = true;

    std::vector<std::string> catalog_problems;
    auto catalog = RiskCatalog::load(opt.intel_paths.catalog_dir, catalog_problems);
    if (!catalog_problems.empty()) {
        for (const std::string& p : catalog_problems) std::cerr << "sovscan: error: " << terminal_safe(p) << "\n";
        return kExitUsage;
    }
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
    static const std::vector<MergedAsset> kNoAssets;
    const std::vector<MergedAsset>& assets = report->inventory ? report->inventory->assets : kNoAssets;
    const RiskRegister reg = build_risk_register(RiskInputs{assets, report->findings, opt.policy, *catalog,
                                                            report->policy_date});

    if (!write_output(a.output, [&](std::ostream& out) { write_format(format, reg, *report, lang, out); }))
        return kExitUsage;
    print_problems(diag);
    for (const std::string& p : reg.problems) std::cerr << "sovscan: warning: " << terminal_safe(p) << "\n";
    if (!a.sources.quiet && !a.output.empty()) {
        size_t by_level[4] = {0, 0, 0, 0}, accepted = 0;
        for (const RiskEntry& r : reg.risks) {
            ++by_level[static_cast<size_t>(r.level) - 1];  // RiskLevel counts from 1
            if (r.status == RiskStatus::accepted) ++accepted;
        }
        std::cout << fmt::format(
            "sovscan risk: {} asset(s), {} risk(s): {} critical, {} high, {} medium, {} low ({} accepted); "
            "{} measure(s) in the treatment plan, {} supplier(s)\nwritten to {}\n",
            reg.assets.size(), reg.risks.size(), by_level[3], by_level[2], by_level[1], by_level[0], accepted,
            reg.treatment.size(), reg.suppliers.size(), terminal_safe(a.output));
    }
    return exit_code_for(*report, opt.policy, diag);
}

}  // namespace

CommandRunner add_risk_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<RiskArgs>();
    CLI::App* cmd = app.add_subcommand(
        "risk", "Write the risk analysis decree 409/2025 asks for (risk-assessment report, statement of "
                "applicability, risk-treatment plan, supplier register) from captures, inventories and the policy.");
    a->sources.add_to(*cmd, /*captures_required=*/false, /*inventory_options=*/true);
    cmd->add_option("-o,--output", a->output,
                    "write the documents to FILE: .html (self-contained, printable), .md, .csv (the register) or "
                    ".json; without -o, --format picks and stdout receives it")
        ->type_name("FILE");
    cmd->add_option("--format", a->format, "html, md, csv or json")->check(CLI::IsMember({"html", "md", "csv", "json"}));
    cmd->add_option("--lang", a->lang, "language of the documents: cs (Czech) or en (English)")
        ->capture_default_str()
        ->check(CLI::IsMember({"cs", "en"}));
    cmd->footer(
        "Examples:\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --policy site-a.yaml -o risk.html\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --lang en -o risk.md\n"
        "  sovscan risk --inventory cmdb.csv --sbom hmi.cdx.json -o register.csv\n"
        "Risk = impact x threat x vulnerability (docs/risk-method.md explains every number); accepted risks\n"
        "come from the policy file's exceptions. Exit code as for scan: 1 when a finding reaches --fail-on.");
    return [a, argv]() {
        a->sources.note_given();
        return run_risk(*a, argv);
    };
}

}  // namespace sovscan::cli
