#include "store/run_store.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "store/sqlite_store.h"

namespace sovscan {

std::unique_ptr<RunStore> open_run_store(const std::string& location, StoreAccess access) {
    if (location.empty()) throw StoreError("--store: empty store location");
    if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
        throw StoreError(fmt::format("{}: the PostgreSQL store is not built yet; give a file path for the embedded "
                                     "SQLite store",
                                     printable(location.substr(0, location.find(':')) + "://...")));
    return std::make_unique<SqliteRunStore>(location, access);
}

}  // namespace sovscan
