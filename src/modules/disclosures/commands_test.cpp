// Disclosure commands and queries against a real database (SQLite, or PostgreSQL when
// DANCHU_TEST_PG is set): publication with legal checks, versions, withdrawal, the ledger
// in the same transaction (and its tamper evidence in the stored rows), audience rules on
// every query, acknowledgements and their rates.

#include <gtest/gtest.h>

#include <set>

#include "identity/files.hpp"
#include "modules/disclosures/api.hpp"
#include "modules/disclosures/files.hpp"
#include "storage/migrations.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"

namespace danchu::disclosures {
namespace {

using identity::Actor;
using identity::Organisation;
using identity::Role;
using namespace std::chrono_literals;

std::vector<storage::Migration> all_migrations() {
    auto m = *storage::migrations_from_files(identity::embedded_files());
    auto d = *storage::migrations_from_files(embedded_files());
    m.insert(m.end(), d.begin(), d.end());
    return m;
}

Actor actor_for(PersonId p, std::vector<identity::Membership> ms) {
    Actor a;
    a.person = p;
    a.display_name = "t";
    a.memberships = std::move(ms);
    return a;
}

class DisclosureCommands : public ::testing::Test {
  protected:
    DisclosureCommands()
        : db_(all_migrations()),
          hasher_(
              identity::PasswordPolicy{.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024}),
          key_(*identity::ServerKey::from_hex(std::string(64, '7'))),
          ids_{db_.db(), clock_, hasher_, key_, identity::IdentityConfig{}},
          rules_(*vn::RuleTable::load()),
          calendar_(*vn::WorkCalendar::load()),
          categories_(*CategoryTable::load()),
          s_{ids_, categories_, rules_, calendar_} {
        auto sys = Actor::system("test");
        Organisation o;
        o.slug = "so-tttt";
        o.name = "Sở Thông tin và Truyền thông";
        o.kind = identity::OrgKind::Agency;
        o.setting = Setting::Agency;
        o.id = *identity::create_organisation(ids_, sys, o);
        org_ = o;
        Organisation u;
        u.slug = "so-tttt-vp";
        u.name = "Văn phòng Sở";
        u.kind = identity::OrgKind::Unit;
        u.setting = Setting::Agency;
        u.parent = org_.id;
        u.id = *identity::create_organisation(ids_, sys, u);
        secretary_p_ =
            *identity::create_person(ids_, sys, {"thu.ky", "Trần Thị Thư", "mật-khẩu-thư-ký"});
        member_p_ =
            *identity::create_person(ids_, sys, {"an.nguyen", "Nguyễn Văn An", "mật-khẩu-của-an"});
        unit_p_ =
            *identity::create_person(ids_, sys, {"binh.le", "Lê Văn Bình", "mật-khẩu-của-bình"});
        EXPECT_TRUE(identity::grant_role(ids_, sys, secretary_p_, org_.id, Role::Secretary,
                                         "Chánh Văn phòng"));
        EXPECT_TRUE(
            identity::grant_role(ids_, sys, member_p_, org_.id, Role::Member, "Chuyên viên"));
        EXPECT_TRUE(identity::grant_role(ids_, sys, unit_p_, u.id, Role::Member, "Chuyên viên"));
        EXPECT_TRUE(identity::grant_role(ids_, sys, unit_p_, org_.id, Role::Member, "Chuyên viên"));
        secretary_ = actor_for(secretary_p_, {{secretary_p_, org_.id, Role::Secretary, ""}});
        member_ = actor_for(member_p_, {{member_p_, org_.id, Role::Member, ""}});
        unit_member_ = actor_for(unit_p_, {{unit_p_, org_.id, Role::Member, ""}});
        auto outsider_p =
            *identity::create_person(ids_, sys, {"khach", "Phạm Khách", "mật-khẩu-khách"});
        outsider_ = actor_for(outsider_p, {});
    }

    ItemInput input(std::string title = "Dự toán ngân sách năm 2026",
                    std::string audience = "public") {
        ItemInput in;
        in.category = "cq.03";
        in.title = std::move(title);
        in.body = "Đường giao thông nông thôn: 1.710.000.000 đồng";
        in.audience = std::move(audience);
        in.decision_ref = "Quyết định số 12/QĐ-STTTT";
        in.decision_date = "2026-02-27";  // Friday; 5 working days → 06/3/2026
        in.channels = "internal_system,staff_conference";
        return in;
    }

    std::string ledger() { return ledger_jsonl(s_, org_); }
    ledger::PublicKey key() { return *ledger_key(s_, org_); }
    void exec(const std::string& sql) {
        auto tx = db_.db().begin(storage::Access::Write);
        ASSERT_TRUE(tx.exec(sql));
        ASSERT_TRUE(tx.commit());
    }
    long long count(const std::string& sql) {
        auto tx = db_.db().begin(storage::Access::Read);
        return tx.scalar<long long>(sql).value_or(-1);
    }

    testing::TestDb db_;
    testing::FakeClock clock_;  // 02/3/2026, 09:00 in Vietnam
    identity::PasswordHasher hasher_;
    identity::ServerKey key_;
    identity::IdentityServices ids_;
    vn::RuleTable rules_;
    vn::WorkCalendar calendar_;
    CategoryTable categories_;
    DisclosureServices s_;
    Organisation org_;
    PersonId secretary_p_, member_p_, unit_p_;
    Actor secretary_, member_, unit_member_, outsider_;
};

TEST_F(DisclosureCommands, SecretaryPublishesAndEveryoneSeesAPublicItemWithItsLedgerEntry) {
    auto id = publish_new(s_, secretary_, org_, input());
    ASSERT_TRUE(id) << id.error().message_key;
    for (const auto* who : {&secretary_, &member_, &outsider_}) {
        auto d = find_item(s_, *who, org_, *id);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->item.status, ItemStatus::Published);
        EXPECT_EQ(d->item.current().title, "Dự toán ngân sách năm 2026");
    }
    auto anon = find_item(s_, Actor::anonymous(), org_, *id);
    ASSERT_TRUE(anon);
    ASSERT_TRUE(anon->check);
    EXPECT_EQ(iso_date(anon->check->latest_publication), "2026-03-06");
    // Default posting end: the legal minimum of 20 days (Art 48).
    EXPECT_EQ(iso_date(*anon->item.current().posting_end), "2026-03-22");
    auto v = ledger::verify(ledger(), key());
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, 1);
    EXPECT_NE(ledger().find("\"action\":\"publish\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'disclosures.published'"), 1);
}

TEST_F(DisclosureCommands, MembersAndAnonymousCannotPublish) {
    auto by_member = publish_new(s_, member_, org_, input());
    ASSERT_FALSE(by_member);
    EXPECT_EQ(by_member.error().code, ErrorCode::Forbidden);
    auto by_anon = publish_new(s_, Actor::anonymous(), org_, input());
    ASSERT_FALSE(by_anon);
    EXPECT_EQ(by_anon.error().code, ErrorCode::Unauthenticated);
    EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures_items"), 0);
}

TEST_F(DisclosureCommands,
       InternalItemIsInvisibleToOutsidersByEveryQueryAndHashedInTheLedger_R_PUB_CQ_01) {
    auto id = publish_new(s_, secretary_, org_,
                          input("Kết quả đánh giá, xếp loại viên chức", "internal"));
    ASSERT_TRUE(id);
    for (const auto* who : {&outsider_}) {
        auto d = find_item(s_, *who, org_, *id);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error().code, ErrorCode::NotFound);
        EXPECT_TRUE(board(s_, *who, org_, {})->rows.empty());
        EXPECT_TRUE(board(s_, *who, org_, {.q = "xep loai"})->rows.empty());
        EXPECT_TRUE(quarterly_register(s_, *who, org_, 2026, 1)->empty());
    }
    EXPECT_FALSE(find_item(s_, Actor::anonymous(), org_, *id));
    EXPECT_TRUE(board(s_, Actor::anonymous(), org_, {})->rows.empty());
    EXPECT_TRUE(find_item(s_, member_, org_, *id));
    EXPECT_EQ(board(s_, member_, org_, {})->rows.size(), 1u);
    EXPECT_EQ(quarterly_register(s_, member_, org_, 2026, 1)->size(), 1u);
    const auto l = ledger();
    EXPECT_NE(l.find("detail_sha256"), std::string::npos);
    EXPECT_EQ(l.find("content_sha256"), std::string::npos) << "internal detail leaked: " << l;
    EXPECT_EQ(l.find("cq.03"), std::string::npos);
    EXPECT_TRUE(ledger::verify(l, key()).ok);
}

TEST_F(DisclosureCommands, DraftsAreOnlyForTheOfficeAndNotInTheLedger) {
    auto id = create_draft(s_, secretary_, org_, input());
    ASSERT_TRUE(id);
    EXPECT_FALSE(find_item(s_, member_, org_, *id));
    EXPECT_FALSE(find_item(s_, Actor::anonymous(), org_, *id));
    EXPECT_TRUE(find_item(s_, secretary_, org_, *id));
    EXPECT_EQ(board(s_, secretary_, org_, {})->rows.size(), 1u);
    EXPECT_TRUE(board(s_, member_, org_, {})->rows.empty());
    EXPECT_EQ(ledger(), "");
    ASSERT_TRUE(publish(s_, secretary_, org_, *id));
    EXPECT_TRUE(find_item(s_, member_, org_, *id));
    auto again = publish(s_, secretary_, org_, *id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
}

TEST_F(DisclosureCommands, LatePublicationNeedsAReasonAndIsFlagged_R_PUB_CQ_03) {
    auto in = input();
    in.decision_date = "2026-02-12";  // latest lawful day 26/02 (across Tết); today is 02/3
    auto refused = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    ASSERT_FALSE(refused.error().fields.empty());
    EXPECT_EQ(refused.error().fields[0].field, "late_reason");
    EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures_items"), 0) << "a refusal leaves no draft";
    in.late_reason = "Chờ ý kiến của Ban Giám đốc";
    auto id = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(id);
    auto rows = board(s_, Actor::anonymous(), org_, {})->rows;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows[0].flag_late);
    EXPECT_EQ(find_item(s_, member_, org_, *id)->item.current().late_reason,
              "Chờ ý kiến của Ban Giám đốc");
}

TEST_F(DisclosureCommands, ShortPostingNeedsAReasonAndIsFlagged_R_PUB_CQ_04) {
    auto in = input();
    in.posting_end = "2026-03-10";
    auto refused = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields[0].field, "short_reason");
    in.short_reason = "Thông tin đã được gửi bằng văn bản đến từng viên chức";
    auto id = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(id);
    EXPECT_TRUE(board(s_, member_, org_, {})->rows[0].flag_short);
}

TEST_F(DisclosureCommands, MissingChannelIsFlaggedNotRefused) {
    auto in = input();
    in.channels = "staff_conference";
    ASSERT_TRUE(publish_new(s_, secretary_, org_, in));
    EXPECT_TRUE(board(s_, member_, org_, {})->rows[0].flag_channels);
}

TEST_F(DisclosureCommands, CorrectionIsANewVersionAndTheOldOneStaysInTheHistory) {
    auto id = publish_new(s_, secretary_, org_, input());
    ASSERT_TRUE(id);
    auto in = input("Dự toán ngân sách năm 2026 (điều chỉnh)");
    auto no_note = correct(s_, secretary_, org_, *id, in);
    ASSERT_FALSE(no_note);
    EXPECT_EQ(no_note.error().fields[0].field, "correction_note");
    in.correction_note = "Sửa số liệu mục 2";
    clock_.advance(24h);
    auto v2 = correct(s_, secretary_, org_, *id, in);
    ASSERT_TRUE(v2) << v2.error().message_key;
    EXPECT_EQ(*v2, 2);
    auto d = find_item(s_, Actor::anonymous(), org_, *id);
    ASSERT_EQ(d->item.versions.size(), 2u);
    EXPECT_EQ(d->item.versions[0].title, "Dự toán ngân sách năm 2026");
    EXPECT_EQ(d->item.current().title, "Dự toán ngân sách năm 2026 (điều chỉnh)");
    EXPECT_FALSE(d->item.flag_late);
    EXPECT_FALSE(correct(s_, member_, org_, *id, in));
    auto v = ledger::verify(ledger(), key());
    EXPECT_TRUE(v.ok);
    EXPECT_EQ(v.entries, 2);
}

TEST_F(DisclosureCommands, WithdrawalNeedsAReasonAndStaysVisibleAsWithdrawn) {
    auto id = publish_new(s_, secretary_, org_, input());
    ASSERT_TRUE(id);
    auto no_reason = withdraw(s_, secretary_, org_, *id, "  ");
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.error().fields[0].field, "reason");
    ASSERT_TRUE(withdraw(s_, secretary_, org_, *id, "Công khai nhầm đơn vị"));
    auto d = find_item(s_, Actor::anonymous(), org_, *id);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->item.status, ItemStatus::Withdrawn);
    EXPECT_EQ(d->item.withdrawn_reason, "Công khai nhầm đơn vị");
    EXPECT_FALSE(withdraw(s_, secretary_, org_, *id, "again"));
    EXPECT_NE(ledger().find("\"action\":\"withdraw\""), std::string::npos);
    EXPECT_TRUE(ledger::verify(ledger(), key()).ok);
}

TEST_F(DisclosureCommands, PostingPeriodOverMeansExpiredButStillInTheArchive) {
    auto id = publish_new(s_, secretary_, org_, input());
    ASSERT_TRUE(id);
    clock_.advance(24h * 25);
    auto d = find_item(s_, Actor::anonymous(), org_, *id);
    EXPECT_EQ(d->item.status, ItemStatus::Expired);
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.status = ItemStatus::Expired})->rows.size(),
              1u);
    EXPECT_TRUE(
        board(s_, Actor::anonymous(), org_, {.status = ItemStatus::Published})->rows.empty());
}

TEST_F(DisclosureCommands, SearchIgnoresDiacriticsAndDAndRawInputNeverBreaksTheQuery) {
    ASSERT_TRUE(publish_new(s_, secretary_, org_, input("Đường giao thông nông thôn xã Hòa Lợi")));
    ASSERT_TRUE(publish_new(s_, secretary_, org_, input("Kế hoạch công tác quý I")));
    auto hit = board(s_, Actor::anonymous(), org_, {.q = "duong giao thong"});
    ASSERT_EQ(hit->rows.size(), 2u) << "the first title and the first body both match";
    auto title_only = board(s_, Actor::anonymous(), org_, {.q = "hoa loi"});
    ASSERT_EQ(title_only->rows.size(), 1u);
    EXPECT_EQ(title_only->rows[0].title, "Đường giao thông nông thôn xã Hòa Lợi");
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "đường giao xã"})->rows.size(), 1u);
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "ĐƯỜNG GIAO XA"})->rows.size(), 1u);
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "giao tho loi"})->rows.size(), 1u)
        << "every word is a prefix";
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "ke hoach cong tac"})->rows.size(), 1u);
    std::string ten_kb;
    for (int i = 0; i < 1000; ++i) ten_kb += "(\"NEAR* ";
    for (const std::string& nasty :
         {std::string("%"), std::string("_"), std::string("'; DROP TABLE disclosures_items; --"),
          std::string("!"), std::string("\\"), std::string("\"*"), std::string("NEAR(duong giao)x"),
          std::string("-"), std::string("*"), std::string("())("), std::string("\0", 1), ten_kb,
          std::string(10 * 1024, 'a')}) {
        auto r = board(s_, Actor::anonymous(), org_, {.q = nasty});
        ASSERT_TRUE(r) << nasty.substr(0, 40);
        EXPECT_TRUE(r->rows.empty()) << nasty.substr(0, 40);
    }
    // Operators are words like any other: they neither fail nor widen the search.
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "duong* -giao (thong"})->rows.size(), 2u);
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = std::string("duong\0xa", 8)})->rows.size(),
              1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures_items"), 2);
}

TEST_F(DisclosureCommands, AnItemDatedBeforeTheLawShowsThatNoTimingRuleIsInForce) {
    // 2021: the department's disclosures under the former regime (NĐ 04/2015, not in the data).
    clock_.set(TimePoint{std::chrono::sys_days{std::chrono::year{2021} / 3 / 15}} + 2h);
    auto in = input("Dự toán ngân sách nhà nước năm 2021");
    in.decision_date = "2021-01-08";  // two months earlier: late under the 2022 law
    in.channels = "other";            // no mandatory channel of the 2022 law
    auto id = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(id) << id.error().message_key;
    auto d = find_item(s_, Actor::anonymous(), org_, *id);
    ASSERT_TRUE(d);
    ASSERT_TRUE(d->check);
    EXPECT_FALSE(d->check->rules_in_force);
    EXPECT_FALSE(d->item.flag_late);
    EXPECT_FALSE(d->item.flag_short);
    EXPECT_FALSE(d->item.flag_channels);
    EXPECT_FALSE(d->item.current().posting_end) << "no minimum period to fill in";
    ASSERT_TRUE(d->category);
    EXPECT_EQ(d->category->code, "cq.03");
    // The same item decided after 01/7/2023 is judged by the law.
    clock_.set(TimePoint{std::chrono::sys_days{std::chrono::year{2024} / 3 / 15}} + 2h);
    in.decision_date = "2024-01-08";
    in.late_reason = "Chờ số liệu";
    auto later = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(later) << later.error().message_key;
    auto d2 = find_item(s_, Actor::anonymous(), org_, *later);
    EXPECT_TRUE(d2->check->rules_in_force);
    EXPECT_TRUE(d2->item.flag_late);
    EXPECT_TRUE(d2->item.flag_channels);
}

TEST_F(DisclosureCommands, SearchFollowsCorrectionsAndPagesWithoutRepeats) {
    auto id = publish_new(s_, secretary_, org_, input("Quy chế chi tiêu nội bộ"));
    ASSERT_TRUE(id);
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(publish_new(s_, secretary_, org_,
                                input("Quyết định khen thưởng đợt " + std::to_string(i + 1))));
    auto in = input("Quy chế quản lý tài sản công");
    in.correction_note = "Sai tên quy chế";
    ASSERT_TRUE(correct(s_, secretary_, org_, *id, in));
    EXPECT_TRUE(board(s_, Actor::anonymous(), org_, {.q = "chi tieu"})->rows.empty());
    EXPECT_EQ(board(s_, Actor::anonymous(), org_, {.q = "tai san cong"})->rows.size(), 1u);
    std::set<std::int64_t> seen;
    BoardFilter f{.q = "khen thuong", .limit = 2};
    for (int page = 0; page < 5; ++page) {
        auto r = board(s_, Actor::anonymous(), org_, f);
        ASSERT_TRUE(r);
        for (const auto& row : r->rows) EXPECT_TRUE(seen.insert(row.id.value).second);
        if (!r->next_after) break;
        f.after = *r->next_after;
    }
    EXPECT_EQ(seen.size(), 5u);
}

TEST_F(DisclosureCommands, BoardPagesByKeyWithoutGapsOrRepeats) {
    for (int i = 0; i < 7; ++i) {
        ASSERT_TRUE(publish_new(s_, secretary_, org_, input("Mục " + std::to_string(i))));
        if (i % 2) clock_.advance(1s);  // some share a publication second
    }
    std::vector<std::int64_t> seen;
    BoardFilter f{.limit = 3};
    for (int page = 0; page < 5; ++page) {
        auto p = board(s_, Actor::anonymous(), org_, f);
        ASSERT_TRUE(p);
        for (const auto& r : p->rows) seen.push_back(r.id.value);
        if (!p->next_after) break;
        f.after = *p->next_after;
    }
    ASSERT_EQ(seen.size(), 7u);
    EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    EXPECT_FALSE(board(s_, Actor::anonymous(), org_, {.after = "x.y"}));
}

TEST_F(DisclosureCommands, MembersAcknowledgeAndRatesPerItemAndUnitAreRight) {
    auto id = publish_new(s_, secretary_, org_, input("Nâng bậc lương thường xuyên", "internal"));
    ASSERT_TRUE(id);
    EXPECT_EQ(unread(s_, member_, org_)->size(), 1u);
    ASSERT_TRUE(acknowledge(s_, member_, org_, *id));
    ASSERT_TRUE(acknowledge(s_, member_, org_, *id));  // idempotent
    EXPECT_TRUE(unread(s_, member_, org_)->empty());
    EXPECT_FALSE(acknowledge(s_, outsider_, org_, *id));
    auto r = ack_report(s_, secretary_, org_, *id);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->members, 2);
    EXPECT_EQ(r->acknowledged, 1);
    ASSERT_EQ(r->missing.size(), 1u);
    EXPECT_EQ(r->missing[0].full_name, "Lê Văn Bình");
    ASSERT_EQ(r->units.size(), 2u);
    EXPECT_EQ(r->units[1].unit, "Văn phòng Sở");
    EXPECT_EQ(r->units[1].members, 1);
    EXPECT_EQ(r->units[1].acknowledged, 0);
    EXPECT_FALSE(ack_report(s_, member_, org_, *id));
    EXPECT_EQ(board(s_, secretary_, org_, {})->rows[0].ack_count, 1);

    EXPECT_FALSE(remind(s_, member_, org_, *id));
    auto sent = remind(s_, secretary_, org_, *id);
    ASSERT_TRUE(sent);
    EXPECT_EQ(*sent, 1);
    EXPECT_EQ(reminders_for(s_, unit_member_, org_), 1);
    ASSERT_TRUE(remind(s_, secretary_, org_, *id));
    EXPECT_EQ(reminders_for(s_, unit_member_, org_), 1) << "a second reminder is the same one";
    // The figure is a maintained counter, equal to the reminder rows it stands for.
    EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures_reminders"), 1);
    ASSERT_TRUE(acknowledge(s_, unit_member_, org_, *id));
    EXPECT_EQ(reminders_for(s_, unit_member_, org_), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures_reminders"), 0);
    EXPECT_EQ(ack_report(s_, secretary_, org_, *id)->acknowledged, 2);
}

// Tamper evidence in the stored rows (the served ledger is read from them).
class LedgerTamper : public DisclosureCommands {
  protected:
    void SetUp() override {
        for (int i = 0; i < 4; ++i) {
            ASSERT_TRUE(publish_new(s_, secretary_, org_, input("Mục " + std::to_string(i))));
        }
        ASSERT_TRUE(ledger::verify(ledger(), key()).ok);
    }
};

TEST_F(LedgerTamper, ChangedByteInAPastEntryFailsNamingIt) {
    exec(
        "UPDATE disclosures_ledger SET entry = REPLACE(entry, '\"action\":\"publish\"', "
        "'\"action\":\"publisH\"') WHERE seq = 2");
    auto v = ledger::verify(ledger(), key());
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
}

TEST_F(LedgerTamper, DeletedEntryFailsNamingTheGap) {
    exec("DELETE FROM disclosures_ledger WHERE seq = 3");
    auto v = ledger::verify(ledger(), key());
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 3);
}

TEST_F(LedgerTamper, SwappedEntriesFail) {
    // Swap the contents of rows 2 and 3 (ids stay; the served order is by seq).
    exec("UPDATE disclosures_ledger SET seq = 99 WHERE seq = 2");
    exec("UPDATE disclosures_ledger SET seq = 2 WHERE seq = 3");
    exec("UPDATE disclosures_ledger SET seq = 3 WHERE seq = 99");
    auto v = ledger::verify(ledger(), key());
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
}

TEST_F(DisclosureCommands, AFailedLedgerWriteLeavesNothingPublished) {
    auto id = create_draft(s_, secretary_, org_, input());
    ASSERT_TRUE(id);
    db_.fail_statement(1, "INSERT INTO disclosures_ledger");
    EXPECT_ANY_THROW((void)publish(s_, secretary_, org_, *id));
    db_.clear_faults();
    EXPECT_FALSE(find_item(s_, member_, org_, *id)) << "still a draft";
    EXPECT_EQ(ledger(), "");
}

TEST_F(DisclosureCommands, AttachmentsAreTypedByContentLimitedAndHashedIntoTheLedger) {
    auto in = input("Kết quả đánh giá, xếp loại", "internal");
    const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n";
    in.attachments = {{"../../ket-qua.pdf", pdf}};
    auto id = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(id) << id.error().message_key;
    auto d = find_item(s_, member_, org_, *id);
    ASSERT_EQ(d->item.current().attachments.size(), 1u);
    const auto& a = d->item.current().attachments[0];
    EXPECT_EQ(a.name, "ket-qua.pdf");
    EXPECT_EQ(a.media_type, "application/pdf");
    EXPECT_EQ(a.sha256, ledger::sha256_hex(pdf));
    auto file = attachment(s_, member_, org_, *id, a.id);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->bytes, pdf);
    // Internal: the file is as invisible as the item.
    EXPECT_FALSE(attachment(s_, outsider_, org_, *id, a.id));
    EXPECT_FALSE(attachment(s_, Actor::anonymous(), org_, *id, a.id));
    // The ledger commits to the file only through the private detail's hash.
    EXPECT_EQ(ledger().find(a.sha256), std::string::npos);

    auto pub = input();
    pub.attachments = {{"du-toan.pdf", pdf}};
    auto pid = publish_new(s_, secretary_, org_, pub);
    ASSERT_TRUE(pid);
    EXPECT_NE(ledger().find(ledger::sha256_hex(pdf)), std::string::npos);
    EXPECT_TRUE(attachment(s_, Actor::anonymous(), org_, *pid,
                           find_item(s_, member_, org_, *pid)->item.current().attachments[0].id));

    // A correction without new files keeps them; one with new files replaces them.
    auto corr = input();
    corr.correction_note = "Sửa tiêu đề";
    ASSERT_TRUE(correct(s_, secretary_, org_, *pid, corr));
    EXPECT_EQ(find_item(s_, member_, org_, *pid)->item.current().attachments.size(), 1u);
}

TEST_F(DisclosureCommands, AttachmentTypeComesFromTheContentNotTheName) {
    auto in = input();
    in.attachments = {{"bao-cao.pdf", "<html><script>alert(1)</script></html>"}};
    auto r = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields[0].field, "attachments");
    EXPECT_EQ(r.error().message_key, "disclosures.error.attachment_type");
    in.attachments = {{"anh.png", std::string("\x89PNG\r\n\x1a\n", 8) + "data"}};
    EXPECT_TRUE(publish_new(s_, secretary_, org_, in));
    s_.max_attachment_bytes = 16;
    in.attachments = {{"lon.pdf", "%PDF-" + std::string(100, 'x')}};
    auto big = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().message_key, "disclosures.error.attachment_size");
    s_.max_attachment_bytes = 1024;
    in.attachments = {{"a.pdf", "%PDF-1"}, {"b.pdf", "%PDF-2"}};
    s_.max_attachments = 1;
    auto many = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().message_key, "disclosures.error.attachment_count");
    // A type the organisation's configuration leaves out is refused like an unknown one.
    s_.attachment_types = {"pdf"};
    in.attachments = {{"anh.png", std::string("\x89PNG\r\n\x1a\n", 8) + "data"}};
    auto png = publish_new(s_, secretary_, org_, in);
    ASSERT_FALSE(png);
    EXPECT_EQ(png.error().message_key, "disclosures.error.attachment_type");
    in.attachments = {{"a.pdf", "%PDF-1"}};
    EXPECT_TRUE(publish_new(s_, secretary_, org_, in));
    EXPECT_EQ(
        sniff_media_type(std::string("PK\x03\x04", 4) + "[Content_Types].xml word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(
        sniff_media_type(std::string("PK\x03\x04", 4) + "[Content_Types].xml xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_FALSE(sniff_media_type(std::string("PK\x03\x04", 4) + "payload.exe"));
    EXPECT_FALSE(sniff_media_type("MZ\x90"));
}

TEST_F(DisclosureCommands, LocalItemsFromTheRegulationAreAddedWithTheirBasis_R_GEN_06) {
    EXPECT_FALSE(add_local_category(s_, member_, org_, "Quỹ phúc lợi", "", "Quy chế 12/QC"));
    auto no_basis = add_local_category(s_, secretary_, org_, "Quỹ phúc lợi", "", " ");
    ASSERT_FALSE(no_basis);
    EXPECT_EQ(no_basis.error().fields[0].field, "local_basis");
    auto code = add_local_category(s_, secretary_, org_, "Quỹ phúc lợi của cơ quan", "Welfare fund",
                                   "Quy chế thực hiện dân chủ số 12/QC-STTTT");
    ASSERT_TRUE(code);
    const auto cats = categories_for(s_, org_, clock_.today());
    ASSERT_EQ(cats.size(), 13u);
    EXPECT_EQ(cats.back().code, *code);
    EXPECT_EQ(cats.back().basis(), "Quy chế thực hiện dân chủ số 12/QC-STTTT");
    // Local items follow the law's periods for the setting: 20 days for an agency.
    auto in = input("Trích lập quỹ phúc lợi quý I");
    in.category = *code;
    auto id = publish_new(s_, secretary_, org_, in);
    ASSERT_TRUE(id) << id.error().message_key;
    auto d = find_item(s_, Actor::anonymous(), org_, *id);
    ASSERT_TRUE(d->check);
    EXPECT_EQ(iso_date(*d->check->minimum_posting_end), "2026-03-22");
    // Another organisation cannot use it.
    Organisation other = org_;
    other.id = OrgId{org_.id.value + 1};
    EXPECT_FALSE(category_for(s_, other, *code, clock_.today()));
}

}  // namespace
}  // namespace danchu::disclosures
