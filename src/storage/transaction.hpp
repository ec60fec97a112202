#pragma once
// A transaction and the statements run inside it. This is the whole vocabulary a module's
// store.cpp uses: one dialect-neutral SQL text per statement, SOCI `:name` placeholders,
// and binds that are named lvalues.
//
//     auto tx = db.begin(storage::Access::Write);
//     std::int64_t org = ...; std::string title = ...;
//     auto id = tx.insert("INSERT INTO cases (org_id, title) VALUES (:org, :title) RETURNING id",
//                         use(org, "org"), use(title, "title"));
//     if (!id) return id.error();                 // Conflict on a duplicate
//     auto n = tx.exec("UPDATE cases SET status = :to WHERE id = :id AND status = :from",
//                      use(to, "to"), use(*id, "id"), use(from, "from"));
//     if (!n) return n.error();
//     if (*n == 0) return fail(ErrorCode::Conflict, "cases.error.changed");  // optimistic check
//     if (auto s = tx.commit(); !s) return s.error();
//
// Reads:
//     std::string name; std::optional<std::string> phone;
//     bool found = tx.find("SELECT name, phone FROM people WHERE id = :id",
//                          into(name), into(phone), use(id, "id"));
//     std::optional<std::int64_t> n = tx.scalar<std::int64_t>("SELECT COUNT(*) FROM t");
//     tx.each<std::int64_t, std::string>("SELECT id, name FROM t ORDER BY id",
//                                        [&](std::int64_t id, const std::string& name) {...});
//     auto rows = tx.rows<std::int64_t, std::string>("SELECT id, name FROM t");  // tuples
//
// Rules of the idiom:
// - Binds: `use(lvalue, "name")` and `into(lvalue)` from this namespace. Binding a temporary
//   does not compile (SOCI keeps references to bound variables until the statement runs).
// - Portable types: std::int64_t (BIGINT/INTEGER), int, double, std::string (TEXT, UTF-8),
//   and std::optional<T> of those for NULLable columns (into a plain T throws on NULL).
//   Timestamps are BIGINT unix seconds (core/clock.hpp), booleans INTEGER 0/1 (bind int,
//   not bool), money BIGINT đồng. No dialect-specific types, functions or syntax in shared
//   SQL (no `::` casts, which also clash with `:name` placeholders: write CAST(x AS T));
//   where the dialects differ (INTEGER PRIMARY KEY vs BIGSERIAL, partial indexes...) write
//   a per-dialect migration file, never a per-dialect statement in code.
// - New ids: `INSERT ... RETURNING id` through insert() (SQLite >= 3.35, PostgreSQL).
// - Errors: a unique or foreign-key violation is a value (ErrorCode::Conflict, message key
//   storage.error.duplicate or storage.error.reference_missing); everything else a
//   statement can do wrong (syntax, NULL into a plain T, lost connection) throws
//   DatabaseError. After either, the transaction is spent: PostgreSQL aborts it, and this
//   class makes SQLite behave the same, so the next statement throws and commit() fails;
//   return the error and let the destructor roll back.
// - Access::Read transactions refuse writes on both dialects (PostgreSQL READ ONLY; on
//   SQLite each statement is checked with sqlite3_stmt_readonly before it runs), so a query
//   that writes fails in tests on either. Statements run through session() are not checked.
// - PostgreSQL write transactions are READ COMMITTED: check state in the UPDATE's WHERE
//   clause and look at the affected-row count (as above) instead of SELECT ... FOR UPDATE,
//   which SQLite lacks.
// - Statements run repeatedly in one transaction (imports, batch inserts): prepare() once,
//   change the bound variables, execute() many times.
// - Every data statement (SELECT/INSERT/UPDATE/DELETE/WITH) run through exec, insert,
//   find, one, scalar, each and rows is kept prepared by its connection, keyed by its SQL
//   text (Options::statement_cache), and re-bound to the caller's variables on each use.
//   So write SQL as constant text with binds: SQL assembled with values in it would fill
//   the cache with statements used once (and is forbidden anyway).

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

// std::optional<T> as a nullable column, the way SOCI 4.0 supports boost::optional.
namespace soci {
template <typename T>
struct type_conversion<std::optional<T>> {
    using base_type = typename type_conversion<T>::base_type;

    static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
        if (ind == i_null) {
            out.reset();
            return;
        }
        T value;
        type_conversion<T>::from_base(in, ind, value);
        out = std::move(value);
    }

    static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
        if (in) {
            type_conversion<T>::to_base(*in, out, ind);
        } else {
            ind = i_null;
        }
    }
};
}  // namespace soci

namespace danchu::storage {

// Named lvalue binds only; see the header comment.
template <class T>
[[nodiscard]] auto use(T& value, const std::string& name) {
    return soci::use(value, name);
}
template <class T>
[[nodiscard]] auto use(const T& value, const std::string& name) {
    return soci::use(value, name);
}
template <class T>
void use(const T&&, const std::string&) = delete;  // a temporary would dangle

template <class T>
[[nodiscard]] auto into(T& value) {
    return soci::into(value);
}

namespace detail {

// A non-owning callable reference, so the statement runner stays out of the header.
template <class Sig>
class FunctionRef;
template <class R, class... A>
class FunctionRef<R(A...)> {
  public:
    template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef>)
        FunctionRef(F&& f)  // NOLINT(google-explicit-constructor)
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_([](void* o, A... a) -> R {
              return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...);
          }) {}
    R operator()(A... a) const { return call_(object_, std::forward<A>(a)...); }

  private:
    void* object_;
    R (*call_)(void*, A...);
};

using Binder = FunctionRef<void(soci::statement&)>;

template <class... Binds>
auto binder(Binds&... binds) {
    return [&binds...](soci::statement& st) { (st.exchange(binds), ...); };
}

}  // namespace detail

class Transaction;

// A statement prepared once and executed many times with the variables bound at
// prepare() time. Usable while its transaction is open; when the transaction ends the
// statement is finalised (executing it then throws), and it must not outlive the
// Transaction object itself.
class Prepared {
  public:
    // Runs the statement with the bound variables' current values. For a query with into()
    // binds, fetches the first row (see got_data()). Conflict on a unique/foreign-key
    // violation; throws DatabaseError otherwise.
    [[nodiscard]] Status execute();
    [[nodiscard]] bool got_data() const { return got_data_; }
    [[nodiscard]] long long affected_rows();

  private:
    friend class Transaction;
    Prepared(Transaction& tx, std::string sql, soci::statement st)
        : tx_(&tx), sql_(std::move(sql)), st_(std::move(st)) {}
    Transaction* tx_;
    std::string sql_;
    soci::statement st_;
    bool got_data_ = false;
};

class Transaction {
  public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // Rolls back unless commit() succeeded; never throws.
    ~Transaction();

    // Commits. Returns Conflict when a constraint checked at commit time fails (PostgreSQL
    // deferred constraints) or when a statement of this transaction already failed; throws
    // DatabaseError when the server or disk fails. Either way the transaction is over and
    // its connection returned to the pool.
    [[nodiscard]] Status commit();
    // Rolls back now (the destructor does it anyway). Idempotent.
    void rollback() noexcept;

    [[nodiscard]] Dialect dialect() const { return dialect_; }
    [[nodiscard]] Access access() const { return access_; }
    [[nodiscard]] bool active() const { return db_ != nullptr; }

    // INSERT/UPDATE/DELETE (or DDL): the number of rows affected.
    template <class... Binds>
    [[nodiscard]] Result<long long> exec(std::string_view sql, Binds&&... binds) {
        return run_write(sql, detail::binder(binds...));
    }

    // `INSERT ... RETURNING id`: the new row's id.
    template <class... Binds>
    [[nodiscard]] Result<std::int64_t> insert(std::string_view sql, Binds&&... binds) {
        std::int64_t id = 0;
        auto into_id = soci::into(id);
        bool got = false;
        auto written = run_write(sql, detail::binder(into_id, binds...), &got);
        if (!written) return written.error();
        if (!got) no_row_returned(sql);
        return id;
    }

    // The first row into the into() variables; false (variables untouched) when there is
    // none.
    template <class... Binds>
    [[nodiscard]] bool find(std::string_view sql, Binds&&... binds) {
        return run_query(sql, detail::binder(binds...), nullptr);
    }

    // Like find(), but a missing row is NotFound (message key storage.error.not_found).
    template <class... Binds>
    [[nodiscard]] Status one(std::string_view sql, Binds&&... binds) {
        if (run_query(sql, detail::binder(binds...), nullptr)) return {};
        return fail(ErrorCode::NotFound, "storage.error.not_found", {}, std::string(sql));
    }

    // A single value: nullopt when there is no row or the value is NULL.
    template <class T, class... Binds>
    [[nodiscard]] std::optional<T> scalar(std::string_view sql, Binds&&... binds) {
        std::optional<T> value;
        auto into_value = soci::into(value);
        if (!run_query(sql, detail::binder(into_value, binds...), nullptr)) return std::nullopt;
        return value;
    }

    // Calls `f(col0, col1, ...)` for each row, typed by Cols (std::optional<T> for NULLable
    // columns).
    template <class... Cols, class F, class... Binds>
    void each(std::string_view sql, F&& f, Binds&&... binds) {
        std::tuple<Cols...> row;
        each_into(sql, row, std::index_sequence_for<Cols...>{}, f, binds...);
    }

    // Every row as a tuple; for short, paginated lists.
    template <class... Cols, class... Binds>
    [[nodiscard]] std::vector<std::tuple<Cols...>> rows(std::string_view sql, Binds&&... binds) {
        std::vector<std::tuple<Cols...>> out;
        each<Cols...>(
            sql, [&out](const Cols&... cols) { out.emplace_back(cols...); }, binds...);
        return out;
    }

    // Prepares a statement to execute repeatedly; see Prepared.
    template <class... Binds>
    [[nodiscard]] Prepared prepare(std::string_view sql, Binds&&... binds) {
        return prepare_bound(sql, detail::binder(binds...));
    }

    // The SOCI session, for what this wrapper does not cover. Statements run through it
    // bypass the fault hook and Conflict mapping.
    [[nodiscard]] soci::session& session();

  private:
    friend class Database;
    friend class Prepared;
    class Statement;
    Transaction(Database& db, Database::Lease lease, Access access);

    template <class Tuple, std::size_t... I, class F, class... Binds>
    void each_into(std::string_view sql, Tuple& row, std::index_sequence<I...>, F& f,
                   Binds&... binds) {
        auto intos = std::make_tuple(soci::into(std::get<I>(row))...);
        auto bind_all = [&](soci::statement& st) {
            (st.exchange(std::get<I>(intos)), ...);
            (st.exchange(binds), ...);
        };
        run_query(sql, bind_all, [&] { f(std::get<I>(row)...); });
    }

    Result<long long> run_write(std::string_view sql, detail::Binder bind,
                                bool* got_data = nullptr);
    bool run_query(std::string_view sql, detail::Binder bind,
                   std::function<void()> on_row);  // on_row: iterate every row
    Prepared prepare_bound(std::string_view sql, detail::Binder bind);
    Status execute_prepared(Prepared& p);
    [[noreturn]] void no_row_returned(std::string_view sql);

    void check_usable(std::string_view sql);
    void control(const char* sql);
    void start();
    void finish(bool broken) noexcept;
    bool drop_prepared() noexcept;
    // Called inside a catch block for a soci::soci_error raised by `sql`: returns the
    // Conflict for a constraint violation, throws DatabaseError for anything else.
    Error on_statement_error(std::string_view sql);

    Database* db_;
    Database::Lease lease_;
    Access access_;
    Dialect dialect_;
    bool failed_ = false;
    long long last_affected_ = 0;
    // Finalised when the transaction ends, so none outlives its hold on the connection.
    std::vector<soci::statement> prepared_;
};

}  // namespace danchu::storage
