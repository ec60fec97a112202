// Cases commands against a real database (SQLite, or PostgreSQL with DANCHU_TEST_PG):
// intake, receipt codes and their throttle, the workflow with deadlines under a moving
// clock, sealed identities (and their absence from the database files), audit.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "identity/files.hpp"
#include "identity/store.hpp"
#include "modules/cases/api.hpp"
#include "modules/cases/attachment_stream.hpp"
#include "modules/cases/files.hpp"
#include "modules/cases/intake.hpp"
#include "modules/cases/store.hpp"
#include "storage/migrations.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"

namespace danchu::cases {
namespace {

using namespace std::chrono;
using identity::Actor;
using identity::Role;

std::vector<storage::Migration> migrations() {
    auto out = *storage::migrations_from_files(identity::embedded_files());
    auto mine = *storage::migrations_from_files(embedded_files());
    out.insert(out.end(), mine.begin(), mine.end());
    return out;
}

TimePoint at(int y, unsigned m, unsigned d) {
    return TimePoint{sys_days{year{y} / month{m} / day{d}}} + hours{3};  // 10:00 in Vietnam
}

class CasesCommands : public ::testing::Test {
  protected:
    CasesCommands()
        : db_(migrations()),
          hasher_({.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024}),
          key_(*identity::ServerKey::from_hex(std::string(64, '5'))),
          ids_{db_.db(), clock_, hasher_, key_, identity::IdentityConfig{}},
          rules_(*vn::RuleTable::load()),
          calendar_(*vn::WorkCalendar::load()),
          s_{ids_, clock_, rules_, calendar_, CasesConfig{}} {
        clock_.set(at(2026, 3, 6));  // a Friday
        auto sys = Actor::system("test");
        identity::Organisation o;
        o.slug = "so-tttt";
        o.name = "Sở Thông tin và Truyền thông";
        o.kind = identity::OrgKind::Agency;
        o.setting = identity::Setting::Agency;
        o.id = *identity::create_organisation(ids_, sys, o);
        org_ = o;
        head_ = make("giam.doc", "Lê Văn Giám", Role::Head);
        officer_ = make("tiep.dan", "Trần Thị Tiếp", Role::Officer);
        verifier_ = make("xac.minh", "Phạm Văn Minh", Role::Officer);
        secretary_ = make("van.phong", "Ngô Thị Phòng", Role::Secretary);
    }

    Actor make(const std::string& user, const std::string& name, Role role) {
        auto sys = Actor::system("test");
        auto id = *identity::create_person(ids_, sys, {user, name, "mật-khẩu-dài-đủ"});
        EXPECT_TRUE(identity::grant_role(ids_, sys, id, org_.id, role, ""));
        Actor a;
        a.person = id;
        a.display_name = name;
        a.memberships.push_back({id, org_.id, role, ""});
        return a;
    }

    NewCase denunciation() {
        NewCase in;
        in.kind = CaseKind::Denunciation;
        in.subject = "Tố cáo thu tiền sai quy định";
        in.body = "Cán bộ một cửa thu thêm tiền khi nhận hồ sơ.";
        in.respondent = "Cán bộ bộ phận một cửa";
        in.identity = {"Hoàng Thị Bímật", "Số 17 đường Zqxv, ấp Kjwy", "0987654321"};
        return in;
    }

    long long audits(const std::string& action) {
        auto tx = db_.db().begin(storage::Access::Read);
        return identity::store::count_audit(tx, action);
    }

    testing::TestDb db_;
    testing::FakeClock clock_;
    identity::PasswordHasher hasher_;
    identity::ServerKey key_;
    identity::IdentityServices ids_;
    vn::RuleTable rules_;
    vn::WorkCalendar calendar_;
    CasesServices s_;
    identity::Organisation org_;
    Actor head_, officer_, verifier_, secretary_;
};

TEST_F(CasesCommands, FilingADenunciationGivesAReceiptAndTheIntakeDeadline_R_TC_02) {
    auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(filed) << filed.error().message_key;
    EXPECT_EQ(filed->kind, CaseKind::Denunciation);
    EXPECT_EQ(filed->receipt_code.size(), 24u);  // 20 characters + 4 dashes = 100 bits
    ASSERT_TRUE(filed->due);
    EXPECT_EQ(iso_date(filed->due->date),
              "2026-03-17");  // danchu vn deadline --rule denunciation.intake --from 2026-03-06
    EXPECT_EQ(filed->due->rule, "denunciation.intake");
    EXPECT_EQ(audits("cases.filed"), 1);
    // Tracking works with the code as typed on a phone.
    std::string typed = filed->receipt_code;
    for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto v = track(s_, typed, "10.0.0.1");
    ASSERT_TRUE(v) << v.error().message_key;
    EXPECT_EQ(v->c.status, CaseStatus::Received);
}

TEST_F(CasesCommands, AnonymousReportIsKeptOnItsOwnTrackNeverDropped_R_TC_03) {
    auto in = denunciation();
    in.anonymous = true;
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    EXPECT_EQ(filed->kind, CaseKind::AnonymousReport);
    EXPECT_FALSE(filed->receipt_code.empty());
    auto st =
        transition(s_, officer_, filed->id, {.to = CaseStatus::Refused, .reason = "nặc danh"});
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message_key, "cases.error.transition.anonymous_refused");
    auto d = case_detail(s_, head_, org_.id, filed->id);
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->identity);
    auto revealed = reveal_identity(s_, head_, filed->id);
    ASSERT_TRUE(revealed);
    EXPECT_TRUE(revealed->empty());  // nothing about the sender was kept
}

TEST_F(CasesCommands, DenunciationWithoutIdentityIsRefusedWithFieldErrors_R_TC_01) {
    auto in = denunciation();
    in.identity = {};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_FALSE(filed);
    EXPECT_EQ(filed.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(filed.error().fields.size(), 3u);
}

TEST_F(CasesCommands, OnlyStaffChooseAChannelOtherThanTheWeb) {
    auto in = denunciation();
    in.channel = Channel::Letter;
    EXPECT_EQ(file_case(s_, Actor::anonymous(), org_, in).error().code, ErrorCode::Unauthenticated);
    EXPECT_EQ(file_case(s_, secretary_, org_, in).error().code, ErrorCode::Forbidden);
    in.received_on = year{2026} / month{3} / day{2};
    auto filed = file_case(s_, officer_, org_, in);
    ASSERT_TRUE(filed);
    EXPECT_EQ(iso_date(filed->due->date), "2026-03-11");  // 7 WD from the day the letter came
}

TEST_F(CasesCommands, SealedIdentityIsNotInTheDatabaseFileOrWal_R_TC_07) {
    if (db_.dialect() != storage::Dialect::Sqlite) GTEST_SKIP() << "file check is SQLite's";
    auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(filed);
    // Reveals and views must not write the plaintext anywhere either.
    ASSERT_TRUE(transition(s_, officer_, filed->id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, officer_, filed->id, *verifier_.person, ""));
    ASSERT_TRUE(reveal_identity(s_, head_, filed->id));
    ASSERT_TRUE(reveal_identity(s_, verifier_, filed->id));
    const std::string path = db_.url().substr(std::string("sqlite:").size());
    std::string bytes;
    for (const std::string& f : {path, path + "-wal"}) {
        std::ifstream in(f, std::ios::binary);
        bytes.append(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_GT(bytes.size(), 4096u);
    EXPECT_NE(bytes.find("Cán bộ bộ phận một cửa"), std::string::npos)
        << "the check reads the files";
    for (const char* secret : {"Hoàng Thị Bímật", "Bímật", "Zqxv", "Kjwy", "0987654321"})
        EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
    EXPECT_EQ(bytes.find(filed->receipt_code), std::string::npos);
}

TEST_F(CasesCommands, RevealOnlyByAssigneeAndHeadAndEachRevealIsAudited_R_TC_07) {
    auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(filed);
    ASSERT_TRUE(transition(s_, officer_, filed->id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, officer_, filed->id, *verifier_.person, ""));
    EXPECT_EQ(reveal_identity(s_, officer_, filed->id).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(reveal_identity(s_, secretary_, filed->id).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(reveal_identity(s_, Actor::anonymous(), filed->id).error().code,
              ErrorCode::Unauthenticated);
    EXPECT_EQ(audits("cases.identity_revealed"), 0);
    auto by_resolver = reveal_identity(s_, verifier_, filed->id);
    ASSERT_TRUE(by_resolver);
    EXPECT_EQ(by_resolver->name, "Hoàng Thị Bímật");
    EXPECT_EQ(by_resolver->contact, "0987654321");
    auto by_head = reveal_identity(s_, head_, filed->id);
    ASSERT_TRUE(by_head);
    EXPECT_EQ(audits("cases.identity_revealed"), 2);
    // The officer's page is the redacted copy.
    auto page = case_detail(s_, officer_, org_.id, filed->id);
    ASSERT_TRUE(page);
    EXPECT_FALSE(page->identity);
    EXPECT_FALSE(page->can_reveal);
    // Reassigning takes the key away from the former resolver.
    ASSERT_TRUE(assign(s_, head_, filed->id, *officer_.person, "đổi người"));
    EXPECT_EQ(reveal_identity(s_, verifier_, filed->id).error().code, ErrorCode::Forbidden);
}

TEST_F(CasesCommands, ComplaintSenderIsVisibleToOfficersWithoutAReveal) {
    NewCase in;
    in.kind = CaseKind::Complaint;
    in.body = "Khiếu nại quyết định.";
    in.respondent = "Quyết định 5/QĐ";
    in.identity = {"Nguyễn Văn Khiếu", "Phú Hòa", "0911"};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    auto page = case_detail(s_, officer_, org_.id, filed->id);
    ASSERT_TRUE(page);
    ASSERT_TRUE(page->identity);
    EXPECT_EQ(page->identity->name, "Nguyễn Văn Khiếu");
    EXPECT_EQ(case_detail(s_, secretary_, org_.id, filed->id).error().code, ErrorCode::Forbidden);
}

TEST_F(CasesCommands, DenunciationWorkflowWithExtensionsAndPublication_R_TC_04_05_06) {
    auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(filed);
    const CaseId id = filed->id;
    clock_.set(at(2026, 2, 12));  // accepted before Tết
    ASSERT_TRUE(
        transition(s_, officer_, id, {.to = CaseStatus::Accepted, .document_number = "01/QĐ-TL"}));
    auto d = case_detail(s_, head_, org_.id, id);
    EXPECT_EQ(iso_date(d->c.due->date), "2026-03-16");  // denunciation.resolution from 2026-02-12
    EXPECT_EQ(d->c.due->basis, "Luật Tố cáo 2018 (25/2018/QH14), Điều 30");
    ASSERT_TRUE(assign(s_, officer_, id, *verifier_.person, ""));
    ASSERT_TRUE(transition(s_, officer_, id, {.to = CaseStatus::Verifying}));
    // Extensions need reasons and a document, twice at most.
    EXPECT_EQ(extend(s_, verifier_, id, "", "").error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(extend(s_, officer_, id, "phức tạp", "02/QĐ-GH").error().code, ErrorCode::Forbidden);
    ASSERT_TRUE(extend(s_, verifier_, id, "phức tạp", "02/QĐ-GH"));
    d = case_detail(s_, head_, org_.id, id);
    EXPECT_EQ(iso_date(d->c.due->date), "2026-04-15");  // 30 days after 16/3
    ASSERT_TRUE(extend(s_, head_, id, "đặc biệt phức tạp", "03/QĐ-GH"));
    auto third = extend(s_, head_, id, "lần ba", "04/QĐ-GH");
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error().message_key, "cases.error.extension_limit");
    // Concluding: only the resolver or the head; closing needs publication first.
    EXPECT_EQ(
        transition(s_, officer_, id, {.to = CaseStatus::Concluded, .outcome = "x"}).error().code,
        ErrorCode::Forbidden);
    clock_.set(at(2026, 3, 6));
    ASSERT_TRUE(transition(s_, verifier_, id,
                           {.to = CaseStatus::Concluded, .outcome = "Tố cáo đúng một phần."}));
    d = case_detail(s_, head_, org_.id, id);
    EXPECT_EQ(iso_date(d->c.due->date), "2026-03-17");  // denunciation.publication, 7 WD
    EXPECT_EQ(transition(s_, officer_, id, {.to = CaseStatus::Closed}).error().message_key,
              "cases.error.transition.publish_first");
    ASSERT_TRUE(transition(s_, officer_, id, {.to = CaseStatus::Published}));
    ASSERT_TRUE(transition(s_, officer_, id, {.to = CaseStatus::Closed}));
    EXPECT_EQ(transition(s_, officer_, id, {.to = CaseStatus::Accepted}).error().message_key,
              "cases.error.transition.closed");
    // History holds every step with its documents; the board counters follow.
    d = case_detail(s_, head_, org_.id, id);
    EXPECT_GE(d->events.size(), 9u);
    auto b = board(s_, officer_, org_.id);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->by_status[CaseStatus::Closed], 1);
    EXPECT_EQ(b->by_status[CaseStatus::Received], 0);
    EXPECT_EQ(b->open, 0);
    EXPECT_EQ(b->overdue, 0) << "a closed case leaves the day counters";
    EXPECT_EQ(b->due_soon, 0);
    // The citizen sees the outcome with the code.
    auto v = track(s_, filed->receipt_code, "10.0.0.2");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->c.outcome, "Tố cáo đúng một phần.");
}

TEST_F(CasesCommands, ComplaintFirstInstanceComplexRemote_R_KN_03) {
    NewCase in;
    in.kind = CaseKind::Complaint;
    in.body = "Khiếu nại.";
    in.respondent = "Quyết định 7/QĐ";
    in.identity = {"Nguyễn Văn B", "Phú Hòa", ""};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    EXPECT_EQ(iso_date(filed->due->date), "2026-03-16");  // complaint.acceptance from 06/3
    ASSERT_TRUE(transition(s_, officer_, filed->id,
                           {.to = CaseStatus::Accepted, .complex = true, .remote = true}));
    auto d = case_detail(s_, officer_, org_.id, filed->id);
    EXPECT_EQ(d->c.due->rule, "complaint.first_instance.remote_complex");
    EXPECT_EQ(iso_date(d->c.due->date), "2026-05-05");  // 60 days from 06/3
    EXPECT_EQ(extend(s_, head_, filed->id, "x", "y").error().message_key,
              "cases.error.extension_not_allowed");
}

TEST_F(CasesCommands, RefusalAndForwardingNeedReasonsAndTellTheSender) {
    NewCase in;
    in.kind = CaseKind::Feedback;
    in.body = "Phản ánh đường hư hỏng.";
    in.identity = {"Nguyễn Văn C", "Phú Hòa", "0912"};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    auto st = transition(s_, officer_, filed->id, {.to = CaseStatus::Forwarded});
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().fields.size(), 2u);
    ASSERT_TRUE(transition(s_, officer_, filed->id,
                           {.to = CaseStatus::Forwarded,
                            .reason = "Thuộc thẩm quyền Sở Xây dựng",
                            .forwarded_to = "Sở Xây dựng"}));
    auto v = track(s_, filed->receipt_code, "10.0.0.3");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->c.status, CaseStatus::Forwarded);
    ASSERT_EQ(v->messages.size(), 1u);
    EXPECT_EQ(v->messages[0].body, "Thuộc thẩm quyền Sở Xây dựng");
}

TEST_F(CasesCommands, MessagesWithAnAnonymousSenderAndInternalNotesStayInternal) {
    auto in = denunciation();
    in.anonymous = true;
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    ASSERT_TRUE(citizen_message(s_, filed->receipt_code, "10.0.0.4", "Tôi bổ sung chứng cứ."));
    ASSERT_TRUE(add_message(s_, officer_, filed->id, "Xin cung cấp thêm thời gian cụ thể.", false));
    ASSERT_TRUE(add_message(s_, officer_, filed->id, "Ghi chú: đối chiếu sổ thu.", true));
    EXPECT_EQ(add_message(s_, secretary_, filed->id, "x", false).error().code,
              ErrorCode::Forbidden);
    auto v = track(s_, filed->receipt_code, "10.0.0.4");
    ASSERT_TRUE(v);
    ASSERT_EQ(v->messages.size(), 2u);
    EXPECT_TRUE(v->messages[0].from_citizen);
    EXPECT_EQ(v->messages[1].body, "Xin cung cấp thêm thời gian cụ thể.");
    auto d = case_detail(s_, officer_, org_.id, filed->id);
    EXPECT_EQ(d->messages.size(), 3u);
}

TEST_F(CasesCommands, ReceiptGuessingIsThrottledPerAddressAndSurvivesANewServices) {
    auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(filed);
    for (int i = 0; i < s_.config.track_max_failures_per_ip; ++i) {
        auto r = track(s_, "AAAA-AAAA-AAAA-AAAA-AAA" + std::to_string(i % 10), "10.9.9.9");
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().message_key, "cases.error.bad_receipt");
    }
    // Now even the right code is refused from that address until the window passes.
    auto blocked = track(s_, filed->receipt_code, "10.9.9.9");
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::TooManyRequests);
    EXPECT_TRUE(track(s_, filed->receipt_code, "10.9.9.10"));  // another address
    // A new services bundle (a restart) sees the same failures and the same code.
    CasesServices restarted{ids_, clock_, rules_, calendar_, CasesConfig{}};
    EXPECT_EQ(track(restarted, filed->receipt_code, "10.9.9.9").error().code,
              ErrorCode::TooManyRequests);
    clock_.advance(seconds{s_.config.track_window_seconds + 1});
    EXPECT_TRUE(track(restarted, filed->receipt_code, "10.9.9.9"));
}

TEST_F(CasesCommands, ListsArePaginatedByKeyAndDueBoardsCount) {
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(file_case(s_, Actor::anonymous(), org_, denunciation()));
    CaseFilter f;
    f.limit = 2;
    auto p1 = list_cases(s_, officer_, org_.id, f);
    ASSERT_TRUE(p1);
    ASSERT_EQ(p1->items.size(), 2u);
    ASSERT_TRUE(p1->next_after);
    f.after = *p1->next_after;
    auto p2 = list_cases(s_, officer_, org_.id, f);
    ASSERT_EQ(p2->items.size(), 2u);
    EXPECT_LT(p2->items[0].id.value, p1->items[1].id.value);
    EXPECT_EQ(list_cases(s_, secretary_, org_.id, f).error().code, ErrorCode::Forbidden);
    // 17/3 is the intake deadline: due soon on the 15th, overdue on the 18th.
    clock_.set(at(2026, 3, 15));
    EXPECT_EQ(board(s_, officer_, org_.id)->due_soon, 5);
    CaseFilter soon;
    soon.view = ListView::DueSoon;
    soon.limit = 3;
    auto s1 = list_cases(s_, officer_, org_.id, soon);
    ASSERT_EQ(s1->items.size(), 3u);
    soon.after = *s1->next_after;
    EXPECT_EQ(list_cases(s_, officer_, org_.id, soon)->items.size(), 2u);
    clock_.set(at(2026, 3, 18));
    auto b = board(s_, officer_, org_.id);
    EXPECT_EQ(b->overdue, 5);
    EXPECT_EQ(b->due_soon, 0);
    EXPECT_EQ(b->by_status[CaseStatus::Received], 5);
    // Accepting one moves it to its resolution deadline (30 days from 18/3): no longer overdue.
    ASSERT_TRUE(transition(s_, officer_, p1->items[0].id, {.to = CaseStatus::Accepted}));
    b = board(s_, officer_, org_.id);
    EXPECT_EQ(b->overdue, 4);
    EXPECT_EQ(b->open, 5);
}

TEST_F(CasesCommands, ClosedCasesAreRatedOnceAndFeedStatistics_R_SUP_XA_04) {
    NewCase in;
    in.kind = CaseKind::Feedback;
    in.channel = Channel::Web;
    in.body = "Phản ánh.";
    in.identity = {"Nguyễn Văn D", "Phú Hòa", "0913"};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    const CaseId id = filed->id;
    NewCase q;
    q.kind = CaseKind::InfoRequest;
    q.body = "Xin kế hoạch.";
    q.identity = {"Trần E", "", "e@x.vn"};
    auto info = file_case(s_, Actor::anonymous(), org_, q);
    ASSERT_TRUE(info);
    EXPECT_EQ(rate(s_, filed->receipt_code, "10.1.1.1", {5, "tốt"}).error().message_key,
              "cases.error.rate_after_closure");
    ASSERT_TRUE(transition(s_, officer_, id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, officer_, id, *verifier_.person, ""));
    clock_.set(at(2026, 3, 20));  // feedback has no statutory period once accepted (R-PAKN-01)
    ASSERT_TRUE(transition(s_, verifier_, id, {.to = CaseStatus::Concluded, .outcome = "Đã sửa."}));
    ASSERT_TRUE(transition(s_, officer_, id, {.to = CaseStatus::Closed}));
    EXPECT_EQ(rate(s_, filed->receipt_code, "10.1.1.1", {6, ""}).error().code,
              ErrorCode::InvalidInput);
    ASSERT_TRUE(rate(s_, filed->receipt_code, "10.1.1.1", {4, "Khá tốt"}));
    EXPECT_EQ(rate(s_, filed->receipt_code, "10.1.1.1", {5, ""}).error().message_key,
              "cases.error.already_rated");
    // The information request filed on 6/3 is answered on 20/3, after its 3 working days.
    ASSERT_TRUE(transition(s_, officer_, info->id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, officer_, info->id, *verifier_.person, ""));
    ASSERT_TRUE(
        transition(s_, verifier_, info->id, {.to = CaseStatus::Concluded, .outcome = "Đã gửi."}));
    auto st = statistics(s_, head_, org_, year{2026} / 1 / 1, year{2026} / 12 / 31);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->received, 2);
    EXPECT_EQ(st->by_kind[CaseKind::Feedback], 1);
    EXPECT_EQ(st->by_channel[Channel::Web], 2);
    EXPECT_EQ(st->accepted, 2);
    EXPECT_EQ(st->resolved, 2);
    EXPECT_EQ(st->late, 1);
    EXPECT_EQ(st->on_time, 1);
    EXPECT_DOUBLE_EQ(st->average_days, 14.0);
    EXPECT_EQ(st->ratings, 1);
    EXPECT_DOUBLE_EQ(st->average_rating, 4.0);
    ASSERT_EQ(st->by_officer.size(), 1u);
    EXPECT_EQ(st->by_officer[0].name, "Phạm Văn Minh");
    EXPECT_EQ(statistics(s_, Actor::anonymous(), org_, year{2026} / 1 / 1, year{2026} / 12 / 31)
                  .error()
                  .code,
              ErrorCode::Unauthenticated);
}

TEST_F(CasesCommands, ReceptionCalendarIsKeptByHeadOrSecretaryAndWarns_R_TCD_01_02) {
    ReceptionDay day;
    day.day = year{2026} / 3 / 10;  // posted 6/3: latest was 3/3 → late
    day.hours = "7 giờ 30 – 11 giờ 00";
    day.host = "Lê Văn Giám";
    EXPECT_EQ(schedule_reception(s_, officer_, org_, day).error().code, ErrorCode::Forbidden);
    ASSERT_TRUE(schedule_reception(s_, secretary_, org_, day));
    day.day = year{2026} / 3 / 1;
    EXPECT_EQ(schedule_reception(s_, head_, org_, day).error().code, ErrorCode::InvalidInput);
    ASSERT_TRUE(set_reception_info(
        s_, head_, org_,
        {"Phòng tiếp công dân, tầng 1", "Sáng thứ Năm", "0294 3850 000", "Nội quy"}));
    auto page = reception(s_, Actor::anonymous(), org_);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->info.hotline, "0294 3850 000");
    ASSERT_EQ(page->upcoming.size(), 1u);
    EXPECT_TRUE(page->warnings.empty()) << "warnings are for the office only";
    auto office = reception(s_, secretary_, org_);
    ASSERT_TRUE(office);
    bool late = false, missing = false;
    for (const auto& w : office->warnings) {
        late = late || w.kind == ReceptionWarning::Kind::LatePosting;
        missing = missing || w.kind == ReceptionWarning::Kind::MissingMonth;
    }
    EXPECT_TRUE(late);
    EXPECT_TRUE(missing);  // April and May have no day yet
}

TEST_F(CasesCommands, AttachmentsAreSealedTypedAndOpenedOnlyLikeTheIdentity_R_TC_07) {
    auto in = denunciation();
    const std::string pdf = "%PDF-1.4\nChu ky cua nguoi to cao Xyzzyplugh\n%%EOF\n";
    in.attachments = {{"don-to-cao-Hoàng-Bímật.pdf", pdf}};
    auto bad = in;
    bad.attachments = {{"x.exe", "MZ\x90\x00"}};
    EXPECT_EQ(file_case(s_, Actor::anonymous(), org_, bad).error().fields.at(0).message_key,
              "cases.error.file_type");
    bad.attachments = {{"a.pdf", pdf}, {"b.pdf", pdf}, {"c.pdf", pdf}, {"d.pdf", pdf}};
    EXPECT_FALSE(file_case(s_, Actor::anonymous(), org_, bad));
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    ASSERT_TRUE(transition(s_, officer_, filed->id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, officer_, filed->id, *verifier_.person, ""));
    auto d = case_detail(s_, officer_, org_.id, filed->id);
    ASSERT_EQ(d->attachments.size(), 1u);
    EXPECT_EQ(d->attachments[0].content_type, "application/pdf");
    EXPECT_FALSE(d->can_open_attachments);
    const auto aid = d->attachments[0].id;
    EXPECT_EQ(open_attachment(s_, officer_, filed->id, aid).error().code, ErrorCode::Forbidden);
    auto opened = open_attachment(s_, verifier_, filed->id, aid);
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened->bytes, pdf);
    EXPECT_EQ(opened->filename, "don-to-cao-Hoàng-Bímật.pdf");
    EXPECT_EQ(audits("cases.attachment_opened"), 1);
    EXPECT_EQ(open_attachment(s_, head_, filed->id, aid + 1000).error().code, ErrorCode::NotFound);
    if (db_.dialect() == storage::Dialect::Sqlite) {
        const std::string path = db_.url().substr(std::string("sqlite:").size());
        std::string bytes;
        for (const std::string& f : {path, path + "-wal"}) {
            std::ifstream file(f, std::ios::binary);
            bytes.append(std::istreambuf_iterator<char>(file), {});
        }
        EXPECT_EQ(bytes.find("Xyzzyplugh"), std::string::npos);
        EXPECT_EQ(bytes.find("Bímật"), std::string::npos);
    }
}

TEST_F(CasesCommands, AnUploadLargerThanOneChunkIsSealedAsAStreamAndATamperedChunkOpensNothing) {
    // The upload's temp file, 3½ chunks of a "PDF".
    std::string pdf = "%PDF-1.7\n";
    while (pdf.size() < 3 * kStreamChunk + kStreamChunk / 2)
        pdf += "Bang chung Qwvzx " + std::to_string(pdf.size()) + "\n";
    const auto path = std::filesystem::temp_directory_path() /
                      ("danchu-cases-upload-" + std::to_string(::getpid()) + ".pdf");
    {
        std::ofstream out(path, std::ios::binary);
        out << pdf;
    }
    NewCase in = denunciation();
    in.kind = CaseKind::Complaint;
    in.respondent = "Quyết định 7/QĐ";
    NewAttachment a;
    a.filename = "bang-chung.pdf";
    a.path = path;
    a.size = static_cast<long long>(pdf.size());
    a.head = pdf.substr(0, 16);
    in.attachments.push_back(a);
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    std::filesystem::remove(path);
    ASSERT_TRUE(filed) << filed.error().message_key;
    auto d = case_detail(s_, officer_, org_.id, filed->id);
    ASSERT_EQ(d->attachments.size(), 1u);
    const auto aid = d->attachments[0].id;
    EXPECT_EQ(d->attachments[0].size, static_cast<long long>(pdf.size()));
    {
        auto tx = db_.db().begin(storage::Access::Read);
        EXPECT_EQ(tx.scalar<std::int64_t>(
                      "SELECT COUNT(*) FROM cases_attachment_chunks WHERE attachment_id = :a",
                      storage::use(aid, "a")),
                  std::optional<std::int64_t>(4));
    }
    auto opened = open_attachment(s_, officer_, filed->id, aid);
    ASSERT_TRUE(opened) << opened.error().message_key;
    EXPECT_EQ(opened->bytes, pdf);
    EXPECT_EQ(opened->filename, "bang-chung.pdf");
    // One changed character in the second chunk's row: nothing opens.
    {
        auto tx = db_.db().begin(storage::Access::Write);
        auto sealed = *tx.scalar<std::string>(
            "SELECT sealed FROM cases_attachment_chunks WHERE attachment_id = :a AND seq = 1",
            storage::use(aid, "a"));
        sealed[100] = sealed[100] == 'A' ? 'B' : 'A';
        ASSERT_TRUE(tx.exec(
            "UPDATE cases_attachment_chunks SET sealed = :s WHERE attachment_id = :a AND seq = 1",
            storage::use(sealed, "s"), storage::use(aid, "a")));
        ASSERT_TRUE(tx.commit());
    }
    auto tampered = open_attachment(s_, officer_, filed->id, aid);
    ASSERT_FALSE(tampered);
    EXPECT_EQ(tampered.error().message_key, "cases.error.attachment_damaged");
}

TEST_F(CasesCommands, DemoYearHasLateAndExtendedCasesAndAPrintedAnonymousCode) {
    auto code = load_demo(s_, org_);
    ASSERT_TRUE(code) << code.error().message_key;
    auto v = track(s_, *code, "10.2.2.2");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->c.kind, CaseKind::AnonymousReport);
    auto st = statistics(s_, head_, org_, year{2025} / 1 / 1, year{2026} / 12 / 31);
    ASSERT_TRUE(st);
    EXPECT_GT(st->received, 40);
    EXPECT_GT(st->late, 0);
    EXPECT_GT(st->on_time, 0);
    EXPECT_GE(st->by_channel.size(), 4u);
    auto page = reception(s_, Actor::anonymous(), org_);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->upcoming.size(), 2u);
    EXPECT_FALSE(page->info.hotline.empty());
}

TEST_F(CasesCommands, AFailedAuditLeavesNothingWritten) {
    db_.fail_statement(1, "INSERT INTO audit_events");
    EXPECT_THROW((void)file_case(s_, Actor::anonymous(), org_, denunciation()), std::exception);
    db_.clear_faults();
    auto b = board(s_, officer_, org_.id);
    EXPECT_EQ(b->by_status[CaseStatus::Received], 0);
    CaseFilter f;
    EXPECT_TRUE(list_cases(s_, officer_, org_.id, f)->items.empty());
}

TEST_F(CasesCommands, ListFiltersEachUseTheirOwnQueryAndTheWorkspaceMatchesBoardAndList) {
    // Three web denunciations, one letter complaint entered by the officer, one feedback.
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(file_case(s_, Actor::anonymous(), org_, denunciation()));
    NewCase letter;
    letter.kind = CaseKind::Complaint;
    letter.channel = Channel::Letter;
    letter.subject = "Khiếu nại quyết định";
    letter.body = "Khiếu nại quyết định xử phạt.";
    letter.respondent = "Quyết định số 12/QĐ-UBND";
    letter.identity = {"Người Khiếu Nại", "Thôn 1", "0911000111"};
    auto complaint = file_case(s_, officer_, org_, letter);
    ASSERT_TRUE(complaint) << complaint.error().message_key;
    NewCase fb;
    fb.kind = CaseKind::Feedback;
    fb.subject = fb.body = "Đèn đường hỏng";
    fb.identity = {"Người Phản Ánh", "Thôn 2", "0911000222"};
    auto feedback = file_case(s_, Actor::anonymous(), org_, fb);
    ASSERT_TRUE(feedback);
    ASSERT_TRUE(transition(s_, head_, feedback->id, {.to = CaseStatus::Accepted}));
    ASSERT_TRUE(assign(s_, head_, feedback->id, *officer_.person, ""));

    auto ids = [&](CaseFilter f) {
        std::vector<std::int64_t> out;
        auto l = list_cases(s_, officer_, org_.id, f);
        EXPECT_TRUE(l) << l.error().message_key;
        if (l)
            for (const auto& c : l->items) out.push_back(c.id.value);
        return out;
    };
    CaseFilter f;
    f.kind = CaseKind::Denunciation;
    EXPECT_EQ(ids(f).size(), 3u);
    f = {};
    f.channel = Channel::Letter;
    EXPECT_EQ(ids(f), std::vector<std::int64_t>{complaint->id.value});
    f = {};
    f.status = CaseStatus::Assigned;
    EXPECT_EQ(ids(f), std::vector<std::int64_t>{feedback->id.value});
    f = {};
    f.view = ListView::Mine;
    EXPECT_EQ(ids(f), std::vector<std::int64_t>{feedback->id.value});
    f.kind = CaseKind::Complaint;
    EXPECT_TRUE(ids(f).empty());
    f = {};
    f.kind = CaseKind::Denunciation;
    f.channel = Channel::Web;
    f.status = CaseStatus::Received;
    f.limit = 2;
    auto first = list_cases(s_, officer_, org_.id, f);
    ASSERT_TRUE(first && first->next_after);
    f.after = *first->next_after;
    EXPECT_EQ(ids(f).size(), 1u);
    // The list rows leave out the long texts; the case page has them.
    EXPECT_TRUE(first->items.front().body.empty());
    // The workspace reads the same board and list as the two queries.
    clock_.set(at(2026, 3, 18));
    CaseFilter overdue;
    overdue.view = ListView::Overdue;
    auto w = workspace(s_, officer_, org_.id, overdue);
    ASSERT_TRUE(w);
    auto b = board(s_, officer_, org_.id);
    EXPECT_EQ(w->board.overdue, b->overdue);
    EXPECT_EQ(w->board.due_soon, b->due_soon);
    EXPECT_EQ(w->board.open, b->open);
    EXPECT_EQ(w->board.by_status, b->by_status);
    EXPECT_EQ(w->list.items.size(), list_cases(s_, officer_, org_.id, overdue)->items.size());
    EXPECT_EQ(static_cast<long long>(w->list.items.size()), w->board.overdue);
    EXPECT_EQ(workspace(s_, secretary_, org_.id, overdue).error().code, ErrorCode::Forbidden);
}

TEST_F(CasesCommands, ReceptionLogEntriesBecomeCasesLinkedBothWays_R_TCD_01_02) {
    const Identity visitor{"Trương Văn Đến", "Ấp Qzzk, xã Phú Hòa", "0933444555"};
    // Only the head and officers keep the log.
    EXPECT_EQ(log_reception(s_, secretary_, org_, {visitor, "Hỏi về đất"}).error().code,
              ErrorCode::Forbidden);
    EXPECT_EQ(log_reception(s_, Actor::anonymous(), org_, {visitor, "Hỏi về đất"}).error().code,
              ErrorCode::Unauthenticated);
    EXPECT_EQ(log_reception(s_, officer_, org_, {visitor, ""}).error().code,
              ErrorCode::InvalidInput);
    auto first = log_reception(s_, officer_, org_, {visitor, "Khiếu nại quyết định thu hồi đất"});
    ASSERT_TRUE(first) << first.error().message_key;
    clock_.advance(hours{1});
    ASSERT_TRUE(log_reception(s_, officer_, org_, {{}, "Hỏi thủ tục cấp phép"}));
    clock_.advance(hours{1});
    ASSERT_TRUE(log_reception(s_, head_, org_, {{"Lê Thị Ba", "", ""}, "Phản ánh đường hỏng"}));
    EXPECT_EQ(audits("cases.reception_logged"), 3);

    // Newest first, paginated by key.
    auto page1 = reception_log(s_, officer_, org_.id, "", 2);
    ASSERT_TRUE(page1);
    ASSERT_EQ(page1->entries.size(), 2u);
    EXPECT_EQ(page1->entries[0].subject, "Phản ánh đường hỏng");
    ASSERT_TRUE(page1->next_after);
    auto page2 = reception_log(s_, officer_, org_.id, *page1->next_after, 2);
    ASSERT_EQ(page2->entries.size(), 1u);
    EXPECT_EQ(page2->entries[0].id, *first);
    EXPECT_FALSE(page2->next_after);
    // The visitor: the officer who received them and the head, nobody else (R-TC-07).
    ASSERT_TRUE(page2->entries[0].visitor);
    EXPECT_EQ(page2->entries[0].visitor->name, visitor.name);
    EXPECT_FALSE(page1->entries[0].visitor);  // the head received that one
    auto other = reception_log(s_, verifier_, org_.id, "", 10);
    ASSERT_TRUE(other);
    for (const auto& e : other->entries) EXPECT_FALSE(e.visitor);
    auto head_view = reception_log(s_, head_, org_.id, "", 10);
    EXPECT_TRUE(head_view->entries.back().visitor);
    EXPECT_EQ(reception_log(s_, secretary_, org_.id, "", 10).error().code, ErrorCode::Forbidden);
    {
        auto tx = db_.db().begin(storage::Access::Read);
        auto sealed =
            tx.scalar<std::string>("SELECT visitor_sealed FROM cases_reception_log WHERE id = :id",
                                   storage::use(*first, "id"));
        ASSERT_TRUE(sealed);
        EXPECT_EQ(sealed->find("Trương"), std::string::npos);
    }

    // A case from the first visit: channel "reception", received on the visit's day, the
    // visitor's identity, the entry's subject as the body; linked both ways.
    clock_.advance(days{2});
    NewCase in;
    in.kind = CaseKind::Complaint;
    in.respondent = "Quyết định thu hồi đất số 5/QĐ-UBND";
    auto filed = case_from_reception(s_, verifier_, org_, *first, in);
    ASSERT_TRUE(filed) << filed.error().message_key;
    auto d = case_detail(s_, head_, org_.id, filed->id);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->c.channel, Channel::Reception);
    EXPECT_EQ(iso_date(d->c.received_on), "2026-03-06");
    EXPECT_EQ(d->c.body, "Khiếu nại quyết định thu hồi đất");
    ASSERT_TRUE(d->identity);  // a complaint: its identity is open to the officers
    EXPECT_EQ(d->identity->name, visitor.name);
    EXPECT_EQ(d->reception_entry, std::optional<std::int64_t>(*first));
    auto again = reception_log(s_, officer_, org_.id, "", 10);
    EXPECT_EQ(again->entries.back().case_id, std::optional<CaseId>(filed->id));
    // One case per visit.
    EXPECT_EQ(case_from_reception(s_, officer_, org_, *first, in).error().code,
              ErrorCode::Conflict);
    EXPECT_EQ(case_from_reception(s_, secretary_, org_, page1->entries[0].id, in).error().code,
              ErrorCode::Forbidden);
    EXPECT_EQ(case_from_reception(s_, officer_, org_, 987654, in).error().code,
              ErrorCode::NotFound);
}

TEST_F(CasesCommands, UnitCasesListTheCasesAssignedToTheUnitsPeople) {
    auto sys = Actor::system("test");
    identity::Organisation u;
    u.slug = "phong-thanh-tra";
    u.name = "Phòng Thanh tra";
    u.kind = identity::OrgKind::Unit;
    u.parent = org_.id;
    u.id = *identity::create_organisation(ids_, sys, u);
    // The unit's head holds no role in the agency; the officer `tiep.dan` works in the unit.
    auto unit_head_id =
        *identity::create_person(ids_, sys, {"truong.phong", "Trưởng Phòng", "mật-khẩu-dài-đủ"});
    ASSERT_TRUE(identity::grant_role(ids_, sys, unit_head_id, u.id, Role::Head, ""));
    ASSERT_TRUE(identity::grant_role(ids_, sys, *officer_.person, u.id, Role::Member, ""));
    Actor unit_head;
    unit_head.person = unit_head_id;
    unit_head.display_name = "Trưởng Phòng";
    unit_head.memberships.push_back({unit_head_id, u.id, Role::Head, ""});

    std::vector<CaseId> mine, others;
    for (int i = 0; i < 5; ++i) {
        auto f = file_case(s_, Actor::anonymous(), org_, denunciation());
        ASSERT_TRUE(f);
        ASSERT_TRUE(transition(s_, head_, f->id, {.to = CaseStatus::Accepted}));
        const bool in_unit = i % 2 == 0;
        ASSERT_TRUE(assign(s_, head_, f->id, in_unit ? *officer_.person : *verifier_.person, ""));
        (in_unit ? mine : others).push_back(f->id);
    }
    ASSERT_TRUE(file_case(s_, Actor::anonymous(), org_, denunciation()));  // unassigned

    auto p1 = unit_cases(s_, unit_head, u, "", 2);
    ASSERT_TRUE(p1) << p1.error().message_key;
    ASSERT_EQ(p1->items.size(), 2u);
    EXPECT_EQ(p1->items[0].id, mine[2]);
    EXPECT_EQ(p1->items[1].id, mine[1]);
    ASSERT_TRUE(p1->next_after);
    auto p2 = unit_cases(s_, unit_head, u, *p1->next_after, 2);
    ASSERT_EQ(p2->items.size(), 1u);
    EXPECT_EQ(p2->items[0].id, mine[0]);
    EXPECT_FALSE(p2->next_after);
    // The agency's head sees the same list; the agency's secretary, a plain member of the
    // unit and a visitor do not.
    EXPECT_EQ(unit_cases(s_, head_, u, "", 10)->items.size(), 3u);
    EXPECT_EQ(unit_cases(s_, secretary_, u, "", 10).error().code, ErrorCode::Forbidden);
    Actor member = officer_;
    member.memberships = {{*officer_.person, u.id, Role::Member, ""}};
    EXPECT_EQ(unit_cases(s_, member, u, "", 10).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(unit_cases(s_, Actor::anonymous(), u, "", 10).error().code,
              ErrorCode::Unauthenticated);
    // Only units have this view.
    EXPECT_EQ(unit_cases(s_, head_, org_, "", 10).error().code, ErrorCode::NotFound);
    EXPECT_EQ(unit_cases(s_, unit_head, u, "x", 10).error().code, ErrorCode::InvalidInput);
}

TEST_F(CasesCommands, CaseNumbersRunPerOrganisationAndYearWithoutGaps) {
    auto a = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(a);
    EXPECT_EQ(a->number, "1/2026");
    // A case that fails to be written gives its number back.
    db_.fail_statement(1, "INSERT INTO audit_events");
    EXPECT_THROW((void)file_case(s_, Actor::anonymous(), org_, denunciation()), std::exception);
    db_.clear_faults();
    auto b = file_case(s_, Actor::anonymous(), org_, denunciation());
    ASSERT_TRUE(b);
    EXPECT_EQ(b->number, "2/2026");
    // Concurrent filings (each its own transaction) take distinct, consecutive numbers.
    std::vector<std::string> numbers(6);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        threads.emplace_back([&, i] {
            auto f = file_case(s_, Actor::anonymous(), org_, denunciation());
            if (f) numbers[i] = f->number;
        });
    for (auto& t : threads) t.join();
    std::sort(numbers.begin(), numbers.end(), [](const std::string& x, const std::string& y) {
        return std::stoi(x) < std::stoi(y);
    });
    for (std::size_t i = 0; i < numbers.size(); ++i)
        EXPECT_EQ(numbers[i], std::to_string(i + 3) + "/2026");
    // Another organisation keeps its own register; a new year starts again at 1.
    identity::Organisation other;
    other.slug = "so-khac";
    other.name = "Sở Khác";
    other.kind = identity::OrgKind::Agency;
    other.setting = identity::Setting::Agency;
    other.id = *identity::create_organisation(ids_, Actor::system("test"), other);
    EXPECT_EQ(file_case(s_, Actor::anonymous(), other, denunciation())->number, "1/2026");
    clock_.set(at(2027, 1, 4));
    EXPECT_EQ(file_case(s_, Actor::anonymous(), org_, denunciation())->number, "1/2027");
    // A letter received last year and entered now goes in last year's register.
    NewCase letter = denunciation();
    letter.channel = Channel::Letter;
    letter.received_on = Date{std::chrono::year{2026} / 12 / 30};
    auto late = file_case(s_, officer_, org_, letter);
    ASSERT_TRUE(late) << late.error().message_key;
    EXPECT_EQ(late->number, "9/2026");
    // The lists and the case page show the number.
    auto d = case_detail(s_, head_, org_.id, late->id);
    EXPECT_EQ(d->c.number, "9/2026");
    CaseFilter f;
    EXPECT_EQ(list_cases(s_, officer_, org_.id, f)->items.front().number, "9/2026");
}

void expect_same_statistics(const Statistics& kept, const Statistics& counted) {
    EXPECT_EQ(kept.received, counted.received);
    EXPECT_EQ(kept.accepted, counted.accepted);
    EXPECT_EQ(kept.resolved, counted.resolved);
    EXPECT_EQ(kept.on_time, counted.on_time);
    EXPECT_EQ(kept.late, counted.late);
    EXPECT_DOUBLE_EQ(kept.average_days, counted.average_days);
    EXPECT_EQ(kept.by_kind, counted.by_kind);
    EXPECT_EQ(kept.by_channel, counted.by_channel);
    EXPECT_EQ(kept.ratings, counted.ratings);
    EXPECT_DOUBLE_EQ(kept.average_rating, counted.average_rating);
}

TEST_F(CasesCommands, MaintainedStatisticsEqualTheCountOfTheCasesOnTheDemoYear) {
    ASSERT_TRUE(load_demo(s_, org_));
    // A reclassified case moves from "unclassified" to its kind.
    NewCase in;
    in.kind = CaseKind::Unclassified;
    in.subject = in.body = "Đơn chưa rõ loại";
    in.identity = {"Người Gửi", "Thôn 3", "0911222333"};
    auto filed = file_case(s_, Actor::anonymous(), org_, in);
    ASSERT_TRUE(filed);
    ASSERT_TRUE(classify(s_, officer_, filed->id, CaseKind::Feedback));
    const std::vector<std::pair<Date, Date>> periods = {{year{2025} / 1 / 1, year{2026} / 12 / 31},
                                                        {year{2025} / 7 / 1, year{2025} / 9 / 30},
                                                        {year{2026} / 1 / 1, year{2026} / 3 / 31},
                                                        {year{2026} / 3 / 6, year{2026} / 3 / 6}};
    for (const auto& [from, to] : periods) {
        SCOPED_TRACE(iso_date(from) + " – " + iso_date(to));
        auto kept = statistics(s_, head_, org_, from, to);
        ASSERT_TRUE(kept);
        Statistics counted;
        auto tx = db_.db().begin(storage::Access::Read);
        store::statistics_counted(tx, org_.id, iso_date(from), iso_date(to), counted);
        expect_same_statistics(*kept, counted);
    }
    auto year = statistics(s_, head_, org_, std::chrono::year{2025} / 1 / 1,
                           std::chrono::year{2026} / 12 / 31);
    EXPECT_GT(year->resolved, 0);
    EXPECT_GT(year->accepted, 0);
    EXPECT_EQ(year->by_kind.count(CaseKind::Unclassified), 0u);
}

TEST(CasesMigrations, ExistingCasesGetRegisterNumbersAndStatisticsRows) {
    // A database at version 6 with cases in two years, one accepted and concluded late.
    std::vector<storage::Migration> before, all = migrations();
    for (const auto& m : all)
        if (m.module != "cases" || m.version <= 6) before.push_back(m);
    testing::TestDb db(before);
    testing::FakeClock clock;
    {
        auto tx = db.db().begin(storage::Access::Write);
        ASSERT_TRUE(tx.exec(
            "INSERT INTO identity_orgs (slug, name, kind, created_at) VALUES ('so-cu', 'Sở Cũ', "
            "'agency', 0)"));
        auto org = *tx.scalar<std::int64_t>("SELECT id FROM identity_orgs WHERE slug = 'so-cu'");
        for (const char* day : {"2025-12-30", "2026-01-05", "2026-01-06", "2025-12-31"}) {
            std::string d = day;
            ASSERT_TRUE(
                tx.exec("INSERT INTO cases (org_id, kind, channel, status, is_open, subject, body, "
                        "received_on, created_at, updated_at) VALUES (:org, 'complaint', 'letter', "
                        "'received', 1, 'Đơn', 'Nội dung', :day, 0, 0)",
                        storage::use(org, "org"), storage::use(d, "day")));
        }
        auto first = *tx.scalar<std::int64_t>("SELECT MIN(id) FROM cases");
        ASSERT_TRUE(tx.exec("UPDATE cases SET concluded_on = '2026-02-04', late = 1 WHERE id = :id",
                            storage::use(first, "id")));
        ASSERT_TRUE(
            tx.exec("INSERT INTO cases_events (case_id, at, action) VALUES (:id, 0, 'accepted')",
                    storage::use(first, "id")));
        ASSERT_TRUE(tx.commit());
    }
    storage::Migrator m(db.db());
    ASSERT_TRUE(m.add(all));
    ASSERT_TRUE(m.run(clock));
    auto tx = db.db().begin(storage::Access::Read);
    auto numbers = tx.rows<std::string, int, int>(
        "SELECT received_on, number_year, year_number FROM cases ORDER BY id");
    ASSERT_EQ(numbers.size(), 4u);
    EXPECT_EQ(numbers[0], std::make_tuple(std::string("2025-12-30"), 2025, 1));
    EXPECT_EQ(numbers[1], std::make_tuple(std::string("2026-01-05"), 2026, 1));
    EXPECT_EQ(numbers[2], std::make_tuple(std::string("2026-01-06"), 2026, 2));
    EXPECT_EQ(numbers[3], std::make_tuple(std::string("2025-12-31"), 2025, 2));
    EXPECT_EQ(tx.scalar<int>("SELECT last_number FROM cases_number_series WHERE year = 2026"),
              std::optional<int>(2));
    Statistics kept, counted;
    auto org = *tx.scalar<std::int64_t>("SELECT id FROM identity_orgs WHERE slug = 'so-cu'");
    store::statistics(tx, OrgId{org}, "2025-01-01", "2026-12-31", kept);
    store::statistics_counted(tx, OrgId{org}, "2025-01-01", "2026-12-31", counted);
    EXPECT_EQ(kept.received, 4);
    EXPECT_EQ(kept.accepted, 1);
    EXPECT_EQ(kept.late, 1);
    EXPECT_DOUBLE_EQ(kept.average_days, 36);  // 30/12/2025 → 4/2/2026
    expect_same_statistics(kept, counted);
}

// ---- Group commit of the public intake (intake.hpp) ----

// What each of `n` concurrent filings came back with: the receipt code, or nothing.
struct Outcome {
    std::optional<std::string> code;
    bool threw = false;
};

class CasesIntake : public CasesCommands {
  protected:
    // Files `n` denunciations from `n` threads at once through a committer that waits for
    // all of them, so they share one batch.
    std::vector<Outcome> file_together(IntakeCommitter& committer, int n) {
        s_.intake = &committer;
        std::vector<Outcome> out(static_cast<std::size_t>(n));
        std::vector<std::thread> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back([&, i] {
                auto in = denunciation();
                in.identity.name += " " + std::to_string(i);
                try {
                    auto filed = file_case(s_, Actor::anonymous(), org_, in);
                    if (filed) out[static_cast<std::size_t>(i)].code = filed->receipt_code;
                } catch (const std::exception&) {
                    out[static_cast<std::size_t>(i)].threw = true;
                }
            });
        for (auto& t : threads) t.join();
        s_.intake = nullptr;
        return out;
    }

    long long cases_in_db() {
        auto tx = db_.db().begin(storage::Access::Read);
        return tx.scalar<std::int64_t>("SELECT COUNT(*) FROM cases").value_or(-1);
    }

    // Acknowledged ⇔ stored: every returned code tracks to a case with its history, the
    // board counter and the audit count equal the acknowledged cases.
    void expect_acknowledged_iff_stored(const std::vector<Outcome>& outcomes, long long before) {
        long long acked = 0;
        for (const auto& o : outcomes) {
            if (!o.code) continue;
            ++acked;
            auto v = track(s_, *o.code, "10.1.1.1");
            ASSERT_TRUE(v) << "an acknowledged case is missing";
            auto d = case_detail(s_, head_, org_.id, v->c.id);
            ASSERT_TRUE(d);
            ASSERT_FALSE(d->events.empty());
            EXPECT_EQ(d->events.front().action, "received");
        }
        EXPECT_EQ(cases_in_db(), before + acked) << "a case was stored but not acknowledged";
        EXPECT_EQ(board(s_, officer_, org_.id)->by_status[CaseStatus::Received], before + acked);
        EXPECT_EQ(audits("cases.filed"), before + acked);
    }
};

TEST_F(CasesIntake, ConcurrentFilingsShareOneTransaction) {
    IntakeCommitter committer(s_, {4, std::chrono::milliseconds(5000)});
    auto outcomes = file_together(committer, 4);
    for (const auto& o : outcomes) EXPECT_TRUE(o.code);
    auto st = committer.stats();
    EXPECT_EQ(st.batches, 1u);
    EXPECT_EQ(st.largest_batch, 4u);
    EXPECT_EQ(st.cases, 4u);
    {
        // One batch takes four consecutive register numbers.
        auto tx = db_.db().begin(storage::Access::Read);
        EXPECT_EQ(tx.scalar<std::int64_t>("SELECT COUNT(DISTINCT year_number) FROM cases WHERE "
                                          "year_number BETWEEN 1 AND 4"),
                  std::optional<std::int64_t>(4));
    }
    expect_acknowledged_iff_stored(outcomes, 0);
    // The identities are sealed under each case's own context: the head opens each one.
    auto tx = db_.db().begin(storage::Access::Read);
    auto ids = tx.rows<std::int64_t>("SELECT id FROM cases ORDER BY id");
    tx.rollback();
    ASSERT_EQ(ids.size(), 4u);
    for (auto [id] : ids) {
        auto who = reveal_identity(s_, head_, CaseId{id});
        ASSERT_TRUE(who) << who.error().message_key;
        EXPECT_TRUE(who->name.starts_with("Hoàng Thị Bímật "));
    }
}

TEST_F(CasesIntake, OneFailingCaseOfABatchDoesNotFailTheOthers) {
    IntakeCommitter committer(s_, {4, std::chrono::milliseconds(5000)});
    // A case whose filer no longer exists (a foreign key the database refuses) arrives with
    // three good ones.
    PreparedCase bad;
    bad.actor = Actor::anonymous();
    bad.c.org = org_.id;
    bad.c.kind = CaseKind::Feedback;
    bad.c.channel = Channel::Web;
    bad.c.subject = bad.c.body = "Phản ánh";
    bad.c.received_on = clock_.today();
    bad.c.filed_by = PersonId{987654321};
    bad.receipt_hash = "not-a-real-hash";
    Result<FiledRow> bad_result = fail(ErrorCode::Internal, "unset");
    std::thread t([&] { bad_result = committer.submit(bad); });
    s_.intake = &committer;
    std::vector<Outcome> outcomes(3);
    std::vector<std::thread> good;
    for (int i = 0; i < 3; ++i)
        good.emplace_back([&, i] {
            auto filed = file_case(s_, Actor::anonymous(), org_, denunciation());
            if (filed) outcomes[static_cast<std::size_t>(i)].code = filed->receipt_code;
        });
    for (auto& g : good) g.join();
    t.join();
    s_.intake = nullptr;
    EXPECT_FALSE(bad_result);
    for (const auto& o : outcomes) EXPECT_TRUE(o.code);
    auto st = committer.stats();
    EXPECT_EQ(st.failed_batches, 1u);
    EXPECT_EQ(st.failed_cases, 1u);
    EXPECT_EQ(st.cases, 3u);
    expect_acknowledged_iff_stored(outcomes, 0);
}

TEST_F(CasesIntake, AFaultAnywhereInABatchLosesNothingAcknowledgedAndAcknowledgesNothingLost) {
    // Each batch of four writes, per case, the row, the identity, the counters, the history
    // line and the audit event; a fault on each of the 4 audit inserts (the last statement
    // before COMMIT) and on the first and last case inserts.
    long long before = 0;
    for (auto [nth, sql] :
         std::vector<std::pair<std::size_t, std::string>>{{1, "INSERT INTO audit_events"},
                                                          {2, "INSERT INTO audit_events"},
                                                          {4, "INSERT INTO audit_events"},
                                                          {1, "INSERT INTO cases "},
                                                          {4, "INSERT INTO cases "},
                                                          {3, "INSERT INTO cases_events"}}) {
        IntakeCommitter committer(s_, {4, std::chrono::milliseconds(5000)});
        db_.fail_statement(nth, sql);
        auto outcomes = file_together(committer, 4);
        db_.clear_faults();
        // The retry case by case saves every case of the failed batch.
        for (const auto& o : outcomes) EXPECT_TRUE(o.code) << nth << " " << sql;
        EXPECT_EQ(committer.stats().failed_batches, 1u) << nth << " " << sql;
        expect_acknowledged_iff_stored(outcomes, before);
        before += 4;
    }
    // A fault in a case's own transaction: that request fails (DatabaseError on its thread)
    // and its case is not stored; the others are.
    IntakeCommitter alone(s_, {1, std::chrono::milliseconds(0)});
    db_.fail_statement(2, "INSERT INTO audit_events");
    auto outcomes = file_together(alone, 3);
    db_.clear_faults();
    int threw = 0;
    for (const auto& o : outcomes) threw += o.threw ? 1 : 0;
    EXPECT_EQ(threw, 1);
    expect_acknowledged_iff_stored(outcomes, before);
}

}  // namespace
}  // namespace danchu::cases
