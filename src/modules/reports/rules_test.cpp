// The law a report period falls under (R-SRC-01, R-SRC-04, R-SRC-06) and the topic table.
#include <gtest/gtest.h>

#include "modules/reports/api.hpp"

namespace danchu::reports {
namespace {

identity::Organisation org_with(identity::Setting s) {
    identity::Organisation o;
    o.setting = s;
    return o;
}

bool cites(const LegalFramework& f, const std::string& text) {
    for (const auto& i : f.instruments)
        if (i.find(text) != std::string::npos) return true;
    return false;
}

TEST(LegalFramework, AgencyBefore2023UsesDecree04_R_SRC_04) {
    const auto f = legal_framework(org_with(identity::Setting::Agency), 2021);
    EXPECT_TRUE(cites(f, "Nghị định số 04/2015/NĐ-CP"));
    EXPECT_FALSE(cites(f, "10/2022/QH15"));
    EXPECT_EQ(f.abstract_text,
              "Kết quả thực hiện dân chủ ở cơ sở năm 2021 và nhiệm vụ trọng tâm năm 2022");
}

TEST(LegalFramework, CommuneBefore2023UsesOrdinance34_R_SRC_01) {
    const auto f = legal_framework(org_with(identity::Setting::Commune), 2022);
    EXPECT_TRUE(cites(f, "Pháp lệnh số 34/2007/PL-UBTVQH11"));
    EXPECT_FALSE(cites(f, "10/2022/QH15"));
}

TEST(LegalFramework, Year2023CitesBothWithTheirPeriods_R_SRC_01) {
    const auto f = legal_framework(org_with(identity::Setting::Agency), 2023);
    ASSERT_EQ(f.instruments.size(), 2u);
    EXPECT_NE(f.instruments[0].find("(đến hết tháng 6/2023)"), std::string::npos);
    EXPECT_NE(f.instruments[1].find("Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"),
              std::string::npos);
    EXPECT_NE(f.instruments[1].find("(từ tháng 7/2023)"), std::string::npos);
}

TEST(LegalFramework, After2023OnlyTheLaw_R_SRC_01) {
    const auto f = legal_framework(org_with(identity::Setting::Commune), 2025);
    EXPECT_TRUE(cites(f, "10/2022/QH15"));
    EXPECT_TRUE(cites(f, "59/2023/NĐ-CP"));
    EXPECT_FALSE(cites(f, "34/2007"));
}

TEST(LegalFramework, EnterpriseUsesLabourTrack_R_SRC_06) {
    const auto f = legal_framework(org_with(identity::Setting::Enterprise), 2021);
    EXPECT_TRUE(cites(f, "145/2020/NĐ-CP"));
}

TEST(Topics, NamesRoundTrip) {
    for (Topic t : kAllTopics) {
        EXPECT_EQ(parse_topic(to_string(t)), t);
        EXPECT_FALSE(topic_title(t).empty());
    }
    EXPECT_FALSE(parse_topic("nothing"));
    EXPECT_TRUE(is_narrative_section("danh_gia"));
    EXPECT_FALSE(is_narrative_section("x"));
    EXPECT_EQ(parse_format("pdf"), Format::Pdf);
    EXPECT_EQ(parse_format("xlsx"), Format::Xlsx);
    EXPECT_FALSE(parse_format("odt"));
}

}  // namespace
}  // namespace danchu::reports
