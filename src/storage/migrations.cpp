#include "storage/migrations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "storage/transaction.hpp"

namespace danchu::storage {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL,"
    " PRIMARY KEY (module, version))";

std::string four_digits(int version) {
    std::string s = std::to_string(version);
    if (s.size() < 4) s.insert(0, 4 - s.size(), '0');
    return s;
}

Error bad_file(std::string_view path, std::string_view why) {
    return fail(ErrorCode::InvalidInput, "storage.error.bad_migration", {},
                std::string(path) + ": " + std::string(why));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string Migration::sql_for(Dialect dialect) const {
    const auto& override_sql = dialect == Dialect::Sqlite ? sqlite_sql : postgres_sql;
    if (override_sql) return *override_sql;
    if (!portable_sql) return {};
    std::string sql = *portable_sql;
    if (dialect == Dialect::Postgres) {
        constexpr std::string_view kFrom = "INTEGER PRIMARY KEY";
        constexpr std::string_view kTo = "BIGSERIAL PRIMARY KEY";
        for (auto pos = sql.find(kFrom); pos != std::string::npos;
             pos = sql.find(kFrom, pos + kTo.size()))
            sql.replace(pos, kFrom.size(), kTo);
    }
    return sql;
}

std::string Migration::label() const { return module + "/" + four_digits(version) + "_" + name; }

Result<std::vector<Migration>> migrations_from_files(std::span<const EmbeddedFile> files) {
    constexpr std::string_view kDir = "/migrations/";
    std::vector<Migration> out;
    std::map<std::pair<std::string, int>, std::size_t> index;
    for (const auto& file : files) {
        const std::string_view path = file.path;
        if (!path.ends_with(".sql")) continue;
        // "identity/migrations/0001_x.sql" or "modules/cases/migrations/0001_x.sql".
        const std::string with_root = "/" + std::string(path);
        const auto dir = with_root.rfind(kDir);
        if (dir == std::string::npos) continue;
        const std::string parent = with_root.substr(0, dir);
        const std::string module = parent.substr(parent.rfind('/') + 1);
        std::string_view base = std::string_view(with_root).substr(dir + kDir.size());
        if (module.empty()) return bad_file(path, "no module folder before migrations/");
        if (base.find('/') != std::string_view::npos) continue;  // a subfolder: not ours

        base.remove_suffix(4);  // ".sql"
        enum class Kind { Portable, Sqlite, Postgres } kind = Kind::Portable;
        if (base.ends_with(".pg")) {
            kind = Kind::Postgres;
            base.remove_suffix(3);
        } else if (base.ends_with(".sqlite")) {
            kind = Kind::Sqlite;
            base.remove_suffix(7);
        }
        const auto underscore = base.find('_');
        int version = 0;
        if (underscore == std::string_view::npos || underscore == 0) {
            return bad_file(path, "expected NNNN_name.sql");
        }
        const auto [end, ec] = std::from_chars(base.data(), base.data() + underscore, version);
        if (ec != std::errc{} || end != base.data() + underscore || version <= 0) {
            return bad_file(path, "expected a positive version number before '_'");
        }
        const std::string name(base.substr(underscore + 1));
        if (name.empty() || name.find('.') != std::string::npos) {
            return bad_file(path,
                            "expected NNNN_name.sql, NNNN_name.pg.sql or NNNN_name.sqlite.sql");
        }

        const auto key = std::make_pair(module, version);
        auto [it, inserted] = index.try_emplace(key, out.size());
        if (inserted) out.push_back(Migration{module, version, name});
        Migration& m = out[it->second];
        if (m.name != name) {
            return bad_file(path,
                            "version " + std::to_string(version) + " is already '" + m.name + "'");
        }
        auto& slot = kind == Kind::Portable ? m.portable_sql
                     : kind == Kind::Sqlite ? m.sqlite_sql
                                            : m.postgres_sql;
        if (slot) return bad_file(path, "given twice");
        slot = std::string(file.content);
    }
    for (const auto& m : out) {
        if (!m.portable_sql && !(m.sqlite_sql && m.postgres_sql)) {
            return fail(ErrorCode::InvalidInput, "storage.error.bad_migration", {},
                        m.label() + ": no portable .sql file and not both .pg.sql and .sqlite.sql");
        }
    }
    // Stable: modules keep the order they first appeared in; versions ascend within each.
    std::vector<std::string> module_order;
    for (const auto& m : out) {
        if (std::find(module_order.begin(), module_order.end(), m.module) == module_order.end()) {
            module_order.push_back(m.module);
        }
    }
    std::stable_sort(out.begin(), out.end(), [&](const Migration& a, const Migration& b) {
        const auto ra = std::find(module_order.begin(), module_order.end(), a.module);
        const auto rb = std::find(module_order.begin(), module_order.end(), b.module);
        return std::tie(ra, a.version) < std::tie(rb, b.version);
    });
    return out;
}

std::vector<std::string> split_statements(std::string_view sql) {
    std::vector<std::string> out;
    std::string current;
    bool has_code = false;
    auto flush = [&] {
        if (has_code) {
            auto first = current.find_first_not_of(" \t\r\n\f");
            auto last = current.find_last_not_of(" \t\r\n\f");
            out.push_back(current.substr(first, last - first + 1));
        }
        current.clear();
        has_code = false;
    };
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
        if (c == '-' && next == '-') {  // line comment: dropped
            while (i < sql.size() && sql[i] != '\n') ++i;
            current += '\n';
            continue;
        }
        if (c == '/' && next == '*') {  // block comment: dropped
            const auto close = sql.find("*/", i + 2);
            i = close == std::string_view::npos ? sql.size() : close + 1;
            current += ' ';
            continue;
        }
        if (c == '\'' || c == '"') {  // string or quoted identifier; '' and "" escape
            const auto close = sql.find(c, i + 1);
            const auto end = close == std::string_view::npos ? sql.size() : close + 1;
            current.append(sql.substr(i, end - i));
            i = end - 1;
            has_code = true;
            continue;
        }
        if (c == ';') {
            flush();
            continue;
        }
        current += c;
        if (!is_space(c)) has_code = true;
    }
    flush();
    return out;
}

Status Migrator::add(std::vector<Migration> migrations) {
    for (const auto& m : migrations) {
        const bool known = std::any_of(
            migrations_.begin(), migrations_.end(),
            [&](const Migration& k) { return k.module == m.module && k.version == m.version; });
        if (known) {
            return fail(ErrorCode::InvalidInput, "storage.error.bad_migration", {},
                        m.label() + " registered twice");
        }
    }
    for (auto& m : migrations) migrations_.push_back(std::move(m));
    return {};
}

namespace {

// PostgreSQL: several nodes may run `danchu migrate` at once; this transaction-scoped lock
// makes them take turns (SQLite's BEGIN IMMEDIATE already does).
Status lock_migrations(Transaction& tx) {
    if (tx.dialect() != Dialect::Postgres) return {};
    auto locked = tx.exec("SELECT pg_advisory_xact_lock(7310431)");
    if (!locked) return locked.error();
    return {};
}

}  // namespace

Status Migrator::ensure_table() {
    auto tx = db_.begin(Access::Write);
    if (auto s = lock_migrations(tx); !s) return s.error();
    if (auto created = tx.exec(kCreateTable); !created) return created.error();
    return tx.commit();
}

Result<std::vector<Migration>> Migrator::pending() {
    if (auto s = ensure_table(); !s) return s.error();
    std::vector<std::tuple<std::string, int, std::string>> applied;
    {
        auto tx = db_.begin(Access::Read);
        applied = tx.rows<std::string, int, std::string>(
            "SELECT module, version, name FROM schema_migrations ORDER BY module, version");
        if (auto s = tx.commit(); !s) return s.error();
    }
    std::set<std::pair<std::string, int>> done;
    std::vector<std::string> unknown;
    for (const auto& [module, version, name] : applied) {
        done.emplace(module, version);
        const auto known = std::find_if(
            migrations_.begin(), migrations_.end(),
            [&](const Migration& m) { return m.module == module && m.version == version; });
        if (known == migrations_.end()) {
            unknown.push_back(module + "/" + four_digits(version) + "_" + name);
        } else if (known->name != name) {
            spdlog::warn("storage: migration {} was applied under the name '{}'", known->label(),
                         name);
        }
    }
    if (!unknown.empty()) {
        std::string list;
        for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
        return fail(
            ErrorCode::Conflict, "storage.error.schema_newer", {},
            "the database has migrations this binary does not know (" + list +
                "): it was migrated by a newer danchu; run that version or restore a backup");
    }
    std::vector<Migration> out;
    for (const auto& m : migrations_) {
        if (!done.contains({m.module, m.version})) out.push_back(m);
    }
    return out;
}

Result<std::vector<std::string>> Migrator::run(const Clock& clock) {
    auto todo = pending();
    if (!todo) return todo.error();
    std::vector<std::string> applied;
    for (const auto& m : *todo) {
        const auto statements = split_statements(m.sql_for(db_.dialect()));
        try {
            auto tx = db_.begin(Access::Write);
            if (auto s = lock_migrations(tx); !s) {
                return fail(ErrorCode::Internal, "storage.error.migration_failed", {},
                            m.label() + ": " + s.error().detail);
            }
            // Another process may have applied it since pending() looked.
            if (tx.scalar<std::int64_t>("SELECT COUNT(*) FROM schema_migrations WHERE module = "
                                        ":module AND version = :version",
                                        use(m.module, "module"), use(m.version, "version"))
                    .value_or(0) > 0) {
                continue;
            }
            for (const auto& sql : statements) {
                if (auto r = tx.exec(sql); !r) {
                    return fail(ErrorCode::Internal, "storage.error.migration_failed", {},
                                m.label() + ": " + r.error().detail);
                }
            }
            const long long now = unix_seconds(clock.now());
            auto recorded = tx.exec(
                "INSERT INTO schema_migrations (module, version, name, applied_at) "
                "VALUES (:module, :version, :name, :at)",
                use(m.module, "module"), use(m.version, "version"), use(m.name, "name"),
                use(now, "at"));
            if (!recorded) {
                return fail(ErrorCode::Internal, "storage.error.migration_failed", {},
                            m.label() + ": " + recorded.error().detail);
            }
            if (auto s = tx.commit(); !s) {
                return fail(ErrorCode::Internal, "storage.error.migration_failed", {},
                            m.label() + ": " + s.error().detail);
            }
        } catch (const DatabaseError& e) {
            return fail(ErrorCode::Internal, "storage.error.migration_failed", {},
                        m.label() + ": " + e.what());
        }
        spdlog::info("storage: applied migration {}", m.label());
        applied.push_back(m.label());
    }
    return applied;
}

}  // namespace danchu::storage
