#include "modules/disclosures/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace danchu::disclosures {

std::string markdown_html(std::string_view markdown) {
    // HARDBREAKS: bodies written as plain text keep their lines. VALIDATE_UTF8: invalid bytes
    // become U+FFFD instead of reaching the page. No CMARK_OPT_UNSAFE: raw HTML and dangerous
    // URLs are dropped.
    constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8;
    std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(markdown.data(), markdown.size(), kOptions), &std::free);
    return html ? std::string(html.get()) : std::string{};
}

}  // namespace danchu::disclosures
