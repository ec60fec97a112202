#pragma once
// Legal periods (thời hạn) and the table of deadlines the platform enforces.
//
// Counting follows Bộ luật Dân sự 2015 Điều 147–148 (R-CAL-05): the event day is not counted; a
// period in days ends at the end of its last day; if that day is a weekly rest day or a holiday
// the period ends at the end of the next working day. A period in working days counts only
// working days after the event day. A period in months ends on the same day number of the last
// month (the month's last day if it has no such day), rolled like a period in days.
// "At least N days before" rules (notices, posted schedules) count backwards from the event and
// roll back to the previous working day, so that a notice given on the computed date is on time.
//
// Every deadline rule is a row of data/rules/deadlines.toml with its instrument, article and
// validity dates (R-GEN-01); a rule is looked up by name and by the date of its triggering event.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "vn/calendar.hpp"
#include "vn/data.hpp"

namespace danchu::vn {

enum class Unit {
    CalendarDays,  // "ngày" in the legal text (cd)
    WorkingDays,   // "ngày làm việc" (wd)
    Months,        // "tháng" (mo)
};
[[nodiscard]] std::string_view to_string(Unit unit);  // "cd", "wd", "mo"
[[nodiscard]] std::optional<Unit> parse_unit(std::string_view text);

enum class Direction {
    After,   // the period runs from the event: "within N days"
    Before,  // the act must happen at least N units before the event: "≥ N days before"
};

enum class Roll {
    ToWorkingDay,  // Art 148: a period ending on a day off ends on the next working day
    None,          // minimum durations (posting ≥ 30 days): the plain end date
};

struct Deadline {
    Date date;                  // the last day of the period (or the latest day to act, Before)
    Date nominal;               // before rolling over days off
    std::vector<Date> skipped;  // days off skipped while counting or rolling
    std::string basis;          // the legal basis of the counting or the rule
};

/// The end of a period of `n` units after `event` (n ≥ 0). Contract: `n` is not negative.
[[nodiscard]] Deadline deadline(Date event, int n, Unit unit, const WorkCalendar& calendar,
                                Roll roll = Roll::ToWorkingDay);
/// The latest day to act for a rule "at least `n` units before `event`".
[[nodiscard]] Deadline latest_before(Date event, int n, Unit unit, const WorkCalendar& calendar);

/// Basis of plain day counting: "Bộ luật Dân sự 2015, Điều 147–148".
inline constexpr std::string_view kCountingBasis = "Bộ luật Dân sự 2015, Điều 147–148";

struct Rule {
    std::string name;  // "complaint.first_instance.complex"
    std::string title_vi;
    std::string title_en;
    int amount = 0;
    Unit unit = Unit::CalendarDays;
    Direction direction = Direction::After;
    Roll roll = Roll::ToWorkingDay;
    std::string kind;         // "deadline", "minimum", "notice", "limitation", "extension"
    std::string instrument;   // "Luật Khiếu nại 2011 (02/2011/QH13)"
    std::string article;      // "Điều 28"
    std::string requirement;  // "R-KN-03"
    Date effective_from;
    std::optional<Date> effective_to;  // inclusive
    std::string note;
    /// "Luật Khiếu nại 2011 (02/2011/QH13), Điều 28".
    [[nodiscard]] std::string basis() const;
};

class RuleTable final {
  public:
    /// Loads rules/deadlines.toml (override directory first). InvalidInput "vn.error.rule_data"
    /// names the row that does not parse.
    [[nodiscard]] static Result<RuleTable> load(const DataSource& data = DataSource{});
    [[nodiscard]] static Result<RuleTable> parse(std::string_view toml_text);

    /// The version of rule `name` in force on `event`. NotFound "vn.error.unknown_rule" when no
    /// rule has that name; NotFound "vn.error.rule_not_in_force" when none is in force then.
    [[nodiscard]] Result<const Rule*> find(std::string_view name, Date event) const;
    [[nodiscard]] std::span<const Rule> rules() const { return rules_; }

  private:
    std::vector<Rule> rules_;
};

/// Applies a rule to its triggering event.
[[nodiscard]] Deadline apply(const Rule& rule, Date event, const WorkCalendar& calendar);

}  // namespace danchu::vn
