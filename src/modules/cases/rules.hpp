#pragma once
// The pure rules of the cases module: the per-kind state machine, the legal deadline that
// runs in each state, the required fields of each kind, and the receipt-code format. No
// I/O: the commands call these, and tests check them against the law and the rule table.
//
// Every deadline comes from a row of data/rules/deadlines.toml (R-GEN-01) looked up at the
// date of its triggering event, so a case shows exactly what `danchu vn deadline --rule
// NAME --from DATE` prints.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/cases/model.hpp"
#include "vn/calendar.hpp"
#include "vn/deadline.hpp"

namespace danchu::cases {

// Whether `from → to` is a legal move for a case of `kind`. Conflict with a message key
// that says why not (cases.error.transition.*) otherwise.
[[nodiscard]] Status check_transition(CaseKind kind, CaseStatus from, CaseStatus to);
// The states a case of `kind` may move to from `from` (for the officer's action buttons).
[[nodiscard]] std::vector<CaseStatus> allowed_transitions(CaseKind kind, CaseStatus from);

// The facts a deadline depends on besides the kind and the state.
struct DeadlineFacts {
    CaseKind kind = CaseKind::Unclassified;
    Channel channel = Channel::Web;
    bool complex = false;  // vụ việc phức tạp (R-KN-03, R-INF-01)
    bool remote = false;   // vùng sâu, vùng xa đi lại khó khăn (R-KN-03/04)
    int instance = 1;      // khiếu nại lần đầu / lần hai
};

// The rule name that runs once a case of these facts enters `status`, or nullopt when no
// legal period runs then (closed, refused, forwarded, or a kind without a statutory
// deadline in that state, e.g. feedback after acceptance: R-PAKN-01 names none).
[[nodiscard]] std::optional<std::string> deadline_rule(const DeadlineFacts& facts,
                                                       CaseStatus status);
// Computes that deadline from `event` (the day the state was entered; for information
// requests the day of receipt). NotFound from the rule table if a row is missing.
[[nodiscard]] Result<std::optional<DueDate>> deadline_for(const DeadlineFacts& facts,
                                                          CaseStatus status, Date event,
                                                          const vn::RuleTable& rules,
                                                          const vn::WorkCalendar& calendar);

// Extensions (gia hạn): denunciations at most twice, 30 days each from the current
// deadline (R-TC-05); information requests once (R-INF-01). The rule name, or Conflict
// (cases.error.extension_not_allowed / cases.error.extension_limit).
[[nodiscard]] Result<std::string> extension_rule(const DeadlineFacts& facts, int extensions_so_far);
[[nodiscard]] int max_extensions(CaseKind kind);

// Checks a new case's fields against what the law requires of its kind (R-TC-01 for a
// denunciation: name, address and contact; R-KN-05/06 for complaints: name, address, the
// decision complained about; R-PAKN-01 for feedback: name, address, phone). InvalidInput
// with one FieldError per missing field. A denunciation whose sender chose anonymity is not
// refused: `normalise_new_case` moves it to the R-TC-03 track first.
[[nodiscard]] Status validate_new_case(const NewCase& in);
// Trims fields and applies R-TC-03: an anonymous denunciation becomes an AnonymousReport
// and keeps no identity.
[[nodiscard]] NewCase normalise_new_case(NewCase in);

// Reception calendar checks for [from, to] (R-TCD-01: the head of an agency receives
// citizens at least one day a month, a commune chair at least one day a week; R-TCD-02:
// each day posted at least 5 working days before, rule `reception.schedule_posting`).
// `commune` picks the weekly duty. Months/weeks are those that start inside the range.
[[nodiscard]] Result<std::vector<ReceptionWarning>> reception_warnings(
    const std::vector<ReceptionDay>& days, bool commune, Date from, Date to,
    const vn::RuleTable& rules, const vn::WorkCalendar& calendar);

// The content type of an attachment from its first bytes (PDF, JPEG, PNG), or empty when
// it is none of those.
[[nodiscard]] std::string sniff_content_type(std::string_view bytes);

// Receipt codes: 20 characters of Crockford base32 (100 bits) in groups of four,
// "7KQ2-M9XD-…". normalise_receipt_code upper-cases, drops spaces and dashes and maps the
// look-alikes O→0, I/L→1, so a code read over the phone still matches. Empty when the
// input cannot be a code.
inline constexpr std::size_t kReceiptChars = 20;
[[nodiscard]] std::string format_receipt_code(std::string_view raw20);
[[nodiscard]] std::string normalise_receipt_code(std::string_view typed);

}  // namespace danchu::cases
