#pragma once
// Item bodies are Markdown (CommonMark, rendered with cmark), so an office can post lists,
// tables of figures as lists, emphasis and links the way it writes them, and a plain-text body
// still reads as it was typed (every line break is kept). The output is safe to place in a page
// as it is: raw HTML in the body is dropped and links or images with javascript:, vbscript:,
// file: or non-image data: URLs lose their target — cmark's default (what CMARK_OPT_SAFE meant
// before it became the default; CMARK_OPT_UNSAFE is never passed).

#include <string>
#include <string_view>

namespace danchu::disclosures {

[[nodiscard]] std::string markdown_html(std::string_view markdown);

}  // namespace danchu::disclosures
