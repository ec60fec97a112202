#include "vn/lunar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "vn/dates.hpp"

namespace danchu::vn {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTimeZoneHours = 7.0;  // meridian 105°E (R-CAL-06)
constexpr double kSynodicMonth = 29.530588861;

double sin_deg(double degrees) { return std::sin(degrees * kPi / 180.0); }

double normalize_degrees(double x) {
    x = std::fmod(x, 360.0);
    return x < 0 ? x + 360.0 : x;
}

// ΔT = TT − UT in seconds, Espenak & Meeus polynomial fits (NASA eclipse pages). Good to a few
// seconds in the 20th–21st centuries; the extrapolation after 2050 is the published one.
double delta_t_seconds(double year) {
    if (year < 1800 || year >= 2150) {
        // Long-term parabola (Morrison & Stephenson), so that far years stay sane.
        const double u = (year - 1820) / 100;
        return -20 + 32 * u * u;
    }
    if (year < 1860) {
        const double t = year - 1800;
        return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * t * t * t -
               0.00037436 * t * t * t * t + 0.0000121272 * t * t * t * t * t -
               0.0000001699 * t * t * t * t * t * t + 0.000000000875 * t * t * t * t * t * t * t;
    }
    if (year < 1900) {
        const double t = year - 1860;
        return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
               0.0004473624 * t * t * t * t + t * t * t * t * t / 233174;
    }
    if (year < 1920) {
        const double t = year - 1900;
        return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
               0.000197 * t * t * t * t;
    }
    if (year < 1941) {
        const double t = year - 1920;
        return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
    if (year < 1961) {
        const double t = year - 1950;
        return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
    if (year < 1986) {
        const double t = year - 1975;
        return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
    if (year < 2005) {
        const double t = year - 2000;
        return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
               0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
    }
    if (year < 2050) {
        const double t = year - 2000;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    const double u = (year - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

double year_of_julian_date(double jd) { return 2000.0 + (jd - 2451544.5) / 365.2425; }

// Meeus ch. 49: time of the mean phase, then the periodic terms for a new moon and the
// additional planetary corrections. Returns JDE (dynamical time).
double new_moon_jde(int k) {
    const double kk = k;
    const double t = kk / 1236.85;
    const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde = 2451550.09766 + kSynodicMonth * kk + 0.00015437 * t2 - 0.000000150 * t3 +
                 0.00000000073 * t4;
    const double e = 1 - 0.002516 * t - 0.0000074 * t2;
    const double m = 2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3;
    const double mp =
        201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
    const double f =
        160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
    const double om = 124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3;

    jde += -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mp) +
           0.01039 * sin_deg(2 * f) + 0.00739 * e * sin_deg(mp - m) -
           0.00514 * e * sin_deg(mp + m) + 0.00208 * e * e * sin_deg(2 * m) -
           0.00111 * sin_deg(mp - 2 * f) - 0.00057 * sin_deg(mp + 2 * f) +
           0.00056 * e * sin_deg(2 * mp + m) - 0.00042 * sin_deg(3 * mp) +
           0.00042 * e * sin_deg(m + 2 * f) + 0.00038 * e * sin_deg(m - 2 * f) -
           0.00024 * e * sin_deg(2 * mp - m) - 0.00017 * sin_deg(om) -
           0.00007 * sin_deg(mp + 2 * m) + 0.00004 * sin_deg(2 * mp - 2 * f) +
           0.00004 * sin_deg(3 * m) + 0.00003 * sin_deg(mp + m - 2 * f) +
           0.00003 * sin_deg(2 * mp + 2 * f) - 0.00003 * sin_deg(mp + m + 2 * f) +
           0.00003 * sin_deg(mp - m + 2 * f) - 0.00002 * sin_deg(mp - m - 2 * f) -
           0.00002 * sin_deg(3 * mp + m) + 0.00002 * sin_deg(4 * mp);

    static constexpr std::array<std::array<double, 3>, 14> kPlanetary{{
        {299.77, 0.107408, 0.000325},
        {251.88, 0.016321, 0.000165},
        {251.83, 26.651886, 0.000164},
        {349.42, 36.412478, 0.000126},
        {84.66, 18.206239, 0.000110},
        {141.74, 53.303771, 0.000062},
        {207.14, 2.453732, 0.000060},
        {154.84, 7.306860, 0.000056},
        {34.52, 27.261239, 0.000047},
        {207.19, 0.121824, 0.000042},
        {291.34, 1.844379, 0.000040},
        {161.72, 24.198154, 0.000037},
        {239.56, 25.513099, 0.000035},
        {331.55, 3.592518, 0.000023},
    }};
    for (std::size_t i = 0; i < kPlanetary.size(); ++i) {
        double a = kPlanetary[i][0] + kPlanetary[i][1] * kk;
        if (i == 0) a -= 0.009173 * t2;
        jde += kPlanetary[i][2] * sin_deg(a);
    }
    return jde;
}

// The local civil day (as a Julian day number) holding the new moon of lunation k.
int new_moon_day(int k) {
    const double jd = new_moon_julian_date(k);
    return static_cast<int>(std::floor(jd + 0.5 + kTimeZoneHours / 24.0));
}

// Which 30° sector the Sun is in at local midnight opening the day `jdn`: a month contains a
// principal term (trung khí, a multiple of 30°) iff the sector changes between its first day and
// the first day of the next month.
int sun_sector_at_day_start(int jdn) {
    const double jd = jdn - 0.5 - kTimeZoneHours / 24.0;
    return static_cast<int>(sun_longitude(jd) / 30.0);
}

// Index of the last lunation whose new-moon day is on or before `jdn`.
int lunation_on_or_before(int jdn) {
    int k = static_cast<int>(std::floor((jdn - 2451550.09766) / kSynodicMonth));
    while (new_moon_day(k + 1) <= jdn) ++k;
    while (new_moon_day(k) > jdn) --k;
    return k;
}

// The lunation that is month 11 of the Gregorian year `y`: the month containing the (local day
// of the) December solstice.
int month11_lunation(int y) {
    const int k = lunation_on_or_before(julian_day_number(make_date(y, 12, 31)));
    // The last new moon of the year starts after the solstice iff the Sun is already at ≥ 270°
    // when that day begins; then the solstice lies in the month before.
    return sun_sector_at_day_start(new_moon_day(k)) >= 9 ? k - 1 : k;
}

struct Month {
    std::int32_t start = 0;  // Julian day number of day 1
    std::int16_t year = 0;
    std::int8_t number = 0;
    bool leap = false;
};

// The months from month 11 of Gregorian year y0 up to (not including) month 11 of y0 + 1.
// Appends them to `out` and returns the start of the next month 11.
int append_solstice_year(int y0, std::vector<Month>& out) {
    const int ka = month11_lunation(y0);
    const int kb = month11_lunation(y0 + 1);
    const int count = kb - ka;  // 12 or 13
    std::vector<int> starts(static_cast<std::size_t>(count + 1));
    for (int i = 0; i <= count; ++i) starts[static_cast<std::size_t>(i)] = new_moon_day(ka + i);
    int leap_index = -1;
    if (count == 13) {
        int sector = sun_sector_at_day_start(starts[1]);
        for (int i = 1; i < count; ++i) {
            const int next = sun_sector_at_day_start(starts[static_cast<std::size_t>(i + 1)]);
            if (next == sector) {
                leap_index = i;
                break;
            }
            sector = next;
        }
    }
    for (int i = 0; i < count; ++i) {
        const int ordinal = (leap_index >= 0 && i >= leap_index) ? i - 1 : i;
        const int number = (10 + ordinal) % 12 + 1;  // 0 → 11, 1 → 12, 2 → 1 …
        Month month;
        month.start = starts[static_cast<std::size_t>(i)];
        month.number = static_cast<std::int8_t>(number);
        month.leap = (i == leap_index);
        month.year = static_cast<std::int16_t>(number >= 11 ? y0 : y0 + 1);
        out.push_back(month);
    }
    return starts.back();
}

constexpr int kTableFirstYear = 1799;
constexpr int kTableLastYear = 2300;

struct Table {
    std::vector<Month> months;
    int end = 0;  // first day after the last month
};

const Table& table() {
    static const Table t = [] {
        Table built;
        built.months.reserve(static_cast<std::size_t>((kTableLastYear - kTableFirstYear + 1) * 13));
        for (int y = kTableFirstYear; y <= kTableLastYear; ++y) {
            built.end = append_solstice_year(y, built.months);
        }
        return built;
    }();
    return t;
}

// The months of the solstice year holding `jdn`, and the start of the month after the last.
struct Span {
    std::vector<Month> months;
    int end = 0;
};

Span solstice_year_of(int y0) {
    Span s;
    s.end = append_solstice_year(y0, s.months);
    return s;
}

// Finds the month (start, next start) that contains day `jdn`.
struct Found {
    Month month;
    int next_start = 0;
};

Found find_month(int jdn) {
    const Table& t = table();
    if (!t.months.empty() && jdn >= t.months.front().start && jdn < t.end) {
        auto it = std::upper_bound(t.months.begin(), t.months.end(), jdn,
                                   [](int day, const Month& m) { return day < m.start; });
        --it;
        const int next = (it + 1 == t.months.end()) ? t.end : (it + 1)->start;
        return {*it, next};
    }
    // Outside the table: compute the solstice year directly.
    const Date d = from_day_number(jdn - 2440588);
    int y0 = static_cast<int>(d.year());
    if (jdn < new_moon_day(month11_lunation(y0))) --y0;
    const Span s = solstice_year_of(y0);
    for (std::size_t i = 0; i < s.months.size(); ++i) {
        const int next = i + 1 < s.months.size() ? s.months[i + 1].start : s.end;
        if (jdn >= s.months[i].start && jdn < next) return {s.months[i], next};
    }
    return {s.months.back(), s.end};  // unreachable: the span covers jdn
}

// The month `number`/`leap` of lunar year `year`, if it exists.
std::optional<Found> find_lunar_month(int year, int number, bool leap) {
    const int y0 = number >= 11 ? year : year - 1;
    const Table& t = table();
    if (y0 >= kTableFirstYear && y0 <= kTableLastYear) {
        // Month 11 of y0 starts in November or December of y0.
        const int from = julian_day_number(make_date(y0, 11, 1));
        auto it = std::upper_bound(t.months.begin(), t.months.end(), from,
                                   [](int day, const Month& m) { return day < m.start; });
        for (; it != t.months.end(); ++it) {
            if (it->number == number && it->leap == leap && it->year == year) {
                const int next = (it + 1 == t.months.end()) ? t.end : (it + 1)->start;
                return Found{*it, next};
            }
            if (it->year > year) break;
        }
        return std::nullopt;
    }
    const Span s = solstice_year_of(y0);
    for (std::size_t i = 0; i < s.months.size(); ++i) {
        const Month& m = s.months[i];
        if (m.number == number && m.leap == leap && m.year == year) {
            return Found{m, i + 1 < s.months.size() ? s.months[i + 1].start : s.end};
        }
    }
    return std::nullopt;
}

constexpr std::array<const char*, 10> kStems{"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                             "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
constexpr std::array<const char*, 12> kBranches{"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                                "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};

int positive_mod(long long a, int m) { return static_cast<int>(((a % m) + m) % m); }

}  // namespace

double new_moon_julian_date(int k) {
    const double jde = new_moon_jde(k);
    return jde - delta_t_seconds(year_of_julian_date(jde)) / 86400.0;
}

// Meeus ch. 25 (low accuracy, ~0.01°): geometric mean longitude and equation of centre, then
// nutation and aberration for the apparent longitude.
double sun_longitude(double jd) {
    const double jde = jd + delta_t_seconds(year_of_julian_date(jd)) / 86400.0;
    const double t = (jde - 2451545.0) / 36525.0;
    const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    const double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
    const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) +
                     (0.019993 - 0.000101 * t) * sin_deg(2 * m) + 0.000289 * sin_deg(3 * m);
    const double omega = 125.04 - 1934.136 * t;
    return normalize_degrees(l0 + c - 0.00569 - 0.00478 * sin_deg(omega));
}

LunarDate to_lunar(Date solar) {
    const int jdn = julian_day_number(solar);
    const Found f = find_month(jdn);
    return LunarDate{jdn - f.month.start + 1, f.month.number, f.month.year, f.month.leap};
}

Result<int> lunar_month_length(int year, int month, bool leap) {
    if (month < 1 || month > 12) {
        return fail(ErrorCode::InvalidInput, "vn.error.lunar_month", {},
                    fmt::format("lunar month {} is not between 1 and 12", month));
    }
    const auto found = find_lunar_month(year, month, leap);
    if (!found && leap) {
        return fail(ErrorCode::InvalidInput, "vn.error.no_leap_month", {},
                    fmt::format("lunar year {} has no leap month {}", year, month));
    }
    if (!found) {
        return fail(ErrorCode::InvalidInput, "vn.error.lunar_month", {},
                    fmt::format("lunar month {} of {} cannot be computed", month, year));
    }
    return found->next_start - found->month.start;
}

Result<Date> to_solar(LunarDate lunar) {
    auto length = lunar_month_length(lunar.year, lunar.month, lunar.leap);
    if (!length) return length.error();
    if (lunar.day < 1 || lunar.day > *length) {
        return fail(ErrorCode::InvalidInput, "vn.error.lunar_day", {},
                    fmt::format("lunar month {}{} of {} has {} days, not {}", lunar.month,
                                lunar.leap ? " (leap)" : "", lunar.year, *length, lunar.day));
    }
    const auto found = find_lunar_month(lunar.year, lunar.month, lunar.leap);
    return from_day_number(found->month.start + lunar.day - 1 - 2440588);
}

std::optional<int> leap_month(int lunar_year) {
    for (int m = 1; m <= 12; ++m) {
        if (find_lunar_month(lunar_year, m, true)) return m;
    }
    return std::nullopt;
}

int months_in_lunar_year(int lunar_year) { return leap_month(lunar_year) ? 13 : 12; }

Date tet(int lunar_year) {
    const auto found = find_lunar_month(lunar_year, 1, false);
    return from_day_number(found->month.start - 2440588);
}

std::string CanChi::name() const {
    return fmt::format("{} {}", kStems[static_cast<std::size_t>(stem)],
                       kBranches[static_cast<std::size_t>(branch)]);
}

CanChi year_can_chi(int lunar_year) {
    // 4 CE was a Giáp Tý year.
    return {positive_mod(lunar_year - 4, 10), positive_mod(lunar_year - 4, 12)};
}

CanChi month_can_chi(const LunarDate& lunar) {
    // Month 1 is always a Dần month; its stem cycles with the year's stem (Giáp/Kỷ years start
    // with Bính Dần).
    return {positive_mod(static_cast<long long>(lunar.year) * 12 + lunar.month + 3, 10),
            positive_mod(lunar.month + 1, 12)};
}

CanChi day_can_chi(Date solar) {
    const long long jdn = julian_day_number(solar);
    return {positive_mod(jdn + 9, 10), positive_mod(jdn + 1, 12)};
}

}  // namespace danchu::vn
