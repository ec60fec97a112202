#pragma once
// The statements one pooled connection keeps prepared between transactions, most recently
// used first, at most `capacity` of them. Private to storage: Database owns one per
// connection (destroyed before the connection it refers to) and Transaction looks its SQL
// up here before asking the server or SQLite to parse it again.
//
// SOCI binds variables by reference; a cached statement must therefore never keep the
// previous caller's binds. Transaction binds before each use and calls bind_clean_up()
// after it, so a statement at rest in the cache refers to no variable.

#include <soci/soci.h>

#include <cstddef>
#include <iterator>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace danchu::storage {

class StatementCache {
  public:
    // One kept statement. `busy` while a call is using it: a query run from inside another's
    // row callback with the same SQL text (a tree walk) gets a statement of its own instead.
    struct Entry {
        std::string sql;
        // Held by pointer: SOCI 4.0's statement copy constructor leaves a flag uninitialised
        // that its assignment then reads, so statements are never copied.
        std::shared_ptr<soci::statement> st;
        bool busy = false;
    };

    explicit StatementCache(std::size_t capacity) : capacity_(capacity) {}
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache() { clear(); }

    [[nodiscard]] std::size_t capacity() const { return capacity_; }
    [[nodiscard]] std::size_t size() const { return lru_.size(); }

    // The statement prepared for exactly this SQL text, or nullptr. A hit becomes the most
    // recently used.
    Entry* find(std::string_view sql) {
        const auto it = index_.find(sql);
        if (it == index_.end()) return nullptr;
        lru_.splice(lru_.begin(), lru_, it->second);
        return &*it->second;
    }

    // Keeps `st` for `sql`, finalising the least recently used idle statement when full;
    // nullptr (nothing kept) when every kept statement is busy.
    Entry* insert(std::string sql, std::shared_ptr<soci::statement> st) {
        if (lru_.size() >= capacity_) {
            auto victim = lru_.end();
            for (auto it = lru_.end(); it != lru_.begin();) {
                --it;
                if (!it->busy) {
                    victim = it;
                    break;
                }
            }
            if (victim == lru_.end()) return nullptr;
            evict(victim);
        }
        lru_.push_front(Entry{std::move(sql), std::move(st), false});
        index_.emplace(std::string_view(lru_.front().sql), lru_.begin());
        return &lru_.front();
    }

    // Drops the statement for `sql` (after it failed: its state is not to be trusted).
    void erase(std::string_view sql) noexcept {
        const auto it = index_.find(sql);
        if (it != index_.end()) evict(it->second);
    }

    void clear() noexcept {
        while (!lru_.empty()) evict(lru_.begin());
    }

  private:
    void evict(std::list<Entry>::iterator it) noexcept {
        index_.erase(std::string_view(it->sql));
        try {
            it->st->clean_up();
        } catch (...) {  // a statement of a dead connection may fail to finalise; it is gone
        }
        lru_.erase(it);
    }

    std::size_t capacity_;
    std::list<Entry> lru_;
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

}  // namespace danchu::storage
