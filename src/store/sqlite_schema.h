#pragma once
// The SQLite store's schema as a list of forward migrations: entry i takes a store from version i
// to i + 1 (PRAGMA user_version counts them). A store is never rebuilt: opening an older one runs
// the missing steps in one transaction, so its runs stay; a newer one (from a later sovscan) is
// refused rather than misread.
#include <string_view>
#include <vector>

namespace sovscan::sqlite {

// Index 0 creates version 1 (the first schema, also what the migration test builds by hand).
const std::vector<std::string_view>& schema_migrations();
inline int current_schema_version() { return static_cast<int>(schema_migrations().size()); }

}  // namespace sovscan::sqlite
