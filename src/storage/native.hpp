#pragma once
// The few places where the storage layer must look past SOCI at the backend itself:
// opening a connection with our settings, telling a constraint violation from other
// failures, noticing a dead connection, and SQLite's online backup. Kept in one file so
// the SQLite and libpq headers stay out of every other translation unit. Internal to
// src/storage.

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace soci {
class session;
class soci_error;
}  // namespace soci

namespace danchu::storage::native {

// A new connection with the per-connection settings applied (SQLite pragmas; PostgreSQL
// encoding and search_path). Throws soci::soci_error.
std::unique_ptr<soci::session> connect(Dialect dialect, const std::string& target,
                                       const Options& options);

enum class Violation { None, Unique, ForeignKey };

// Called inside a catch block for `e`, before anything else runs on `s`.
[[nodiscard]] Violation classify(const soci::soci_error& e, soci::session& s, Dialect dialect);

// Whether `s` can still be used after `e` (false: discard the connection).
[[nodiscard]] bool connection_lost(const soci::soci_error& e, soci::session& s, Dialect dialect);

// Unavailable for a lost connection, a busy or locked database, a full disk or an I/O
// error; Internal for the rest (bad SQL, type mismatch: bugs).
[[nodiscard]] ErrorCode error_code(const soci::soci_error& e, soci::session& s, Dialect dialect);

[[nodiscard]] Status sqlite_backup(soci::session& s, const std::filesystem::path& destination);

}  // namespace danchu::storage::native
