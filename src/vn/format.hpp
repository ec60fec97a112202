#pragma once
// Official Vietnamese formatting: numbers with "." grouping and "," decimals (R-FMT-01/02, never
// the host locale, R-FMT-04), money in đồng with 0 fraction digits (R-FMT-03), amounts in words
// ("Bằng chữ"), dates and the place-and-date line of NĐ 30/2020 Phụ lục I.II.4 (R-DOC-05), and
// document number and symbol with the NĐ 30 abbreviation table (R-DOC-03/04), which is data
// (data/vn/nd30_abbreviations.toml).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "vn/data.hpp"

namespace danchu::vn {

/// "1.710.000"; negative numbers get "-". Years and document numbers must not go through this.
[[nodiscard]] std::string format_integer(std::int64_t value);
/// Exactly `decimals` digits after ",": format_decimal(1234567.891, 2) → "1.234.567,89".
[[nodiscard]] std::string format_decimal(double value, int decimals);
/// Percent with up to `max_decimals` digits, trailing zeros dropped, no space: "12,5%".
[[nodiscard]] std::string format_percent(double percent, int max_decimals = 2);
/// "1.710.000 đồng".
[[nodiscard]] std::string format_money(std::int64_t dong);

enum class ZeroTens {
    Linh,  // "một trăm linh năm" (default, used in official texts)
    Le,    // "một trăm lẻ năm"
};
/// Lower-case reading: 1710000 → "một triệu bảy trăm mười nghìn"; 0 → "không"; negatives start
/// with "âm". Scales nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ (the whole int64 range).
[[nodiscard]] std::string number_in_words(std::int64_t value, ZeroTens style = ZeroTens::Linh);
/// Sentence form for "Bằng chữ": "Một triệu bảy trăm mười nghìn đồng".
[[nodiscard]] std::string money_in_words(std::int64_t dong, ZeroTens style = ZeroTens::Linh);

/// "ngày 04 tháng 11 năm 2021": day < 10 and months 1–2 take a leading zero (R-DOC-05).
[[nodiscard]] std::string format_date(Date date);
/// "Trà Vinh, ngày 04 tháng 11 năm 2021".
[[nodiscard]] std::string place_date_line(std::string_view place, Date date);

/// One row of the NĐ 30/2020 Phụ lục III abbreviation table.
struct DocumentType {
    std::string name;          // "Kế hoạch"
    std::string abbreviation;  // "KH"; empty for Công văn and Thư công, which have none
    std::string group;         // "document" or "copy"
};

class AbbreviationTable final {
  public:
    /// Loads vn/nd30_abbreviations.toml (override directory first).
    [[nodiscard]] static Result<AbbreviationTable> load(const DataSource& data = DataSource{});
    [[nodiscard]] static Result<AbbreviationTable> parse(std::string_view toml_text);
    /// Row for a type name; the match ignores case and marks' absence is not forgiven.
    [[nodiscard]] const DocumentType* find(std::string_view type_name) const;
    /// Row for an abbreviation (exact case: HĐ ≠ HD).
    [[nodiscard]] const DocumentType* find_abbreviation(std::string_view abbreviation) const;
    [[nodiscard]] const std::vector<DocumentType>& types() const { return types_; }

  private:
    std::vector<DocumentType> types_;
};

/// The symbol of a document (R-DOC-04): type abbreviation + issuing body ("BC-STTTT"); for a
/// công văn, issuing body + drafting unit ("SNV-XDCQCCTN"). `unit` on a named type appends the
/// drafting unit as local practice ("KH-STTTT-VP"). InvalidInput for an unknown type, an empty
/// issuer, or a công văn without a unit.
[[nodiscard]] Result<std::string> document_symbol(const AbbreviationTable& table,
                                                  std::string_view type_name,
                                                  std::string_view issuer,
                                                  std::string_view unit = {});
/// "Số: 05/BC-STTTT" (numbers < 10 take a leading zero). InvalidInput if number < 1.
[[nodiscard]] Result<std::string> document_number(int number, std::string_view symbol);

}  // namespace danchu::vn
