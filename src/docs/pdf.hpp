#pragma once
// The PDF writer: the same layout as the DOCX writer, typeset with Pango on a Cairo PDF
// surface. The font is asked for as "Times New Roman, 13" (R-DOC-06); fontconfig resolves it
// to Liberation Serif from Debian's fonts-liberation2 (metric-compatible, full Vietnamese
// coverage), and Cairo embeds the subsets, so the file prints the same everywhere. PDF 1.5
// (R-DOC-09 asks for ≥ 1.4). Page numbers are centred in the top margin from page 2.

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "docs/model.hpp"

namespace danchu::docs {

// Writes the PDF at `path`. Internal if Cairo cannot write it; returns the page count.
[[nodiscard]] Result<int> write_pdf(const Prepared& doc, const std::filesystem::path& path);

}  // namespace danchu::docs
