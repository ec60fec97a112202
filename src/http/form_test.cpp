#include "http/form.hpp"

#include <gtest/gtest.h>

#include "http/url_codec.hpp"

namespace danchu::http {
namespace {

TEST(Urlencoded, PlusIsSpaceAndPercentEscapesDecode) {
    auto f = parse_urlencoded("name=Nguy%E1%BB%85n+V%C4%83n+A&note=a%2Bb%26c");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->get("name"), "Nguyễn Văn A");
    EXPECT_EQ(f->get("note"), "a+b&c");
}

TEST(Urlencoded, RepeatedKeysAreKeptInOrder) {
    auto f = parse_urlencoded("role=officer&x=1&role=head");
    ASSERT_TRUE(f);
    auto roles = f->get_all("role");
    ASSERT_EQ(roles.size(), 2u);
    EXPECT_EQ(roles[0], "officer");
    EXPECT_EQ(roles[1], "head");
    EXPECT_EQ(f->get("role"), "officer");
    EXPECT_EQ(f->size(), 3u);
}

TEST(Urlencoded, KeyWithoutValueAndEmptyPairs) {
    auto f = parse_urlencoded("a&&b=&=v");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->get("a"), "");
    EXPECT_EQ(f->get("b"), "");
    EXPECT_EQ(f->get(""), "v");
    EXPECT_FALSE(f->contains("c"));
}

TEST(Urlencoded, InvalidEscapesAreErrors) {
    for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=%4g", "%=1", "a=1&b=%G0"}) {
        auto f = parse_urlencoded(bad);
        ASSERT_FALSE(f) << bad;
        EXPECT_EQ(f.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(f.error().message_key, "http.error.bad_escape");
    }
}

TEST(Urlencoded, DecodedTextMustBeUtf8) {
    auto f = parse_urlencoded("a=%C3%28");
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().message_key, "http.error.bad_utf8");
}

TEST(Urlencoded, RoundTripsThroughSerialiser) {
    std::vector<FormFields::Item> items{{"tên", "Hội nghị & đối thoại"}, {"a b", "1+1=2"}};
    auto f = parse_urlencoded(to_urlencoded(items));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->get("tên"), "Hội nghị & đối thoại");
    EXPECT_EQ(f->get("a b"), "1+1=2");
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
    EXPECT_EQ(percent_encode("so-tttt_1.~"), "so-tttt_1.~");
    EXPECT_EQ(percent_encode("a b/c?d"), "a%20b%2Fc%3Fd");
    EXPECT_EQ(percent_encode("a/b", "/"), "a/b");
    EXPECT_EQ(percent_encode("ấ"), "%E1%BA%A5");
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncation) {
    EXPECT_TRUE(is_valid_utf8("Dân chủ ở cơ sở"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xE1\xBA"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

}  // namespace
}  // namespace danchu::http
