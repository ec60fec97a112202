// The pure rules: every transition the state machine refuses, with its message, and every
// deadline rule the cases module uses, across a weekend and across Tết Bính Ngọ 2026
// (14/02–22/02/2026). The expected dates are what `danchu vn deadline --rule NAME --from
// DATE` prints for the same rule and date.

#include "modules/cases/rules.hpp"

#include <gtest/gtest.h>

#include <set>

namespace danchu::cases {
namespace {

using namespace std::chrono;
using S = CaseStatus;
using K = CaseKind;

Date d(int y, unsigned m, unsigned day) { return year{y} / month{m} / std::chrono::day{day}; }

class Rules : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        rules_ = new vn::RuleTable(*vn::RuleTable::load());
        calendar_ = new vn::WorkCalendar(*vn::WorkCalendar::load());
    }
    static void TearDownTestSuite() {
        delete rules_;
        delete calendar_;
    }
    static vn::RuleTable* rules_;
    static vn::WorkCalendar* calendar_;
};
vn::RuleTable* Rules::rules_ = nullptr;
vn::WorkCalendar* Rules::calendar_ = nullptr;

// The legal moves, per kind; everything else must be refused.
bool legal(K kind, S from, S to) {
    const bool verify = kind == K::Complaint || kind == K::DisciplineComplaint ||
                        kind == K::Denunciation || kind == K::AnonymousReport;
    if (kind == K::Unclassified) return false;
    switch (from) {
        case S::Received:
            return to == S::Accepted || to == S::Forwarded ||
                   (to == S::Refused && kind != K::AnonymousReport);
        case S::Accepted:
            return false;  // only through assign()
        case S::Assigned:
            return to == S::Verifying || (to == S::Concluded && !verify);
        case S::Verifying:
            return to == S::Concluded;
        case S::Concluded:
            return kind == K::Denunciation ? to == S::Published : to == S::Closed;
        case S::Published:
        case S::Refused:
        case S::Forwarded:
            return to == S::Closed;
        case S::Closed:
            return false;
    }
    return false;
}

TEST_F(Rules, EveryDisallowedTransitionIsRefusedWithAMessage) {
    int refused = 0;
    for (K kind : kAllKinds)
        for (S from : kAllStatuses)
            for (S to : kAllStatuses) {
                auto st = check_transition(kind, from, to);
                if (legal(kind, from, to)) {
                    EXPECT_TRUE(st)
                        << to_string(kind) << " " << to_string(from) << "->" << to_string(to);
                    continue;
                }
                ASSERT_FALSE(st) << to_string(kind) << " " << to_string(from) << "->"
                                 << to_string(to);
                EXPECT_EQ(st.error().code, ErrorCode::Conflict);
                EXPECT_TRUE(st.error().message_key.starts_with("cases.error.transition."))
                    << st.error().message_key;
                ++refused;
            }
    EXPECT_GT(refused, 500);
}

TEST_F(Rules, SpecificRefusalsSayWhy) {
    EXPECT_EQ(check_transition(K::AnonymousReport, S::Received, S::Refused).error().message_key,
              "cases.error.transition.anonymous_refused");  // R-TC-03
    EXPECT_EQ(check_transition(K::Denunciation, S::Concluded, S::Closed).error().message_key,
              "cases.error.transition.publish_first");  // R-TC-06
    EXPECT_EQ(check_transition(K::Complaint, S::Concluded, S::Published).error().message_key,
              "cases.error.transition.publish_denunciation_only");
    EXPECT_EQ(check_transition(K::Unclassified, S::Received, S::Accepted).error().message_key,
              "cases.error.transition.unclassified");
    EXPECT_EQ(check_transition(K::Complaint, S::Closed, S::Accepted).error().message_key,
              "cases.error.transition.closed");
    EXPECT_EQ(check_transition(K::Denunciation, S::Assigned, S::Concluded).error().message_key,
              "cases.error.transition.verify_first");
    EXPECT_EQ(check_transition(K::Feedback, S::Received, S::Closed).error().message_key,
              "cases.error.transition.not_allowed");
}

struct DeadlineCase {
    DeadlineFacts facts;
    S status;
    const char* rule;
    Date weekend;  // from Friday 06/3/2026
    Date tet;      // from Thursday 12/02/2026, before Tết Bính Ngọ
};

TEST_F(Rules, EveryDeadlineRuleAcrossAWeekendAndAcrossTet) {
    const DeadlineCase cases[] = {
        // R-TC-02 intake 7 WD; unclassified and anonymous reports use the same strict period.
        {{K::Denunciation, Channel::Web},
         S::Received,
         "denunciation.intake",
         d(2026, 3, 17),
         d(2026, 3, 2)},
        {{K::AnonymousReport, Channel::Web},
         S::Received,
         "denunciation.intake",
         d(2026, 3, 17),
         d(2026, 3, 2)},
        {{K::Unclassified, Channel::Letter},
         S::Received,
         "denunciation.intake",
         d(2026, 3, 17),
         d(2026, 3, 2)},
        // R-KN-02 acceptance 10 days; R-KN-05 discipline acceptance.
        {{K::Complaint, Channel::Letter},
         S::Received,
         "complaint.acceptance",
         d(2026, 3, 16),
         d(2026, 2, 23)},
        {{K::DisciplineComplaint, Channel::Letter},
         S::Received,
         "discipline_complaint.acceptance",
         d(2026, 3, 16),
         d(2026, 2, 23)},
        // R-PAKN-01 forwarding 5 WD; R-TCD-03 reception answer 10 WD.
        {{K::Feedback, Channel::Web},
         S::Received,
         "feedback.forwarding",
         d(2026, 3, 13),
         d(2026, 2, 26)},
        {{K::Recommendation, Channel::Hotline},
         S::Received,
         "feedback.forwarding",
         d(2026, 3, 13),
         d(2026, 2, 26)},
        {{K::Feedback, Channel::Reception},
         S::Received,
         "reception.answer",
         d(2026, 3, 20),
         d(2026, 3, 5)},
        {{K::Feedback, Channel::Reception},
         S::Accepted,
         "reception.answer",
         d(2026, 3, 20),
         d(2026, 3, 5)},
        // R-INF-01.
        {{K::InfoRequest, Channel::Web},
         S::Received,
         "information.electronic.simple",
         d(2026, 3, 11),
         d(2026, 2, 24)},
        {{K::InfoRequest, Channel::Web, true},
         S::Accepted,
         "information.electronic.complex",
         d(2026, 3, 27),
         d(2026, 3, 12)},
        // R-KN-03/04 first and second instance, complex and remote.
        {{K::Complaint, Channel::Letter},
         S::Accepted,
         "complaint.first_instance",
         d(2026, 4, 6),
         d(2026, 3, 16)},
        {{K::Complaint, Channel::Letter, false, false, 2},
         S::Verifying,
         "complaint.second_instance",
         {},
         {}},
        {{K::Complaint, Channel::Letter, true, true, 2},
         S::Assigned,
         "complaint.second_instance.remote_complex",
         d(2026, 5, 15),
         d(2026, 4, 23)},
        {{K::Complaint, Channel::Letter, true, false},
         S::Accepted,
         "complaint.first_instance.complex",
         {},
         {}},
        {{K::Complaint, Channel::Letter, false, true},
         S::Accepted,
         "complaint.first_instance.remote",
         {},
         {}},
        {{K::DisciplineComplaint, Channel::Letter, true},
         S::Accepted,
         "discipline_complaint.resolution.complex",
         {},
         {}},
        // R-TC-05 resolution, R-TC-06 publication, R-KN-03 decision delivery.
        {{K::Denunciation, Channel::InPerson},
         S::Accepted,
         "denunciation.resolution",
         d(2026, 4, 6),
         d(2026, 3, 16)},
        {{K::Denunciation, Channel::InPerson},
         S::Concluded,
         "denunciation.publication",
         d(2026, 3, 17),
         d(2026, 3, 2)},
        {{K::Complaint, Channel::Letter},
         S::Concluded,
         "complaint.first_decision.delivery",
         d(2026, 3, 11),
         d(2026, 2, 24)},
    };
    for (const auto& c : cases) {
        ASSERT_EQ(deadline_rule(c.facts, c.status).value_or("none"), c.rule) << c.rule;
        auto weekend = deadline_for(c.facts, c.status, d(2026, 3, 6), *rules_, *calendar_);
        auto tet = deadline_for(c.facts, c.status, d(2026, 2, 12), *rules_, *calendar_);
        ASSERT_TRUE(weekend && *weekend && tet && *tet) << c.rule;
        EXPECT_FALSE((*weekend)->basis.empty());
        if (c.weekend.ok()) {
            EXPECT_EQ(iso_date((*weekend)->date), iso_date(c.weekend)) << c.rule << " weekend";
            EXPECT_EQ(iso_date((*tet)->date), iso_date(c.tet)) << c.rule << " Tết";
        }
    }
}

TEST_F(Rules, NoStatutoryDeadlineAfterFeedbackIsAccepted_R_PAKN_01) {
    EXPECT_FALSE(deadline_rule({K::Feedback, Channel::Web}, S::Accepted));
    EXPECT_FALSE(deadline_rule({K::Complaint, Channel::Web}, S::Closed));
    EXPECT_FALSE(deadline_rule({K::Denunciation, Channel::Web}, S::Published));
}

TEST_F(Rules, DenunciationExtendsTwiceAtMost_R_TC_05) {
    DeadlineFacts f{K::Denunciation, Channel::Web};
    EXPECT_EQ(*extension_rule(f, 0), "denunciation.extension");
    EXPECT_EQ(*extension_rule(f, 1), "denunciation.extension");
    EXPECT_EQ(extension_rule(f, 2).error().message_key, "cases.error.extension_limit");
    EXPECT_EQ(extension_rule({K::Complaint, Channel::Web}, 0).error().message_key,
              "cases.error.extension_not_allowed");
    EXPECT_EQ(*extension_rule({K::InfoRequest, Channel::Web}, 0),
              "information.electronic.extension");
    EXPECT_FALSE(extension_rule({K::InfoRequest, Channel::Web}, 1));
}

TEST_F(Rules, DenunciationNeedsNameAddressContact_R_TC_01) {
    NewCase in;
    in.kind = K::Denunciation;
    in.body = "Nội dung";
    auto st = validate_new_case(normalise_new_case(in));
    ASSERT_FALSE(st);
    std::set<std::string> fields;
    for (const auto& f : st.error().fields) fields.insert(f.field);
    EXPECT_EQ(fields, (std::set<std::string>{"name", "address", "contact", "respondent"}));
}

TEST_F(Rules, AnonymousDenunciationMovesToTheInformationTrack_R_TC_03) {
    NewCase in;
    in.kind = K::Denunciation;
    in.anonymous = true;
    in.body = "Nội dung";
    in.respondent = "Ông A";
    in.identity.name = "should be dropped";
    auto n = normalise_new_case(in);
    EXPECT_EQ(n.kind, K::AnonymousReport);
    EXPECT_TRUE(n.identity.empty());
    EXPECT_TRUE(validate_new_case(n));
}

TEST_F(Rules, ComplaintAndFeedbackRequiredFields_R_KN_06_R_PAKN_01) {
    NewCase c;
    c.kind = K::Complaint;
    c.body = "x";
    c.identity = {"Nguyễn Văn A", "Phú Hòa", ""};
    EXPECT_FALSE(validate_new_case(c));  // no decision named
    c.respondent = "Quyết định số 12/QĐ-STTTT";
    EXPECT_TRUE(validate_new_case(c));
    NewCase f;
    f.kind = K::Feedback;
    f.body = "x";
    f.identity = {"Nguyễn Văn A", "Phú Hòa", ""};
    EXPECT_FALSE(validate_new_case(f));  // phone required
}

ReceptionDay rday(Date day, Date posted) {
    ReceptionDay d;
    d.day = day;
    d.posted_on = posted;
    return d;
}

TEST_F(Rules, AgencyHeadReceivesEveryMonthAndPostsFiveWorkingDaysAhead_R_TCD_01_02) {
    // Posted on time across a weekend (latest 13/3, as `danchu vn deadline --rule
    // reception.schedule_posting --from 2026-03-20` prints), and late for 10/4 (latest 3/4).
    std::vector<ReceptionDay> days = {rday(d(2026, 3, 20), d(2026, 3, 6)),
                                      rday(d(2026, 4, 10), d(2026, 4, 6)),
                                      rday(d(2026, 6, 15), d(2026, 3, 6))};
    auto w = reception_warnings(days, false, d(2026, 3, 6), d(2026, 6, 30), *rules_, *calendar_);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->size(), 2u);
    EXPECT_EQ((*w)[0].kind, ReceptionWarning::Kind::MissingMonth);
    EXPECT_EQ(iso_date((*w)[0].period_start), "2026-05-01");
    EXPECT_EQ((*w)[1].kind, ReceptionWarning::Kind::LatePosting);
    EXPECT_EQ(iso_date((*w)[1].period_start), "2026-04-10");
    EXPECT_EQ(iso_date((*w)[1].latest_posting), "2026-04-03");
}

TEST_F(Rules, ReceptionPostingCountsBackOverTet_R_TCD_02) {
    // 25/02/2026: five working days before skip Tết (14–22/02) → 11/02.
    auto late = reception_warnings({rday(d(2026, 2, 25), d(2026, 2, 12))}, false, d(2026, 2, 12),
                                   d(2026, 2, 28), *rules_, *calendar_);
    ASSERT_TRUE(late);
    ASSERT_EQ(late->size(), 1u);
    EXPECT_EQ(iso_date(late->front().latest_posting), "2026-02-11");
    auto on_time = reception_warnings({rday(d(2026, 2, 25), d(2026, 2, 11))}, false, d(2026, 2, 11),
                                      d(2026, 2, 28), *rules_, *calendar_);
    EXPECT_TRUE(on_time->empty());
}

TEST_F(Rules, CommuneChairReceivesEveryWeek_R_TCD_01) {
    // Weeks starting Mon 9/3, 16/3, 23/3: only the second has a day.
    auto w = reception_warnings({rday(d(2026, 3, 18), d(2026, 3, 6))}, true, d(2026, 3, 6),
                                d(2026, 3, 27), *rules_, *calendar_);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->size(), 2u);
    EXPECT_EQ(w->at(0).kind, ReceptionWarning::Kind::MissingWeek);
    EXPECT_EQ(iso_date(w->at(0).period_start), "2026-03-09");
    EXPECT_EQ(iso_date(w->at(1).period_start), "2026-03-23");
}

TEST_F(Rules, ReceiptCodesNormaliseTypingVariants) {
    EXPECT_EQ(format_receipt_code("ABCDEFGHJKMNPQRSTVWX"), "ABCD-EFGH-JKMN-PQRS-TVWX");
    EXPECT_EQ(normalise_receipt_code("abcd-efgh jkmn-pqrs-tvwx"), "ABCDEFGHJKMNPQRSTVWX");
    EXPECT_EQ(normalise_receipt_code("O0IL0000000000000000"), "00110000000000000000");
    EXPECT_EQ(normalise_receipt_code("short"), "");
    EXPECT_EQ(normalise_receipt_code("ABCDEFGHJKMNPQRSTVWXY"), "");  // too long
    EXPECT_EQ(normalise_receipt_code("ABCDEFGHJKMNPQRSTVW!"), "");
}

}  // namespace
}  // namespace danchu::cases
