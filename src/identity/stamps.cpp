#include "identity/stamps.hpp"

#include "identity/store.hpp"

namespace danchu::identity {

Status bump_stamp(storage::Transaction& tx, const std::string& scope) {
    auto n = store::bump_stamp(tx, scope);
    if (!n) return n.error();
    return {};
}

VersionStamps::VersionStamps(storage::Database& db, const Clock& clock,
                             std::chrono::milliseconds ttl)
    : db_(db), clock_(clock), ttl_(ttl) {}

std::optional<std::uint64_t> VersionStamps::fresh(const std::string& scope) const {
    std::lock_guard lock(mutex_);
    auto it = seen_.find(scope);
    if (it == seen_.end() || clock_.now() - it->second.at >= ttl_) return std::nullopt;
    return it->second.version;
}

std::uint64_t VersionStamps::current(const std::string& scope) {
    if (auto v = fresh(scope)) return *v;
    std::uint64_t version = 0;
    {
        auto tx = db_.begin(storage::Access::Read);
        version = store::read_stamp(tx, scope);
    }
    std::lock_guard lock(mutex_);
    seen_[scope] = Seen{version, clock_.now()};
    return version;
}

void VersionStamps::forget(const std::string& scope) {
    std::lock_guard lock(mutex_);
    seen_.erase(scope);
}

}  // namespace danchu::identity
