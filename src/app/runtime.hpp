#pragma once
// What every data command opens: configuration, the database, the clock, the server key
// and the identity services. `app/` is the only code that knows every module; the order in
// `all_migrations` is the order modules are migrated.

#include <memory>
#include <optional>

#include "app/config.hpp"
#include "identity/api.hpp"
#include "storage/migrations.hpp"

namespace danchu::app {

struct Runtime {
    Config config;
    std::unique_ptr<storage::Database> owned_db;  // empty when a test lends its database
    storage::Database* db = nullptr;
    SystemClock clock;
    std::unique_ptr<identity::PasswordHasher> hasher;
    std::optional<identity::ServerKey> server_key;
    std::unique_ptr<identity::IdentityServices> identity;
};

// Opens the database named by `config.db_url` and reads (or, on first start, creates) the
// server key.
[[nodiscard]] Result<std::unique_ptr<Runtime>> open_runtime(Config config);
// The same around a database the caller owns (tests), with the given server key.
[[nodiscard]] std::unique_ptr<Runtime> runtime_for(Config config, storage::Database& db,
                                                   const identity::ServerKey& key);

// Every module's migrations, in module order.
[[nodiscard]] Result<std::vector<storage::Migration>> all_migrations();

// Applies pending migrations; returns the labels applied.
[[nodiscard]] Result<std::vector<std::string>> migrate(storage::Database& db, const Clock& clock);

}  // namespace danchu::app
