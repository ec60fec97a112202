#include "modules/reports/permissions.hpp"

namespace danchu::reports {
namespace {

using identity::Role;

bool prepares(const identity::Actor& a, OrgId org) {
    return a.has_role(org, Role::Secretary) || a.has_role(org, Role::Head);
}

bool reviewer_above(const identity::Actor& a, const OrgScope& scope) {
    for (OrgId up : scope.ancestors)
        if (a.has_role(up, Role::Reviewer)) return true;
    return false;
}

}  // namespace

bool can(const identity::Actor& actor, ReportAction action, const OrgScope& scope) {
    if (actor.is_system()) return true;
    const OrgId org = scope.org.id;
    switch (action) {
        case ReportAction::ViewDraft:
        case ReportAction::EditNarrative:
        case ReportAction::IssueNumber:
        case ReportAction::Submit:
            return prepares(actor, org);
        case ReportAction::ReviewSubmitted:
            return prepares(actor, org) || reviewer_above(actor, scope);
    }
    return false;
}

}  // namespace danchu::reports
