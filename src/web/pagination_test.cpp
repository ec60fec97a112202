#include "web/pagination.hpp"

#include <gtest/gtest.h>

namespace danchu::web {
namespace {

TEST(Pagination, CursorRoundTripsAnyBytes) {
    for (std::string key : {std::string(""), std::string("a"), std::string("Nguyễn Văn A\x01\xff"),
                            std::string("2021-11-04|42")}) {
        auto back = decode_cursor(encode_cursor(key));
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, key);
    }
}

TEST(Pagination, GarbageCursorIsRejected) {
    PageLimits limits;
    EXPECT_FALSE(parse_page_request("***", "", limits));
    EXPECT_FALSE(decode_cursor("A"));  // 6 bits cannot be a byte
}

TEST(Pagination, LimitIsClampedAndValidated) {
    PageLimits limits{.default_size = 20, .max_size = 100};
    EXPECT_EQ(parse_page_request("", "", limits)->limit, 20);
    EXPECT_EQ(parse_page_request("", "5000", limits)->limit, 100);
    EXPECT_FALSE(parse_page_request("", "0", limits));
    EXPECT_FALSE(parse_page_request("", "-3", limits));
    EXPECT_FALSE(parse_page_request("", "12abc", limits));
}

TEST(Pagination, MakePageTrimsTheExtraRowAndSetsNextCursor) {
    std::vector<int> rows{1, 2, 3, 4};
    auto page = make_page(rows, 3, [](int v) { return std::to_string(v); });
    EXPECT_EQ(page.items.size(), 3u);
    ASSERT_TRUE(page.next_after);
    EXPECT_EQ(*decode_cursor(*page.next_after), "3");
    auto last = make_page(std::vector<int>{1, 2}, 3, [](int v) { return std::to_string(v); });
    EXPECT_FALSE(last.next_after);
}

}  // namespace
}  // namespace danchu::web
