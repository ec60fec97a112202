#include "identity/permissions.hpp"

#include <gtest/gtest.h>

namespace danchu::identity {
namespace {

Organisation org(std::int64_t id) {
    Organisation o;
    o.id = OrgId{id};
    return o;
}

Actor with_role(std::int64_t org_id, Role role) {
    Actor a;
    a.person = PersonId{1};
    a.memberships.push_back({PersonId{1}, OrgId{org_id}, role, ""});
    return a;
}

TEST(IdentityPermissions, AnyoneMayViewAnOrganisationPage) {
    auto o = org(1);
    EXPECT_TRUE(can(Actor::anonymous(), IdentityAction::ViewOrganisation, OrgScope{o}));
}

TEST(IdentityPermissions, SecretaryHeadAndAdminSeeMembersPlainMemberDoesNot) {
    auto o = org(1);
    EXPECT_TRUE(can(with_role(1, Role::Secretary), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_TRUE(can(with_role(1, Role::Head), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_TRUE(can(with_role(1, Role::Admin), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_FALSE(can(with_role(1, Role::Member), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_FALSE(can(with_role(1, Role::Officer), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_FALSE(can(Actor::anonymous(), IdentityAction::ViewMembers, OrgScope{o}));
}

TEST(IdentityPermissions, RoleInAnotherOrganisationGrantsNothing) {
    auto o = org(1);
    EXPECT_FALSE(can(with_role(2, Role::Secretary), IdentityAction::ViewMembers, OrgScope{o}));
    EXPECT_FALSE(can(with_role(2, Role::Admin), IdentityAction::ManageMembers, OrgScope{o}));
}

TEST(IdentityPermissions, ReviewerAtSuperiorOrganisationSeesMembersButCannotManage) {
    auto o = org(5);
    const OrgId ancestors[] = {OrgId{3}, OrgId{1}};
    auto reviewer = with_role(1, Role::Reviewer);
    EXPECT_TRUE(can(reviewer, IdentityAction::ViewMembers, OrgScope{o, ancestors}));
    EXPECT_FALSE(can(reviewer, IdentityAction::ManageMembers, OrgScope{o, ancestors}));
    EXPECT_FALSE(can(reviewer, IdentityAction::ViewMembers, OrgScope{o}));
}

TEST(IdentityPermissions, OnlyAdminEditsTheOrganisation) {
    auto o = org(1);
    EXPECT_TRUE(can(with_role(1, Role::Admin), IdentityAction::EditOrganisation, OrgScope{o}));
    EXPECT_FALSE(can(with_role(1, Role::Head), IdentityAction::EditOrganisation, OrgScope{o}));
}

TEST(IdentityPermissions, OwnAccountNeedsSignIn) {
    EXPECT_FALSE(can(Actor::anonymous(), IdentityAction::ManageOwnAccount));
    EXPECT_TRUE(can(with_role(1, Role::Member), IdentityAction::ManageOwnAccount));
}

TEST(IdentityPermissions, SystemActorMayDoEverything) {
    auto o = org(1);
    auto sys = Actor::system("shell");
    for (auto a : {IdentityAction::ViewMembers, IdentityAction::ManageMembers,
                   IdentityAction::EditOrganisation})
        EXPECT_TRUE(can(sys, a, OrgScope{o}));
}

TEST(Organisation, ValidityDatesAreInclusive_R_ORG_02) {
    using namespace std::chrono;
    Organisation tra_vinh;
    tra_vinh.valid_to = 2025y / June / 30;
    EXPECT_TRUE(tra_vinh.is_valid_on(2025y / June / 30));
    EXPECT_FALSE(tra_vinh.is_valid_on(2025y / July / 1));
    Organisation vinh_long;
    vinh_long.valid_from = 2025y / July / 1;
    EXPECT_FALSE(vinh_long.is_valid_on(2025y / June / 30));
    EXPECT_TRUE(vinh_long.is_valid_on(2025y / July / 1));
}

}  // namespace
}  // namespace danchu::identity
