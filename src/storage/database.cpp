#include "storage/database.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <system_error>
#include <vector>

#include "storage/native.hpp"
#include "storage/statement_cache.hpp"

namespace danchu::storage {

const char* to_string(Dialect dialect) {
    switch (dialect) {
        case Dialect::Sqlite:
            return "sqlite";
        case Dialect::Postgres:
            return "postgresql";
    }
    return "sqlite";
}

Result<DatabaseUrl> parse_url(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        std::string_view path = url.substr(kSqlite.size());
        if (path.starts_with("//")) path.remove_prefix(2);
        if (path.empty()) path = kDefaultSqlitePath;
        // Each pooled connection would get its own empty in-memory database.
        if (path == ":memory:" || path.starts_with("file:")) {
            return fail(ErrorCode::InvalidInput, "storage.error.bad_url", {},
                        "sqlite: needs a file path (in-memory and URI file names are not "
                        "supported, because every pooled connection must see the same data)");
        }
        return DatabaseUrl{Dialect::Sqlite, std::string(path)};
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return DatabaseUrl{Dialect::Postgres, std::string(url)};
    }
    // Name only the scheme: the rest of a URL may carry a password.
    const auto colon = url.find(':');
    std::string scheme =
        colon == std::string_view::npos ? std::string("(none)") : std::string(url.substr(0, colon));
    if (scheme.size() > 20) scheme = scheme.substr(0, 20) + "…";
    return fail(ErrorCode::InvalidInput, "storage.error.bad_url", {},
                "unsupported database URL scheme '" + scheme +
                    "': expected sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME");
}

struct Database::Pool {
    struct Slot {
        std::unique_ptr<soci::session> session;
        // Declared after the session, so destroyed before it.
        std::unique_ptr<StatementCache> statements;
        bool busy = false;
    };
    std::vector<Slot> slots;
    mutable std::mutex mu;
    std::condition_variable freed;
    PoolStats stats;

    std::atomic<bool> fault_armed{false};
    std::mutex fault_mu;
    std::optional<FaultPlan> fault;
    std::size_t fault_seen = 0;
};

Database::Database(Dialect dialect, std::string target, Options options)
    : dialect_(dialect),
      target_(std::move(target)),
      options_(std::move(options)),
      pool_(std::make_unique<Pool>()) {
    pool_->slots.resize(options_.pool_size);
    pool_->stats.size = options_.pool_size;
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(std::string_view url, Options options) {
    auto parsed = parse_url(url);
    if (!parsed) return parsed.error();
    if (options.pool_size == 0) {
        return fail(ErrorCode::InvalidInput, "storage.error.bad_option", {},
                    "database pool size must be at least 1");
    }
    if (!std::all_of(options.search_path.begin(), options.search_path.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == ',' || c == ' ';
        })) {
        return fail(ErrorCode::InvalidInput, "storage.error.bad_option", {},
                    "search_path must be a list of plain identifiers");
    }
    if (parsed->dialect == Dialect::Sqlite) {
        const auto parent = std::filesystem::path(parsed->target).parent_path();
        std::error_code ec;
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
        if (ec) {
            return fail(ErrorCode::Unavailable, "storage.error.unavailable", {},
                        "cannot create " + parent.string() + ": " + ec.message());
        }
    }
    std::unique_ptr<Database> db(new Database(parsed->dialect, parsed->target, std::move(options)));
    try {
        const Lease lease = db->acquire(db->options_.acquire_timeout);
        db->release(lease.slot, false);
    } catch (const DatabaseError& e) {
        return fail(ErrorCode::Unavailable, "storage.error.unavailable", {}, e.what());
    }
    spdlog::debug("storage: opened {} database (pool of {})", to_string(db->dialect_),
                  db->options_.pool_size);
    return db;
}

Database::Lease Database::acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(pool_->mu);
    auto& slots = pool_->slots;
    auto& stats = pool_->stats;
    ++stats.acquisitions;
    auto find_free = [&] {
        return std::find_if(slots.begin(), slots.end(),
                            [](const Pool::Slot& s) { return !s.busy; });
    };
    auto it = find_free();
    if (it == slots.end()) {
        ++stats.waits;
        const auto start = std::chrono::steady_clock::now();
        const bool got = pool_->freed.wait_for(lock, timeout, [&] {
            it = find_free();
            return it != slots.end();
        });
        stats.wait_time += std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start);
        if (!got) {
            ++stats.timeouts;
            throw DatabaseError(ErrorCode::Unavailable, "no free database connection within " +
                                                            std::to_string(timeout.count()) +
                                                            " ms (pool size " +
                                                            std::to_string(slots.size()) + ")");
        }
    }
    it->busy = true;
    ++stats.in_use;
    const std::size_t slot = static_cast<std::size_t>(it - slots.begin());
    if (it->session) return Lease{slot, it->session.get(), it->statements.get()};

    // Connect outside the lock: the slot is ours, and a slow server must not stall others.
    lock.unlock();
    std::unique_ptr<soci::session> session;
    try {
        session = native::connect(dialect_, target_, options_);
    } catch (const std::exception& e) {
        release(slot, true);
        throw DatabaseError(ErrorCode::Unavailable,
                            std::string("cannot connect to the database: ") + e.what());
    }
    auto statements = options_.statement_cache == 0
                          ? nullptr
                          : std::make_unique<StatementCache>(options_.statement_cache);
    lock.lock();
    slots[slot].session = std::move(session);
    slots[slot].statements = std::move(statements);
    ++stats.open;
    return Lease{slot, slots[slot].session.get(), slots[slot].statements.get()};
}

void Database::release(std::size_t slot, bool broken) noexcept {
    std::unique_ptr<soci::session> discarded;
    std::unique_ptr<StatementCache> discarded_statements;
    {
        std::lock_guard lock(pool_->mu);
        auto& s = pool_->slots[slot];
        if (broken && s.session) {
            discarded_statements = std::move(s.statements);
            discarded = std::move(s.session);
            --pool_->stats.open;
        }
        s.busy = false;
        --pool_->stats.in_use;
    }
    pool_->freed.notify_one();
    try {
        discarded_statements.reset();  // finalised while their connection still exists
        discarded.reset();
    } catch (...) {  // closing a dead connection may complain; it is gone either way
    }
}

Transaction Database::begin(Access access) {
    return Transaction(*this, acquire(options_.acquire_timeout), access);
}

bool Database::ping() noexcept {
    try {
        const Lease lease =
            acquire(std::min(options_.acquire_timeout, std::chrono::milliseconds(2000)));
        bool ok = false;
        try {
            before_statement("SELECT 1");  // a test can make the database look unreachable
            int one = 0;
            *lease.session << "SELECT 1", soci::into(one);
            ok = one == 1;
        } catch (...) {
            release(lease.slot, true);
            return false;
        }
        release(lease.slot, false);
        return ok;
    } catch (...) {
        return false;
    }
}

PoolStats Database::pool_stats() const {
    std::lock_guard lock(pool_->mu);
    return pool_->stats;
}

std::size_t Database::size() const { return options_.pool_size; }

std::size_t Database::cached_statements() const {
    std::lock_guard lock(pool_->mu);
    std::size_t n = 0;
    // Idle connections only: a lent-out connection's cache is its transaction's to change.
    for (const auto& s : pool_->slots)
        if (s.statements && !s.busy) n += s.statements->size();
    return n;
}

std::size_t Database::in_use() const {
    std::lock_guard lock(pool_->mu);
    return pool_->stats.in_use;
}

Status Database::backup_to(const std::filesystem::path& path) {
    if (dialect_ != Dialect::Sqlite) {
        return fail(ErrorCode::InvalidInput, "storage.error.backup_unsupported", {},
                    "online backup is for SQLite; back up PostgreSQL with pg_dump");
    }
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (std::filesystem::exists(path, ec)) {
        return fail(ErrorCode::Conflict, "storage.error.backup_exists", {},
                    path.string() + " already exists");
    }
    const Lease lease = acquire(options_.acquire_timeout);
    Status status;
    try {
        status = native::sqlite_backup(*lease.session, path);
    } catch (...) {
        release(lease.slot, false);
        throw;
    }
    release(lease.slot, false);
    return status;
}

void Database::inject_fault(FaultPlan plan) {
    std::lock_guard lock(pool_->fault_mu);
    pool_->fault = std::move(plan);
    pool_->fault_seen = 0;
    pool_->fault_armed.store(true, std::memory_order_release);
}

void Database::clear_fault() {
    std::lock_guard lock(pool_->fault_mu);
    pool_->fault.reset();
    pool_->fault_armed.store(false, std::memory_order_release);
}

void Database::before_statement(std::string_view sql) {
    if (!pool_->fault_armed.load(std::memory_order_acquire)) return;
    std::lock_guard lock(pool_->fault_mu);
    if (!pool_->fault) return;
    if (!pool_->fault->sql_contains.empty() &&
        sql.find(pool_->fault->sql_contains) == std::string_view::npos) {
        return;
    }
    if (++pool_->fault_seen < pool_->fault->nth) return;
    pool_->fault.reset();
    pool_->fault_armed.store(false, std::memory_order_release);
    throw InjectedFault(std::string(sql));
}

}  // namespace danchu::storage
