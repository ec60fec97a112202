#pragma once
// The quarterly register as a printable official document (Luật 10/2022/QH15 Art 13.2: the
// commune compiles, every quarter, the list of all disclosures made with their forms and times,
// and posts it at its headquarters and every village community point). A "Thông báo" in the
// NĐ 30/2020 layout (docs/), so the DOCX and PDF come from the same model as the annual report.
// The rows arrive as display strings: the page and the document show the same words.

#include <optional>
#include <string>
#include <vector>

#include "docs/model.hpp"
#include "identity/model.hpp"

namespace danchu::disclosures {

struct RegisterLine {
    std::string title;         // with "(phiên bản 2)" for a correction
    std::string category;      // the item of the legal list, by name
    std::string channels;      // "Niêm yết tại trụ sở; Hệ thống loa truyền thanh"
    std::string published_on;  // "05/01/2026"
    std::string posting_end;   // "04/02/2026" or "Thường xuyên"
};

// The document for `org` (its `parent` gives the issuing body's parent line and place name when
// the organisation has none), quarter 1–4 of `year`. Undated and unnumbered: the records office
// numbers and dates it when it is signed.
[[nodiscard]] docs::Document register_document(const identity::Organisation& org,
                                               const std::optional<identity::Organisation>& parent,
                                               int year, int quarter,
                                               const std::vector<RegisterLine>& lines);

}  // namespace danchu::disclosures
