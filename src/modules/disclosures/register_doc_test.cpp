// The quarterly register as an official document (Luật 10/2022/QH15 Art 13.2), read back as
// the text its DOCX and PDF are laid out from.

#include "modules/disclosures/register_doc.hpp"

#include <gtest/gtest.h>

#include "docs/markdown.hpp"
#include "vn/format.hpp"

namespace danchu::disclosures {
namespace {

std::string text_of(const docs::Document& d) {
    static const auto table = vn::AbbreviationTable::load();
    auto prepared = docs::prepare(d, *table);
    EXPECT_TRUE(prepared) << (prepared ? "" : prepared.error().message_key);
    return prepared ? docs::to_markdown(*prepared) : std::string{};
}

bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

identity::Organisation commune() {
    identity::Organisation o;
    o.name = "Xã Phú Hòa";
    o.short_name = "UBND";
    o.kind = identity::OrgKind::Commune;
    o.setting = identity::Setting::Commune;
    o.place_name = "Phú Hòa";
    return o;
}

TEST(RegisterDocument, ListsEveryDisclosureWithItsFormAndTime_Art13_2) {
    const std::vector<RegisterLine> lines = {
        {"Dự toán ngân sách xã năm 2026", "Dự toán, quyết toán ngân sách xã",
         "Niêm yết tại trụ sở; Hệ thống loa truyền thanh", "05/01/2026", "04/02/2026"},
        {"Quy hoạch sử dụng đất (phiên bản 2)", "Quy hoạch, kế hoạch sử dụng đất",
         "Niêm yết tại trụ sở", "10/02/2026", "Thường xuyên"}};
    const auto text = text_of(register_document(commune(), std::nullopt, 2026, 1, lines));
    EXPECT_TRUE(has(text, "THÔNG BÁO")) << text;
    EXPECT_TRUE(has(text, "Danh mục thông tin đã công khai quý I năm 2026")) << text;
    EXPECT_TRUE(has(text, "ỦY BAN NHÂN DÂN")) << text;
    EXPECT_TRUE(has(text, "khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở")) << text;
    for (const auto& l : lines) {
        EXPECT_TRUE(has(text, l.title)) << l.title;
        EXPECT_TRUE(has(text, l.channels)) << l.channels;
        EXPECT_TRUE(has(text, l.published_on));
        EXPECT_TRUE(has(text, l.posting_end));
    }
    EXPECT_TRUE(has(text, "TM. ỦY BAN NHÂN DÂN")) << "the commune signs for its committee";
    EXPECT_TRUE(has(text, "CHỦ TỊCH")) << text;
    EXPECT_TRUE(has(text, "ngày     tháng     năm 2026")) << "left for the records office";
}

TEST(RegisterDocument, CitesArticle13OnlyForACommuneUnderTheLaw_Art13_2) {
    // The law took effect on 01/7/2023: Q3 2023 cites it, Q2 2023 does not.
    EXPECT_TRUE(
        has(text_of(register_document(commune(), std::nullopt, 2023, 3, {})), "khoản 2 Điều 13"));
    EXPECT_FALSE(
        has(text_of(register_document(commune(), std::nullopt, 2023, 2, {})), "10/2022/QH15"));
    identity::Organisation agency;
    agency.name = "Sở Thông tin và Truyền thông tỉnh Trà Vinh";
    agency.short_name = "STTTT";
    agency.kind = identity::OrgKind::Agency;
    agency.setting = identity::Setting::Agency;
    agency.place_name = "Trà Vinh";
    const auto text = text_of(register_document(agency, std::nullopt, 2024, 1, {}));
    EXPECT_FALSE(has(text, "10/2022/QH15")) << text;
    EXPECT_FALSE(has(text, "thôn, tổ dân phố")) << text;
    EXPECT_TRUE(has(text, "niêm yết tại trụ sở cơ quan")) << text;
}

TEST(RegisterDocument, AnEmptyQuarterSaysSo) {
    const auto text = text_of(register_document(commune(), std::nullopt, 2025, 4, {}));
    EXPECT_TRUE(has(text, "quý IV năm 2025"));
    EXPECT_TRUE(has(text, "không có thông tin nào được công khai"));
}

TEST(RegisterDocument, AnAgencyIssuesUnderItsParent) {
    identity::Organisation agency;
    agency.name = "Sở Thông tin và Truyền thông";
    agency.short_name = "STTTT";
    agency.kind = identity::OrgKind::Agency;
    identity::Organisation province;
    province.name = "Ủy ban nhân dân tỉnh Trà Vinh";
    province.place_name = "Trà Vinh";
    const auto text = text_of(register_document(agency, province, 2021, 3, {}));
    EXPECT_TRUE(has(text, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")) << text;
    EXPECT_TRUE(has(text, "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH")) << text;
    EXPECT_TRUE(has(text, "/TB-STTTT")) << text;
    EXPECT_TRUE(has(text, "Trà Vinh, ngày")) << text;
}

}  // namespace
}  // namespace danchu::disclosures
