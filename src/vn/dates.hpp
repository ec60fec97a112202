#pragma once
// Civil dates as the vn layer uses them: std::chrono::year_month_day (proleptic Gregorian),
// day numbers for arithmetic, and the one ISO "YYYY-MM-DD" parser and printer every command and
// data file goes through. Legal dates are local dates in Vietnam (UTC+7), never instants.

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace danchu::vn {

/// Days since 1970-01-01 (negative before).
[[nodiscard]] inline int day_number(Date d) {
    return static_cast<int>(std::chrono::sys_days{d}.time_since_epoch().count());
}
[[nodiscard]] inline Date from_day_number(int n) {
    return Date{std::chrono::sys_days{std::chrono::days{n}}};
}
/// Julian day number of the civil day (noon-based, as in Meeus).
[[nodiscard]] inline int julian_day_number(Date d) { return day_number(d) + 2440588; }
[[nodiscard]] inline Date add_days(Date d, int n) { return from_day_number(day_number(d) + n); }
/// 0 = Sunday … 6 = Saturday.
[[nodiscard]] inline int weekday_index(Date d) {
    return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{d}}.c_encoding());
}
[[nodiscard]] inline Date make_date(int y, int m, int d) {
    return Date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                std::chrono::day{static_cast<unsigned>(d)}};
}

/// Parses "YYYY-MM-DD" (exactly). Fails with InvalidInput "vn.error.bad_date" on any other
/// shape or on a day that does not exist (2023-02-29, 2021-02-31).
[[nodiscard]] Result<Date> parse_iso_date(std::string_view text);

/// "YYYY-MM-DD".
[[nodiscard]] std::string iso(Date d);

/// Parses a decimal integer (optional leading '-', digits only). Fails with InvalidInput
/// "vn.error.bad_number" otherwise or on overflow.
[[nodiscard]] Result<long long> parse_integer(std::string_view text);

}  // namespace danchu::vn
