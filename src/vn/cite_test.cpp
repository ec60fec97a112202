// Citations of legal and administrative documents (R-DOC-04, R-DOC-10), State and Party styles.

#include "vn/cite.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "vn/dates.hpp"

namespace danchu::vn {
namespace {

Citation only(std::string_view text) {
    const auto all = find_citations(text);
    EXPECT_EQ(all.size(), 1u) << text;
    return all.empty() ? Citation{} : all.front();
}

TEST(Citations, StatePlanWithDateAndIssuer_R_DOC_04) {
    const std::string text =
        "Thực hiện Kế hoạch số 23/KH-UBND ngày 24/3/2021 của Ủy ban nhân dân tỉnh “về việc…”";
    const auto c = only(text);
    EXPECT_EQ(c.type, "Kế hoạch");
    EXPECT_EQ(c.number, "23");
    EXPECT_EQ(c.symbol, "KH-UBND");
    EXPECT_EQ(c.issuer_code, "UBND");
    EXPECT_EQ(c.style, NumberingStyle::State);
    EXPECT_EQ(c.date, make_date(2021, 3, 24));
    EXPECT_EQ(c.year, 2021);
    EXPECT_EQ(c.issuer, "Ủy ban nhân dân tỉnh");
    EXPECT_EQ(text.substr(c.begin, c.end - c.begin), c.text);
    EXPECT_EQ(c.text, "Kế hoạch số 23/KH-UBND ngày 24/3/2021 của Ủy ban nhân dân tỉnh");
}

TEST(Citations, DecreeWithYearInNumberAndCommaBeforeDate_R_DOC_04) {
    const auto c = only("Nghị định số 04/2015/NĐ-CP, ngày 09/01/2015 của Chính phủ về thực hiện");
    EXPECT_EQ(c.type, "Nghị định");
    EXPECT_EQ(c.number, "04");
    EXPECT_EQ(c.year, 2015);
    EXPECT_EQ(c.reference, "04/2015/NĐ-CP");
    EXPECT_EQ(c.symbol, "NĐ-CP");
    EXPECT_EQ(c.date, make_date(2015, 1, 9));
    EXPECT_EQ(c.issuer, "Chính phủ");
}

TEST(Citations, PartyDirective_R_DOC_10) {
    const auto c = only("Chỉ thị số 30-CT/TW của Bộ Chính trị");
    EXPECT_EQ(c.type, "Chỉ thị");
    EXPECT_EQ(c.number, "30");
    EXPECT_EQ(c.symbol, "CT/TW");
    EXPECT_EQ(c.issuer_code, "TW");
    EXPECT_EQ(c.style, NumberingStyle::Party);
    EXPECT_FALSE(c.date);
    EXPECT_FALSE(c.year);
    EXPECT_EQ(c.issuer, "Bộ Chính trị");
}

TEST(Citations, Ordinance_R_DOC_04) {
    const auto c = only("Pháp lệnh số 34/2007/PL-UBTVQH11");
    EXPECT_EQ(c.type, "Pháp lệnh");
    EXPECT_EQ(c.number, "34");
    EXPECT_EQ(c.year, 2007);
    EXPECT_EQ(c.symbol, "PL-UBTVQH11");
}

TEST(Citations, OfficialLetterHasNoTypeAbbreviation_R_DOC_03) {
    const auto c = only("Công văn số 1753/SNV-XDCQCCTN ngày 04/11/2021 của Sở Nội vụ về việc");
    EXPECT_EQ(c.type, "Công văn");
    EXPECT_EQ(c.number, "1753");
    EXPECT_EQ(c.symbol, "SNV-XDCQCCTN");
    EXPECT_EQ(c.issuer_code, "SNV");
    EXPECT_EQ(c.issuer, "Sở Nội vụ");
}

TEST(Citations, PartyDecisionWithDate_R_DOC_10) {
    const auto c = only("Quyết định số 1893-QĐ/TU ngày 28/12/2016 của Ban Thường vụ Tỉnh ủy về");
    EXPECT_EQ(c.type, "Quyết định");
    EXPECT_EQ(c.number, "1893");
    EXPECT_EQ(c.symbol, "QĐ/TU");
    EXPECT_EQ(c.style, NumberingStyle::Party);
    EXPECT_EQ(c.date, make_date(2016, 12, 28));
    EXPECT_EQ(c.issuer, "Ban Thường vụ Tỉnh ủy");
}

TEST(Citations, TypeInferredFromSymbolAndLongDateForm) {
    const auto c = only("theo 188/1999/QĐ-TTg ngày 17 tháng 9 năm 1999");
    EXPECT_EQ(c.type, "Quyết định");
    EXPECT_EQ(c.symbol, "QĐ-TTg");
    EXPECT_EQ(c.date, make_date(1999, 9, 17));
}

TEST(Citations, IssuerStopsAtConjunctionAndNextCitation) {
    const auto all = find_citations(
        "Chỉ thị số 11/CT-UBND ngày 04/8/2021 của Chủ tịch Ủy ban nhân dân tỉnh và Kế hoạch số "
        "68/KH-UBND ngày 06/8/2021 của Ủy ban nhân dân tỉnh; Quyết định số 2361/QĐ-UBND ngày "
        "20/10/2021 của UBND tỉnh Ban hành Phương án");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].issuer, "Chủ tịch Ủy ban nhân dân tỉnh");
    EXPECT_EQ(all[1].issuer, "Ủy ban nhân dân tỉnh");
    EXPECT_EQ(all[2].issuer, "UBND tỉnh");
}

TEST(Citations, IgnoresDatesAndOtherNumbers) {
    EXPECT_TRUE(find_citations("ngày 24/3/2021, tháng 01/2021, COVID-19, giai đoạn 2021 - 2025, "
                               "100% công chức, 30/4 và 2/9")
                    .empty());
}

TEST(Citations, InvalidDateIsDropped) {
    const auto c = only("Kế hoạch số 5/KH-UBND ngày 31/2/2021");
    EXPECT_FALSE(c.date);
}

TEST(Citations, InvalidUtf8DoesNotCrash) {
    const std::string text = "Kế hoạch \xFF\xFE số 23/KH-UBND ngày 24/3/2021 \xC3";
    const auto all = find_citations(text);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].reference, "23/KH-UBND");
}

TEST(Citations, JsonLineHasAllFields) {
    const auto c = only("Chỉ thị số 30-CT/TW");
    const std::string json = to_json(c);
    for (const char* key :
         {"\"begin\"", "\"end\"", "\"text\"", "\"type\"", "\"number\"", "\"year\"", "\"symbol\"",
          "\"style\":\"party\"", "\"date\":null", "\"issuer\""}) {
        EXPECT_NE(json.find(key), std::string::npos) << key << " in " << json;
    }
}

TEST(Citations, SeedReportReferencesAreFound) {
    const std::filesystem::path seed{"../shared/seed/000_c4f4ab40cf23f3eb.txt"};
    if (!std::filesystem::exists(seed)) GTEST_SKIP() << "seed file absent: " << seed;
    std::ifstream in{seed, std::ios::binary};
    std::ostringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    const auto all = find_citations(text);
    EXPECT_GE(all.size(), 60u);
    for (const auto& c : all) {
        ASSERT_EQ(text.substr(c.begin, c.end - c.begin), c.text);
    }
    struct Expect {
        const char* reference;
        const char* type;
        std::optional<Date> date;
    };
    const Expect expected[] = {
        {"23/KH-UBND", "Kế hoạch", make_date(2021, 3, 24)},
        {"1753/SNV-XDCQCCTN", "Công văn", make_date(2021, 11, 4)},
        {"120-KL/TW", "Kết luận", make_date(2016, 1, 7)},
        {"30-CT/TW", "Chỉ thị", std::nullopt},
        {"34/2007/PL-UBTVQH11", "Pháp lệnh", std::nullopt},
        {"04/2015/NĐ-CP", "Nghị định", make_date(2015, 1, 9)},
        {"145/2020/NĐ-CP", "Nghị định", make_date(2020, 12, 14)},
        {"1893-QĐ/TU", "Quyết định", make_date(2016, 12, 28)},
        {"22-KH/ĐUK", "Kế hoạch", make_date(2021, 5, 28)},
        {"30/KH-STTTT-VP", "Kế hoạch", make_date(2021, 4, 7)},
        {"11/CT-UBND", "Chỉ thị", make_date(2021, 8, 4)},
        {"2361/QĐ-UBND", "Quyết định", make_date(2021, 10, 20)},
        {"22/TB-VPCP", "Thông báo", make_date(2021, 1, 30)},
        {"686/STTTT-TTBCXB", "Công văn", make_date(2021, 4, 29)},
        {"05-ĐA/TU", "Đề án", make_date(2018, 6, 21)},
        {"25-NQ/TW", "Nghị quyết", std::nullopt},
    };
    for (const auto& e : expected) {
        bool found = false;
        for (const auto& c : all) {
            if (c.reference != e.reference) continue;
            if (e.date && c.date != e.date) continue;
            found = true;
            EXPECT_EQ(c.type, e.type) << e.reference;
        }
        EXPECT_TRUE(found) << e.reference;
    }
}

}  // namespace
}  // namespace danchu::vn
