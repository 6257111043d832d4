#include "cli/store_options.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/output_paths.h"
#include "common/escape.h"
#include "store/run_diff.h"

namespace sovscan::cli {

namespace {

// Traffic of an exposure counts as grown in the scan report's section at twice the previous run's
// (`sovscan diff --growth` chooses another factor).
constexpr double kReportGrowthFactor = 2.0;

std::string from_environment() {
    const char* env = std::getenv("SOVSCAN_STORE");
    return env ? env : "";
}

}  // namespace

void StoreOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--store", store_option_,
                   "keep every run in this store (an SQLite file, created when missing; default $SOVSCAN_STORE or "
                   "the policy's `store:`): `sovscan history`, `diff` and `report` read it (docs/store.md)")
        ->type_name("FILE");
    cmd.add_option("--keep", keep_days_, "with --store: remove runs recorded more than DAYS days ago (0 = keep all)")
        ->type_name("DAYS")
        ->check(CLI::Range(0.0, 36500.0));
}

std::string StoreOptions::location(const Policy& policy) const {
    if (!store_option_.empty()) return store_option_;
    if (std::string env = from_environment(); !env.empty()) return env;
    return policy.store;
}

bool StoreOptions::open(const Policy& policy, std::vector<std::string> inputs) {
    const std::string where = location(policy);
    if (where.empty()) {
        if (keep_days_ > 0) {
            std::cerr << "sovscan: error: --keep needs a store (--store FILE, $SOVSCAN_STORE or the policy's store:)\n";
            return false;
        }
        return true;
    }
    try {
        store_ = open_run_store(where, StoreAccess::read_write);
        if (!inputs.empty()) digests_ = std::make_unique<InputDigests>(std::move(inputs));
        return true;
    } catch (const StoreError& e) {
        std::cerr << "sovscan: error: --store " << e.what() << "\n";
        return false;
    }
}

bool StoreOptions::record(ScanReport& report, std::vector<Finding>* unseen) {
    if (unseen) unseen->clear();
    if (!store_) return true;
    try {
        RunRecord run = run_record_from(report, digests_.get());
        digests_.reset();  // a sensor's later runs read no file
        RunFilter previous_filter;
        previous_filter.sensor = run.info.sensor;
        previous_filter.limit = 1;
        const std::vector<RunInfo> previous = store_->list_runs(previous_filter);
        RunRecord before;  // id 0: the sensor's first run, nothing to compare with
        if (!previous.empty())
            if (auto loaded = store_->load_run(previous.back().id)) before = std::move(*loaded);

        if (unseen) {  // only for alerts: a finding is a kilobyte, and an inventory makes many
            std::vector<std::string> ids;
            ids.reserve(run.findings.size());
            for (const StoredFinding& f : run.findings) ids.push_back(f.id);
            const std::set<std::string> known = store_->known_findings(ids);
            for (size_t i = 0; i < report.findings.size(); ++i)
                if (!known.count(run.findings[i].id) && !report.findings[i].suppressed())
                    unseen->push_back(report.findings[i]);
        }

        run.info.recorded_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
        run.info.id = store_->write_run(run);
        report.changes = diff_runs(before, run, kReportGrowthFactor);
        if (keep_days_ > 0)
            store_->prune_before(run.info.recorded_ns - static_cast<int64_t>(keep_days_ * 86400.0 * 1e9));
        return true;
    } catch (const StoreError& e) {
        std::cerr << "sovscan: error: --store " << e.what() << "\n";
        return false;
    }
}

int answer_from_store(const std::string& store_option, const std::string& output,
                      const std::function<int(RunStore&)>& answer) {
    const std::string where = store_option.empty() ? from_environment() : store_option;
    std::vector<std::string> inputs;
    if (!where.empty()) inputs.push_back(where);
    if (!output.empty() && !check_outputs({{"-o", output}}, inputs, false)) return kExitUsage;
    if (where.empty()) {
        std::cerr << "sovscan: error: no store: give --store FILE or set SOVSCAN_STORE\n";
        return kExitUsage;
    }
    try {
        const std::unique_ptr<RunStore> store = open_run_store(where, StoreAccess::read_only);
        return answer(*store);
    } catch (const StoreError& e) {
        std::cerr << "sovscan: error: --store " << e.what() << "\n";
        return kExitUsage;
    }
}

}  // namespace sovscan::cli
