// Item bodies: Markdown rendered by cmark, with no way to put script into a page.

#include "modules/disclosures/markdown.hpp"

#include <gtest/gtest.h>

namespace danchu::disclosures {
namespace {

bool has(const std::string& html, std::string_view part) {
    return html.find(part) != std::string::npos;
}

TEST(Markdown, RendersListsEmphasisAndKeepsPlainLines) {
    const auto html = markdown_html("Dự toán **năm 2026**:\n\n- Chi thường xuyên\n- Chi đầu tư\n");
    EXPECT_TRUE(has(html, "<strong>năm 2026</strong>"));
    EXPECT_TRUE(has(html, "<li>Chi thường xuyên</li>"));
    const auto plain = markdown_html("Dòng một\nDòng hai");
    EXPECT_TRUE(has(plain, "Dòng một<br />\nDòng hai")) << plain;
}

TEST(Markdown, RawHtmlIsDroppedSoNoScriptReachesThePage) {
    for (const char* body :
         {"<script>alert(1)</script>", "Phí chợ <script>alert(1)</script>",
          "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
          "<iframe src=\"https://evil.example\"></iframe>", "<svg onload=alert(1)>",
          "<SCRIPT>alert(1)</SCRIPT>", "<div\nonclick=alert(1)>x</div>"}) {
        const auto html = markdown_html(body);
        EXPECT_FALSE(has(html, "<script") || has(html, "<SCRIPT")) << body;
        EXPECT_FALSE(has(html, "onerror=") || has(html, "onload=") || has(html, "onclick="))
            << body << " → " << html;
        EXPECT_FALSE(has(html, "<iframe") || has(html, "<img") || has(html, "<svg")) << body;
    }
    // Text that merely mentions a tag is shown, escaped.
    EXPECT_TRUE(has(markdown_html("dùng `<script>` là sai"), "<code>&lt;script&gt;</code>"));
}

TEST(Markdown, DangerousLinkTargetsAreRemoved) {
    for (const char* body :
         {"[bấm](javascript:alert(1))", "[bấm](JAVASCRIPT:alert(1))", "[bấm](vbscript:msgbox)",
          "[bấm](data:text/html;base64,PHNjcmlwdD4=)", "![ảnh](javascript:alert(1))",
          "<javascript:alert(1)>", "[bấm](file:///etc/passwd)"}) {
        const auto html = markdown_html(body);
        // The text may still read "javascript:..."; no href or src may point there.
        for (const char* attr : {"href=\"", "src=\""}) {
            for (auto at = html.find(attr); at != std::string::npos; at = html.find(attr, at + 1)) {
                const auto value = html.substr(at + std::string_view(attr).size(), 12);
                EXPECT_TRUE(value.starts_with("\"")) << body << " → " << html;
            }
        }
    }
    EXPECT_TRUE(has(markdown_html("[Cổng](https://travinh.gov.vn)"),
                    "<a href=\"https://travinh.gov.vn\">Cổng</a>"));
}

TEST(Markdown, InvalidUtf8AndNulDoNotPassThrough) {
    const auto html = markdown_html(std::string("a\xff\xfe b\0c", 7));
    EXPECT_FALSE(has(html, "\xff"));
    EXPECT_EQ(html.find('\0'), std::string::npos);
}

}  // namespace
}  // namespace danchu::disclosures
