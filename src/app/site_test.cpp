// The whole site over real sockets, on SQLite or (with DANCHU_TEST_PG) PostgreSQL: every
// route's authorization, CSRF on every form, session cookie flags, limits and error pages.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/demo.hpp"
#include "app/modules.hpp"
#include "app/serve.hpp"
#include "http/test_client.hpp"
#include "modules/cases/api.hpp"
#include "modules/reports/api.hpp"
#include "tests/support/test_db.hpp"
#include "vn/format.hpp"

namespace danchu::app {
namespace {

using http::HttpTestClient;
using http::TestResponse;

// One demo site per test binary: loading the demo hashes ~60 passwords.
class Site : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto migrations = all_migrations();
        ASSERT_TRUE(migrations);
        db_ = new testing::TestDb(*migrations);
        Config config;
        config.identity.password.memlimit_kib = 8 * 1024;
        config.identity.password.opslimit = 1;
        config.http.address = "127.0.0.1";
        config.http.port = 0;
        config.http.handle_signals = false;
        config.http.access_log = false;
        config.http.body_limit = 64 * 1024;
        config.cases.max_upload_bytes = 1024 * 1024;
        config.static_dir = "static";
        rt_ = runtime_for(config, db_->db(), *identity::ServerKey::from_hex(std::string(64, 'a')))
                  .release();
        auto logins = load_demo(*rt_, nullptr);
        ASSERT_TRUE(logins) << logins.error().detail;
        auto site = build_site(*rt_);
        ASSERT_TRUE(site) << site.error().detail;
        site_ = site->release();
        site_->server->start();
    }
    static void TearDownTestSuite() {
        if (site_) site_->server->stop();
        delete site_;
        delete rt_;
        delete db_;
    }

    std::uint16_t port() const { return site_->server->port(); }

    // GET a page to obtain the CSRF cookie, then read the token from the form.
    static std::string csrf_from(const TestResponse& page) {
        std::smatch m;
        static const std::regex re(R"re(name="csrf" value="([^"]+)")re");
        if (std::regex_search(page.body, m, re)) return m[1];
        return {};
    }

    TestResponse login(HttpTestClient& c, const std::string& user,
                       const std::string& password = kDemoPassword, const std::string& next = "") {
        auto form = c.get("/login");
        return c.post_form("/login", {{"username", user},
                                      {"password", password},
                                      {"csrf", csrf_from(form)},
                                      {"next", next}});
    }

    static testing::TestDb* db_;
    static Runtime* rt_;
    static app::Site* site_;
};

testing::TestDb* Site::db_ = nullptr;
Runtime* Site::rt_ = nullptr;
app::Site* Site::site_ = nullptr;

TEST_F(Site, PortalListsDemoOrganisationsInVietnamese) {
    HttpTestClient c(port());
    auto r = c.get("/");
    EXPECT_EQ(r.status, 200u);
    EXPECT_NE(r.body.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_NE(r.body.find("Tỉnh Trà Vinh"), std::string::npos);
    EXPECT_NE(r.body.find("Sở Thông tin và Truyền thông tỉnh Trà Vinh"), std::string::npos);
    EXPECT_NE(r.body.find("Xã Phú Hòa"), std::string::npos);
}

TEST_F(Site, EveryResponseCarriesTheSecurityHeaders) {
    HttpTestClient c(port());
    for (const char* path : {"/", "/login", "/nope", "/healthz", "/static/css/site.css"}) {
        auto r = c.get(path);
        EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"),
                  std::string::npos)
            << path;
        EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos)
            << path;
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
        EXPECT_EQ(r.header("referrer-policy"), "same-origin") << path;
        EXPECT_FALSE(r.header("x-request-id").empty()) << path;
    }
}

TEST_F(Site, EachOrganisationHasAHomePageAndUnknownSlugIs404InVietnamese) {
    HttpTestClient c(port());
    for (const char* slug :
         {"tra-vinh", "vinh-long", "so-tttt-tra-vinh", "so-khcn-vinh-long", "xa-phu-hoa",
          "cong-ty-nuoc-phu-hoa", "so-tttt-van-phong", "xa-phu-hoa-ap-phu-thanh"}) {
        auto r = c.get(std::string("/o/") + slug);
        EXPECT_EQ(r.status, 200u) << slug;
    }
    auto old = c.get("/o/so-tttt-tra-vinh");
    EXPECT_NE(old.body.find("Sở Khoa học và Công nghệ tỉnh Vĩnh Long"), std::string::npos)
        << "a merged department points to its successor (R-ORG-03)";
    auto missing = c.get("/o/khong-co");
    EXPECT_EQ(missing.status, 404u);
    EXPECT_NE(missing.body.find("Không tìm thấy trang"), std::string::npos);
    auto unknown = c.get("/khong/co/trang/nay");
    EXPECT_EQ(unknown.status, 404u);
    EXPECT_NE(unknown.header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(unknown.body.find("Không tìm thấy trang"), std::string::npos);
}

TEST_F(Site, HealthzAndMetrics) {
    HttpTestClient c(port());
    auto h = c.get("/healthz");
    EXPECT_EQ(h.status, 200u);
    EXPECT_EQ(h.body, "ok\n");
    (void)c.get("/");
    auto m = c.get("/metrics");
    EXPECT_EQ(m.status, 200u);
    EXPECT_NE(m.body.find("danchu_db_pool_in_use"), std::string::npos);
    EXPECT_NE(m.body.find("portal.home"), std::string::npos);
}

TEST_F(Site, TheCaseFormsUploadLimitComesFromItsSetting) {
    HttpTestClient c(port());
    (void)c.get("/o/so-tttt-tra-vinh/cases/new");
    auto big =
        c.post_form("/o/so-tttt-tra-vinh/cases/new", {{"body", std::string(1024 * 1024 + 1, 'x')}});
    EXPECT_EQ(big.status, 413u);
    EXPECT_NE(big.body.find("cases.max_upload_bytes"), std::string::npos) << big.body;
    // Above http.body_limit but within the form's own limit: read, and answered by the form.
    auto mid =
        c.post_form("/o/so-tttt-tra-vinh/cases/new", {{"body", std::string(100 * 1024, 'x')}});
    EXPECT_NE(mid.status, 413u);
}

TEST_F(Site, HealthzIs503WhenTheDatabaseDoesNotAnswer) {
    HttpTestClient c(port());
    db_->db().inject_fault({.nth = 1, .sql_contains = "SELECT 1"});
    auto h = c.get("/healthz");
    EXPECT_EQ(h.status, 503u);
    EXPECT_EQ(h.body, "database unreachable\n");
    EXPECT_EQ(c.get("/healthz").status, 200u);  // the fault fired once; a new connection answers
}

TEST_F(Site, LoginSetsAnHttpOnlySameSiteSessionCookie) {
    HttpTestClient c(port());
    auto r = login(c, "vanphong");
    EXPECT_EQ(r.status, 303u);
    bool found = false;
    for (const auto& v : r.header_all("set-cookie")) {
        if (v.rfind("danchu_session=", 0) != 0) continue;
        found = true;
        EXPECT_NE(v.find("HttpOnly"), std::string::npos);
        EXPECT_NE(v.find("SameSite=Lax"), std::string::npos);
    }
    EXPECT_TRUE(found);
}

TEST_F(Site, PostWithoutValidCsrfTokenIs403) {
    HttpTestClient c(port());
    (void)c.get("/login");
    auto none = c.post_form("/login", {{"username", "vanphong"}, {"password", kDemoPassword}});
    EXPECT_EQ(none.status, 403u);
    EXPECT_NE(none.body.find("Phiên làm việc của biểu mẫu"), std::string::npos);
    auto wrong = c.post_form(
        "/login",
        {{"username", "vanphong"}, {"password", kDemoPassword}, {"csrf", std::string(43, 'A')}});
    EXPECT_EQ(wrong.status, 403u);
    // A fresh client with no cookie cannot post even with a well-formed token.
    HttpTestClient fresh(port());
    auto no_cookie =
        fresh.post_form("/login", {{"username", "vanphong"}, {"csrf", std::string(43, 'A')}});
    EXPECT_EQ(no_cookie.status, 403u);
}

TEST_F(Site, SignedInFormsNeedTheSessionToken) {
    HttpTestClient c(port());
    ASSERT_EQ(login(c, "nhanvien").status, 303u);
    auto account = c.get("/account");
    ASSERT_EQ(account.status, 200u);
    const auto token = csrf_from(account);
    ASSERT_FALSE(token.empty());
    for (const char* form : {"/logout", "/account/password", "/account/locale", "/account/2fa"})
        EXPECT_EQ(c.post_form(form, {{"csrf", "x"}}).status, 403u) << form;
    EXPECT_EQ(c.post_form("/account/locale", {{"csrf", token}, {"locale", "en"}}).status, 303u);
    EXPECT_EQ(c.post_form("/account/locale", {{"csrf", token}, {"locale", ""}}).status, 303u);
}

TEST_F(Site, MemberListForSecretaryNotForMemberAndLoginForAnonymous) {
    HttpTestClient anon(port());
    auto a = anon.get("/o/so-tttt-tra-vinh/members");
    EXPECT_EQ(a.status, 303u);
    EXPECT_EQ(a.header("location").rfind("/login?next=", 0), 0u);

    HttpTestClient member(port());
    ASSERT_EQ(login(member, "nhanvien").status, 303u);
    auto m = member.get("/o/so-tttt-tra-vinh/members");
    EXPECT_EQ(m.status, 403u);
    EXPECT_NE(m.body.find("Bạn không có quyền"), std::string::npos);

    HttpTestClient sec(port());
    ASSERT_EQ(login(sec, "vanphong").status, 303u);
    auto s = sec.get("/o/so-tttt-tra-vinh/members?limit=10");
    EXPECT_EQ(s.status, 200u);
    EXPECT_NE(s.body.find("Danh sách thành viên"), std::string::npos);
    EXPECT_NE(s.header("cache-control").find("no-store"), std::string::npos);
    std::smatch next;
    ASSERT_TRUE(std::regex_search(s.body, next, std::regex(R"re(href="([^"]+)" rel="next")re")));
    std::string href = next[1];
    href = std::regex_replace(href, std::regex("&amp;"), "&");
    auto page2 = sec.get(href);
    EXPECT_EQ(page2.status, 200u);
    EXPECT_NE(page2.body, s.body);
    EXPECT_EQ(sec.get("/o/so-tttt-tra-vinh/members?limit=abc").status, 422u);
    EXPECT_EQ(sec.get("/o/so-tttt-tra-vinh/members?after=%%%").status, 400u);
    // The secretary of one department has no rights in another.
    EXPECT_EQ(sec.get("/o/xa-phu-hoa/members").status, 403u);
}

TEST_F(Site, LoginRedirectsBackToTheRequestedPageButNeverOffSite) {
    HttpTestClient c(port());
    auto r = login(c, "giamdoc", kDemoPassword, "/o/so-tttt-tra-vinh/members");
    EXPECT_EQ(r.header("location"), "/o/so-tttt-tra-vinh/members");
    HttpTestClient d(port());
    auto evil = login(d, "giamdoc", kDemoPassword, "//evil.example/");
    EXPECT_EQ(evil.header("location"), "/");
}

TEST_F(Site, FiveWrongPasswordsThrottleTheAccount) {
    HttpTestClient c(port());
    for (int i = 0; i < 5; ++i) {
        auto r = login(c, "congdoan", "sai-mat-khau");
        EXPECT_EQ(r.status, 422u);
        EXPECT_NE(r.body.find("Tên đăng nhập hoặc mật khẩu không đúng"), std::string::npos);
    }
    auto blocked = login(c, "congdoan");
    EXPECT_EQ(blocked.status, 429u);
    EXPECT_NE(blocked.body.find("quá nhiều lần"), std::string::npos);
}

TEST_F(Site, LogoutEndsTheSession) {
    HttpTestClient c(port());
    ASSERT_EQ(login(c, "giamdoc").status, 303u);
    EXPECT_EQ(c.get("/o/so-tttt-tra-vinh/members").status, 200u);
    const auto token = csrf_from(c.get("/account"));
    EXPECT_EQ(c.post_form("/logout", {{"csrf", token}}).status, 303u);
    EXPECT_EQ(c.get("/o/so-tttt-tra-vinh/members").status, 303u);
}

TEST_F(Site, LimitsAnswer431413And400) {
    HttpTestClient c(port());
    auto big_header = c.get("/", {{"X-Filler", std::string(20000, 'x')}});
    EXPECT_EQ(big_header.status, 431u);
    (void)c.get("/login");
    auto big_body = c.post_form("/login", {{"username", std::string(100 * 1024, 'a')}});
    EXPECT_EQ(big_body.status, 413u);
    EXPECT_NE(big_body.body.find("http.body_limit"), std::string::npos);
    auto garbage = c.raw("GARBAGE\r\n\r\n");
    EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage.substr(0, 40);
    auto wrong_method = c.request("DELETE", "/");
    EXPECT_EQ(wrong_method.status, 405u);
}

TEST_F(Site, EnglishOnRequestAndByAcceptLanguage) {
    HttpTestClient c(port());
    auto q = c.get("/?lang=en");
    EXPECT_NE(q.body.find("Agencies, units and localities"), std::string::npos);
    // The choice sticks for the next page through a cookie.
    auto next = c.get("/login");
    EXPECT_NE(next.body.find("<html lang=\"en\">"), std::string::npos);
    HttpTestClient h(port());
    EXPECT_NE(h.get("/", {{"Accept-Language", "en-US,en;q=0.9"}}).body.find("lang=\"en\""),
              std::string::npos);
}

// Every route, and what an anonymous visitor gets from it. A new route must be added here,
// which forces a decision about who may use it.
TEST_F(Site, EveryRouteHasAnAuthorizationRule) {
    struct Expect {
        const char* method;
        const char* path;
        unsigned anonymous_status;
    };
    const std::map<std::string, Expect> expected = {
        {"portal.home", {"GET", "/", 200}},
        {"org.home", {"GET", "/o/tra-vinh", 200}},
        {"org.members", {"GET", "/o/tra-vinh/members", 303}},
        {"login", {"GET", "/login", 200}},
        {"login.submit", {"POST", "/login", 403}},
        {"login.second_factor", {"GET", "/login/2fa", 200}},
        {"login.second_factor.submit", {"POST", "/login/2fa", 403}},
        {"logout", {"POST", "/logout", 403}},
        {"account", {"GET", "/account", 303}},
        {"account.password", {"POST", "/account/password", 403}},
        {"account.locale", {"POST", "/account/locale", 403}},
        {"account.two_factor", {"GET", "/account/2fa", 303}},
        {"account.two_factor.submit", {"POST", "/account/2fa", 403}},
        {"healthz", {"GET", "/healthz", 200}},
        {"metrics", {"GET", "/metrics", 200}},
        {"static", {"GET", "/static/css/site.css", 200}},
        {"reports.page", {"GET", "/o/tra-vinh/reports", 303}},
        {"reports.submitted", {"GET", "/o/tra-vinh/reports/submitted", 303}},
        {"reports.narrative", {"POST", "/o/tra-vinh/reports/2021/narrative", 403}},
        {"reports.submit", {"POST", "/o/tra-vinh/reports/2021/submit", 403}},
        {"reports.export", {"GET", "/o/tra-vinh/reports/2021/export?format=pdf", 303}},
        {"disclosures.board", {"GET", "/o/so-tttt-tra-vinh/disclosures", 200}},
        {"disclosures.new", {"GET", "/o/so-tttt-tra-vinh/disclosures/new", 303}},
        {"disclosures.create", {"POST", "/o/so-tttt-tra-vinh/disclosures", 403}},
        {"disclosures.item", {"GET", "/o/so-tttt-tra-vinh/disclosures/999999", 404}},
        {"disclosures.publish", {"POST", "/o/so-tttt-tra-vinh/disclosures/1/publish", 403}},
        {"disclosures.correct_form", {"GET", "/o/so-tttt-tra-vinh/disclosures/1/correct", 303}},
        {"disclosures.correct", {"POST", "/o/so-tttt-tra-vinh/disclosures/1/correct", 403}},
        {"disclosures.withdraw", {"POST", "/o/so-tttt-tra-vinh/disclosures/1/withdraw", 403}},
        {"disclosures.ack", {"POST", "/o/so-tttt-tra-vinh/disclosures/1/ack", 403}},
        {"disclosures.remind", {"POST", "/o/so-tttt-tra-vinh/disclosures/1/remind", 403}},
        {"disclosures.acks", {"GET", "/o/so-tttt-tra-vinh/disclosures/1/acks", 303}},
        {"disclosures.register", {"GET", "/o/so-tttt-tra-vinh/disclosure-register", 200}},
        {"disclosures.register_docx", {"GET", "/o/so-tttt-tra-vinh/disclosure-register.docx", 200}},
        {"disclosures.register_pdf", {"GET", "/o/so-tttt-tra-vinh/disclosure-register.pdf", 200}},
        {"disclosures.atom", {"GET", "/o/so-tttt-tra-vinh/disclosures.atom", 200}},
        {"disclosures.csv", {"GET", "/o/so-tttt-tra-vinh/disclosures.csv", 200}},
        {"disclosures.api", {"GET", "/api/v1/orgs/so-tttt-tra-vinh/disclosures", 200}},
        {"disclosures.ledger", {"GET", "/o/so-tttt-tra-vinh/ledger.jsonl", 200}},
        {"disclosures.ledger_key", {"GET", "/o/so-tttt-tra-vinh/ledger/key", 200}},
        {"disclosures.file", {"GET", "/o/so-tttt-tra-vinh/disclosures/1/files/999999", 404}},
        {"disclosures.qr", {"GET", "/o/so-tttt-tra-vinh/disclosures/999999/qr.svg", 404}},
        {"disclosures.add_category", {"POST", "/o/so-tttt-tra-vinh/disclosure-items", 403}},
        {"cases.new", {"GET", "/o/so-tttt-tra-vinh/cases/new", 200}},
        {"cases.create", {"POST", "/o/so-tttt-tra-vinh/cases/new", 403}},
        {"cases.list", {"GET", "/o/so-tttt-tra-vinh/cases", 303}},
        {"cases.show", {"GET", "/o/so-tttt-tra-vinh/cases/1", 303}},
        {"cases.transition", {"POST", "/o/so-tttt-tra-vinh/cases/1/transition", 403}},
        {"cases.assign", {"POST", "/o/so-tttt-tra-vinh/cases/1/assign", 403}},
        {"cases.extend", {"POST", "/o/so-tttt-tra-vinh/cases/1/extend", 403}},
        {"cases.classify", {"POST", "/o/so-tttt-tra-vinh/cases/1/classify", 403}},
        {"cases.message", {"POST", "/o/so-tttt-tra-vinh/cases/1/message", 403}},
        {"cases.reveal", {"POST", "/o/so-tttt-tra-vinh/cases/1/reveal", 403}},
        {"cases.track", {"GET", "/track", 200}},
        {"cases.track.submit", {"POST", "/track", 403}},
        {"cases.track.message", {"POST", "/track/message", 403}},
        {"cases.mine", {"GET", "/cases/mine", 303}},
        {"cases.track.rate", {"POST", "/track/rate", 403}},
        {"cases.reception", {"GET", "/o/so-tttt-tra-vinh/reception", 200}},
        {"cases.reception.add", {"POST", "/o/so-tttt-tra-vinh/reception/days", 403}},
        {"cases.reception.info", {"POST", "/o/so-tttt-tra-vinh/reception/info", 403}},
        {"cases.unit", {"GET", "/o/so-tttt-tra-vinh/cases/unit", 303}},
        {"cases.reception.log", {"GET", "/o/so-tttt-tra-vinh/reception/log", 303}},
        {"cases.reception.log.add", {"POST", "/o/so-tttt-tra-vinh/reception/log", 403}},
        {"cases.reception.log.case", {"POST", "/o/so-tttt-tra-vinh/reception/log/1/case", 403}},
        {"cases.stats", {"GET", "/o/so-tttt-tra-vinh/cases/stats", 303}},
        {"cases.file", {"GET", "/o/so-tttt-tra-vinh/cases/1/files/1", 303}},
    };
    std::set<std::string> seen;
    for (const auto& route : site_->server->router().routes()) {
        seen.insert(route->name);
        EXPECT_TRUE(expected.contains(route->name))
            << "route without an authorization test: " << route->name;
    }
    for (const auto& [name, e] : expected) {
        EXPECT_TRUE(seen.contains(name)) << "stale entry " << name;
        HttpTestClient c(port());
        auto r = std::string(e.method) == "GET" ? c.get(e.path) : c.post_form(e.path, {});
        EXPECT_EQ(r.status, e.anonymous_status) << name;
    }
}

TEST_F(Site, SecondFactorPagesNeedASignedInPerson) {
    HttpTestClient c(port());
    // Anonymous: posting a code with a valid anonymous token goes back to the login page.
    auto form = c.get("/login/2fa");
    auto r = c.post_form("/login/2fa", {{"csrf", csrf_from(form)}, {"code", "123456"}});
    EXPECT_EQ(r.status, 303u);
    EXPECT_EQ(r.header("location"), "/login");
}

TEST_F(Site, PublicPagesAreSharedUntilTheDataChanges) {
    HttpTestClient c(port());
    auto first = c.get("/o/xa-phu-hoa");
    EXPECT_EQ(first.status, 200u);
    EXPECT_TRUE(first.header_all("set-cookie").empty()) << "a page without forms sets no cookie";
    const auto hits_before = site_->page_cache->stats().hits;
    auto second = c.get("/o/xa-phu-hoa");
    EXPECT_EQ(second.body, first.body);
    EXPECT_GT(site_->page_cache->stats().hits, hits_before);
    // A new member changes the count on the page: the cached copy must not be served.
    auto person = identity::create_person(*rt_->identity, identity::Actor::system("test"),
                                          {"moi.thanhvien", "Người Mới", "mật-khẩu-đủ-dài"});
    ASSERT_TRUE(person);
    ASSERT_TRUE(identity::grant_role(*rt_->identity, identity::Actor::system("test"), *person,
                                     identity::find_organisation(*rt_->identity, "xa-phu-hoa")->id,
                                     identity::Role::Member, ""));
    auto third = c.get("/o/xa-phu-hoa");
    EXPECT_NE(third.body, first.body);
    // Signed-in people never get the shared copy.
    HttpTestClient sec(port());
    ASSERT_EQ(login(sec, "vanphong.phuhoa").status, 303u);
    auto personal = sec.get("/o/xa-phu-hoa");
    EXPECT_NE(personal.body.find("action=\"/logout\""), std::string::npos)
        << "the signed-in menu shows";
    EXPECT_EQ(personal.body.find("href=\"/login\""), std::string::npos);
}

TEST_F(Site, TheLoginFormSetsTheAnonymousCsrfCookie) {
    HttpTestClient c(port());
    auto form = c.get("/login");
    bool csrf_cookie = false;
    for (const auto& v : form.header_all("set-cookie"))
        if (v.rfind("danchu_csrf=", 0) == 0)
            csrf_cookie = v.find("SameSite=Strict") != std::string::npos;
    EXPECT_TRUE(csrf_cookie);
}

// Issue 6 meets issues 4 and 5: the annual report's sections come from the modules' data.
TEST_F(Site, AnnualReportDrawsDisclosuresAndCasesFromTheirModules) {
    auto table = vn::AbbreviationTable::load();
    ASSERT_TRUE(table);
    reports::ReportServices rs{*rt_->identity, rt_->clock, *table, {}};
    auto keep = add_report_sources(*rt_, rs);
    ASSERT_TRUE(keep) << keep.error().detail;
    const auto org = identity::find_organisation(*rt_->identity, "so-tttt-tra-vinh");
    ASSERT_TRUE(org);
    const auto system = identity::Actor::system("test");
    auto figure = [](const reports::AnnualReport& r, reports::Topic topic,
                     const std::string& label) -> std::optional<std::string> {
        for (const auto& [t, figures] : r.figures)
            if (t == topic)
                for (const auto& f : figures)
                    if (f.label == label) return f.value;
        return std::nullopt;
    };
    auto is_missing = [](const reports::AnnualReport& r, reports::Topic topic) {
        for (const auto& m : r.missing)
            if (m.topic == topic) return true;
        return false;
    };
    // The demo files a year of cases up to today: this year's report counts them.
    const int year = static_cast<int>(rt_->clock.today().year());
    auto now = reports::annual_report(rs, system, *org, year);
    ASSERT_TRUE(now) << now.error().detail;
    EXPECT_FALSE(is_missing(*now, reports::Topic::Cases));
    auto legal = cases::load_legal_data();
    ASSERT_TRUE(legal);
    cases::CasesServices cs{*rt_->identity, rt_->clock, (*legal)->rules, (*legal)->calendar};
    using namespace std::chrono;
    auto stats = cases::statistics(cs, system, *org, std::chrono::year{year} / January / 1,
                                   std::chrono::year{year} / December / 31);
    ASSERT_TRUE(stats);
    EXPECT_EQ(
        figure(*now, reports::Topic::Cases, "Tổng số đơn, thư, phản ánh, kiến nghị tiếp nhận"),
        vn::format_integer(stats->received));
    // The demo has disclosures dated 2024 (besides the seed's 2021 ones); a year with none says so.
    auto y2024 = reports::annual_report(rs, system, *org, 2024);
    ASSERT_TRUE(y2024);
    EXPECT_FALSE(is_missing(*y2024, reports::Topic::Disclosures));
    EXPECT_TRUE(
        figure(*y2024, reports::Topic::Disclosures, "Số lượt công khai thông tin trong năm"));
    auto y2019 = reports::annual_report(rs, system, *org, 2019);
    ASSERT_TRUE(y2019);
    EXPECT_TRUE(is_missing(*y2019, reports::Topic::Disclosures));
    EXPECT_TRUE(is_missing(*y2019, reports::Topic::Cases));
}

TEST_F(Site, StaticFilesAreCacheable) {
    HttpTestClient c(port());
    auto r = c.get("/static/css/site.css");
    EXPECT_EQ(r.status, 200u);
    EXPECT_FALSE(r.header("etag").empty());
    auto again = c.get("/static/css/site.css", {{"If-None-Match", r.header("etag")}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_EQ(c.get("/static/../CMakeLists.txt").status, 400u);
}

// Disclosures (legal-spec R-PUB-CQ-01: internal items are for the organisation's members only).
TEST_F(Site, DisclosuresInternalItemNeverReachesNonMembersByAnyRoute) {
    const std::string org = "/o/so-tttt-tra-vinh";
    const std::string internal_title = "Quy chế chi tiêu nội bộ";
    HttpTestClient member(port());
    ASSERT_EQ(login(member, "nhanvien").status, 303u);
    auto board = member.get(org + "/disclosures?q=chi%20tieu%20noi%20bo");
    ASSERT_EQ(board.status, 200u);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        board.body, m,
        std::regex(R"re(href="(/o/so-tttt-tra-vinh/disclosures/[0-9]+)">Quy chế chi tiêu)re")));
    const std::string item = m[1];
    EXPECT_EQ(member.get(item).status, 200u);
    EXPECT_NE(member.get(org + "/disclosures.csv").body.find(internal_title), std::string::npos);
    EXPECT_NE(
        member.get("/api/v1/orgs/so-tttt-tra-vinh/disclosures?limit=100").body.find(internal_title),
        std::string::npos);

    HttpTestClient anon(port());
    HttpTestClient outsider(port());
    ASSERT_EQ(login(outsider, "giamdoc.cnph").status, 303u);  // signed in, another organisation
    for (auto* c : {&anon, &outsider}) {
        EXPECT_EQ(c->get(item).status, 404u);
        EXPECT_NE(c->get(item + "/correct").status, 200u);
        EXPECT_NE(c->get(item + "/acks").status, 200u);
        for (const std::string& path :
             {org + "/disclosures", org + "/disclosures?q=chi%20tieu%20noi%20bo",
              org + "/disclosures?category=cq.09", org + "/disclosures?year=2024",
              org + "/disclosures.atom", org + "/disclosures.csv",
              std::string("/api/v1/orgs/so-tttt-tra-vinh/disclosures?limit=100"),
              std::string("/api/v1/orgs/so-tttt-tra-vinh/disclosures?q=chi%20tieu"),
              org + "/disclosure-register?year=2024&quarter=1", org + "/ledger.jsonl"}) {
            auto r = c->get(path);
            EXPECT_EQ(r.status, 200u) << path;
            EXPECT_EQ(r.body.find(internal_title), std::string::npos) << path;
            // Pages list every category in their filter; data formats name only the items shown.
            if (r.header("content-type").find("text/html") == std::string::npos) {
                EXPECT_EQ(r.body.find("cq.09"), std::string::npos) << path;
            }
        }
        // The public budget estimate is there for everyone.
        EXPECT_NE(c->get(org + "/disclosures.csv").body.find("Dự toán ngân sách nhà nước năm 2024"),
                  std::string::npos);
    }
}

TEST_F(Site, DisclosuresSecretaryPublishesCorrectsAndWithdrawsThroughTheForms) {
    HttpTestClient sec(port());
    ASSERT_EQ(login(sec, "vanphong.phuhoa").status, 303u);
    const std::string org = "/o/xa-phu-hoa";
    // The anonymous board is served from the page cache until a publication changes it.
    HttpTestClient early(port());
    EXPECT_EQ(early.get(org + "/disclosures").status, 200u);
    const auto cached_board = early.get(org + "/disclosures");
    EXPECT_EQ(cached_board.body.find("Mức thu phí chợ"), std::string::npos);
    auto form = sec.get(org + "/disclosures/new");
    ASSERT_EQ(form.status, 200u);
    const std::string csrf = csrf_from(form);
    HttpTestClient::Fields fields = {{"csrf", csrf},
                                     {"category", "xa.12"},
                                     {"title", "Mức thu phí chợ Phú Hòa năm 2026"},
                                     {"body", "Phí chợ: 5.000 đồng/lượt <script>alert(1)</script>"},
                                     {"audience", "public"},
                                     {"decision_ref", "Quyết định số 30/QĐ-UBND"},
                                     {"decision_date", iso_date(rt_->clock.today())},
                                     {"channels", "notice_board"},
                                     {"channels", "website"},
                                     {"channels", "loudspeaker"}};
    const std::string pdf = "%PDF-1.4\n% Biểu phí\ntrailer\n%%EOF\n";
    auto created = sec.post_multipart(org + "/disclosures", fields,
                                      {{"attachments", "bieu-phi.pdf", "application/pdf", pdf}});
    ASSERT_EQ(created.status, 303u) << created.body;
    const std::string item = created.header("location");
    auto page = sec.get(item);
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("Mức thu phí chợ Phú Hòa năm 2026"), std::string::npos);
    EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos) << "content is escaped";
    HttpTestClient anon(port());
    EXPECT_NE(anon.get(org + "/disclosures").body.find("Mức thu phí chợ"), std::string::npos);
    EXPECT_NE(early.get(org + "/disclosures").body.find("Mức thu phí chợ"), std::string::npos)
        << "publishing invalidates the cached board";
    EXPECT_NE(anon.get(org + "/disclosures.atom").body.find("Mức thu phí chợ"), std::string::npos);
    EXPECT_NE(anon.get(org + "/disclosures.csv").body.find("Mức thu phí chợ"), std::string::npos);
    EXPECT_NE(anon.get("/api/v1/orgs/xa-phu-hoa/disclosures").body.find("Mức thu phí chợ"),
              std::string::npos);
    EXPECT_NE(anon.get(org + "/ledger.jsonl").body.find("\"category\":\"xa.12\""),
              std::string::npos);
    std::smatch file;
    ASSERT_TRUE(std::regex_search(page.body, file,
                                  std::regex(R"re(href="([^"]+/files/[0-9]+)">bieu-phi.pdf)re")));
    auto download = anon.get(file[1].str());
    EXPECT_EQ(download.status, 200u);
    EXPECT_EQ(download.header("content-type"), "application/pdf");
    EXPECT_EQ(download.body, pdf);

    // An internal item's file is as private as the item.
    auto internal_fields = fields;
    internal_fields[2].second = "Bảng chấm công tháng 11";
    internal_fields[4].second = "internal";
    auto internal = sec.post_multipart(org + "/disclosures", internal_fields,
                                       {{"attachments", "cham-cong.pdf", "application/pdf", pdf}});
    ASSERT_EQ(internal.status, 303u);
    auto internal_page = sec.get(internal.header("location"));
    ASSERT_TRUE(std::regex_search(internal_page.body, file,
                                  std::regex(R"re(href="([^"]+/files/[0-9]+)">cham-cong.pdf)re")));
    EXPECT_EQ(sec.get(file[1].str()).status, 200u);
    EXPECT_EQ(anon.get(file[1].str()).status, 404u);
    EXPECT_EQ(anon.get(internal.header("location")).status, 404u);
    // A file that only claims to be a PDF is refused.
    auto fake =
        sec.post_multipart(org + "/disclosures", fields,
                           {{"attachments", "gia.pdf", "application/pdf", "<html>x</html>"}});
    EXPECT_EQ(fake.status, 422u);

    // A correction is version 2; version 1 stays in the history.
    fields[2].second = "Mức thu phí chợ Phú Hòa năm 2026 (đính chính)";
    fields.push_back({"correction_note", "Sửa mức phí"});
    auto corrected = sec.post_form(item + "/correct", fields);
    ASSERT_EQ(corrected.status, 303u) << corrected.body;
    auto v2 = anon.get(item);
    EXPECT_NE(v2.body.find("(đính chính)"), std::string::npos);
    EXPECT_NE(v2.body.find("Lịch sử các phiên bản"), std::string::npos);

    // Withdrawal needs a reason.
    auto no_reason = sec.post_form(item + "/withdraw", {{"csrf", csrf}, {"reason", ""}});
    EXPECT_EQ(no_reason.status, 422u);
    auto withdrawn =
        sec.post_form(item + "/withdraw", {{"csrf", csrf}, {"reason", "Ban hành nhầm"}});
    EXPECT_EQ(withdrawn.status, 303u);
    EXPECT_NE(anon.get(item).body.find("Ban hành nhầm"), std::string::npos);
    auto ledger = anon.get(org + "/ledger.jsonl").body;
    EXPECT_NE(ledger.find("\"action\":\"correct\""), std::string::npos);
    EXPECT_NE(ledger.find("\"action\":\"withdraw\""), std::string::npos);

    // A member may not publish.
    HttpTestClient villager(port());
    ASSERT_EQ(login(villager, "dan1").status, 303u);
    auto vform = villager.get("/login");
    fields[0].second = csrf_from(vform);
    EXPECT_EQ(villager.post_form(org + "/disclosures", fields).status, 403u);
}

}  // namespace
}  // namespace danchu::app
