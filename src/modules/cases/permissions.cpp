#include "modules/cases/permissions.hpp"

namespace danchu::cases {

using identity::Role;

bool can(const identity::Actor& actor, CaseAction action, const CaseRef& c) {
    if (action == CaseAction::File) return true;
    if (actor.is_system()) return true;
    if (!actor.person) return false;
    const bool head = actor.has_role(c.org, Role::Head);
    const bool officer = actor.has_role(c.org, Role::Officer);
    const bool assignee = c.assignee && *c.assignee == *actor.person;
    switch (action) {
        case CaseAction::File:
            return true;
        case CaseAction::ViewUnit:
        case CaseAction::ViewWorkspace:
        case CaseAction::Enter:
        case CaseAction::ReceptionLog:
        case CaseAction::Classify:
        case CaseAction::Transition:
        case CaseAction::Assign:
            return head || officer;
        case CaseAction::View:
        case CaseAction::Note:
            return head || officer || (assignee && actor.is_member_of(c.org));
        case CaseAction::Conclude:
        case CaseAction::Extend:
            // The resolver decides; the head signs for the organisation.
            return head || (assignee && actor.is_member_of(c.org));
        case CaseAction::KeepCalendar:
            return head || actor.has_role(c.org, Role::Secretary);
        case CaseAction::ViewStatistics:
            return head || officer || actor.has_role(c.org, Role::Secretary) ||
                   actor.has_role(c.org, Role::Inspector);
        case CaseAction::RevealIdentity:
            if (!identity_is_protected(c.kind)) return head || officer || assignee;
            // R-TC-07: only the person resolving the denunciation and the head.
            return head || (assignee && actor.is_member_of(c.org));
    }
    return false;
}

}  // namespace danchu::cases
