#pragma once
// Where runs are kept: the interface every backend implements (SQLite now: store/sqlite_store.h;
// PostgreSQL next), and the factory that picks one by the --store value. Commands talk to this
// interface only, so that a new backend changes no command.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store/run_record.h"

namespace sovscan {

// A store that cannot be opened, read or written; what() is one line naming the store and the
// reason ("store.db: database or disk is full; the run was not written, the store is unchanged").
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RunFilter {
    std::string sensor;     // "" = every sensor
    int64_t from_ns = 0;    // runs whose traffic (or, without traffic, recording) ends at or after
    int64_t to_ns = 0;      // ... and begins at or before; 0 = no bound
    size_t limit = 0;       // the newest `limit` runs; 0 = all
};

// One exposure over a period: when it was first and last seen in it, and how it stands last.
struct PeriodExposure {
    StoredFinding latest;         // as its latest run in the period saw it
    int64_t first_seen_ns = 0;    // in the period (traffic time)
    int64_t last_seen_ns = 0;
    int64_t ever_first_seen_ns = 0;  // in the whole store: when the exposure was new
    std::vector<std::string> sensors;  // sorted, no repeats
    // When it was seen without a break (in consecutive runs of one sensor), clipped to the period:
    // the days of the timeline it counts on.
    std::vector<std::pair<int64_t, int64_t>> spans;
};

class RunStore {
public:
    virtual ~RunStore() = default;

    // Writes the run whole in one transaction and returns its id; on failure nothing of it is
    // kept and StoreError says why.
    virtual int64_t write_run(const RunRecord& run) = 0;
    // Runs, oldest first.
    virtual std::vector<RunInfo> list_runs(const RunFilter& filter) = 0;
    // A run whole (nullopt when no run has that id).
    virtual std::optional<RunRecord> load_run(int64_t id) = 0;
    // Of `ids`, those some earlier run already had (the store remembers every exposure it kept).
    virtual std::set<std::string> known_findings(const std::vector<std::string>& ids) = 0;
    // Exposures seen in [from_ns, to_ns] (traffic time), on `sensor` ("" = all).
    virtual std::vector<PeriodExposure> exposures_in_period(int64_t from_ns, int64_t to_ns,
                                                            const std::string& sensor) = 0;
    // Removes runs recorded before `before_ns` with their findings, assets, aggregates and
    // sightings, and exposures no remaining run has; returns how many runs went.
    virtual size_t prune_before(int64_t before_ns) = 0;
    // How messages name it (the path, or the URL without a password).
    virtual std::string name() const = 0;
};

enum class StoreAccess { read_write, read_only };

// Opens (read_write: creating and upgrading) the store `location` names: a file path for the
// embedded SQLite store; postgresql:// and postgres:// URLs are the central store (not built yet:
// StoreError). Throws StoreError with the reason.
std::unique_ptr<RunStore> open_run_store(const std::string& location, StoreAccess access);

}  // namespace sovscan
