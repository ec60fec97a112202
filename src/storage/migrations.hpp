#pragma once
// Schema migrations. Each module keeps numbered SQL files in its `migrations/` folder,
// compiled into the binary with danchu_embed_files:
//
//     identity/migrations/0001_init.sql         portable SQL, used by both dialects
//     identity/migrations/0001_init.pg.sql      optional: replaces it on PostgreSQL
//     identity/migrations/0001_init.sqlite.sql  optional: replaces it on SQLite
//
// Write the portable file whenever possible; override only where the dialects differ beyond
// the key column: `id INTEGER PRIMARY KEY` (SQLite's rowid alias) becomes
// `id BIGSERIAL PRIMARY KEY` on PostgreSQL without an override. A file may hold several statements
// separated by `;`; they are split outside quotes and comments, so no procedural SQL (no $$ bodies,
// no triggers with BEGIN...END). Statements PostgreSQL refuses inside a transaction (CREATE INDEX
// CONCURRENTLY) are not supported.
//
// The Migrator records what it applied in schema_migrations(module, version, name,
// applied_at) and applies each pending migration in its own transaction, together with its
// schema_migrations row, so a failed migration leaves no trace. It refuses to run when the
// database holds a migration this binary does not know (a newer binary migrated it).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/embedded.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace danchu::storage {

struct Migration {
    std::string module;  // "identity"
    int version = 0;     // 1 for 0001_init.sql
    std::string name;    // "init"
    std::optional<std::string> portable_sql;
    std::optional<std::string> sqlite_sql;
    std::optional<std::string> postgres_sql;

    // The SQL to run on `dialect`: its override if there is one, else the portable file —
    // on PostgreSQL with `INTEGER PRIMARY KEY` read as `BIGSERIAL PRIMARY KEY`, the one
    // difference most tables have, so that it needs no override file.
    [[nodiscard]] std::string sql_for(Dialect dialect) const;
    // "identity/0001_init", for messages.
    [[nodiscard]] std::string label() const;
};

// Builds migrations from files whose path has the form `.../<module>/migrations/NNNN_name.sql`
// (with optional `.pg.sql` / `.sqlite.sql` overrides); other files are ignored. Result:
// grouped by module in order of first appearance, versions ascending. InvalidInput for a
// malformed file name, a version given twice under different names, or a migration with no
// SQL for one of the dialects.
[[nodiscard]] Result<std::vector<Migration>> migrations_from_files(
    std::span<const EmbeddedFile> files);

// Splits a file into statements at `;` outside quotes, quoted identifiers and comments.
// Chunks holding only whitespace and comments are dropped.
[[nodiscard]] std::vector<std::string> split_statements(std::string_view sql);

class Migrator {
  public:
    explicit Migrator(Database& db) : db_(db) {}

    // Registers a module's migrations; modules are migrated in the order they were added.
    // InvalidInput if a (module, version) was already added.
    [[nodiscard]] Status add(std::vector<Migration> migrations);

    // Migrations not yet applied, in the order run() would apply them. Conflict when the
    // database holds a migration this binary does not know.
    [[nodiscard]] Result<std::vector<Migration>> pending();

    // Applies every pending migration; returns their labels. On the first failure stops and
    // returns Internal (storage.error.migration_failed) naming the migration; what was
    // applied before it stays applied.
    [[nodiscard]] Result<std::vector<std::string>> run(const Clock& clock);

  private:
    Status ensure_table();

    Database& db_;
    std::vector<Migration> migrations_;
};

}  // namespace danchu::storage
