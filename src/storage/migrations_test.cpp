// Migration files, the statement splitter and the Migrator, on both dialects.

#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/clock.hpp"
#include "storage/test_fixture.hpp"
#include "storage/transaction.hpp"

namespace danchu::storage {
namespace {

TEST(MigrationFiles, EmbeddedTestModuleIsFound) {
    auto migrations = migrations_from_files(testdata::embedded_files());
    ASSERT_TRUE(migrations) << migrations.error().detail;
    ASSERT_EQ(migrations->size(), 2u);  // README.md is not a migration
    const Migration& people = (*migrations)[0];
    EXPECT_EQ(people.label(), "demo/0001_people");
    EXPECT_TRUE(people.portable_sql.has_value());
    EXPECT_TRUE(people.postgres_sql.has_value());
    EXPECT_FALSE(people.sqlite_sql.has_value());
    EXPECT_NE(people.sql_for(Dialect::Postgres).find("BIGSERIAL"), std::string::npos);
    EXPECT_EQ(people.sql_for(Dialect::Sqlite).find("BIGSERIAL"), std::string::npos);
    EXPECT_EQ((*migrations)[1].label(), "demo/0002_notes");
    EXPECT_EQ((*migrations)[1].sql_for(Dialect::Postgres),
              (*migrations)[1].sql_for(Dialect::Sqlite));
}

TEST(MigrationFiles, PostgresReadsIntegerPrimaryKeyAsBigserialWithoutAnOverride) {
    const EmbeddedFile files[] = {
        {"m/migrations/0001_t.sql",
         "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n"
         "CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER REFERENCES t(id));"},
    };
    auto m = migrations_from_files(files);
    ASSERT_TRUE(m);
    const auto pg = (*m)[0].sql_for(Dialect::Postgres);
    EXPECT_EQ(pg,
              "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n INTEGER NOT NULL);\n"
              "CREATE TABLE u (id BIGSERIAL PRIMARY KEY, t_id INTEGER REFERENCES t(id));");
    EXPECT_EQ((*m)[0].sql_for(Dialect::Sqlite), *(*m)[0].portable_sql);
}

TEST(MigrationFiles, ModulesKeepFirstAppearanceOrderAndVersionsAscend) {
    const EmbeddedFile files[] = {
        {"modules/cases/migrations/0002_b.sql", "SELECT 2"},
        {"modules/cases/migrations/0001_a.sql", "SELECT 1"},
        {"identity/migrations/0001_init.sql", "SELECT 3"},
        {"identity/migrations/0010_later.sqlite.sql", "SELECT 4"},
        {"identity/migrations/0010_later.pg.sql", "SELECT 5"},
        {"identity/templates/page.mustache", "not sql"},
    };
    auto m = migrations_from_files(files);
    ASSERT_TRUE(m) << m.error().detail;
    ASSERT_EQ(m->size(), 4u);
    EXPECT_EQ((*m)[0].label(), "cases/0001_a");
    EXPECT_EQ((*m)[1].label(), "cases/0002_b");
    EXPECT_EQ((*m)[2].label(), "identity/0001_init");
    EXPECT_EQ((*m)[3].label(), "identity/0010_later");
    EXPECT_EQ((*m)[3].sql_for(Dialect::Sqlite), "SELECT 4");
    EXPECT_EQ((*m)[3].sql_for(Dialect::Postgres), "SELECT 5");
}

TEST(MigrationFiles, MalformedSetsAreInvalidInput) {
    const std::vector<std::vector<EmbeddedFile>> bad = {
        {{"x/migrations/init.sql", "SELECT 1"}},
        {{"x/migrations/0000_zero.sql", "SELECT 1"}},
        {{"x/migrations/01a_x.sql", "SELECT 1"}},
        {{"x/migrations/0001_.sql", "SELECT 1"}},
        {{"x/migrations/0001_a.sql", "SELECT 1"}, {"x/migrations/0001_b.sql", "SELECT 2"}},
        {{"x/migrations/0001_a.pg.sql", "SELECT 1"}},  // nothing for SQLite
    };
    for (const auto& files : bad) {
        auto m = migrations_from_files(files);
        ASSERT_FALSE(m) << files[0].path;
        EXPECT_EQ(m.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(m.error().message_key, "storage.error.bad_migration");
    }
}

TEST(SplitStatements, SplitsOnSemicolonsOutsideQuotesAndComments) {
    const auto parts = split_statements(
        "-- header; with a semicolon\n"
        "CREATE TABLE a (x TEXT DEFAULT 'a;b', \"we;ird\" INTEGER);\n"
        "/* block; comment */\n"
        "INSERT INTO a (x) VALUES ('it''s; fine'); -- trailing; comment\n"
        "  ;  \n"
        "UPDATE a SET x = 'y'");
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT 'a;b', \"we;ird\" INTEGER)");
    EXPECT_EQ(parts[1], "INSERT INTO a (x) VALUES ('it''s; fine')");
    EXPECT_EQ(parts[2], "UPDATE a SET x = 'y'");
    EXPECT_TRUE(split_statements("-- only a comment\n\n").empty());
}

class MigratorTest : public DialectTest {
  protected:
    bool with_migrations() const override { return false; }

    std::int64_t applied_count() {
        auto tx = db().begin(Access::Read);
        return tx.scalar<std::int64_t>("SELECT COUNT(*) FROM schema_migrations").value_or(-1);
    }

    SystemClock clock_;
};

TEST_P(MigratorTest, AppliesOnceAndIsIdempotent) {
    Migrator first(db());
    ASSERT_TRUE(first.add(demo_migrations()));
    auto applied = first.run(clock_);
    ASSERT_TRUE(applied) << applied.error().detail;
    EXPECT_EQ(*applied, (std::vector<std::string>{"demo/0001_people", "demo/0002_notes"}));
    EXPECT_EQ(applied_count(), 2);

    Migrator second(db());
    ASSERT_TRUE(second.add(demo_migrations()));
    auto again = second.run(clock_);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->empty());
    EXPECT_EQ(applied_count(), 2);

    auto tx = db().begin(Access::Read);
    const auto at = tx.scalar<std::int64_t>(
        "SELECT applied_at FROM schema_migrations WHERE module = 'demo' AND version = 2");
    ASSERT_TRUE(at);
    EXPECT_NEAR(static_cast<double>(*at), static_cast<double>(unix_seconds(clock_.now())), 60.0);
}

TEST_P(MigratorTest, PostgresTakesTheOverrideFile) {
    Migrator m(db());
    ASSERT_TRUE(m.add(demo_migrations()));
    ASSERT_TRUE(m.run(clock_));
    auto tx = db().begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::string>("SELECT source FROM migration_marker"),
              GetParam() == Dialect::Postgres ? "pg-override" : "portable");
}

TEST_P(MigratorTest, RefusesADatabaseMigratedByANewerBinary) {
    Migrator newer(db());
    ASSERT_TRUE(newer.add(demo_migrations()));
    ASSERT_TRUE(newer.run(clock_));

    auto only_first = demo_migrations();
    only_first.pop_back();
    Migrator older(db());
    ASSERT_TRUE(older.add(only_first));
    auto refused = older.run(clock_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_EQ(refused.error().message_key, "storage.error.schema_newer");
    EXPECT_NE(refused.error().detail.find("demo/0002_notes"), std::string::npos)
        << refused.error().detail;
}

TEST_P(MigratorTest, FailingMigrationLeavesSchemaAndRecordUnchanged) {
    const EmbeddedFile broken[] = {
        {"broken/migrations/0001_half.sql",
         "CREATE TABLE half_done (a INTEGER);\nCREATE TABLE oops (;\n"},
    };
    Migrator m(db());
    ASSERT_TRUE(m.add(demo_migrations()));
    ASSERT_TRUE(m.add(*migrations_from_files(broken)));
    auto r = m.run(clock_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message_key, "storage.error.migration_failed");
    EXPECT_NE(r.error().detail.find("broken/0001_half"), std::string::npos) << r.error().detail;
    EXPECT_EQ(applied_count(), 2);  // the demo module's, applied before it
    auto tx = db().begin(Access::Read);
    EXPECT_THROW((void)tx.scalar<std::int64_t>("SELECT COUNT(*) FROM half_done"), DatabaseError);
}

TEST_P(MigratorTest, ModulesRunInRegistrationOrder) {
    const EmbeddedFile zeta[] = {{"zeta/migrations/0001_z.sql", "CREATE TABLE z (a INTEGER)"}};
    const EmbeddedFile alpha[] = {{"alpha/migrations/0001_a.sql",
                                   "CREATE TABLE a (a INTEGER);\nINSERT INTO z (a) VALUES (1)"}};
    Migrator m(db());
    ASSERT_TRUE(m.add(*migrations_from_files(zeta)));
    ASSERT_TRUE(m.add(*migrations_from_files(alpha)));
    auto r = m.run(clock_);
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(*r, (std::vector<std::string>{"zeta/0001_z", "alpha/0001_a"}));
}

TEST_P(MigratorTest, RegisteringAVersionTwiceIsInvalidInput) {
    Migrator m(db());
    ASSERT_TRUE(m.add(demo_migrations()));
    auto again = m.add(demo_migrations());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput);
}

TEST_P(MigratorTest, ConcurrentMigratorsApplyEachMigrationOnce) {
    // Two nodes starting at once, each with its own pool.
    auto other = Database::open(test_db().url(), test_db().options());
    ASSERT_TRUE(other);
    Result<std::vector<std::string>> results[2] = {std::vector<std::string>{},
                                                   std::vector<std::string>{}};
    std::thread threads[2];
    Database* dbs[2] = {&db(), other->get()};
    for (int i = 0; i < 2; ++i) {
        threads[i] = std::thread([&, i] {
            Migrator m(*dbs[i]);
            if (auto s = m.add(demo_migrations()); !s) {
                results[i] = s.error();
                return;
            }
            results[i] = m.run(clock_);
        });
    }
    for (auto& t : threads) t.join();
    ASSERT_TRUE(results[0]) << results[0].error().detail;
    ASSERT_TRUE(results[1]) << results[1].error().detail;
    EXPECT_EQ(results[0]->size() + results[1]->size(), 2u);
    EXPECT_EQ(applied_count(), 2);
}

DANCHU_FOR_EACH_DIALECT(MigratorTest);

}  // namespace
}  // namespace danchu::storage
