#include "web/i18n.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace danchu::web {

std::string_view code(Locale locale) {
    switch (locale) {
        case Locale::Vi:
            return "vi";
        case Locale::En:
            return "en";
    }
    return "vi";
}

std::optional<Locale> parse_locale(std::string_view c) {
    auto lower = [](std::string_view s) {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return out;
    };
    const std::string l = lower(c.substr(0, c.find_first_of("-_")));
    if (l == "vi") return Locale::Vi;
    if (l == "en") return Locale::En;
    return std::nullopt;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The best supported language of an Accept-Language header, by q-value then order.
std::optional<Locale> from_accept_language(std::string_view header) {
    std::optional<Locale> best;
    double best_q = 0.0;
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view item = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        double q = 1.0;
        if (auto semi = item.find(';'); semi != std::string_view::npos) {
            std::string_view param = trim(item.substr(semi + 1));
            item = trim(item.substr(0, semi));
            if (param.starts_with("q=")) {
                try {
                    q = std::stod(std::string(param.substr(2)));
                } catch (const std::exception&) {
                    q = 0.0;
                }
            }
        }
        auto locale = parse_locale(item);
        if (locale && q > best_q) {
            best = locale;
            best_q = q;
        }
    }
    return best;
}

void flatten(const toml::table& table, const std::string& prefix,
             std::unordered_map<std::string, std::string>& out, std::vector<std::string>& bad) {
    for (const auto& [k, v] : table) {
        std::string key =
            prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = v.as_table()) {
            flatten(*sub, key, out, bad);
        } else if (const auto* s = v.as_string()) {
            out.emplace(std::move(key), s->get());
        } else {
            bad.push_back(std::move(key));
        }
    }
}

// Parses one catalog file into `out`; a key already present is an error.
Status load_one(const EmbeddedFile& file, std::unordered_map<std::string, std::string>& out) {
    toml::table parsed;
    try {
        // Debian's toml++ is built with exceptions: a syntax error throws.
        parsed = toml::parse(file.content, file.path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << file.path << ": " << e.description() << " at " << e.source().begin;
        return fail(ErrorCode::Internal, "web.error.catalog_invalid", {}, msg.str());
    }
    std::unordered_map<std::string, std::string> messages;
    std::vector<std::string> bad;
    flatten(parsed, "", messages, bad);
    if (!bad.empty())
        return fail(ErrorCode::Internal, "web.error.catalog_invalid", {},
                    std::string(file.path) + ": not a string: " + bad.front());
    for (auto& [k, v] : messages)
        if (!out.emplace(k, std::move(v)).second)
            return fail(ErrorCode::Internal, "web.error.catalog_keys", {},
                        std::string(file.path) + ": key defined twice: " + k);
    return {};
}

}  // namespace

Locale negotiate(std::optional<Locale> preference, std::string_view query_lang,
                 std::string_view accept_language) {
    if (preference) return *preference;
    if (auto q = parse_locale(query_lang)) return *q;
    if (auto a = from_accept_language(accept_language)) return *a;
    return Locale::Vi;
}

Result<Catalog> Catalog::load(std::span<const EmbeddedFile> files) { return load_all({files}); }

Result<Catalog> Catalog::load_all(const std::vector<std::span<const EmbeddedFile>>& file_sets) {
    Catalog c;
    bool found_vi = false, found_en = false;
    for (auto files : file_sets) {
        for (const auto& f : files) {
            if (f.path.ends_with("i18n/vi.toml")) {
                if (auto st = load_one(f, c.vi_); !st) return st.error();
                found_vi = true;
            } else if (f.path.ends_with("i18n/en.toml")) {
                if (auto st = load_one(f, c.en_); !st) return st.error();
                found_en = true;
            }
        }
    }
    if (!found_vi || !found_en)
        return fail(ErrorCode::Internal, "web.error.catalog_missing", {},
                    found_vi ? "no i18n/en.toml" : "no i18n/vi.toml");
    for (const auto& [k, _] : c.vi_)
        if (!c.en_.contains(k))
            return fail(ErrorCode::Internal, "web.error.catalog_keys", {}, "en.toml lacks " + k);
    for (const auto& [k, _] : c.en_)
        if (!c.vi_.contains(k))
            return fail(ErrorCode::Internal, "web.error.catalog_keys", {}, "vi.toml lacks " + k);
    return c;
}

const std::string* Catalog::find(Locale locale, std::string_view key) const {
    const auto& m = messages(locale);
    auto it = m.find(std::string(key));
    return it == m.end() ? nullptr : &it->second;
}

const std::string& Catalog::text(Locale locale, std::string_view key) const {
    if (const auto* s = find(locale, key)) return *s;
    // Keys are compile-time strings in practice; an unknown one renders as itself.
    thread_local std::unordered_map<std::string, std::string> unknown;
    auto [it, _] = unknown.try_emplace(std::string(key), std::string(key));
    return it->second;
}

std::string Catalog::format(Locale locale, std::string_view key,
                            const std::map<std::string, std::string>& args) const {
    std::string out = text(locale, key);
    for (const auto& [name, value] : args) {
        const std::string needle = "{" + name + "}";
        for (auto pos = out.find(needle); pos != std::string::npos;
             pos = out.find(needle, pos + value.size()))
            out.replace(pos, needle.size(), value);
    }
    return out;
}

}  // namespace danchu::web
