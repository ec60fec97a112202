#include "modules/disclosures/report_source.hpp"

#include <map>

#include "vn/format.hpp"

namespace danchu::disclosures {

namespace {

// Official wording for the report (Vietnamese only, as NĐ 30/2020 documents are).
std::string channel_title(Channel c) {
    switch (c) {
        case Channel::NoticeBoard:
            return "Niêm yết tại trụ sở";
        case Channel::Website:
            return "Cổng/trang thông tin điện tử";
        case Channel::InternalSystem:
            return "Hệ thống thông tin nội bộ (văn phòng điện tử)";
        case Channel::StaffConference:
            return "Hội nghị cán bộ, công chức, viên chức";
        case Channel::Loudspeaker:
            return "Hệ thống truyền thanh";
        case Channel::WrittenNotice:
            return "Văn bản thông báo";
        case Channel::UnitHeads:
            return "Qua người đứng đầu đơn vị trực thuộc";
        case Channel::VillageHeads:
            return "Qua trưởng thôn, tổ trưởng tổ dân phố";
        case Channel::UnionNotice:
            return "Thông báo đến tổ chức đảng, công đoàn";
        case Channel::SocialNetwork:
            return "Mạng viễn thông, mạng xã hội";
        case Channel::Other:
            return "Hình thức khác";
    }
    return "Hình thức khác";
}

}  // namespace

Result<std::optional<reports::Contribution>> report_contribution(DisclosureServices& s,
                                                                 const reports::SourceRequest& r) {
    const auto reader = identity::Actor::system("báo cáo năm");
    std::vector<RegisterRow> rows;
    for (int quarter = 1; quarter <= 4; ++quarter) {
        auto part = quarterly_register(s, reader, r.org, r.year, quarter);
        if (!part) return part.error();
        rows.insert(rows.end(), part->begin(), part->end());
    }
    if (rows.empty()) return std::optional<reports::Contribution>{};
    long long internal = 0;
    std::map<std::string, long long> by_category;  // ordered by code: the law's item order
    std::map<Channel, long long> by_channel;
    for (const auto& row : rows) {
        if (row.audience == Audience::Internal) ++internal;
        ++by_category[row.category];
        for (Channel c : row.channels) ++by_channel[c];
    }
    reports::Contribution c;
    c.figures.push_back({"Số lượt công khai thông tin trong năm",
                         vn::format_integer(static_cast<std::int64_t>(rows.size())),
                         "kể cả các lần đính chính"});
    c.figures.push_back({"Trong đó công khai nội bộ", vn::format_integer(internal), ""});
    docs::Block items{docs::BlockKind::Table, {}, {{"Nội dung công khai", "Số lượt"}}};
    for (const auto& [code, n] : by_category) {
        auto category = category_for(s, r.org, code, r.to);
        items.rows.push_back({category ? category->title_vi : code, vn::format_integer(n)});
    }
    docs::Block channels{docs::BlockKind::Table, {}, {{"Hình thức công khai", "Số lượt"}}};
    for (const auto& [channel, n] : by_channel)
        channels.rows.push_back({channel_title(channel), vn::format_integer(n)});
    c.blocks.push_back(std::move(items));
    c.blocks.push_back(std::move(channels));
    return std::optional<reports::Contribution>{std::move(c)};
}

}  // namespace danchu::disclosures
