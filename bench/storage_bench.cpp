// The storage layer's cost per statement, next to the raw SQLite C API in the same run: a
// point query by primary key over 100,000 rows, (1) raw sqlite3 with one statement prepared
// once, (2) storage with each connection's statement cache on, (3) with it off (every
// statement parsed again), each in its own read transaction as a page's query runs; and
// (4) an empty read transaction, the fixed cost a page pays around its queries.
// Run a Release build: build-*/bench/storage_bench.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/database.hpp"
#include "storage/transaction.hpp"

namespace {

namespace fs = std::filesystem;
using danchu::storage::Access;
using danchu::storage::Database;
using danchu::storage::into;
using danchu::storage::use;

constexpr std::int64_t kRows = 100'000;

// One SQLite file with kRows people, made once per process.
const fs::path& database_file() {
    static const fs::path file = [] {
        const fs::path dir =
            fs::temp_directory_path() / ("danchu-storage-bench-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const fs::path f = dir / "bench.db";
        sqlite3* db = nullptr;
        if (sqlite3_open(f.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open");
        const char* sql =
            "PRAGMA journal_mode = WAL;"
            "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, "
            "full_name TEXT NOT NULL, created_at BIGINT NOT NULL);"
            "BEGIN;"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
            "INSERT INTO people SELECT i, 'p' || i || '@example.vn', 'Nguyễn Văn ' || i, i FROM n;"
            "COMMIT;";
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_close(db);
        return f;
    }();
    return file;
}

std::int64_t next_id(std::int64_t& i) { return 1 + (i++ * 7919) % kRows; }

void BM_RawSqlitePreparedOnce(benchmark::State& state) {
    sqlite3* db = nullptr;
    sqlite3_open(database_file().c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT full_name FROM people WHERE id = ?1", -1, &st, nullptr);
    std::int64_t i = 0;
    for (auto _ : state) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(st, 1, next_id(i));
        if (sqlite3_step(st) != SQLITE_ROW) state.SkipWithError("no row");
        std::string name(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        benchmark::DoNotOptimize(name);
        sqlite3_reset(st);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}
BENCHMARK(BM_RawSqlitePreparedOnce);

std::unique_ptr<Database> open(std::size_t statement_cache) {
    danchu::storage::Options options;
    options.pool_size = 1;
    options.statement_cache = statement_cache;
    auto db = Database::open("sqlite:" + database_file().string(), options);
    if (!db) throw std::runtime_error(db.error().detail);
    return std::move(*db);
}

// Arg: the statement cache's capacity (0 = off).
void BM_StoragePointQuery(benchmark::State& state) {
    auto db = open(static_cast<std::size_t>(state.range(0)));
    std::int64_t i = 0;
    for (auto _ : state) {
        auto tx = db->begin(Access::Read);
        std::int64_t id = next_id(i);
        std::string name;
        if (!tx.find("SELECT full_name FROM people WHERE id = :id", into(name), use(id, "id")))
            state.SkipWithError("no row");
        benchmark::DoNotOptimize(name);
        (void)tx.commit();
    }
}
BENCHMARK(BM_StoragePointQuery)->Arg(128)->Arg(0);

void BM_StorageEmptyReadTransaction(benchmark::State& state) {
    auto db = open(128);
    for (auto _ : state) {
        auto tx = db->begin(Access::Read);
        (void)tx.commit();
    }
}
BENCHMARK(BM_StorageEmptyReadTransaction);

}  // namespace
