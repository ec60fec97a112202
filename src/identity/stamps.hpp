#pragma once
// Version stamps for caches of public pages. Writers bump a scope's stamp in the same
// transaction as the change (`bump_stamp`), so the stamp and the data never disagree; a
// reader compares the stamp with the one a cached page was rendered from.
//
// Stamps live in the database so that every node of a multi-node deployment sees every
// bump. Each node keeps the last value it read for at most `ttl` (config
// `web.stamp_ttl_ms`): a bump on this node is seen at once (`forget` after commit), a
// bump on another node within the TTL.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/transaction.hpp"

namespace danchu::identity {

// Increments `scope`'s stamp (creating it) inside the caller's write transaction.
[[nodiscard]] Status bump_stamp(storage::Transaction& tx, const std::string& scope);

class VersionStamps final {
  public:
    VersionStamps(storage::Database& db, const Clock& clock, std::chrono::milliseconds ttl);

    // The stamp if read within the TTL, without touching the database (safe on I/O threads).
    [[nodiscard]] std::optional<std::uint64_t> fresh(const std::string& scope) const;
    // The stamp, read from the database when the remembered value is older than the TTL.
    [[nodiscard]] std::uint64_t current(const std::string& scope);
    // Drops the remembered value, after this node committed a bump.
    void forget(const std::string& scope);

  private:
    struct Seen {
        std::uint64_t version;
        TimePoint at;
    };
    storage::Database& db_;
    const Clock& clock_;
    std::chrono::milliseconds ttl_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Seen> seen_;
};

}  // namespace danchu::identity
