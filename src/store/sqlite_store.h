#pragma once
// The embedded store: one SQLite file (docs/store.md has the schema). WAL mode, so that history,
// diff and report read while a sensor writes; each run is written in one IMMEDIATE transaction, so
// a kill at any moment leaves either the whole run or none of it, and every earlier run intact.
#include <memory>
#include <string>

#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace sovscan {

class SqliteRunStore : public RunStore {
public:
    // Opens `path` (read_write: created when missing, migrated to the current schema). Throws
    // StoreError.
    SqliteRunStore(const std::string& path, StoreAccess access);

    int64_t write_run(const RunRecord& run) override;
    std::vector<RunInfo> list_runs(const RunFilter& filter) override;
    std::optional<RunRecord> load_run(int64_t id) override;
    std::set<std::string> known_findings(const std::vector<std::string>& ids) override;
    std::vector<PeriodExposure> exposures_in_period(int64_t from_ns, int64_t to_ns, const std::string& sensor) override;
    size_t prune_before(int64_t before_ns) override;
    std::string name() const override { return db_.path(); }

    int schema_version();

private:
    void migrate();
    int64_t sensor_id(const std::string& name);
    void write_rows(int64_t run_id, int64_t sensor, const RunRecord& run);

    sqlite::Database db_;
};

}  // namespace sovscan
