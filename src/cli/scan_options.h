#pragma once
// The options that say what to read and how to judge it, shared by `scan`, `assets` and `risk` so
// that the three take the same inputs the same way: captures, inventory files, the policy and its
// command-line overrides, flow timeouts, intel locations, terminal behaviour.
#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/scan_engine.h"
#include "report/html_report.h"
#include "cli/output_paths.h"
#include "cli/shared_options.h"
#include "cli/store_options.h"

namespace sovscan::cli {

// Whether a command takes capture files as positional arguments.
enum class CaptureArgs { required, optional, none };

struct ScanSourceOptions {
    std::vector<std::string> captures;
    std::vector<std::string> home_nets;
    std::string policy_file;
    std::string fail_on = "high";
    std::string high_risk = "CN,HK,MO";
    double tcp_idle = 300, idle = 120, active = 1800;
    uint32_t max_flows = 1u << 18;
    uint32_t max_counterparts = 1u << 16;  // ScanOptions::exposures
    IntelDirOptions intel;
    AssetInputs assets;
    std::string color = "auto";
    bool no_progress = false, quiet = false;
    bool force = false;  // --force: overwrite an existing capture given as an output
    std::string sensor;  // --sensor; "" = the host name
    StoreOptions store;  // --store, --keep

    // Registers the options. scan needs captures; assets and risk take captures, inventory files
    // or both; live and collect read no file.
    void add_to(CLI::App& cmd, CaptureArgs captures, bool inventory_options);
    // After parsing: which overrides were given (their defaults must not override the policy file).
    void note_given();

    // The policy file (or the defaults), then the options given over it, the flow settings, the
    // intel paths and the inventory inputs into `opt`. Prints a one-line error and returns false
    // on bad input.
    bool build(ScanOptions& opt) const;

    // Before anything is read: every requested output can be written and destroys no input
    // (cli/output_paths.h). Prints the problems and returns false.
    bool check_outputs(const std::vector<RequestedOutput>& outputs) const;

    // The files and directories the run reads: captures and inventory inputs.
    std::vector<std::string> read_paths() const;

    bool progress_wanted() const;            // a progress line on stderr (a terminal, not -q)
    bool colour_wanted() const;              // ANSI colours on stdout
    static void print_progress(const ScanProgress& p);
    static std::string progress_line(const ScanProgress& p);  // what print_progress prints
    static void clear_progress();

private:
    CLI::Option *fail_on_opt_ = nullptr, *high_risk_opt_ = nullptr, *home_net_opt_ = nullptr;
    bool fail_on_given_ = false, high_risk_given_ = false, home_net_given_ = false;
};

// The format `output`'s extension names among `by_extension` ({".json", "json"}, ...), "" when none.
std::string format_by_extension(const std::string& output,
                                std::initializer_list<std::pair<std::string_view, std::string_view>> by_extension);

// The report format: --format when given, else -o's extension (.json, .csv, .html/.htm), "" for
// neither (the terminal table). nullopt after printing the one-line error when -o names a file of
// no known extension and no --format was given.
std::optional<std::string> report_format_for(const std::string& format, const std::string& output);
// The scan report in `format`: json (the whole report), html (the page, in `lang`), else csv (the findings).
void write_scan_report(const ScanReport& report, std::ostream& out, const std::string& format, RiskLang lang);

// Writes `path` with `write` (stdout when `path` is empty or "-") through a temporary file renamed
// into place (common/atomic_file.h), every write checked. False after printing the one-line error
// ("cannot write FILE: reason", "writing FILE failed: No space left on device; ...").
bool write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

// Neither captures nor inventory inputs: prints "COMMAND: nothing to read; ..." and returns true.
bool nothing_to_read(const ScanSourceOptions& sources, std::string_view command);

// The exit code a command ends with: 2 after input errors or an interruption (SIGINT, SIGTERM),
// 1 for findings at or above the policy's fail_on (none with --fail-on never), else 0.
int exit_code_for(const ScanReport& report, const Policy& policy, const Diagnostics& diag);

}  // namespace sovscan::cli
