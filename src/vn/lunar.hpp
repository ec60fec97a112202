#pragma once
// The Vietnamese lunisolar calendar (âm lịch) at the meridian 105°E (UTC+7), needed for Tết and
// Giỗ Tổ Hùng Vương (statutory holidays, BLLĐ 2019 Art 112) and for dates officers write.
//
// Written from the published rules (legal-spec R-CAL-06/07): a month starts on the local day of
// the new moon; the winter solstice always falls in month 11; in a year with 13 months between
// two months 11, the first month after month 11 that contains no principal solar term (trung
// khí) is the leap month. New moons follow Meeus, "Astronomical Algorithms", ch. 49, and the
// Sun's apparent longitude ch. 25, with ΔT from the Espenak–Meeus polynomials. Never a Chinese
// (UTC+8) calendar: Tết differs in 1985, 2007 and 2030 (R-CAL-08). The well-known reference
// code is licensed for non-commercial use only and is not used here (R-CAL-09).
//
// Conversions are exact table look-ups for solar dates 1800–2300 (the table is built once, on
// first use); outside that range they are computed directly. Accuracy is validated for
// 1900–2199 by the tests.

#include <compare>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace danchu::vn {

struct LunarDate {
    int day = 1;        // 1–30
    int month = 1;      // 1–12
    int year = 0;       // the Gregorian year in which this lunar year's Tết falls
    bool leap = false;  // tháng nhuận
    auto operator<=>(const LunarDate&) const = default;
};

/// The lunar date of a solar (Gregorian) date. Total over the supported range.
[[nodiscard]] LunarDate to_lunar(Date solar);

/// The solar date of a lunar date. Fails with InvalidInput when the month or day is out of range,
/// the day is 30 in a 29-day month ("vn.error.lunar_day"), or the leap month does not exist in
/// that year ("vn.error.no_leap_month").
[[nodiscard]] Result<Date> to_solar(LunarDate lunar);

/// Length (29 or 30) of the given lunar month; InvalidInput if the month does not exist.
[[nodiscard]] Result<int> lunar_month_length(int year, int month, bool leap);

/// The leap month (1–12) of the lunar year, or nullopt in a 12-month year.
[[nodiscard]] std::optional<int> leap_month(int lunar_year);

/// Number of months (12 or 13) in the lunar year.
[[nodiscard]] int months_in_lunar_year(int lunar_year);

/// 1/1 of the lunar year (Tết Nguyên đán).
[[nodiscard]] Date tet(int lunar_year);

// Can-chi (sexagenary) names: 10 stems (can) × 12 branches (chi), Vietnamese spelling.
struct CanChi {
    int stem = 0;                            // 0 = Giáp … 9 = Quý
    int branch = 0;                          // 0 = Tý … 11 = Hợi
    [[nodiscard]] std::string name() const;  // "Bính Ngọ"
};
[[nodiscard]] CanChi year_can_chi(int lunar_year);
/// A leap month carries the can-chi of the month it repeats.
[[nodiscard]] CanChi month_can_chi(const LunarDate& lunar);
[[nodiscard]] CanChi day_can_chi(Date solar);

/// The time of the new moon of lunation `k` (k = 0: 2000-01-06), as a Julian date in UT.
/// Exposed for tests and benchmarks.
[[nodiscard]] double new_moon_julian_date(int k);
/// The Sun's apparent ecliptic longitude in degrees [0, 360) at the Julian date `jd` (UT).
[[nodiscard]] double sun_longitude(double jd);

}  // namespace danchu::vn
