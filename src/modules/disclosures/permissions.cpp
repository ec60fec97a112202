#include "modules/disclosures/permissions.hpp"

namespace danchu::disclosures {

using identity::Role;

namespace {
bool publisher(const identity::Actor& a, OrgId org) {
    return a.has_role(org, Role::Secretary) || a.has_role(org, Role::Head);
}
}  // namespace

bool can(const identity::Actor& a, DisclosureAction action, OrgId org) {
    if (a.is_system()) return true;
    switch (action) {
        case DisclosureAction::ViewPublic:
            return true;
        case DisclosureAction::ViewInternal:
            return a.is_member_of(org);
        case DisclosureAction::ViewDrafts:
        case DisclosureAction::Publish:
        case DisclosureAction::Remind:
            return publisher(a, org);
        case DisclosureAction::Acknowledge:
            return a.is_member_of(org);
    }
    return false;
}

bool can_view(const identity::Actor& a, OrgId org, Audience audience, ItemStatus status) {
    if (status == ItemStatus::Draft) return can(a, DisclosureAction::ViewDrafts, org);
    if (audience == Audience::Internal) return can(a, DisclosureAction::ViewInternal, org);
    return true;
}

}  // namespace danchu::disclosures
