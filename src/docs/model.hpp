#pragma once
// The official document of Nghị định 30/2020/NĐ-CP, as data: every component of Article 8
// (R-DOC-02) — national title, issuing body and its parent, number and symbol, place and date,
// type and abstract (or "V/v" for a công văn), "Kính gửi", legal bases, body, signature block,
// distribution list and the optional urgency/secrecy marks. The DOCX, PDF and Markdown writers
// all render this one model, so the two formats an officer sees can never disagree.
//
// `prepare()` turns the model into the exact strings of Phụ lục I (upper-cased names, "Số: 05/
// BC-STTTT", "Trà Vinh, ngày 04 tháng 11 năm 2021", "KT. GIÁM ĐỐC", "I.", "1."), checking the
// rules a writer must not get wrong; the writers only lay those strings out.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "vn/format.hpp"

namespace danchu::docs {

// R-DOC-09: urgency marks (red stamps) and secrecy marks.
enum class Urgency { None, Khan, ThuongKhan, HoaToc };
enum class Secrecy { None, Mat, ToiMat, TuyetMat };

// R-DOC-07 (NĐ 30 Art 13): who signs and on whose behalf.
enum class Authority {
    Direct,  // the head signs in their own name
    TM,      // thay mặt: on behalf of a collective ("TM. ỦY BAN NHÂN DÂN")
    KT,      // ký thay: a deputy signs for the head ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC")
    TL,      // thừa lệnh: by order ("TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG")
    Q,       // quyền: acting head ("Q. GIÁM ĐỐC")
    TUQ,     // thừa ủy quyền: by delegated authority
};

// A piece of text with its emphasis; `footnote` (when not empty) is the text of a footnote
// whose mark follows this run, numbered 1, 2, … through the document as in the seed report.
struct Run {
    std::string text;
    bool bold = false;
    bool italic = false;
    std::string footnote;
};

enum class BlockKind {
    Heading1,   // "I. Công tác chỉ đạo, triển khai" — numbered with Roman numerals
    Heading2,   // "1. Công tác lãnh đạo …" — Arabic, restarting under each Heading1
    Paragraph,  // justified, first-line indent
    Dash,       // "- " item
    Plus,       // "+ " item (under a dash item)
    Table,      // rows of cells; the first row is the header
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::vector<Run> runs;
    std::vector<std::vector<std::string>> rows;  // Table only
};

struct Signature {
    Authority authority = Authority::Direct;
    std::string
        authority_title;  // whose authority: "Giám đốc" (KT./TL./Q./TUQ.), "Ủy ban nhân dân" (TM.)
    std::string position;  // the signer's own position: "Phó Giám đốc", "Giám đốc"
    std::string name;      // full name, no academic titles (R-DOC-07)
};

struct Document {
    std::string type_name;          // an NĐ 30 type (R-DOC-01): "Báo cáo", "Công văn", …
    std::string parent_body;        // "Ủy ban nhân dân tỉnh Trà Vinh" (may be empty)
    std::string body;               // "Sở Thông tin và Truyền thông"
    std::string body_abbreviation;  // "STTTT" (set by the head, R-DOC-04)
    std::string
        unit_abbreviation;  // drafting unit: required for công văn, local practice otherwise
    std::optional<int>
        number;         // absent on a draft: "Số:      /BC-STTTT" as the records office fills it
    std::string place;  // địa danh (R-DOC-05)
    std::optional<Date> date;              // absent on a draft: "ngày     tháng     năm 2021"
    int draft_year = 0;                    // the year printed on an undated draft
    std::string abstract_text;             // trích yếu; for a công văn it follows "V/v"
    std::vector<std::string> recipients;   // "Kính gửi" (R-DOC-08)
    std::vector<std::string> legal_bases;  // "Căn cứ …" lines (italic, ";" and the last ".")
    std::vector<Block> blocks;
    Signature signature;
    std::vector<std::string> distribution;  // "Nơi nhận" items, without the "Lưu" line
    std::vector<std::string> archive;  // after "Lưu: VT, …": drafting unit, copies ("VP", "02b")
    Urgency urgency = Urgency::None;
    Secrecy secrecy = Secrecy::None;
    std::string circulation;  // "LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI" (optional)
};

// A block with its number resolved ("I.", "2.", "-", "+") and its footnotes numbered.
struct PreparedBlock {
    BlockKind kind = BlockKind::Paragraph;
    std::string label;  // "I." / "1." / "-" / "+" / ""
    std::vector<Run> runs;
    std::vector<int> footnote_numbers;  // parallel to runs: 0 = none
    std::vector<std::vector<std::string>> rows;
};

// The strings of Phụ lục I, ready to lay out.
struct Prepared {
    std::string parent_body;  // upper case, not bold (may be empty); "\n" between lines
    std::string body;         // upper case, bold; "\n" between lines
    std::string number_line;  // "Số: 05/BC-STTTT" or "Số:      /BC-STTTT"
    std::string date_line;    // "Trà Vinh, ngày 04 tháng 11 năm 2021"
    std::string type_title;   // "BÁO CÁO" (empty for a công văn)
    std::string abstract_text;  // bold under the title, or "V/v …" under the number for a công văn
    bool is_cong_van = false;
    std::vector<std::string> recipients;   // punctuated (";" / ".")
    std::vector<std::string> legal_bases;  // punctuated (";" / ".")
    std::vector<PreparedBlock> blocks;
    std::vector<std::string> footnotes;  // footnote n is footnotes[n - 1]
    std::string signature_authority;     // "KT. GIÁM ĐỐC" (empty for Direct)
    std::string signature_position;      // "PHÓ GIÁM ĐỐC"
    std::string signature_name;
    std::vector<std::string> distribution;  // punctuated, ending in "- Lưu: VT, VP."
    std::string urgency;                    // "KHẨN" … or empty
    std::string secrecy;                    // "MẬT" … or empty
    std::string circulation;
};

inline constexpr const char* kNationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline constexpr const char* kMotto = "Độc lập - Tự do - Hạnh phúc";

// Checks and resolves a document. InvalidInput (docs.error.*) for an unknown type (R-DOC-01),
// a missing body, abbreviation, place or signer position, a công văn without a drafting unit
// or abstract, or a number < 1.
[[nodiscard]] Result<Prepared> prepare(const Document& doc, const vn::AbbreviationTable& table);

// Vietnamese upper case ("Sở Thông tin" → "SỞ THÔNG TIN"), NFC in and out.
[[nodiscard]] std::string upper_vi(const std::string& text);
// Splits a long upper-case body name over two lines the way officers do ("ỦY BAN NHÂN DÂN\n
// TỈNH TRÀ VINH"; otherwise at the space nearest the middle) so the 70 mm column never breaks
// a name after its last word. Text with a "\n" already is left alone.
[[nodiscard]] std::string balance_lines(const std::string& text, std::size_t max_chars = 24);
// 1 → "I", 4 → "IV", 9 → "IX" (1..3999).
[[nodiscard]] std::string roman(int n);
// "ngày     tháng     năm 2021": the date line of a draft the records office dates by hand.
[[nodiscard]] std::string undated_line(const std::string& place, int year);

}  // namespace danchu::docs
