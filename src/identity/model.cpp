#include "identity/model.hpp"

#include <algorithm>

namespace danchu::identity {

std::string_view to_string(OrgKind k) {
    switch (k) {
        case OrgKind::Province:
            return "province";
        case OrgKind::Agency:
            return "agency";
        case OrgKind::Commune:
            return "commune";
        case OrgKind::Enterprise:
            return "enterprise";
        case OrgKind::Unit:
            return "unit";
        case OrgKind::Village:
            return "village";
    }
    return "agency";
}

std::string_view to_string(Setting s) {
    switch (s) {
        case Setting::Commune:
            return "commune";
        case Setting::Agency:
            return "agency";
        case Setting::Enterprise:
            return "enterprise";
    }
    return "agency";
}

std::string_view to_string(Role r) {
    switch (r) {
        case Role::Member:
            return "member";
        case Role::Officer:
            return "officer";
        case Role::Secretary:
            return "secretary";
        case Role::Head:
            return "head";
        case Role::Inspector:
            return "inspector";
        case Role::Union:
            return "union";
        case Role::Admin:
            return "admin";
        case Role::Reviewer:
            return "reviewer";
    }
    return "member";
}

std::optional<OrgKind> parse_org_kind(std::string_view s) {
    for (OrgKind k : {OrgKind::Province, OrgKind::Agency, OrgKind::Commune, OrgKind::Enterprise,
                      OrgKind::Unit, OrgKind::Village})
        if (to_string(k) == s) return k;
    return std::nullopt;
}

std::optional<Setting> parse_setting(std::string_view s) {
    for (Setting v : {Setting::Commune, Setting::Agency, Setting::Enterprise})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<Role> parse_role(std::string_view s) {
    for (Role r : kAllRoles)
        if (to_string(r) == s) return r;
    return std::nullopt;
}

bool Organisation::is_valid_on(Date day) const {
    if (valid_from && day < *valid_from) return false;
    if (valid_to && day > *valid_to) return false;
    return true;
}

bool Actor::has_role(OrgId org, Role role) const {
    return std::any_of(memberships.begin(), memberships.end(),
                       [&](const Membership& m) { return m.org == org && m.role == role; });
}

bool Actor::is_member_of(OrgId org) const {
    return std::any_of(memberships.begin(), memberships.end(),
                       [&](const Membership& m) { return m.org == org; });
}

Actor Actor::anonymous(std::string request_id, std::string ip) {
    Actor a;
    a.request_id = std::move(request_id);
    a.ip = std::move(ip);
    return a;
}

Actor Actor::system(std::string what) {
    Actor a;
    a.display_name = std::move(what);
    a.is_system_ = true;
    return a;
}

}  // namespace danchu::identity
