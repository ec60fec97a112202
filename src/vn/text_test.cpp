// Text: NFC at the boundary, folding, slugs, Vietnamese collation and name order.

#include "vn/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace danchu::vn {
namespace {

TEST(TextFold, RemovesAllMarksAndMapsDStroke) {
    EXPECT_EQ(fold("Đường Quy chế dân chủ"), "duong quy che dan chu");
    EXPECT_EQ(remove_marks("Đường Quy chế dân chủ"), "Duong Quy che dan chu");
    EXPECT_EQ(fold("àáảãạăằắẳẵặâầấẩẫậ"), "aaaaaaaaaaaaaaaaa");
    EXPECT_EQ(fold("èéẻẽẹêềếểễệ"), "eeeeeeeeeee");
    EXPECT_EQ(fold("ìíỉĩị"), "iiiii");
    EXPECT_EQ(fold("òóỏõọôồốổỗộơờớởỡợ"), "ooooooooooooooooo");
    EXPECT_EQ(fold("ùúủũụưừứửữự"), "uuuuuuuuuuu");
    EXPECT_EQ(fold("ỳýỷỹỵ"), "yyyyy");
    EXPECT_EQ(fold("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐ"), "aaaaaaaaaaaaaaaaad");
    EXPECT_EQ(fold("ƯỚC ĐOÁN"), "uoc doan");
}

TEST(TextFold, FoldsDecomposedInputTheSame) {
    // "Việt" with combining marks (NFD): e + U+0323 + U+0302.
    const std::string decomposed = "Vie\xCC\xA3\xCC\x82t";
    EXPECT_EQ(fold(decomposed), "viet");
    EXPECT_EQ(fold(nfc(decomposed)), "viet");
}

TEST(TextFold, KeepsOtherCharacters) {
    EXPECT_EQ(fold("Số 23/KH-UBND, ngày 24/3"), "so 23/kh-ubnd, ngay 24/3");
    EXPECT_EQ(fold("“Dân vận khéo” – 100%"), "“dan van kheo” – 100%");
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold("\xFF"), "\xEF\xBF\xBD");  // invalid byte → U+FFFD
}

TEST(TextNfc, ComposesDecomposedVietnamese) {
    EXPECT_EQ(nfc("Vie\xCC\xA3\xCC\x82t Nam"), "Việt Nam");
    EXPECT_EQ(nfc("Việt Nam"), "Việt Nam");
}

TEST(TextSlug, LowercaseAsciiWithDashes) {
    EXPECT_EQ(slug("Quy chế dân chủ ở cơ sở 2025"), "quy-che-dan-chu-o-co-so-2025");
    EXPECT_EQ(slug("  Kế hoạch số 23/KH-UBND!  "), "ke-hoach-so-23-kh-ubnd");
    EXPECT_EQ(slug("Đ"), "d");
    EXPECT_EQ(slug("---"), "");
}

TEST(TextCollation, VietnameseAlphabetOrder) {
    EXPECT_LT(compare_vi("a", "ă"), 0);
    EXPECT_LT(compare_vi("ă", "â"), 0);
    EXPECT_LT(compare_vi("â", "b"), 0);
    EXPECT_LT(compare_vi("d", "đ"), 0);
    EXPECT_LT(compare_vi("đ", "e"), 0);
    EXPECT_LT(compare_vi("o", "ô"), 0);
    EXPECT_LT(compare_vi("ô", "ơ"), 0);
    EXPECT_LT(compare_vi("u", "ư"), 0);
    EXPECT_EQ(compare_vi("Việt", "Việt"), 0);
    std::vector<std::string> words{"Đào", "Dương", "Ân", "An", "Bình", "Ăn"};
    sort_vi(words);
    EXPECT_EQ(words, (std::vector<std::string>{"An", "Ăn", "Ân", "Bình", "Dương", "Đào"}));
}

TEST(PersonNames, SplitFamilyMiddleGiven) {
    const auto n = split_person_name("Nguyễn Thị Minh Khai");
    EXPECT_EQ(n.family, "Nguyễn");
    EXPECT_EQ(n.middle, "Thị Minh");
    EXPECT_EQ(n.given, "Khai");
    EXPECT_EQ(split_person_name("Lan").given, "Lan");
    EXPECT_EQ(split_person_name("Lan").family, "");
}

TEST(PersonNames, SortedByGivenNameThenFamilyThenMiddle) {
    std::vector<std::string> people{"Lê Văn Cường", "Trần Thị Bình", "Nguyễn Văn An",
                                    "Đỗ Thị An",    "Nguyễn Thị An", "Bùi Đức Ánh"};
    sort_person_names(people);
    EXPECT_EQ(people, (std::vector<std::string>{"Đỗ Thị An", "Nguyễn Thị An", "Nguyễn Văn An",
                                                "Bùi Đức Ánh", "Trần Thị Bình", "Lê Văn Cường"}));
}

TEST(Collation, SortKeyBytesFollowTheVietnameseOrder) {
    // a < ă < â, d < đ, tones ordered: the keys compared as plain bytes agree with compare_vi.
    const std::vector<std::string> words{"an", "ăn",  "ân", "da",  "đa",  "ma",  "mà",
                                         "má", "mả",  "mã", "mạ",  "Mai", "mai", "Zoom",
                                         "",   "a b", "ab", "Ánh", "Anh", "ANH", "đường"};
    for (const auto& a : words)
        for (const auto& b : words) {
            const int bytes = sort_key_vi(a).compare(sort_key_vi(b));
            const int coll = compare_vi(a, b);
            EXPECT_EQ(bytes < 0, coll < 0) << a << " / " << b;
            EXPECT_EQ(bytes == 0, coll == 0) << a << " / " << b;
        }
    EXPECT_TRUE(sort_key_vi("đa").find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST(PersonNames, StoredKeysPutPeopleInGivenNameOrder) {
    std::vector<std::string> people{"Lê Văn Cường", "Trần Thị Bình", "Nguyễn Văn An",
                                    "Bùi Đức Ánh",  "Hà Văn Anh",    "Phạm Minh Đức "};
    std::sort(people.begin(), people.end(),
              [](const auto& a, const auto& b) { return person_sort_key(a) < person_sort_key(b); });
    // One key for the whole reordered name: the family name's letters weigh more than the
    // given name's marks, so "Ánh Bùi" comes before "Anh Hà" (field by field, as
    // compare_person_names does, Anh would come first).
    EXPECT_EQ(people,
              (std::vector<std::string>{"Nguyễn Văn An", "Bùi Đức Ánh", "Hà Văn Anh",
                                        "Trần Thị Bình", "Lê Văn Cường", "Phạm Minh Đức "}));
    EXPECT_EQ(person_sort_key("An"), sort_key_vi("An"));
    EXPECT_EQ(person_sort_key("Nguyễn Văn An  "), sort_key_vi("An Nguyễn Văn"));
}

}  // namespace
}  // namespace danchu::vn
