#pragma once
// TestDb: a fresh, migrated database for one test, so tests never see each other's rows and
// can run in parallel.
//
//   - SQLite (default): a file in a new temporary directory, deleted afterwards.
//   - PostgreSQL, when DANCHU_TEST_PG holds a URL (scripts/pg-test-cluster url): a new schema
//     `t_<random>` on that server, used through search_path and dropped afterwards.
//
//     danchu::testing::TestDb t(*storage::migrations_from_files(identity::embedded_files()));
//     auto tx = t.db().begin(storage::Access::Write);
//
// Failure paths ("FaultyDb"): `t.fail_statement(2)` makes the second statement run through
// any transaction of this database throw storage::InjectedFault, as a broken disk or a lost
// server would; `t.fail_statement(1, "INSERT INTO audit")` picks the first statement whose
// SQL contains the text. A command under test should then leave nothing half-written,
// which the test checks with a new transaction.
//
// Construction throws std::runtime_error when the database cannot be made (GoogleTest
// reports it as a failure of the test).

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace danchu::testing {

class TestDb {
  public:
    // `dialect`: nullopt picks PostgreSQL when DANCHU_TEST_PG is set, SQLite otherwise.
    // Asking for PostgreSQL without DANCHU_TEST_PG throws; check available() first.
    explicit TestDb(std::vector<storage::Migration> migrations = {}, storage::Options options = {},
                    std::optional<storage::Dialect> dialect = std::nullopt);
    ~TestDb();
    TestDb(const TestDb&) = delete;
    TestDb& operator=(const TestDb&) = delete;

    [[nodiscard]] storage::Database& db() { return *db_; }
    [[nodiscard]] storage::Database* operator->() { return db_.get(); }
    [[nodiscard]] storage::Dialect dialect() const { return db_->dialect(); }

    // The URL and options that reach the same data, for a second Database (reopen tests).
    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] const storage::Options& options() const { return options_; }

    // FaultyDb: see the header comment.
    void fail_statement(std::size_t nth, std::string sql_contains = {});
    void clear_faults();

    // Whether tests for `dialect` can run here (SQLite always; PostgreSQL with DANCHU_TEST_PG).
    [[nodiscard]] static bool available(storage::Dialect dialect);
    // DANCHU_TEST_PG, or empty.
    [[nodiscard]] static std::string postgres_url();

  private:
    std::string url_;
    storage::Options options_;
    std::filesystem::path temp_dir_;            // SQLite
    std::string schema_;                        // PostgreSQL
    std::unique_ptr<storage::Database> admin_;  // PostgreSQL: creates and drops the schema
    std::unique_ptr<storage::Database> db_;
};

}  // namespace danchu::testing
