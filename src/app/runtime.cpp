#include "app/runtime.hpp"

#include "app/modules.hpp"

namespace danchu::app {

Result<std::vector<storage::Migration>> all_migrations() {
    std::vector<storage::Migration> out;
    for (auto files : all_embedded_files()) {
        auto ms = storage::migrations_from_files(files);
        if (!ms) return ms.error();
        out.insert(out.end(), ms->begin(), ms->end());
    }
    return out;
}

Result<std::vector<std::string>> migrate(storage::Database& db, const Clock& clock) {
    auto ms = all_migrations();
    if (!ms) return ms.error();
    storage::Migrator migrator(db);
    if (auto st = migrator.add(std::move(*ms)); !st) return st.error();
    return migrator.run(clock);
}

Result<std::unique_ptr<Runtime>> open_runtime(Config config) {
    auto rt = std::make_unique<Runtime>();
    rt->config = std::move(config);
    auto db = storage::Database::open(rt->config.db_url, rt->config.db);
    if (!db) return db.error();
    rt->owned_db = std::move(*db);
    rt->db = rt->owned_db.get();
    rt->hasher = std::make_unique<identity::PasswordHasher>(rt->config.identity.password);
    auto key = rt->config.key_hex.empty() ? identity::ServerKey::load_or_create(rt->config.key_file)
                                          : identity::ServerKey::from_hex(rt->config.key_hex);
    if (!key) return key.error();
    rt->server_key = *key;
    rt->identity = std::make_unique<identity::IdentityServices>(identity::IdentityServices{
        *rt->db, rt->clock, *rt->hasher, *rt->server_key, rt->config.identity});
    return rt;
}

std::unique_ptr<Runtime> runtime_for(Config config, storage::Database& db,
                                     const identity::ServerKey& key) {
    auto rt = std::make_unique<Runtime>();
    rt->config = std::move(config);
    rt->db = &db;
    rt->hasher = std::make_unique<identity::PasswordHasher>(rt->config.identity.password);
    rt->server_key = key;
    rt->identity = std::make_unique<identity::IdentityServices>(identity::IdentityServices{
        *rt->db, rt->clock, *rt->hasher, *rt->server_key, rt->config.identity});
    return rt;
}

}  // namespace danchu::app
