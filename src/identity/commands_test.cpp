// Identity commands against a real database (SQLite, or PostgreSQL when DANCHU_TEST_PG is
// set): sign-in, throttling, sessions, two-factor, audit in the same transaction.

#include <gtest/gtest.h>

#include "identity/api.hpp"
#include "identity/files.hpp"
#include "identity/stamps.hpp"
#include "identity/store.hpp"
#include "storage/migrations.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"

namespace danchu::identity {
namespace {

using namespace std::chrono_literals;

class IdentityCommands : public ::testing::Test {
  protected:
    IdentityCommands()
        : db_(*storage::migrations_from_files(embedded_files())),
          hasher_(PasswordPolicy{.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024}),
          key_(*ServerKey::from_hex(std::string(64, '7'))),
          s_{db_.db(), clock_, hasher_, key_, IdentityConfig{}} {
        auto sys = Actor::system("test");
        Organisation o;
        o.slug = "so-tttt";
        o.name = "Sở Thông tin và Truyền thông";
        o.kind = OrgKind::Agency;
        o.setting = Setting::Agency;
        org_ = *create_organisation(s_, sys, o);
        secretary_ = *create_person(s_, sys, {"thu.ky", "Trần Thị Thư", "mật-khẩu-thư-ký"});
        member_ = *create_person(s_, sys, {"an.nguyen", "Nguyễn Văn An", "mật-khẩu-của-an"});
        EXPECT_TRUE(grant_role(s_, sys, secretary_, org_, Role::Secretary, "Chánh Văn phòng"));
        EXPECT_TRUE(grant_role(s_, sys, member_, org_, Role::Member, "Chuyên viên"));
    }

    Result<LoginOutcome> try_login(const std::string& user, const std::string& pw,
                                   const std::string& ip = "127.0.0.1") {
        return login(s_, {user, pw, ip, "test", "req-1"});
    }
    long long audit_count(const std::string& action) {
        auto tx = db_.db().begin(storage::Access::Read);
        return store::count_audit(tx, action);
    }

    testing::TestDb db_;
    testing::FakeClock clock_;
    PasswordHasher hasher_;
    ServerKey key_;
    IdentityServices s_;
    OrgId org_;
    PersonId secretary_, member_;
};

TEST_F(IdentityCommands, LoginWithRightPasswordGivesSessionWithRoles) {
    auto out = try_login("THU.KY", "mật-khẩu-thư-ký");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->second_factor, SecondFactor::Done);
    auto session = resolve_session(s_, out->session_token, "r", "127.0.0.1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->actor.person, secretary_);
    EXPECT_TRUE(session->actor.has_role(org_, Role::Secretary));
    EXPECT_EQ(session->csrf_token, out->csrf_token);
    EXPECT_EQ(audit_count("identity.login"), 1);
}

TEST_F(IdentityCommands, WrongPasswordAndUnknownUserFailAlike) {
    auto wrong = try_login("thu.ky", "sai mật khẩu rồi");
    auto unknown = try_login("khong.co", "sai mật khẩu rồi");
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().message_key, unknown.error().message_key);
    EXPECT_EQ(wrong.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(audit_count("identity.login_failed"), 2);
}

TEST_F(IdentityCommands, FiveWrongPasswordsThrottleTheAccountEvenWithTheRightOne) {
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(try_login("thu.ky", "sai mật khẩu rồi"));
    auto blocked = try_login("thu.ky", "mật-khẩu-thư-ký");
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::TooManyRequests);
    // Another account from another address is not affected.
    EXPECT_TRUE(try_login("an.nguyen", "mật-khẩu-của-an", "10.0.0.9"));
    // After the window the account may try again.
    clock_.advance(16min);
    EXPECT_TRUE(try_login("thu.ky", "mật-khẩu-thư-ký"));
}

TEST_F(IdentityCommands, ManyFailuresFromOneAddressThrottleThatAddress) {
    s_.config.login_max_failures_per_ip = 3;
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(try_login("x" + std::to_string(i) + "yz", "wrong-password", "10.1.1.1"));
    auto blocked = try_login("an.nguyen", "mật-khẩu-của-an", "10.1.1.1");
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::TooManyRequests);
    EXPECT_TRUE(try_login("an.nguyen", "mật-khẩu-của-an", "10.1.1.2"));
}

TEST_F(IdentityCommands, SessionsExpireWhenIdleAndAbsolutely) {
    auto out = try_login("an.nguyen", "mật-khẩu-của-an");
    ASSERT_TRUE(out);
    clock_.advance(7h);
    EXPECT_TRUE(resolve_session(s_, out->session_token, "r", ""));  // touches last_seen
    clock_.advance(7h);
    EXPECT_TRUE(resolve_session(s_, out->session_token, "r", ""));
    clock_.advance(9h);  // idle longer than 8 h
    EXPECT_FALSE(resolve_session(s_, out->session_token, "r", ""));

    auto again = try_login("an.nguyen", "mật-khẩu-của-an");
    for (int i = 0; i < 30; ++i) {  // active every 6 h, but 7 days is the absolute limit
        clock_.advance(6h);
        if (!resolve_session(s_, again->session_token, "r", "")) {
            EXPECT_GE(i, 27);
            return;
        }
    }
    ADD_FAILURE() << "session outlived its absolute expiry";
}

TEST_F(IdentityCommands, LogoutEndsTheSessionAndUnknownTokensResolveToNothing) {
    auto out = try_login("an.nguyen", "mật-khẩu-của-an");
    ASSERT_TRUE(logout(s_, out->session_token));
    EXPECT_FALSE(resolve_session(s_, out->session_token, "r", ""));
    EXPECT_FALSE(resolve_session(s_, "not-a-token", "r", ""));
    EXPECT_FALSE(resolve_session(s_, std::string(500, 'a'), "r", ""));
}

TEST_F(IdentityCommands, TwoFactorEnrolThenLoginNeedsACode) {
    auto out = try_login("an.nguyen", "mật-khẩu-của-an");
    auto session = resolve_session(s_, out->session_token, "r", "");
    const auto secret = new_two_factor_secret();
    EXPECT_FALSE(confirm_two_factor(s_, *session, secret, "000000"));
    ASSERT_TRUE(confirm_two_factor(s_, *session, secret, *Totp::code_at(secret, clock_.now())));

    auto second = try_login("an.nguyen", "mật-khẩu-của-an");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->second_factor, SecondFactor::CodeNeeded);
    auto pending = resolve_session(s_, second->session_token, "r", "");
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending->actor.memberships.empty()) << "no roles before the second factor";
    EXPECT_FALSE(verify_second_factor(s_, *pending, "123456"));
    ASSERT_TRUE(verify_second_factor(s_, *pending, *Totp::code_at(secret, clock_.now())));
    auto done = resolve_session(s_, second->session_token, "r", "");
    EXPECT_EQ(done->second_factor, SecondFactor::Done);
    EXPECT_TRUE(done->actor.has_role(org_, Role::Member));
}

TEST_F(IdentityCommands, OrganisationRequiringTwoFactorForcesEnrolment) {
    auto sys = Actor::system("test");
    Organisation o;
    o.slug = "xa-an-phu";
    o.name = "UBND xã An Phú";
    o.kind = OrgKind::Commune;
    o.requires_two_factor = true;
    auto commune = *create_organisation(s_, sys, o);
    ASSERT_TRUE(grant_role(s_, sys, member_, commune, Role::Officer, ""));
    auto out = try_login("an.nguyen", "mật-khẩu-của-an");
    EXPECT_EQ(out->second_factor, SecondFactor::EnrolmentNeeded);
}

TEST_F(IdentityCommands, MemberListIsForRecordKeepersAndPaginated) {
    auto sys = Actor::system("test");
    const char* given[] = {"Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Khánh"};
    for (int i = 0; i < 7; ++i) {
        auto p = *create_person(
            s_, sys,
            {"nv" + std::to_string(i), std::string("Lê Văn ") + given[i], "mật-khẩu-dài-đủ"});
        ASSERT_TRUE(grant_role(s_, sys, p, org_, Role::Member, ""));
    }
    auto org = *find_organisation(s_, org_);
    auto sec = resolve_session(s_, try_login("thu.ky", "mật-khẩu-thư-ký")->session_token, "r", "");
    auto mem =
        resolve_session(s_, try_login("an.nguyen", "mật-khẩu-của-an")->session_token, "r", "");
    auto denied = members(s_, mem->actor, org, "", 50);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::Forbidden);
    EXPECT_EQ(members(s_, Actor::anonymous(), org, "", 50).error().code,
              ErrorCode::Unauthenticated);

    std::vector<std::string> names;
    std::string after;
    int pages = 0;
    while (true) {
        auto page = members(s_, sec->actor, org, after, 4);
        ASSERT_TRUE(page);
        EXPECT_EQ(page->total, 9);
        ++pages;
        for (const auto& m : page->members) names.push_back(m.full_name);
        if (!page->next_after) break;
        after = *page->next_after;
    }
    EXPECT_EQ(pages, 3);
    ASSERT_EQ(names.size(), 9u);
    // Vietnamese order: by given name first — An < Bình … < Thư.
    EXPECT_EQ(names.front(), "Nguyễn Văn An");
    EXPECT_EQ(names[4], "Lê Văn Đức") << "đ sorts after d in Vietnamese";
    EXPECT_EQ(names.back(), "Trần Thị Thư");
}

TEST_F(IdentityCommands, PeopleAreFoundByLoginNameAndByRole) {
    auto p = find_person(s_, "AN.Nguyen");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->id, member_);
    EXPECT_FALSE(find_person(s_, "khong.co"));
    auto secretaries = people_with_role(s_, org_, Role::Secretary);
    ASSERT_EQ(secretaries.size(), 1u);
    EXPECT_EQ(secretaries[0].full_name, "Trần Thị Thư");
    EXPECT_TRUE(people_with_role(s_, org_, Role::Head).empty());
}

TEST_F(IdentityCommands, PublicWritesBumpTheStampAndThisNodeSeesItAtOnce) {
    VersionStamps stamps(db_.db(), clock_, std::chrono::milliseconds(1000));
    s_.stamps = &stamps;
    const auto before = stamps.current(kPublicScope);
    EXPECT_TRUE(stamps.fresh(kPublicScope));
    ASSERT_TRUE(grant_role(s_, Actor::system("t"), member_, org_, Role::Officer, ""));
    EXPECT_FALSE(stamps.fresh(kPublicScope)) << "the local bump drops the remembered stamp";
    EXPECT_EQ(stamps.current(kPublicScope), before + 1);
    // Another node's bump is seen once the TTL has passed.
    {
        auto tx = db_.db().begin(storage::Access::Write);
        ASSERT_TRUE(bump_stamp(tx, kPublicScope));
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(stamps.current(kPublicScope), before + 1);
    clock_.advance(std::chrono::seconds(1));
    EXPECT_FALSE(stamps.fresh(kPublicScope));
    EXPECT_EQ(stamps.current(kPublicScope), before + 2);
    s_.stamps = nullptr;
}

TEST_F(IdentityCommands, UsernameTakenIsAConflictOnTheField) {
    auto again = create_person(s_, Actor::system("t"), {"AN.NGUYEN", "Khác", "mật-khẩu-dài-đủ"});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    ASSERT_EQ(again.error().fields.size(), 1u);
    EXPECT_EQ(again.error().fields[0].field, "username");
}

TEST_F(IdentityCommands, BadInputNamesEveryField) {
    auto bad = create_person(s_, Actor::system("t"), {"a b", "", "short"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(bad.error().fields.size(), 3u);
}

TEST_F(IdentityCommands, PlainMemberCannotCreatePeople) {
    auto mem =
        resolve_session(s_, try_login("an.nguyen", "mật-khẩu-của-an")->session_token, "r", "");
    auto r = create_person(s_, mem->actor, {"moi.nguoi", "Người Mới", "mật-khẩu-dài-đủ"}, org_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
}

TEST_F(IdentityCommands, FailedAuditWriteLeavesNoHalfCreatedPerson) {
    db_.fail_statement(1, "INSERT INTO audit_events");
    EXPECT_THROW(
        (void)create_person(s_, Actor::system("t"), {"nua.voi", "Nửa Vời", "mật-khẩu-dài-đủ"}),
        storage::DatabaseError);
    db_.clear_faults();
    auto tx = db_.db().begin(storage::Access::Read);
    EXPECT_FALSE(store::person_by_username(tx, "nua.voi"));
}

TEST_F(IdentityCommands, ChangingPasswordEndsOtherSessions) {
    auto first = try_login("an.nguyen", "mật-khẩu-của-an");
    auto second = try_login("an.nguyen", "mật-khẩu-của-an");
    auto s2 = resolve_session(s_, second->session_token, "r", "");
    EXPECT_FALSE(change_password(s_, *s2, "sai", "mật-khẩu-mới-dài"));
    ASSERT_TRUE(change_password(s_, *s2, "mật-khẩu-của-an", "mật-khẩu-mới-dài"));
    EXPECT_FALSE(resolve_session(s_, first->session_token, "r", ""));
    EXPECT_TRUE(resolve_session(s_, second->session_token, "r", ""));
    EXPECT_TRUE(try_login("an.nguyen", "mật-khẩu-mới-dài"));
}

TEST_F(IdentityCommands, OrganisationKeysAreCreatedOnceAndStoredWrapped) {
    auto tx = db_.db().begin(storage::Access::Write);
    auto k1 = organisation_key(s_, tx, org_, "cases.seal");
    auto k2 = organisation_key(s_, tx, org_, "cases.seal");
    auto other = organisation_key(s_, tx, org_, "disclosures.sign");
    ASSERT_TRUE(k1 && k2 && other);
    EXPECT_EQ(*k1, *k2);
    EXPECT_NE(*k1, *other);
    auto wrapped = store::wrapped_key(tx, org_, "cases.seal");
    ASSERT_TRUE(wrapped);
    EXPECT_EQ(wrapped->find(std::string(reinterpret_cast<const char*>(k1->data()), 4)),
              std::string::npos);
}

}  // namespace
}  // namespace danchu::identity
