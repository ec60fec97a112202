#pragma once
// Shared by the storage tests: every test runs once per dialect (PostgreSQL only when
// DANCHU_TEST_PG is set), on a fresh TestDb with the "demo" test module migrated.

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "core/embedded.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "tests/support/test_db.hpp"

namespace danchu::storage::testdata {
std::span<const EmbeddedFile> embedded_files();
}

namespace danchu::storage {

inline std::vector<Migration> demo_migrations() {
    auto m = migrations_from_files(testdata::embedded_files());
    if (!m) throw std::runtime_error(m.error().detail);
    return *m;
}

class DialectTest : public ::testing::TestWithParam<Dialect> {
  protected:
    void SetUp() override {
        if (!testing::TestDb::available(GetParam())) {
            GTEST_SKIP() << "set DANCHU_TEST_PG to run the PostgreSQL variant";
        }
        t_.emplace(with_migrations() ? demo_migrations() : std::vector<Migration>{}, options(),
                   GetParam());
    }
    virtual Options options() const { return {}; }
    virtual bool with_migrations() const { return true; }

    Database& db() { return t_->db(); }
    testing::TestDb& test_db() { return *t_; }

    std::optional<testing::TestDb> t_;
};

inline void PrintTo(Dialect dialect, std::ostream* os) { *os << to_string(dialect); }

inline std::string dialect_name(const ::testing::TestParamInfo<Dialect>& info) {
    return info.param == Dialect::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace danchu::storage

#define DANCHU_FOR_EACH_DIALECT(Suite)                                                \
    INSTANTIATE_TEST_SUITE_P(, Suite,                                                 \
                             ::testing::Values(::danchu::storage::Dialect::Sqlite,    \
                                               ::danchu::storage::Dialect::Postgres), \
                             ::danchu::storage::dialect_name)
