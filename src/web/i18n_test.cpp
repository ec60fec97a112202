#include "web/i18n.hpp"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace danchu::web {
namespace {

TEST(Locale, NegotiationPrefersPersonThenQueryThenHeader) {
    EXPECT_EQ(negotiate(Locale::En, "vi", "vi"), Locale::En);
    EXPECT_EQ(negotiate(std::nullopt, "en", "vi-VN"), Locale::En);
    EXPECT_EQ(negotiate(std::nullopt, "", "fr-FR, en;q=0.8, vi;q=0.9"), Locale::Vi);
    EXPECT_EQ(negotiate(std::nullopt, "", "en-GB,en;q=0.9"), Locale::En);
    EXPECT_EQ(negotiate(std::nullopt, "xx", "de"), Locale::Vi);
    EXPECT_EQ(negotiate(std::nullopt, "", "en;q=abc"), Locale::Vi);
}

Catalog load_shipped() {
    auto c = Catalog::load(embedded_files());
    EXPECT_TRUE(c) << (c ? "" : c.error().detail);
    return std::move(*c);
}

TEST(Catalog, ShippedCatalogsHaveTheSameKeys) {
    auto c = load_shipped();
    EXPECT_GT(c.size(), 10u);
    EXPECT_EQ(c.messages(Locale::Vi).size(), c.messages(Locale::En).size());
}

TEST(Catalog, VietnameseMessagesAreNfc) {
    auto c = load_shipped();
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfc = icu::Normalizer2::getNFCInstance(status);
    ASSERT_TRUE(U_SUCCESS(status));
    for (const auto& [key, text] : c.messages(Locale::Vi)) {
        auto u = icu::UnicodeString::fromUTF8(text);
        EXPECT_TRUE(nfc->isNormalized(u, status)) << key;
    }
}

TEST(Catalog, MismatchedKeysAreRejected) {
    const EmbeddedFile files[] = {{"data/i18n/en.toml", "[a]\nx = \"X\"\n"},
                                  {"data/i18n/vi.toml", "[a]\nx = \"X\"\ny = \"Y\"\n"}};
    auto c = Catalog::load(files);
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail.find("a.y"), std::string::npos);
}

TEST(Catalog, ModuleCatalogsMergeButMayNotRedefineAKey) {
    const EmbeddedFile shared[] = {{"data/i18n/en.toml", "[a]\nx = \"X\"\n"},
                                   {"data/i18n/vi.toml", "[a]\nx = \"X vi\"\n"}};
    const EmbeddedFile module[] = {{"modules/m/i18n/en.toml", "[m]\ny = \"Y\"\n"},
                                   {"modules/m/i18n/vi.toml", "[m]\ny = \"Y vi\"\n"}};
    auto c = Catalog::load_all({shared, module});
    ASSERT_TRUE(c) << c.error().detail;
    EXPECT_EQ(c->text(Locale::Vi, "m.y"), "Y vi");
    EXPECT_EQ(c->text(Locale::En, "a.x"), "X");
    const EmbeddedFile clash[] = {{"modules/n/i18n/en.toml", "[a]\nx = \"again\"\n"},
                                  {"modules/n/i18n/vi.toml", "[a]\nx = \"lần nữa\"\n"}};
    auto dup = Catalog::load_all({shared, clash});
    ASSERT_FALSE(dup);
    EXPECT_NE(dup.error().detail.find("defined twice"), std::string::npos);
}

TEST(Catalog, InvalidTomlIsRejected) {
    const EmbeddedFile files[] = {{"data/i18n/en.toml", "[a\n"}, {"data/i18n/vi.toml", "[a]\n"}};
    EXPECT_FALSE(Catalog::load(files));
}

TEST(Catalog, FormatFillsPlaceholdersAndUnknownKeyShowsItself) {
    auto c = load_shipped();
    auto s = c.format(Locale::Vi, "error.payload_too_large", {{"setting", "http.body_limit"}});
    EXPECT_NE(s.find("http.body_limit"), std::string::npos);
    EXPECT_EQ(s.find("{setting}"), std::string::npos);
    EXPECT_EQ(c.text(Locale::En, "no.such.key"), "no.such.key");
}

}  // namespace
}  // namespace danchu::web
