#pragma once
// What a handler returns: a status, headers, and either an in-memory body or a file to stream
// (static files, stored uploads). The session adds the security headers and X-Request-Id, and
// drops the body for HEAD; handlers only describe the answer.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/cookies.hpp"
#include "http/status.hpp"

namespace danchu::http {

class Response final {
  public:
    using Header = std::pair<std::string, std::string>;

    Response() = default;
    explicit Response(Status status) : status_(status) {}

    /// 200 text/html; charset=utf-8.
    [[nodiscard]] static Response html(std::string body, Status status = Status::ok);
    /// 200 text/plain; charset=utf-8.
    [[nodiscard]] static Response text(std::string body, Status status = Status::ok);
    /// 303 See Other: the answer to every successful POST (Post/Redirect/Get).
    [[nodiscard]] static Response redirect_see_other(std::string_view url);
    /// Streams `path` from disk; Content-Length comes from the file at write time.
    [[nodiscard]] static Response file(std::filesystem::path path, std::string content_type,
                                       Status status = Status::ok);

    [[nodiscard]] Status status() const { return status_; }
    void set_status(Status s) { status_ = s; }

    /// Replaces every header named `name` (case-insensitive).
    void set_header(std::string_view name, std::string value);
    /// Appends, keeping existing headers of that name (Set-Cookie, Vary).
    void add_header(std::string name, std::string value);
    /// Sets only when absent.
    void set_header_if_absent(std::string_view name, std::string value);
    void remove_header(std::string_view name);
    [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
    [[nodiscard]] const std::vector<Header>& headers() const { return headers_; }

    void set_cookie(std::string_view name, std::string_view value,
                    const CookieOptions& options = {});
    /// Expires a cookie at the browser (Max-Age=0) with the same path.
    void clear_cookie(std::string_view name, std::string path = "/");

    [[nodiscard]] const std::string& body() const { return body_; }
    [[nodiscard]] std::string& body() { return body_; }
    void set_body(std::string body) {
        body_ = std::move(body);
        file_.reset();
    }
    [[nodiscard]] const std::optional<std::filesystem::path>& file_path() const { return file_; }

  private:
    Status status_ = Status::ok;
    std::vector<Header> headers_;
    std::string body_;
    std::optional<std::filesystem::path> file_;
};

/// Case-insensitive ASCII comparison for header names.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace danchu::http
