// Identity write use cases. Each one checks permission itself, runs in one transaction and
// records one audit event in it, so an effect never exists without its trace.

#include <algorithm>
#include <cctype>
#include <memory>

#include "identity/api.hpp"
#include "identity/stamps.hpp"
#include "identity/store.hpp"
#include "vn/text.hpp"

namespace danchu::identity {

namespace {

using storage::Access;

long long now_s(const IdentityServices& s) { return unix_seconds(s.clock.now()); }

std::string lower_ascii(std::string v) {
    std::transform(v.begin(), v.end(), v.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return v;
}

bool valid_username(const std::string& u) {
    if (u.size() < 3 || u.size() > 64) return false;
    return std::all_of(u.begin(), u.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
    });
}

// Pins the context a sealed value belongs to, so it cannot be replayed elsewhere.
std::string totp_context(PersonId p) { return "person:" + std::to_string(p.value) + ":totp"; }

Status commit(storage::Transaction& tx) { return tx.commit(); }

// Bumps the public pages' stamp in `tx`; call `published()` after the commit.
Status touch_public(storage::Transaction& tx) { return bump_stamp(tx, kPublicScope); }
void published(IdentityServices& s) {
    if (s.stamps) s.stamps->forget(kPublicScope);
}

}  // namespace

std::string person_sort_key(const std::string& full_name) { return vn::person_sort_key(full_name); }

Status record_audit(storage::Transaction& tx, const Actor& actor, const Clock& clock,
                    const AuditEvent& e) {
    store::AuditRow row;
    row.at = unix_seconds(clock.now());
    if (actor.person) row.actor_id = actor.person->value;
    row.actor_name = actor.display_name;
    if (e.org) row.org_id = e.org->value;
    row.action = e.action;
    row.object_type = e.object_type;
    row.object_id = e.object_id;
    row.request_id = actor.request_id;
    row.ip = actor.ip;
    row.detail = e.detail;
    auto id = store::insert_audit(tx, row);
    if (!id) return id.error();
    return {};
}

Result<OrgId> create_organisation(IdentityServices& s, const Actor& actor,
                                  const Organisation& org) {
    if (!actor.is_system()) {
        bool allowed = false;
        if (org.parent) {
            auto parent = find_organisation(s, *org.parent);
            if (parent) allowed = can(actor, IdentityAction::EditOrganisation, OrgScope{*parent});
        }
        if (!allowed) return fail(ErrorCode::Forbidden, "error.forbidden");
    }
    std::vector<FieldError> errors;
    if (org.name.empty()) errors.push_back({"name", "identity.error.name_required"});
    if (org.slug.empty() || !std::all_of(org.slug.begin(), org.slug.end(), [](unsigned char c) {
            return std::islower(c) || std::isdigit(c) || c == '-';
        }))
        errors.push_back({"slug", "identity.error.bad_slug"});
    if (!errors.empty()) return fail(ErrorCode::InvalidInput, "error.invalid_input", errors);

    auto tx = s.db.begin(Access::Write);
    auto id = store::insert_org(tx, org, now_s(s));
    if (!id) return id.error();
    if (auto a =
            record_audit(tx, actor, s.clock,
                         {"identity.org_created", *id, "org", std::to_string(id->value), org.slug});
        !a)
        return a.error();
    if (auto t = touch_public(tx); !t) return t.error();
    if (auto c = commit(tx); !c) return c.error();
    published(s);
    return *id;
}

Status set_successor(IdentityServices& s, const Actor& actor, OrgId org, OrgId successor) {
    if (!actor.is_system()) return fail(ErrorCode::Forbidden, "error.forbidden");
    auto tx = s.db.begin(Access::Write);
    auto n = store::set_successor(tx, org, successor);
    if (!n) return n.error();
    if (*n == 0) return fail(ErrorCode::NotFound, "error.not_found");
    if (auto a = record_audit(tx, actor, s.clock,
                              {"identity.org_succeeded", org, "org", std::to_string(org.value),
                               "successor=" + std::to_string(successor.value)});
        !a)
        return a.error();
    if (auto t = touch_public(tx); !t) return t.error();
    if (auto c = commit(tx); !c) return c.error();
    published(s);
    return {};
}

Result<PersonId> create_person(IdentityServices& s, const Actor& actor, const NewPerson& in,
                               std::optional<OrgId> scope) {
    if (!actor.is_system()) {
        std::optional<Organisation> org;
        if (scope) org = find_organisation(s, *scope);
        if (!org || !can(actor, IdentityAction::ManageMembers, OrgScope{*org}))
            return fail(ErrorCode::Forbidden, "error.forbidden");
    }
    const std::string username = lower_ascii(in.username);
    std::vector<FieldError> errors;
    if (!valid_username(username)) errors.push_back({"username", "identity.error.bad_username"});
    if (in.full_name.empty()) errors.push_back({"full_name", "identity.error.name_required"});
    if (auto st = s.hasher.check_strength(in.password); !st)
        errors.push_back({"password", "identity.error.password_too_short"});
    if (!errors.empty()) return fail(ErrorCode::InvalidInput, "error.invalid_input", errors);

    auto hash = s.hasher.hash(in.password);  // slow: outside the transaction
    if (!hash) return hash.error();
    Person p;
    p.username = username;
    p.full_name = in.full_name;
    p.email = in.email;
    p.phone = in.phone;
    p.locale = in.locale;
    auto tx = s.db.begin(Access::Write);
    auto id = store::insert_person(tx, p, *hash, person_sort_key(in.full_name), now_s(s));
    if (!id) {
        if (id.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict, "identity.error.username_taken",
                        {{"username", "identity.error.username_taken"}});
        return id.error();
    }
    if (auto a = record_audit(
            tx, actor, s.clock,
            {"identity.person_created", scope, "person", std::to_string(id->value), username});
        !a)
        return a.error();
    if (auto c = commit(tx); !c) return c.error();
    return *id;
}

Status grant_role(IdentityServices& s, const Actor& actor, PersonId person, OrgId org, Role role,
                  const std::string& title) {
    auto o = find_organisation(s, org);
    if (!o) return fail(ErrorCode::NotFound, "error.not_found");
    if (!can(actor, IdentityAction::ManageMembers, OrgScope{*o}))
        return fail(ErrorCode::Forbidden, "error.forbidden");
    auto tx = s.db.begin(Access::Write);
    auto n = store::insert_membership(tx, {person, org, role, title}, now_s(s));
    if (!n) return n.error();
    if (auto a = record_audit(tx, actor, s.clock,
                              {"identity.role_granted", org, "person", std::to_string(person.value),
                               std::string(to_string(role))});
        !a)
        return a.error();
    if (auto t = touch_public(tx); !t) return t.error();
    if (auto c = commit(tx); !c) return c.error();
    published(s);
    return {};
}

Result<LoginOutcome> login(IdentityServices& s, const LoginInput& in) {
    const std::string username = lower_ascii(in.username);
    const std::string account_key = "account:" + username;
    const std::string ip_key = "ip:" + in.ip;
    const long long now = now_s(s);
    const long long since = now - s.config.login_window_seconds;
    Actor actor = Actor::anonymous(in.request_id, in.ip);
    actor.display_name = username;

    std::optional<store::PersonRow> person;
    {
        auto tx = s.db.begin(Access::Read);
        if (store::count_failures(tx, account_key, since) >=
                s.config.login_max_failures_per_account ||
            store::count_failures(tx, ip_key, since) >= s.config.login_max_failures_per_ip)
            return fail(ErrorCode::TooManyRequests, "identity.error.throttled");
        person = store::person_by_username(tx, username);
    }

    bool ok = false;
    if (person && !person->person.disabled) {
        ok = s.hasher.verify(person->password_hash, in.password);
    } else {
        s.hasher.verify_dummy(in.password);
    }

    auto tx = s.db.begin(Access::Write);
    if (!ok) {
        for (const auto& key : {account_key, ip_key})
            if (auto f = store::insert_failure(tx, key, now); !f) return f.error();
        if (auto a = record_audit(tx, actor, s.clock,
                                  {"identity.login_failed", std::nullopt, "person", "", username});
            !a)
            return a.error();
        if (auto c = commit(tx); !c) return c.error();
        return fail(ErrorCode::InvalidInput, "identity.error.bad_login");
    }

    auto memberships = store::memberships_of(tx, person->person.id);
    bool org_requires = false;
    for (const auto& m : memberships)
        if (auto o = store::org_by_id(tx, m.org); o && o->requires_two_factor) org_requires = true;
    SecondFactor sf = person->person.two_factor_enabled ? SecondFactor::CodeNeeded
                      : org_requires                    ? SecondFactor::EnrolmentNeeded
                                                        : SecondFactor::Done;
    LoginOutcome out;
    out.session_token = random_token();
    out.csrf_token = random_token();
    out.second_factor = sf;
    out.person = person->person.id;
    out.locale = person->person.locale;
    const long long expires = now + s.config.session_absolute_seconds;
    auto sid = store::insert_session(tx, token_hash(out.session_token), person->person.id,
                                     out.csrf_token, static_cast<int>(sf), now, expires, in.ip,
                                     in.user_agent.substr(0, 300));
    if (!sid) return sid.error();
    if (auto c = store::clear_failures(tx, account_key); !c) return c.error();
    actor.person = person->person.id;
    actor.display_name = person->person.full_name;
    if (auto a = record_audit(
            tx, actor, s.clock,
            {"identity.login", std::nullopt, "session", std::to_string(sid->value), ""});
        !a)
        return a.error();
    if (auto c = commit(tx); !c) return c.error();
    return out;
}

Status logout(IdentityServices& s, const std::string& session_token) {
    auto tx = s.db.begin(Access::Write);
    auto row = store::session_by_token_hash(tx, token_hash(session_token));
    if (!row) return {};
    if (auto d = store::delete_session(tx, row->id); !d) return d.error();
    Actor actor;
    actor.person = row->person;
    if (auto a = record_audit(
            tx, actor, s.clock,
            {"identity.logout", std::nullopt, "session", std::to_string(row->id.value), ""});
        !a)
        return a.error();
    return commit(tx);
}

std::optional<ResolvedSession> resolve_session(IdentityServices& s,
                                               const std::string& session_token,
                                               const std::string& request_id,
                                               const std::string& ip) {
    if (session_token.empty() || session_token.size() > 128) return std::nullopt;
    const long long now = now_s(s);
    ResolvedSession out;
    bool touch = false;
    {
        auto tx = s.db.begin(Access::Read);
        auto row = store::session_by_token_hash(tx, token_hash(session_token));
        if (!row) return std::nullopt;
        if (row->expires_at <= now || row->last_seen_at + s.config.session_idle_seconds <= now)
            return std::nullopt;
        auto person = store::person_by_id(tx, row->person);
        if (!person || person->person.disabled) return std::nullopt;
        out.id = row->id;
        out.csrf_token = row->csrf_token;
        out.second_factor = static_cast<SecondFactor>(std::clamp(row->second_factor_pending, 0, 2));
        out.locale = person->person.locale;
        out.actor.person = person->person.id;
        out.actor.display_name = person->person.full_name;
        out.actor.request_id = request_id;
        out.actor.ip = ip;
        // Roles count only once the second factor is done.
        if (out.second_factor == SecondFactor::Done)
            out.actor.memberships = store::memberships_of(tx, person->person.id);
        // Refresh the idle clock at most once a minute, not on every request.
        touch = now - row->last_seen_at >= 60;
    }
    if (touch) {
        auto tx = s.db.begin(Access::Write);
        if (store::touch_session(tx, out.id, now)) (void)tx.commit();
    }
    return out;
}

Status verify_second_factor(IdentityServices& s, const ResolvedSession& session,
                            const std::string& code) {
    if (session.second_factor != SecondFactor::CodeNeeded)
        return fail(ErrorCode::Conflict, "identity.error.no_code_needed");
    const std::string throttle = "totp:" + std::to_string(session.actor.person->value);
    const long long now = now_s(s);
    std::optional<store::PersonRow> person;
    {
        auto tx = s.db.begin(Access::Read);
        if (store::count_failures(tx, throttle, now - s.config.login_window_seconds) >=
            s.config.login_max_failures_per_account)
            return fail(ErrorCode::TooManyRequests, "identity.error.throttled");
        person = store::person_by_id(tx, *session.actor.person);
    }
    if (!person) return fail(ErrorCode::NotFound, "error.not_found");
    auto secret = open_sealed(s.server_key.bytes(), person->totp_secret_sealed,
                              totp_context(person->person.id));
    const bool ok = secret && Totp::verify(*secret, code, s.clock.now());
    auto tx = s.db.begin(Access::Write);
    if (!ok) {
        if (auto f = store::insert_failure(tx, throttle, now); !f) return f.error();
        if (auto a = record_audit(tx, session.actor, s.clock,
                                  {"identity.second_factor_failed", std::nullopt, "session",
                                   std::to_string(session.id.value), ""});
            !a)
            return a.error();
        if (auto c = commit(tx); !c) return c.error();
        return fail(ErrorCode::InvalidInput, "identity.error.bad_code",
                    {{"code", "identity.error.bad_code"}});
    }
    if (auto c = store::clear_second_factor(tx, session.id); !c) return c.error();
    if (auto c = store::clear_failures(tx, throttle); !c) return c.error();
    if (auto a = record_audit(tx, session.actor, s.clock,
                              {"identity.second_factor", std::nullopt, "session",
                               std::to_string(session.id.value), ""});
        !a)
        return a.error();
    return commit(tx);
}

std::string new_two_factor_secret() { return Totp::new_secret(); }

Status confirm_two_factor(IdentityServices& s, const ResolvedSession& session,
                          const std::string& secret, const std::string& code) {
    if (!can(session.actor, IdentityAction::ManageOwnAccount))
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    if (session.second_factor == SecondFactor::CodeNeeded)
        return fail(ErrorCode::Forbidden, "error.forbidden");
    if (!Totp::verify(secret, code, s.clock.now()))
        return fail(ErrorCode::InvalidInput, "identity.error.bad_code",
                    {{"code", "identity.error.bad_code"}});
    const PersonId person = *session.actor.person;
    auto tx = s.db.begin(Access::Write);
    auto n = store::update_two_factor(
        tx, person, seal(s.server_key.bytes(), secret, totp_context(person)), true);
    if (!n) return n.error();
    if (auto c = store::clear_second_factor(tx, session.id); !c) return c.error();
    if (auto a = record_audit(tx, session.actor, s.clock,
                              {"identity.two_factor_enabled", std::nullopt, "person",
                               std::to_string(person.value), ""});
        !a)
        return a.error();
    return commit(tx);
}

Status change_password(IdentityServices& s, const ResolvedSession& session,
                       const std::string& current, const std::string& next) {
    if (!can(session.actor, IdentityAction::ManageOwnAccount))
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    const PersonId person = *session.actor.person;
    std::optional<store::PersonRow> row;
    {
        auto tx = s.db.begin(Access::Read);
        row = store::person_by_id(tx, person);
    }
    if (!row) return fail(ErrorCode::NotFound, "error.not_found");
    if (!s.hasher.verify(row->password_hash, current))
        return fail(ErrorCode::InvalidInput, "error.invalid_input",
                    {{"current", "identity.error.bad_current_password"}});
    if (auto st = s.hasher.check_strength(next); !st)
        return fail(ErrorCode::InvalidInput, "error.invalid_input",
                    {{"password", "identity.error.password_too_short"}});
    auto hash = s.hasher.hash(next);
    if (!hash) return hash.error();
    auto tx = s.db.begin(Access::Write);
    if (auto n = store::update_password(tx, person, *hash); !n) return n.error();
    // Other sessions of this person end: a changed password must lock out whoever else had it.
    if (auto n = store::delete_sessions_of(tx, person, session.id); !n) return n.error();
    if (auto a = record_audit(tx, session.actor, s.clock,
                              {"identity.password_changed", std::nullopt, "person",
                               std::to_string(person.value), ""});
        !a)
        return a.error();
    return commit(tx);
}

Status set_locale(IdentityServices& s, const ResolvedSession& session, const std::string& locale) {
    if (!can(session.actor, IdentityAction::ManageOwnAccount))
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    if (locale != "vi" && locale != "en" && !locale.empty())
        return fail(ErrorCode::InvalidInput, "error.invalid_input",
                    {{"locale", "identity.error.bad_locale"}});
    auto tx = s.db.begin(Access::Write);
    if (auto n = store::update_locale(tx, *session.actor.person, locale); !n) return n.error();
    if (auto a = record_audit(tx, session.actor, s.clock,
                              {"identity.locale_set", std::nullopt, "person",
                               std::to_string(session.actor.person->value), locale});
        !a)
        return a.error();
    return commit(tx);
}

Result<Key> organisation_key(IdentityServices& s, storage::Transaction& tx, OrgId org,
                             const std::string& purpose) {
    const std::string context = "org:" + std::to_string(org.value) + ":" + purpose;
    if (auto wrapped = store::wrapped_key(tx, org, purpose)) {
        auto raw = open_sealed(s.server_key.bytes(), *wrapped, context);
        if (!raw || raw->size() != 32)
            return raw ? fail(ErrorCode::Internal, "error.internal") : raw.error();
        Key k;
        std::copy(raw->begin(), raw->end(), k.begin());
        return k;
    }
    Key k = random_key();
    auto wrapped =
        seal(s.server_key.bytes(),
             std::string_view(reinterpret_cast<const char*>(k.data()), k.size()), context);
    if (auto n = store::insert_wrapped_key(tx, org, purpose, wrapped, now_s(s)); !n)
        return n.error();
    return k;
}

}  // namespace danchu::identity
