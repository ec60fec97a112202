#include "http/form.hpp"

#include "http/url_codec.hpp"

namespace danchu::http {

std::optional<std::string_view> FormFields::get(std::string_view key) const {
    for (const auto& [k, v] : items_)
        if (k == key) return std::string_view{v};
    return std::nullopt;
}

std::vector<std::string_view> FormFields::get_all(std::string_view key) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : items_)
        if (k == key) out.emplace_back(v);
    return out;
}

Result<FormFields> parse_urlencoded(std::string_view body) {
    FormFields fields;
    while (!body.empty()) {
        auto amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        std::string_view raw_key = pair.substr(0, eq);
        std::string_view raw_value =
            eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        auto key = percent_decode(raw_key, PlusAsSpace::Yes);
        if (!key) return key.error();
        auto value = percent_decode(raw_value, PlusAsSpace::Yes);
        if (!value) return value.error();
        if (!is_valid_utf8(*key) || !is_valid_utf8(*value))
            return fail(ErrorCode::InvalidInput, "http.error.bad_utf8");
        fields.add(std::move(*key), std::move(*value));
    }
    return fields;
}

std::string to_urlencoded(const std::vector<FormFields::Item>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty()) out.push_back('&');
        out += form_encode(k);
        out.push_back('=');
        out += form_encode(v);
    }
    return out;
}

}  // namespace danchu::http
