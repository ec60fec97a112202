#include "http/request.hpp"

#include <gtest/gtest.h>

namespace danchu::http {
namespace {

TEST(RequestTarget, DecodesPathSegmentsAndQuery) {
    Request r;
    ASSERT_TRUE(r.set_target("/o/x%C3%A3%20y/members?page=2&q=h%E1%BB%99i+ngh%E1%BB%8B"));
    EXPECT_EQ(r.path(), "/o/xã y/members");
    ASSERT_EQ(r.path_segments().size(), 3u);
    EXPECT_EQ(r.path_segments()[1], "xã y");
    EXPECT_EQ(r.query("page"), "2");
    EXPECT_EQ(r.query("q"), "hội nghị");
    EXPECT_EQ(r.target(), "/o/x%C3%A3%20y/members?page=2&q=h%E1%BB%99i+ngh%E1%BB%8B");
}

TEST(RequestTarget, EncodedSlashStaysInsideItsSegment) {
    Request r;
    ASSERT_TRUE(r.set_target("/files/a%2Fb"));
    ASSERT_EQ(r.path_segments().size(), 2u);
    EXPECT_EQ(r.path_segments()[1], "a/b");
}

TEST(RequestTarget, RejectsDotSegmentsEvenWhenEncoded) {
    for (const char* t : {"/a/../b", "/..", "/a/%2e%2e/b", "/a/%2E%2E", "/./a", "/a/%2e"}) {
        Request r;
        auto s = r.set_target(t);
        ASSERT_FALSE(s) << t;
        EXPECT_EQ(s.error().message_key, "http.error.bad_target");
    }
}

TEST(RequestTarget, RejectsNonUtf8BadEscapesNulAndRelativeTargets) {
    for (const char* t :
         {"/a%FF", "/a%C3", "/a%zz", "/a%00b", "a/b", "", "*", "http://example.com/"}) {
        Request r;
        EXPECT_FALSE(r.set_target(t)) << t;
    }
}

TEST(RequestTarget, NormalizerAppliesToSegmentsAndQuery) {
    Request r;
    auto upper = [](std::string_view s) {
        std::string o(s);
        for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return o;
    };
    ASSERT_TRUE(r.set_target("/ab?k=v", upper));
    EXPECT_EQ(r.path(), "/AB");
    EXPECT_EQ(r.query("K"), "V");
}

TEST(RequestParams, IntParamParsesOrFailsAsNotFound) {
    Request r;
    r.set_route("files.show", {{"id", "42"}, {"slug", "so-tttt"}, {"big", "99999999999999999999"}});
    auto id = r.param_int("id");
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, 42);
    EXPECT_EQ(r.param("slug"), "so-tttt");
    EXPECT_EQ(r.param("missing"), "");
    EXPECT_FALSE(r.param_int("slug"));
    EXPECT_FALSE(r.param_int("big"));
    auto missing = r.param_int("missing");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(RequestHeaders, CaseInsensitiveAndCookiesParsed) {
    Request r;
    r.add_header("Content-Type", "Multipart/Form-Data; boundary=x");
    r.add_header("Cookie", "sid=1; lang=vi");
    EXPECT_EQ(r.header("content-type"), "Multipart/Form-Data; boundary=x");
    EXPECT_EQ(r.content_type(), "multipart/form-data");
    EXPECT_EQ(r.cookie("lang"), "vi");
    EXPECT_FALSE(r.cookie("none"));
}

struct Actor {
    std::string name;
};

TEST(RequestAttributes, MiddlewareStoresTypedData) {
    Request r;
    EXPECT_EQ(r.attribute<Actor>(), nullptr);
    r.set_attribute<Actor>(Actor{"cán bộ"});
    ASSERT_NE(r.attribute<Actor>(), nullptr);
    EXPECT_EQ(r.attribute<Actor>()->name, "cán bộ");
    r.set_attribute<int>(7);
    EXPECT_EQ(*r.attribute<int>(), 7);
    EXPECT_EQ(r.attribute<Actor>()->name, "cán bộ");
}

TEST(RequestId, IsSixteenHexDigitsAndVaries) {
    auto a = make_request_id();
    auto b = make_request_id();
    EXPECT_EQ(a.size(), 16u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace danchu::http
