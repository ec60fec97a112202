#include "storage/native.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string_view>

#include "storage/fulltext.hpp"

namespace danchu::storage::native {
namespace {

using sqlite_api::sqlite3;

sqlite3* sqlite_handle(soci::session& s) {
    return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

PGconn* pg_handle(soci::session& s) {
    return static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// SOCI's SQLite backend splits its connection string on spaces and '='; a path with those
// would be cut, and there is no escape for '"'.
std::string sqlite_connect_string(const std::string& path) {
    if (path.find_first_of(" =\"") == std::string::npos) return "db=" + path;
    if (path.find('"') != std::string::npos || path.find('=') != std::string::npos) {
        throw soci::soci_error("SQLite path must not contain '\"' or '=': " + path);
    }
    return "db=\"" + path + "\"";
}

// SOCI 4.0's PostgreSQL backend reads its own options out of the connection string and
// mangles URIs on the way, so a URI is turned into libpq's keyword='value' form first.
std::string postgres_conninfo(const std::string& uri) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
    if (options == nullptr) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        throw soci::soci_error("bad PostgreSQL URL: " + why);
    }
    std::string out;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) continue;
        if (!out.empty()) out += ' ';
        out += o->keyword;
        out += "='";
        for (const char* c = o->val; *c != '\0'; ++c) {
            if (*c == '\\' || *c == '\'') out += '\\';
            out += *c;
        }
        out += '\'';
    }
    PQconninfoFree(options);
    return out;
}

}  // namespace

std::unique_ptr<soci::session> connect(Dialect dialect, const std::string& target,
                                       const Options& options) {
    auto s = std::make_unique<soci::session>();
    if (dialect == Dialect::Sqlite) {
        s->open(*soci::factory_sqlite3(), sqlite_connect_string(target));
        // busy_timeout first: switching to WAL needs a lock another connection may hold.
        *s << "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout.count());
        std::string mode;
        *s << "PRAGMA journal_mode = WAL", soci::into(mode);
        if (mode != "wal") {
            throw soci::soci_error("SQLite refused WAL journal mode (got '" + mode + "')");
        }
        // FULL: a committed write that starts a legal clock (a filed complaint, a posted
        // disclosure) must survive a power cut.
        *s << "PRAGMA synchronous = FULL";
        *s << "PRAGMA foreign_keys = ON";
        // Full-text indexes name the `danchu` tokenizer; every connection must know it.
        if (int rc = fulltext::native_hook::register_sqlite_tokenizer(sqlite_handle(*s));
            rc != SQLITE_OK) {
            throw soci::soci_error("SQLite: cannot register the FTS5 tokenizer (" +
                                   std::to_string(rc) + ")");
        }
    } else {
        s->open(*soci::factory_postgresql(), postgres_conninfo(target));
        *s << "SET client_encoding TO 'UTF8'";
        // NOTICEs ("relation already exists, skipping") would go to stderr through libpq.
        *s << "SET client_min_messages TO WARNING";
        if (!options.search_path.empty()) *s << "SET search_path TO " + options.search_path;
    }
    return s;
}

Violation classify(const soci::soci_error& e, soci::session& s, Dialect dialect) {
    if (dialect == Dialect::Postgres) {
        if (const auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
            const std::string state = pe->sqlstate();
            if (state == "23505") return Violation::Unique;      // unique_violation
            if (state == "23503") return Violation::ForeignKey;  // foreign_key_violation
        }
        return Violation::None;
    }
    const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
    if (se != nullptr && (se->result() & 0xff) != SQLITE_CONSTRAINT) return Violation::None;
    switch (sqlite_api::sqlite3_extended_errcode(sqlite_handle(s))) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return Violation::Unique;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return Violation::ForeignKey;
        default:
            break;
    }
    // The connection's last error may already have been replaced (SOCI resets the statement
    // before throwing); SQLite's messages are stable, so fall back on them.
    const std::string message = e.get_error_message();
    if (contains(message, "UNIQUE constraint failed")) return Violation::Unique;
    if (contains(message, "FOREIGN KEY constraint failed")) return Violation::ForeignKey;
    return Violation::None;
}

bool connection_lost(const soci::soci_error& e, soci::session& s, Dialect dialect) {
    if (dialect == Dialect::Sqlite) return false;
    if (e.get_error_category() == soci::soci_error::connection_error) return true;
    PGconn* conn = pg_handle(s);
    return conn == nullptr || PQstatus(conn) != CONNECTION_OK;
}

ErrorCode error_code(const soci::soci_error& e, soci::session& s, Dialect dialect) {
    if (connection_lost(e, s, dialect)) return ErrorCode::Unavailable;
    if (dialect == Dialect::Sqlite) {
        if (const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
            switch (se->result() & 0xff) {
                case SQLITE_BUSY:
                case SQLITE_LOCKED:
                case SQLITE_FULL:
                case SQLITE_IOERR:
                case SQLITE_CANTOPEN:
                    return ErrorCode::Unavailable;
                default:
                    break;
            }
        }
        const std::string message = e.get_error_message();
        if (contains(message, "database is locked")) return ErrorCode::Unavailable;
    }
    return ErrorCode::Internal;
}

Status sqlite_backup(soci::session& s, const std::filesystem::path& destination) {
    using namespace sqlite_api;
    sqlite3* dst = nullptr;
    int rc = sqlite3_open_v2(destination.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string why = dst != nullptr ? sqlite3_errmsg(dst) : sqlite3_errstr(rc);
        sqlite3_close(dst);
        return fail(ErrorCode::Unavailable, "storage.error.backup_failed", {},
                    destination.string() + ": " + why);
    }
    sqlite3_backup* backup = sqlite3_backup_init(dst, "main", sqlite_handle(s), "main");
    if (backup == nullptr) {
        std::string why = sqlite3_errmsg(dst);
        sqlite3_close(dst);
        return fail(ErrorCode::Unavailable, "storage.error.backup_failed", {}, why);
    }
    // All pages in one step: in WAL mode that is one read transaction, which does not block
    // writers, and it cannot be restarted over and over by a busy writer the way small steps
    // can.
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    const int final_rc = sqlite3_errcode(dst);
    std::string why = sqlite3_errmsg(dst);
    sqlite3_close(dst);
    if (rc != SQLITE_DONE || final_rc != SQLITE_OK) {
        return fail(ErrorCode::Unavailable, "storage.error.backup_failed", {},
                    destination.string() + ": " + why);
    }
    return {};
}

}  // namespace danchu::storage::native
