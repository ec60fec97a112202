// Who may prepare, issue, submit and review reports.
#include "modules/reports/permissions.hpp"

#include <gtest/gtest.h>

namespace danchu::reports {
namespace {

using identity::Role;

identity::Actor actor_with(std::vector<std::pair<OrgId, Role>> roles) {
    identity::Actor a;
    a.person = PersonId{7};
    for (auto [org, role] : roles) a.memberships.push_back({PersonId{7}, org, role, ""});
    return a;
}

class ReportPermissions : public ::testing::Test {
  protected:
    ReportPermissions() {
        org_.id = OrgId{2};
        province_ = {OrgId{1}};
    }
    OrgScope scope() { return {org_, province_}; }
    identity::Organisation org_;
    std::vector<OrgId> province_;
};

TEST_F(ReportPermissions, SecretaryAndHeadPrepare) {
    for (Role r : {Role::Secretary, Role::Head}) {
        auto a = actor_with({{OrgId{2}, r}});
        for (auto action :
             {ReportAction::ViewDraft, ReportAction::EditNarrative, ReportAction::IssueNumber,
              ReportAction::Submit, ReportAction::ReviewSubmitted})
            EXPECT_TRUE(can(a, action, scope()));
    }
}

TEST_F(ReportPermissions, PlainMemberOfficerAndAnonymousMayNot) {
    for (auto a : {actor_with({{OrgId{2}, Role::Member}}), actor_with({{OrgId{2}, Role::Officer}}),
                   actor_with({{OrgId{2}, Role::Inspector}}), identity::Actor::anonymous()})
        for (auto action :
             {ReportAction::ViewDraft, ReportAction::EditNarrative, ReportAction::IssueNumber,
              ReportAction::Submit, ReportAction::ReviewSubmitted})
            EXPECT_FALSE(can(a, action, scope()));
}

TEST_F(ReportPermissions, ReviewerAboveReadsSubmittedOnly) {
    auto a = actor_with({{OrgId{1}, Role::Reviewer}});
    EXPECT_TRUE(can(a, ReportAction::ReviewSubmitted, scope()));
    EXPECT_FALSE(can(a, ReportAction::ViewDraft, scope()));
    EXPECT_FALSE(can(a, ReportAction::EditNarrative, scope()));
    auto elsewhere = actor_with({{OrgId{9}, Role::Reviewer}});
    EXPECT_FALSE(can(elsewhere, ReportAction::ReviewSubmitted, scope()));
    auto secretary_elsewhere = actor_with({{OrgId{9}, Role::Secretary}});
    EXPECT_FALSE(can(secretary_elsewhere, ReportAction::ViewDraft, scope()));
}

TEST_F(ReportPermissions, SystemMayDoAnything) {
    EXPECT_TRUE(can(identity::Actor::system("t"), ReportAction::IssueNumber, scope()));
}

}  // namespace
}  // namespace danchu::reports
