#include "storage/transaction.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <cctype>

#include "storage/native.hpp"
#include "storage/statement_cache.hpp"

namespace danchu::storage {
namespace {

// SQL in error messages, shortened: enough to find the statement, not a page of DDL.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t kMax = 160;
    if (sql.size() <= kMax) return std::string(sql);
    return std::string(sql.substr(0, kMax)) + "…";
}

const char* begin_sql(Dialect dialect, Access access) {
    if (dialect == Dialect::Sqlite) {
        // IMMEDIATE takes the write lock now, so waiting for another writer happens here
        // (bounded by busy_timeout) and never half-way through, where a deferred
        // transaction upgrading to a writer could fail with SQLITE_BUSY and lose its work.
        return access == Access::Write ? "BEGIN IMMEDIATE" : "BEGIN";
    }
    // REPEATABLE READ: one snapshot for all the queries of a page, as SQLite's WAL readers
    // get.
    return access == Access::Write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

// Data statements are worth keeping prepared; DDL and PRAGMAs run once (a migration) and
// a PostgreSQL statement prepared before a schema change could outlive the change. SQLite
// would also parse BEGIN and COMMIT again for every transaction; on PostgreSQL keeping
// them prepared saves nothing (one round trip either way).
bool cacheable(std::string_view sql, Dialect dialect) {
    std::size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    std::string word;
    for (; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])) && word.size() < 8;
         ++i)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
    if (word == "SELECT" || word == "INSERT" || word == "UPDATE" || word == "DELETE" ||
        word == "WITH")
        return true;
    return dialect == Dialect::Sqlite &&
           (word == "BEGIN" || word == "COMMIT" || word == "ROLLBACK");
}

// SQLite: whether the prepared statement would write. Read transactions refuse such a
// statement before it runs (PostgreSQL's READ ONLY transactions refuse it themselves).
// PRAGMA query_only would do the same, but switching it on and off around each read
// transaction expires every prepared statement of the connection.
bool sqlite_writes(soci::statement& st) {
    auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
    return backend != nullptr && backend->stmt_ != nullptr &&
           sqlite_api::sqlite3_stmt_readonly(backend->stmt_) == 0;
}

// A SQLite statement not stepped to its end keeps a read cursor (and with it a snapshot)
// open; a cached statement is reset after every use so it holds nothing between uses.
void reset(soci::statement& st, Dialect dialect) noexcept {
    if (dialect != Dialect::Sqlite) return;
    auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
    if (backend != nullptr && backend->stmt_ != nullptr) sqlite_api::sqlite3_reset(backend->stmt_);
}

}  // namespace

// One statement of run_write/run_query: taken from the connection's cache (or prepared
// and put there), bound to this call's variables, and on destruction unbound and reset,
// or dropped from the cache when the call failed.
class Transaction::Statement {
  public:
    Statement(Transaction& tx, std::string_view sql, detail::Binder bind) : tx_(tx), sql_(sql) {
        StatementCache* cache = tx.lease_.statements;
        if (cache != nullptr && cacheable(sql, tx.dialect_)) {
            StatementCache::Entry* hit = cache->find(sql);
            if (hit != nullptr && !hit->busy) {
                st_ = hit->st;
                try {
                    bind(*st_);
                    st_->define_and_bind();
                } catch (...) {
                    cache->erase(sql);
                    throw;
                }
                hit->busy = true;
                entry_ = hit;
                return;
            }
            if (hit == nullptr) {
                st_ = std::make_shared<soci::statement>(*tx.lease_.session);
                bind(*st_);
                st_->alloc();
                st_->prepare(std::string(sql), soci::details::st_repeatable_query);
                st_->define_and_bind();
                entry_ = cache->insert(std::string(sql), st_);
                if (entry_ != nullptr) entry_->busy = true;
                return;
            }
        }
        st_ = std::make_shared<soci::statement>(*tx.lease_.session);
        bind(*st_);
        st_->alloc();
        st_->prepare(std::string(sql), soci::details::st_one_time_query);
        st_->define_and_bind();
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() {
        if (entry_ == nullptr) return;
        entry_->busy = false;
        if (!failed_) {
            try {
                reset(*st_, tx_.dialect_);
                st_->bind_clean_up();
                return;
            } catch (...) {
            }
        }
        tx_.lease_.statements->erase(entry_->sql);
    }
    soci::statement* operator->() { return st_.get(); }
    void failed() { failed_ = true; }

    // Throws DatabaseError (and spends the transaction) for a write in a read transaction.
    void check_access() {
        if (tx_.access_ != Access::Read || tx_.dialect_ != Dialect::Sqlite) return;
        if (!sqlite_writes(*st_)) return;
        tx_.failed_ = true;
        throw DatabaseError(ErrorCode::Internal, "a write in a read transaction: " + excerpt(sql_));
    }

  private:
    Transaction& tx_;
    std::string_view sql_;
    std::shared_ptr<soci::statement> st_;
    StatementCache::Entry* entry_ = nullptr;  // the cache's entry when st_ is kept there
    bool failed_ = false;
};

Transaction::Transaction(Database& db, Database::Lease lease, Access access)
    : db_(&db), lease_(lease), access_(access), dialect_(db.dialect()) {
    start();
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      lease_(other.lease_),
      access_(other.access_),
      dialect_(other.dialect_),
      failed_(other.failed_),
      last_affected_(other.last_affected_),
      prepared_(std::move(other.prepared_)) {}

Transaction::~Transaction() { rollback(); }

// BEGIN, COMMIT, ROLLBACK: kept prepared on SQLite (see cacheable()).
void Transaction::control(const char* sql) {
    if (dialect_ != Dialect::Sqlite || lease_.statements == nullptr) {
        *lease_.session << sql;
        return;
    }
    auto no_binds = [](soci::statement&) {};
    std::optional<Statement> st;
    try {
        st.emplace(*this, sql, detail::Binder(no_binds));
        (*st)->execute(true);
    } catch (...) {
        if (st) st->failed();
        throw;
    }
}

void Transaction::start() {
    soci::session& s = *lease_.session;
    try {
        control(begin_sql(dialect_, access_));
    } catch (const soci::soci_error& e) {
        const bool lost = native::connection_lost(e, s, dialect_);
        const ErrorCode code = native::error_code(e, s, dialect_);
        const std::string what = e.what();
        finish(lost);
        throw DatabaseError(code, "cannot begin transaction: " + what);
    }
}

bool Transaction::drop_prepared() noexcept {
    bool ok = true;
    for (auto& st : prepared_) {
        try {
            st.clean_up();
        } catch (...) {
            ok = false;
        }
    }
    prepared_.clear();
    return ok;
}

void Transaction::finish(bool broken) noexcept {
    if (db_ == nullptr) return;
    if (!drop_prepared()) broken = true;
    db_->release(lease_.slot, broken);
    db_ = nullptr;
}

Status Transaction::commit() {
    if (db_ == nullptr)
        throw DatabaseError(ErrorCode::Internal, "commit on a finished transaction");
    if (failed_) {
        rollback();
        return fail(ErrorCode::Conflict, "storage.error.transaction_failed", {},
                    "a statement of this transaction failed; it was rolled back");
    }
    soci::session& s = *lease_.session;
    // Statements still prepared would hold SQLite read cursors across the COMMIT.
    if (!drop_prepared()) throw DatabaseError(ErrorCode::Internal, "cannot finalise statements");
    try {
        control("COMMIT");
    } catch (const soci::soci_error& e) {
        const auto violation = native::classify(e, s, dialect_);
        const bool lost = native::connection_lost(e, s, dialect_);
        const ErrorCode code = native::error_code(e, s, dialect_);
        const std::string what = e.what();
        // SQLite may keep the transaction open after a failed COMMIT; PostgreSQL has ended
        // it. ROLLBACK makes both certain.
        if (lost) {
            finish(true);
        } else {
            rollback();
        }
        if (violation == native::Violation::Unique) {
            return fail(ErrorCode::Conflict, "storage.error.duplicate", {}, what);
        }
        if (violation == native::Violation::ForeignKey) {
            return fail(ErrorCode::Conflict, "storage.error.reference_missing", {}, what);
        }
        throw DatabaseError(code, "commit failed: " + what);
    }
    finish(false);
    return {};
}

void Transaction::rollback() noexcept {
    if (db_ == nullptr) return;
    try {
        drop_prepared();
        control("ROLLBACK");
        finish(false);
    } catch (const std::exception& e) {
        // The connection's state is unknown: discard it rather than lend it out again.
        spdlog::warn("storage: rollback failed, discarding connection: {}", e.what());
        finish(true);
    } catch (...) {
        finish(true);
    }
}

soci::session& Transaction::session() {
    if (db_ == nullptr) throw DatabaseError(ErrorCode::Internal, "transaction is finished");
    return *lease_.session;
}

void Transaction::check_usable(std::string_view sql) {
    if (db_ == nullptr) {
        throw DatabaseError(ErrorCode::Internal,
                            "statement on a finished transaction: " + excerpt(sql));
    }
    if (failed_) {
        throw DatabaseError(
            ErrorCode::Internal,
            "statement after a failed statement in the same transaction: " + excerpt(sql));
    }
    try {
        db_->before_statement(sql);
    } catch (...) {
        failed_ = true;
        throw;
    }
}

Error Transaction::on_statement_error(std::string_view sql) {
    failed_ = true;
    soci::session& s = *lease_.session;
    try {
        throw;
    } catch (const soci::soci_error& e) {
        switch (native::classify(e, s, dialect_)) {
            case native::Violation::Unique:
                return fail(ErrorCode::Conflict, "storage.error.duplicate", {},
                            e.get_error_message());
            case native::Violation::ForeignKey:
                return fail(ErrorCode::Conflict, "storage.error.reference_missing", {},
                            e.get_error_message());
            case native::Violation::None:
                break;
        }
        const ErrorCode code = native::error_code(e, s, dialect_);
        throw DatabaseError(code, std::string(e.what()) + " [in: " + excerpt(sql) + "]");
    }
}

Result<long long> Transaction::run_write(std::string_view sql, detail::Binder bind,
                                         bool* got_data) {
    check_usable(sql);
    std::optional<Statement> st;
    try {
        st.emplace(*this, sql, bind);
        st->check_access();
        const bool got = (*st)->execute(true);
        if (got_data != nullptr) *got_data = got;
        last_affected_ = (*st)->get_affected_rows();
        return last_affected_;
    } catch (const soci::soci_error&) {
        if (st) st->failed();
        return on_statement_error(sql);
    }
}

bool Transaction::run_query(std::string_view sql, detail::Binder bind,
                            std::function<void()> on_row) {
    check_usable(sql);
    std::optional<Statement> st;
    try {
        st.emplace(*this, sql, bind);
        st->check_access();
        const bool got = (*st)->execute(true);
        if (got && on_row) {
            do {
                on_row();
            } while ((*st)->fetch());
        }
        return got;
    } catch (const soci::soci_error&) {
        if (st) st->failed();
        // A query cannot violate a constraint, so this always throws; a returned Conflict
        // would mean a write hidden in a query, which is a bug too.
        const Error e = on_statement_error(sql);
        throw DatabaseError(ErrorCode::Internal, e.detail);
    }
}

Prepared Transaction::prepare_bound(std::string_view sql, detail::Binder bind) {
    if (db_ == nullptr || failed_) check_usable(sql);
    try {
        soci::statement st(*lease_.session);
        bind(st);
        st.alloc();
        st.prepare(std::string(sql), soci::details::st_repeatable_query);
        st.define_and_bind();
        if (access_ == Access::Read && dialect_ == Dialect::Sqlite && sqlite_writes(st)) {
            failed_ = true;
            throw DatabaseError(ErrorCode::Internal,
                                "a write in a read transaction: " + excerpt(sql));
        }
        prepared_.push_back(st);
        return Prepared(*this, std::string(sql), st);
    } catch (const soci::soci_error&) {
        const Error e = on_statement_error(sql);
        throw DatabaseError(ErrorCode::Internal, e.detail);
    }
}

Status Transaction::execute_prepared(Prepared& p) {
    check_usable(p.sql_);
    try {
        p.got_data_ = p.st_.execute(true);
        last_affected_ = p.st_.get_affected_rows();
        return {};
    } catch (const soci::soci_error&) {
        return on_statement_error(p.sql_);
    }
}

void Transaction::no_row_returned(std::string_view sql) {
    failed_ = true;
    throw DatabaseError(ErrorCode::Internal,
                        "insert returned no row (missing RETURNING id?): " + excerpt(sql));
}

Status Prepared::execute() { return tx_->execute_prepared(*this); }

long long Prepared::affected_rows() { return st_.get_affected_rows(); }

}  // namespace danchu::storage
