// Demo data: a year of cases at the seed's department, across kinds and channels, some
// resolved late, some extended, and one anonymous report whose receipt code `danchu demo`
// prints. Dates are real: each case is filed and handled under a clock set to its day, so
// the deadlines are those the rule table gives.

#include <array>
#include <atomic>

#include "modules/cases/api.hpp"

namespace danchu::cases {

namespace {

class DemoClock final : public Clock {
  public:
    explicit DemoClock(TimePoint t) : now_(t) {}
    [[nodiscard]] TimePoint now() const override { return now_; }
    void set(Date d) { now_ = TimePoint{std::chrono::sys_days{d}} + std::chrono::hours{2}; }

  private:
    TimePoint now_;
};

struct Sample {
    CaseKind kind;
    Channel channel;
    const char* subject;
    const char* body;
    const char* respondent;
};

constexpr std::array<Sample, 6> kSamples{{
    {CaseKind::Feedback, Channel::Web, "Cổng thông tin điện tử chậm cập nhật thủ tục",
     "Trang thủ tục hành chính trên cổng thông tin của Sở chưa cập nhật mẫu đơn mới.", ""},
    {CaseKind::Recommendation, Channel::Hotline, "Đề nghị mở rộng vùng phủ sóng",
     "Đề nghị Sở phối hợp các nhà mạng tăng cường phủ sóng di động tại ấp Phú Thạnh.", ""},
    {CaseKind::Complaint, Channel::Letter, "Khiếu nại quyết định xử phạt vi phạm hành chính",
     "Tôi khiếu nại quyết định xử phạt vì cho rằng hành vi đã được khắc phục trước khi lập biên "
     "bản.",
     "Quyết định xử phạt vi phạm hành chính của Chánh Thanh tra Sở"},
    {CaseKind::InfoRequest, Channel::Web, "Yêu cầu cung cấp kế hoạch chuyển đổi số",
     "Đề nghị cung cấp kế hoạch chuyển đổi số năm nay của Sở.", ""},
    {CaseKind::Denunciation, Channel::InPerson, "Tố cáo hành vi nhũng nhiễu khi cấp phép",
     "Cán bộ tiếp nhận hồ sơ cấp phép yêu cầu nộp thêm khoản tiền không có trong quy định.",
     "Một công chức bộ phận một cửa"},
    {CaseKind::Feedback, Channel::Reception, "Phản ánh tại buổi tiếp công dân",
     "Người dân phản ánh việc trả lời văn bản chậm tại buổi tiếp công dân của Giám đốc Sở.", ""},
}};

}  // namespace

Result<std::string> load_demo(CasesServices& base, const identity::Organisation& org) {
    auto sys = identity::Actor::system("demo");
    auto officers = resolvers(base, org.id);
    if (officers.empty()) return fail(ErrorCode::NotFound, "cases.error.bad_person");
    const Date today = base.clock.today();
    DemoClock clock(base.clock.now());
    CasesServices s{base.identity, clock, base.rules, base.calendar, base.config};
    auto at = [&](Date d, int days) {
        clock.set(std::chrono::sys_days{d} + std::chrono::days{days});
    };
    int n = 0;
    for (int back = 360; back >= 5; back -= 7, ++n) {
        const Date day = std::chrono::sys_days{today} - std::chrono::days{back};
        const Sample& sample = kSamples[static_cast<std::size_t>(n) % kSamples.size()];
        NewCase in;
        in.kind = sample.kind;
        in.channel = sample.channel;
        in.subject = sample.subject;
        in.body = sample.body;
        in.respondent = sample.respondent;
        in.identity = {"Công dân " + std::to_string(n + 1), "Ấp Phú Thạnh, xã Phú Hòa",
                       "0912 000 " + std::to_string(100 + n)};
        in.received_on = day;
        clock.set(day);
        auto filed = file_case(s, sys, org, in);
        if (!filed) return filed.error();
        const CaseId id = filed->id;
        if (back < 20) continue;  // recent cases stay at intake
        at(day, 2);
        if (auto st = transition(
                s, sys, id,
                {.to = CaseStatus::Accepted, .document_number = "TL-" + std::to_string(n)});
            !st)
            return st.error();
        const PersonId who = officers[static_cast<std::size_t>(n) % officers.size()].id;
        if (auto st = assign(s, sys, id, who, ""); !st) return st.error();
        if (back < 40) continue;  // being handled
        const bool verify =
            sample.kind == CaseKind::Complaint || sample.kind == CaseKind::Denunciation;
        if (verify) {
            at(day, 4);
            if (auto st = transition(s, sys, id, {.to = CaseStatus::Verifying}); !st)
                return st.error();
        }
        const bool extended = sample.kind == CaseKind::Denunciation && n % 2 == 0;
        if (extended) {
            at(day, 25);
            if (auto st = extend(s, sys, id, "Vụ việc phức tạp, cần xác minh thêm tại nhiều nơi",
                                 "GH-" + std::to_string(n));
                !st)
                return st.error();
        }
        // Every fifth case is concluded late, past its deadline.
        at(day, n % 5 == 0 ? 70 : 12);
        if (auto st = transition(s, sys, id,
                                 {.to = CaseStatus::Concluded,
                                  .outcome = "Đã xem xét và trả lời người gửi bằng văn bản."});
            !st)
            return st.error();
        if (sample.kind == CaseKind::Denunciation) {
            if (auto st = transition(
                    s, sys, id,
                    {.to = CaseStatus::Published, .document_number = "CK-" + std::to_string(n)});
                !st)
                return st.error();
        }
        if (auto st = transition(s, sys, id, {.to = CaseStatus::Closed}); !st) return st.error();
    }
    // Reception facts and the director's next reception days (R-TCD-01/02).
    clock.set(today);
    if (auto st =
            set_reception_info(s, sys, org,
                               {"Phòng tiếp công dân, tầng 1, trụ sở Sở",
                                "Sáng thứ Năm hằng tuần, 7 giờ 30 – 11 giờ 00", "0294 3862 000",
                                "Công dân đến tiếp xúc mang theo giấy tờ tùy thân; trình bày "
                                "trung thực; không gây mất trật tự nơi tiếp công dân."});
        !st)
        return st.error();
    for (int ahead : {12, 40}) {
        ReceptionDay day;
        day.day = std::chrono::sys_days{today} + std::chrono::days{ahead};
        day.hours = "7 giờ 30 – 11 giờ 00";
        day.place = "Phòng tiếp công dân, tầng 1";
        day.host = "Giám đốc Sở";
        day.topics = "Khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền của Sở";
        if (auto id = schedule_reception(s, sys, org, day); !id) return id.error();
    }
    // The anonymous report whose code the demo prints (R-TC-03 track).
    clock.set(std::chrono::sys_days{today} - std::chrono::days{3});
    NewCase anon;
    anon.kind = CaseKind::Denunciation;
    anon.anonymous = true;
    anon.subject = "Tin báo về việc thu tiền ngoài quy định";
    anon.body = "Có dấu hiệu thu thêm tiền khi tiếp nhận hồ sơ cấp phép tại bộ phận một cửa.";
    anon.respondent = "Bộ phận một cửa của Sở";
    auto filed = file_case(s, identity::Actor::anonymous("demo"), org, anon);
    if (!filed) return filed.error();
    return filed->receipt_code;
}

Result<std::shared_ptr<const LegalData>> load_legal_data() {
    auto rules = vn::RuleTable::load();
    if (!rules) return rules.error();
    auto calendar = vn::WorkCalendar::load();
    if (!calendar) return calendar.error();
    return std::make_shared<const LegalData>(LegalData{std::move(*rules), std::move(*calendar)});
}

Result<std::string> load_demo(identity::IdentityServices& ids, const Clock& clock,
                              const std::string& org_slug) {
    auto org = identity::find_organisation(ids, org_slug);
    if (!org) return fail(ErrorCode::NotFound, "cases.error.not_found", {}, org_slug);
    auto legal = load_legal_data();
    if (!legal) return legal.error();
    CasesServices s{ids, clock, (*legal)->rules, (*legal)->calendar, CasesConfig{}};
    return load_demo(s, *org);
}

}  // namespace danchu::cases
