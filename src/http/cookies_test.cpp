#include "http/cookies.hpp"

#include <gtest/gtest.h>

#include "http/response.hpp"

namespace danchu::http {
namespace {

TEST(CookieHeader, ParsesPairsAndSkipsJunk) {
    auto c = parse_cookie_header(" sid=abc123; theme=\"dark\";junk; =x; lang=vi ");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0], (std::pair<std::string, std::string>{"sid", "abc123"}));
    EXPECT_EQ(c[1].second, "dark");
    EXPECT_EQ(c[2], (std::pair<std::string, std::string>{"lang", "vi"}));
    EXPECT_TRUE(parse_cookie_header("").empty());
}

TEST(SetCookie, DefaultsAreHttpOnlyLaxRootPath) {
    EXPECT_EQ(serialize_set_cookie("sid", "abc", {}), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, SerialisesEveryOption) {
    CookieOptions o;
    o.http_only = false;
    o.same_site = SameSite::Strict;
    o.secure = true;
    o.max_age = std::chrono::seconds(3600);
    o.path = "/o";
    EXPECT_EQ(serialize_set_cookie("lang", "vi", o),
              "lang=vi; Path=/o; Max-Age=3600; Secure; SameSite=Strict");
}

TEST(SetCookie, SameSiteNoneForcesSecure) {
    CookieOptions o;
    o.same_site = SameSite::None;
    EXPECT_NE(serialize_set_cookie("a", "b", o).find("; Secure"), std::string::npos);
}

TEST(SetCookie, UnsafeValueBytesArePercentEncodedAndNameFiltered) {
    auto s = serialize_set_cookie("bad name;", "a b;c\r\nSet-Cookie: x=y", {});
    EXPECT_EQ(s.substr(0, s.find(';')), "badname=a%20b%3Bc%0D%0ASet-Cookie:%20x=y");
    EXPECT_EQ(s.find('\n'), std::string::npos);
}

TEST(SetCookie, ResponseKeepsSeveralCookiesAndClears) {
    Response r;
    r.set_cookie("a", "1");
    r.set_cookie("b", "2");
    r.clear_cookie("c");
    int n = 0;
    for (const auto& [k, v] : r.headers())
        if (k == "Set-Cookie") ++n;
    EXPECT_EQ(n, 3);
    EXPECT_NE(r.headers().back().second.find("c=; Path=/; Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace danchu::http
