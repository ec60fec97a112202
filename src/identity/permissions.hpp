#pragma once
// The identity module's whole access policy: who may see and manage organisations,
// people and memberships. Commands call `can` themselves, so a new route, job or shell
// command cannot forget a check; handlers call it only to decide what to show.
// A denial is final: no rule turns a "no" from another rule back into a "yes".

#include <span>

#include "identity/model.hpp"

namespace danchu::identity {

enum class IdentityAction {
    ViewOrganisation,  // the public organisation page
    ViewMembers,       // the member list with roles and contacts
    ManageMembers,     // add people, grant and revoke roles
    EditOrganisation,  // name, place name, two-factor requirement
    ManageOwnAccount,  // password, language, two-factor of oneself
};

// The organisation an action is about, with its ancestors (parent first) so that a
// reviewer at a superior organisation can be recognised.
struct OrgScope {
    const Organisation& org;
    std::span<const OrgId> ancestors = {};
};

[[nodiscard]] bool can(const Actor& actor, IdentityAction action, const OrgScope& scope);
// Actions that are about no organisation (ManageOwnAccount).
[[nodiscard]] bool can(const Actor& actor, IdentityAction action);

}  // namespace danchu::identity
