#include "modules/cases/report_source.hpp"

#include "vn/format.hpp"

namespace danchu::cases {

namespace {

// Official wording for the report (Vietnamese only, as NĐ 30/2020 documents are).
std::string kind_title(CaseKind k) {
    switch (k) {
        case CaseKind::Feedback:
            return "Phản ánh";
        case CaseKind::Recommendation:
            return "Kiến nghị";
        case CaseKind::Complaint:
            return "Khiếu nại";
        case CaseKind::DisciplineComplaint:
            return "Khiếu nại quyết định kỷ luật";
        case CaseKind::Denunciation:
            return "Tố cáo";
        case CaseKind::AnonymousReport:
            return "Tin có nội dung tố cáo";
        case CaseKind::InfoRequest:
            return "Yêu cầu cung cấp thông tin";
        case CaseKind::Unclassified:
            return "Chưa phân loại";
    }
    return "Chưa phân loại";
}

std::string channel_title(Channel c) {
    switch (c) {
        case Channel::Web:
            return "Trang thông tin điện tử";
        case Channel::Letter:
            return "Đơn, thư";
        case Channel::InPerson:
            return "Trực tiếp";
        case Channel::Hotline:
            return "Đường dây nóng";
        case Channel::Reception:
            return "Buổi tiếp công dân";
    }
    return "Khác";
}

}  // namespace

Result<std::optional<reports::Contribution>> report_contribution(CasesServices& s,
                                                                 const reports::SourceRequest& r) {
    auto stats = statistics(s, identity::Actor::system("báo cáo năm"), r.org, r.from, r.to);
    if (!stats) return stats.error();
    if (stats->received == 0) return std::optional<reports::Contribution>{};
    reports::Contribution c;
    c.figures.push_back({"Tổng số đơn, thư, phản ánh, kiến nghị tiếp nhận",
                         vn::format_integer(stats->received), ""});
    c.figures.push_back({"Số vụ việc đã thụ lý", vn::format_integer(stats->accepted), ""});
    c.figures.push_back({"Số vụ việc đã giải quyết", vn::format_integer(stats->resolved), ""});
    const long long judged = stats->on_time + stats->late;
    c.figures.push_back(
        {"Giải quyết đúng thời hạn",
         judged > 0
             ? std::optional<std::string>(
                   vn::format_integer(stats->on_time) + "/" + vn::format_integer(judged) + " (" +
                   vn::format_percent(
                       100.0 * static_cast<double>(stats->on_time) / static_cast<double>(judged),
                       1) +
                   ")")
             : std::nullopt,
         "theo thời hạn luật định tính bằng lịch ngày làm việc"});
    if (stats->resolved > 0)
        c.figures.push_back({"Thời gian giải quyết bình quân",
                             vn::format_decimal(stats->average_days, 1) + " ngày", ""});
    c.figures.push_back(
        {"Đánh giá mức độ hài lòng của người dân",
         stats->ratings > 0
             ? std::optional<std::string>(vn::format_decimal(stats->average_rating, 1) + "/5 (" +
                                          vn::format_integer(stats->ratings) + " lượt đánh giá)")
             : std::nullopt,
         ""});
    docs::Block by_kind{docs::BlockKind::Table, {}, {{"Loại", "Số lượng"}}};
    for (const auto& [kind, n] : stats->by_kind)
        if (n > 0) by_kind.rows.push_back({kind_title(kind), vn::format_integer(n)});
    docs::Block by_channel{docs::BlockKind::Table, {}, {{"Hình thức tiếp nhận", "Số lượng"}}};
    for (const auto& [channel, n] : stats->by_channel)
        if (n > 0) by_channel.rows.push_back({channel_title(channel), vn::format_integer(n)});
    c.blocks.push_back(std::move(by_kind));
    c.blocks.push_back(std::move(by_channel));
    return std::optional<reports::Contribution>{std::move(c)};
}

}  // namespace danchu::cases
