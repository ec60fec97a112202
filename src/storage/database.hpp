#pragma once
// The database handle: opens SQLite (the embedded default) or PostgreSQL from one URL, owns
// a pool of connections, and hands out transactions. Every module reaches the database
// through `Database::begin`, so connection set-up (pragmas, search_path, encodings), pool
// accounting and the test-only fault hook live here once.
//
//     auto db = storage::Database::open("sqlite:data/danchu.db", {});
//     if (!db) return db.error();
//     auto tx = (*db)->begin(storage::Access::Write);
//     ...
//
// Errors: a bad URL or an unreachable server at open() is an Error value (InvalidInput,
// Unavailable); once running, a broken connection or pool exhaustion is a DatabaseError
// exception (broken infrastructure, caught at the request or job boundary).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/result.hpp"

namespace soci {
class session;
}

namespace danchu::storage {

enum class Dialect { Sqlite, Postgres };

[[nodiscard]] const char* to_string(Dialect dialect);

// Where the database lives, parsed from a URL:
//   sqlite:PATH | sqlite://PATH | sqlite:      (the last means data/danchu.db)
//   postgresql://user@host:port/db?... | postgres://...   (handed to libpq unchanged)
struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    std::string target;  // the SQLite file path, or the libpq connection URI
};

inline constexpr std::string_view kDefaultSqlitePath = "data/danchu.db";

[[nodiscard]] Result<DatabaseUrl> parse_url(std::string_view url);

struct Options {
    // Connections in the pool. SQLite in WAL mode serves readers concurrently while writers
    // take turns, so a small pool helps there too.
    std::size_t pool_size = 4;
    // SQLite: how long a writer waits for another writer's lock before failing (PRAGMA
    // busy_timeout). Write transactions take the lock at BEGIN IMMEDIATE, so the wait
    // happens before any work and can never deadlock half-way through a transaction.
    std::chrono::milliseconds busy_timeout{5000};
    // How long begin() waits for a free connection before throwing DatabaseError
    // (Unavailable).
    std::chrono::milliseconds acquire_timeout{10000};
    // PostgreSQL: if set, every connection runs `SET search_path TO <this>` (tests give each
    // test its own schema). Must be a plain identifier list.
    std::string search_path;
    // Statements each connection keeps prepared between transactions (least recently used
    // dropped first), so a page's queries are parsed once per connection, not per request.
    // 0 turns the cache off. Only SELECT/INSERT/UPDATE/DELETE/WITH statements are kept.
    std::size_t statement_cache = 128;
};

enum class Access {
    Read,   // a consistent snapshot; writing is refused on both dialects
    Write,  // serialised on SQLite (BEGIN IMMEDIATE); READ COMMITTED on PostgreSQL
};

// For metrics and /healthz.
struct PoolStats {
    std::size_t size = 0;    // connections the pool may hold
    std::size_t open = 0;    // connections currently established
    std::size_t in_use = 0;  // connections lent out right now
    std::uint64_t acquisitions = 0;
    std::uint64_t waits = 0;                 // acquisitions that found every connection busy
    std::uint64_t timeouts = 0;              // acquisitions that gave up after acquire_timeout
    std::chrono::microseconds wait_time{0};  // total time spent waiting
};

// Broken infrastructure: the server went away, the disk is full, the pool is exhausted, or
// a statement is malformed (a bug). `code()` is Unavailable for the first kinds (the HTTP
// boundary answers 503) and Internal otherwise.
class DatabaseError : public std::runtime_error {
  public:
    DatabaseError(ErrorCode code, const std::string& what)
        : std::runtime_error(what), code_(code) {}
    [[nodiscard]] ErrorCode code() const { return code_; }

  private:
    ErrorCode code_;
};

// Thrown by a statement chosen by Database::inject_fault (tests only).
class InjectedFault final : public DatabaseError {
  public:
    explicit InjectedFault(const std::string& sql)
        : DatabaseError(ErrorCode::Internal, "injected fault before: " + sql) {}
};

// Which statement fails: the `nth` statement (1-based, counted from the call to
// inject_fault) among those whose SQL contains `sql_contains` (all, if empty). Counts the
// statements a caller issues through a Transaction, not BEGIN/COMMIT.
struct FaultPlan {
    std::size_t nth = 1;
    std::string sql_contains = {};
};

class Transaction;
class StatementCache;

class Database {
  public:
    // Opens the first connection at once (so a wrong path, password or host is reported
    // here) and the rest of the pool on demand.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(std::string_view url,
                                                                Options options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    [[nodiscard]] Dialect dialect() const { return dialect_; }

    // Starts a transaction on a pooled connection, waiting up to acquire_timeout for one.
    // Throws DatabaseError when no connection can be had.
    [[nodiscard]] Transaction begin(Access access);

    // True when a connection answers `SELECT 1`. Never throws; for /healthz.
    [[nodiscard]] bool ping() noexcept;

    [[nodiscard]] PoolStats pool_stats() const;
    // Statements kept prepared by the idle connections (tests and metrics).
    [[nodiscard]] std::size_t cached_statements() const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t in_use() const;

    // SQLite only: a consistent copy of the live database into `path` through SQLite's
    // online backup API, without stopping writers for long. PostgreSQL answers InvalidInput
    // (use pg_dump).
    [[nodiscard]] Status backup_to(const std::filesystem::path& path);

    // Test hook: makes one future statement throw InjectedFault, so failure paths ("a write
    // fails mid-command") can be tested. Disarmed after it fires, or by clear_fault().
    void inject_fault(FaultPlan plan);
    void clear_fault();

  private:
    friend class Transaction;
    struct Pool;
    struct Lease {
        std::size_t slot;
        soci::session* session;
        StatementCache* statements;  // nullptr when the cache is off
    };

    Database(Dialect dialect, std::string target, Options options);

    Lease acquire(std::chrono::milliseconds timeout);
    void release(std::size_t slot, bool broken) noexcept;
    void before_statement(std::string_view sql);  // throws InjectedFault when armed

    Dialect dialect_;
    std::string target_;
    Options options_;
    std::unique_ptr<Pool> pool_;
};

}  // namespace danchu::storage

#include "storage/transaction.hpp"
