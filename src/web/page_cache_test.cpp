#include "web/page_cache.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace danchu::web {
namespace {

TEST(PageCache, GivesBackOnlyTheVersionItWasRenderedFrom) {
    PageCache cache;
    cache.put("vi /o/x", 3, "<p>v3</p>");
    auto hit = cache.get("vi /o/x", 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(*hit, "<p>v3</p>");
    EXPECT_FALSE(cache.get("vi /o/x", 4)) << "a bumped stamp hides the old copy";
    EXPECT_FALSE(cache.get("en /o/x", 3)) << "languages are separate pages";
    cache.put("vi /o/x", 4, "<p>v4</p>");
    EXPECT_EQ(*cache.get("vi /o/x", 4), "<p>v4</p>");
    EXPECT_EQ(cache.stats().entries, 1u);
    EXPECT_EQ(cache.stats().hits, 2u);
    EXPECT_EQ(cache.stats().misses, 2u);
}

TEST(PageCache, EvictsOldestBeyondEntryAndByteLimits) {
    PageCache cache({.max_entries = 2, .max_bytes = 1000});
    cache.put("a", 1, "1");
    cache.put("b", 1, "2");
    cache.put("c", 1, "3");
    EXPECT_FALSE(cache.get("a", 1));
    EXPECT_TRUE(cache.get("b", 1));
    EXPECT_TRUE(cache.get("c", 1));
    PageCache small({.max_entries = 100, .max_bytes = 1000});
    small.put("big", 1, std::string(200, 'x'));  // over a tenth of the limit: not kept
    EXPECT_FALSE(small.get("big", 1));
    for (int i = 0; i < 20; ++i) small.put("k" + std::to_string(i), 1, std::string(90, 'y'));
    EXPECT_LE(small.stats().bytes, 1000u);
}

TEST(PageCache, ConcurrentReadersAndWritersAgree) {
    PageCache cache;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::string key = "k" + std::to_string(i % 50);
                cache.put(key, static_cast<std::uint64_t>(t), "page " + key);
                if (auto p = cache.get(key, static_cast<std::uint64_t>(t))) {
                    EXPECT_EQ(*p, "page " + key);
                }
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(cache.stats().entries, 50u);
}

}  // namespace
}  // namespace danchu::web
