#pragma once
// The cases module's SQL, and nothing else: one function per statement, each run inside
// the caller's transaction. Commands and queries decide; this file reads and writes.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "identity/model.hpp"
#include "modules/cases/model.hpp"
#include "storage/transaction.hpp"

namespace danchu::cases::store {

[[nodiscard]] Result<CaseId> insert_case(storage::Transaction& tx, const Case& c,
                                         const std::optional<std::string>& receipt_hash);
[[nodiscard]] Status set_identity(storage::Transaction& tx, CaseId id, const std::string& sealed);
[[nodiscard]] std::optional<Case> find_case(storage::Transaction& tx, CaseId id);
[[nodiscard]] std::optional<Case> find_by_receipt(storage::Transaction& tx,
                                                  const std::string& receipt_hash);
[[nodiscard]] std::optional<std::string> sealed_identity(storage::Transaction& tx, CaseId id);
// Writes every mutable column of `c` if the row is still in status `from`; false when
// another request changed it first.
[[nodiscard]] Result<bool> update_case(storage::Transaction& tx, const Case& c, CaseStatus from);
[[nodiscard]] Status bump_counter(storage::Transaction& tx, OrgId org, CaseStatus status,
                                  long long delta);
[[nodiscard]] Status insert_event(storage::Transaction& tx, CaseId id, long long at,
                                  const identity::Actor& actor, const std::string& action,
                                  const std::string& detail, const std::string& document_number);
[[nodiscard]] Status insert_message(storage::Transaction& tx, CaseId id, const Message& m,
                                    std::optional<PersonId> author);
[[nodiscard]] std::vector<CaseEvent> events(storage::Transaction& tx, CaseId id);
[[nodiscard]] std::vector<Message> messages(storage::Transaction& tx, CaseId id,
                                            bool include_internal);

struct ListQuery {
    OrgId org;
    int view = 0;  // 0 all, 1 mine, 2 due soon, 3 overdue
    std::optional<PersonId> me;
    std::string kind, status, channel;  // empty = any
    std::string today, soon;            // ISO dates for the due views
    std::optional<std::int64_t> after_id;
    std::string after_due;
    int limit = 50;
};
// At most limit + 1 rows, so the caller knows whether there is a next page.
[[nodiscard]] std::vector<Case> list(storage::Transaction& tx, const ListQuery& q);
[[nodiscard]] std::map<CaseStatus, long long> counters(storage::Transaction& tx, OrgId org);
// Keeps cases_due_counters in step: -1 on the day `c` was due (if it was open), +1 on the
// day it is due now (if it is open).
[[nodiscard]] Status move_due_counter(storage::Transaction& tx, const Case* was, const Case* now);
// Open cases due in [from, to] (from empty: any day before `to`), from the day counters.
[[nodiscard]] long long count_due(storage::Transaction& tx, OrgId org, const std::string& from,
                                  const std::string& to);
// The board's two due counts in one read of the day counters: open cases due on or before
// `yesterday`, and due in [today, soon].
[[nodiscard]] std::pair<long long, long long> count_overdue_and_soon(storage::Transaction& tx,
                                                                     OrgId org,
                                                                     const std::string& yesterday,
                                                                     const std::string& today,
                                                                     const std::string& soon);
[[nodiscard]] std::vector<Case> filed_by(storage::Transaction& tx, PersonId person, int limit);

[[nodiscard]] Status record_track_failure(storage::Transaction& tx, const std::string& ip,
                                          long long at);
[[nodiscard]] long long track_failures(storage::Transaction& tx, const std::string& ip,
                                       long long since);
[[nodiscard]] long long track_failures_total(storage::Transaction& tx, long long since);

[[nodiscard]] Status insert_attachment(storage::Transaction& tx, CaseId id,
                                       const std::string& content_type, long long size,
                                       const std::string& name_sealed,
                                       const std::string& content_sealed, long long at);
[[nodiscard]] std::vector<AttachmentInfo> attachments(storage::Transaction& tx, CaseId id);
// The sealed name and content of one attachment of case `id`.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> sealed_attachment(
    storage::Transaction& tx, CaseId id, std::int64_t attachment, AttachmentInfo& info);

[[nodiscard]] Status mark_concluded(storage::Transaction& tx, CaseId id, const std::string& day,
                                    bool late);

[[nodiscard]] Result<std::int64_t> insert_reception_day(storage::Transaction& tx, OrgId org,
                                                        const ReceptionDay& d, long long at);
[[nodiscard]] std::vector<ReceptionDay> reception_days(storage::Transaction& tx, OrgId org,
                                                       const std::string& from,
                                                       const std::string& to);
[[nodiscard]] Status upsert_reception_info(storage::Transaction& tx, OrgId org,
                                           const ReceptionInfo& info, long long at);
[[nodiscard]] std::optional<ReceptionInfo> reception_info(storage::Transaction& tx, OrgId org);

[[nodiscard]] Status insert_rating(storage::Transaction& tx, const Case& c, const Rating& r,
                                   long long at);
// Statistics over cases received in [from, to].
void statistics(storage::Transaction& tx, OrgId org, const std::string& from, const std::string& to,
                Statistics& out);

}  // namespace danchu::cases::store
