#include "http/cookies.hpp"

namespace danchu::http {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_token_char(unsigned char c) {
    if (c <= 0x20 || c >= 0x7F) return false;
    constexpr std::string_view separators = "()<>@,;:\\\"/[]?={}";
    return separators.find(static_cast<char>(c)) == std::string_view::npos;
}

// RFC 6265 §4.1.1 cookie-octet.
bool is_cookie_octet(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
           (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

}  // namespace

Cookies parse_cookie_header(std::string_view header) {
    Cookies out;
    while (!header.empty()) {
        auto semi = header.find(';');
        std::string_view pair = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        std::string_view name = trim(pair.substr(0, eq));
        std::string_view value = trim(pair.substr(eq + 1));
        if (name.empty()) continue;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        out.emplace_back(std::string(name), std::string(value));
    }
    return out;
}

std::string serialize_set_cookie(std::string_view name, std::string_view value,
                                 const CookieOptions& options) {
    constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : name)
        if (is_token_char(static_cast<unsigned char>(c))) out.push_back(c);
    out.push_back('=');
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if (is_cookie_octet(c) && c != '%') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    if (!options.path.empty()) {
        out += "; Path=";
        for (char c : options.path)
            if (c != ';' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
    }
    if (options.max_age) out += "; Max-Age=" + std::to_string(options.max_age->count());
    if (options.secure || options.same_site == SameSite::None) out += "; Secure";
    if (options.http_only) out += "; HttpOnly";
    switch (options.same_site) {
        case SameSite::Strict:
            out += "; SameSite=Strict";
            break;
        case SameSite::Lax:
            out += "; SameSite=Lax";
            break;
        case SameSite::None:
            out += "; SameSite=None";
            break;
    }
    return out;
}

}  // namespace danchu::http
