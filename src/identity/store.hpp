#pragma once
// The identity module's SQL, and nothing else: one function per statement or small group
// of statements, each run inside a transaction the caller owns. Commands and queries
// (commands.cpp, queries.cpp) decide; this file reads and writes rows.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "identity/model.hpp"
#include "storage/transaction.hpp"

namespace danchu::identity::store {

using storage::Transaction;

struct PersonRow {
    Person person;
    std::string password_hash;
    std::string totp_secret_sealed;
};

struct SessionRow {
    SessionId id;
    PersonId person;
    std::string csrf_token;
    int second_factor_pending = 0;  // 0 done, 1 code needed, 2 enrolment needed
    long long created_at = 0;
    long long last_seen_at = 0;
    long long expires_at = 0;
};

struct MemberRow {
    PersonId person;
    std::string full_name;
    std::string username;
    std::string email;
    std::string phone;
    std::string roles;  // comma-separated role names, in a stable order
    std::string title;
    std::string sort_key;
};

// Organisations
[[nodiscard]] Result<OrgId> insert_org(Transaction& tx, const Organisation& org, long long now);
[[nodiscard]] std::optional<Organisation> org_by_slug(Transaction& tx, const std::string& slug);
[[nodiscard]] std::optional<Organisation> org_by_id(Transaction& tx, OrgId id);
[[nodiscard]] std::vector<Organisation> orgs_of_kinds(Transaction& tx,
                                                      const std::vector<OrgKind>& kinds);
[[nodiscard]] std::vector<Organisation> children(Transaction& tx, OrgId parent);
[[nodiscard]] Result<long long> set_successor(Transaction& tx, OrgId org, OrgId successor);
[[nodiscard]] long long count_orgs(Transaction& tx);

// People
[[nodiscard]] Result<PersonId> insert_person(Transaction& tx, const Person& p,
                                             const std::string& password_hash,
                                             const std::string& sort_key, long long now);
[[nodiscard]] std::optional<PersonRow> person_by_username(Transaction& tx,
                                                          const std::string& username);
[[nodiscard]] std::optional<PersonRow> person_by_id(Transaction& tx, PersonId id);
[[nodiscard]] Result<long long> update_password(Transaction& tx, PersonId id,
                                                const std::string& hash);
[[nodiscard]] Result<long long> update_two_factor(Transaction& tx, PersonId id,
                                                  const std::string& sealed, bool enabled);
[[nodiscard]] Result<long long> update_locale(Transaction& tx, PersonId id,
                                              const std::string& locale);

// Memberships
[[nodiscard]] Result<long long> insert_membership(Transaction& tx, const Membership& m,
                                                  long long now);
[[nodiscard]] std::vector<Membership> memberships_of(Transaction& tx, PersonId person);
// One page of an organisation's members ordered by sort key then id, after `after_key`
// ("<sort_key>\x1f<id>"), at most `limit` rows.
[[nodiscard]] std::vector<MemberRow> members_page(Transaction& tx, OrgId org,
                                                  const std::string& after_key, int limit);
[[nodiscard]] long long count_members(Transaction& tx, OrgId org);
[[nodiscard]] std::vector<PersonId> people_with_role(Transaction& tx, OrgId org, Role role);

// Sessions
[[nodiscard]] Result<SessionId> insert_session(Transaction& tx, const std::string& token_hash,
                                               PersonId person, const std::string& csrf,
                                               int second_factor_pending, long long now,
                                               long long expires_at, const std::string& ip,
                                               const std::string& user_agent);
[[nodiscard]] std::optional<SessionRow> session_by_token_hash(Transaction& tx,
                                                              const std::string& token_hash);
[[nodiscard]] Result<long long> touch_session(Transaction& tx, SessionId id, long long now);
[[nodiscard]] Result<long long> clear_second_factor(Transaction& tx, SessionId id);
[[nodiscard]] Result<long long> delete_session(Transaction& tx, SessionId id);
[[nodiscard]] Result<long long> delete_sessions_of(Transaction& tx, PersonId person,
                                                   std::optional<SessionId> except);
[[nodiscard]] Result<long long> delete_expired_sessions(Transaction& tx, long long now);

// Login throttling
[[nodiscard]] long long count_failures(Transaction& tx, const std::string& key, long long since);
[[nodiscard]] Result<std::int64_t> insert_failure(Transaction& tx, const std::string& key,
                                                  long long at);
[[nodiscard]] Result<long long> clear_failures(Transaction& tx, const std::string& key);

// Per-organisation keys
[[nodiscard]] std::optional<std::string> wrapped_key(Transaction& tx, OrgId org,
                                                     const std::string& purpose);
[[nodiscard]] Result<long long> insert_wrapped_key(Transaction& tx, OrgId org,
                                                   const std::string& purpose,
                                                   const std::string& wrapped, long long now);

// Cache version stamps
[[nodiscard]] Result<long long> bump_stamp(Transaction& tx, const std::string& scope);
[[nodiscard]] std::uint64_t read_stamp(Transaction& tx, const std::string& scope);

// Audit
struct AuditRow {
    std::int64_t id = 0;
    long long at = 0;
    std::optional<std::int64_t> actor_id;
    std::string actor_name;
    std::optional<std::int64_t> org_id;
    std::string action, object_type, object_id, request_id, ip, detail;
};
[[nodiscard]] Result<std::int64_t> insert_audit(Transaction& tx, const AuditRow& row);
[[nodiscard]] std::vector<AuditRow> audit_for_org(Transaction& tx, OrgId org, int limit);
[[nodiscard]] long long count_audit(Transaction& tx, const std::string& action);

}  // namespace danchu::identity::store
