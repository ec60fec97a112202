// Working days and holidays: R-CAL-01..03a, BLLĐ 2019 Art 111–112.

#include "vn/calendar.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "vn/dates.hpp"
#include "vn/lunar.hpp"

namespace danchu::vn {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

const WorkCalendar& standard() {
    static const WorkCalendar calendar = *WorkCalendar::load();
    return calendar;
}

void expect_off(Date from, Date to) {
    for (int n = day_number(from); n <= day_number(to); ++n) {
        EXPECT_FALSE(standard().is_working_day(from_day_number(n))) << iso(from_day_number(n));
    }
}

TEST(Holidays, ShippedDataCovers2020To2026WithSources_R_CAL_03) {
    for (int y = 2020; y <= 2026; ++y) {
        SCOPED_TRACE(y);
        const auto h = standard().holidays(y);
        EXPECT_NE(h.status, YearStatus::RuleBased);
        EXPECT_FALSE(h.decision.empty());
        EXPECT_GE(h.days.size(), 9u);
        for (const auto& day : h.days) {
            EXPECT_FALSE(day.source.empty()) << iso(day.date);
            EXPECT_FALSE(day.name_vi.empty()) << iso(day.date);
            EXPECT_EQ(static_cast<int>(day.date.year()), y);
        }
    }
}

TEST(Holidays, StatutoryDaysAreOffInEveryDataYear_R_CAL_02) {
    for (int y = 2020; y <= 2026; ++y) {
        SCOPED_TRACE(y);
        EXPECT_FALSE(standard().is_working_day(d(y, 1, 1)));
        EXPECT_FALSE(standard().is_working_day(tet(y)));
        EXPECT_FALSE(standard().is_working_day(*to_solar(LunarDate{10, 3, y, false})));
        EXPECT_FALSE(standard().is_working_day(d(y, 4, 30)));
        EXPECT_FALSE(standard().is_working_day(d(y, 5, 1)));
        EXPECT_FALSE(standard().is_working_day(d(y, 9, 2)));
    }
}

TEST(Holidays, Tet2023Off20To26January_R_CAL_03a) {
    expect_off(d(2023, 1, 20), d(2023, 1, 26));
    EXPECT_TRUE(standard().is_working_day(d(2023, 1, 19)));
    EXPECT_TRUE(standard().is_working_day(d(2023, 1, 27)));
}

TEST(Holidays, Tet2025Off25JanuaryTo2February_R_CAL_03a) {
    expect_off(d(2025, 1, 25), d(2025, 2, 2));
    EXPECT_TRUE(standard().is_working_day(d(2025, 1, 24)));
    EXPECT_TRUE(standard().is_working_day(d(2025, 2, 3)));
    const auto h = standard().holidays(2025);
    EXPECT_NE(h.decision.find("8726/VPCP-KGVX"), std::string::npos);
}

TEST(Holidays, NewYear2026OffThursdayToSundayBySwap_R_CAL_03a) {
    expect_off(d(2026, 1, 1), d(2026, 1, 4));
    EXPECT_TRUE(standard().is_working_day(d(2026, 1, 5)));
    const auto swap = standard().special_day(d(2026, 1, 2));
    ASSERT_TRUE(swap);
    EXPECT_EQ(swap->kind, SpecialDayKind::Swap);
}

TEST(Holidays, Tet2026Off14To22February_R_CAL_03a) {
    expect_off(d(2026, 2, 14), d(2026, 2, 22));
    EXPECT_TRUE(standard().is_working_day(d(2026, 2, 13)));
    EXPECT_TRUE(standard().is_working_day(d(2026, 2, 23)));
}

TEST(Holidays, MakeUpSaturdayIsAWorkingDay_R_CAL_03) {
    EXPECT_EQ(weekday_index(d(2024, 5, 4)), 6);
    EXPECT_TRUE(standard().is_working_day(d(2024, 5, 4)));
    EXPECT_FALSE(standard().is_working_day(d(2024, 4, 29)));  // the swapped Monday
}

TEST(Holidays, CompensatoryDayAfterHolidayOnRestDay_BLLD_Art111_3) {
    // 01/01/2022 was a Saturday: Monday 03/01/2022 was off.
    EXPECT_FALSE(standard().is_working_day(d(2022, 1, 3)));
    EXPECT_EQ(standard().special_day(d(2022, 1, 3))->kind, SpecialDayKind::Compensatory);
}

TEST(Holidays, RuleBasedFallbackForYearsWithoutDecision_R_CAL_02) {
    const auto h = standard().holidays(2030);
    EXPECT_EQ(h.status, YearStatus::RuleBased);
    for (const auto& day : h.days) EXPECT_TRUE(day.estimated);
    // Tết 2030 (02/02): the last day of the old year and days 1–4 are off.
    expect_off(d(2030, 2, 1), d(2030, 2, 5));
    EXPECT_FALSE(standard().is_working_day(d(2030, 4, 12)));  // Giỗ Tổ 2030
    // 02/09/2030 is a Monday: the adjacent day is Tuesday 03/09.
    EXPECT_FALSE(standard().is_working_day(d(2030, 9, 3)));
    EXPECT_TRUE(standard().is_working_day(d(2030, 9, 4)));
}

TEST(Holidays, RuleBasedYearsHaveElevenHolidaysAndValidCompensations_R_CAL_02) {
    const auto rest = WeeklyRest::saturday_sunday();
    for (int y = 2027; y <= 2199; ++y) {
        const auto h = rule_based_holidays(y, rest);
        int holidays = 0;
        for (const auto& day : h.days) {
            if (day.kind == SpecialDayKind::Holiday) ++holidays;
            if (day.kind == SpecialDayKind::Compensatory) {
                ASSERT_FALSE(rest.is_rest(weekday_index(day.date))) << iso(day.date);
            }
        }
        ASSERT_EQ(holidays, 11) << y;  // 1 + 5 + 1 + 1 + 1 + 2 (BLLĐ 2019 Art 112.1)
        ASSERT_EQ(h.days.front().date, d(y, 1, 1));
    }
}

TEST(WorkCalendar, WeekendsAreRestDaysByDefault_R_CAL_01) {
    EXPECT_FALSE(standard().is_working_day(d(2025, 3, 8)));  // Saturday
    EXPECT_FALSE(standard().is_working_day(d(2025, 3, 9)));  // Sunday
    EXPECT_TRUE(standard().is_working_day(d(2025, 3, 10)));
}

TEST(WorkCalendar, WeeklyRestIsConfigurablePerOrganisation_R_CAL_01) {
    const auto calendar = WorkCalendar::load(DataSource{}, WeeklyRest::sunday_only());
    ASSERT_TRUE(calendar);
    EXPECT_TRUE(calendar->is_working_day(d(2025, 3, 8)));
    EXPECT_FALSE(calendar->is_working_day(d(2025, 3, 9)));
    const auto parsed = WeeklyRest::parse("fri,sat");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->is_rest(5));
    EXPECT_FALSE(parsed->is_rest(0));
    EXPECT_FALSE(WeeklyRest::parse("saturday"));
}

TEST(WorkCalendar, DataDirectoryOverridesAYear) {
    const auto dir = std::filesystem::temp_directory_path() / "danchu_vn_calendar_test";
    std::filesystem::create_directories(dir / "holidays");
    {
        std::ofstream out{dir / "holidays" / "2027.toml"};
        out << "year = 2027\nstatus = \"decided\"\ndecision = \"Test decision\"\n"
               "[[day]]\ndate = 2027-03-03\nkind = \"holiday\"\nname_vi = \"Ngày thử\"\n"
               "source = \"Quyết định thử\"\n";
    }
    const auto calendar = WorkCalendar::load(DataSource{dir});
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(calendar);
    EXPECT_EQ(calendar->holidays(2027).status, YearStatus::Decided);
    EXPECT_FALSE(calendar->is_working_day(d(2027, 3, 3)));
    // Embedded years are still there.
    EXPECT_FALSE(calendar->is_working_day(d(2025, 1, 27)));
}

TEST(WorkCalendar, BadHolidayFileIsRejectedWithItsName) {
    const auto dir = std::filesystem::temp_directory_path() / "danchu_vn_calendar_bad";
    std::filesystem::create_directories(dir / "holidays");
    {
        std::ofstream out{dir / "holidays" / "2028.toml"};
        out << "year = 2028\n[[day]]\ndate = 2028-01-01\nname_vi = \"Tết\"\n";  // no source
    }
    const auto calendar = WorkCalendar::load(DataSource{dir});
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(calendar);
    EXPECT_NE(calendar.error().detail.find("2028.toml"), std::string::npos);
}

TEST(WorkCalendar, ParseRejectsDayOutsideItsYear) {
    EXPECT_FALSE(
        parse_holiday_year("year = 2025\n[[day]]\ndate = 2024-12-31\nname_vi = \"x\"\n"
                           "source = \"y\"\n"));
    EXPECT_FALSE(parse_holiday_year("not toml ["));
}

}  // namespace
}  // namespace danchu::vn
