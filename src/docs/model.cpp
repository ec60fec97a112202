#include "docs/model.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "vn/text.hpp"

namespace danchu::docs {
namespace {

// Items of a list in a document end with ";" and the last with "." (R-DOC-08, R-DOC-06).
std::vector<std::string> punctuate(const std::vector<std::string>& items, const char* prefix) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string s = items[i];
        while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ' ')) s.pop_back();
        s += i + 1 == items.size() ? "." : ";";
        out.push_back(prefix + s);
    }
    return out;
}

Error invalid(const std::string& field, const char* key) {
    Error e = fail(ErrorCode::InvalidInput, key);
    e.fields.push_back({field, key});
    return e;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::string balance_lines(const std::string& text, std::size_t max_chars) {
    if (text.find('\n') != std::string::npos || code_points(text) <= max_chars) return text;
    // "ỦY BAN NHÂN DÂN / TỈNH TRÀ VINH": the collective's name stays on its own line.
    static const std::string ubnd = "ỦY BAN NHÂN DÂN ";
    if (text.rfind(ubnd, 0) == 0)
        return ubnd.substr(0, ubnd.size() - 1) + "\n" + text.substr(ubnd.size());
    // Otherwise break at the space nearest the middle, as officers do by hand.
    const std::size_t half = code_points(text) / 2;
    std::size_t best = std::string::npos, best_distance = std::string::npos, cp = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ') {
            const std::size_t distance = cp > half ? cp - half : half - cp;
            if (distance < best_distance) {
                best = i;
                best_distance = distance;
            }
        }
        cp += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    if (best == std::string::npos) return text;
    return text.substr(0, best) + "\n" + text.substr(best + 1);
}

std::string upper_vi(const std::string& text) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(vn::nfc(text));
    u.toUpper(icu::Locale("vi"));
    std::string out;
    u.toUTF8String(out);
    return vn::nfc(out);
}

std::string roman(int n) {
    static const std::pair<int, const char*> table[] = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
        {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
    std::string out;
    for (const auto& [v, s] : table)
        while (n >= v) {
            out += s;
            n -= v;
        }
    return out;
}

std::string undated_line(const std::string& place, int year) {
    // The records office writes the day and month by hand when the document is signed.
    return place + ", ngày     tháng     năm " + std::to_string(year);
}

Result<Prepared> prepare(const Document& doc, const vn::AbbreviationTable& table) {
    const vn::DocumentType* type = table.find(doc.type_name);
    if (type == nullptr || type->group != "document")
        return invalid("type_name", "docs.error.unknown_type");  // R-DOC-01
    if (doc.body.empty()) return invalid("body", "docs.error.body_missing");
    if (doc.body_abbreviation.empty())
        return invalid("body_abbreviation", "docs.error.abbreviation_missing");
    if (doc.place.empty()) return invalid("place", "docs.error.place_missing");
    if (doc.signature.position.empty()) return invalid("signature", "docs.error.signer_missing");
    if (doc.number && *doc.number < 1) return invalid("number", "docs.error.bad_number");
    if (!doc.date && doc.draft_year <= 0) return invalid("date", "docs.error.date_missing");

    Prepared p;
    p.is_cong_van = type->abbreviation.empty();
    if (p.is_cong_van && doc.abstract_text.empty())
        return invalid("abstract_text", "docs.error.abstract_missing");

    // R-DOC-04: number and symbol.
    auto symbol =
        vn::document_symbol(table, doc.type_name, doc.body_abbreviation, doc.unit_abbreviation);
    if (!symbol) return invalid("unit_abbreviation", "docs.error.unit_missing");
    if (doc.number) {
        auto line = vn::document_number(*doc.number, *symbol);
        if (!line) return line.error();
        p.number_line = *line;
    } else {
        p.number_line = "Số:      /" + *symbol;
    }
    // R-DOC-05.
    p.date_line = doc.date ? vn::place_date_line(doc.place, *doc.date)
                           : undated_line(doc.place, doc.draft_year);

    p.parent_body = balance_lines(upper_vi(doc.parent_body));
    p.body = balance_lines(upper_vi(doc.body));
    if (p.is_cong_van) {
        p.abstract_text = "V/v " + doc.abstract_text;
    } else {
        p.type_title = upper_vi(type->name);
        p.abstract_text = doc.abstract_text;
    }
    // One addressee stays on the "Kính gửi:" line; several become "-" lines (R-DOC-08).
    if (doc.recipients.size() == 1) {
        p.recipients = punctuate(doc.recipients, "");
    } else {
        p.recipients = punctuate(doc.recipients, "- ");
    }
    p.legal_bases = punctuate(doc.legal_bases, "");

    int h1 = 0, h2 = 0;
    for (const Block& b : doc.blocks) {
        PreparedBlock pb;
        pb.kind = b.kind;
        pb.runs = b.runs;
        pb.rows = b.rows;
        switch (b.kind) {
            case BlockKind::Heading1:
                pb.label = roman(++h1) + ".";
                h2 = 0;
                break;
            case BlockKind::Heading2:
                pb.label = std::to_string(++h2) + ".";
                break;
            case BlockKind::Dash:
                pb.label = "-";
                break;
            case BlockKind::Plus:
                pb.label = "+";
                break;
            default:
                break;
        }
        for (const Run& r : b.runs) {
            if (r.footnote.empty()) {
                pb.footnote_numbers.push_back(0);
            } else {
                p.footnotes.push_back(r.footnote);
                pb.footnote_numbers.push_back(static_cast<int>(p.footnotes.size()));
            }
        }
        p.blocks.push_back(std::move(pb));
    }

    // R-DOC-07: "KT. GIÁM ĐỐC" above the signer's own position.
    static const char* prefixes[] = {"", "TM. ", "KT. ", "TL. ", "Q. ", "TUQ. "};
    const auto a = static_cast<int>(doc.signature.authority);
    if (doc.signature.authority != Authority::Direct) {
        if (doc.signature.authority_title.empty())
            return invalid("signature", "docs.error.authority_missing");
        p.signature_authority = std::string(prefixes[a]) + upper_vi(doc.signature.authority_title);
    }
    p.signature_position = upper_vi(doc.signature.position);
    p.signature_name = doc.signature.name;

    // R-DOC-08: the list ends with "- Lưu: VT, <drafting unit>, <copies>."
    std::vector<std::string> items = doc.distribution;
    std::string archive = "Lưu: VT";
    for (const auto& a2 : doc.archive) archive += ", " + a2;
    items.push_back(archive);
    p.distribution = punctuate(items, "- ");

    static const char* urgencies[] = {"", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"};
    static const char* secrecies[] = {"", "MẬT", "TỐI MẬT", "TUYỆT MẬT"};
    p.urgency = urgencies[static_cast<int>(doc.urgency)];
    p.secrecy = secrecies[static_cast<int>(doc.secrecy)];
    p.circulation = upper_vi(doc.circulation);
    return p;
}

}  // namespace danchu::docs
