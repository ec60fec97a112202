#include "modules/disclosures/register_doc.hpp"

#include <array>

namespace danchu::disclosures {

namespace {

// "Xã Phú Hòa" → "xã Phú Hòa", inside a sentence or after "Ủy ban nhân dân".
std::string lower_unit_word(const std::string& name) {
    static const std::array<std::pair<const char*, const char*>, 6> words = {
        {{"Tỉnh ", "tỉnh "},
         {"Thành phố ", "thành phố "},
         {"Xã ", "xã "},
         {"Phường ", "phường "},
         {"Thị trấn ", "thị trấn "},
         {"Đặc khu ", "đặc khu "}}};
    for (const auto& [upper, lower] : words)
        if (name.rfind(upper, 0) == 0) return lower + name.substr(std::string(upper).size());
    return name;
}

const char* roman_quarter(int q) {
    static const char* names[] = {"I", "II", "III", "IV"};
    return q >= 1 && q <= 4 ? names[q - 1] : "?";
}

}  // namespace

docs::Document register_document(const identity::Organisation& org,
                                 const std::optional<identity::Organisation>& parent, int year,
                                 int quarter, const std::vector<RegisterLine>& lines) {
    using docs::BlockKind;
    docs::Document d;
    d.type_name = "Thông báo";
    // A commune issues in the name of its People's Committee (NĐ 30 Phụ lục I: the issuing
    // body is the UBND, under no parent line); other bodies under their parent.
    if (org.kind == identity::OrgKind::Commune) {
        d.body = "Ủy ban nhân dân " + lower_unit_word(org.name);
    } else {
        d.body = org.name;
        if (parent) d.parent_body = parent->name;
    }
    d.body_abbreviation = org.short_name.empty() ? "…" : org.short_name;
    d.place = !org.place_name.empty() ? org.place_name : parent ? parent->place_name : "";
    if (d.place.empty()) d.place = "…";
    d.draft_year = year;
    const std::string q = std::string(roman_quarter(quarter)) + " năm " + std::to_string(year);
    d.abstract_text = "Danh mục thông tin đã công khai quý " + q;
    // Art 13.2 of Law 10/2022 (in force from 01/7/2023) asks a commune for this register;
    // an agency or enterprise, or a quarter before the law, publishes it citing nothing.
    const bool commune = org.kind == identity::OrgKind::Commune;
    const bool under_law = commune && (year > 2023 || (year == 2023 && quarter >= 3));
    d.blocks.push_back(
        {BlockKind::Paragraph,
         {{(under_law ? "Thực hiện khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, "
                      : "") +
           d.body + " thông báo danh mục các thông tin đã công khai trong quý " + q +
           ", với hình thức và thời điểm công khai, như sau:"}},
         {}});
    docs::Block table{BlockKind::Table, {}, {}};
    table.rows.push_back({"TT", "Nội dung công khai", "Thuộc nội dung", "Hình thức công khai",
                          "Ngày công khai", "Công khai đến"});
    int n = 0;
    for (const auto& l : lines)
        table.rows.push_back(
            {std::to_string(++n), l.title, l.category, l.channels, l.published_on, l.posting_end});
    if (lines.empty())
        d.blocks.push_back(
            {BlockKind::Paragraph, {{"Trong quý không có thông tin nào được công khai."}}, {}});
    else
        d.blocks.push_back(std::move(table));
    d.blocks.push_back(
        {BlockKind::Paragraph,
         {{commune ? "Danh mục này được niêm yết tại trụ sở và tại các điểm sinh hoạt cộng đồng "
                     "của thôn, tổ dân phố; nội dung từng thông tin xem tại trang công khai của "
                     "đơn vị./."
                   : "Danh mục này được niêm yết tại trụ sở cơ quan; nội dung từng thông tin xem "
                     "tại trang công khai của đơn vị./."}},
         {}});
    if (org.kind == identity::OrgKind::Commune) {
        d.signature.authority = docs::Authority::TM;
        d.signature.authority_title = "Ủy ban nhân dân";
        d.signature.position = "Chủ tịch";
    } else {
        d.signature.authority = docs::Authority::Direct;
        d.signature.position = "Thủ trưởng cơ quan";
    }
    d.distribution = {"Thường trực HĐND " + lower_unit_word(org.name),
                      "Ủy ban MTTQ Việt Nam " + lower_unit_word(org.name),
                      "Trưởng thôn, tổ dân phố (để niêm yết)"};
    if (org.kind != identity::OrgKind::Commune)
        d.distribution = {"Ban Chấp hành Công đoàn", "Các phòng, đơn vị trực thuộc"};
    d.archive = {"VP"};
    return d;
}

}  // namespace danchu::disclosures
