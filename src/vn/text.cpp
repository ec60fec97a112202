#include "vn/text.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>

namespace danchu::vn {

namespace {

// Base letters for U+0000–U+024F and the Vietnamese block U+1E00–U+1EFF, derived once from ICU's
// canonical decomposition (first code point of the NFD form when it is ASCII), plus đ/Đ, which
// have no decomposition. 0 means "not a marked Latin letter".
struct FoldTable {
    std::array<char, 0x250> latin{};
    std::array<char, 0x100> extended{};  // U+1E00–U+1EFF
    FoldTable() {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU NFD unavailable");
        const auto base = [&](UChar32 c) -> char {
            icu::UnicodeString decomposed;
            if (!nfd->getDecomposition(c, decomposed) || decomposed.length() == 0) return 0;
            const UChar32 first = decomposed.char32At(0);
            return first < 0x80 ? static_cast<char>(first) : 0;
        };
        for (UChar32 c = 0x80; c < 0x250; ++c) latin[static_cast<std::size_t>(c)] = base(c);
        for (UChar32 c = 0x1E00; c < 0x1F00; ++c) {
            extended[static_cast<std::size_t>(c - 0x1E00)] = base(c);
        }
        latin[0x0110] = 'D';  // Đ
        latin[0x0111] = 'd';  // đ
        // Some marked letters decompose to another marked letter first (ấ → â + ́ → a).
        for (UChar32 c = 0x1E00; c < 0x1F00; ++c) {
            if (extended[static_cast<std::size_t>(c - 0x1E00)] != 0) continue;
            icu::UnicodeString full;
            full.append(c);
            icu::UnicodeString out = nfd->normalize(full, status);
            if (U_SUCCESS(status) && out.length() > 0 && out.char32At(0) < 0x80) {
                extended[static_cast<std::size_t>(c - 0x1E00)] = static_cast<char>(out.char32At(0));
            }
        }
    }
};

const FoldTable& fold_table() {
    static const FoldTable table;
    return table;
}

bool is_combining_mark(UChar32 c) { return c >= 0x0300 && c <= 0x036F; }

template <bool Lower>
std::string fold_impl(std::string_view text) {
    const FoldTable& table = fold_table();
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        if (s[i] < 0x80) {
            char c = static_cast<char>(s[i++]);
            if (Lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            out.push_back(c);
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) c = 0xFFFD;
        if (is_combining_mark(c)) continue;
        char base = 0;
        if (c < 0x250)
            base = table.latin[static_cast<std::size_t>(c)];
        else if (c >= 0x1E00 && c < 0x1F00)
            base = table.extended[static_cast<std::size_t>(c - 0x1E00)];
        if (base != 0) {
            if (Lower && base >= 'A' && base <= 'Z') base = static_cast<char>(base - 'A' + 'a');
            out.push_back(base);
            continue;
        }
        if (Lower) c = u_tolower(c);
        char buffer[4];
        int32_t n = 0;
        U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buffer), n, c);
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

const icu::Collator& collator() {
    // Collator::compare is not documented as safe for concurrent use; one clone per thread.
    thread_local std::unique_ptr<icu::Collator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c{icu::Collator::createInstance(icu::Locale("vi"), status)};
        if (U_FAILURE(status) || !c) throw std::runtime_error("ICU collator 'vi' unavailable");
        return c;
    }();
    return *instance;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
        if (i > start) out.push_back(text.substr(start, i - start));
    }
    return out;
}

}  // namespace

std::string nfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFC unavailable");
    const auto source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (n->isNormalized(source, status) && U_SUCCESS(status)) {
        std::string out;
        source.toUTF8String(out);  // also replaces invalid UTF-8
        return out;
    }
    status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = n->normalize(source, status);
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

std::string remove_marks(std::string_view text) { return fold_impl<false>(text); }

std::string fold(std::string_view text) { return fold_impl<true>(text); }

std::string slug(std::string_view text) {
    const std::string folded = fold(text);
    std::string out;
    bool dash = false;
    for (char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out.push_back('-');
            dash = false;
            out.push_back(c);
        } else {
            dash = true;
        }
    }
    return out;
}

int compare_vi(std::string_view a, std::string_view b) {
    UErrorCode status = U_ZERO_ERROR;
    const auto r =
        collator().compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                               icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

void sort_vi(std::vector<std::string>& items) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return compare_vi(a, b) < 0; });
}

std::string sort_key_vi(std::string_view text) {
    const auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::Collator& c = collator();
    std::string key(static_cast<std::size_t>(c.getSortKey(u, nullptr, 0)), '\0');
    c.getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
    // Hex keeps the byte order under plain text comparison on both databases.
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(key.size() * 2);
    for (unsigned char b : key) {
        if (b == 0) break;  // ICU ends the key with a zero byte
        hex.push_back(kHex[b >> 4]);
        hex.push_back(kHex[b & 15]);
    }
    return hex;
}

std::string person_sort_key(std::string_view full_name) {
    std::string_view trimmed = full_name;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    const auto space = trimmed.rfind(' ');
    if (space == std::string_view::npos) return sort_key_vi(trimmed);
    std::string reordered{trimmed.substr(space + 1)};
    reordered += ' ';
    reordered += trimmed.substr(0, space);
    return sort_key_vi(reordered);
}

PersonName split_person_name(std::string_view full_name) {
    const auto parts = words(full_name);
    PersonName name;
    if (parts.empty()) return name;
    name.given = std::string{parts.back()};
    if (parts.size() >= 2) name.family = std::string{parts.front()};
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        if (!name.middle.empty()) name.middle += ' ';
        name.middle += parts[i];
    }
    return name;
}

int compare_person_names(std::string_view a, std::string_view b) {
    const PersonName x = split_person_name(a), y = split_person_name(b);
    if (int c = compare_vi(x.given, y.given)) return c;
    if (int c = compare_vi(x.family, y.family)) return c;
    if (int c = compare_vi(x.middle, y.middle)) return c;
    return compare_vi(a, b);
}

void sort_person_names(std::vector<std::string>& names) {
    std::stable_sort(names.begin(), names.end(),
                     [](const auto& a, const auto& b) { return compare_person_names(a, b) < 0; });
}

}  // namespace danchu::vn
