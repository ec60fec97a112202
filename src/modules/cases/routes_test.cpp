// The cases pages over real sockets on SQLite or (DANCHU_TEST_PG) PostgreSQL: the public
// form without JavaScript, receipt tracking and messages, the officer workspace, and —
// route by route, for every kind of visitor — that a denouncer's identity reaches only the
// assigned resolver and the head, through the audited reveal (R-TC-07, R-GEN-04).

#include "identity/routes.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <set>
#include <thread>

#include "http/server.hpp"
#include "http/test_client.hpp"
#include "identity/files.hpp"
#include "identity/store.hpp"
#include "modules/cases/files.hpp"
#include "modules/cases/routes.hpp"
#include "storage/migrations.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace danchu::cases {
namespace {

using http::HttpTestClient;
using http::TestResponse;
using identity::Actor;
using identity::Role;

constexpr const char* kPassword = "mật-khẩu-thử-nghiệm";
constexpr const char* kSecretName = "Đỗ Thị Kínđáo";
constexpr const char* kSecretAddress = "Hẻm Qwzx số 9";
constexpr const char* kSecretPhone = "0977111222";

std::vector<storage::Migration> migrations() {
    auto out = *storage::migrations_from_files(identity::embedded_files());
    auto mine = *storage::migrations_from_files(embedded_files());
    out.insert(out.end(), mine.begin(), mine.end());
    return out;
}

std::string csrf_from(const TestResponse& page) {
    std::smatch m;
    static const std::regex re(R"re(name="csrf" value="([^"]+)")re");
    if (std::regex_search(page.body, m, re)) return m[1];
    return {};
}

std::string receipt_from(const TestResponse& page) {
    std::smatch m;
    static const std::regex re(R"re(id="receipt-code">([0-9A-Z-]+)<)re");
    if (std::regex_search(page.body, m, re)) return m[1];
    return {};
}

// Every log line the site writes during the suite (access log, errors, warnings), so a test
// can look for what must never be logged.
class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
  public:
    std::string text() {
        std::lock_guard lock(mutex_);
        return text_;
    }

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t line;
        formatter_->format(msg, line);
        text_.append(line.data(), line.size());
    }
    void flush_() override {}

  private:
    std::string text_;
};

class CasesSite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new testing::TestDb(migrations());
        hasher_ = new identity::PasswordHasher(
            {.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024});
        key_ = new identity::ServerKey(*identity::ServerKey::from_hex(std::string(64, '3')));
        ids_ = new identity::IdentityServices{db_->db(), clock_, *hasher_, *key_, {}};
        auto sys = Actor::system("test");
        identity::Organisation o;
        o.slug = "so-thu";
        o.name = "Sở Thử nghiệm";
        o.kind = identity::OrgKind::Agency;
        o.setting = identity::Setting::Agency;
        org_ = *identity::create_organisation(*ids_, sys, o);
        for (auto [user, role] :
             std::vector<std::pair<const char*, Role>>{{"giamdoc", Role::Head},
                                                       {"tiepdan", Role::Officer},
                                                       {"xacminh", Role::Officer},
                                                       {"vanphong", Role::Secretary},
                                                       {"thanhtra", Role::Inspector},
                                                       {"nhanvien", Role::Member}}) {
            auto id = *identity::create_person(*ids_, sys,
                                               {user, std::string("Người ") + user, kPassword});
            EXPECT_TRUE(identity::grant_role(*ids_, sys, id, org_, role, ""));
            people_[user] = id;
        }
        people_["congdan"] =
            *identity::create_person(*ids_, sys, {"congdan", "Công Dân", kPassword});

        catalog_ = new web::Catalog(*web::Catalog::load_all(
            {web::embedded_files(), identity::embedded_files(), embedded_files()}));
        renderer_ = new web::Renderer(*catalog_);
        for (auto set : {web::embedded_files(), identity::embedded_files(), embedded_files()})
            ASSERT_TRUE(renderer_->add_templates(set));
        http::ServerOptions options;
        options.address = "127.0.0.1";
        options.port = 0;
        options.handle_signals = false;
        options.access_log = true;  // captured, see CaptureSink
        capture_ = std::make_shared<CaptureSink>();
        previous_logger_ = spdlog::default_logger();
        auto logger = std::make_shared<spdlog::logger>("capture", capture_);
        logger->set_level(spdlog::level::trace);
        spdlog::set_default_logger(logger);
        server_ = new http::Server(options);
        web_ = new identity::WebServices{*ids_, *renderer_, server_->router(), {}};
        server_->use_before([](http::Request& r) { return identity::before_request(*web_, r); });
        server_->use_after(
            [](http::Request& r, http::Response& res) { identity::after_request(*web_, r, res); });
        identity::register_routes(server_->router(), *web_);
        auto state = wire(server_->router(), *web_, clock_);
        ASSERT_TRUE(state);
        state_ = new std::shared_ptr<void>(*state);
        server_->start();
    }
    static void TearDownTestSuite() {
        // stop() only asks; the server's threads log until wait() returns, and the default
        // logger must outlive them.
        server_->stop();
        server_->wait();
        spdlog::set_default_logger(previous_logger_);
        delete server_;
        delete state_;
        delete web_;
        delete renderer_;
        delete catalog_;
        delete ids_;
        delete key_;
        delete hasher_;
        delete db_;
    }

    static std::uint16_t port() { return server_->port(); }

    static void login(HttpTestClient& c, const std::string& user) {
        auto form = c.get("/login");
        auto r = c.post_form(
            "/login", {{"username", user}, {"password", kPassword}, {"csrf", csrf_from(form)}});
        ASSERT_EQ(r.status, 303u) << user;
    }

    // Files a denunciation through the public form as an anonymous visitor.
    static TestResponse file_denunciation(HttpTestClient& c) {
        auto form = c.get("/o/so-thu/cases/new");
        EXPECT_EQ(form.status, 200u);
        return c.post_form("/o/so-thu/cases/new", {{"csrf", csrf_from(form)},
                                                   {"kind", "denunciation"},
                                                   {"subject", "Tố cáo nhận hối lộ"},
                                                   {"body", "Nhận tiền để cấp phép."},
                                                   {"respondent", "Ông Trưởng phòng X"},
                                                   {"name", kSecretName},
                                                   {"address", kSecretAddress},
                                                   {"contact", kSecretPhone}});
    }

    static std::string case_id_of(const TestResponse& filed) {
        std::smatch m;
        static const std::regex re(R"re(id="case-number" data-case-id="(\d+)")re");
        if (std::regex_search(filed.body, m, re)) return m[1];
        return {};
    }

    static bool leaks(const std::string& body) {
        for (const char* s : {kSecretName, kSecretAddress, kSecretPhone})
            if (body.find(s) != std::string::npos) return true;
        return false;
    }

    static inline std::shared_ptr<CaptureSink> capture_{};
    static inline std::shared_ptr<spdlog::logger> previous_logger_{};
    static inline testing::FakeClock clock_{};
    static inline testing::TestDb* db_ = nullptr;
    static inline identity::PasswordHasher* hasher_ = nullptr;
    static inline identity::ServerKey* key_ = nullptr;
    static inline identity::IdentityServices* ids_ = nullptr;
    static inline web::Catalog* catalog_ = nullptr;
    static inline web::Renderer* renderer_ = nullptr;
    static inline http::Server* server_ = nullptr;
    static inline identity::WebServices* web_ = nullptr;
    static inline std::shared_ptr<void>* state_ = nullptr;
    static inline OrgId org_{};
    static inline std::map<std::string, PersonId> people_{};
};

TEST_F(CasesSite, PublicFormWorksWithoutJavaScriptAndGivesAReceiptOnce) {
    HttpTestClient c(port());
    auto form = c.get("/o/so-thu/cases/new");
    EXPECT_EQ(form.status, 200u);
    EXPECT_EQ(form.body.find("<script"), std::string::npos);
    EXPECT_EQ(form.body.find("name=\"channel\""), std::string::npos)
        << "visitors file on the web only";
    auto filed = file_denunciation(c);
    ASSERT_EQ(filed.status, 200u);
    EXPECT_EQ(filed.header("cache-control"), "no-store");
    const std::string code = receipt_from(filed);
    ASSERT_EQ(code.size(), 24u);
    // Tracking: POST, so the code never appears in a URL or an access log.
    auto track = c.get("/track");
    auto r = c.post_form("/track", {{"csrf", csrf_from(track)}, {"code", code}});
    EXPECT_EQ(r.status, 200u);
    EXPECT_NE(r.body.find("Đã tiếp nhận"), std::string::npos);
    EXPECT_FALSE(leaks(r.body));
    auto m = c.post_form(
        "/track/message",
        {{"csrf", csrf_from(track)}, {"code", code}, {"body", "Tôi có thêm ảnh chụp."}});
    EXPECT_EQ(m.status, 200u);
    EXPECT_NE(m.body.find("Tôi có thêm ảnh chụp."), std::string::npos);
    auto wrong =
        c.post_form("/track", {{"csrf", csrf_from(track)}, {"code", "0000-0000-0000-0000-0000"}});
    EXPECT_EQ(wrong.status, 404u);
    EXPECT_NE(wrong.body.find("Mã tra cứu không đúng"), std::string::npos);
}

TEST_F(CasesSite, MoreConcurrentFilingsThanWorkersAllCommitThroughTheGroupCommitter) {
    // 24 citizens post at once to a server with 8 handler threads: the workers wait on the
    // committer, which needs none of them, so every request is answered with its own code.
    const int clients = 24;
    ASSERT_GT(clients, static_cast<int>(server_->options().worker_threads));
    long long before = 0;
    {
        auto tx = db_->db().begin(storage::Access::Read);
        before = tx.scalar<std::int64_t>("SELECT COUNT(*) FROM cases").value_or(0);
    }
    std::vector<std::string> codes(clients);
    std::vector<unsigned> statuses(clients);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
        threads.emplace_back([&, i] {
            HttpTestClient c(port());
            auto r = file_denunciation(c);
            statuses[static_cast<std::size_t>(i)] = r.status;
            codes[static_cast<std::size_t>(i)] = receipt_from(r);
        });
    for (auto& t : threads) t.join();
    std::set<std::string> distinct;
    for (int i = 0; i < clients; ++i) {
        EXPECT_EQ(statuses[static_cast<std::size_t>(i)], 200u);
        EXPECT_FALSE(codes[static_cast<std::size_t>(i)].empty());
        distinct.insert(codes[static_cast<std::size_t>(i)]);
    }
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(clients));
    auto tx = db_->db().begin(storage::Access::Read);
    EXPECT_EQ(tx.scalar<std::int64_t>("SELECT COUNT(*) FROM cases").value_or(0), before + clients);
}

TEST_F(CasesSite, MissingFieldsComeBackAs4xxWithVietnameseMessages) {
    HttpTestClient c(port());
    auto form = c.get("/o/so-thu/cases/new");
    auto r = c.post_form("/o/so-thu/cases/new",
                         {{"csrf", csrf_from(form)}, {"kind", "denunciation"}, {"body", "x"}});
    EXPECT_EQ(r.status, 422u);
    EXPECT_NE(r.body.find("Luật Tố cáo, Điều 23"), std::string::npos);
    auto bad = c.post_form("/o/so-thu/cases/new",
                           {{"csrf", csrf_from(form)}, {"kind", "nope"}, {"body", "x"}});
    EXPECT_EQ(bad.status, 400u);
    auto channel = c.post_form(
        "/o/so-thu/cases/new",
        {{"csrf", csrf_from(form)}, {"kind", "complaint"}, {"channel", "letter"}, {"body", "x"}});
    EXPECT_EQ(channel.status, 303u) << "a visitor choosing a staff channel is sent to sign in";
}

TEST_F(CasesSite, WorkspaceRoutesByRole) {
    HttpTestClient anon(port());
    auto filed = file_denunciation(anon);
    const std::string id = case_id_of(filed);
    ASSERT_FALSE(id.empty());
    const std::string show = "/o/so-thu/cases/" + id;
    struct Expect {
        const char* user;
        unsigned list;
        unsigned show;
    };
    for (auto e : std::vector<Expect>{{"giamdoc", 200, 200},
                                      {"tiepdan", 200, 200},
                                      {"vanphong", 403, 403},
                                      {"thanhtra", 403, 403},
                                      {"nhanvien", 403, 403},
                                      {"congdan", 403, 403}}) {
        HttpTestClient c(port());
        login(c, e.user);
        EXPECT_EQ(c.get("/o/so-thu/cases").status, e.list) << e.user;
        EXPECT_EQ(c.get("/o/so-thu/cases?view=overdue").status, e.list) << e.user;
        EXPECT_EQ(c.get(show).status, e.show) << e.user;
        EXPECT_EQ(c.get("/cases/mine").status, 200u) << e.user;
    }
    HttpTestClient c(port());
    login(c, "tiepdan");
    EXPECT_EQ(c.get("/o/so-thu/cases?view=bogus").status, 422u);
    EXPECT_EQ(c.get("/o/so-thu/cases/999999").status, 404u);
    EXPECT_EQ(c.get("/o/khong-co/cases").status, 404u);
}

TEST_F(CasesSite, OfficerAcceptsAssignsAndSeesRefusalsExplained) {
    HttpTestClient anon(port());
    const std::string id = case_id_of(file_denunciation(anon));
    const std::string base = "/o/so-thu/cases/" + id;
    HttpTestClient c(port());
    login(c, "tiepdan");
    auto page = c.get(base);
    const std::string csrf = csrf_from(page);
    // Closing a received denunciation is not a legal move: 409 with the reason.
    auto refused = c.post_form(base + "/transition", {{"csrf", csrf}, {"to", "closed"}});
    EXPECT_EQ(refused.status, 409u);
    EXPECT_NE(refused.body.find("Không thể chuyển hồ sơ"), std::string::npos);
    EXPECT_EQ(c.post_form(base + "/transition",
                          {{"csrf", csrf}, {"to", "accepted"}, {"document_number", "01/TL"}})
                  .status,
              303u);
    EXPECT_EQ(c.post_form(base + "/assign",
                          {{"csrf", csrf}, {"assignee", std::to_string(people_["xacminh"].value)}})
                  .status,
              303u);
    auto after = c.get(base);
    EXPECT_NE(after.body.find("Người xacminh"), std::string::npos);
    EXPECT_NE(after.body.find("Luật Tố cáo 2018"), std::string::npos);
    // A response template fills the message box without JavaScript.
    auto templ = c.get(base + "?template=more_info");
    EXPECT_NE(templ.body.find(">Để có cơ sở xem xét"), std::string::npos);
    // Notes stay internal: the citizen's tracking page never shows them.
    EXPECT_EQ(c.post_form(base + "/message",
                          {{"csrf", csrf}, {"body", "Ghi chú kín XYZ"}, {"internal", "1"}})
                  .status,
              303u);
}

TEST_F(CasesSite, DenouncerIdentityReachesOnlyResolverAndHeadRouteByRoute_R_TC_07) {
    HttpTestClient anon(port());
    auto filed = file_denunciation(anon);
    EXPECT_FALSE(leaks(filed.body)) << "not even echoed on the receipt page";
    const std::string code = receipt_from(filed);
    const std::string id = case_id_of(filed);
    const std::string base = "/o/so-thu/cases/" + id;
    {
        HttpTestClient c(port());
        login(c, "tiepdan");
        auto p = c.get(base);
        ASSERT_EQ(
            c.post_form(base + "/transition", {{"csrf", csrf_from(p)}, {"to", "accepted"}}).status,
            303u);
        ASSERT_EQ(
            c.post_form(base + "/assign", {{"csrf", csrf_from(p)},
                                           {"assignee", std::to_string(people_["xacminh"].value)}})
                .status,
            303u);
    }
    long long audited_before = 0;
    {
        auto tx = db_->db().begin(storage::Access::Read);
        audited_before = identity::store::count_audit(tx, "cases.identity_revealed");
    }
    // Every route, every visitor: no plaintext identity on any page, list, tracking page
    // or error, and the reveal refused — except for the resolver and the head.
    for (const char* user :
         {"", "congdan", "nhanvien", "vanphong", "thanhtra", "tiepdan", "xacminh", "giamdoc"}) {
        HttpTestClient c(port());
        if (*user) login(c, user);
        const std::string who = *user ? user : "anonymous";
        auto form = c.get("/o/so-thu/cases/new");
        const std::string csrf = csrf_from(form);
        std::vector<TestResponse> pages = {
            form,
            c.get("/o/so-thu/cases"),
            c.get("/o/so-thu/cases?view=due_soon"),
            c.get("/o/so-thu/cases?kind=denunciation"),
            c.get(base),
            c.get("/cases/mine"),
            c.post_form("/track", {{"csrf", csrf}, {"code", code}}),
            c.post_form(base + "/message", {{"csrf", csrf}, {"body", ""}}),
            c.post_form(base + "/transition", {{"csrf", csrf}, {"to", "closed"}}),
        };
        for (const auto& p : pages) EXPECT_FALSE(leaks(p.body)) << who;
        auto reveal = c.post_form(base + "/reveal", {{"csrf", csrf}});
        const bool allowed = who == "xacminh" || who == "giamdoc";
        if (allowed) {
            EXPECT_EQ(reveal.status, 200u) << who;
            EXPECT_NE(reveal.body.find(kSecretName), std::string::npos) << who;
            EXPECT_NE(reveal.body.find(kSecretPhone), std::string::npos) << who;
            EXPECT_EQ(reveal.header("cache-control"), "no-store");
        } else {
            EXPECT_TRUE(reveal.status == 403u || reveal.status == 303u)
                << who << " " << reveal.status;
            EXPECT_FALSE(leaks(reveal.body)) << who;
        }
    }
    auto tx = db_->db().begin(storage::Access::Read);
    EXPECT_EQ(identity::store::count_audit(tx, "cases.identity_revealed"), audited_before + 2);
}

TEST_F(CasesSite, ReceptionCalendarIsPublicAndWarnsTheOffice_R_TCD_01_02) {
    HttpTestClient anon(port());
    auto pub = anon.get("/o/so-thu/reception");
    EXPECT_EQ(pub.status, 200u);
    EXPECT_EQ(pub.body.find("Luật Tiếp công dân, Điều 18"), std::string::npos)
        << "warnings are internal";
    EXPECT_EQ(anon.post_form("/o/so-thu/reception/days",
                             {{"csrf", csrf_from(anon.get("/track"))}, {"day", "2026-12-01"}})
                  .status,
              303u);
    HttpTestClient officer(port());
    login(officer, "tiepdan");
    auto op = officer.get("/o/so-thu/reception");
    EXPECT_EQ(
        officer
            .post_form("/o/so-thu/reception/days", {{"csrf", csrf_from(op)}, {"day", "2026-12-01"}})
            .status,
        403u);
    HttpTestClient head(port());
    login(head, "giamdoc");
    auto hp = head.get("/o/so-thu/reception");
    EXPECT_NE(hp.body.find("Luật Tiếp công dân, Điều 18"), std::string::npos)
        << "a month without a day";
    EXPECT_EQ(head.post_form("/o/so-thu/reception/info", {{"csrf", csrf_from(hp)},
                                                          {"place", "Phòng tiếp dân"},
                                                          {"hotline", "0294 3850 999"}})
                  .status,
              303u);
    EXPECT_EQ(
        head.post_form("/o/so-thu/reception/days", {{"csrf", csrf_from(hp)}, {"day", "2020-01-01"}})
            .status,
        422u);
    EXPECT_EQ(head.post_form("/o/so-thu/reception/days",
                             {{"csrf", csrf_from(hp)}, {"day", "2026-03-05"}, {"host", "Giám đốc"}})
                  .status,
              303u);
    auto after = head.get("/o/so-thu/reception");
    EXPECT_NE(after.body.find("niêm yết muộn"), std::string::npos);
    EXPECT_NE(anon.get("/o/so-thu/reception").body.find("0294 3850 999"), std::string::npos);
}

TEST_F(CasesSite, StatisticsForStaffWithChartsAndJson) {
    HttpTestClient member(port());
    login(member, "nhanvien");
    EXPECT_EQ(member.get("/o/so-thu/cases/stats").status, 403u);
    HttpTestClient c(port());
    login(c, "vanphong");
    auto page = c.get("/o/so-thu/cases/stats?from=2026-01-01&to=2026-12-31");
    EXPECT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("<svg"), std::string::npos);
    auto json = c.get("/o/so-thu/cases/stats?from=2026-01-01&to=2026-12-31&format=json");
    EXPECT_EQ(json.status, 200u);
    EXPECT_NE(json.body.find("\"received\""), std::string::npos);
    EXPECT_EQ(c.get("/o/so-thu/cases/stats?from=2026-13-01").status, 422u);
}

TEST_F(CasesSite, AttachmentsUploadAsMultipartAndDownloadOnlyForResolverAndHead) {
    HttpTestClient anon(port());
    auto form = anon.get("/o/so-thu/cases/new");
    EXPECT_NE(form.body.find("multipart/form-data"), std::string::npos);
    const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "anh chup bien lai";
    auto filed = anon.post_multipart("/o/so-thu/cases/new",
                                     {{"csrf", csrf_from(form)},
                                      {"kind", "denunciation"},
                                      {"body", "Nhận tiền."},
                                      {"respondent", "Ông X"},
                                      {"name", kSecretName},
                                      {"address", kSecretAddress},
                                      {"contact", kSecretPhone}},
                                     {{"attachments", "anh.png", "image/png", png}});
    ASSERT_EQ(filed.status, 200u) << filed.body;
    const std::string id = case_id_of(filed);
    auto fake =
        anon.post_multipart("/o/so-thu/cases/new",
                            {{"csrf", csrf_from(form)},
                             {"kind", "feedback"},
                             {"body", "x"},
                             {"name", "A"},
                             {"address", "B"},
                             {"contact", "C"}},
                            {{"attachments", "virus.pdf", "application/pdf", "MZ not a pdf"}});
    EXPECT_EQ(fake.status, 422u);
    EXPECT_NE(fake.body.find("PDF, JPEG hoặc PNG"), std::string::npos);
    const std::string base = "/o/so-thu/cases/" + id;
    HttpTestClient officer(port());
    login(officer, "tiepdan");
    auto page = officer.get(base);
    ASSERT_EQ(
        officer.post_form(base + "/transition", {{"csrf", csrf_from(page)}, {"to", "accepted"}})
            .status,
        303u);
    ASSERT_EQ(
        officer
            .post_form(base + "/assign", {{"csrf", csrf_from(page)},
                                          {"assignee", std::to_string(people_["xacminh"].value)}})
            .status,
        303u);
    page = officer.get(base);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(page.body, m, std::regex(R"re(href="([^"]+/files/\d+)")re")))
        << "no link for a verifier";
    HttpTestClient head(port());
    login(head, "giamdoc");
    auto hp = head.get(base);
    ASSERT_TRUE(std::regex_search(hp.body, m, std::regex(R"re(href="([^"]+/files/\d+)")re")));
    const std::string file = m[1];
    auto got = head.get(file);
    EXPECT_EQ(got.status, 200u);
    EXPECT_EQ(got.header("content-type"), "image/png");
    EXPECT_EQ(got.body, png);
    EXPECT_EQ(officer.get(file).status, 403u);
    EXPECT_EQ(anon.get(file).status, 303u);
}

TEST_F(CasesSite, ASignedInCitizenSeesTheirCasesWithoutTheCode) {
    HttpTestClient c(port());
    login(c, "congdan");
    auto form = c.get("/o/so-thu/cases/new");
    auto filed = c.post_form("/o/so-thu/cases/new", {{"csrf", csrf_from(form)},
                                                     {"kind", "recommendation"},
                                                     {"subject", "Kiến nghị lắp đèn đường Qmzk"},
                                                     {"body", "Đề nghị lắp đèn."},
                                                     {"name", "Công Dân"},
                                                     {"address", "Phú Hòa"},
                                                     {"contact", "0900"}});
    ASSERT_EQ(filed.status, 200u);
    auto mine = c.get("/cases/mine");
    EXPECT_EQ(mine.status, 200u);
    EXPECT_NE(mine.body.find("Kiến nghị lắp đèn đường Qmzk"), std::string::npos);
    HttpTestClient other(port());
    login(other, "nhanvien");
    EXPECT_EQ(other.get("/cases/mine").body.find("Qmzk"), std::string::npos);
}

TEST_F(CasesSite, TrackingGuessesAreThrottledWith429) {
    HttpTestClient c(port());
    auto form = c.get("/track");
    const std::string csrf = csrf_from(form);
    // The test client always comes from 127.0.0.1; earlier tests may have failed a few.
    unsigned last = 0;
    for (int i = 0; i < 12; ++i)
        last = c.post_form("/track", {{"csrf", csrf}, {"code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"}}).status;
    EXPECT_EQ(last, 429u);
    auto r = c.post_form("/track", {{"csrf", csrf}, {"code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"}});
    EXPECT_NE(r.body.find("quá nhiều lần"), std::string::npos);
    clock_.advance(std::chrono::minutes{16});
}

TEST_F(CasesSite, AReceiptCodeNeverReachesTheLogsOrTheAudit) {
    const std::size_t start = capture_->text().size();
    HttpTestClient c(port());
    auto filed = file_denunciation(c);
    ASSERT_EQ(filed.status, 200u);
    const std::string code = receipt_from(filed);
    ASSERT_EQ(code.size(), 24u);
    auto form = c.get("/track");
    const std::string csrf = csrf_from(form);
    EXPECT_EQ(c.post_form("/track", {{"csrf", csrf}, {"code", code}}).status, 200u);
    auto sent = c.post_form("/track/message",
                            {{"csrf", csrf}, {"code", code}, {"body", "Tôi bổ sung chứng cứ."}});
    EXPECT_LT(sent.status, 400u);
    // A failed attempt: a near miss of the real code (the last character changed).
    std::string wrong = code;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_EQ(c.post_form("/track", {{"csrf", csrf}, {"code", wrong}}).status, 404u);
    // The officer answers; the citizen reads the answer with the code.
    auto id = case_id_of(filed);
    {
        HttpTestClient officer(port());
        login(officer, "tiepdan");
        auto page = officer.get("/o/so-thu/cases/" + id);
        auto r = officer.post_form("/o/so-thu/cases/" + id + "/message",
                                   {{"csrf", csrf_from(page)}, {"body", "Đã nhận chứng cứ."}});
        EXPECT_LT(r.status, 400u);
    }
    EXPECT_EQ(c.post_form("/track", {{"csrf", csrf}, {"code", code}}).status, 200u);
    // The access log line of the last request is written after its response.
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    // A last request with a mark: once its access-log line is there, so are the others'.
    EXPECT_EQ(c.get("/track?mark=receipt-log-test").status, 200u);
    std::string log;
    for (int i = 0; i < 500; ++i) {
        log = capture_->text().substr(start);
        if (log.find("mark=receipt-log-test") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GE(count(log, "route=cases.track.submit"), 3u) << "no access log";
    ASSERT_NE(log.find("route=cases.track.message"), std::string::npos) << "no access log";
    std::string bare, lower;
    for (char ch : code)
        if (ch != '-') bare += ch;
    for (char ch : bare) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const std::string& secret : {code, bare, lower, wrong}) {
        EXPECT_EQ(log.find(secret), std::string::npos) << "in the log: " << secret;
        // The audit trail and the case history hold no code either.
        auto tx = db_->db().begin(storage::Access::Read);
        std::int64_t n = 0;
        std::string like = "%" + secret + "%";
        ASSERT_TRUE(tx.find(
            "SELECT COUNT(*) FROM audit_events WHERE detail LIKE :s OR object_id LIKE :s2 OR "
            "action LIKE :s3",
            storage::into(n), storage::use(like, "s"), storage::use(like, "s2"),
            storage::use(like, "s3")));
        EXPECT_EQ(n, 0) << "in the audit: " << secret;
        ASSERT_TRUE(
            tx.find("SELECT COUNT(*) FROM cases_events WHERE detail LIKE :s OR action LIKE :s2",
                    storage::into(n), storage::use(like, "s"), storage::use(like, "s2")));
        EXPECT_EQ(n, 0) << "in the history: " << secret;
    }
    clock_.advance(std::chrono::minutes{16});  // the failed attempt leaves the throttle window
}

TEST_F(CasesSite, ReceptionLogPageRecordsVisitsAndMakesCases_R_TCD_01_02) {
    HttpTestClient officer(port());
    login(officer, "tiepdan");
    auto page = officer.get("/o/so-thu/reception/log");
    ASSERT_EQ(page.status, 200u);
    const std::string csrf = csrf_from(page);
    ASSERT_FALSE(csrf.empty());
    auto added = officer.post_form("/o/so-thu/reception/log",
                                   {{"csrf", csrf},
                                    {"name", "Vương Thị Khách"},
                                    {"address", "Ấp Wqxy"},
                                    {"contact", "0900111000"},
                                    {"subject", "Phản ánh đèn đường hỏng ở ấp Wqxy."}});
    EXPECT_EQ(added.status, 303u);
    EXPECT_EQ(
        officer.post_form("/o/so-thu/reception/log", {{"csrf", csrf}, {"subject", ""}}).status,
        422u);
    page = officer.get("/o/so-thu/reception/log");
    EXPECT_NE(page.body.find("Vương Thị Khách"), std::string::npos);
    std::smatch m;
    static const std::regex action_re(R"re(action="(/o/so-thu/reception/log/(\d+)/case)")re");
    ASSERT_TRUE(std::regex_search(page.body, m, action_re));
    const std::string action = m[1];
    // Another officer reads the log without the visitor; the secretary and visitors not at all.
    {
        HttpTestClient other(port());
        login(other, "xacminh");
        auto r = other.get("/o/so-thu/reception/log");
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.body.find("Vương Thị Khách"), std::string::npos);
        EXPECT_NE(r.body.find("Phản ánh đèn đường hỏng"), std::string::npos);
        HttpTestClient secretary(port());
        login(secretary, "vanphong");
        EXPECT_EQ(secretary.get("/o/so-thu/reception/log").status, 403u);
        auto post = secretary.post_form(
            action,
            {{"csrf", csrf_from(secretary.get("/o/so-thu/reception"))}, {"kind", "feedback"}});
        EXPECT_EQ(post.status, 403u);
        HttpTestClient anonymous(port());
        EXPECT_NE(anonymous.get("/o/so-thu/reception/log").status, 200u);
    }
    auto filed = officer.post_form(action, {{"csrf", csrf}, {"kind", "feedback"}});
    ASSERT_EQ(filed.status, 200u) << filed.body.substr(0, 400);
    EXPECT_FALSE(receipt_from(filed).empty());
    const std::string id = case_id_of(filed);
    auto shown = officer.get("/o/so-thu/cases/" + id);
    EXPECT_NE(shown.body.find("id=\"case-reception-entry\""), std::string::npos);
    page = officer.get("/o/so-thu/reception/log");
    EXPECT_NE(page.body.find("/o/so-thu/cases/" + id + "\""), std::string::npos);
    EXPECT_EQ(officer.post_form(action, {{"csrf", csrf}, {"kind", "feedback"}}).status, 409u);
}

TEST_F(CasesSite, UnitCasesPageForTheUnitsHead) {
    auto sys = Actor::system("test");
    identity::Organisation u;
    u.slug = "phong-mot";
    u.name = "Phòng Một";
    u.kind = identity::OrgKind::Unit;
    u.parent = org_;
    u.id = *identity::create_organisation(*ids_, sys, u);
    auto head =
        *identity::create_person(*ids_, sys, {"truongphong", "Trưởng Phòng Một", kPassword});
    ASSERT_TRUE(identity::grant_role(*ids_, sys, head, u.id, Role::Head, ""));
    ASSERT_TRUE(identity::grant_role(*ids_, sys, people_["xacminh"], u.id, Role::Member, ""));
    // A case assigned to xacminh, who works in the unit.
    HttpTestClient citizen(port());
    auto filed = file_denunciation(citizen);
    const std::string id = case_id_of(filed);
    {
        HttpTestClient boss(port());
        login(boss, "giamdoc");
        auto page = boss.get("/o/so-thu/cases/" + id);
        const std::string csrf = csrf_from(page);
        ASSERT_EQ(boss.post_form("/o/so-thu/cases/" + id + "/transition",
                                 {{"csrf", csrf}, {"to", "accepted"}})
                      .status,
                  303u);
        ASSERT_EQ(
            boss.post_form("/o/so-thu/cases/" + id + "/assign",
                           {{"csrf", csrf}, {"assignee", std::to_string(people_["xacminh"].value)}})
                .status,
            303u);
    }
    HttpTestClient c(port());
    login(c, "truongphong");
    auto r = c.get("/o/phong-mot/cases/unit");
    ASSERT_EQ(r.status, 200u);
    EXPECT_NE(r.body.find("id=\"unit-cases\""), std::string::npos);
    std::smatch m;
    static const std::regex number_re(
        R"re(id="case-number" data-case-id="\d+">([0-9]+/[0-9]{4})<)re");
    ASSERT_TRUE(std::regex_search(filed.body, m, number_re));
    EXPECT_NE(r.body.find(">" + std::string(m[1]) + "<"), std::string::npos);  // "n/2026"
    // The unit's head reads the list, not the case page (the resolver and the agency do).
    EXPECT_EQ(r.body.find("/o/so-thu/cases/" + id + "\""), std::string::npos);
    EXPECT_FALSE(leaks(r.body));
    HttpTestClient member(port());
    login(member, "nhanvien");
    EXPECT_EQ(member.get("/o/phong-mot/cases/unit").status, 403u);
    HttpTestClient anonymous(port());
    EXPECT_NE(anonymous.get("/o/phong-mot/cases/unit").status, 200u);
    EXPECT_EQ(c.get("/o/so-thu/cases/unit").status, 404u);  // not a unit
}

}  // namespace
}  // namespace danchu::cases
