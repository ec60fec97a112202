#include "web/render.hpp"

#include <gtest/gtest.h>

namespace danchu::web {
namespace {

const EmbeddedFile kCatalog[] = {
    {"data/i18n/en.toml", "[t]\nhello = \"Hello <you>\"\n"},
    {"data/i18n/vi.toml", "[t]\nhello = \"Xin chào <bạn>\"\n"},
};

TEST(Renderer, TranslatesMarkersOncePerLocaleAndEscapes) {
    auto catalog = Catalog::load(kCatalog);
    ASSERT_TRUE(catalog);
    Renderer r(*catalog);
    const EmbeddedFile files[] = {{"x/templates/page.mustache", "<p>{{t:t.hello}} {{name}}</p>"}};
    ASSERT_TRUE(r.add_templates(files));
    Data d;
    d.set("name", "<script>");
    auto vi = r.render(Locale::Vi, "x/page", d);
    ASSERT_TRUE(vi);
    EXPECT_EQ(*vi, "<p>Xin chào &lt;bạn&gt; &lt;script&gt;</p>");
    auto en = r.render(Locale::En, "x/page", d);
    ASSERT_TRUE(en);
    EXPECT_EQ(*en, "<p>Hello &lt;you&gt; &lt;script&gt;</p>");
}

TEST(Renderer, UnknownMessageKeyFailsRegistration) {
    auto catalog = Catalog::load(kCatalog);
    Renderer r(*catalog);
    const EmbeddedFile files[] = {{"templates/bad.mustache", "{{t:t.nope}}"}};
    auto st = r.add_templates(files);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().detail.find("t.nope"), std::string::npos);
    EXPECT_FALSE(r.has("bad"));
}

TEST(Renderer, MalformedTemplateFailsRegistration) {
    auto catalog = Catalog::load(kCatalog);
    Renderer r(*catalog);
    const EmbeddedFile files[] = {{"templates/bad.mustache", "{{#open}}never closed"}};
    EXPECT_FALSE(r.add_templates(files));
}

TEST(Renderer, RenderPageWrapsLayoutWithUnescapedContent) {
    auto catalog = Catalog::load(kCatalog);
    Renderer r(*catalog);
    const EmbeddedFile files[] = {
        {"templates/layout.mustache", "<main>{{{content}}}</main>{{title}}"},
        {"templates/home.mustache", "<h1>{{h}}</h1>"}};
    ASSERT_TRUE(r.add_templates(files));
    Data d, layout;
    d.set("h", "A&B");
    layout.set("title", "T");
    auto html = r.render_page(Locale::Vi, "home", d, layout);
    ASSERT_TRUE(html);
    EXPECT_EQ(*html, "<main><h1>A&amp;B</h1></main>T");
}

TEST(Renderer, MissingTemplateIsAnError) {
    auto catalog = Catalog::load(kCatalog);
    Renderer r(*catalog);
    EXPECT_FALSE(r.render(Locale::Vi, "nothing", Data{}));
}

TEST(Renderer, ShippedTemplatesRegister) {
    auto catalog = Catalog::load(embedded_files());
    ASSERT_TRUE(catalog);
    Renderer r(*catalog);
    auto st = r.add_templates(embedded_files());
    ASSERT_TRUE(st) << st.error().detail;
    EXPECT_TRUE(r.has("layout"));
    EXPECT_TRUE(r.has("error"));
}

}  // namespace
}  // namespace danchu::web
