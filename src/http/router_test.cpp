#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace danchu::http {
namespace {

Handler named(std::string text) {
    return [text](Request&) { return Response::text(text); };
}

std::vector<std::string> segs(std::string_view target) {
    Request r;
    EXPECT_TRUE(r.set_target(std::string(target)));
    return r.path_segments();
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.get("/", "home", named("home"));
        router.get("/o/{slug}/members", "org.members", named("members"));
        router.post("/o/{slug}/members", "org.members.add", named("add"));
        router.get("/o/new", "org.new", named("new"));
        router.get("/o/{slug}", "org.show", named("show"));
        router.get("/files/{id:int}", "files.show", named("file"));
        router.add(Method::delete_, "/files/{id:int}", "files.delete", named("del"));
        router.get("/static/{path:path}", "static", named("static"));
    }
    Router router;
};

TEST_F(RouterTest, MatchesTemplatesAndCapturesParams) {
    auto m = router.match(Method::get, segs("/o/so-tttt/members"));
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::Found);
    EXPECT_EQ(m.route->name, "org.members");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"slug", "so-tttt"}));
    EXPECT_EQ(router.match(Method::get, segs("/")).route->name, "home");
}

TEST_F(RouterTest, LiteralBeatsParameterWhateverTheOrder) {
    EXPECT_EQ(router.match(Method::get, segs("/o/new")).route->name, "org.new");
    EXPECT_EQ(router.match(Method::get, segs("/o/other")).route->name, "org.show");
}

TEST_F(RouterTest, IntParameterOnlyMatchesIntegers) {
    auto m = router.match(Method::get, segs("/files/123"));
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::Found);
    EXPECT_EQ(m.params[0].second, "123");
    EXPECT_EQ(router.match(Method::get, segs("/files/abc")).outcome, RouteMatch::Outcome::NotFound);
    EXPECT_EQ(router.match(Method::get, segs("/files/99999999999999999999")).outcome,
              RouteMatch::Outcome::NotFound);
}

TEST_F(RouterTest, PathParameterTakesTheRest) {
    auto m = router.match(Method::get, segs("/static/css/site.css"));
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::Found);
    EXPECT_EQ(m.params[0].second, "css/site.css");
    EXPECT_EQ(router.match(Method::get, segs("/static")).outcome, RouteMatch::Outcome::NotFound);
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
    EXPECT_EQ(router.match(Method::get, segs("/nowhere")).outcome, RouteMatch::Outcome::NotFound);
    EXPECT_EQ(router.match(Method::get, segs("/o/x/members/extra")).outcome,
              RouteMatch::Outcome::NotFound);
}

TEST_F(RouterTest, KnownPathWrongMethodIsMethodNotAllowedWithAllow) {
    auto m = router.match(Method::put, segs("/files/7"));
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::MethodNotAllowed);
    EXPECT_EQ(m.allow_header(), "DELETE, GET, HEAD");
    auto p = router.match(Method::delete_, segs("/o/x/members"));
    EXPECT_EQ(p.allow_header(), "GET, HEAD, POST");
}

TEST_F(RouterTest, HeadIsServedByGetRoutes) {
    auto m = router.match(Method::head, segs("/o/x"));
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::Found);
    EXPECT_EQ(m.route->name, "org.show");
}

TEST_F(RouterTest, UrlForBuildsAndPercentEncodes) {
    EXPECT_EQ(router.url_for("org.members", {{"slug", "so-tttt"}}).value(), "/o/so-tttt/members");
    EXPECT_EQ(router.url_for("org.show", {{"slug", "xã an/bình?"}}).value(),
              "/o/x%C3%A3%20an%2Fb%C3%ACnh%3F");
    EXPECT_EQ(router.url_for("home").value(), "/");
    EXPECT_EQ(router.url_for("static", {{"path", "css/a b.css"}}).value(), "/static/css/a%20b.css");
    EXPECT_EQ(
        router.url_for("org.show", {{"slug", "x"}}, {{"page", "2"}, {"q", "hội nghị"}}).value(),
        "/o/x?page=2&q=h%E1%BB%99i+ngh%E1%BB%8B");
}

TEST_F(RouterTest, UrlForRoundTripsThroughMatch) {
    for (std::string slug : {"so-tttt", "xã an", "a/b", "100%", "?&#"}) {
        auto url = router.url_for("org.members", {{"slug", slug}});
        ASSERT_TRUE(url);
        auto m = router.match(Method::get, segs(*url));
        ASSERT_EQ(m.outcome, RouteMatch::Outcome::Found) << *url;
        EXPECT_EQ(m.route->name, "org.members");
        EXPECT_EQ(m.params[0].second, slug);
    }
}

TEST_F(RouterTest, UrlForFailsOnMissingOrMistypedParams) {
    EXPECT_FALSE(router.url_for("org.members"));
    EXPECT_FALSE(router.url_for("files.show", {{"id", "abc"}}));
    EXPECT_FALSE(router.url_for("no.such.route"));
    EXPECT_EQ(router.url_for("files.show", {{"id", "12"}}).value(), "/files/12");
}

TEST(Router, DuplicateNamesAndBadTemplatesAreWiringErrors) {
    Router r;
    r.get("/a", "a", named("a"));
    EXPECT_THROW(r.get("/b", "a", named("b")), std::invalid_argument);
    EXPECT_THROW(r.get("no-slash", "c", named("c")), std::invalid_argument);
    EXPECT_THROW(r.get("/x/{id:float}", "d", named("d")), std::invalid_argument);
    EXPECT_THROW(r.get("/x/{p:path}/y", "e", named("e")), std::invalid_argument);
    EXPECT_THROW(r.get("/x/{}", "f", named("f")), std::invalid_argument);
}

}  // namespace
}  // namespace danchu::http
