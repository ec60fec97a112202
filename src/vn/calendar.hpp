#pragma once
// Working days: which dates an organisation works, from its weekly rest pattern (Saturday and
// Sunday for agencies, QĐ 188/1999/QĐ-TTg; chosen by employers, BLLĐ 2019 Art 111.2) and the set
// of statutory holidays (BLLĐ 2019 Art 112.1), compensatory days off (nghỉ bù, Art 111.3) and
// make-up working Saturdays (làm bù) that the Prime Minister fixes each year (Art 112.3).
//
// The yearly arrangements are data (data/holidays/YYYY.toml, one file per year, each day with
// its legal source; R-CAL-03). A year without a file gets a rule-based estimate computed from the
// Labour Code (5 Tết days = the last day of the lunar year and days 1–4, 2/9 plus an adjacent day,
// compensatory days after holidays that fall on a rest day), marked as estimated.
//
// A WorkCalendar is immutable after load and safe to share between threads. Look-ups for
// 1900–2199 are O(1); other years are computed on demand.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "vn/data.hpp"

namespace danchu::vn {

enum class SpecialDayKind {
    Holiday,       // statutory holiday (ngày nghỉ lễ, tết)
    Compensatory,  // nghỉ bù: a holiday fell on a weekly rest day
    Swap,          // hoán đổi: a working day given off, paid back by a MakeUp day
    MakeUp,        // làm bù: a rest day (Saturday) worked instead
};
[[nodiscard]] std::string_view to_string(SpecialDayKind kind);
[[nodiscard]] std::optional<SpecialDayKind> parse_special_day_kind(std::string_view text);

struct SpecialDay {
    Date date;
    SpecialDayKind kind = SpecialDayKind::Holiday;
    std::string name_vi;
    std::string name_en;
    std::string source;      // legal basis of this day
    bool estimated = false;  // not taken from a confirmed decision
};

enum class YearStatus {
    Decided,          // every day taken from the year's published decisions
    PartlyEstimated,  // some days confirmed, others estimated (see each day)
    Estimated,        // a data file written from secondary sources, not verified
    RuleBased,        // no data file: computed from the Labour Code
};
[[nodiscard]] std::string_view to_string(YearStatus status);

struct HolidayYear {
    int year = 0;
    YearStatus status = YearStatus::RuleBased;
    std::string decision;  // the instruments fixing this year's days, when known
    std::string note;
    std::vector<SpecialDay> days;  // sorted by date
};

/// Weekly rest days (0 = Sunday … 6 = Saturday).
class WeeklyRest final {
  public:
    /// Saturday and Sunday (R-CAL-01 default for agencies).
    [[nodiscard]] static WeeklyRest saturday_sunday();
    [[nodiscard]] static WeeklyRest sunday_only();
    /// "sat,sun", "sun", "fri" …: English three-letter day names separated by commas.
    [[nodiscard]] static Result<WeeklyRest> parse(std::string_view text);
    [[nodiscard]] bool is_rest(int weekday) const {
        return rest_[static_cast<std::size_t>(weekday)];
    }

  private:
    std::array<bool, 7> rest_{};
};

/// The rule-based estimate for a year without a decision file (see the file comment).
[[nodiscard]] HolidayYear rule_based_holidays(int year, const WeeklyRest& rest);

/// Parses one data/holidays/YYYY.toml file (format in src/vn/README.md).
[[nodiscard]] Result<HolidayYear> parse_holiday_year(std::string_view toml_text);

class WorkCalendar final {
  public:
    /// Loads holidays/*.toml from `data` (override directory first, then embedded data).
    /// Fails with InvalidInput "vn.error.holiday_data" naming the file if one does not parse.
    [[nodiscard]] static Result<WorkCalendar> load(const DataSource& data = DataSource{},
                                                   WeeklyRest rest = WeeklyRest::saturday_sunday());
    /// A calendar with only the given years' data (others rule-based); for tests.
    [[nodiscard]] static WorkCalendar from_years(std::vector<HolidayYear> years, WeeklyRest rest);

    /// True unless the date is a weekly rest day (and not a make-up day) or a day off.
    [[nodiscard]] bool is_working_day(Date d) const;
    /// The special day on this date, if any.
    [[nodiscard]] std::optional<SpecialDay> special_day(Date d) const;
    /// The arrangement for a year: its data file, or the rule-based estimate.
    [[nodiscard]] HolidayYear holidays(int year) const;
    [[nodiscard]] const WeeklyRest& rest() const { return rest_; }

  private:
    WorkCalendar(std::map<int, HolidayYear> years, WeeklyRest rest);
    std::map<int, HolidayYear> data_years_;
    WeeklyRest rest_;
    int first_day_ = 0;                // day number of 1900-01-01
    std::vector<std::uint8_t> flags_;  // per day: 0 normal, 1 off, 2 make-up working day
};

}  // namespace danchu::vn
