#include "identity/store.hpp"

namespace danchu::identity::store {

using storage::into;
using storage::use;

namespace {

std::optional<std::string> date_text(const std::optional<Date>& d) {
    if (!d) return std::nullopt;
    return iso_date(*d);
}

std::optional<Date> date_value(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return parse_iso_date(*s);
}

// The columns read_org expects, in order.
constexpr const char* kOrgColumns =
    "id, slug, name, short_name, kind, setting, parent_id, successor_id, valid_from, valid_to, "
    "place_name, requires_two_factor, households";

struct OrgFields {
    std::int64_t id = 0;
    std::string slug, name, short_name, kind;
    std::optional<std::string> setting;
    std::optional<std::int64_t> parent, successor;
    std::optional<std::string> valid_from, valid_to;
    std::string place_name;
    int requires_two_factor = 0;
    std::optional<int> households;

    Organisation to_org() const {
        Organisation o;
        o.id = OrgId{id};
        o.slug = slug;
        o.name = name;
        o.short_name = short_name;
        o.kind = parse_org_kind(kind).value_or(OrgKind::Agency);
        if (setting) o.setting = parse_setting(*setting);
        if (parent) o.parent = OrgId{*parent};
        if (successor) o.successor = OrgId{*successor};
        o.valid_from = date_value(valid_from);
        o.valid_to = date_value(valid_to);
        o.place_name = place_name;
        o.requires_two_factor = requires_two_factor != 0;
        o.households = households;
        return o;
    }
};

template <class F>
void each_org(Transaction& tx, const std::string& sql, F&& f) {
    tx.each<std::int64_t, std::string, std::string, std::string, std::string,
            std::optional<std::string>, std::optional<std::int64_t>, std::optional<std::int64_t>,
            std::optional<std::string>, std::optional<std::string>, std::string, int,
            std::optional<int>>(sql, [&](auto id, auto slug, auto name, auto short_name, auto kind,
                                         auto setting, auto parent, auto successor, auto from,
                                         auto to, auto place, auto tfa, auto households) {
        OrgFields r{id,        slug, name, short_name, kind, setting,   parent,
                    successor, from, to,   place,      tfa,  households};
        f(r.to_org());
    });
}

template <class F, class... Binds>
void each_org_bound(Transaction& tx, const std::string& sql, F&& f, Binds&&... binds) {
    tx.each<std::int64_t, std::string, std::string, std::string, std::string,
            std::optional<std::string>, std::optional<std::int64_t>, std::optional<std::int64_t>,
            std::optional<std::string>, std::optional<std::string>, std::string, int,
            std::optional<int>>(
        sql,
        [&](auto id, auto slug, auto name, auto short_name, auto kind, auto setting, auto parent,
            auto successor, auto from, auto to, auto place, auto tfa, auto households) {
            OrgFields r{id,        slug, name, short_name, kind, setting,   parent,
                        successor, from, to,   place,      tfa,  households};
            f(r.to_org());
        },
        binds...);
}

PersonRow person_from(std::int64_t id, std::string username, std::string full_name,
                      std::string email, std::string phone, std::string hash, std::string totp,
                      int tfa, std::string locale, int disabled) {
    PersonRow r;
    r.person.id = PersonId{id};
    r.person.username = std::move(username);
    r.person.full_name = std::move(full_name);
    r.person.email = std::move(email);
    r.person.phone = std::move(phone);
    r.person.two_factor_enabled = tfa != 0;
    r.person.locale = std::move(locale);
    r.person.disabled = disabled != 0;
    r.password_hash = std::move(hash);
    r.totp_secret_sealed = std::move(totp);
    return r;
}

constexpr const char* kPersonColumns =
    "id, username, full_name, email, phone, password_hash, totp_secret_sealed, "
    "two_factor_enabled, locale, disabled";

template <class... Binds>
std::optional<PersonRow> one_person(Transaction& tx, const std::string& where, Binds&&... binds) {
    std::optional<PersonRow> out;
    tx.each<std::int64_t, std::string, std::string, std::string, std::string, std::string,
            std::string, int, std::string, int>(
        std::string("SELECT ") + kPersonColumns + " FROM identity_people WHERE " + where,
        [&](auto... cols) { out = person_from(cols...); }, binds...);
    return out;
}

}  // namespace

Result<OrgId> insert_org(Transaction& tx, const Organisation& o, long long now) {
    std::string kind(to_string(o.kind));
    std::optional<std::string> setting;
    if (o.setting) setting = std::string(to_string(*o.setting));
    std::optional<std::int64_t> parent, successor;
    if (o.parent) parent = o.parent->value;
    if (o.successor) successor = o.successor->value;
    auto from = date_text(o.valid_from);
    auto to = date_text(o.valid_to);
    int tfa = o.requires_two_factor ? 1 : 0;
    auto id = tx.insert(
        "INSERT INTO identity_orgs (slug, name, short_name, kind, setting, parent_id, "
        "successor_id, valid_from, valid_to, place_name, requires_two_factor, households, "
        "created_at) VALUES (:slug, :name, :short_name, :kind, :setting, :parent, :successor, "
        ":from, :to, :place, :tfa, :households, :now) RETURNING id",
        use(o.slug, "slug"), use(o.name, "name"), use(o.short_name, "short_name"),
        use(kind, "kind"), use(setting, "setting"), use(parent, "parent"),
        use(successor, "successor"), use(from, "from"), use(to, "to"), use(o.place_name, "place"),
        use(tfa, "tfa"), use(o.households, "households"), use(now, "now"));
    if (!id) return id.error();
    return OrgId{*id};
}

std::optional<Organisation> org_by_slug(Transaction& tx, const std::string& slug) {
    std::optional<Organisation> out;
    each_org_bound(
        tx, std::string("SELECT ") + kOrgColumns + " FROM identity_orgs WHERE slug = :slug",
        [&](Organisation o) { out = std::move(o); }, use(slug, "slug"));
    return out;
}

std::optional<Organisation> org_by_id(Transaction& tx, OrgId id) {
    std::optional<Organisation> out;
    each_org_bound(
        tx, std::string("SELECT ") + kOrgColumns + " FROM identity_orgs WHERE id = :id",
        [&](Organisation o) { out = std::move(o); }, use(id.value, "id"));
    return out;
}

std::vector<Organisation> orgs_of_kinds(Transaction& tx, const std::vector<OrgKind>& kinds) {
    std::vector<Organisation> out;
    each_org(tx, std::string("SELECT ") + kOrgColumns + " FROM identity_orgs ORDER BY id",
             [&](Organisation o) {
                 if (std::find(kinds.begin(), kinds.end(), o.kind) != kinds.end())
                     out.push_back(std::move(o));
             });
    return out;
}

std::vector<Organisation> children(Transaction& tx, OrgId parent) {
    std::vector<Organisation> out;
    each_org_bound(
        tx,
        std::string("SELECT ") + kOrgColumns +
            " FROM identity_orgs WHERE parent_id = :parent ORDER BY name, id",
        [&](Organisation o) { out.push_back(std::move(o)); }, use(parent.value, "parent"));
    return out;
}

Result<long long> set_successor(Transaction& tx, OrgId org, OrgId successor) {
    return tx.exec("UPDATE identity_orgs SET successor_id = :s WHERE id = :id",
                   use(successor.value, "s"), use(org.value, "id"));
}

long long count_orgs(Transaction& tx) {
    return tx.scalar<long long>("SELECT COUNT(*) FROM identity_orgs").value_or(0);
}

Result<PersonId> insert_person(Transaction& tx, const Person& p, const std::string& password_hash,
                               const std::string& sort_key, long long now) {
    auto id = tx.insert(
        "INSERT INTO identity_people (username, full_name, sort_key, email, phone, "
        "password_hash, locale, created_at) VALUES (:u, :n, :k, :e, :p, :h, :l, :now) "
        "RETURNING id",
        use(p.username, "u"), use(p.full_name, "n"), use(sort_key, "k"), use(p.email, "e"),
        use(p.phone, "p"), use(password_hash, "h"), use(p.locale, "l"), use(now, "now"));
    if (!id) return id.error();
    return PersonId{*id};
}

std::optional<PersonRow> person_by_username(Transaction& tx, const std::string& username) {
    return one_person(tx, "username = :u", use(username, "u"));
}

std::optional<PersonRow> person_by_id(Transaction& tx, PersonId id) {
    return one_person(tx, "id = :id", use(id.value, "id"));
}

Result<long long> update_password(Transaction& tx, PersonId id, const std::string& hash) {
    return tx.exec("UPDATE identity_people SET password_hash = :h WHERE id = :id", use(hash, "h"),
                   use(id.value, "id"));
}

Result<long long> update_two_factor(Transaction& tx, PersonId id, const std::string& sealed,
                                    bool enabled) {
    int on = enabled ? 1 : 0;
    return tx.exec(
        "UPDATE identity_people SET totp_secret_sealed = :s, two_factor_enabled = :on "
        "WHERE id = :id",
        use(sealed, "s"), use(on, "on"), use(id.value, "id"));
}

Result<long long> update_locale(Transaction& tx, PersonId id, const std::string& locale) {
    return tx.exec("UPDATE identity_people SET locale = :l WHERE id = :id", use(locale, "l"),
                   use(id.value, "id"));
}

Result<long long> insert_membership(Transaction& tx, const Membership& m, long long now) {
    std::string role(to_string(m.role));
    return tx.exec(
        "INSERT INTO identity_memberships (person_id, org_id, role, title, created_at) "
        "VALUES (:p, :o, :r, :t, :now)",
        use(m.person.value, "p"), use(m.org.value, "o"), use(role, "r"), use(m.title, "t"),
        use(now, "now"));
}

std::vector<Membership> memberships_of(Transaction& tx, PersonId person) {
    std::vector<Membership> out;
    tx.each<std::int64_t, std::string, std::string>(
        "SELECT org_id, role, title FROM identity_memberships WHERE person_id = :p "
        "ORDER BY org_id, role",
        [&](std::int64_t org, const std::string& role, const std::string& title) {
            if (auto r = parse_role(role)) out.push_back({person, OrgId{org}, *r, title});
        },
        use(person.value, "p"));
    return out;
}

std::vector<MemberRow> members_page(Transaction& tx, OrgId org, const std::string& after_key,
                                    int limit) {
    // Keyset over (sort_key, id): the cursor is "<sort_key>\x1f<id>".
    std::string after_sort;
    std::int64_t after_id = 0;
    if (auto sep = after_key.rfind('\x1f'); sep != std::string::npos) {
        after_sort = after_key.substr(0, sep);
        try {
            after_id = std::stoll(after_key.substr(sep + 1));
        } catch (const std::exception&) {
            after_id = 0;
        }
    }
    std::vector<MemberRow> out;
    tx.each<std::int64_t, std::string, std::string, std::string, std::string, std::string,
            std::string>(
        "SELECT p.id, p.full_name, p.username, p.email, p.phone, p.sort_key, "
        "MIN(m.title) FROM identity_people p JOIN identity_memberships m ON m.person_id = p.id "
        "WHERE m.org_id = :org AND (p.sort_key > :after_sort OR (p.sort_key = :after_sort2 "
        "AND p.id > :after_id)) GROUP BY p.id, p.full_name, p.username, p.email, p.phone, "
        "p.sort_key ORDER BY p.sort_key, p.id LIMIT :lim",
        [&](std::int64_t id, const std::string& name, const std::string& username,
            const std::string& email, const std::string& phone, const std::string& sort_key,
            const std::string& title) {
            out.push_back({PersonId{id}, name, username, email, phone, "", title, sort_key});
        },
        use(org.value, "org"), use(after_sort, "after_sort"), use(after_sort, "after_sort2"),
        use(after_id, "after_id"), use(limit, "lim"));
    // Roles for the page's people in one more query (no N+1).
    if (out.empty()) return out;
    std::int64_t lo = out.front().person.value, hi = lo;
    for (const auto& r : out) {
        lo = std::min(lo, r.person.value);
        hi = std::max(hi, r.person.value);
    }
    tx.each<std::int64_t, std::string>(
        "SELECT person_id, role FROM identity_memberships WHERE org_id = :org AND person_id "
        "BETWEEN :lo AND :hi ORDER BY person_id, role",
        [&](std::int64_t person, const std::string& role) {
            for (auto& r : out)
                if (r.person.value == person) r.roles += (r.roles.empty() ? "" : ",") + role;
        },
        use(org.value, "org"), use(lo, "lo"), use(hi, "hi"));
    return out;
}

long long count_members(Transaction& tx, OrgId org) {
    return tx
        .scalar<long long>(
            "SELECT COUNT(DISTINCT person_id) FROM identity_memberships WHERE org_id = :org",
            use(org.value, "org"))
        .value_or(0);
}

std::vector<PersonId> people_with_role(Transaction& tx, OrgId org, Role role) {
    std::vector<PersonId> out;
    std::string r(to_string(role));
    tx.each<std::int64_t>(
        "SELECT p.id FROM identity_people p JOIN identity_memberships m ON m.person_id = p.id "
        "WHERE m.org_id = :org AND m.role = :role ORDER BY p.sort_key, p.id",
        [&](std::int64_t id) { out.push_back(PersonId{id}); }, use(org.value, "org"),
        use(r, "role"));
    return out;
}

Result<SessionId> insert_session(Transaction& tx, const std::string& token_hash, PersonId person,
                                 const std::string& csrf, int second_factor_pending, long long now,
                                 long long expires_at, const std::string& ip,
                                 const std::string& user_agent) {
    auto id = tx.insert(
        "INSERT INTO identity_sessions (token_hash, person_id, csrf_token, "
        "second_factor_pending, created_at, last_seen_at, expires_at, ip, user_agent) VALUES "
        "(:h, :p, :c, :sf, :now, :now2, :exp, :ip, :ua) RETURNING id",
        use(token_hash, "h"), use(person.value, "p"), use(csrf, "c"),
        use(second_factor_pending, "sf"), use(now, "now"), use(now, "now2"), use(expires_at, "exp"),
        use(ip, "ip"), use(user_agent, "ua"));
    if (!id) return id.error();
    return SessionId{*id};
}

std::optional<SessionRow> session_by_token_hash(Transaction& tx, const std::string& token_hash) {
    std::optional<SessionRow> out;
    tx.each<std::int64_t, std::int64_t, std::string, int, long long, long long, long long>(
        "SELECT id, person_id, csrf_token, second_factor_pending, created_at, last_seen_at, "
        "expires_at FROM identity_sessions WHERE token_hash = :h",
        [&](std::int64_t id, std::int64_t person, const std::string& csrf, int sf,
            long long created, long long seen, long long expires) {
            out = SessionRow{SessionId{id}, PersonId{person}, csrf, sf, created, seen, expires};
        },
        use(token_hash, "h"));
    return out;
}

Result<long long> touch_session(Transaction& tx, SessionId id, long long now) {
    return tx.exec("UPDATE identity_sessions SET last_seen_at = :now WHERE id = :id",
                   use(now, "now"), use(id.value, "id"));
}

Result<long long> clear_second_factor(Transaction& tx, SessionId id) {
    return tx.exec("UPDATE identity_sessions SET second_factor_pending = 0 WHERE id = :id",
                   use(id.value, "id"));
}

Result<long long> delete_session(Transaction& tx, SessionId id) {
    return tx.exec("DELETE FROM identity_sessions WHERE id = :id", use(id.value, "id"));
}

Result<long long> delete_sessions_of(Transaction& tx, PersonId person,
                                     std::optional<SessionId> except) {
    std::int64_t keep = except ? except->value : 0;
    return tx.exec("DELETE FROM identity_sessions WHERE person_id = :p AND id <> :keep",
                   use(person.value, "p"), use(keep, "keep"));
}

Result<long long> delete_expired_sessions(Transaction& tx, long long now) {
    return tx.exec("DELETE FROM identity_sessions WHERE expires_at <= :now", use(now, "now"));
}

long long count_failures(Transaction& tx, const std::string& key, long long since) {
    return tx
        .scalar<long long>(
            "SELECT COUNT(*) FROM identity_login_failures WHERE throttle_key = :k AND at >= :s",
            use(key, "k"), use(since, "s"))
        .value_or(0);
}

Result<std::int64_t> insert_failure(Transaction& tx, const std::string& key, long long at) {
    return tx.insert(
        "INSERT INTO identity_login_failures (throttle_key, at) VALUES (:k, :at) RETURNING id",
        use(key, "k"), use(at, "at"));
}

Result<long long> clear_failures(Transaction& tx, const std::string& key) {
    return tx.exec("DELETE FROM identity_login_failures WHERE throttle_key = :k", use(key, "k"));
}

std::optional<std::string> wrapped_key(Transaction& tx, OrgId org, const std::string& purpose) {
    return tx.scalar<std::string>(
        "SELECT wrapped_key FROM identity_org_keys WHERE org_id = :o AND purpose = :p",
        use(org.value, "o"), use(purpose, "p"));
}

Result<long long> insert_wrapped_key(Transaction& tx, OrgId org, const std::string& purpose,
                                     const std::string& wrapped, long long now) {
    return tx.exec(
        "INSERT INTO identity_org_keys (org_id, purpose, wrapped_key, created_at) VALUES "
        "(:o, :p, :w, :now)",
        use(org.value, "o"), use(purpose, "p"), use(wrapped, "w"), use(now, "now"));
}

Result<long long> bump_stamp(Transaction& tx, const std::string& scope) {
    // UPSERT: SQLite (3.24+) and PostgreSQL share this syntax.
    return tx.exec(
        "INSERT INTO cache_stamps (scope, version) VALUES (:scope, 1) "
        "ON CONFLICT (scope) DO UPDATE SET version = cache_stamps.version + 1",
        use(scope, "scope"));
}

std::uint64_t read_stamp(Transaction& tx, const std::string& scope) {
    auto v = tx.scalar<std::int64_t>("SELECT version FROM cache_stamps WHERE scope = :scope",
                                     use(scope, "scope"));
    return v ? static_cast<std::uint64_t>(*v) : 0;
}

Result<std::int64_t> insert_audit(Transaction& tx, const AuditRow& r) {
    return tx.insert(
        "INSERT INTO audit_events (at, actor_id, actor_name, org_id, action, object_type, "
        "object_id, request_id, ip, detail) VALUES (:at, :actor, :name, :org, :action, :otype, "
        ":oid, :rid, :ip, :detail) RETURNING id",
        use(r.at, "at"), use(r.actor_id, "actor"), use(r.actor_name, "name"), use(r.org_id, "org"),
        use(r.action, "action"), use(r.object_type, "otype"), use(r.object_id, "oid"),
        use(r.request_id, "rid"), use(r.ip, "ip"), use(r.detail, "detail"));
}

std::vector<AuditRow> audit_for_org(Transaction& tx, OrgId org, int limit) {
    std::vector<AuditRow> out;
    tx.each<std::int64_t, long long, std::optional<std::int64_t>, std::string,
            std::optional<std::int64_t>, std::string, std::string, std::string, std::string,
            std::string, std::string>(
        "SELECT id, at, actor_id, actor_name, org_id, action, object_type, object_id, "
        "request_id, ip, detail FROM audit_events WHERE org_id = :org ORDER BY id DESC "
        "LIMIT :lim",
        [&](auto id, auto at, auto actor, auto name, auto o, auto action, auto otype, auto oid,
            auto rid, auto ip, auto detail) {
            out.push_back({id, at, actor, name, o, action, otype, oid, rid, ip, detail});
        },
        use(org.value, "org"), use(limit, "lim"));
    return out;
}

long long count_audit(Transaction& tx, const std::string& action) {
    return tx
        .scalar<long long>("SELECT COUNT(*) FROM audit_events WHERE action = :a", use(action, "a"))
        .value_or(0);
}

}  // namespace danchu::identity::store
