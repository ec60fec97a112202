#pragma once
// The tables of a document as an XLSX workbook (libxlsxwriter), one worksheet per table, for
// officers who recompute or merge figures (the province roll-up). Cells hold values, not
// formulas: "1.710.000 đồng" becomes the number 1710000 shown with a thousands format, "12,5%"
// becomes 0.125 shown as a percentage (R-FMT-01/03); everything else stays text.

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "docs/model.hpp"

namespace danchu::docs {

// Returns the number of worksheets written (0 when the document has no table: the workbook
// then has one sheet saying so).
[[nodiscard]] Result<int> write_xlsx(const Prepared& doc, const std::filesystem::path& path);

// A cell's value read the official way: "1.710.000" → 1710000, "1.710.000 đồng" → 1710000,
// "12,5%" → 0.125 (is_percent), "43" → 43; nullopt for text, dates and document numbers.
struct CellNumber {
    double value = 0;
    bool is_percent = false;
    bool is_money = false;
};
[[nodiscard]] std::optional<CellNumber> parse_cell_number(const std::string& text);

}  // namespace danchu::docs
