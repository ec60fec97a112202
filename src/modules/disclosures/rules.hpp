#pragma once
// Legal checks on a disclosure, computed from the rule table (data/rules/deadlines.toml) with
// the Vietnamese working calendar (vn/), never from constants in code:
//   - the latest lawful publication date after the triggering decision
//     (commune Art 12.3 and agency Art 47.2: ≤ 5 working days, R-PUB-XA-04 / R-PUB-CQ-03;
//      SOE Art 65.2: ≤ 15 days, R-PUB-DN-01);
//   - the minimum posting period (commune Art 13.2: ≥ 30 days, permanent for items 4 and 13;
//     agency Art 48: ≥ 20 days; SOE Art 66: ≥ 20 days; loudspeaker Art 13.3: ≥ 3 days);
//   - the channels the law requires for the item (commune Art 13; agency Art 48; SOE Art 66).
// Publishing late or posting for less than the minimum is allowed only with a recorded reason,
// and is then flagged on the board and in reports.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/disclosures/model.hpp"
#include "vn/calendar.hpp"
#include "vn/deadline.hpp"

namespace danchu::disclosures {

struct LegalCheck {
    // False when the rule table holds no timing rule in force on the decision date: a decision
    // made before Luật 10/2022/QH15 took effect (01/7/2023), whose regime (Nghị định 04/2015/
    // NĐ-CP) is not in the data. Nothing is then computed or flagged: the page says that no
    // rule is in force rather than judging the item by a law that did not apply to it.
    bool rules_in_force = true;
    Date latest_publication{};
    std::string timing_basis;                 // citation of the timing rule
    std::vector<Date> timing_skipped;         // days off skipped while counting (Tết …)
    bool permanent = false;                   // no end date allowed (commune items 4, 13)
    std::optional<Date> minimum_posting_end;  // the earliest lawful end of the posting
    std::string posting_basis;
    std::optional<Date> loudspeaker_minimum_end;  // when the loudspeaker channel is used
    std::string loudspeaker_basis;

    bool late = false;  // published after latest_publication
    bool short_posting =
        false;  // posting_end before minimum_posting_end (or an end on a permanent item)
    std::vector<Channel> missing_channels;  // mandatory channels not used
    bool missing_any_of = false;            // none of the "at least one of" channels used
    [[nodiscard]] bool channels_incomplete() const {
        return !missing_channels.empty() || missing_any_of;
    }
};

// The rule names for a setting ("disclosure.commune.timing", …).
[[nodiscard]] std::string timing_rule_name(Setting s);
[[nodiscard]] std::string posting_rule_name(Setting s);

// Checks a disclosure published on `published_on` after a decision of `decision_date`, posted
// from `posting_start` to `posting_end` (nullopt: permanent) through `channels`. A decision
// from before the category's item list took effect, with no timing rule in force on its date,
// gives a check with rules_in_force false; an error only for broken rule data.
[[nodiscard]] Result<LegalCheck> check_disclosure(const vn::RuleTable& rules,
                                                  const vn::WorkCalendar& calendar, Setting setting,
                                                  const Category& category, Date decision_date,
                                                  Date published_on, Date posting_start,
                                                  std::optional<Date> posting_end,
                                                  const std::vector<Channel>& channels);

// The channels pre-selected on the form for an item: its mandatory ones, and the first of
// its "at least one of" list.
[[nodiscard]] std::vector<Channel> default_channels(const Category& category);

}  // namespace danchu::disclosures
