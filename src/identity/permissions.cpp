#include "identity/permissions.hpp"

#include <algorithm>

namespace danchu::identity {

namespace {

bool is_reviewer_above(const Actor& actor, const OrgScope& scope) {
    return std::any_of(scope.ancestors.begin(), scope.ancestors.end(),
                       [&](OrgId a) { return actor.has_role(a, Role::Reviewer); });
}

// Office staff who keep the organisation's records: the secretary (văn phòng), the head
// and the platform administrator.
bool keeps_records(const Actor& actor, OrgId org) {
    return actor.has_role(org, Role::Secretary) || actor.has_role(org, Role::Head) ||
           actor.has_role(org, Role::Admin);
}

}  // namespace

bool can(const Actor& actor, IdentityAction action, const OrgScope& scope) {
    if (actor.is_system()) return true;
    const OrgId org = scope.org.id;
    switch (action) {
        case IdentityAction::ViewOrganisation:
            return true;
        case IdentityAction::ViewMembers:
            return keeps_records(actor, org) || is_reviewer_above(actor, scope);
        case IdentityAction::ManageMembers:
            return actor.has_role(org, Role::Admin) || actor.has_role(org, Role::Secretary);
        case IdentityAction::EditOrganisation:
            return actor.has_role(org, Role::Admin);
        case IdentityAction::ManageOwnAccount:
            return actor.is_signed_in();
    }
    return false;
}

bool can(const Actor& actor, IdentityAction action) {
    switch (action) {
        case IdentityAction::ManageOwnAccount:
            return actor.is_signed_in();
        case IdentityAction::ViewOrganisation:
            return true;
        case IdentityAction::ViewMembers:
        case IdentityAction::ManageMembers:
        case IdentityAction::EditOrganisation:
            return actor.is_system();
    }
    return false;
}

}  // namespace danchu::identity
