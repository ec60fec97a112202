// Opening databases, connection settings, the pool, ping and backup.

#include "storage/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "storage/test_fixture.hpp"
#include "storage/transaction.hpp"

namespace danchu::storage {
namespace {

namespace fs = std::filesystem;

// A temporary directory for tests that need their own file.
class TempDir {
  public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "danchu-storage-XXXXXX").string();
        if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

TEST(ParseUrl, SqliteFormsGiveThePath) {
    EXPECT_EQ(parse_url("sqlite:data/x.db")->target, "data/x.db");
    EXPECT_EQ(parse_url("sqlite:data/x.db")->dialect, Dialect::Sqlite);
    EXPECT_EQ(parse_url("sqlite:///var/lib/danchu/x.db")->target, "/var/lib/danchu/x.db");
    EXPECT_EQ(parse_url("sqlite://rel/x.db")->target, "rel/x.db");
    EXPECT_EQ(parse_url("sqlite:")->target, "data/danchu.db");
}

TEST(ParseUrl, PostgresUrlsGoToLibpqUnchanged) {
    const std::string url = "postgresql://danchu:pw@db.internal:5432/danchu?sslmode=require";
    auto parsed = parse_url(url);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->dialect, Dialect::Postgres);
    EXPECT_EQ(parsed->target, url);
    EXPECT_EQ(parse_url("postgres://u@h/db")->dialect, Dialect::Postgres);
}

TEST(ParseUrl, UnknownSchemesAreInvalidInputWithoutEchoingSecrets) {
    for (const char* url : {"mysql://root:hunter2@h/db", "", "data/danchu.db",
                            "sqlite::memory:", "SQLITE:x.db", "postgresql:/missing-slash"}) {
        auto parsed = parse_url(url);
        ASSERT_FALSE(parsed) << url;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput) << url;
        EXPECT_EQ(parsed.error().message_key, "storage.error.bad_url");
        EXPECT_EQ(parsed.error().detail.find("hunter2"), std::string::npos);
    }
    auto parsed = parse_url("mysql://root:hunter2@h/db");
    EXPECT_NE(parsed.error().detail.find("'mysql'"), std::string::npos) << parsed.error().detail;
}

TEST(OpenDatabase, BadUrlIsInvalidInput) {
    auto db = Database::open("oracle://x");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::InvalidInput);
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailable) {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    auto db = Database::open("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Unavailable);
}

TEST(OpenDatabase, ZeroPoolSizeIsInvalidInput) {
    TempDir dir;
    auto db = Database::open("sqlite:" + (dir.path() / "x.db").string(), Options{.pool_size = 0});
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::InvalidInput);
}

TEST(SqliteDatabase, OpenCreatesTheParentDirectories) {
    TempDir dir;
    const auto file = dir.path() / "a" / "b" / "danchu.db";
    auto db = Database::open("sqlite:" + file.string());
    ASSERT_TRUE(db) << db.error().detail;
    EXPECT_TRUE(fs::exists(file));
    EXPECT_EQ((*db)->dialect(), Dialect::Sqlite);
}

TEST(SqliteDatabase, PathWithSpacesWorks) {
    TempDir dir;
    const auto file = dir.path() / "xã Đông Hưng" / "danchu.db";
    auto db = Database::open("sqlite:" + file.string());
    ASSERT_TRUE(db) << db.error().detail;
    EXPECT_TRUE(fs::exists(file));
}

TEST(SqliteDatabase, EveryPooledConnectionHasTheRequiredPragmas) {
    TempDir dir;
    Options options;
    options.pool_size = 2;
    options.busy_timeout = std::chrono::milliseconds(1234);
    auto db = Database::open("sqlite:" + (dir.path() / "p.db").string(), options);
    ASSERT_TRUE(db);
    // Two transactions at once hold two different connections.
    auto a = (*db)->begin(Access::Read);
    auto b = (*db)->begin(Access::Read);
    EXPECT_EQ((*db)->in_use(), 2u);
    // Through session(): a read transaction refuses PRAGMA statements, which can write.
    auto pragma = [](Transaction& tx, const char* name) {
        std::string value;
        tx.session() << "PRAGMA " + std::string(name), soci::into(value);
        return value;
    };
    for (Transaction* tx : {&a, &b}) {
        EXPECT_EQ(pragma(*tx, "journal_mode"), "wal");
        EXPECT_EQ(pragma(*tx, "foreign_keys"), "1");
        EXPECT_EQ(pragma(*tx, "synchronous"), "2");  // FULL
        EXPECT_EQ(pragma(*tx, "busy_timeout"), "1234");
    }
    EXPECT_THROW((void)a.scalar<std::string>("PRAGMA journal_mode"), DatabaseError);
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
    testing::TestDb t({}, {}, Dialect::Sqlite);
    auto tx = t.db().begin(Access::Write);
    ASSERT_TRUE(tx.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY)"));
    ASSERT_TRUE(tx.exec("CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))"));
    auto r = tx.exec("INSERT INTO child (parent_id) VALUES (42)");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message_key, "storage.error.reference_missing");
}

TEST(SqliteDatabase, WriterWaitsForAnotherWritersLockThenProceeds) {
    testing::TestDb t({}, {}, Dialect::Sqlite);
    {
        auto tx = t.db().begin(Access::Write);
        ASSERT_TRUE(tx.exec("CREATE TABLE log (who TEXT NOT NULL)"));
        ASSERT_TRUE(tx.commit());
    }
    // A second Database on the same file: its connections compete for SQLite's lock, as a
    // second process would.
    auto other = Database::open(t.url(), t.options());
    ASSERT_TRUE(other);
    std::atomic<bool> holding{false};
    std::thread holder([&] {
        auto tx = t.db().begin(Access::Write);
        std::string who = "first";
        (void)tx.exec("INSERT INTO log (who) VALUES (:w)", use(who, "w"));
        holding = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        (void)tx.commit();
    });
    while (!holding) std::this_thread::yield();
    const auto start = std::chrono::steady_clock::now();
    {
        auto tx = (*other)->begin(Access::Write);  // waits in BEGIN IMMEDIATE
        std::string who = "second";
        ASSERT_TRUE(tx.exec("INSERT INTO log (who) VALUES (:w)", use(who, "w")));
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
    holder.join();
    auto tx = t.db().begin(Access::Read);
    EXPECT_EQ(tx.rows<std::string>("SELECT who FROM log ORDER BY rowid").size(), 2u);
}

TEST(SqliteDatabase, WriterGivesUpAfterBusyTimeoutAsUnavailable) {
    Options options;
    options.busy_timeout = std::chrono::milliseconds(50);
    testing::TestDb t({}, options, Dialect::Sqlite);
    auto other = Database::open(t.url(), t.options());
    ASSERT_TRUE(other);
    auto held = t.db().begin(Access::Write);
    try {
        auto tx = (*other)->begin(Access::Write);
        FAIL() << "expected the lock to be busy";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(e.code(), ErrorCode::Unavailable) << e.what();
    }
    EXPECT_EQ((*other)->in_use(), 0u);
    // Readers are never blocked by the writer in WAL mode.
    auto reader = (*other)->begin(Access::Read);
    EXPECT_EQ(reader.scalar<int>("SELECT 1"), 1);
}

TEST(SqliteDatabase, BackupIsAConsistentCopy) {
    testing::TestDb t(demo_migrations(), {}, Dialect::Sqlite);
    {
        auto tx = t.db().begin(Access::Write);
        for (int i = 0; i < 100; ++i) {
            std::string email = "b" + std::to_string(i) + "@example.vn";
            std::string name = "Bảo";
            std::int64_t at = i;
            ASSERT_TRUE(
                tx.exec("INSERT INTO people (email, full_name, created_at) "
                        "VALUES (:e, :n, :at)",
                        use(email, "e"), use(name, "n"), use(at, "at")));
        }
        ASSERT_TRUE(tx.commit());
    }
    TempDir dir;
    const auto copy = dir.path() / "backups" / "copy.db";
    auto s = t.db().backup_to(copy);
    ASSERT_TRUE(s) << s.error().detail;
    auto restored = Database::open("sqlite:" + copy.string());
    ASSERT_TRUE(restored);
    auto tx = (*restored)->begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT COUNT(*) FROM people"), 100);
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT COUNT(*) FROM schema_migrations"), 2);

    auto again = t.db().backup_to(copy);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
}

class DatabaseTest : public DialectTest {
  protected:
    bool with_migrations() const override { return false; }
};

TEST_P(DatabaseTest, PingAnswersTrueWhenReachable) { EXPECT_TRUE(db().ping()); }

TEST_P(DatabaseTest, PoolCountsUseWaitsAndTimeouts) {
    Options options = test_db().options();
    options.pool_size = 2;
    options.acquire_timeout = std::chrono::milliseconds(100);
    auto opened = Database::open(test_db().url(), options);
    ASSERT_TRUE(opened);
    Database& pool = **opened;
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_EQ(pool.in_use(), 0u);
    {
        auto a = pool.begin(Access::Read);
        auto b = pool.begin(Access::Read);
        EXPECT_EQ(pool.in_use(), 2u);
        try {
            auto c = pool.begin(Access::Read);
            FAIL() << "the pool should be exhausted";
        } catch (const DatabaseError& e) {
            EXPECT_EQ(e.code(), ErrorCode::Unavailable);
        }
        EXPECT_FALSE(pool.ping());  // no connection to ping with: unhealthy, no exception
    }
    EXPECT_EQ(pool.in_use(), 0u);
    const PoolStats stats = pool.pool_stats();
    EXPECT_EQ(stats.size, 2u);
    EXPECT_EQ(stats.open, 2u);
    EXPECT_GE(stats.waits, 2u);
    EXPECT_EQ(stats.timeouts, 2u);
    EXPECT_GE(stats.wait_time, std::chrono::milliseconds(150));
    EXPECT_TRUE(pool.ping());
}

TEST_P(DatabaseTest, ConcurrentWritersLoseNothing) {
    {
        auto tx = db().begin(Access::Write);
        ASSERT_TRUE(tx.exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)"));
        ASSERT_TRUE(tx.exec("CREATE TABLE events (thread INTEGER NOT NULL, i INTEGER NOT NULL)"));
        ASSERT_TRUE(tx.exec("INSERT INTO counter (id, n) VALUES (1, 0)"));
        ASSERT_TRUE(tx.commit());
    }
    // More threads than connections: some wait for the pool, and on SQLite every writer
    // also waits for the lock.
    Options options = test_db().options();
    options.pool_size = 3;
    auto opened = Database::open(test_db().url(), options);
    ASSERT_TRUE(opened);
    Database& pool = **opened;
    constexpr int kThreads = 6;
    constexpr int kWrites = 40;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kWrites; ++i) {
                try {
                    auto tx = pool.begin(Access::Write);
                    int thread = t;
                    int seq = i;
                    if (!tx.exec("INSERT INTO events (thread, i) VALUES (:t, :i)", use(thread, "t"),
                                 use(seq, "i")) ||
                        !tx.exec("UPDATE counter SET n = n + 1 WHERE id = 1") || !tx.commit()) {
                        ++failures;
                    }
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures, 0);
    auto tx = db().begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT n FROM counter WHERE id = 1"), kThreads * kWrites);
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT COUNT(*) FROM events"), kThreads * kWrites);
    EXPECT_GT(pool.pool_stats().waits, 0u);
    EXPECT_EQ(pool.in_use(), 0u);
}

TEST_P(DatabaseTest, BackupOnPostgresPointsToPgDump) {
    if (GetParam() != Dialect::Postgres) GTEST_SKIP() << "SQLite backup has its own test";
    auto s = db().backup_to(fs::temp_directory_path() / "never-written.db");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::InvalidInput);
}

DANCHU_FOR_EACH_DIALECT(DatabaseTest);

}  // namespace
}  // namespace danchu::storage
