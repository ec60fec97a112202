#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace danchu::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, std::string_view content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base = fs::temp_directory_path() /
               ("danchu-static-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(base);
        root = base / "root";
        write(root / "css" / "site.css", "body{}");
        write(root / "js" / "app.js", "console.log(1)");
        write(root / "js" / "app.js.gz", "GZIPPED");
        write(base / "secret.txt", "top secret");
        fs::create_directory_symlink(base, root / "escape");
    }
    void TearDown() override { fs::remove_all(base); }

    Response get(std::string_view rel,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request req;
        for (auto& [k, v] : headers) req.add_header(k, v);
        return files().serve(req, rel);
    }
    StaticFiles files() const { return StaticFiles(root, {.max_age = std::chrono::seconds(600)}); }

    fs::path base, root;
};

TEST_F(StaticFilesTest, ServesFileWithTypeValidatorsAndCacheControl) {
    auto r = get("css/site.css");
    EXPECT_EQ(r.status(), Status::ok);
    ASSERT_TRUE(r.file_path());
    EXPECT_EQ(fs::path(*r.file_path()).filename(), "site.css");
    EXPECT_EQ(r.header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(r.header("Cache-Control"), "public, max-age=600");
    ASSERT_TRUE(r.header("ETag"));
    EXPECT_EQ(r.header("ETag")->front(), '"');
    ASSERT_TRUE(r.header("Last-Modified"));
    EXPECT_TRUE(parse_http_date(*r.header("Last-Modified")));
}

TEST_F(StaticFilesTest, MatchingIfNoneMatchGivesNotModified) {
    auto first = get("css/site.css");
    std::string etag(*first.header("ETag"));
    auto r = get("css/site.css", {{"If-None-Match", "\"other\", " + etag}});
    EXPECT_EQ(r.status(), Status::not_modified);
    EXPECT_FALSE(r.file_path());
    EXPECT_EQ(r.header("ETag"), etag);
    EXPECT_EQ(get("css/site.css", {{"If-None-Match", "\"stale\""}}).status(), Status::ok);
    EXPECT_EQ(get("css/site.css", {{"If-None-Match", "W/" + etag}}).status(), Status::not_modified);
}

TEST_F(StaticFilesTest, IfModifiedSinceComparesSeconds) {
    auto first = get("css/site.css");
    std::string lm(*first.header("Last-Modified"));
    EXPECT_EQ(get("css/site.css", {{"If-Modified-Since", lm}}).status(), Status::not_modified);
    EXPECT_EQ(
        get("css/site.css", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status(),
        Status::ok);
    EXPECT_EQ(get("css/site.css", {{"If-Modified-Since", "garbage"}}).status(), Status::ok);
}

TEST_F(StaticFilesTest, PrecompressedGzipServedOnlyWhenAccepted) {
    auto gz = get("js/app.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
    EXPECT_EQ(gz.status(), Status::ok);
    EXPECT_EQ(gz.header("Content-Encoding"), "gzip");
    EXPECT_EQ(gz.header("Vary"), "Accept-Encoding");
    EXPECT_EQ(fs::path(*gz.file_path()).filename(), "app.js.gz");
    EXPECT_EQ(gz.header("Content-Type"), "text/javascript; charset=utf-8");

    auto plain = get("js/app.js", {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_FALSE(plain.header("Content-Encoding"));
    EXPECT_EQ(fs::path(*plain.file_path()).filename(), "app.js");
    EXPECT_NE(plain.header("ETag"), gz.header("ETag"));

    auto none = get("css/site.css", {{"Accept-Encoding", "gzip"}});
    EXPECT_FALSE(none.header("Content-Encoding"));  // no .gz sibling
}

TEST_F(StaticFilesTest, NeverEscapesTheRoot) {
    for (const char* rel :
         {"../secret.txt", "css/../../secret.txt", "/etc/passwd", "escape/secret.txt",
          "css\\..\\..\\secret.txt", "", "css", "./css/site.css", "css//site.css", "missing.txt"}) {
        EXPECT_EQ(get(rel).status(), Status::not_found) << rel;
    }
}

TEST(ContentType, ByExtension) {
    EXPECT_EQ(content_type_for("a.HTML"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("x.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
    EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

TEST(HttpDate, FormatsAndParsesImfFixdate) {
    auto t = std::chrono::system_clock::from_time_t(784111777);
    EXPECT_EQ(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), t);
    EXPECT_FALSE(parse_http_date("06 Nov 1994"));
}

}  // namespace
}  // namespace danchu::http
