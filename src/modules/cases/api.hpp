#pragma once
// The cases module's public API: what its web routes, the demo loader and other modules
// call. Commands write (one transaction, one audit event, permission checked inside);
// queries read. Both take a `CasesServices` bundle; the clock and the work calendar are
// injected so tests move time across weekends and Tết.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "identity/api.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/cases/rules.hpp"
#include "vn/calendar.hpp"
#include "vn/deadline.hpp"

namespace danchu::cases {

// Configuration keys `cases.*` (defaults; the app may override them).
struct CasesConfig {
    int track_max_failures_per_ip = 10;        // cases.track_max_failures_per_ip
    int track_max_failures_total = 2000;       // cases.track_max_failures_total (all addresses)
    long long track_window_seconds = 15 * 60;  // cases.track_window_seconds
    int due_soon_days = 3;                     // cases.due_soon_days (calendar days)
    int intake_batch_max = 64;                 // cases.intake_batch_max (cases per commit)
    int intake_batch_wait_ms = 0;              // cases.intake_batch_wait_ms (0: no wait)
    // The whole public form with its files (cases.max_upload_bytes): larger is refused with
    // 413 before it is read. Each file is also held to kMaxAttachmentBytes.
    std::uint64_t max_upload_bytes = 3 * kMaxAttachmentBytes + 256 * 1024;
};

class IntakeCommitter;

struct CasesServices {
    identity::IdentityServices& identity;
    const Clock& clock;
    const vn::RuleTable& rules;
    const vn::WorkCalendar& calendar;
    CasesConfig config = {};
    // When set, file_case hands cases without attachments to this group committer
    // (intake.hpp) instead of committing each in its own transaction.
    IntakeCommitter* intake = nullptr;
};

// ---- Commands ----

struct Filed {
    CaseId id;
    std::string number;                      // "15/2026", the register number
    CaseKind kind = CaseKind::Unclassified;  // after R-TC-03 normalisation
    std::string receipt_code;                // shown once; only its hash is stored
    std::optional<DueDate> due;
};
// Files a case for `org` from any channel. Anyone may file on the web; choosing another
// channel (letter, visit, hotline, reception) needs CaseAction::Enter. InvalidInput with
// field errors when the law's required fields for the kind are missing.
[[nodiscard]] Result<Filed> file_case(CasesServices& s, const identity::Actor& actor,
                                      const identity::Organisation& org, NewCase in);

struct TransitionInput {
    CaseStatus to = CaseStatus::Accepted;
    std::string reason;           // required to refuse or forward (written reasons)
    std::string document_number;  // số văn bản of the decision or notice
    bool complex = false;         // at acceptance: vụ việc phức tạp
    bool remote = false;          // at acceptance: vùng sâu, vùng xa
    std::string forwarded_to;     // the competent organisation, to forward
    std::string outcome;          // the conclusion / answer shown to the citizen
};
// Moves a case along its state machine; Conflict with a message saying why a move is not
// allowed (rules.hpp), and the deadline of the new state computed from today.
[[nodiscard]] Status transition(CasesServices& s, const identity::Actor& actor, CaseId id,
                                const TransitionInput& in);
[[nodiscard]] Status classify(CasesServices& s, const identity::Actor& actor, CaseId id,
                              CaseKind kind);
// Assigns (Accepted → Assigned) or reassigns the resolver; the person must hold a role in
// the organisation. Recorded in the case history.
[[nodiscard]] Status assign(CasesServices& s, const identity::Actor& actor, CaseId id,
                            PersonId person, const std::string& reason);
// Extends the resolution period in writing (R-TC-05: reasons and a document are required).
[[nodiscard]] Status extend(CasesServices& s, const identity::Actor& actor, CaseId id,
                            const std::string& reason, const std::string& document_number);
// A message to the citizen (internal = false) or an internal note.
[[nodiscard]] Status add_message(CasesServices& s, const identity::Actor& actor, CaseId id,
                                 const std::string& body, bool internal);
// Opens the sealed identity; Forbidden unless CaseAction::RevealIdentity. Every reveal is
// an audit event (cases.identity_revealed) and a history line.
[[nodiscard]] Result<Identity> reveal_identity(CasesServices& s, const identity::Actor& actor,
                                               CaseId id);

// Opens an attachment. Protected kinds (denunciations, anonymous reports, unclassified):
// CaseAction::RevealIdentity, audited like a reveal (cases.attachment_opened); other kinds:
// CaseAction::View.
[[nodiscard]] Result<Attachment> open_attachment(CasesServices& s, const identity::Actor& actor,
                                                 CaseId id, std::int64_t attachment);

// ---- Tracking by receipt code (no account) ----

struct TrackView {
    Case c;                         // redacted: no identity
    std::vector<Message> messages;  // without internal notes
};
// TooManyRequests (cases.error.track_throttled) when `ip` — or everyone together — failed
// too often within the window; NotFound (cases.error.bad_receipt) for a wrong code, which
// counts as a failure. The code itself is never logged or audited.
[[nodiscard]] Result<TrackView> track(CasesServices& s, const std::string& code,
                                      const std::string& ip);
// A message from the citizen holding the code (two-way messages with anonymous senders).
[[nodiscard]] Status citizen_message(CasesServices& s, const std::string& code,
                                     const std::string& ip, const std::string& body);

// ---- Queries ----

struct CaseDetail {
    Case c;
    std::vector<CaseEvent> events;
    std::vector<Message> messages;  // notes included
    std::vector<CaseStatus> next;   // moves the actor may make now
    bool can_reveal = false;
    bool can_assign = false;
    bool can_extend = false;
    bool can_conclude = false;
    bool identity_protected = false;
    std::optional<Identity> identity;  // only for unprotected kinds (complaints, feedback)
    std::vector<AttachmentInfo> attachments;
    bool can_open_attachments = false;
    std::optional<std::int64_t> reception_entry;  // the reception-log entry it was made from
};
[[nodiscard]] Result<CaseDetail> case_detail(CasesServices& s, const identity::Actor& actor,
                                             OrgId org, CaseId id);

enum class ListView { All, Mine, DueSoon, Overdue };
struct CaseFilter {
    ListView view = ListView::All;
    std::optional<CaseKind> kind;
    std::optional<CaseStatus> status;
    std::optional<Channel> channel;
    std::string after;  // decoded cursor: the last id shown
    int limit = 50;
};
struct CaseList {
    std::vector<Case> items;
    std::optional<std::string> next_after;  // raw cursor key
};
[[nodiscard]] Result<CaseList> list_cases(CasesServices& s, const identity::Actor& actor, OrgId org,
                                          const CaseFilter& filter);

struct Board {
    std::map<CaseStatus, long long> by_status;  // maintained counters
    long long open = 0;
    long long due_soon = 0;
    long long overdue = 0;
};
[[nodiscard]] Result<Board> board(CasesServices& s, const identity::Actor& actor, OrgId org);

// The officer's workspace page: the board and one page of a list, read in one transaction.
struct Workspace {
    Board board;
    CaseList list;
};
[[nodiscard]] Result<Workspace> workspace(CasesServices& s, const identity::Actor& actor, OrgId org,
                                          const CaseFilter& filter);

// The cases of a unit's agency assigned to the unit's people (its head and officers follow
// their phòng's work), newest first, keyset-paginated (`after`: the last id shown). For the
// unit's head and officers, and for the agency's head and officers. NotFound when `unit` is
// not a unit of an organisation.
[[nodiscard]] Result<CaseList> unit_cases(CasesServices& s, const identity::Actor& actor,
                                          const identity::Organisation& unit,
                                          const std::string& after, int limit);

// The cases a signed-in citizen filed, newest first (at most `limit`).
[[nodiscard]] std::vector<Case> cases_filed_by(CasesServices& s, const identity::Actor& actor,
                                               int limit);

// Officers and heads who can be assigned cases in `org`.
[[nodiscard]] std::vector<identity::Person> resolvers(CasesServices& s, OrgId org);

// ---- Citizen reception (R-TCD-01/02) ----

// Adds a day to the head's reception calendar, posted today. Head or secretary only.
// InvalidInput when the day is in the past.
[[nodiscard]] Result<std::int64_t> schedule_reception(CasesServices& s,
                                                      const identity::Actor& actor,
                                                      const identity::Organisation& org,
                                                      const ReceptionDay& day);
[[nodiscard]] Status set_reception_info(CasesServices& s, const identity::Actor& actor,
                                        const identity::Organisation& org,
                                        const ReceptionInfo& info);
struct ReceptionPage {
    ReceptionInfo info;
    std::vector<ReceptionDay> upcoming;      // today onwards, by day
    std::vector<ReceptionWarning> warnings;  // only for those who keep the calendar
    bool can_edit = false;
};
// Public. Warnings cover the next three months (agency) or twelve weeks (commune).
[[nodiscard]] Result<ReceptionPage> reception(CasesServices& s, const identity::Actor& actor,
                                              const identity::Organisation& org);

// The reception log (sổ tiếp công dân): who came, about what, to which officer, when.
struct NewReceptionEntry {
    Identity visitor;     // sealed (R-TC-07)
    std::string subject;  // what the citizen came about
};
// Records a citizen received now by `actor` (head or officer; CaseAction::ReceptionLog).
[[nodiscard]] Result<std::int64_t> log_reception(CasesServices& s, const identity::Actor& actor,
                                                 const identity::Organisation& org,
                                                 const NewReceptionEntry& in);
struct ReceptionLog {
    std::vector<ReceptionEntry> entries;  // newest first
    std::optional<std::string> next_after;
};
// One page of the log, keyset-paginated (`after`: the last id shown). The visitor is opened
// only for the head and the officer who received them.
[[nodiscard]] Result<ReceptionLog> reception_log(CasesServices& s, const identity::Actor& actor,
                                                 OrgId org, const std::string& after, int limit);
// Makes a case (channel "reception", received on the day of the visit, the visitor's
// identity unless `in` gives one, the entry's subject as the body unless `in` gives one) and
// links the entry and the case both ways, in one transaction. Conflict when the entry already
// has its case.
[[nodiscard]] Result<Filed> case_from_reception(CasesServices& s, const identity::Actor& actor,
                                                const identity::Organisation& org,
                                                std::int64_t entry, NewCase in);

// ---- Satisfaction and statistics ----

// R-SUP-XA-04: the holder of the receipt code rates a closed case once (1–5).
[[nodiscard]] Status rate(CasesServices& s, const std::string& code, const std::string& ip,
                          const Rating& rating);
// Officers and heads of the organisation (and reviewers above it) read statistics.
[[nodiscard]] Result<Statistics> statistics(CasesServices& s, const identity::Actor& actor,
                                            const identity::Organisation& org, Date from, Date to);

// The rule table and the work calendar, loaded once and shared (immutable).
struct LegalData {
    vn::RuleTable rules;
    vn::WorkCalendar calendar;
};
[[nodiscard]] Result<std::shared_ptr<const LegalData>> load_legal_data();

// Demo data: a year of cases for `org` (see README). Returns the receipt code of the
// anonymous denunciation report it files, for `danchu demo` to print.
[[nodiscard]] Result<std::string> load_demo(CasesServices& s, const identity::Organisation& org);
// The same for `danchu demo`: the organisation by slug, the legal data loaded here.
[[nodiscard]] Result<std::string> load_demo(identity::IdentityServices& ids, const Clock& clock,
                                            const std::string& org_slug);

}  // namespace danchu::cases
