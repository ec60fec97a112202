// Identity read models for pages: the portal, an organisation's home, the member list.
// Each page is answered with a fixed number of queries (no query per row).

#include <algorithm>

#include "identity/api.hpp"
#include "identity/store.hpp"

namespace danchu::identity {

using storage::Access;

std::optional<Organisation> find_organisation(IdentityServices& s, const std::string& slug) {
    auto tx = s.db.begin(Access::Read);
    return store::org_by_slug(tx, slug);
}

std::optional<Organisation> find_organisation(IdentityServices& s, OrgId id) {
    auto tx = s.db.begin(Access::Read);
    return store::org_by_id(tx, id);
}

std::optional<Person> find_person(IdentityServices& s, const std::string& username) {
    std::string lower = username;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto tx = s.db.begin(Access::Read);
    auto row = store::person_by_username(tx, lower);
    if (!row) return std::nullopt;
    return row->person;
}

std::vector<Person> people_with_role(IdentityServices& s, OrgId org, Role role) {
    auto tx = s.db.begin(Access::Read);
    std::vector<Person> out;
    for (PersonId id : store::people_with_role(tx, org, role))
        if (auto row = store::person_by_id(tx, id)) out.push_back(row->person);
    return out;
}

std::vector<OrgId> ancestors_of(IdentityServices& s, const Organisation& org) {
    std::vector<OrgId> out;
    auto tx = s.db.begin(Access::Read);
    std::optional<OrgId> next = org.parent;
    // The tree is shallow (province → agency → unit); the bound guards against a cycle.
    while (next && out.size() < 16) {
        out.push_back(*next);
        auto parent = store::org_by_id(tx, *next);
        next = parent ? parent->parent : std::nullopt;
    }
    return out;
}

std::vector<PortalEntry> portal(IdentityServices& s) {
    auto tx = s.db.begin(Access::Read);
    auto all = store::orgs_of_kinds(
        tx, {OrgKind::Province, OrgKind::Agency, OrgKind::Commune, OrgKind::Enterprise});
    std::vector<PortalEntry> out;
    auto by_id = [&](OrgId id) -> std::optional<Organisation> {
        auto it =
            std::find_if(all.begin(), all.end(), [&](const Organisation& o) { return o.id == id; });
        if (it == all.end()) return std::nullopt;
        return *it;
    };
    for (const auto& o : all) {
        if (o.kind != OrgKind::Province) continue;
        PortalEntry e{o, {}, o.successor ? by_id(*o.successor) : std::nullopt};
        for (const auto& c : all)
            if (c.parent == o.id) e.children.push_back(c);
        out.push_back(std::move(e));
    }
    // Organisations with no province above them still appear.
    for (const auto& o : all) {
        if (o.kind == OrgKind::Province) continue;
        if (o.parent && by_id(*o.parent)) continue;
        out.push_back({o, {}, o.successor ? by_id(*o.successor) : std::nullopt});
    }
    return out;
}

std::optional<OrgHome> org_home(IdentityServices& s, const std::string& slug) {
    auto tx = s.db.begin(Access::Read);
    auto org = store::org_by_slug(tx, slug);
    if (!org) return std::nullopt;
    OrgHome home;
    home.org = *org;
    if (org->parent) home.parent = store::org_by_id(tx, *org->parent);
    if (org->successor) home.successor = store::org_by_id(tx, *org->successor);
    home.units = store::children(tx, org->id);
    home.member_count = store::count_members(tx, org->id);
    return home;
}

Result<MembersPage> members(IdentityServices& s, const Actor& actor, const Organisation& org,
                            const std::string& after, int limit) {
    const auto ancestors = ancestors_of(s, org);
    if (!can(actor, IdentityAction::ViewMembers, OrgScope{org, ancestors}))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    actor.is_signed_in() ? "error.forbidden" : "error.unauthenticated");
    auto tx = s.db.begin(Access::Read);
    auto rows = store::members_page(tx, org.id, after, limit + 1);
    MembersPage page;
    page.total = store::count_members(tx, org.id);
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(static_cast<std::size_t>(limit));
        page.next_after = rows.back().sort_key + '\x1f' + std::to_string(rows.back().person.value);
    }
    for (auto& r : rows) {
        MemberView v{r.person, r.full_name, r.username, r.email, r.phone, {}, r.title};
        std::string_view roles = r.roles;
        while (!roles.empty()) {
            auto comma = roles.find(',');
            if (auto role = parse_role(roles.substr(0, comma))) v.roles.push_back(*role);
            roles = comma == std::string_view::npos ? std::string_view{} : roles.substr(comma + 1);
        }
        page.members.push_back(std::move(v));
    }
    return page;
}

}  // namespace danchu::identity
