#include "tests/support/test_db.hpp"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <system_error>

#include "core/clock.hpp"
#include "storage/transaction.hpp"

namespace danchu::testing {
namespace {

std::string random_hex(std::size_t n) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    constexpr char kHex[] = "0123456789abcdef";
    std::string s(n, '0');
    for (auto& c : s) c = kHex[rng() % 16];
    return s;
}

std::string describe(const Error& e) { return e.message_key + ": " + e.detail; }

}  // namespace

std::string TestDb::postgres_url() {
    const char* url = std::getenv("DANCHU_TEST_PG");
    return url != nullptr ? std::string(url) : std::string();
}

bool TestDb::available(storage::Dialect dialect) {
    return dialect == storage::Dialect::Sqlite || !postgres_url().empty();
}

TestDb::TestDb(std::vector<storage::Migration> migrations, storage::Options options,
               std::optional<storage::Dialect> dialect)
    : options_(std::move(options)) {
    const std::string pg = postgres_url();
    const auto chosen =
        dialect.value_or(pg.empty() ? storage::Dialect::Sqlite : storage::Dialect::Postgres);
    if (chosen == storage::Dialect::Postgres) {
        if (pg.empty())
            throw std::runtime_error("TestDb: PostgreSQL asked for, DANCHU_TEST_PG unset");
        auto admin = storage::Database::open(pg, storage::Options{.pool_size = 1});
        if (!admin) throw std::runtime_error("TestDb: " + describe(admin.error()));
        admin_ = std::move(*admin);
        schema_ = "t_" + random_hex(16);
        auto tx = admin_->begin(storage::Access::Write);
        if (auto r = tx.exec("CREATE SCHEMA " + schema_); !r) {
            throw std::runtime_error("TestDb: " + describe(r.error()));
        }
        if (auto s = tx.commit(); !s) throw std::runtime_error("TestDb: " + describe(s.error()));
        options_.search_path = schema_;
        url_ = pg;
    } else {
        std::string tmpl = (std::filesystem::temp_directory_path() / "danchu-test-XXXXXX").string();
        if (mkdtemp(tmpl.data()) == nullptr) {
            throw std::runtime_error("TestDb: cannot create a temporary directory");
        }
        temp_dir_ = tmpl;
        url_ = "sqlite:" + (temp_dir_ / "test.db").string();
    }

    auto db = storage::Database::open(url_, options_);
    if (!db) throw std::runtime_error("TestDb: " + describe(db.error()));
    db_ = std::move(*db);

    if (!migrations.empty()) {
        storage::Migrator migrator(*db_);
        if (auto s = migrator.add(std::move(migrations)); !s) {
            throw std::runtime_error("TestDb: " + describe(s.error()));
        }
        SystemClock clock;
        if (auto r = migrator.run(clock); !r) {
            throw std::runtime_error("TestDb: " + describe(r.error()));
        }
    }
}

TestDb::~TestDb() {
    db_.reset();  // closes every pooled connection before the data goes away
    if (admin_) {
        try {
            auto tx = admin_->begin(storage::Access::Write);
            (void)tx.exec("DROP SCHEMA " + schema_ + " CASCADE");
            (void)tx.commit();
        } catch (...) {  // the server may be gone; the cluster is thrown away anyway
        }
    }
    if (!temp_dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(temp_dir_, ec);
    }
}

void TestDb::fail_statement(std::size_t nth, std::string sql_contains) {
    db_->inject_fault(storage::FaultPlan{nth, std::move(sql_contains)});
}

void TestDb::clear_faults() { db_->clear_fault(); }

}  // namespace danchu::testing
