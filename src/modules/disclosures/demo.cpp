#include "modules/disclosures/demo.hpp"

#include <chrono>

namespace danchu::disclosures {

namespace {

using identity::Actor;
using identity::Organisation;
using identity::Role;

// The demo publishes each item on its own day, 09:00 in Vietnam.
class FixedClock final : public Clock {
  public:
    void set(const std::string& iso_day) {
        const auto d = *parse_iso_date(iso_day);
        now_ = TimePoint{std::chrono::sys_days{d}} + std::chrono::hours{2};
    }
    [[nodiscard]] TimePoint now() const override { return now_; }

  private:
    TimePoint now_{};
};

struct DemoItem {
    const char* category;
    const char* title;
    const char* body;
    const char* audience;
    const char* decision_ref;
    const char* decision_date;
    const char* published_on;
    const char* channels;
    const char* posting_end = nullptr;  // empty: the legal minimum
};

// Sở Thông tin và Truyền thông tỉnh Trà Vinh: the kinds of disclosure of the seed report (2021),
// again in 2024, its last full year under rules the platform can check (Law 10/2022, in force
// 01/7/2023; the department ceased on 30/6/2025).
const DemoItem kDepartment[] = {
    {"cq.03", "Dự toán ngân sách nhà nước năm 2024 của Sở Thông tin và Truyền thông",
     "Công khai dự toán thu, chi ngân sách nhà nước năm 2024 được Ủy ban nhân dân tỉnh giao.\n"
     "Tổng dự toán chi: 12.450.000.000 đồng, trong đó chi thường xuyên 9.870.000.000 đồng.",
     "public", "Quyết định số 15/QĐ-STTTT", "2024-01-08", "2024-01-12",
     "notice_board,website,internal_system"},
    {"cq.09", "Quy chế chi tiêu nội bộ năm 2024",
     "Quy chế chi tiêu nội bộ áp dụng từ ngày 01/01/2024: định mức công tác phí, văn phòng phẩm, "
     "điện thoại, chi hỗ trợ hoạt động đoàn thể.",
     "internal", "Quyết định số 21/QĐ-STTTT", "2024-01-22", "2024-01-24",
     "internal_system,staff_conference"},
    {"cq.11", "Kế hoạch của Ủy ban nhân dân tỉnh về thực hiện Quy chế dân chủ ở cơ sở năm 2024",
     "Văn bản chỉ đạo của cấp trên về triển khai, quán triệt thực hiện dân chủ ở cơ sở đến 100% "
     "cán bộ, công chức, viên chức và người lao động.",
     "internal", "Kế hoạch số 09/KH-UBND", "2024-02-05", "2024-02-16", "internal_system"},
    {"cq.09", "Quy chế thực hiện dân chủ trong hoạt động của Sở Thông tin và Truyền thông",
     "Ban hành kèm theo quyết định của Giám đốc Sở, phối hợp với Ban Chấp hành Công đoàn cơ sở.",
     "internal", "Quyết định số 45/QĐ-STTTT", "2024-03-11", "2024-03-13",
     "internal_system,staff_conference,union_notice"},
    {"cq.06", "Nâng bậc lương thường xuyên đợt I năm 2024",
     "Danh sách công chức, viên chức được nâng bậc lương thường xuyên đợt I năm 2024.", "internal",
     "Quyết định số 68/QĐ-STTTT", "2024-04-05", "2024-04-09", "internal_system"},
    {"cq.03", "Tình hình thực hiện dự toán ngân sách 6 tháng đầu năm 2024",
     "Số chi 6 tháng đầu năm: 5.210.000.000 đồng, đạt 41,8% dự toán năm.", "public",
     "Báo cáo số 112/BC-STTTT", "2024-07-09", "2024-07-12", "notice_board,website,internal_system"},
    {"cq.07", "Công khai bản kê khai tài sản, thu nhập năm 2024",
     "Bản kê khai tài sản, thu nhập của người có nghĩa vụ kê khai được công khai tại cuộc họp và "
     "niêm yết tại trụ sở theo Luật Phòng, chống tham nhũng 2018.",
     "internal", "Kế hoạch số 30/KH-STTTT", "2024-12-02", "2024-12-05",
     "notice_board,staff_conference"},
    {"cq.06", "Kết quả đánh giá, xếp loại công chức, viên chức năm 2024",
     "Kết quả đánh giá, xếp loại chất lượng công chức, viên chức năm 2024 của các phòng, đơn vị.",
     "internal", "Quyết định số 250/QĐ-STTTT", "2024-12-20", "2024-12-24", "internal_system"},
    {"cq.06", "Khen thưởng, kỷ luật năm 2024",
     "Danh sách tập thể, cá nhân được khen thưởng năm 2024; không có trường hợp bị kỷ luật.",
     "internal", "Quyết định số 262/QĐ-STTTT", "2024-12-24", "2024-12-26",
     "internal_system,staff_conference"},
};

// The same department in 2021, the year of the seed report ("công khai qua hệ thống văn phòng
// điện tử; hội nghị và niêm yết tại trụ sở cơ quan và trang website"): what it disclosed under
// the former regime (Nghị định 04/2015/NĐ-CP). The rule table starts with Law 10/2022 on
// 01/7/2023, so these items are filed under today's item names and their pages say that no
// timing rule is in force; the posting ends are the department's own.
const DemoItem kDepartment2021[] = {
    {"cq.03", "Dự toán ngân sách nhà nước năm 2021 của Sở Thông tin và Truyền thông",
     "Công khai dự toán thu, chi ngân sách nhà nước năm 2021 được Ủy ban nhân dân tỉnh giao.",
     "public", "Quyết định số 06/QĐ-STTTT", "2021-01-11", "2021-01-15",
     "notice_board,website,internal_system", "2021-02-15"},
    {"cq.09", "Quy chế chi tiêu nội bộ năm 2021",
     "Quy chế chi tiêu nội bộ sửa đổi, bổ sung sau khi lấy ý kiến công chức, viên chức tại hội "
     "nghị công chức, viên chức năm 2021.",
     "internal", "Quyết định số 14/QĐ-STTTT", "2021-01-25", "2021-01-27",
     "internal_system,staff_conference", "2021-03-01"},
    {"cq.11",
     "Kế hoạch số 23/KH-UBND ngày 24/3/2021 của Ủy ban nhân dân tỉnh về thực hiện công tác dân "
     "vận chính quyền năm 2021",
     "Triển khai, quán triệt đến 100% công chức, viên chức và người lao động qua hệ thống văn "
     "phòng điện tử.",
     "internal", "Kế hoạch số 23/KH-UBND", "2021-03-24", "2021-03-29", "internal_system",
     "2021-04-29"},
    {"cq.09", "Quy chế thực hiện dân chủ trong hoạt động của Sở Thông tin và Truyền thông",
     "Quy chế thực hiện dân chủ trong hoạt động của cơ quan, ban hành sau khi thống nhất với Ban "
     "Chấp hành Công đoàn cơ sở.",
     "internal", "Quyết định số 52/QĐ-STTTT", "2021-04-12", "2021-04-14",
     "internal_system,staff_conference,union_notice", "2021-05-14"},
    {"cq.06", "Nâng bậc lương thường xuyên năm 2021",
     "Danh sách công chức, viên chức được nâng bậc lương thường xuyên năm 2021.", "internal",
     "Quyết định số 80/QĐ-STTTT", "2021-06-07", "2021-06-09", "internal_system", "2021-07-09"},
    {"cq.03", "Tình hình thực hiện dự toán ngân sách 6 tháng đầu năm 2021",
     "Báo cáo tình hình thực hiện dự toán thu, chi ngân sách 6 tháng đầu năm 2021.", "public",
     "Báo cáo số 98/BC-STTTT", "2021-07-08", "2021-07-12", "notice_board,website,internal_system",
     "2021-08-12"},
    {"cq.07", "Công khai bản kê khai tài sản, thu nhập năm 2021",
     "Bản kê khai tài sản, thu nhập của người có nghĩa vụ kê khai được công khai tại cuộc họp và "
     "niêm yết tại trụ sở theo Luật Phòng, chống tham nhũng 2018.",
     "internal", "Kế hoạch số 27/KH-STTTT", "2021-12-01", "2021-12-03",
     "notice_board,staff_conference", "2022-01-03"},
    {"cq.06", "Kết quả đánh giá, xếp loại công chức, viên chức năm 2021",
     "Kết quả đánh giá, xếp loại chất lượng công chức, viên chức năm 2021.", "internal",
     "Quyết định số 231/QĐ-STTTT", "2021-12-17", "2021-12-21", "internal_system", "2022-01-21"},
    {"cq.06", "Khen thưởng, kỷ luật năm 2021",
     "Danh sách tập thể, cá nhân được khen thưởng năm 2021; không có trường hợp bị kỷ luật.",
     "internal", "Quyết định số 240/QĐ-STTTT", "2021-12-24", "2021-12-28",
     "internal_system,staff_conference", "2022-01-28"},
};

// Xã Phú Hòa, 2026.
const DemoItem kCommune[] = {
    {"xa.02", "Dự toán ngân sách xã năm 2026",
     "Dự toán thu ngân sách xã năm 2026 đã được Hội đồng nhân dân xã quyết định.", "public",
     "Nghị quyết số 05/NQ-HĐND", "2026-01-05", "2026-01-07", "notice_board,website"},
    {"xa.07", "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ năm 2026",
     "Danh sách được niêm yết tại trụ sở UBND xã và nhà văn hóa các ấp, đọc trên hệ thống truyền "
     "thanh 3 ngày liên tục.",
     "public", "Quyết định số 12/QĐ-UBND", "2026-02-02", "2026-02-04",
     "notice_board,website,loudspeaker,village_heads"},
    {"xa.03", "Đường giao thông nông thôn ấp Phú Thạnh: dự án và tiến độ",
     "Dự án nâng cấp đường giao thông nông thôn ấp Phú Thạnh, tổng mức đầu tư 1.710.000.000 "
     "đồng, khởi công tháng 3/2026.",
     "public", "Quyết định số 20/QĐ-UBND", "2026-02-23", "2026-02-25",
     "notice_board,website,loudspeaker"},
    {"xa.13", "Thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã",
     "Danh mục thủ tục hành chính, thời hạn giải quyết và phí, lệ phí.", "public",
     "Quyết định số 01/QĐ-UBND", "2026-01-02", "2026-01-06", "notice_board,website"},
};

Actor member_actor(const identity::Person& p, OrgId org) {
    Actor a;
    a.person = p.id;
    a.display_name = p.full_name;
    a.memberships.push_back({p.id, org, Role::Member, ""});
    return a;
}

Status publish_all(DisclosureServices& base, const Organisation& org,
                   std::span<const DemoItem> items, bool acknowledge_internal) {
    FixedClock clock;
    identity::IdentityServices ids{base.identity.db, clock, base.identity.hasher,
                                   base.identity.server_key, base.identity.config};
    DisclosureServices s{ids, base.categories, base.rules, base.calendar};
    const auto sys = Actor::system("demo");
    std::vector<identity::Person> members;
    if (acknowledge_internal) members = identity::people_with_role(ids, org.id, Role::Member);
    for (const auto& d : items) {
        clock.set(d.published_on);
        ItemInput in;
        in.category = d.category;
        in.title = d.title;
        in.body = d.body;
        in.audience = d.audience;
        in.decision_ref = d.decision_ref;
        in.decision_date = d.decision_date;
        in.channels = d.channels;
        if (d.posting_end) in.posting_end = d.posting_end;
        auto id = publish_new(s, sys, org, in);
        if (!id) return id.error();
        if (!acknowledge_internal || std::string_view(d.audience) != "internal") continue;
        // Most staff read within the week; a few never do, so the rates are not all 100%.
        std::size_t n = 0;
        for (const auto& p : members) {
            if (++n % 7 == 0) continue;
            if (auto st = acknowledge(s, member_actor(p, org.id), org, *id); !st) return st;
        }
    }
    return {};
}

}  // namespace

Status load_demo(DisclosureServices& s) {
    if (auto dept = identity::find_organisation(s.identity, "so-tttt-tra-vinh")) {
        if (auto st = publish_all(s, *dept, kDepartment2021, true); !st) return st;
        if (auto st = publish_all(s, *dept, kDepartment, true); !st) return st;
    }
    if (auto commune = identity::find_organisation(s.identity, "xa-phu-hoa")) {
        if (auto st = publish_all(s, *commune, kCommune, false); !st) return st;
    }
    return {};
}

}  // namespace danchu::disclosures
