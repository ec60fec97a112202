// Transactions and statements, on SQLite and (with DANCHU_TEST_PG) PostgreSQL.

#include "storage/transaction.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/test_fixture.hpp"

namespace danchu::storage {
namespace {

class TransactionTest : public DialectTest {
  protected:
    // Inserts a person in its own committed transaction; returns the id.
    std::int64_t add_person(const std::string& email, const std::string& name) {
        auto tx = db().begin(Access::Write);
        const std::int64_t at = 1767225600;  // 2026-01-01 00:00 UTC
        auto id = tx.insert(
            "INSERT INTO people (email, full_name, created_at) VALUES (:email, :name, :at) "
            "RETURNING id",
            use(email, "email"), use(name, "name"), use(at, "at"));
        EXPECT_TRUE(id.has_value());
        EXPECT_TRUE(tx.commit().has_value());
        return id ? *id : 0;
    }

    // The ErrorCode of inserting a person with this email, or nullopt when it worked.
    std::optional<ErrorCode> add_person_result(const std::string& email) {
        auto tx = db().begin(Access::Write);
        std::string name = "X";
        std::int64_t at = 0;
        auto id = tx.insert(
            "INSERT INTO people (email, full_name, created_at) VALUES (:email, :name, :at) "
            "RETURNING id",
            use(email, "email"), use(name, "name"), use(at, "at"));
        if (!id) return id.error().code;
        if (auto st = tx.commit(); !st) return st.error().code;
        return std::nullopt;
    }

    std::int64_t count(const std::string& table) {
        auto tx = db().begin(Access::Read);
        return tx.scalar<std::int64_t>("SELECT COUNT(*) FROM " + table).value_or(-1);
    }
};

TEST_P(TransactionTest, CommittedRowsAreVisibleToLaterTransactions) {
    const auto id = add_person("an@example.vn", "An");
    auto tx = db().begin(Access::Read);
    std::string email;
    std::string name;
    ASSERT_TRUE(tx.find("SELECT email, full_name FROM people WHERE id = :id", into(email),
                        into(name), use(id, "id")));
    EXPECT_EQ(email, "an@example.vn");
    EXPECT_EQ(name, "An");
}

TEST_P(TransactionTest, DestructorRollsBackWithoutCommit) {
    {
        auto tx = db().begin(Access::Write);
        std::string email = "b@example.vn";
        std::string name = "Bình";
        std::int64_t at = 0;
        ASSERT_TRUE(
            tx.exec("INSERT INTO people (email, full_name, created_at) "
                    "VALUES (:e, :n, :at)",
                    use(email, "e"), use(name, "n"), use(at, "at")));
    }
    EXPECT_EQ(count("people"), 0);
    EXPECT_EQ(db().in_use(), 0u);
}

TEST_P(TransactionTest, ExceptionLeavesNoOpenTransactionAndNoRows) {
    auto command = [&] {
        auto tx = db().begin(Access::Write);
        std::string email = "c@example.vn";
        std::string name = "Chi";
        std::int64_t at = 0;
        (void)tx.exec("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at)",
                      use(email, "e"), use(name, "n"), use(at, "at"));
        throw std::runtime_error("the command breaks half-way");
    };
    EXPECT_THROW(command(), std::runtime_error);
    EXPECT_EQ(db().in_use(), 0u);
    EXPECT_EQ(count("people"), 0);
    // The connection went back clean: a new write transaction works.
    add_person("c@example.vn", "Chi");
    EXPECT_EQ(count("people"), 1);
}

TEST_P(TransactionTest, ExplicitRollbackDiscardsAndIsIdempotent) {
    auto tx = db().begin(Access::Write);
    std::string email = "d@example.vn";
    std::string name = "Dũng";
    std::int64_t at = 0;
    ASSERT_TRUE(tx.exec("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at)",
                        use(email, "e"), use(name, "n"), use(at, "at")));
    tx.rollback();
    tx.rollback();
    EXPECT_FALSE(tx.active());
    EXPECT_EQ(count("people"), 0);
    EXPECT_THROW((void)tx.exec("DELETE FROM people"), DatabaseError);
}

TEST_P(TransactionTest, UniqueViolationIsConflictAndSpendsTheTransaction) {
    add_person("dup@example.vn", "Đào");
    auto tx = db().begin(Access::Write);
    std::string email = "dup@example.vn";
    std::string name = "Another";
    std::int64_t at = 0;
    auto id = tx.insert(
        "INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at) RETURNING id",
        use(email, "e"), use(name, "n"), use(at, "at"));
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, ErrorCode::Conflict);
    EXPECT_EQ(id.error().message_key, "storage.error.duplicate");
    // PostgreSQL aborts the transaction here; SQLite is made to behave the same.
    EXPECT_THROW((void)tx.scalar<std::int64_t>("SELECT COUNT(*) FROM people"), DatabaseError);
    auto committed = tx.commit();
    ASSERT_FALSE(committed);
    EXPECT_EQ(committed.error().code, ErrorCode::Conflict);
    EXPECT_EQ(count("people"), 1);
}

TEST_P(TransactionTest, ForeignKeyViolationIsConflict) {
    auto tx = db().begin(Access::Write);
    std::int64_t person = 999;
    int seq = 1;
    auto r = tx.exec("INSERT INTO notes (person_id, seq) VALUES (:p, :s)", use(person, "p"),
                     use(seq, "s"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_EQ(r.error().message_key, "storage.error.reference_missing");
}

TEST_P(TransactionTest, InsertReturningGivesEachRowItsId) {
    const auto first = add_person("e1@example.vn", "Em");
    const auto second = add_person("e2@example.vn", "Giang");
    EXPECT_GT(first, 0);
    EXPECT_GT(second, first);
    auto tx = db().begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::string>("SELECT email FROM people WHERE id = :id", use(second, "id")),
              "e2@example.vn");
}

TEST_P(TransactionTest, NullableColumnsReadAndWriteAsOptional) {
    auto tx = db().begin(Access::Write);
    std::string email = "h@example.vn";
    std::string name = "Hà";
    std::optional<std::string> phone;  // NULL
    std::int64_t at = 0;
    auto id = tx.insert(
        "INSERT INTO people (email, full_name, phone, created_at) VALUES (:e, :n, :p, :at) "
        "RETURNING id",
        use(email, "e"), use(name, "n"), use(phone, "p"), use(at, "at"));
    ASSERT_TRUE(id);

    std::optional<std::string> read = "not reset";
    ASSERT_TRUE(tx.find("SELECT phone FROM people WHERE id = :id", into(read), use(*id, "id")));
    EXPECT_FALSE(read.has_value());
    // A NULL into a plain variable is a bug in the caller's SQL, reported as such.
    std::string plain;
    EXPECT_THROW(
        (void)tx.find("SELECT phone FROM people WHERE id = :id", into(plain), use(*id, "id")),
        DatabaseError);
}

TEST_P(TransactionTest, OptionalValuesRoundTripAndMissingRowsAreEmpty) {
    const auto id = add_person("i@example.vn", "Ích");
    {
        auto tx = db().begin(Access::Write);
        std::optional<std::string> phone = "0912 345 678";
        ASSERT_TRUE(
            tx.exec("UPDATE people SET phone = :p WHERE id = :id", use(phone, "p"), use(id, "id")));
        ASSERT_TRUE(tx.commit());
    }
    auto tx = db().begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::string>("SELECT phone FROM people WHERE id = :id", use(id, "id")),
              "0912 345 678");
    const std::int64_t missing = id + 100;
    EXPECT_EQ(tx.scalar<std::string>("SELECT phone FROM people WHERE id = :id", use(missing, "id")),
              std::nullopt);
    std::string name;
    auto one =
        tx.one("SELECT full_name FROM people WHERE id = :id", into(name), use(missing, "id"));
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error().code, ErrorCode::NotFound);
}

TEST_P(TransactionTest, VietnameseTextRoundTripsExactly) {
    const std::string name = "Nguyễn Thị Ánh Tuyết — Ủy ban nhân dân xã Đông Hưng, tỉnh Thái Bình";
    const auto id = add_person("tuyet@example.vn", name);
    auto tx = db().begin(Access::Read);
    EXPECT_EQ(tx.scalar<std::string>("SELECT full_name FROM people WHERE id = :id", use(id, "id")),
              name);
    // Equality on the stored bytes finds it too.
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT id FROM people WHERE full_name = :n", use(name, "n")),
              id);
}

TEST_P(TransactionTest, ReadTransactionsRefuseWrites) {
    Options one_connection;
    one_connection.pool_size = 1;
    auto reopened = Database::open(test_db().url(), [&] {
        auto o = test_db().options();
        o.pool_size = 1;
        return o;
    }());
    ASSERT_TRUE(reopened);
    Database& single = **reopened;
    {
        auto tx = single.begin(Access::Read);
        EXPECT_THROW((void)tx.exec("DELETE FROM people"), DatabaseError);
    }
    // The same (only) connection writes again once the read transaction is over.
    auto tx = single.begin(Access::Write);
    std::string email = "k@example.vn";
    std::string name = "Khánh";
    std::int64_t at = 0;
    EXPECT_TRUE(tx.exec("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at)",
                        use(email, "e"), use(name, "n"), use(at, "at")));
    EXPECT_TRUE(tx.commit());
}

TEST_P(TransactionTest, ExecReportsAffectedRowsForOptimisticChecks) {
    add_person("l1@example.vn", "Lan");
    add_person("l2@example.vn", "Linh");
    auto tx = db().begin(Access::Write);
    int inactive = 0;
    EXPECT_EQ(tx.exec("UPDATE people SET active = :a", use(inactive, "a")).value(), 2);
    // The state check lives in the WHERE clause: nobody is active any more.
    int active = 1;
    EXPECT_EQ(tx.exec("UPDATE people SET active = :a WHERE active = :expected", use(inactive, "a"),
                      use(active, "expected"))
                  .value(),
              0);
}

TEST_P(TransactionTest, EachAndRowsIterateInOrderWithTypedColumns) {
    const auto a = add_person("m1@example.vn", "Mai");
    const auto b = add_person("m2@example.vn", "Minh");
    auto tx = db().begin(Access::Read);
    std::vector<std::pair<std::int64_t, std::string>> seen;
    tx.each<std::int64_t, std::string>(
        "SELECT id, full_name FROM people ORDER BY id",
        [&](std::int64_t id, const std::string& name) { seen.emplace_back(id, name); });
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], std::make_pair(a, std::string("Mai")));
    EXPECT_EQ(seen[1], std::make_pair(b, std::string("Minh")));

    const std::string pattern = "m2%";
    auto rows = tx.rows<std::int64_t, std::optional<std::string>>(
        "SELECT id, phone FROM people WHERE email LIKE :p", use(pattern, "p"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(std::get<0>(rows[0]), b);
    EXPECT_FALSE(std::get<1>(rows[0]).has_value());

    auto none = tx.rows<std::int64_t>("SELECT id FROM people WHERE 1 = 0");
    EXPECT_TRUE(none.empty());
}

TEST_P(TransactionTest, PreparedStatementRunsManyTimesWithNewValues) {
    {
        auto tx = db().begin(Access::Write);
        std::string email;
        std::string name;
        std::int64_t at = 0;
        auto st =
            tx.prepare("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at)",
                       use(email, "e"), use(name, "n"), use(at, "at"));
        for (int i = 0; i < 50; ++i) {
            email = "p" + std::to_string(i) + "@example.vn";
            name = "Người " + std::to_string(i);
            at = i;
            ASSERT_TRUE(st.execute());
            EXPECT_EQ(st.affected_rows(), 1);
        }
        email = "p7@example.vn";
        auto dup = st.execute();
        ASSERT_FALSE(dup);
        EXPECT_EQ(dup.error().code, ErrorCode::Conflict);
    }
    EXPECT_EQ(count("people"), 0);  // the duplicate spent the transaction; nothing committed

    auto tx = db().begin(Access::Write);
    std::string email;
    std::string name = "x";
    std::int64_t at = 0;
    auto st = tx.prepare("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at)",
                         use(email, "e"), use(name, "n"), use(at, "at"));
    for (int i = 0; i < 20; ++i) {
        email = "q" + std::to_string(i) + "@example.vn";
        ASSERT_TRUE(st.execute());
    }
    ASSERT_TRUE(tx.commit());  // with the statement still alive
    EXPECT_THROW((void)st.execute(), DatabaseError);
    EXPECT_EQ(count("people"), 20);
}

TEST_P(TransactionTest, InjectedFaultMidCommandLeavesNothingWritten) {
    // A two-write command: the second write fails as a broken disk would.
    auto command = [&]() -> Status {
        auto tx = db().begin(Access::Write);
        std::string email = "f@example.vn";
        std::string name = "Phúc";
        std::int64_t at = 0;
        auto id = tx.insert(
            "INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :at) RETURNING id",
            use(email, "e"), use(name, "n"), use(at, "at"));
        if (!id) return id.error();
        int seq = 1;
        if (auto r = tx.exec("INSERT INTO notes (person_id, seq) VALUES (:p, :s)", use(*id, "p"),
                             use(seq, "s"));
            !r) {
            return r.error();
        }
        return tx.commit();
    };
    test_db().fail_statement(2);
    EXPECT_THROW((void)command(), InjectedFault);
    EXPECT_EQ(count("people"), 0);
    EXPECT_EQ(count("notes"), 0);
    EXPECT_EQ(db().in_use(), 0u);

    // Chosen by text, and disarmed after firing.
    test_db().fail_statement(1, "INSERT INTO notes");
    EXPECT_THROW((void)command(), InjectedFault);
    EXPECT_EQ(count("people"), 0);
    EXPECT_TRUE(command());
    EXPECT_EQ(count("people"), 1);
    EXPECT_EQ(count("notes"), 1);
}

TEST_P(TransactionTest, ClearedFaultDoesNotFire) {
    test_db().fail_statement(1);
    test_db().clear_faults();
    EXPECT_EQ(count("people"), 0);
}

TEST_P(TransactionTest, CommitTwiceIsABug) {
    auto tx = db().begin(Access::Write);
    ASSERT_TRUE(tx.commit());
    EXPECT_THROW((void)tx.commit(), DatabaseError);
}

DANCHU_FOR_EACH_DIALECT(TransactionTest);

// --- Statements kept prepared between transactions (Options::statement_cache) -------------

class StatementCacheTest : public TransactionTest {
  protected:
    Options options() const override {
        Options o;
        o.pool_size = 2;
        o.statement_cache = 32;
        return o;
    }
    std::optional<std::string> name_of(std::int64_t id) {
        auto tx = db().begin(Access::Read);
        return tx.scalar<std::string>("SELECT full_name FROM people WHERE id = :id", use(id, "id"));
    }
};

TEST_P(StatementCacheTest, AStatementIsKeptAndReboundToEachCallersVariables) {
    const auto an = add_person("an@example.vn", "An");
    const auto binh = add_person("binh@example.vn", "Bình");
    const auto before = db().cached_statements();
    EXPECT_EQ(name_of(an), "An");
    const auto kept = db().cached_statements();
    EXPECT_GT(kept, before);
    // The same text again, from another transaction and other variables: the kept
    // statement answers with the new binds, and nothing new is kept.
    EXPECT_EQ(name_of(binh), "Bình");
    EXPECT_EQ(name_of(an), "An");
    EXPECT_EQ(name_of(987654), std::nullopt);
    EXPECT_EQ(db().cached_statements(), kept);
}

TEST_P(StatementCacheTest, TheCacheHoldsAtMostItsCapacity) {
    Options o;
    o.pool_size = 1;
    o.statement_cache = 2;
    testing::TestDb small(demo_migrations(), o, GetParam());
    auto tx = small.db().begin(Access::Read);
    std::int64_t id = 1;
    for (const char* sql :
         {"SELECT full_name FROM people WHERE id = :id", "SELECT email FROM people WHERE id = :id",
          "SELECT phone FROM people WHERE id = :id",
          "SELECT full_name || email FROM people WHERE id = :id",
          "SELECT email || full_name FROM people WHERE id = :id"}) {
        std::optional<std::string> out;
        (void)tx.find(sql, into(out), use(id, "id"));
    }
    ASSERT_TRUE(tx.commit());
    EXPECT_EQ(small.db().cached_statements(), 2u);
}

TEST_P(StatementCacheTest, AQueryInsideAnotherWithTheSameTextGetsItsOwnStatement) {
    // A tree walk: for each person, the same query again for "the next" person.
    const auto a = add_person("a@example.vn", "A");
    const auto b = add_person("b@example.vn", "B");
    const auto c = add_person("c@example.vn", "C");
    auto tx = db().begin(Access::Read);
    const std::string sql = "SELECT id, full_name FROM people WHERE id >= :from ORDER BY id";
    std::vector<std::string> seen;
    std::int64_t from = a;
    tx.each<std::int64_t, std::string>(
        sql,
        [&](std::int64_t id, const std::string& name) {
            std::int64_t next = id + 1;
            std::vector<std::string> inner;
            tx.each<std::int64_t, std::string>(
                sql, [&](std::int64_t, const std::string& n) { inner.push_back(n); },
                use(next, "from"));
            seen.push_back(name + ":" + std::to_string(inner.size()));
        },
        use(from, "from"));
    EXPECT_EQ(seen, (std::vector<std::string>{"A:2", "B:1", "C:0"}));
    (void)b;
    (void)c;
}

TEST_P(StatementCacheTest, AFailedStatementIsDroppedAndItsTextStillWorks) {
    add_person("an@example.vn", "An");
    // The same INSERT text fails on a duplicate, then succeeds with other values.
    EXPECT_EQ(add_person_result("an@example.vn"), ErrorCode::Conflict);
    EXPECT_EQ(add_person_result("binh@example.vn"), std::nullopt);
    EXPECT_EQ(count("people"), 2);
}

TEST_P(StatementCacheTest, AnUnfinishedQueryHoldsNoSnapshotAfterCommit) {
    add_person("a@example.vn", "A");
    add_person("b@example.vn", "B");
    const std::string sql = "SELECT full_name FROM people ORDER BY id";
    {
        // Keep connection 1 busy so the next two transactions share connection 2.
        auto hold = db().begin(Access::Read);
        {
            auto tx = db().begin(Access::Read);
            std::string first;
            ASSERT_TRUE(tx.find(sql, into(first)));  // one row of two read: the cursor stops
            ASSERT_TRUE(tx.commit());
        }
        ASSERT_TRUE(hold.commit());
    }
    add_person("c@example.vn", "C");  // on connection 1
    auto hold = db().begin(Access::Read);
    auto tx = db().begin(Access::Read);  // connection 2 again: must see C
    std::vector<std::string> names;
    tx.each<std::string>(sql, [&](const std::string& n) { names.push_back(n); });
    EXPECT_EQ(names, (std::vector<std::string>{"A", "B", "C"}));
}

TEST_P(StatementCacheTest, TurnedOffKeepsNothing) {
    Options o;
    o.statement_cache = 0;
    testing::TestDb off(demo_migrations(), o, GetParam());
    auto tx = off.db().begin(Access::Write);
    std::string email = "an@example.vn", name = "An";
    std::int64_t at = 0;
    ASSERT_TRUE(tx.exec("INSERT INTO people (email, full_name, created_at) VALUES (:e, :n, :a)",
                        use(email, "e"), use(name, "n"), use(at, "a")));
    ASSERT_TRUE(tx.commit());
    EXPECT_EQ(off.db().cached_statements(), 0u);
}

DANCHU_FOR_EACH_DIALECT(StatementCacheTest);

}  // namespace
}  // namespace danchu::storage
