// Official formatting: R-FMT-01..04, R-DOC-03..05.

#include "vn/format.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "vn/dates.hpp"

namespace danchu::vn {
namespace {

TEST(NumberFormat, DotGroupsThousandsCommaDecimals_R_FMT_01) {
    EXPECT_EQ(format_integer(1710000), "1.710.000");
    EXPECT_EQ(format_integer(0), "0");
    EXPECT_EQ(format_integer(999), "999");
    EXPECT_EQ(format_integer(1000), "1.000");
    EXPECT_EQ(format_integer(-1234567), "-1.234.567");
    EXPECT_EQ(format_integer(std::numeric_limits<std::int64_t>::min()),
              "-9.223.372.036.854.775.808");
    EXPECT_EQ(format_decimal(1234567.891, 2), "1.234.567,89");
    EXPECT_EQ(format_decimal(0.5, 1), "0,5");
    EXPECT_EQ(format_decimal(-12.26, 1), "-12,3");
    EXPECT_EQ(format_decimal(12.0, 0), "12");
}

TEST(NumberFormat, PercentWithoutSpace_R_FMT_01) {
    EXPECT_EQ(format_percent(12.5), "12,5%");
    EXPECT_EQ(format_percent(100), "100%");
    EXPECT_EQ(format_percent(33.333), "33,33%");
    EXPECT_EQ(format_percent(1234.5, 1), "1.234,5%");
}

TEST(MoneyFormat, DongWithZeroFractionDigits_R_FMT_03) {
    EXPECT_EQ(format_money(1710000), "1.710.000 đồng");
    EXPECT_EQ(format_money(0), "0 đồng");
}

struct WordsCase {
    std::int64_t value;
    const char* words;
};

TEST(NumberWords, ReadsVietnameseNumbers_R_FMT_03) {
    const WordsCase cases[] = {
        {0, "không"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {14, "mười bốn"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi tư"},
        {25, "hai mươi lăm"},
        {55, "năm mươi lăm"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {115, "một trăm mười lăm"},
        {121, "một trăm hai mươi mốt"},
        {1000, "một nghìn"},
        {1001, "một nghìn không trăm linh một"},
        {1010, "một nghìn không trăm mười"},
        {1100, "một nghìn một trăm"},
        {15000, "mười lăm nghìn"},
        {21000, "hai mươi mốt nghìn"},
        {1710000, "một triệu bảy trăm mười nghìn"},
        {1000005, "một triệu không trăm linh năm"},
        {2000000000, "hai tỷ"},
        {1000000000000LL, "một nghìn tỷ"},
        {1000000000000000LL, "một triệu tỷ"},
        {1000000000000000000LL, "một tỷ tỷ"},
        {999999999999999999LL,
         "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín "
         "tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi "
         "chín"},
        {1234567891011LL,
         "một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi mốt "
         "nghìn không trăm mười một"},
        {5000000001LL, "năm tỷ không trăm linh một"},
        {-45, "âm bốn mươi lăm"},
    };
    for (const auto& c : cases) EXPECT_EQ(number_in_words(c.value), c.words) << c.value;
}

TEST(NumberWords, LeStyle) {
    EXPECT_EQ(number_in_words(105, ZeroTens::Le), "một trăm lẻ năm");
    EXPECT_EQ(number_in_words(2004, ZeroTens::Le), "hai nghìn không trăm lẻ bốn");
}

TEST(NumberWords, WholeInt64RangeDoesNotOverflow) {
    EXPECT_EQ(number_in_words(std::numeric_limits<std::int64_t>::max()),
              "chín tỷ tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi "
              "sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy");
    EXPECT_FALSE(number_in_words(std::numeric_limits<std::int64_t>::min()).empty());
}

TEST(MoneyWords, SentenceFormWithDong_R_FMT_03) {
    EXPECT_EQ(money_in_words(1710000), "Một triệu bảy trăm mười nghìn đồng");
    EXPECT_EQ(money_in_words(0), "Không đồng");
    EXPECT_EQ(money_in_words(-5), "Âm năm đồng");
    EXPECT_EQ(money_in_words(800000), "Tám trăm nghìn đồng");
}

TEST(DateFormat, LeadingZeroForDaysUnder10AndMonths1And2_R_DOC_05) {
    EXPECT_EQ(format_date(make_date(2021, 11, 4)), "ngày 04 tháng 11 năm 2021");
    EXPECT_EQ(format_date(make_date(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
    EXPECT_EQ(format_date(make_date(2021, 2, 15)), "ngày 15 tháng 02 năm 2021");
    EXPECT_EQ(format_date(make_date(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
    EXPECT_EQ(format_date(make_date(2020, 3, 5)), "ngày 05 tháng 3 năm 2020");
    EXPECT_EQ(format_date(make_date(2025, 12, 31)), "ngày 31 tháng 12 năm 2025");
}

TEST(DateFormat, PlaceAndDateLine_R_DOC_05) {
    EXPECT_EQ(place_date_line("Trà Vinh", make_date(2021, 11, 4)),
              "Trà Vinh, ngày 04 tháng 11 năm 2021");
}

const AbbreviationTable& table() {
    static const AbbreviationTable t = *AbbreviationTable::load();
    return t;
}

TEST(Abbreviations, Nd30TableExactCase_R_DOC_03) {
    const std::pair<const char*, const char*> expected[] = {
        {"Nghị quyết", "NQ"},   {"Quyết định", "QĐ"},       {"Chỉ thị", "CT"},
        {"Quy chế", "QC"},      {"Quy định", "QyĐ"},        {"Thông cáo", "TC"},
        {"Thông báo", "TB"},    {"Hướng dẫn", "HD"},        {"Chương trình", "CTr"},
        {"Kế hoạch", "KH"},     {"Phương án", "PA"},        {"Đề án", "ĐA"},
        {"Dự án", "DA"},        {"Báo cáo", "BC"},          {"Biên bản", "BB"},
        {"Tờ trình", "TTr"},    {"Hợp đồng", "HĐ"},         {"Công điện", "CĐ"},
        {"Bản ghi nhớ", "BGN"}, {"Bản thỏa thuận", "BTT"},  {"Giấy ủy quyền", "GUQ"},
        {"Giấy mời", "GM"},     {"Giấy giới thiệu", "GGT"}, {"Giấy nghỉ phép", "GNP"},
        {"Phiếu gửi", "PG"},    {"Phiếu chuyển", "PC"},     {"Phiếu báo", "PB"},
        {"Bản sao y", "SY"},    {"Bản trích sao", "TrS"},   {"Bản sao lục", "SL"},
    };
    for (const auto& [name, abbreviation] : expected) {
        const auto* row = table().find(name);
        ASSERT_NE(row, nullptr) << name;
        EXPECT_EQ(row->abbreviation, abbreviation) << name;
    }
    EXPECT_EQ(table().find("Công văn")->abbreviation, "");
    EXPECT_EQ(table().find("Thư công")->abbreviation, "");
    EXPECT_EQ(table().find_abbreviation("CV"), nullptr);
    EXPECT_EQ(table().find_abbreviation("KL"), nullptr);
    EXPECT_EQ(table().find_abbreviation("HD")->name, "Hướng dẫn");
    EXPECT_EQ(table().find_abbreviation("HĐ")->name, "Hợp đồng");
    EXPECT_EQ(table().find("kế hoạch")->abbreviation, "KH");
}

TEST(DocumentNumber, NumberAndSymbol_R_DOC_04) {
    EXPECT_EQ(*document_number(5, *document_symbol(table(), "Báo cáo", "STTTT")),
              "Số: 05/BC-STTTT");
    EXPECT_EQ(*document_number(15, *document_symbol(table(), "Quyết định", "BNV")),
              "Số: 15/QĐ-BNV");
    EXPECT_EQ(*document_number(5, *document_symbol(table(), "Công văn", "BNV", "VP")),
              "Số: 05/BNV-VP");
    EXPECT_EQ(*document_symbol(table(), "Kế hoạch", "STTTT", "VP"), "KH-STTTT-VP");
    EXPECT_EQ(*document_number(1234, "QĐ-UBND"), "Số: 1234/QĐ-UBND");  // never grouped
}

TEST(DocumentNumber, RejectsBadInput_R_DOC_04) {
    EXPECT_FALSE(document_symbol(table(), "Công văn", "BNV"));
    EXPECT_FALSE(document_symbol(table(), "Kết luận", "TW"));
    EXPECT_FALSE(document_symbol(table(), "Báo cáo", ""));
    EXPECT_FALSE(document_number(0, "BC-STTTT"));
}

}  // namespace
}  // namespace danchu::vn
