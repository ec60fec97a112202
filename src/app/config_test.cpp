#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace danchu::app {
namespace {

std::filesystem::path write_temp(const std::string& text) {
    static int n = 0;
    auto p = std::filesystem::temp_directory_path() /
             ("danchu-config-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".toml");
    std::ofstream(p) << text;
    return p;
}

TEST(Config, ExampleFileDocumentsTheDefaults) {
    auto c = load_config(std::filesystem::path("config/danchu.example.toml"));
    ASSERT_TRUE(c) << c.error().detail;
    Config d;
    EXPECT_EQ(c->db_url, d.db_url);
    EXPECT_EQ(c->http.body_limit, d.http.body_limit);
    EXPECT_EQ(c->http.header_limit, d.http.header_limit);
    EXPECT_EQ(c->http.max_in_flight, d.http.max_in_flight);
    EXPECT_EQ(c->identity.login_max_failures_per_account,
              d.identity.login_max_failures_per_account);
    EXPECT_EQ(c->identity.session_idle_seconds, d.identity.session_idle_seconds);
    EXPECT_EQ(c->identity.password.memlimit_kib, d.identity.password.memlimit_kib);
    EXPECT_EQ(c->web.page_limits.max_size, d.web.page_limits.max_size);
    EXPECT_EQ(c->db.statement_cache, d.db.statement_cache);
    EXPECT_EQ(c->cases.max_upload_bytes, d.cases.max_upload_bytes);
    EXPECT_EQ(c->disclosures.max_attachment_bytes, d.disclosures.max_attachment_bytes);
    EXPECT_EQ(c->disclosures.max_attachments, d.disclosures.max_attachments);
    EXPECT_EQ(c->disclosures.attachment_types, d.disclosures.attachment_types);
    EXPECT_EQ(c->http.port, 8080);
}

TEST(Config, WrongTypeNamesTheKey) {
    auto c = load_config(write_temp("[http]\nbody_limit = \"big\"\n"));
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail.find("http.body_limit"), std::string::npos);
}

TEST(Config, OutOfRangeNamesTheKeyAndTheRange) {
    auto c = load_config(write_temp("[identity]\nlogin_max_failures_per_account = 0\n"));
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail.find("identity.login_max_failures_per_account"), std::string::npos);
    EXPECT_NE(c.error().detail.find("between 1 and"), std::string::npos);
}

TEST(Config, NegativeStatementCacheNamesTheKey) {
    auto c = load_config(write_temp("[db]\nstatement_cache = -1\n"));
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail.find("db.statement_cache"), std::string::npos);
}

TEST(Config, AttachmentTypesMustBeKnownNames) {
    auto bad = load_config(write_temp("[disclosures]\nattachment_types = [\"pdf\", \"exe\"]\n"));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().detail.find("disclosures.attachment_types"), std::string::npos);
    EXPECT_NE(bad.error().detail.find("pdf, docx"), std::string::npos);
    auto zero = load_config(write_temp("[disclosures]\nmax_attachment_bytes = 0\n"));
    ASSERT_FALSE(zero);
    EXPECT_NE(zero.error().detail.find("disclosures.max_attachment_bytes"), std::string::npos);
    auto ok = load_config(write_temp("[disclosures]\nattachment_types = [\"pdf\"]\n"));
    ASSERT_TRUE(ok) << ok.error().detail;
    EXPECT_EQ(ok->disclosures.attachment_types, std::vector<std::string>{"pdf"});
}

TEST(Config, SyntaxErrorNamesTheFileAndLine) {
    auto path = write_temp("[db\nurl = 1\n");
    auto c = load_config(path);
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail.find(path.string()), std::string::npos);
    EXPECT_NE(c.error().detail.find("line 1"), std::string::npos);
}

TEST(Config, MissingExplicitFileIsAnError) {
    EXPECT_FALSE(load_config(std::filesystem::path("/nonexistent/danchu.toml")));
}

TEST(Config, ListenParsesHostAndPort) {
    Config c;
    ASSERT_TRUE(apply_listen(c, "0.0.0.0:9000"));
    EXPECT_EQ(c.http.address, "0.0.0.0");
    EXPECT_EQ(c.http.port, 9000);
    ASSERT_TRUE(apply_listen(c, "[::1]:8081"));
    EXPECT_EQ(c.http.address, "::1");
    EXPECT_FALSE(apply_listen(c, "8080"));
    EXPECT_FALSE(apply_listen(c, "host:99999"));
    EXPECT_FALSE(apply_listen(c, "host:80x"));
}

TEST(Config, EnvironmentOverridesTheFile) {
    auto path = write_temp("[db]\nurl = \"sqlite:/tmp/from-file.db\"\n");
    ::setenv("DANCHU_DB", "sqlite:/tmp/from-env.db", 1);
    ::setenv("PORT", "9123", 1);
    auto c = load_config(path);
    ::unsetenv("DANCHU_DB");
    ::unsetenv("PORT");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->db_url, "sqlite:/tmp/from-env.db");
    EXPECT_EQ(c->http.port, 9123);
}

}  // namespace
}  // namespace danchu::app
