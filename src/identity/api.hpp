#pragma once
// The identity module's public API: what other modules, the web routes and the shell
// call. Commands write (one transaction, one audit event, permission checked inside);
// queries read. Both take an `IdentityServices` bundle of their dependencies.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "identity/crypto.hpp"
#include "identity/model.hpp"
#include "identity/permissions.hpp"
#include "storage/database.hpp"

namespace danchu::identity {

// Configuration keys `identity.*`.
struct IdentityConfig {
    long long session_idle_seconds = 8 * 3600;       // identity.session_idle_seconds
    long long session_absolute_seconds = 7 * 86400;  // identity.session_absolute_seconds
    int login_max_failures_per_account = 5;          // identity.login_max_failures_per_account
    int login_max_failures_per_ip = 30;              // identity.login_max_failures_per_ip
    long long login_window_seconds = 15 * 60;        // identity.login_window_seconds
    PasswordPolicy password;
};

class VersionStamps;

struct IdentityServices {
    storage::Database& db;
    const Clock& clock;
    PasswordHasher& hasher;
    const ServerKey& server_key;
    IdentityConfig config;
    // Told about bumps this node commits, so its cached pages go stale at once; may be null.
    VersionStamps* stamps = nullptr;
};

// The stamp scope of the identity module's public pages (portal, organisation homes):
// bumped by every write that changes an organisation or its membership counts.
inline constexpr const char* kPublicScope = "identity";

// Audit: every write records who did what to which object, in the writer's transaction.
struct AuditEvent {
    std::string action;  // "identity.login", "cases.filed", …
    std::optional<OrgId> org;
    std::string object_type;
    std::string object_id;
    std::string detail;
};
[[nodiscard]] Status record_audit(storage::Transaction& tx, const Actor& actor, const Clock& clock,
                                  const AuditEvent& event);

// ---- Organisations and people (commands) ----

struct NewOrganisation {
    Organisation org;  // id ignored
};
[[nodiscard]] Result<OrgId> create_organisation(IdentityServices& s, const Actor& actor,
                                                const Organisation& org);
// Records that `org` was succeeded by `successor` (mergers, R-ORG-02/03).
[[nodiscard]] Status set_successor(IdentityServices& s, const Actor& actor, OrgId org,
                                   OrgId successor);

struct NewPerson {
    std::string username;
    std::string full_name;
    std::string password;
    std::string email;
    std::string phone;
    std::string locale;
};
[[nodiscard]] Result<PersonId> create_person(IdentityServices& s, const Actor& actor,
                                             const NewPerson& in,
                                             std::optional<OrgId> scope = std::nullopt);
[[nodiscard]] Status grant_role(IdentityServices& s, const Actor& actor, PersonId person, OrgId org,
                                Role role, const std::string& title);

// ---- Sign-in (commands) ----

enum class SecondFactor { Done, CodeNeeded, EnrolmentNeeded };

struct LoginInput {
    std::string username;
    std::string password;
    std::string ip;
    std::string user_agent;
    std::string request_id;
};
struct LoginOutcome {
    std::string session_token;  // for the cookie; stored only as a hash
    std::string csrf_token;
    SecondFactor second_factor = SecondFactor::Done;
    PersonId person;
    std::string locale;
};
// InvalidInput (identity.error.bad_login) for an unknown name or a wrong password, alike;
// TooManyRequests (identity.error.throttled) when the account or the address has failed
// too often within the window.
[[nodiscard]] Result<LoginOutcome> login(IdentityServices& s, const LoginInput& in);
[[nodiscard]] Status logout(IdentityServices& s, const std::string& session_token);

struct ResolvedSession {
    SessionId id;
    Actor actor;
    std::string csrf_token;
    SecondFactor second_factor = SecondFactor::Done;
    std::string locale;
};
// The signed-in actor for a session cookie; nullopt for an unknown, expired or idle one.
[[nodiscard]] std::optional<ResolvedSession> resolve_session(IdentityServices& s,
                                                             const std::string& session_token,
                                                             const std::string& request_id,
                                                             const std::string& ip);

// Second step of sign-in: checks a TOTP code for a session waiting for one.
[[nodiscard]] Status verify_second_factor(IdentityServices& s, const ResolvedSession& session,
                                          const std::string& code);
// Enrolment: a new secret to show (base32); confirm_two_factor stores it when the person
// proves, with a current code, that their app has it.
[[nodiscard]] std::string new_two_factor_secret();
[[nodiscard]] Status confirm_two_factor(IdentityServices& s, const ResolvedSession& session,
                                        const std::string& secret, const std::string& code);
[[nodiscard]] Status change_password(IdentityServices& s, const ResolvedSession& session,
                                     const std::string& current, const std::string& next);
[[nodiscard]] Status set_locale(IdentityServices& s, const ResolvedSession& session,
                                const std::string& locale);

// ---- Queries ----

[[nodiscard]] std::optional<Organisation> find_organisation(IdentityServices& s,
                                                            const std::string& slug);
[[nodiscard]] std::optional<Organisation> find_organisation(IdentityServices& s, OrgId id);
// A person by login name (case-insensitive), for other modules and the shell.
[[nodiscard]] std::optional<Person> find_person(IdentityServices& s, const std::string& username);
// The people holding `role` in `org`, by Vietnamese name order.
[[nodiscard]] std::vector<Person> people_with_role(IdentityServices& s, OrgId org, Role role);

// Parent first, up to the root.
[[nodiscard]] std::vector<OrgId> ancestors_of(IdentityServices& s, const Organisation& org);

// The portal's list: provinces with the agencies, communes and enterprises under them,
// former organisations marked with their successor.
struct PortalEntry {
    Organisation org;
    std::vector<Organisation> children;
    std::optional<Organisation> successor;
};
[[nodiscard]] std::vector<PortalEntry> portal(IdentityServices& s);

struct OrgHome {
    Organisation org;
    std::optional<Organisation> parent;
    std::optional<Organisation> successor;
    std::vector<Organisation> units;
    long long member_count = 0;
};
[[nodiscard]] std::optional<OrgHome> org_home(IdentityServices& s, const std::string& slug);

struct MemberView {
    PersonId person;
    std::string full_name;
    std::string username;
    std::string email;
    std::string phone;
    std::vector<Role> roles;
    std::string title;
};
struct MembersPage {
    std::vector<MemberView> members;
    std::optional<std::string> next_after;  // raw cursor key
    long long total = 0;
};
// Forbidden unless can(actor, ViewMembers, org).
[[nodiscard]] Result<MembersPage> members(IdentityServices& s, const Actor& actor,
                                          const Organisation& org, const std::string& after,
                                          int limit);

// The key an organisation uses for `purpose` ("cases.seal", "disclosures.sign"), created on
// first use and stored wrapped by the server key.
[[nodiscard]] Result<Key> organisation_key(IdentityServices& s, storage::Transaction& tx, OrgId org,
                                           const std::string& purpose);

// The name sort key: Vietnamese people are sorted by given name (the last word), then
// family and middle names.
[[nodiscard]] std::string person_sort_key(const std::string& full_name);

}  // namespace danchu::identity
