#include "web/page_cache.hpp"

namespace danchu::web {

std::shared_ptr<const std::string> PageCache::get(const std::string& key, std::uint64_t version) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.version != version) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    return it->second.html;
}

void PageCache::put(const std::string& key, std::uint64_t version, std::string html) {
    if (html.size() > limits_.max_bytes / 10) return;
    auto shared = std::make_shared<const std::string>(std::move(html));
    std::lock_guard lock(mutex_);
    auto [it, inserted] = entries_.try_emplace(key, Entry{version, shared});
    if (!inserted) {
        bytes_ -= it->second.html->size();
        it->second = Entry{version, shared};
    } else {
        order_.push_back(key);
    }
    bytes_ += shared->size();
    evict_locked();
}

void PageCache::evict_locked() {
    while ((entries_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) &&
           !order_.empty()) {
        auto it = entries_.find(order_.front());
        order_.pop_front();
        if (it == entries_.end()) continue;
        bytes_ -= it->second.html->size();
        entries_.erase(it);
    }
}

void PageCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    order_.clear();
    bytes_ = 0;
}

PageCache::Stats PageCache::stats() const {
    std::lock_guard lock(mutex_);
    return Stats{hits_, misses_, entries_.size(), bytes_};
}

}  // namespace danchu::web
