#include "http/request.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <random>

#include "http/response.hpp"
#include "http/url_codec.hpp"

namespace danchu::http {

danchu::Status Request::set_target(std::string target, const TextNormalizer& normalize) {
    if (target.empty() || target.front() != '/')
        return fail(ErrorCode::InvalidInput, "http.error.bad_target");
    target_ = std::move(target);
    std::string_view t = target_;
    auto q = t.find('?');
    std::string_view raw_path = t.substr(0, q);
    std::string_view raw_query = q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
    auto hash = raw_query.find('#');
    if (hash != std::string_view::npos) raw_query = raw_query.substr(0, hash);

    segments_.clear();
    path_.clear();
    // Segments are decoded one by one so that "%2F" stays inside its segment instead of
    // creating a new one, and "..%2F" tricks cannot reach the router or the file system.
    std::string_view rest = raw_path.substr(1);
    while (true) {
        auto slash = rest.find('/');
        std::string_view raw_seg = rest.substr(0, slash);
        auto seg = percent_decode(raw_seg, PlusAsSpace::No);
        if (!seg) return seg.error();
        if (*seg == ".." || *seg == "." || seg->find('\0') != std::string::npos ||
            !is_valid_utf8(*seg))
            return fail(ErrorCode::InvalidInput, "http.error.bad_target");
        if (normalize) *seg = normalize(*seg);
        path_.push_back('/');
        path_ += *seg;
        if (slash == std::string_view::npos) {
            if (!seg->empty()) segments_.push_back(std::move(*seg));
            break;
        }
        if (!seg->empty()) segments_.push_back(std::move(*seg));
        rest = rest.substr(slash + 1);
    }

    auto query = parse_urlencoded(raw_query);
    if (!query) return query.error();
    if (normalize)
        for (auto& [k, v] : query->items()) {
            k = normalize(k);
            v = normalize(v);
        }
    query_ = std::move(*query);
    return {};
}

std::optional<std::string_view> Request::header(std::string_view name) const {
    for (const auto& [k, v] : headers_)
        if (iequals(k, name)) return std::string_view{v};
    return std::nullopt;
}

void Request::add_header(std::string name, std::string value) {
    if (iequals(name, "Cookie")) {
        for (auto& c : parse_cookie_header(value)) cookies_.push_back(std::move(c));
    }
    headers_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
    for (const auto& [k, v] : cookies_)
        if (k == name) return std::string_view{v};
    return std::nullopt;
}

std::string Request::content_type() const {
    auto h = header("Content-Type");
    if (!h) return {};
    std::string_view v = h->substr(0, h->find(';'));
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    std::string out(v);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Request::param(std::string_view name) const {
    for (const auto& [k, v] : params_)
        if (k == name) return v;
    return {};
}

Result<std::int64_t> Request::param_int(std::string_view name) const {
    for (const auto& [k, v] : params_) {
        if (k != name) continue;
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
        if (ec != std::errc{} || ptr != v.data() + v.size() || v.empty()) break;
        return out;
    }
    return fail(ErrorCode::NotFound, "http.error.bad_param", {}, std::string(name));
}

std::string make_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

}  // namespace danchu::http
