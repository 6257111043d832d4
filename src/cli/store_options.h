#pragma once
// --store and --keep, shared by scan, assets, risk, live and collect (registered with the source
// options, cli/scan_options.h): where runs are kept and for how long. A command opens the store
// before it reads any input (a path that is no store fails at once) and records each report as a
// run; the report then knows what changed since the sensor's previous run, and which findings the
// store never saw (the only ones --alerts raises).
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "report/scan_report.h"
#include "store/input_digests.h"
#include "store/run_store.h"

namespace sovscan::cli {

class StoreOptions {
public:
    void add_to(CLI::App& cmd);

    // --store, else $SOVSCAN_STORE, else the policy file's `store:`; "" when none names one.
    std::string location(const Policy& policy) const;
    // Opens (creates, upgrades) the store when one is named, and starts digesting `inputs` (the
    // files the run will read) beside the scan; false after printing why.
    bool open(const Policy& policy, std::vector<std::string> inputs = {});
    bool enabled() const { return store_ != nullptr; }

    // Records `report` as a run: sets report.changes (against the sensor's previous run), fills
    // `unseen` (when given: alerts want it) with the findings no earlier run had (not those an
    // exception accepts), writes the run in one transaction and prunes runs older than --keep.
    // False after printing the error (the store is then as it was).
    bool record(ScanReport& report, std::vector<Finding>* unseen);

private:
    std::string store_option_;
    double keep_days_ = 0;  // 0 = keep everything
    std::unique_ptr<RunStore> store_;
    std::unique_ptr<InputDigests> digests_;
};

// What a reading command (history, diff, report) shares: checks its -o (which must never be the
// store it reads), opens the store --store or $SOVSCAN_STORE names, and runs `answer` on it. A store
// that cannot be opened or read is one error line and exit 2; otherwise `answer`'s exit code.
int answer_from_store(const std::string& store_option, const std::string& output,
                      const std::function<int(RunStore&)>& answer);

}  // namespace sovscan::cli
