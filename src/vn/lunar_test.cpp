// Lunar calendar: the vectors of legal-spec §5 and properties of the rules R-CAL-06/07.

#include "vn/lunar.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "vn/dates.hpp"

namespace danchu::vn {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

struct YearVector {
    int year;
    Date tet;
    Date giao_thua;
    int last_day_of_month12;
    Date gio_to;
    int leap;  // 0: none
};

// legal-spec §5, table "Lunar year".
const YearVector kYears[] = {
    {2021, d(2021, 2, 12), d(2021, 2, 11), 30, d(2021, 4, 21), 0},
    {2022, d(2022, 2, 1), d(2022, 1, 31), 29, d(2022, 4, 10), 0},
    {2023, d(2023, 1, 22), d(2023, 1, 21), 30, d(2023, 4, 29), 2},
    {2024, d(2024, 2, 10), d(2024, 2, 9), 30, d(2024, 4, 18), 0},
    {2025, d(2025, 1, 29), d(2025, 1, 28), 29, d(2025, 4, 7), 6},
    {2026, d(2026, 2, 17), d(2026, 2, 16), 29, d(2026, 4, 26), 0},
    {2027, d(2027, 2, 6), d(2027, 2, 5), 29, d(2027, 4, 16), 0},
    {2028, d(2028, 1, 26), d(2028, 1, 25), 29, d(2028, 4, 4), 5},
    {2029, d(2029, 2, 13), d(2029, 2, 12), 29, d(2029, 4, 23), 0},
    {2030, d(2030, 2, 2), d(2030, 2, 1), 29, d(2030, 4, 12), 0},
};

TEST(LunarCalendar, TetGiaoThuaGioToAndLeapMonths2021To2030_Spec5) {
    for (const auto& v : kYears) {
        SCOPED_TRACE(v.year);
        EXPECT_EQ(tet(v.year), v.tet);
        EXPECT_EQ(to_lunar(v.tet), (LunarDate{1, 1, v.year, false}));
        EXPECT_EQ(to_lunar(v.giao_thua), (LunarDate{v.last_day_of_month12, 12, v.year - 1, false}));
        auto gio_to = to_solar(LunarDate{10, 3, v.year, false});
        ASSERT_TRUE(gio_to);
        EXPECT_EQ(*gio_to, v.gio_to);
        const auto leap = leap_month(v.year);
        EXPECT_EQ(leap.value_or(0), v.leap);
        EXPECT_EQ(months_in_lunar_year(v.year), v.leap ? 13 : 12);
    }
}

TEST(LunarCalendar, Years2031And2033_Spec5) {
    EXPECT_EQ(tet(2031), d(2031, 1, 23));
    EXPECT_EQ(*to_solar(LunarDate{10, 3, 2031, false}), d(2031, 4, 1));
    EXPECT_EQ(leap_month(2031).value_or(0), 3);
    EXPECT_EQ(tet(2033), d(2033, 1, 31));
    EXPECT_EQ(*to_solar(LunarDate{10, 3, 2033, false}), d(2033, 4, 9));
    EXPECT_EQ(leap_month(2033).value_or(0), 11);
}

TEST(LunarCalendar, TetDiffersFromChina1985_2007_2030_R_CAL_08) {
    EXPECT_EQ(tet(1985), d(1985, 1, 21));  // China: 20/02/1985
    EXPECT_EQ(tet(2007), d(2007, 2, 17));  // China: 18/02/2007
    EXPECT_EQ(tet(2030), d(2030, 2, 2));   // China: 03/02/2030
    EXPECT_NE(tet(1985), d(1985, 2, 20));
    EXPECT_NE(tet(2007), d(2007, 2, 18));
    EXPECT_NE(tet(2030), d(2030, 2, 3));
}

TEST(LunarCalendar, SolarToLunarEdgeVectors_Spec5) {
    EXPECT_EQ(to_lunar(d(2021, 11, 4)), (LunarDate{30, 9, 2021, false}));
    EXPECT_EQ(to_lunar(d(2022, 1, 1)), (LunarDate{29, 11, 2021, false}));
    EXPECT_EQ(to_lunar(d(2025, 8, 19)), (LunarDate{26, 6, 2025, true}));
    EXPECT_EQ(to_lunar(d(2014, 12, 21)), (LunarDate{30, 10, 2014, false}));
    EXPECT_EQ(to_lunar(d(2014, 12, 22)), (LunarDate{1, 11, 2014, false}));
    EXPECT_EQ(to_lunar(d(2023, 3, 25)), (LunarDate{4, 2, 2023, true}));
    EXPECT_EQ(to_lunar(d(2026, 9, 28)), (LunarDate{18, 8, 2026, false}));
}

TEST(LunarCalendar, LunarYearOfLateDecemberMonth12_R_CAL_09) {
    EXPECT_EQ(to_lunar(d(2019, 12, 26)), (LunarDate{1, 12, 2019, false}));
    EXPECT_EQ(to_lunar(d(2030, 12, 31)), (LunarDate{7, 12, 2030, false}));
    EXPECT_EQ(to_lunar(d(2035, 12, 31)), (LunarDate{3, 12, 2035, false}));
}

TEST(LunarCalendar, LunarToSolarLeapMonth_R_CAL_06) {
    EXPECT_EQ(*to_solar(LunarDate{26, 6, 2025, true}), d(2025, 8, 19));
    EXPECT_EQ(*to_solar(LunarDate{4, 2, 2023, true}), d(2023, 3, 25));
    // The regular month 6 of 2025 precedes its leap month.
    EXPECT_LT(day_number(*to_solar(LunarDate{26, 6, 2025, false})), day_number(d(2025, 8, 19)));
}

TEST(LunarCalendar, RejectsDay30InA29DayMonth) {
    // Month 12 of 2024 (ending 28/01/2025) has 29 days.
    EXPECT_EQ(*lunar_month_length(2024, 12, false), 29);
    const auto r = to_solar(LunarDate{30, 12, 2024, false});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(r.error().message_key, "vn.error.lunar_day");
}

TEST(LunarCalendar, RejectsAMissingLeapMonth) {
    const auto r = to_solar(LunarDate{1, 2, 2024, true});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message_key, "vn.error.no_leap_month");
    EXPECT_FALSE(to_solar(LunarDate{1, 13, 2024, false}));
    EXPECT_FALSE(to_solar(LunarDate{0, 1, 2024, false}));
}

TEST(LunarCalendar, CanChiNames) {
    EXPECT_EQ(year_can_chi(2026).name(), "Bính Ngọ");
    EXPECT_EQ(year_can_chi(2024).name(), "Giáp Thìn");
    EXPECT_EQ(year_can_chi(2021).name(), "Tân Sửu");
    EXPECT_EQ(year_can_chi(1985).name(), "Ất Sửu");
    EXPECT_EQ(year_can_chi(2019).name(), "Kỷ Hợi");
    // Giáp years start with a Bính Dần month; Bính years with Canh Dần.
    EXPECT_EQ(month_can_chi(LunarDate{1, 1, 2024, false}).name(), "Bính Dần");
    EXPECT_EQ(month_can_chi(LunarDate{1, 1, 2026, false}).name(), "Canh Dần");
    EXPECT_EQ(month_can_chi(LunarDate{1, 11, 2026, false}).name(), "Canh Tý");
    EXPECT_EQ(day_can_chi(d(2000, 1, 1)).name(), "Mậu Ngọ");
    // The day cycle has period 60.
    EXPECT_EQ(day_can_chi(d(2000, 3, 1)).name(), day_can_chi(d(2000, 1, 1)).name());
}

TEST(Astronomy, NewMoonMatchesMeeusExample49a) {
    // Meeus, Astronomical Algorithms, example 49.a: k = -283, JDE 2443192.65118 (1977-02-18);
    // ΔT in 1977 was about 48 s.
    EXPECT_NEAR(new_moon_julian_date(-283), 2443192.65118 - 48.0 / 86400, 0.0005);
}

TEST(Astronomy, SunLongitudeMatchesMeeusExample25a) {
    // Example 25.a: 1992-10-13 0h TD, apparent longitude 199.90895°.
    EXPECT_NEAR(sun_longitude(2448908.5 - 59.0 / 86400), 199.90895, 0.01);
}

TEST(LunarCalendar, FarYearsAreComputedWithoutTheTable) {
    for (int y : {1, 500, 1500, 1799, 2301, 2500, 4000, 9998}) {
        const Date day = d(y, 6, 15);
        const LunarDate l = to_lunar(day);
        EXPECT_TRUE(l.day >= 1 && l.day <= 30) << y;
        const auto back = to_solar(l);
        ASSERT_TRUE(back) << y;
        EXPECT_EQ(*back, day) << y;
    }
}

// Properties over the whole supported range.

TEST(LunarCalendar, RoundTripsEveryDay1900To2199_R_CAL_07) {
    const int first = day_number(d(1900, 1, 1)), last = day_number(d(2199, 12, 31));
    LunarDate previous = to_lunar(from_day_number(first - 1));
    for (int n = first; n <= last; ++n) {
        const Date solar = from_day_number(n);
        const LunarDate lunar = to_lunar(solar);
        const auto back = to_solar(lunar);
        ASSERT_TRUE(back) << iso(solar);
        ASSERT_EQ(*back, solar) << iso(solar);
        // Consecutive days: the next lunar day, or day 1 of the next month.
        if (lunar.day != 1) {
            ASSERT_EQ(lunar.day, previous.day + 1) << iso(solar);
            ASSERT_EQ(lunar.month, previous.month);
        } else {
            ASSERT_TRUE(previous.day == 29 || previous.day == 30) << iso(solar);
        }
        previous = lunar;
    }
}

TEST(LunarCalendar, MonthsHave29Or30DaysAndYears12Or13Months_R_CAL_06) {
    for (int y = 1900; y <= 2199; ++y) {
        const auto leap = leap_month(y);
        const int count = months_in_lunar_year(y);
        ASSERT_TRUE(count == 12 || count == 13) << y;
        for (int m = 1; m <= 12; ++m) {
            const auto length = lunar_month_length(y, m, false);
            ASSERT_TRUE(length) << y << "/" << m;
            ASSERT_TRUE(*length == 29 || *length == 30) << y << "/" << m;
        }
        if (leap) {
            const auto length = lunar_month_length(y, *leap, true);
            ASSERT_TRUE(length && (*length == 29 || *length == 30)) << y;
        }
    }
}

// The local day of the December solstice: the day during which the Sun reaches 270°.
Date solstice_day(int year) {
    for (int day = 15; day <= 25; ++day) {
        const Date here = d(year, 12, day);
        const double start = julian_day_number(here) - 0.5 - 7.0 / 24;
        if (sun_longitude(start) < 270.0 && sun_longitude(start + 1) >= 270.0) return here;
    }
    return d(year, 12, 31);
}

TEST(LunarCalendar, Month11HoldsTheWinterSolstice_R_CAL_06) {
    for (int y = 1900; y <= 2199; ++y) {
        const LunarDate l = to_lunar(solstice_day(y));
        ASSERT_EQ(l.month, 11) << y;
        ASSERT_FALSE(l.leap) << y;
    }
}

TEST(LunarCalendar, LeapMonthHasNoPrincipalTermAndIsTheFirstSuch_R_CAL_06) {
    const auto sector = [](Date day) {
        return static_cast<int>(sun_longitude(julian_day_number(day) - 0.5 - 7.0 / 24) / 30);
    };
    for (int y = 1900; y <= 2199; ++y) {
        const auto leap = leap_month(y);
        if (!leap) continue;
        const Date start = *to_solar(LunarDate{1, *leap, y, true});
        const Date next = add_days(start, *lunar_month_length(y, *leap, true));
        ASSERT_EQ(sector(start), sector(next)) << y;
        // The month it repeats did contain a principal term.
        const Date regular = *to_solar(LunarDate{1, *leap, y, false});
        ASSERT_NE(sector(regular), sector(start)) << y;
    }
}

}  // namespace
}  // namespace danchu::vn
