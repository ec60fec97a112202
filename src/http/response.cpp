#include "http/response.hpp"

#include <algorithm>
#include <cctype>

namespace danchu::http {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

Response Response::html(std::string body, Status status) {
    Response r(status);
    r.set_header("Content-Type", "text/html; charset=utf-8");
    r.body_ = std::move(body);
    return r;
}

Response Response::text(std::string body, Status status) {
    Response r(status);
    r.set_header("Content-Type", "text/plain; charset=utf-8");
    r.body_ = std::move(body);
    return r;
}

Response Response::redirect_see_other(std::string_view url) {
    Response r(Status::see_other);
    // A CR or LF in a Location would split the response; callers pass url_for() output, but
    // drop them anyway rather than trust every caller.
    std::string location;
    for (char c : url)
        if (c != '\r' && c != '\n') location.push_back(c);
    r.set_header("Location", std::move(location));
    return r;
}

Response Response::file(std::filesystem::path path, std::string content_type, Status status) {
    Response r(status);
    r.set_header("Content-Type", std::move(content_type));
    r.file_ = std::move(path);
    return r;
}

void Response::set_header(std::string_view name, std::string value) {
    remove_header(name);
    headers_.emplace_back(std::string(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
}

void Response::set_header_if_absent(std::string_view name, std::string value) {
    if (!header(name)) headers_.emplace_back(std::string(name), std::move(value));
}

void Response::remove_header(std::string_view name) {
    std::erase_if(headers_, [&](const Header& h) { return iequals(h.first, name); });
}

std::optional<std::string_view> Response::header(std::string_view name) const {
    for (const auto& [k, v] : headers_)
        if (iequals(k, name)) return std::string_view{v};
    return std::nullopt;
}

void Response::set_cookie(std::string_view name, std::string_view value,
                          const CookieOptions& options) {
    add_header("Set-Cookie", serialize_set_cookie(name, value, options));
}

void Response::clear_cookie(std::string_view name, std::string path) {
    CookieOptions o;
    o.max_age = std::chrono::seconds{0};
    o.path = std::move(path);
    add_header("Set-Cookie", serialize_set_cookie(name, "", o));
}

}  // namespace danchu::http
