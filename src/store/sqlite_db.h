#pragma once
// Small RAII owners for SQLite's C API: a connection, a prepared statement, a transaction.
// Why the C API and no wrapper library: Debian ships no maintained C++ binding for SQLite that we
// would trust with crash safety, and the part we need is small — prepare, bind, step, column,
// finalize, and BEGIN/COMMIT/ROLLBACK. Owning each handle in a class makes every early return and
// exception finalize its statements and roll back an open transaction, which is what keeps a
// failed write from leaving anything behind.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sovscan::sqlite {

class Database {
public:
    // Throws StoreError ("PATH: reason") when the file cannot be opened.
    Database(const std::string& path, int flags);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    // Runs SQL without results (several statements allowed); throws StoreError naming `what`.
    void exec(std::string_view sql, std::string_view what = {});
    int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    // Throws StoreError "PATH: WHAT: <sqlite's message>".
    [[noreturn]] void fail(std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds are 1-based, as SQLite counts.
    Statement& bind(int i, int64_t v);
    Statement& bind(int i, uint64_t v) { return bind(i, static_cast<int64_t>(v)); }
    Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);  // copied (SQLITE_TRANSIENT)
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind_null(int i);

    // True while there is a row; false when done. Throws StoreError on failure.
    bool step();
    // Steps once, expecting no row (an INSERT, UPDATE, DELETE), then resets for the next binding.
    void run();
    void reset();

    int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
    uint64_t uint64(int col) const { return static_cast<uint64_t>(sqlite3_column_int64(stmt_, col)); }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    std::string text(int col) const;
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

// BEGIN IMMEDIATE at construction (the write lock taken at once: a second writer waits for the
// busy timeout instead of failing half-way), ROLLBACK at destruction unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace sovscan::sqlite
