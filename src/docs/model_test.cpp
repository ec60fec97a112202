// The document model's rules, one test per requirement of NĐ 30/2020 (legal-spec §4.8).
#include "docs/model.hpp"

#include <gtest/gtest.h>

#include "docs/sample.hpp"

namespace danchu::docs {
namespace {

using namespace std::chrono;

const vn::AbbreviationTable& table() {
    static const vn::AbbreviationTable t = vn::AbbreviationTable::load().value();
    return t;
}

Prepared prepared(const Document& d) {
    auto p = prepare(d, table());
    EXPECT_TRUE(p) << (p ? "" : p.error().message_key);
    return p ? *p : Prepared{};
}

TEST(DocumentModel, NumberTakesLeadingZeroAndTypeSymbol_R_DOC_04) {
    Document d = sample_document();
    d.number = 1;
    d.unit_abbreviation.clear();
    EXPECT_EQ(prepared(d).number_line, "Số: 01/BC-STTTT");
    d.number = 15;
    EXPECT_EQ(prepared(d).number_line, "Số: 15/BC-STTTT");
    d.unit_abbreviation = "VP";  // the seed's local practice: drafting unit appended
    d.number = 30;
    d.type_name = "Kế hoạch";
    EXPECT_EQ(prepared(d).number_line, "Số: 30/KH-STTTT-VP");
    d.number = 0;
    EXPECT_FALSE(prepare(d, table()));
}

TEST(DocumentModel, DraftLeavesNumberAndDayForTheRecordsOffice_R_DOC_04) {
    Document d = sample_document();
    d.number.reset();
    d.date.reset();
    d.draft_year = 2021;
    const Prepared p = prepared(d);
    EXPECT_EQ(p.number_line, "Số:      /BC-STTTT-VP");
    EXPECT_EQ(p.date_line, "Trà Vinh, ngày     tháng     năm 2021");
}

TEST(DocumentModel, DateLineLeadingZeros_R_DOC_05) {
    Document d = sample_document();
    EXPECT_EQ(prepared(d).date_line, "Trà Vinh, ngày 04 tháng 11 năm 2021");
    d.date = year{2020} / January / day{5};
    EXPECT_EQ(prepared(d).date_line, "Trà Vinh, ngày 05 tháng 01 năm 2020");
    d.date = year{2021} / February / day{15};
    EXPECT_EQ(prepared(d).date_line, "Trà Vinh, ngày 15 tháng 02 năm 2021");
    d.date = year{2019} / June / day{29};
    EXPECT_EQ(prepared(d).date_line, "Trà Vinh, ngày 29 tháng 6 năm 2019");
}

TEST(DocumentModel, OnlyNd30TypesAreAccepted_R_DOC_01) {
    Document d = sample_document();
    d.type_name = "Kết luận";  // a Party type, not an NĐ 30 type
    auto p = prepare(d, table());
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().message_key, "docs.error.unknown_type");
    d.type_name = "Bản sao y";  // a copy form, not a document type
    EXPECT_FALSE(prepare(d, table()));
}

TEST(DocumentModel, CongVanHasNoTypeAbbreviationAndAbstractAfterVv_R_DOC_04) {
    Document d = sample_document();
    d.type_name = "Công văn";
    d.unit_abbreviation = "VP";
    d.abstract_text = "báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2021";
    const Prepared p = prepared(d);
    EXPECT_TRUE(p.is_cong_van);
    EXPECT_EQ(p.number_line, "Số: 05/STTTT-VP");
    EXPECT_EQ(p.abstract_text, "V/v báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2021");
    EXPECT_EQ(p.type_title, "");
    d.unit_abbreviation.clear();
    EXPECT_FALSE(prepare(d, table()));  // a công văn needs its drafting unit
    d.unit_abbreviation = "VP";
    d.abstract_text.clear();
    EXPECT_FALSE(prepare(d, table()));
}

TEST(DocumentModel, HeaderNamesUpperCase_R_DOC_06) {
    const Prepared p = prepared(sample_document());
    EXPECT_EQ(p.parent_body, "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH");
    EXPECT_EQ(p.body, "SỞ THÔNG TIN VÀ\nTRUYỀN THÔNG");
    EXPECT_EQ(upper_vi("Ủy ban nhân dân tỉnh Trà Vinh"), "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH");
    EXPECT_EQ(balance_lines("SỞ NỘI VỤ"), "SỞ NỘI VỤ");
    EXPECT_EQ(p.type_title, "BÁO CÁO");
    EXPECT_EQ(std::string(kMotto), "Độc lập - Tự do - Hạnh phúc");
}

TEST(DocumentModel, HeadingsRomanThenArabicRestarting_R_DOC_06) {
    const Prepared p = prepared(sample_document());
    std::vector<std::string> labels;
    for (const auto& b : p.blocks)
        if (b.kind == BlockKind::Heading1 || b.kind == BlockKind::Heading2)
            labels.push_back(b.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"I.", "1.", "2.", "II.", "III.", "IV.", "V."}));
    EXPECT_EQ(roman(4), "IV");
    EXPECT_EQ(roman(9), "IX");
    EXPECT_EQ(roman(14), "XIV");
}

TEST(DocumentModel, FootnotesNumberedThroughTheDocument) {
    const Prepared p = prepared(sample_document());
    ASSERT_EQ(p.footnotes.size(), 2u);
    EXPECT_EQ(p.footnotes[1], "4 biên chế công chức, 4 biên chế viên chức.");
}

TEST(DocumentModel, SignaturePrefixes_R_DOC_07) {
    Document d = sample_document();
    Prepared p = prepared(d);
    EXPECT_EQ(p.signature_authority, "KT. GIÁM ĐỐC");
    EXPECT_EQ(p.signature_position, "PHÓ GIÁM ĐỐC");
    EXPECT_EQ(p.signature_name, "Trần Thị Mẫu");
    d.signature = {Authority::TM, "Ủy ban nhân dân", "Chủ tịch", "Lê Văn Mẫu"};
    EXPECT_EQ(prepared(d).signature_authority, "TM. ỦY BAN NHÂN DÂN");
    d.signature = {Authority::TL, "Giám đốc", "Chánh Văn phòng", "X"};
    EXPECT_EQ(prepared(d).signature_authority, "TL. GIÁM ĐỐC");
    d.signature = {Authority::Q, "Giám đốc", "Phó Giám đốc", "X"};
    EXPECT_EQ(prepared(d).signature_authority, "Q. GIÁM ĐỐC");
    d.signature = {Authority::TUQ, "Chủ tịch", "Giám đốc", "X"};
    EXPECT_EQ(prepared(d).signature_authority, "TUQ. CHỦ TỊCH");
    d.signature = {Authority::Direct, "", "Giám đốc", "X"};
    EXPECT_EQ(prepared(d).signature_authority, "");
    d.signature = {Authority::KT, "", "Phó Giám đốc", "X"};
    EXPECT_FALSE(prepare(d, table()));
}

TEST(DocumentModel, DistributionEndsWithArchiveLine_R_DOC_08) {
    const Prepared p = prepared(sample_document());
    EXPECT_EQ(p.distribution, (std::vector<std::string>{"- Như trên;", "- Ban Giám đốc Sở;",
                                                        "- Trang TTĐT Sở;", "- Lưu: VT, VP."}));
    EXPECT_EQ(p.recipients, (std::vector<std::string>{"Sở Nội vụ tỉnh Trà Vinh."}));
    Document d = sample_document();
    d.recipients = {"Sở Nội vụ", "Ban Dân vận Tỉnh ủy"};
    EXPECT_EQ(prepared(d).recipients,
              (std::vector<std::string>{"- Sở Nội vụ;", "- Ban Dân vận Tỉnh ủy."}));
}

TEST(DocumentModel, LegalBasesEndWithSemicolonThenFullStop_R_DOC_06) {
    const Prepared p = prepared(sample_document());
    ASSERT_EQ(p.legal_bases.size(), 2u);
    EXPECT_EQ(p.legal_bases[0].back(), ';');
    EXPECT_EQ(p.legal_bases[1].back(), '.');
}

TEST(DocumentModel, UrgencyAndSecrecyMarks_R_DOC_09) {
    Document d = sample_document();
    d.urgency = Urgency::HoaToc;
    d.secrecy = Secrecy::ToiMat;
    d.circulation = "Lưu hành nội bộ";
    const Prepared p = prepared(d);
    EXPECT_EQ(p.urgency, "HỎA TỐC");
    EXPECT_EQ(p.secrecy, "TỐI MẬT");
    EXPECT_EQ(p.circulation, "LƯU HÀNH NỘI BỘ");
}

}  // namespace
}  // namespace danchu::docs
