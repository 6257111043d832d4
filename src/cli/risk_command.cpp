// `sovscan risk`: the risk analysis decree 409/2025 § 8-9 asks for — risk-assessment report,
// statement of applicability, risk-treatment plan, supplier register — from the same inputs as
// `scan` and `assets` (captures, inventory files, the policy), in Czech or English.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "risk/register_builder.h"
#include "cli/commands.h"
#include "cli/kafka_options.h"
#include "cli/signal_watcher.h"
#include "cli/scan_options.h"
#include "common/escape.h"
#include "engine/scan_engine.h"
#include "risk/register_csv.h"
#include "risk/register_html.h"
#include "risk/register_json.h"
#include "risk/register_diff.h"
#include "risk/register_markdown.h"
#include "risk/register_xlsx.h"
#include "intel/sha256.h"
#include "risk/supplier_list.h"

namespace sovscan::cli {
namespace {

struct RiskArgs {
    ScanSourceOptions sources;
    std::string output;
    std::string format;  // html, md, csv, csv-cs, json, xlsx; "" = by -o extension
    std::string lang = "cs";
    std::string previous;  // --previous: the JSON register of the last assessment
    std::string suppliers;  // --suppliers FILE: the operator's supplier list (issue 15 item 8)
    KafkaOptions kafka;      // the scan behind the register, streamed (findings, assets, aggregates)
};

// The previous register, or a message for the operator ("" when none was asked for).
std::optional<PreviousRegister> read_previous(const std::string& path, bool& failed) {
    failed = false;
    if (path.empty()) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::string error;
    std::optional<PreviousRegister> p;
    if (!in) error = std::strerror(errno);
    else p = read_previous_register(in, error);
    if (!p) {
        std::cerr << fmt::format("sovscan: error: --previous {}: {}\n", terminal_safe(path), terminal_safe(error));
        failed = true;
    }
    return p;
}

std::string format_for(const RiskArgs& a) {
    if (!a.format.empty()) return a.format;
    return format_by_extension(a.output,
                               {{".html", "html"}, {".htm", "html"}, {".md", "md"}, {".csv", "csv"}, {".json", "json"},
                                                {".xlsx", "xlsx"}});
}

// False with `error` when the format's writer failed (only the workbook can).
bool write_format(const std::string& format, const RiskRegister& reg, const ScanReport& report, RiskLang lang,
                  std::ostream& out, std::string& error) {
    if (format == "html") write_risk_html(reg, report, lang, out);
    else if (format == "md") write_risk_markdown(reg, lang, out);
    else if (format == "csv") write_risk_csv(reg, lang, out);
    else if (format == "csv-cs") write_risk_csv_excel(reg, lang, out);
    else if (format == "xlsx") return write_risk_xlsx(reg, lang, out, error);
    else write_risk_json(reg, lang, out);
    return true;
}

// What the register rests on, for its frame: the captures' time span and files, and the versions
// of the intel sources and of the risk catalog files (their SHA-256: the catalog has no version number).
RiskProvenance provenance_of(const ScanReport& report, const std::string& catalog_dir) {
    RiskProvenance p;
    p.has_traffic = report.packets > 0 && report.last_ns >= report.first_ns && report.first_ns > 0;
    p.first_ns = report.first_ns;
    p.last_ns = report.last_ns;
    for (const InputSummary& i : report.inputs) p.inputs.push_back(i.path);
    if (report.inventory)
        for (const std::string& f : report.inventory->files) p.inputs.push_back(f);
    for (const IntelSource& s : report.intel) p.knowledge.push_back({s.id, s.version});
    for (std::string_view file : {RiskCatalogFiles::threats, RiskCatalogFiles::measures, RiskCatalogFiles::asset_values}) {
        std::string hex, error;
        if (Sha256::file_hex(fmt::format("{}/{}", catalog_dir, file), hex, error))
            p.knowledge.push_back({std::string(file), "sha256 " + hex.substr(0, 16)});
    }
    return p;
}

// "out/risk.csv" -> "out/risk-suppliers.csv".
std::string sibling_path(const std::string& path, const std::string& suffix) {
    const std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + suffix + p.extension().string())).string();
}

int run_risk(RiskArgs& a, const std::vector<std::string>& argv) {
    if (nothing_to_read(a.sources, "risk")) return kExitUsage;
    if (!a.sources.check_outputs({{"-o", a.output}})) return kExitUsage;
    const std::string format = format_for(a);
    if (a.output.empty() && format.empty()) {
        std::cerr << "sovscan: error: risk: give -o FILE (.html, .md, .csv, .json or .xlsx) or --format "
                     "html|md|csv|csv-cs|json|xlsx for standard output\n";
        return kExitUsage;
    }
    if (format.empty()) {
        std::cerr << fmt::format("sovscan: error: -o {}: cannot tell the format from the extension; use .html, .md, "
                                 ".csv, .json or .xlsx, or --format html|md|csv|csv-cs|json|xlsx\n",
                                 terminal_safe(a.output));
        return kExitUsage;
    }
    const RiskLang lang = *parse_risk_lang(a.lang);  // CLI11 checked the value
    bool previous_failed = false;
    const std::optional<PreviousRegister> previous = read_previous(a.previous, previous_failed);  // before the scan
    if (previous_failed) return kExitUsage;
    if (!a.kafka.open()) return kExitUsage;
    std::optional<SupplierList> listed;
    if (!a.suppliers.empty()) {
        std::vector<std::string> errors;
        listed = read_supplier_list(a.suppliers, errors);
        if (!errors.empty()) {
            for (const std::string& e : errors) std::cerr << "sovscan: error: --suppliers: " << terminal_safe(e) << "\n";
            return kExitUsage;
        }
    }
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
    if (!a.sources.store.open(opt.policy, a.sources.read_paths())) return kExitUsage;
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
    // The register is written whatever the stream lost; the loss is said and makes the exit code 2.
    a.kafka.publish(*report);
    const bool streamed = a.kafka.finish(*report);
    const bool stored = a.sources.store.record(*report, nullptr);
    static const std::vector<MergedAsset> kNoAssets;
    const std::vector<MergedAsset>& assets = report->inventory ? report->inventory->assets : kNoAssets;
    RiskRegister reg = build_risk_register(RiskInputs{assets, report->findings, opt.policy, *catalog,
                                                      report->policy_date,
                                                      provenance_of(*report, opt.intel_paths.catalog_dir),
                                                      listed ? &*listed : nullptr});
    if (previous) reg.changes = diff_registers(*previous, a.previous, reg);

    std::string write_error;
    bool written = true;
    if (!write_output(a.output, [&](std::ostream& out) { written = write_format(format, reg, *report, lang, out, write_error); }))
        return kExitUsage;
    if (!written) {
        std::cerr << "sovscan: error: " << terminal_safe(write_error) << "\n";
        return kExitUsage;
    }
    // CSV is one table a file: the suppliers and the counterpart operators go beside the register.
    std::vector<std::string> written_beside;
    if (format == "csv" && !a.output.empty()) {
        const std::string suppliers = sibling_path(a.output, "-suppliers"), counterparts = sibling_path(a.output, "-counterparts");
        if (!write_output(suppliers, [&](std::ostream& out) { write_supplier_csv(reg, lang, out); }) ||
            !write_output(counterparts, [&](std::ostream& out) { write_counterpart_csv(reg, lang, out); }))
            return kExitUsage;
        written_beside = {suppliers, counterparts};
    }
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
        for (const std::string& p : written_beside) std::cout << fmt::format("written to {}\n", terminal_safe(p));
    }
    if (!streamed || !stored) return kExitUsage;
    return exit_code_for(*report, opt.policy, diag);
}

}  // namespace

CommandRunner add_risk_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<RiskArgs>();
    CLI::App* cmd = app.add_subcommand(
        "risk", "Write the risk analysis decree 409/2025 asks for (risk-assessment report, statement of "
                "applicability, risk-treatment plan, supplier register) from captures, inventories and the policy.");
    a->sources.add_to(*cmd, CaptureArgs::optional, /*inventory_options=*/true);
    cmd->add_option("-o,--output", a->output,
                    "write the documents to FILE: .html (self-contained, printable), .md, .csv (the register), .json "
                    "or .xlsx (a workbook: register, applicability, plan, suppliers, assets, method); without -o, "
                    "--format picks and stdout receives it")
        ->type_name("FILE");
    cmd->add_option("--format", a->format,
                    "html, md, csv, csv-cs (the register for Czech Excel: UTF-8 with BOM, semicolons, headers and "
                    "values in --lang), json or xlsx; overrides the -o extension")
        ->check(CLI::IsMember({"html", "md", "csv", "csv-cs", "json", "xlsx"}));
    cmd->add_option("--suppliers", a->suppliers,
                    "the operator's supplier list (CSV: supplier id or name, contract, contact, last_assessment, "
                    "significant; comma or semicolon) merged into the register of suppliers")
        ->type_name("FILE");
    cmd->add_option("--lang", a->lang, "language of the documents: cs (Czech) or en (English)")
        ->capture_default_str()
        ->check(CLI::IsMember({"cs", "en"}));
    cmd->add_option("--previous", a->previous,
                    "the JSON register of the last assessment (-o LAST.json of an earlier run): adds the changes "
                    "since then (new, closed, raised and lowered risks; added and removed suppliers)")
        ->type_name("LAST.json");
    a->kafka.add_to(*cmd);
    cmd->footer(
        "Examples:\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --policy site-a.yaml -o risk.html\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --lang en -o risk.md\n"
        "  sovscan risk --inventory cmdb.csv --sbom hmi.cdx.json -o register.csv\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv -o register.xlsx\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --format csv-cs -o registr.csv\n"
        "  sovscan risk site-a.pcapng --inventory cmdb.csv --previous risk-2026-q3.json -o risk-2026-q4.json\n"
        "Risk = impact x threat x vulnerability (docs/risk-method.md explains every number); accepted risks\n"
        "come from the policy file's exceptions. Exit code as for scan: 1 when a finding reaches --fail-on, 2 after\n"
        "errors (also when --kafka lost messages).");
    return [a, argv]() {
        a->sources.note_given();
        return run_risk(*a, argv);
    };
}

}  // namespace sovscan::cli
