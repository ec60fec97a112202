#include "vn/cite.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "vn/dates.hpp"
#include "vn/text.hpp"

namespace danchu::vn {

namespace {

// Document type names as written in citations (longest first so "Thông tư liên tịch" wins).
constexpr std::array<const char*, 36> kTypeNames{"Thông tư liên tịch",
                                                 "Nghị quyết liên tịch",
                                                 "Bộ luật",
                                                 "Hiến pháp",
                                                 "Pháp lệnh",
                                                 "Nghị quyết",
                                                 "Nghị định",
                                                 "Quyết định",
                                                 "Chỉ thị",
                                                 "Thông tư",
                                                 "Kế hoạch",
                                                 "Công văn",
                                                 "Công điện",
                                                 "Thông báo",
                                                 "Thông cáo",
                                                 "Thông tri",
                                                 "Hướng dẫn",
                                                 "Kết luận",
                                                 "Báo cáo",
                                                 "Tờ trình",
                                                 "Đề án",
                                                 "Dự án",
                                                 "Chương trình",
                                                 "Quy chế",
                                                 "Quy định",
                                                 "Phương án",
                                                 "Biên bản",
                                                 "Giấy mời",
                                                 "Điều lệ",
                                                 "Văn bản",
                                                 "Lệnh",
                                                 "Luật",
                                                 "Quy chế phối hợp",
                                                 "Văn bản hợp nhất",
                                                 "Sắc lệnh",
                                                 "Nghị quyết chuyên đề"};

// Type abbreviations that open a symbol (NĐ 30 Phụ lục III, legal documents, Party types).
struct Abbreviation {
    const char* code;
    const char* name;
};
constexpr std::array<Abbreviation, 26> kSymbolTypes{{
    {"NĐ", "Nghị định"}, {"QĐ", "Quyết định"},    {"NQ", "Nghị quyết"},
    {"CT", "Chỉ thị"},   {"TT", "Thông tư"},      {"TTLT", "Thông tư liên tịch"},
    {"PL", "Pháp lệnh"}, {"KH", "Kế hoạch"},      {"TB", "Thông báo"},
    {"TC", "Thông cáo"}, {"HD", "Hướng dẫn"},     {"KL", "Kết luận"},
    {"BC", "Báo cáo"},   {"TTr", "Tờ trình"},     {"ĐA", "Đề án"},
    {"DA", "Dự án"},     {"CTr", "Chương trình"}, {"QC", "Quy chế"},
    {"QyĐ", "Quy định"}, {"PA", "Phương án"},     {"BB", "Biên bản"},
    {"CĐ", "Công điện"}, {"GM", "Giấy mời"},      {"QH", "Luật"},
    {"HĐ", "Hợp đồng"},  {"TTg", "Quyết định"},
}};

std::string type_alternatives() {
    std::string out;
    for (const char* name : kTypeNames) {
        if (!out.empty()) out += '|';
        out += name;
    }
    return out;
}

const icu::RegexPattern& pattern() {
    static const std::unique_ptr<icu::RegexPattern> compiled = [] {
        const std::string source =
            "(?:(?<type>(?i:" + type_alternatives() +
            "))\\s+)?"
            "(?:(?i:số)\\s*:?\\s*)?"
            "(?<num>\\d{1,6})(?:/(?<year>(?:19|20)\\d{2}))?(?<sep>[/-])"
            "(?<sym>\\p{Lu}[\\p{L}\\d&]*(?:[-/]\\p{Lu}[\\p{L}\\d&]*)*)"
            "(?:\\s*,?\\s*(?i:ngày)\\s+(?<d>\\d{1,2})\\s*[/.\\-]\\s*(?<m>\\d{1,2})\\s*[/.\\-]\\s*"
            "(?<y>\\d{4})"
            "|\\s*,?\\s*(?i:ngày)\\s+(?<d2>\\d{1,2})\\s+(?i:tháng)\\s+(?<m2>\\d{1,2})\\s+"
            "(?i:năm)\\s+(?<y2>\\d{4}))?";
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        std::unique_ptr<icu::RegexPattern> p{
            icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(source), parse_error, status)};
        if (U_FAILURE(status)) throw std::runtime_error("citation pattern does not compile");
        return p;
    }();
    return *compiled;
}

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

std::string group_text(icu::RegexMatcher& m, const char* name, const icu::UnicodeString& input) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = m.pattern().groupNumberFromName(icu::UnicodeString::fromUTF8(name), status);
    if (U_FAILURE(status)) return {};
    const int32_t start = m.start(n, status);
    if (U_FAILURE(status) || start < 0) return {};
    const int32_t end = m.end(n, status);
    return utf8(input.tempSubStringBetween(start, end));
}

int to_int(const std::string& digits) { return digits.empty() ? 0 : std::stoi(digits); }

// Words that end an issuer name ("… của Sở Nội vụ về việc …").
bool ends_issuer(const std::string& folded_word) {
    static constexpr std::array<std::string_view, 10> kStops{
        "ve", "va", "de", "theo", "tai", "trong", "nham", "voi", "trien", "thuc"};
    for (auto stop : kStops) {
        if (folded_word == stop) return true;
    }
    return false;
}

bool is_boundary_char(UChar32 c) {
    return c == ',' || c == ';' || c == '.' || c == '(' || c == ')' || c == ':' || c == '"' ||
           c == '*' || c == 0x201C || c == 0x201D || c == '\n' || c == '\r' || c == '[' ||
           c == 0x2013 || c == '-';
}

// Reads "của <issuer>" starting at UTF-16 index `pos`. Returns the issuer and moves `pos` past it.
std::string read_issuer(const icu::UnicodeString& input, int32_t& pos) {
    int32_t i = pos;
    const auto skip_spaces = [&] {
        while (i < input.length() && (input[i] == ' ' || input[i] == '\t')) ++i;
    };
    skip_spaces();
    const icu::UnicodeString cua = icu::UnicodeString::fromUTF8("của");
    if (input.compare(i, cua.length(), cua) != 0) return {};
    i += cua.length();
    if (i >= input.length() || input[i] != ' ') return {};
    int32_t last_end = -1;
    const int32_t issuer_start = i + 1;
    int words = 0;
    while (words < 12) {
        skip_spaces();
        const int32_t word_start = i;
        while (i < input.length() && input[i] != ' ' && input[i] != '\t' &&
               !is_boundary_char(input.char32At(i))) {
            i = input.moveIndex32(i, 1);
        }
        if (i == word_start) break;
        const std::string word = utf8(input.tempSubStringBetween(word_start, i));
        const bool capital = u_isupper(input.char32At(word_start));
        const std::string folded = fold(word);
        if (words > 0 && !capital && ends_issuer(folded)) break;
        if (words > 0 && (folded == "ban" || folded == "quy" || folded == "huong")) {
            // "Ban Thường vụ" and "Ủy ban" belong to an issuer; "… tỉnh Ban hành …", "quy định",
            // "hướng dẫn" start the subject. Look one word ahead.
            int32_t j = i;
            while (j < input.length() && input[j] == ' ') ++j;
            int32_t k = j;
            while (k < input.length() && input[k] != ' ' && !is_boundary_char(input.char32At(k))) {
                k = input.moveIndex32(k, 1);
            }
            const std::string next = fold(utf8(input.tempSubStringBetween(j, k)));
            if ((folded == "ban" && next == "hanh") || (folded == "quy" && next == "dinh") ||
                (folded == "huong" && next == "dan")) {
                break;
            }
        }
        if (std::isdigit(static_cast<unsigned char>(word[0]))) break;
        last_end = i;
        ++words;
        if (i < input.length() && is_boundary_char(input.char32At(i))) break;
    }
    if (last_end < 0) return {};
    pos = last_end;
    return utf8(input.tempSubStringBetween(issuer_start, last_end));
}

std::string canonical_type(const std::string& written) {
    const std::string folded = fold(written);
    for (const char* name : kTypeNames) {
        if (fold(name) == folded) return name;
    }
    return written;
}

}  // namespace

std::vector<Citation> find_citations(std::string_view raw) {
    std::vector<Citation> out;
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
        icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
    // Invalid UTF-8 was replaced by U+FFFD; offsets refer to that cleaned text (identical to the
    // input when it is valid).
    std::string text;
    input.toUTF8String(text);
    // UTF-16 index → UTF-8 byte offset.
    std::vector<std::size_t> byte_at(static_cast<std::size_t>(input.length()) + 1, text.size());
    {
        std::size_t byte = 0;
        for (int32_t i = 0; i < input.length();) {
            const UChar32 c = input.char32At(i);
            const int32_t next = input.moveIndex32(i, 1);
            for (int32_t k = i; k < next; ++k) byte_at[static_cast<std::size_t>(k)] = byte;
            byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            i = next;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m{pattern().matcher(input, status)};
    if (U_FAILURE(status)) return out;
    while (m->find(status) && U_SUCCESS(status)) {
        Citation c;
        const int32_t start = m->start(status);
        int32_t end = m->end(status);
        const std::string written_type = group_text(*m, "type", input);
        c.number = group_text(*m, "num", input);
        const std::string number_year = group_text(*m, "year", input);
        const std::string sep = group_text(*m, "sep", input);
        c.symbol = group_text(*m, "sym", input);
        c.style = sep == "-" ? NumberingStyle::Party : NumberingStyle::State;
        c.reference = c.number + (number_year.empty() ? "" : "/" + number_year) + sep + c.symbol;
        if (!number_year.empty()) c.year = to_int(number_year);

        // The symbol's first part names the type (state: "KH-UBND"; party: "CT/TW").
        const auto cut = c.symbol.find_first_of(c.style == NumberingStyle::Party ? "/" : "-/");
        const std::string head = c.symbol.substr(0, cut);
        const std::string rest = cut == std::string::npos ? "" : c.symbol.substr(cut + 1);
        const char* inferred = nullptr;
        for (const auto& a : kSymbolTypes) {
            if (head == a.code) inferred = a.name;
        }
        if (c.style == NumberingStyle::Party) {
            c.issuer_code = rest;
        } else {
            c.issuer_code = inferred != nullptr ? rest : head;
        }
        c.type = written_type.empty() ? (inferred != nullptr ? inferred : "")
                                      : canonical_type(written_type);

        std::string d = group_text(*m, "d", input), mo = group_text(*m, "m", input),
                    y = group_text(*m, "y", input);
        if (d.empty()) {
            d = group_text(*m, "d2", input);
            mo = group_text(*m, "m2", input);
            y = group_text(*m, "y2", input);
        }
        if (!d.empty()) {
            const Date date = make_date(to_int(y), to_int(mo), to_int(d));
            if (date.ok()) {
                c.date = date;
                if (!c.year) c.year = to_int(y);
            }
        }
        c.issuer = read_issuer(input, end);
        c.begin = byte_at[static_cast<std::size_t>(start)];
        c.end = byte_at[static_cast<std::size_t>(end)];
        c.text = text.substr(c.begin, c.end - c.begin);
        out.push_back(std::move(c));
    }
    return out;
}

std::string to_json(const Citation& c) {
    nlohmann::json j;
    j["begin"] = c.begin;
    j["end"] = c.end;
    j["text"] = c.text;
    j["type"] = c.type.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.type);
    j["number"] = c.number;
    j["year"] = c.year ? nlohmann::json(*c.year) : nlohmann::json(nullptr);
    j["reference"] = c.reference;
    j["symbol"] = c.symbol;
    j["issuer_code"] =
        c.issuer_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.issuer_code);
    j["style"] = c.style == NumberingStyle::Party ? "party" : "state";
    j["date"] = c.date ? nlohmann::json(iso(*c.date)) : nlohmann::json(nullptr);
    j["issuer"] = c.issuer.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.issuer);
    return j.dump();
}

}  // namespace danchu::vn
