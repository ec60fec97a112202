// The whole access policy, actor by actor: who may see the workspace, move cases, and —
// R-TC-07 — read a denouncer's identity.

#include "modules/cases/permissions.hpp"

#include <gtest/gtest.h>

namespace danchu::cases {
namespace {

using identity::Actor;
using identity::Role;

const OrgId kOrg{1}, kOther{2};

Actor person(std::int64_t id, std::vector<std::pair<OrgId, Role>> roles) {
    Actor a;
    a.person = PersonId{id};
    a.display_name = "p" + std::to_string(id);
    for (auto [org, role] : roles) a.memberships.push_back({PersonId{id}, org, role, ""});
    return a;
}

TEST(CasesPermissions, IdentityOfADenouncerOnlyForAssigneeAndHead_R_TC_07) {
    const Actor head = person(1, {{kOrg, Role::Head}});
    const Actor assignee = person(2, {{kOrg, Role::Officer}});
    const Actor officer = person(3, {{kOrg, Role::Officer}});
    const Actor secretary = person(4, {{kOrg, Role::Secretary}, {kOrg, Role::Member}});
    const Actor inspector = person(5, {{kOrg, Role::Inspector}});
    const Actor other_head = person(6, {{kOther, Role::Head}});
    const Actor reviewer = person(7, {{kOther, Role::Reviewer}});
    const Actor citizen = person(8, {});
    const Actor anonymous = Actor::anonymous();
    for (CaseKind kind :
         {CaseKind::Denunciation, CaseKind::AnonymousReport, CaseKind::Unclassified}) {
        CaseRef c{kOrg, kind, PersonId{2}};
        EXPECT_TRUE(can(head, CaseAction::RevealIdentity, c));
        EXPECT_TRUE(can(assignee, CaseAction::RevealIdentity, c));
        for (const Actor* a :
             {&officer, &secretary, &inspector, &other_head, &reviewer, &citizen, &anonymous})
            EXPECT_FALSE(can(*a, CaseAction::RevealIdentity, c)) << a->display_name;
        // The verifier works on the redacted copy.
        EXPECT_TRUE(can(officer, CaseAction::View, c));
    }
    // A complaint's sender is known to every case officer of the organisation.
    EXPECT_TRUE(can(officer, CaseAction::RevealIdentity, {kOrg, CaseKind::Complaint, PersonId{2}}));
    EXPECT_FALSE(
        can(secretary, CaseAction::RevealIdentity, {kOrg, CaseKind::Complaint, PersonId{2}}));
}

TEST(CasesPermissions, WorkspaceAndHandlingNeedOfficerOrHead) {
    const CaseRef c{kOrg, CaseKind::Complaint, PersonId{2}};
    const Actor head = person(1, {{kOrg, Role::Head}});
    const Actor assignee = person(2, {{kOrg, Role::Member}});
    const Actor officer = person(3, {{kOrg, Role::Officer}});
    const Actor member = person(4, {{kOrg, Role::Member}});
    const Actor outsider = person(5, {{kOther, Role::Officer}});
    for (CaseAction a : {CaseAction::ViewWorkspace, CaseAction::Transition, CaseAction::Assign,
                         CaseAction::Classify, CaseAction::Enter}) {
        EXPECT_TRUE(can(head, a, c));
        EXPECT_TRUE(can(officer, a, c));
        EXPECT_FALSE(can(member, a, c));
        EXPECT_FALSE(can(outsider, a, c));
        EXPECT_FALSE(can(Actor::anonymous(), a, c));
    }
    // Concluding and extending: the resolver or the head, not any officer.
    EXPECT_TRUE(can(assignee, CaseAction::Conclude, c));
    EXPECT_TRUE(can(head, CaseAction::Extend, c));
    EXPECT_FALSE(can(officer, CaseAction::Conclude, c));
    EXPECT_FALSE(can(officer, CaseAction::Extend, c));
    // Anyone may file.
    EXPECT_TRUE(can(Actor::anonymous(), CaseAction::File, c));
}

}  // namespace
}  // namespace danchu::cases
