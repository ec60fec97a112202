// Deadlines: BLDS 2015 Art 147–148 (R-CAL-05) and the rule table (R-GEN-01, legal-spec §4.1–4.7).

#include "vn/deadline.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "vn/dates.hpp"
#include "vn/lunar.hpp"

namespace danchu::vn {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

const WorkCalendar& standard() {
    static const WorkCalendar calendar = *WorkCalendar::load();
    return calendar;
}

const RuleTable& rules() {
    static const RuleTable table = *RuleTable::load();
    return table;
}

// The naive reference: walk day by day.
Date naive(Date event, int n, Unit unit, const WorkCalendar& cal) {
    Date day = event;
    if (unit == Unit::WorkingDays) {
        for (int counted = 0; counted < n;) {
            day = add_days(day, 1);
            if (cal.is_working_day(day)) ++counted;
        }
        return day;
    }
    for (int i = 0; i < n; ++i) day = add_days(day, 1);
    while (!cal.is_working_day(day)) day = add_days(day, 1);
    return day;
}

TEST(Deadline, FiveWorkingDaysFromFriday_R_CAL_05) {
    // legal-spec §5: a decision of Friday 04/11/2022 with "≤ 5 WD" → Friday 11/11/2022.
    EXPECT_EQ(deadline(d(2022, 11, 4), 5, Unit::WorkingDays, standard()).date, d(2022, 11, 11));
}

TEST(Deadline, CalendarPeriodEndingInTetRollsToNextWorkingDay_R_CAL_05) {
    // legal-spec §5: 30 CD from Monday 03/01/2022 ends 02/02/2022, inside the Tết 2022 break
    // (29/01–06/02/2022) → Monday 07/02/2022.
    const auto r = deadline(d(2022, 1, 3), 30, Unit::CalendarDays, standard());
    EXPECT_EQ(r.nominal, d(2022, 2, 2));
    EXPECT_EQ(r.date, d(2022, 2, 7));
    EXPECT_EQ(r.skipped.size(), 5u);
    EXPECT_EQ(r.basis, "Bộ luật Dân sự 2015, Điều 147–148");
}

TEST(Deadline, EventDayIsNotCounted_BLDS_Art147) {
    EXPECT_EQ(deadline(d(2025, 3, 10), 1, Unit::CalendarDays, standard()).date, d(2025, 3, 11));
    EXPECT_EQ(deadline(d(2025, 3, 10), 1, Unit::WorkingDays, standard()).date, d(2025, 3, 11));
    EXPECT_EQ(deadline(d(2025, 3, 14), 1, Unit::WorkingDays, standard()).date, d(2025, 3, 17));
}

TEST(Deadline, WorkingDaysSkipTet2025AndReportSkippedDays_R_CAL_05) {
    // Friday 24/01/2025, 3 WD: the break 25/01–02/02 is skipped → Wednesday 05/02/2025.
    const auto r = deadline(d(2025, 1, 24), 3, Unit::WorkingDays, standard());
    EXPECT_EQ(r.date, d(2025, 2, 5));
    EXPECT_EQ(r.skipped.size(), 9u);
    EXPECT_EQ(r.skipped.front(), d(2025, 1, 25));
}

TEST(Deadline, MonthsEndOnTheSameDayOrTheMonthsLastDay_BLDS_Art147) {
    EXPECT_EQ(deadline(d(2025, 1, 31), 1, Unit::Months, standard(), Roll::None).date,
              d(2025, 2, 28));
    EXPECT_EQ(deadline(d(2024, 1, 31), 1, Unit::Months, standard(), Roll::None).date,
              d(2024, 2, 29));
    // 31/12/2024 + 3 months = 31/03/2025, a Monday.
    EXPECT_EQ(deadline(d(2024, 12, 31), 3, Unit::Months, standard()).date, d(2025, 3, 31));
    // 30/11/2025 + 3 months = 28/02/2026, a Saturday → Monday 02/03/2026.
    EXPECT_EQ(deadline(d(2025, 11, 30), 3, Unit::Months, standard()).date, d(2026, 3, 2));
}

TEST(Deadline, MinimumDurationsAreNotRolled) {
    // 30 days of posting from Thursday 02/01/2025 end on Saturday 01/02/2025 (in Tết).
    EXPECT_EQ(deadline(d(2025, 1, 2), 30, Unit::CalendarDays, standard(), Roll::None).date,
              d(2025, 2, 1));
}

TEST(Deadline, LatestBeforeCountsBackAndRollsToEarlierWorkingDay) {
    // 5 WD before Monday 10/03/2025 → Monday 03/03/2025.
    EXPECT_EQ(latest_before(d(2025, 3, 10), 5, Unit::WorkingDays, standard()).date, d(2025, 3, 3));
    // 2 days before Tuesday 04/02/2025 is Sunday 02/02 (Tết break) → Friday 24/01/2025.
    EXPECT_EQ(latest_before(d(2025, 2, 4), 2, Unit::CalendarDays, standard()).date, d(2025, 1, 24));
}

TEST(Deadline, MatchesNaiveDayByDayReferenceOnRandomDates_R_CAL_05) {
    std::mt19937 random{20250101};
    std::uniform_int_distribution<int> day(day_number(d(2019, 1, 1)), day_number(d(2031, 12, 31)));
    std::uniform_int_distribution<int> length(0, 90);
    for (int i = 0; i < 5000; ++i) {
        const Date event = from_day_number(day(random));
        const int n = length(random);
        for (Unit unit : {Unit::CalendarDays, Unit::WorkingDays}) {
            ASSERT_EQ(deadline(event, n, unit, standard()).date, naive(event, n, unit, standard()))
                << iso(event) << " + " << n << " " << to_string(unit);
        }
    }
}

TEST(Deadline, MatchesNaiveReferenceAroundEveryTet2020To2035_R_CAL_05) {
    for (int y = 2020; y <= 2035; ++y) {
        const Date tet_day = tet(y);
        for (int offset = -20; offset <= 60; ++offset) {
            const Date event = add_days(tet_day, offset);
            for (int n : {1, 3, 5, 7, 10, 15, 30, 45}) {
                for (Unit unit : {Unit::CalendarDays, Unit::WorkingDays}) {
                    ASSERT_EQ(deadline(event, n, unit, standard()).date,
                              naive(event, n, unit, standard()))
                        << iso(event) << " + " << n << " " << to_string(unit);
                }
            }
        }
    }
}

TEST(Deadline, ResultIsAlwaysAWorkingDay) {
    std::mt19937 random{7};
    std::uniform_int_distribution<int> day(day_number(d(1990, 1, 1)), day_number(d(2100, 1, 1)));
    for (int i = 0; i < 3000; ++i) {
        const Date event = from_day_number(day(random));
        ASSERT_TRUE(standard().is_working_day(
            deadline(event, i % 40, Unit::CalendarDays, standard()).date));
    }
}

// --- Rule table: one test per row, expectations typed from legal-spec §4.1–4.7. ---

struct Expected {
    const char* name;
    int amount;
    Unit unit;
    Direction direction;
    const char* instrument_part;  // must appear in the instrument
    const char* article;
    const char* requirement;
};

constexpr Unit CD = Unit::CalendarDays;
constexpr Unit WD = Unit::WorkingDays;
constexpr Unit MO = Unit::Months;
constexpr Direction AFTER = Direction::After;
constexpr Direction BEFORE = Direction::Before;

const Expected kExpected[] = {
    {"disclosure.commune.timing", 5, WD, AFTER, "10/2022/QH15", "Điều 12 khoản 3", "R-PUB-XA-04"},
    {"disclosure.commune.posting", 30, CD, AFTER, "10/2022/QH15", "Điều 13 khoản 2", "R-PUB-XA-03"},
    {"disclosure.commune.loudspeaker", 3, CD, AFTER, "10/2022/QH15", "Điều 13 khoản 3",
     "R-PUB-XA-03"},
    {"initiative.consent.validity", 3, MO, AFTER, "10/2022/QH15", "Điều 16", "R-DEC-XA-02"},
    {"community_meeting.notice", 2, CD, BEFORE, "59/2023/NĐ-CP", "Điều 3", "R-DEC-XA-04"},
    {"community_meeting.documents", 2, CD, BEFORE, "59/2023/NĐ-CP", "Điều 3", "R-DEC-XA-04"},
    {"community_meeting.decision_report", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 3", "R-DEC-XA-04"},
    {"household_ballot.plan_report", 2, CD, AFTER, "59/2023/NĐ-CP", "Điều 4", "R-DEC-XA-05"},
    {"household_ballot.notice", 2, CD, BEFORE, "59/2023/NĐ-CP", "Điều 4", "R-DEC-XA-05"},
    {"household_ballot.decision_report", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 4", "R-DEC-XA-05"},
    {"online_vote.decision_report", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 5", "R-DEC-XA-06"},
    {"community_decision.recognition", 5, WD, AFTER, "10/2022/QH15", "Điều 21", "R-DEC-XA-07"},
    {"village_head.election_plan", 20, CD, BEFORE, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"village_head.election_team", 10, CD, BEFORE, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"village_head.announcement", 7, CD, BEFORE, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"village_head.candidate_list", 15, CD, BEFORE, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"village_head.recognition", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"village_head.new_election", 60, CD, AFTER, "59/2023/NĐ-CP", "Điều 6–9", "R-DEC-XA-11"},
    {"covenant.draft_posting", 30, CD, AFTER, "61/2023/NĐ-CP", "(điều chưa đối chiếu)",
     "R-DEC-XA-12"},
    {"covenant.recognition_dossier", 5, WD, AFTER, "61/2023/NĐ-CP", "(điều chưa đối chiếu)",
     "R-DEC-XA-12"},
    {"covenant.recognition", 5, WD, AFTER, "61/2023/NĐ-CP", "(điều chưa đối chiếu)", "R-DEC-XA-12"},
    {"consultation.commune.duration", 20, CD, AFTER, "10/2022/QH15", "Điều 28 khoản 2",
     "R-CON-XA-03"},
    {"annual_community_meeting.notice", 5, CD, BEFORE, "59/2023/NĐ-CP", "Điều 10–11",
     "R-SUP-XA-03"},
    {"bttnd.commune.inspection_notice", 5, WD, BEFORE, "59/2023/NĐ-CP", "Điều 12–15",
     "R-SUP-XA-06"},
    {"bttnd.commune.answer", 15, CD, AFTER, "10/2022/QH15", "Điều 36–40", "R-SUP-XA-06"},
    {"gsdtcd.supervision_notice", 45, CD, BEFORE, "59/2023/NĐ-CP", "Điều 16–19", "R-SUP-XA-07"},
    {"gsdtcd.answer", 15, CD, AFTER, "10/2022/QH15", "Điều 41–45", "R-SUP-XA-07"},
    {"disclosure.agency.timing", 5, WD, AFTER, "10/2022/QH15", "Điều 47 khoản 2", "R-PUB-CQ-03"},
    {"disclosure.agency.posting", 20, CD, AFTER, "10/2022/QH15", "Điều 48 khoản 1–2",
     "R-PUB-CQ-04"},
    {"staff_conference.agency.held_by", 3, MO, AFTER, "10/2022/QH15", "Điều 51", "R-HN-CQ-01"},
    {"staff_conference.agency.review", 6, MO, AFTER, "10/2022/QH15", "Điều 52 khoản 3",
     "R-HN-CQ-01"},
    {"bttnd.agency.recognition", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 20–23", "R-BTTND-CQ-01"},
    {"bttnd.agency.inspection_notice", 5, WD, BEFORE, "59/2023/NĐ-CP", "Điều 20–23",
     "R-BTTND-CQ-01"},
    {"bttnd.agency.answer", 15, CD, AFTER, "10/2022/QH15", "Điều 60–63", "R-BTTND-CQ-01"},
    {"disclosure.soe.timing", 15, CD, AFTER, "10/2022/QH15", "Điều 65 khoản 2", "R-PUB-DN-01"},
    {"disclosure.soe.posting", 20, CD, AFTER, "10/2022/QH15", "Điều 66", "R-PUB-DN-01"},
    {"workers_conference.soe.held_by", 3, MO, AFTER, "10/2022/QH15", "Điều 67–69", "R-DEC-DN-01"},
    {"workers_conference.soe.review", 6, MO, AFTER, "10/2022/QH15", "Điều 70 khoản 3",
     "R-DEC-DN-01"},
    {"bttnd.soe.recognition", 5, WD, AFTER, "59/2023/NĐ-CP", "Điều 24–27", "R-BTTND-DN-01"},
    {"bttnd.soe.inspection_notice", 5, WD, BEFORE, "59/2023/NĐ-CP", "Điều 24–27", "R-BTTND-DN-01"},
    {"bttnd.soe.answer", 15, CD, AFTER, "10/2022/QH15", "Điều 75–81", "R-BTTND-DN-01"},
    {"workplace_dialogue.agenda", 5, WD, BEFORE, "145/2020/NĐ-CP", "Điều 37–41", "R-DN-PRIV-02"},
    {"workplace_dialogue.publication", 3, WD, AFTER, "145/2020/NĐ-CP", "Điều 37–41",
     "R-DN-PRIV-02"},
    {"workplace_dialogue.request_reply", 5, WD, AFTER, "145/2020/NĐ-CP", "Điều 37–41",
     "R-DN-PRIV-02"},
    {"complaint.limitation", 90, CD, AFTER, "02/2011/QH13", "Điều 9", "R-KN-01"},
    {"complaint.acceptance", 10, CD, AFTER, "02/2011/QH13", "Điều 27", "R-KN-02"},
    {"complaint.acceptance.working_days", 10, WD, AFTER, "07/2013/TT-TTCP", "Điều 5", "R-KN-02"},
    {"complaint.first_instance", 30, CD, AFTER, "02/2011/QH13", "Điều 28", "R-KN-03"},
    {"complaint.first_instance.complex", 45, CD, AFTER, "02/2011/QH13", "Điều 28", "R-KN-03"},
    {"complaint.first_instance.remote", 45, CD, AFTER, "02/2011/QH13", "Điều 28", "R-KN-03"},
    {"complaint.first_instance.remote_complex", 60, CD, AFTER, "02/2011/QH13", "Điều 28",
     "R-KN-03"},
    {"complaint.first_decision.delivery", 3, WD, AFTER, "02/2011/QH13", "Điều 32", "R-KN-03"},
    {"complaint.second.lodging", 30, CD, AFTER, "02/2011/QH13", "Điều 33", "R-KN-04"},
    {"complaint.second.lodging.remote", 45, CD, AFTER, "02/2011/QH13", "Điều 33", "R-KN-04"},
    {"complaint.second_instance", 45, CD, AFTER, "02/2011/QH13", "Điều 37", "R-KN-04"},
    {"complaint.second_instance.complex", 60, CD, AFTER, "02/2011/QH13", "Điều 37", "R-KN-04"},
    {"complaint.second_instance.remote", 60, CD, AFTER, "02/2011/QH13", "Điều 37", "R-KN-04"},
    {"complaint.second_instance.remote_complex", 70, CD, AFTER, "02/2011/QH13", "Điều 37",
     "R-KN-04"},
    {"discipline_complaint.limitation", 15, CD, AFTER, "02/2011/QH13", "Điều 48–51", "R-KN-05"},
    {"discipline_complaint.second.lodging", 10, CD, AFTER, "02/2011/QH13", "Điều 48–51", "R-KN-05"},
    {"discipline_complaint.second.lodging.dismissal", 30, CD, AFTER, "02/2011/QH13", "Điều 48–51",
     "R-KN-05"},
    {"discipline_complaint.acceptance", 10, CD, AFTER, "02/2011/QH13", "Điều 48–51", "R-KN-05"},
    {"discipline_complaint.resolution", 30, CD, AFTER, "02/2011/QH13", "Điều 48–51", "R-KN-05"},
    {"discipline_complaint.resolution.complex", 45, CD, AFTER, "02/2011/QH13", "Điều 48–51",
     "R-KN-05"},
    {"denunciation.intake", 7, WD, AFTER, "25/2018/QH14", "Điều 24", "R-TC-02"},
    {"denunciation.intake.extended", 10, WD, AFTER, "25/2018/QH14", "Điều 24", "R-TC-02"},
    {"denunciation.forwarding", 5, WD, AFTER, "25/2018/QH14", "Điều 24", "R-TC-02"},
    {"denunciation.acceptance_notice", 5, WD, AFTER, "25/2018/QH14", "Điều 29", "R-TC-04"},
    {"denunciation.resolution", 30, CD, AFTER, "25/2018/QH14", "Điều 30", "R-TC-05"},
    {"denunciation.extension", 30, CD, AFTER, "25/2018/QH14", "Điều 30", "R-TC-05"},
    {"denunciation.publication", 7, WD, AFTER, "25/2018/QH14", "Điều 40", "R-TC-06"},
    {"reception.schedule_posting", 5, WD, BEFORE, "42/2013/QH13", "Điều 24", "R-TCD-02"},
    {"reception.answer", 10, WD, AFTER, "42/2013/QH13", "Điều 28", "R-TCD-03"},
    {"feedback.forwarding", 5, WD, AFTER, "20/2008/NĐ-CP", "(điều chưa đối chiếu)", "R-PAKN-01"},
    {"information.in_person.complex", 10, WD, AFTER, "104/2016/QH13", "Điều 29", "R-INF-01"},
    {"information.in_person.extension", 10, WD, AFTER, "104/2016/QH13", "Điều 29", "R-INF-01"},
    {"information.electronic.simple", 3, WD, AFTER, "104/2016/QH13", "Điều 30", "R-INF-01"},
    {"information.electronic.complex_notice", 3, WD, AFTER, "104/2016/QH13", "Điều 30", "R-INF-01"},
    {"information.electronic.complex", 15, WD, AFTER, "104/2016/QH13", "Điều 30", "R-INF-01"},
    {"information.electronic.extension", 15, WD, AFTER, "104/2016/QH13", "Điều 30", "R-INF-01"},
    {"information.post.simple", 5, WD, AFTER, "104/2016/QH13", "Điều 31", "R-INF-01"},
    {"information.post.complex", 15, WD, AFTER, "104/2016/QH13", "Điều 31", "R-INF-01"},
};

class RuleRow : public testing::TestWithParam<Expected> {};

TEST_P(RuleRow, MatchesLegalSpecAndCountsLikeTheReference) {
    const Expected& e = GetParam();
    // An event on a date when every rule is in force, just before Tết 2026.
    const Date event = d(2026, 2, 10);
    const auto found = rules().find(e.name, event);
    ASSERT_TRUE(found) << e.name;
    const Rule& r = **found;
    EXPECT_EQ(r.amount, e.amount);
    EXPECT_EQ(r.unit, e.unit);
    EXPECT_EQ(r.direction, e.direction);
    EXPECT_NE(r.instrument.find(e.instrument_part), std::string::npos) << r.instrument;
    EXPECT_EQ(r.article, e.article);
    EXPECT_EQ(r.requirement, e.requirement);
    EXPECT_FALSE(r.title_vi.empty());
    EXPECT_EQ(r.basis(), r.instrument + ", " + r.article);

    const Deadline result = apply(r, event, standard());
    EXPECT_EQ(result.basis, r.basis());
    if (r.direction == Direction::After && r.unit != Unit::Months) {
        if (r.roll == Roll::ToWorkingDay) {
            EXPECT_EQ(result.date, naive(event, r.amount, r.unit, standard()));
        } else {
            EXPECT_EQ(result.date, add_days(event, r.amount));
        }
    }
    if (r.direction == Direction::Before) {
        EXPECT_LT(day_number(result.date), day_number(event));
        EXPECT_TRUE(standard().is_working_day(result.date));
    }
}

std::string row_name(const testing::TestParamInfo<Expected>& info) {
    std::string name = info.param.name;
    for (char& c : name) {
        if (c == '.') c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(RuleTable, RuleRow, testing::ValuesIn(kExpected), row_name);

TEST(RuleTable, EveryRowHasAnExpectationAndABasis_R_GEN_01) {
    std::set<std::string> expected;
    for (const auto& e : kExpected) expected.insert(e.name);
    std::set<std::string> seen;
    for (const auto& r : rules().rules()) {
        EXPECT_TRUE(expected.contains(r.name)) << "row without a test: " << r.name;
        EXPECT_FALSE(r.instrument.empty());
        EXPECT_FALSE(r.article.empty());
        seen.insert(r.name);
    }
    EXPECT_EQ(seen, expected);
}

TEST(RuleTable, RulesApplyOnlyFromTheirEffectiveDate_R_GEN_01) {
    // Law 10/2022 is in force from 01/7/2023.
    EXPECT_TRUE(rules().find("disclosure.commune.timing", d(2023, 7, 1)));
    const auto before = rules().find("disclosure.commune.timing", d(2023, 6, 30));
    ASSERT_FALSE(before);
    EXPECT_EQ(before.error().message_key, "vn.error.rule_not_in_force");
    const auto unknown = rules().find("no.such.rule", d(2025, 1, 1));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(unknown.error().message_key, "vn.error.unknown_rule");
}

TEST(RuleTable, VersionsAreChosenByEventDate_R_GEN_01) {
    const auto table = RuleTable::parse(R"(
[[rule]]
name = "x"
amount = 10
unit = "cd"
instrument = "Old law"
article = "Điều 1"
effective_from = 2020-01-01
effective_to = 2026-06-30
[[rule]]
name = "x"
amount = 7
unit = "wd"
instrument = "New law"
article = "Điều 2"
effective_from = 2026-07-01
)");
    ASSERT_TRUE(table);
    EXPECT_EQ((*table->find("x", d(2026, 6, 30)))->amount, 10);
    EXPECT_EQ((*table->find("x", d(2026, 7, 1)))->amount, 7);
    EXPECT_FALSE(table->find("x", d(2019, 12, 31)));
}

TEST(RuleTable, RejectsMalformedRows) {
    EXPECT_FALSE(
        RuleTable::parse("[[rule]]\nname = \"x\"\namount = 5\nunit = \"days\"\n"
                         "instrument = \"a\"\narticle = \"b\"\n"
                         "effective_from = 2020-01-01\n"));
    EXPECT_FALSE(RuleTable::parse("[[rule]]\nname = \"x\"\namount = 5\nunit = \"cd\"\n"));
    EXPECT_FALSE(RuleTable::parse("garbage ="));
}

TEST(RuleTable, ComplaintFirstInstanceOverTet2025_R_KN_03) {
    // Accepted Friday 27/12/2024: 30 CD → Sunday 26/01/2025, in the Tết break → Monday 03/02/2025.
    const auto r = rules().find("complaint.first_instance", d(2024, 12, 27));
    ASSERT_TRUE(r);
    const auto result = apply(**r, d(2024, 12, 27), standard());
    EXPECT_EQ(result.date, d(2025, 2, 3));
    EXPECT_EQ(result.basis, "Luật Khiếu nại 2011 (02/2011/QH13), Điều 28");
}

}  // namespace
}  // namespace danchu::vn
