#pragma once
// Finds references to Vietnamese legal and administrative documents in running text, e.g.
// "Kế hoạch số 23/KH-UBND ngày 24/3/2021 của Ủy ban nhân dân tỉnh", "Nghị định số
// 04/2015/NĐ-CP, ngày 09/01/2015", "Chỉ thị số 30-CT/TW", "Công văn số 1753/SNV-XDCQCCTN".
// Both numbering styles are recognised: the State's "number[/year]/TYPE-BODY" (NĐ 30/2020,
// R-DOC-04) and the Party's "number-TYPE/BODY" (Hướng dẫn 36-HD/VPTW, R-DOC-10). Citations are
// reported verbatim with their byte span so they can be linked or highlighted in place.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace danchu::vn {

enum class NumberingStyle {
    State,  // 23/KH-UBND, 04/2015/NĐ-CP
    Party,  // 30-CT/TW, 1893-QĐ/TU
};

struct Citation {
    std::size_t begin = 0;  // byte offsets into the input (UTF-8), [begin, end)
    std::size_t end = 0;
    std::string text;    // the citation as written
    std::string type;    // "Kế hoạch"; written or inferred from the symbol; empty if unknown
    std::string number;  // "23", "04" (as written, leading zeros kept)
    std::optional<int> year;  // the year in the number ("04/2015/…"), else the date's year
    std::string reference;    // "04/2015/NĐ-CP", "30-CT/TW"
    std::string symbol;       // "NĐ-CP", "CT/TW"
    std::string issuer_code;  // body in the symbol: "CP", "TW", "SNV"
    NumberingStyle style = NumberingStyle::State;
    std::optional<Date> date;
    std::string issuer;  // "Ủy ban nhân dân tỉnh", from "… của <issuer>"
};

/// All citations in `text`, in order of appearance. Never fails; text that is not valid UTF-8 is
/// read with replacement characters (offsets still refer to the input bytes).
[[nodiscard]] std::vector<Citation> find_citations(std::string_view text);

/// One JSON object (a JSON Lines row of `danchu vn cite`): begin, end, text, type, number, year,
/// reference, symbol, issuer_code, style ("state"|"party"), date ("YYYY-MM-DD"), issuer; absent
/// values are null.
[[nodiscard]] std::string to_json(const Citation& citation);

}  // namespace danchu::vn
