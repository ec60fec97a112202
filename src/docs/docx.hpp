#pragma once
// The DOCX writer: WordprocessingML written by hand and zipped with libzip, so the file an
// officer opens in Word or LibreOffice to finish and sign is plain, editable Word — real
// styles (Normal = Times New Roman 13, footnote text), tables for the two-column header and
// the signature block, real footnotes, and a header with a centred PAGE field that the first
// page does not show (R-DOC-06). A4 portrait, margins top/bottom 20 mm, left 30 mm, right
// 15 mm (Phụ lục I).

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "docs/model.hpp"

namespace danchu::docs {

// word/document.xml of the document (for golden tests and the writer).
[[nodiscard]] std::string docx_document_xml(const Prepared& doc);
// Writes the .docx at `path` (replacing it). Internal on a libzip failure.
[[nodiscard]] Status write_docx(const Prepared& doc, const std::filesystem::path& path);

// Page geometry shared by both writers (millimetres).
inline constexpr double kPageWidthMm = 210, kPageHeightMm = 297;
inline constexpr double kMarginTopMm = 20, kMarginBottomMm = 20, kMarginLeftMm = 30,
                        kMarginRightMm = 15;
inline constexpr double kBodyPt = 13;  // body text (R-DOC-06: 13–14)

}  // namespace danchu::docs
