// Full-text search: the same finds on SQLite (FTS5, `danchu` tokenizer) and PostgreSQL
// (unaccent + tsvector), and no visitor input can break the query.

#include "storage/fulltext.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "storage/test_fixture.hpp"

namespace danchu::storage {
namespace {

using fulltext::parse;

TEST(FulltextParse, KeepsWordsAndDropsEveryOperator) {
    auto s = parse(R"(  "đường"  giao* -thông NEAR(nông, thôn) AND (a OR b) )");
    EXPECT_EQ(s.words, (std::vector<std::string>{"đường", "giao", "thông", "NEAR", "nông", "thôn",
                                                 "AND", "a", "OR", "b"}));
}

TEST(FulltextParse, NulQuotesAndInvalidUtf8SeparateWords) {
    const std::string raw = std::string("ab\0cd", 5) + "'ef\"gh\xff\xfeij";
    EXPECT_EQ(parse(raw).words, (std::vector<std::string>{"ab", "cd", "ef", "gh", "ij"}));
    EXPECT_TRUE(parse("*** --- ()\"\" \0").empty());
}

TEST(FulltextParse, DecomposedMarksStayInsideTheWord) {
    // "thông" typed as t h o + U+0302 (combining circumflex) + n g.
    EXPECT_EQ(parse("tho\xCC\x82ng tin").words, (std::vector<std::string>{"tho\xCC\x82ng", "tin"}));
}

TEST(FulltextParse, LongInputIsBounded) {
    std::string raw;
    for (int i = 0; i < 2000; ++i) raw += "giao ";
    EXPECT_EQ(parse(raw).words.size(), fulltext::kMaxWords);
    auto one = parse(std::string(10000, 'x'));
    ASSERT_EQ(one.words.size(), 1u);
    EXPECT_EQ(one.words[0].size(), fulltext::kMaxWordBytes);
    // A cut never splits a character: 'đ' is two bytes.
    std::string d;
    for (int i = 0; i < 100; ++i) d += "đ";
    EXPECT_EQ(parse(d).words[0].size() % 2, 0u);
}

TEST(FulltextQueryText, QuotesEveryWordAsAPrefix) {
    auto s = parse("giao tho");
    EXPECT_EQ(fulltext::query_text(Dialect::Sqlite, s), R"("giao"* "tho"*)");
    EXPECT_EQ(fulltext::query_text(Dialect::Postgres, s), "'giao':* & 'tho':*");
}

TEST(FulltextIndexName, OnlyPlainIdentifiers) {
    EXPECT_THROW((void)fulltext::match_rowids(Dialect::Sqlite, "x; DROP TABLE y", "q"),
                 std::invalid_argument);
    EXPECT_THROW((void)fulltext::index_ddl(Dialect::Postgres, "A"), std::invalid_argument);
}

class FulltextTest : public DialectTest {
  protected:
    void SetUp() override {
        DialectTest::SetUp();
        if (IsSkipped()) return;
        auto tx = db().begin(Access::Write);
        for (const auto& sql : fulltext::index_ddl(GetParam(), "notes_fts")) tx.session() << sql;
        put(tx, 1, "Đường giao thông nông thôn xã Tân Hòa");
        put(tx, 2, "Dự toán ngân sách năm 2021");
        put(tx, 3, "ĐƯỜNG ĐI VÀO TRƯỜNG HỌC");
        put(tx, 4, "Quyết định khen thưởng");
        ASSERT_TRUE(tx.commit().has_value());
    }

    void put(Transaction& tx, std::int64_t id, const std::string& doc) {
        ASSERT_TRUE(fulltext::put(tx, "notes_fts", id, doc).has_value());
    }

    std::set<std::int64_t> find(const std::string& raw) {
        auto search = fulltext::parse(raw);
        if (search.empty()) return {};
        auto tx = db().begin(Access::Read);
        std::string q = fulltext::query_text(GetParam(), search);
        std::set<std::int64_t> out;
        tx.each<std::int64_t>(
            fulltext::match_rowids(GetParam(), "notes_fts", "q") + " ORDER BY rowid",
            [&](std::int64_t id) { out.insert(id); }, use(q, "q"));
        return out;
    }
};

TEST_P(FulltextTest, FindsVietnameseWithoutMarksAndWithDStroke) {
    EXPECT_EQ(find("duong giao thong"), (std::set<std::int64_t>{1}));
    EXPECT_EQ(find("đường giao"), (std::set<std::int64_t>{1}));
    EXPECT_EQ(find("ĐƯỜNG"), (std::set<std::int64_t>{1, 3}));
    EXPECT_EQ(find("duong"), (std::set<std::int64_t>{1, 3}));
    EXPECT_EQ(find("Tan hoa"), (std::set<std::int64_t>{1}));
    EXPECT_EQ(find("du toan 2021"), (std::set<std::int64_t>{2}));
}

TEST_P(FulltextTest, EveryWordIsAPrefix) {
    EXPECT_EQ(find("giao tho"), (std::set<std::int64_t>{1}));
    EXPECT_EQ(find("ngan sa"), (std::set<std::int64_t>{2}));
    EXPECT_EQ(find("khen thuong quyet"), (std::set<std::int64_t>{4}));
    EXPECT_TRUE(find("giao khen").empty());  // all words must match
}

TEST_P(FulltextTest, DecomposedQueryFindsComposedText) {
    EXPECT_EQ(find("tho\xCC\x82ng"), (std::set<std::int64_t>{1}));
}

TEST_P(FulltextTest, RawInputNeverBreaksTheQuery) {
    for (const std::string& raw :
         {std::string(R"("duong)"), std::string("duong*"), std::string("NEAR(duong giao)"),
          std::string("-duong"), std::string("duong) OR (1"), std::string("'; DROP TABLE x; --"),
          std::string("duong\0giao", 10), std::string(10 * 1024, '('),
          std::string("\xff\xfe duong"), std::string("AND OR NOT"), std::string("“duong”"),
          std::string("duong:* | giao & !x <-> y")}) {
        EXPECT_NO_THROW((void)find(raw)) << raw.substr(0, 40);
    }
    EXPECT_EQ(find(R"("duong)"), (std::set<std::int64_t>{1, 3}));
    EXPECT_EQ(find("-duong (giao"), (std::set<std::int64_t>{1}));
    std::string big;
    for (int i = 0; i < 2000; ++i) big += "duong ";
    EXPECT_EQ(find(big), (std::set<std::int64_t>{1, 3}));
}

TEST_P(FulltextTest, PutReplacesAndRemoveDeletes) {
    {
        auto tx = db().begin(Access::Write);
        put(tx, 1, "Quy chế chi tiêu nội bộ");
        ASSERT_TRUE(fulltext::remove(tx, "notes_fts", 3).has_value());
        ASSERT_TRUE(tx.commit().has_value());
    }
    EXPECT_TRUE(find("duong").empty());
    EXPECT_EQ(find("chi tieu noi bo"), (std::set<std::int64_t>{1}));
}

DANCHU_FOR_EACH_DIALECT(FulltextTest);

}  // namespace
}  // namespace danchu::storage
