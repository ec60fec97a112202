#pragma once
// The configuration of `danchu serve` and the data commands. Sources, later ones winning:
// built-in defaults, the TOML file (`--config`, default `config/danchu.toml` when it exists),
// environment variables, then command-line options. Every key is documented with its
// default in config/danchu.example.toml; `danchu config` prints the effective values.
//
// Environment: DANCHU_DB (db.url), DANCHU_SERVER_KEY (server.key_hex), PORT (the port of
// server.listen), DANCHU_LISTEN (server.listen).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/server.hpp"
#include "identity/api.hpp"
#include "identity/web_context.hpp"
#include "modules/cases/api.hpp"
#include "modules/disclosures/api.hpp"
#include "storage/database.hpp"
#include "web/page_cache.hpp"

namespace danchu::app {

struct Config {
    std::string db_url = "sqlite:data/danchu.db";        // db.url
    storage::Options db;                                 // db.pool_size, db.busy_timeout_ms, …
    http::ServerOptions http;                            // server.listen, http.*
    std::filesystem::path static_dir = "static";         // server.static_dir
    std::chrono::seconds static_max_age{3600};           // http.static_max_age_seconds
    std::filesystem::path key_file = "data/server.key";  // server.key_file
    std::string key_hex;                                 // server.key_hex (multi-node)
    identity::IdentityConfig identity;                   // identity.*
    identity::WebConfig web;                             // web.*, http.secure_cookies
    web::PageCache::Limits page_cache;           // web.page_cache_entries, web.page_cache_bytes
    std::chrono::milliseconds stamp_ttl{1000};   // web.stamp_ttl_ms
    std::string log_level = "info";              // log.level
    cases::CasesConfig cases;                    // cases.*
    disclosures::DisclosuresConfig disclosures;  // disclosures.*
};

// Reads the TOML file at `path` (nullopt: config/danchu.toml if present) and the environment.
// InvalidInput names the file, the key and what is wrong.
[[nodiscard]] Result<Config> load_config(const std::optional<std::filesystem::path>& path);

// "127.0.0.1:8080" → address and port into `http`. InvalidInput on a malformed value.
[[nodiscard]] Status apply_listen(Config& config, std::string_view listen);

// The effective configuration as TOML (secrets elided).
[[nodiscard]] std::string describe(const Config& config);

}  // namespace danchu::app
