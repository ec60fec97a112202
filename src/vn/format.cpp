#include "vn/format.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cmath>

#include "vn/text.hpp"

namespace danchu::vn {

namespace {

std::string group(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, lead);
    for (std::size_t i = lead; i < digits.size(); i += 3) {
        out.push_back('.');
        out.append(digits, i, 3);
    }
    return out;
}

std::uint64_t magnitude(std::int64_t v) {
    return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
}

constexpr std::array<const char*, 10> kDigits{"không", "một", "hai", "ba",  "bốn",
                                              "năm",   "sáu", "bảy", "tám", "chín"};

// Reads 0–999. `full` is set when a higher group precedes, so "không trăm" and "linh" are said.
void read_hundreds(unsigned n, bool full, ZeroTens style, std::vector<std::string>& out) {
    const unsigned h = n / 100, t = (n / 10) % 10, u = n % 10;
    if (h > 0 || full) {
        out.emplace_back(kDigits[h]);
        out.emplace_back("trăm");
    }
    if (t == 0) {
        if (u == 0) return;
        if (h > 0 || full) out.emplace_back(style == ZeroTens::Linh ? "linh" : "lẻ");
        out.emplace_back(kDigits[u]);
        return;
    }
    if (t == 1) {
        out.emplace_back("mười");
        if (u == 5)
            out.emplace_back("lăm");
        else if (u > 0)
            out.emplace_back(kDigits[u]);
        return;
    }
    out.emplace_back(kDigits[t]);
    out.emplace_back("mươi");
    if (u == 1)
        out.emplace_back("mốt");
    else if (u == 4)
        out.emplace_back("tư");
    else if (u == 5)
        out.emplace_back("lăm");
    else if (u > 0)
        out.emplace_back(kDigits[u]);
}

// Reads 0 < n < 10^9 with nghìn/triệu; `full` as above.
void read_below_billion(std::uint64_t n, bool full, ZeroTens style, std::vector<std::string>& out) {
    static constexpr std::array<const char*, 3> kScales{"", "nghìn", "triệu"};
    const std::array<unsigned, 3> groups{static_cast<unsigned>(n % 1000),
                                         static_cast<unsigned>((n / 1000) % 1000),
                                         static_cast<unsigned>(n / 1000000)};
    bool started = full;
    for (int g = 2; g >= 0; --g) {
        const unsigned value = groups[static_cast<std::size_t>(g)];
        if (value == 0) continue;
        read_hundreds(value, started, style, out);
        if (g > 0) out.emplace_back(kScales[static_cast<std::size_t>(g)]);
        started = true;
    }
}

// Any n > 0. Below 10^18 the part above 10^9 is read as a number of "tỷ" (so 10^12 is "một
// nghìn tỷ", 10^15 "một triệu tỷ", 1.234 × 10^9 "một nghìn hai trăm ba mươi tư tỷ"); the digit
// above that is read with "tỷ tỷ" (R-FMT-02 lists nghìn tỷ, triệu tỷ, tỷ tỷ).
void read_number(std::uint64_t n, bool full, ZeroTens style, std::vector<std::string>& out) {
    constexpr std::uint64_t kBillion = 1000000000ULL;
    constexpr std::uint64_t kBillionBillion = kBillion * kBillion;
    if (n >= kBillionBillion) {
        read_hundreds(static_cast<unsigned>(n / kBillionBillion), full, style, out);
        out.emplace_back("tỷ");
        out.emplace_back("tỷ");
        if (n % kBillionBillion > 0) read_number(n % kBillionBillion, true, style, out);
        return;
    }
    const std::uint64_t billions = n / kBillion, rest = n % kBillion;
    if (billions > 0) {
        read_below_billion(billions, full, style, out);
        out.emplace_back("tỷ");
    }
    if (rest > 0) read_below_billion(rest, full || billions > 0, style, out);
}

std::string capitalize_first(std::string text) {
    if (text.empty()) return text;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
    if (c < 0) return text;
    char buffer[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buffer), n, u_toupper(c));
    return std::string(buffer, static_cast<std::size_t>(n)) +
           text.substr(static_cast<std::size_t>(i));
}

}  // namespace

std::string format_integer(std::int64_t value) {
    std::string out = group(magnitude(value));
    if (value < 0) out.insert(out.begin(), '-');
    return out;
}

std::string format_decimal(double value, int decimals) {
    if (decimals < 0) decimals = 0;
    const std::string plain = fmt::format("{:.{}f}", std::fabs(value), decimals);
    const auto dot = plain.find('.');
    const std::string whole = plain.substr(0, dot);
    std::string out = group(std::stoull(whole));
    if (std::signbit(value) && plain.find_first_not_of("0.") != std::string::npos) {
        out.insert(out.begin(), '-');
    }
    if (dot != std::string::npos) {
        out.push_back(',');
        out.append(plain, dot + 1);
    }
    return out;
}

std::string format_percent(double percent, int max_decimals) {
    std::string text = format_decimal(percent, max_decimals);
    if (text.find(',') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == ',') text.pop_back();
    }
    text.push_back('%');
    return text;
}

std::string format_money(std::int64_t dong) { return format_integer(dong).append(" đồng"); }

std::string number_in_words(std::int64_t value, ZeroTens style) {
    if (value == 0) return "không";
    std::vector<std::string> words;
    if (value < 0) words.emplace_back("âm");
    read_number(magnitude(value), false, style, words);
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

std::string money_in_words(std::int64_t dong, ZeroTens style) {
    return capitalize_first(number_in_words(dong, style)).append(" đồng");
}

std::string format_date(Date date) {
    const unsigned m = static_cast<unsigned>(date.month());
    return fmt::format("ngày {:02} tháng {} năm {}", static_cast<unsigned>(date.day()),
                       m <= 2 ? fmt::format("{:02}", m) : std::to_string(m),
                       static_cast<int>(date.year()));
}

std::string place_date_line(std::string_view place, Date date) {
    return fmt::format("{}, {}", place, format_date(date));
}

Result<AbbreviationTable> AbbreviationTable::parse(std::string_view toml_text) {
    toml::table doc;
    try {
        doc = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        return fail(ErrorCode::InvalidInput, "vn.error.abbreviation_data", {},
                    fmt::format("TOML: {}", e.description()));
    }
    AbbreviationTable table;
    const auto* rows = doc["type"].as_array();
    if (rows == nullptr) {
        return fail(ErrorCode::InvalidInput, "vn.error.abbreviation_data", {}, "no [[type]] rows");
    }
    for (const auto& node : *rows) {
        const auto* t = node.as_table();
        if (t == nullptr) continue;
        DocumentType row;
        row.name = (*t)["name"].value_or(std::string{});
        row.abbreviation = (*t)["abbreviation"].value_or(std::string{});
        row.group = (*t)["group"].value_or(std::string{"document"});
        if (row.name.empty()) {
            return fail(ErrorCode::InvalidInput, "vn.error.abbreviation_data", {},
                        "a [[type]] row without a name");
        }
        table.types_.push_back(std::move(row));
    }
    return table;
}

Result<AbbreviationTable> AbbreviationTable::load(const DataSource& data) {
    const auto text = data.read("vn/nd30_abbreviations.toml");
    if (!text) {
        return fail(ErrorCode::Internal, "vn.error.abbreviation_data", {},
                    "vn/nd30_abbreviations.toml missing");
    }
    return parse(*text);
}

const DocumentType* AbbreviationTable::find(std::string_view type_name) const {
    // Compare case-insensitively but keep the marks: "Đề án" and "Dự án" must stay apart.
    const auto lower = [](std::string_view s) {
        std::string out;
        const auto* p = reinterpret_cast<const uint8_t*>(s.data());
        int32_t i = 0;
        const auto n = static_cast<int32_t>(s.size());
        while (i < n) {
            UChar32 c = 0;
            U8_NEXT(p, i, n, c);
            if (c < 0) c = 0xFFFD;
            char buffer[4];
            int32_t k = 0;
            U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buffer), k, u_tolower(c));
            out.append(buffer, static_cast<std::size_t>(k));
        }
        return out;
    };
    const std::string wanted = lower(nfc(type_name));
    for (const auto& t : types_) {
        if (lower(t.name) == wanted) return &t;
    }
    return nullptr;
}

const DocumentType* AbbreviationTable::find_abbreviation(std::string_view abbreviation) const {
    for (const auto& t : types_) {
        if (!t.abbreviation.empty() && t.abbreviation == abbreviation) return &t;
    }
    return nullptr;
}

Result<std::string> document_symbol(const AbbreviationTable& table, std::string_view type_name,
                                    std::string_view issuer, std::string_view unit) {
    const DocumentType* type = table.find(type_name);
    if (type == nullptr) {
        return fail(ErrorCode::InvalidInput, "vn.error.document_type", {},
                    fmt::format("'{}' is not a document type of NĐ 30/2020", type_name));
    }
    if (issuer.empty()) {
        return fail(ErrorCode::InvalidInput, "vn.error.document_issuer", {},
                    "the issuing body's abbreviation is required");
    }
    if (type->abbreviation.empty()) {
        if (unit.empty()) {
            return fail(ErrorCode::InvalidInput, "vn.error.document_unit", {},
                        fmt::format("a {} symbol needs the drafting unit", type->name));
        }
        return fmt::format("{}-{}", issuer, unit);
    }
    if (unit.empty()) return fmt::format("{}-{}", type->abbreviation, issuer);
    return fmt::format("{}-{}-{}", type->abbreviation, issuer, unit);
}

Result<std::string> document_number(int number, std::string_view symbol) {
    if (number < 1) {
        return fail(ErrorCode::InvalidInput, "vn.error.document_number", {},
                    "document numbers start at 01");
    }
    return fmt::format("Số: {:02}/{}", number, symbol);
}

}  // namespace danchu::vn
