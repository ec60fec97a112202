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
// The next number in the organisation's register for `year` (1 for the first case).
[[nodiscard]] Result<int> next_case_number(storage::Transaction& tx, OrgId org, int year);
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
// At most limit + 1 rows, so the caller knows whether there is a next page. List rows carry
// what lists show: no body, outcome, respondent or legal basis of the deadline.
[[nodiscard]] std::vector<Case> list(storage::Transaction& tx, const ListQuery& q);
// Cases of `org` assigned to someone who holds any role in `unit` (a phòng of the agency),
// newest first; at most limit + 1 rows.
[[nodiscard]] std::vector<Case> list_unit(storage::Transaction& tx, OrgId org, OrgId unit,
                                          std::optional<std::int64_t> before_id, int limit);
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

// A new attachment row (the name sealed whole; the content follows as stream chunks).
[[nodiscard]] Result<std::int64_t> insert_attachment(storage::Transaction& tx, CaseId id,
                                                     const std::string& content_type,
                                                     long long size, const std::string& name_sealed,
                                                     long long at);
[[nodiscard]] Status insert_attachment_chunk(storage::Transaction& tx, std::int64_t attachment,
                                             std::int64_t seq, const std::string& sealed);
[[nodiscard]] Status set_attachment_header(storage::Transaction& tx, std::int64_t attachment,
                                           const std::string& header);
[[nodiscard]] std::optional<std::string> attachment_chunk(storage::Transaction& tx,
                                                          std::int64_t attachment,
                                                          std::int64_t seq);
[[nodiscard]] std::vector<AttachmentInfo> attachments(storage::Transaction& tx, CaseId id);
// The sealed name, the sealed content (empty when streamed) and the stream header (none for
// attachments sealed whole) of one attachment of case `id`.
struct SealedAttachment {
    std::string name, content;
    std::optional<std::string> header;
};
[[nodiscard]] std::optional<SealedAttachment> sealed_attachment(storage::Transaction& tx, CaseId id,
                                                                std::int64_t attachment,
                                                                AttachmentInfo& info);

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

// The reception log. Entries come back with the sealed visitor in `sealed` (empty if none).
struct ReceptionRow {
    ReceptionEntry entry;
    std::optional<std::string> sealed;
};
[[nodiscard]] Result<std::int64_t> insert_reception_entry(storage::Transaction& tx,
                                                          const ReceptionEntry& e);
[[nodiscard]] Status set_reception_visitor(storage::Transaction& tx, std::int64_t entry,
                                           const std::string& sealed);
// Newest first, keyset-paginated by id; at most limit + 1 rows.
[[nodiscard]] std::vector<ReceptionRow> reception_entries(storage::Transaction& tx, OrgId org,
                                                          std::optional<std::int64_t> before_id,
                                                          int limit);
[[nodiscard]] std::optional<ReceptionRow> reception_entry(storage::Transaction& tx, OrgId org,
                                                          std::int64_t entry);
// Links the entry and the case both ways; false if the entry already has a case.
[[nodiscard]] Result<bool> link_reception_case(storage::Transaction& tx, std::int64_t entry,
                                               CaseId id);
[[nodiscard]] std::optional<std::int64_t> reception_entry_of_case(storage::Transaction& tx,
                                                                  CaseId id);

[[nodiscard]] Status insert_rating(storage::Transaction& tx, const Case& c, const Rating& r,
                                   long long at);
// A change to the statistics row of `c`'s organisation, day of receipt, kind and channel.
struct StatsDelta {
    long long received = 0, accepted = 0, resolved = 0, late = 0, days = 0;
};
[[nodiscard]] Status bump_stats(storage::Transaction& tx, const Case& c, const StatsDelta& d);
// Statistics over cases received in [from, to], from the maintained cases_stats rows (and the
// ratings table).
void statistics(storage::Transaction& tx, OrgId org, const std::string& from, const std::string& to,
                Statistics& out);
// The same figures counted from the cases themselves (what cases_stats must always equal;
// the tests compare the two).
void statistics_counted(storage::Transaction& tx, OrgId org, const std::string& from,
                        const std::string& to, Statistics& out);

}  // namespace danchu::cases::store
