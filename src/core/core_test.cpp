#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace danchu {
namespace {

Result<int> parse_positive(int v) {
    if (v <= 0) return fail(ErrorCode::InvalidInput, "core.error.not_positive");
    return v;
}

TEST(Result, CarriesValueOrError) {
    auto ok = parse_positive(3);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, 3);
    auto bad = parse_positive(-1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(bad.error().message_key, "core.error.not_positive");
}

TEST(Result, ValueOnErrorThrowsBadResultAccess) {
    auto bad = parse_positive(0);
    EXPECT_THROW((void)bad.value(), BadResultAccess);
}

TEST(Clock, LocalDateIsUtcPlusSeven) {
    using namespace std::chrono;
    // 2021-11-03 17:30 UTC is already 04/11/2021 00:30 in Vietnam.
    TimePoint t = sys_days{2021y / November / 3} + hours{17} + minutes{30};
    EXPECT_EQ(local_date(t), 2021y / November / 4);
    TimePoint before = sys_days{2021y / November / 3} + hours{16} + minutes{59};
    EXPECT_EQ(local_date(before), 2021y / November / 3);
}

TEST(Clock, IsoDatesRoundTripAndRejectImpossibleDays) {
    using namespace std::chrono;
    EXPECT_EQ(iso_date(2021y / November / 4), "2021-11-04");
    EXPECT_EQ(parse_iso_date("2025-06-30"), 2025y / June / 30);
    EXPECT_FALSE(parse_iso_date("2021-02-31"));
    EXPECT_FALSE(parse_iso_date("2021-2-03"));
    EXPECT_FALSE(parse_iso_date("abcd-ef-gh"));
}

TEST(Ids, AreDistinctTypesAndCompare) {
    OrgId a{1}, b{2};
    EXPECT_LT(a, b);
    EXPECT_FALSE(OrgId{}.valid());
    static_assert(!std::is_convertible_v<OrgId, PersonId>);
}

TEST(ErrorCode, EveryCodeHasAName) {
    EXPECT_STREQ(to_string(ErrorCode::PayloadTooLarge), "payload_too_large");
    EXPECT_STREQ(to_string(ErrorCode::Internal), "internal");
}

}  // namespace
}  // namespace danchu
