#pragma once
// Public pages as rendered HTML, kept in memory and invalidated by version stamps.
//
// A page is stored with the version of the data it was rendered from; a lookup gives it
// back only while the caller's current version is the same, so a write that bumps the
// stamp makes every older copy invisible at once (and it is replaced on the next render).
// Only pages that are identical for every anonymous visitor in a language may be cached:
// no session, no CSRF token, no one-time message. Bounded by entry count and total bytes
// (config `web.page_cache_entries`, `web.page_cache_bytes`); when full, the oldest
// insertion goes first.

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace danchu::web {

class PageCache final {
  public:
    struct Limits {
        std::size_t max_entries = 10'000;
        std::size_t max_bytes = 64u * 1024 * 1024;
    };
    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };

    PageCache() : PageCache(Limits{}) {}
    explicit PageCache(Limits limits) : limits_(limits) {}

    // The page stored under `key` for exactly `version`, or null.
    [[nodiscard]] std::shared_ptr<const std::string> get(const std::string& key,
                                                         std::uint64_t version);
    // Stores (or replaces) the page. Pages larger than a tenth of the byte limit are not kept.
    void put(const std::string& key, std::uint64_t version, std::string html);
    void clear();
    [[nodiscard]] Stats stats() const;

  private:
    struct Entry {
        std::uint64_t version;
        std::shared_ptr<const std::string> html;
    };
    void evict_locked();

    Limits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::deque<std::string> order_;  // insertion order, for eviction
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0;
    std::uint64_t misses_ = 0;
};

}  // namespace danchu::web
