// The disclosure pages over real sockets, with an injected clock: what an anonymous visitor
// is served from the page cache, and how item bodies are rendered.

#include "modules/disclosures/routes.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "http/server.hpp"
#include "http/test_client.hpp"
#include "identity/files.hpp"
#include "identity/routes.hpp"
#include "identity/stamps.hpp"
#include "modules/disclosures/files.hpp"
#include "storage/migrations.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"
#include "web/i18n.hpp"
#include "web/page_cache.hpp"
#include "web/render.hpp"

namespace danchu::disclosures {
namespace {

using http::HttpTestClient;
using identity::Actor;
using identity::Role;
using namespace std::chrono_literals;

std::vector<storage::Migration> migrations() {
    auto out = *storage::migrations_from_files(identity::embedded_files());
    auto mine = *storage::migrations_from_files(embedded_files());
    out.insert(out.end(), mine.begin(), mine.end());
    return out;
}

// A local time in Vietnam (UTC+7, no daylight saving).
TimePoint vn_time(int y, unsigned m, unsigned d, int hour, int minute, int second = 0) {
    using namespace std::chrono;
    return TimePoint{sys_days{year{y} / month{m} / day{d}}} + hours{hour - 7} + minutes{minute} +
           seconds{second};
}

class DisclosuresSite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        clock_.set(vn_time(2026, 3, 2, 9, 0));
        db_ = new testing::TestDb(migrations());
        hasher_ = new identity::PasswordHasher(
            {.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024});
        key_ = new identity::ServerKey(*identity::ServerKey::from_hex(std::string(64, '5')));
        ids_ = new identity::IdentityServices{db_->db(), clock_, *hasher_, *key_, {}};
        // A long stamp TTL: cached pages stay valid across the test's clock jumps unless the
        // cache key itself changes.
        stamps_ = new identity::VersionStamps(db_->db(), clock_, std::chrono::hours{48});
        ids_->stamps = stamps_;
        auto sys = Actor::system("test");
        identity::Organisation o;
        o.slug = "so-thu";
        o.name = "Sở Thử nghiệm";
        o.kind = identity::OrgKind::Agency;
        o.setting = identity::Setting::Agency;
        o.id = *identity::create_organisation(*ids_, sys, o);
        org_ = o;
        auto sec = *identity::create_person(*ids_, sys, {"vanphong", "Văn Phòng", "mật-khẩu-thử"});
        ASSERT_TRUE(identity::grant_role(*ids_, sys, sec, o.id, Role::Secretary, ""));
        secretary_.person = sec;
        secretary_.display_name = "Văn Phòng";
        secretary_.memberships = {{sec, o.id, Role::Secretary, ""}};

        rules_ = new vn::RuleTable(*vn::RuleTable::load());
        calendar_ = new vn::WorkCalendar(*vn::WorkCalendar::load());
        categories_ = new CategoryTable(*CategoryTable::load());
        catalog_ = new web::Catalog(*web::Catalog::load_all(
            {web::embedded_files(), identity::embedded_files(), embedded_files()}));
        renderer_ = new web::Renderer(*catalog_);
        for (auto set : {web::embedded_files(), identity::embedded_files(), embedded_files()})
            ASSERT_TRUE(renderer_->add_templates(set));
        http::ServerOptions options;
        options.address = "127.0.0.1";
        options.port = 0;
        options.handle_signals = false;
        options.access_log = false;
        server_ = new http::Server(options);
        cache_ = new web::PageCache();
        web_ = new identity::WebServices{*ids_, *renderer_, server_->router(), {}};
        web_->page_cache = cache_;
        server_->use_before([](http::Request& r) { return identity::before_request(*web_, r); });
        server_->use_after(
            [](http::Request& r, http::Response& res) { identity::after_request(*web_, r, res); });
        identity::register_routes(server_->router(), *web_);
        services_ =
            new WebServices{*web_, DisclosureServices{*ids_, *categories_, *rules_, *calendar_}};
        register_routes(server_->router(), *services_);
        server_->start();
    }
    static void TearDownTestSuite() {
        server_->stop();
        delete server_;
        delete services_;
        delete web_;
        delete cache_;
        delete renderer_;
        delete catalog_;
        delete categories_;
        delete calendar_;
        delete rules_;
        delete stamps_;
        delete ids_;
        delete key_;
        delete hasher_;
        delete db_;
    }

    static std::uint16_t port() { return server_->port(); }

    static ItemInput input(std::string title) {
        ItemInput in;
        in.category = "cq.03";
        in.title = std::move(title);
        in.body = "Nội dung công khai.";
        in.audience = "public";
        in.decision_ref = "Quyết định số 12/QĐ-STTTT";
        in.decision_date = "2026-02-27";
        in.channels = "internal_system,staff_conference";
        return in;
    }

    static inline testing::FakeClock clock_{};
    static inline testing::TestDb* db_ = nullptr;
    static inline identity::PasswordHasher* hasher_ = nullptr;
    static inline identity::ServerKey* key_ = nullptr;
    static inline identity::IdentityServices* ids_ = nullptr;
    static inline identity::VersionStamps* stamps_ = nullptr;
    static inline vn::RuleTable* rules_ = nullptr;
    static inline vn::WorkCalendar* calendar_ = nullptr;
    static inline CategoryTable* categories_ = nullptr;
    static inline web::Catalog* catalog_ = nullptr;
    static inline web::Renderer* renderer_ = nullptr;
    static inline web::PageCache* cache_ = nullptr;
    static inline http::Server* server_ = nullptr;
    static inline identity::WebServices* web_ = nullptr;
    static inline WebServices* services_ = nullptr;
    static inline identity::Organisation org_{};
    static inline Actor secretary_{};
};

TEST_F(DisclosuresSite, ACachedPageDoesNotShowPublishedAfterThePostingEndsAtLocalMidnight) {
    clock_.set(vn_time(2026, 3, 2, 9, 0));
    auto in = input("Kế hoạch mua sắm tài sản năm 2026");
    in.posting_end = "2026-03-31";
    auto id = publish_new(services_->domain, secretary_, org_, in);
    ASSERT_TRUE(id) << id.error().message_key;
    const std::string board = "/o/so-thu/disclosures";
    const std::string item = board + "/" + std::to_string(id->value);
    HttpTestClient anon(port());
    clock_.set(vn_time(2026, 3, 31, 23, 59, 50));  // the last day of the posting, 23:59:50
    for (const auto& path : {board, item}) {
        auto first = anon.get(path);
        ASSERT_EQ(first.status, 200u);
        EXPECT_NE(first.body.find("Đang công khai"), std::string::npos) << path;
    }
    const auto hits = cache_->stats().hits;
    EXPECT_NE(anon.get(board).body.find("<td>Đang công khai"), std::string::npos);
    EXPECT_GT(cache_->stats().hits, hits) << "the anonymous board is served from the cache";

    clock_.set(vn_time(2026, 4, 1, 0, 0, 10));  // 20 seconds later: the posting has ended
    auto after = anon.get(board);
    EXPECT_EQ(after.body.find("<td>Đang công khai"), std::string::npos);
    EXPECT_NE(after.body.find("<td>Hết thời hạn niêm yết"), std::string::npos);
    auto page = anon.get(item);
    EXPECT_NE(page.body.find("Hết thời hạn niêm yết"), std::string::npos);
}

TEST_F(DisclosuresSite, TheQuarterlyRegisterIsPrintableAsDocxAndPdf) {
    clock_.set(vn_time(2026, 5, 4, 9, 0));
    auto in = input("Danh sách nâng bậc lương quý II");
    in.audience = "internal";
    in.decision_date = "2026-04-29";
    ASSERT_TRUE(publish_new(services_->domain, secretary_, org_, in));
    HttpTestClient anon(port());
    auto page = anon.get("/o/so-thu/disclosure-register?year=2026&quarter=2");
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("disclosure-register.docx?year=2026&amp;quarter=2"), std::string::npos)
        << "the page links its printable document";
    // The document is built from the same rows as the page: a non-member sees no internal item.
    EXPECT_EQ(page.body.find("Danh sách nâng bậc lương"), std::string::npos);
    auto docx = anon.get("/o/so-thu/disclosure-register.docx?year=2026&quarter=2");
    ASSERT_EQ(docx.status, 200u) << docx.body;
    EXPECT_EQ(docx.body.substr(0, 2), "PK");
    EXPECT_NE(docx.header("content-disposition").find("danh-muc-cong-khai-so-thu-2026-q2.docx"),
              std::string::npos);
    // A zip stores file contents compressed, but names in clear: the document is there.
    EXPECT_NE(docx.body.find("word/document.xml"), std::string::npos);
    auto pdf = anon.get("/o/so-thu/disclosure-register.pdf?year=2026&quarter=2");
    ASSERT_EQ(pdf.status, 200u);
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    EXPECT_EQ(anon.get("/o/so-thu/disclosure-register.pdf?quarter=x").status, 422u);
}

TEST_F(DisclosuresSite, AnItemFromBeforeTheLawSaysNoTimingRuleIsInForce) {
    clock_.set(vn_time(2021, 3, 15, 9, 0));
    auto in = input("Quy chế chi tiêu nội bộ năm 2021");
    in.decision_date = "2021-01-22";
    auto id = publish_new(services_->domain, secretary_, org_, in);
    ASSERT_TRUE(id) << id.error().message_key;
    clock_.set(vn_time(2026, 3, 2, 9, 0));
    HttpTestClient anon(port());
    auto page = anon.get("/o/so-thu/disclosures/" + std::to_string(id->value));
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("Bảng quy tắc không có quy định về thời hạn áp dụng"),
              std::string::npos);
    EXPECT_EQ(page.body.find("Hạn công khai chậm nhất</dt><dd>"), std::string::npos)
        << "no deadline is computed under the 2022 law";
}

}  // namespace
}  // namespace danchu::disclosures
