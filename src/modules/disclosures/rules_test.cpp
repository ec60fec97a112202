// Legal checks per setting, from the rule table and the working calendar (R-PUB-XA-03/04,
// R-PUB-CQ-03/04, R-PUB-DN-01), including a deadline that runs across Tết 2026
// (16–20/02/2026 off, data/holidays/2026.toml).

#include "modules/disclosures/rules.hpp"

#include <gtest/gtest.h>

#include "vn/dates.hpp"

namespace danchu::disclosures {
namespace {

using vn::make_date;

class DisclosureRules : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        rules_ = new vn::RuleTable(*vn::RuleTable::load());
        calendar_ = new vn::WorkCalendar(*vn::WorkCalendar::load());
        categories_ = new CategoryTable(*CategoryTable::load());
    }
    const Category& cat(std::string_view code) {
        const auto* c = categories_->find(code);
        EXPECT_NE(c, nullptr) << code;
        return *c;
    }
    LegalCheck check(Setting s, std::string_view code, Date decision, Date published, Date start,
                     std::optional<Date> end, std::vector<Channel> channels) {
        auto r = check_disclosure(*rules_, *calendar_, s, cat(code), decision, published, start,
                                  end, channels);
        EXPECT_TRUE(r) << (r ? "" : r.error().message_key);
        return *r;
    }
    static inline vn::RuleTable* rules_ = nullptr;
    static inline vn::WorkCalendar* calendar_ = nullptr;
    static inline CategoryTable* categories_ = nullptr;
};

TEST_F(DisclosureRules, CategoryTableHasEveryStatutoryItemWithItsSource_R_PUB_XA_01_CQ_01_DN_01) {
    const Date d = make_date(2026, 3, 2);
    EXPECT_EQ(categories_->for_setting(Setting::Commune, d).size(), 14u);
    EXPECT_EQ(categories_->for_setting(Setting::Agency, d).size(), 12u);
    EXPECT_EQ(categories_->for_setting(Setting::Enterprise, d).size(), 8u);
    for (const auto& c : categories_->all()) {
        EXPECT_FALSE(c.instrument.empty()) << c.code;
        EXPECT_FALSE(c.article.empty()) << c.code;
        EXPECT_FALSE(c.requirement.empty()) << c.code;
    }
    EXPECT_EQ(cat("xa.02").basis(),
              "Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15), Điều 11 khoản 2");
    EXPECT_EQ(cat("cq.06").requirement, "R-PUB-CQ-01");
    // Before the law took effect there was no such list.
    EXPECT_TRUE(categories_->for_setting(Setting::Agency, make_date(2023, 6, 30)).empty());
}

TEST_F(DisclosureRules, CategoryDataRejectsUnknownChannelAndDuplicateCode_R_GEN_01) {
    EXPECT_FALSE(CategoryTable::parse(R"(instrument = "L"
effective_from = 2023-07-01
[[item]]
code = "x"
setting = "agency"
title_vi = "X"
mandatory = ["pigeon"]
)"));
    EXPECT_FALSE(CategoryTable::parse(R"(instrument = "L"
effective_from = 2023-07-01
[[item]]
code = "x"
setting = "agency"
title_vi = "X"
[[item]]
code = "x"
setting = "agency"
title_vi = "Y"
)"));
}

TEST_F(DisclosureRules, AgencyPublishesWithinFiveWorkingDaysAcrossTet_R_PUB_CQ_03) {
    // Decision Thursday 12/02/2026: Friday 13/02 is day 1, Tết closes 16–20/02, so days 2–5
    // are 23–26/02.
    const Date decision = make_date(2026, 2, 12);
    auto on_time = check(Setting::Agency, "cq.06", decision, make_date(2026, 2, 26),
                         make_date(2026, 2, 26), std::nullopt, {Channel::InternalSystem});
    EXPECT_EQ(on_time.latest_publication, make_date(2026, 2, 26));
    EXPECT_FALSE(on_time.late);
    EXPECT_NE(on_time.timing_basis.find("Điều 47 khoản 2"), std::string::npos);
    EXPECT_GE(on_time.timing_skipped.size(), 5u);
    auto late = check(Setting::Agency, "cq.06", decision, make_date(2026, 2, 27),
                      make_date(2026, 2, 27), std::nullopt, {Channel::InternalSystem});
    EXPECT_TRUE(late.late);
}

TEST_F(DisclosureRules, CommunePublishesWithinFiveWorkingDays_R_PUB_XA_04) {
    const Date decision = make_date(2026, 3, 2);  // Monday
    auto c = check(Setting::Commune, "xa.02", decision, make_date(2026, 3, 9),
                   make_date(2026, 3, 9), std::nullopt, {Channel::NoticeBoard, Channel::Website});
    EXPECT_EQ(c.latest_publication, make_date(2026, 3, 9));
    EXPECT_FALSE(c.late);
    EXPECT_TRUE(check(Setting::Commune, "xa.02", decision, make_date(2026, 3, 10),
                      make_date(2026, 3, 10), std::nullopt,
                      {Channel::NoticeBoard, Channel::Website})
                    .late);
}

TEST_F(DisclosureRules, SoePublishesWithinFifteenDaysRolledPastTet_R_PUB_DN_01) {
    // 05/02/2026 + 15 days = 20/02, a Tết day off: the period ends on Monday 23/02 (BLDS Art 148).
    const Date decision = make_date(2026, 2, 5);
    auto c = check(Setting::Enterprise, "dn.05", decision, make_date(2026, 2, 23),
                   make_date(2026, 2, 23), std::nullopt, {Channel::NoticeBoard});
    EXPECT_EQ(c.latest_publication, make_date(2026, 2, 23));
    EXPECT_FALSE(c.late);
    EXPECT_TRUE(check(Setting::Enterprise, "dn.05", decision, make_date(2026, 2, 24),
                      make_date(2026, 2, 24), std::nullopt, {Channel::NoticeBoard})
                    .late);
}

TEST_F(DisclosureRules, AgencyPostsAtLeastTwentyConsecutiveDays_R_PUB_CQ_04) {
    const Date start = make_date(2026, 3, 2);
    auto ok = check(Setting::Agency, "cq.03", start, start, start, make_date(2026, 3, 22),
                    {Channel::InternalSystem});
    EXPECT_EQ(ok.minimum_posting_end, make_date(2026, 3, 22));  // a Sunday: minimums are not rolled
    EXPECT_FALSE(ok.short_posting);
    auto early = check(Setting::Agency, "cq.03", start, start, start, make_date(2026, 3, 21),
                       {Channel::InternalSystem});
    EXPECT_TRUE(early.short_posting);
}

TEST_F(DisclosureRules, CommunePostsThirtyDaysAndItemsFourAndThirteenPermanently_R_PUB_XA_03) {
    const Date start = make_date(2026, 3, 2);
    auto budget = check(Setting::Commune, "xa.02", start, start, start, make_date(2026, 4, 1),
                        {Channel::NoticeBoard, Channel::Website});
    EXPECT_EQ(budget.minimum_posting_end, make_date(2026, 4, 1));
    EXPECT_FALSE(budget.short_posting);
    EXPECT_TRUE(check(Setting::Commune, "xa.02", start, start, start, make_date(2026, 3, 31),
                      {Channel::NoticeBoard, Channel::Website})
                    .short_posting);
    for (auto code : {"xa.04", "xa.13"}) {
        auto permanent = check(Setting::Commune, code, start, start, start, std::nullopt,
                               {Channel::NoticeBoard, Channel::Website});
        EXPECT_TRUE(permanent.permanent);
        EXPECT_FALSE(permanent.short_posting);
        EXPECT_TRUE(check(Setting::Commune, code, start, start, start, make_date(2027, 1, 1),
                          {Channel::NoticeBoard, Channel::Website})
                        .short_posting)
            << code << ": any end of a permanent posting is early";
    }
}

TEST_F(DisclosureRules, CommuneLoudspeakerAtLeastThreeDaysForItemsSevenToTwelve_R_PUB_XA_03) {
    const Date start = make_date(2026, 3, 2);
    auto c = check(Setting::Commune, "xa.07", start, start, start, std::nullopt,
                   {Channel::NoticeBoard, Channel::Website, Channel::Loudspeaker});
    ASSERT_TRUE(c.loudspeaker_minimum_end);
    EXPECT_EQ(*c.loudspeaker_minimum_end, make_date(2026, 3, 5));
    EXPECT_NE(c.loudspeaker_basis.find("Điều 13 khoản 3"), std::string::npos);
    auto no_loud = check(Setting::Commune, "xa.02", start, start, start, std::nullopt,
                         {Channel::NoticeBoard, Channel::Website, Channel::Loudspeaker});
    EXPECT_FALSE(no_loud.loudspeaker_minimum_end) << "item 2 is not a loudspeaker item";
}

TEST_F(DisclosureRules, MissingMandatoryChannelIsFlagged_R_PUB_XA_03_CQ_04) {
    const Date d = make_date(2026, 3, 2);
    auto commune = check(Setting::Commune, "xa.07", d, d, d, std::nullopt, {Channel::Loudspeaker});
    EXPECT_EQ(commune.missing_channels,
              (std::vector<Channel>{Channel::NoticeBoard, Channel::Website}));
    EXPECT_TRUE(commune.channels_incomplete());
    auto agency =
        check(Setting::Agency, "cq.06", d, d, d, std::nullopt, {Channel::StaffConference});
    EXPECT_TRUE(agency.missing_any_of);
    auto agency_ok = check(Setting::Agency, "cq.06", d, d, d, std::nullopt,
                           {Channel::StaffConference, Channel::WrittenNotice});
    EXPECT_FALSE(agency_ok.channels_incomplete());
    EXPECT_EQ(default_channels(cat("cq.06")), std::vector<Channel>{Channel::InternalSystem});
    EXPECT_EQ(default_channels(cat("xa.01")),
              (std::vector<Channel>{Channel::NoticeBoard, Channel::Website}));
}

TEST_F(DisclosureRules, ChannelNamesRoundTripAndUnknownNamesAreRefused) {
    auto cs = parse_channels("notice_board,website,notice_board");
    ASSERT_TRUE(cs);
    EXPECT_EQ(join_channels(*cs), "notice_board,website");
    EXPECT_FALSE(parse_channels("notice_board,<script>"));
}

TEST_F(DisclosureRules, BeforeTheLawTookEffectNoTimingRuleIsInForceAndNothingIsFlagged) {
    // A 2021 disclosure (former regime, Nghị định 04/2015/NĐ-CP, not in the rule table): even
    // published a year after the decision, for one day, through no mandatory channel, nothing is
    // computed under the 2022 law.
    auto c = check(Setting::Agency, "cq.03", make_date(2021, 1, 8), make_date(2022, 1, 12),
                   make_date(2022, 1, 12), make_date(2022, 1, 13), {Channel::Other});
    EXPECT_FALSE(c.rules_in_force);
    EXPECT_FALSE(c.late);
    EXPECT_FALSE(c.short_posting);
    EXPECT_FALSE(c.channels_incomplete());
    EXPECT_FALSE(c.minimum_posting_end);
    EXPECT_TRUE(c.timing_basis.empty());
    // The day the law took effect, its rules apply.
    auto in_force = check(Setting::Agency, "cq.03", make_date(2023, 7, 3), make_date(2023, 7, 20),
                          make_date(2023, 7, 20), std::nullopt, {Channel::Other});
    EXPECT_TRUE(in_force.rules_in_force);
    EXPECT_TRUE(in_force.late);
    EXPECT_TRUE(in_force.channels_incomplete());
}

}  // namespace
}  // namespace danchu::disclosures
