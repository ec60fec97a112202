#pragma once
// Vietnamese text at the boundary and for search: NFC normalisation (input may arrive
// decomposed from some keyboards and PDFs), folding that removes every tone and vowel mark and
// maps đ/Đ to d/D (search keys, slugs), Vietnamese collation (ICU "vi": a < ă < â, d < đ, tones
// ordered), and sorting people the Vietnamese way — by given name, then family and middle names.
//
// All functions take and return UTF-8. Invalid UTF-8 sequences become U+FFFD.

#include <string>
#include <string_view>
#include <vector>

namespace danchu::vn {

/// Unicode NFC (ICU).
[[nodiscard]] std::string nfc(std::string_view text);

/// Removes tone and vowel marks, maps đ → d and Đ → D; keeps letter case. "Đường" → "Duong".
[[nodiscard]] std::string remove_marks(std::string_view text);

/// remove_marks + lower case: the search key. "Đường Quy chế dân chủ" → "duong quy che dan chu".
[[nodiscard]] std::string fold(std::string_view text);

/// fold, then runs of anything but [a-z0-9] become one "-", trimmed: "Quy chế dân chủ 2025" →
/// "quy-che-dan-chu-2025".
[[nodiscard]] std::string slug(std::string_view text);

/// Vietnamese collation (ICU "vi"): negative, zero or positive like strcmp.
[[nodiscard]] int compare_vi(std::string_view a, std::string_view b);

/// Sorts strings in Vietnamese collation order (stable).
void sort_vi(std::vector<std::string>& items);

/// A key whose plain byte order is the "vi" collation order of `text` (ICU sort key in hex),
/// for an ORDER BY on a stored column that gives the same order on SQLite and PostgreSQL.
[[nodiscard]] std::string sort_key_vi(std::string_view text);

/// A full name split the Vietnamese way: the first word is the family name (họ), the last the
/// given name (tên), the rest the middle names (tên đệm). One word is a given name.
struct PersonName {
    std::string family;
    std::string middle;
    std::string given;
};
[[nodiscard]] PersonName split_person_name(std::string_view full_name);

/// Orders people by given name, then family name, then middle names, each in "vi" collation
/// ("Nguyễn Văn An" < "Trần Thị Bình" < "Lê Văn Cường").
[[nodiscard]] int compare_person_names(std::string_view a, std::string_view b);
void sort_person_names(std::vector<std::string>& names);

/// sort_key_vi of the name with its given name (last word) moved first: stored keys of people
/// put a list in given-name order.
[[nodiscard]] std::string person_sort_key(std::string_view full_name);

}  // namespace danchu::vn
