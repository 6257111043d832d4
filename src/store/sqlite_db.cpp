#include "store/sqlite_db.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "store/run_store.h"

namespace sovscan::sqlite {

Database::Database(const std::string& path, int flags) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = printable(db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(fmt::format("{}: cannot open the store: {}", printable(path), why));
    }
    sqlite3_extended_result_codes(db_, 1);
    // A store file is outside input (copied from a sensor, perhaps tampered with): no schema writes
    // or other features that let a crafted file corrupt itself further.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::fail(std::string_view what) const {
    throw StoreError(fmt::format("{}: {}{}{}", printable(path_), what, what.empty() ? "" : ": ",
                                 printable(sqlite3_errmsg(db_))));  // it may quote a crafted file's schema
}

void Database::exec(std::string_view sql, std::string_view what) {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = printable(err ? err : "unknown error");  // it may quote the file's schema
        sqlite3_free(err);
        throw StoreError(fmt::format("{}: {}{}{}", printable(path_), what, what.empty() ? "" : ": ", msg));
    }
}

Statement::Statement(Database& db, std::string_view sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v3(db.handle(), sql_.data(), static_cast<int>(sql_.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK)
        db.fail("preparing a statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, int64_t v) {
    if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) db_.fail("binding a value");
    return *this;
}

Statement& Statement::bind(int i, double v) {
    if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) db_.fail("binding a value");
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        db_.fail("binding a value");
    return *this;
}

Statement& Statement::bind_null(int i) {
    if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) db_.fail("binding a value");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail("");
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE", "starting a transaction"); }

Transaction::~Transaction() {
    // Not committed: an exception is on its way; undo everything the transaction wrote.
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT", "committing");
    done_ = true;
}

}  // namespace sovscan::sqlite
